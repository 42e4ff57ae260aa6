"""Run an import in a child process and measure it: exit status, messages, and how much
memory it took beyond what starting Python, the tool and openpyxl take.

    python -m tests.fuzz.measure cli import bomb.xlsx -o x.yaml
    python -m tests.fuzz.measure library bomb.xlsx people.csv

`library` calls `import_sheets` on the files, as the Import page does with uploads. The child
prints `EXTRA_KB <n>` as its last line of error output. `measured` runs it under an address
space limit, so a runaway import fails in the child instead of swapping the machine.
"""

from __future__ import annotations

import os
import re
import resource
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

__all__ = ["Measured", "measured"]

ROOT = Path(__file__).resolve().parents[2]
_LIMIT = 3 << 30  # bytes of address space for the child


@dataclass(frozen=True)
class Measured:
    code: int | None  # None: killed by the timeout
    out: str
    err: str
    extra_mb: float  # peak resident memory beyond the warmed-up start

    @property
    def traceback(self) -> bool:
        return "Traceback (most recent call last)" in self.err


def measured(mode: str, *args: str, timeout: float = 60) -> Measured:
    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (_LIMIT, _LIMIT))

    try:
        done = subprocess.run(
            [sys.executable, "-m", "tests.fuzz.measure", mode, *args],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=timeout,
            preexec_fn=limit,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
        )
    except subprocess.TimeoutExpired as expired:
        err = (
            expired.stderr.decode(errors="replace")
            if isinstance(expired.stderr, bytes)
            else (expired.stderr or "")
        )
        return Measured(None, "", err, float("inf"))
    found = re.findall(r"EXTRA_KB (\d+)", done.stderr)
    extra = int(found[-1]) / 1024 if found else float("inf")
    err = re.sub(r"EXTRA_KB \d+\n?", "", done.stderr)
    return Measured(done.returncode, done.stdout, err, extra)


def _peak_kb() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def _child(mode: str, args: list[str]) -> int:
    import openpyxl  # noqa: F401  (warm up: what every import pays anyway)

    from mapper.cli import main
    from mapper.errors import MapperError
    from mapper.sheets import import_sheets

    start = _peak_kb()
    try:
        if mode == "cli":
            code = main(args)
        else:
            try:
                import_sheets([(Path(a).name, Path(a).read_bytes()) for a in args], "Fuzzed")
                code = 0
            except MapperError as error:
                print(error, file=sys.stderr)
                code = 2
    finally:
        print(f"EXTRA_KB {max(0, _peak_kb() - start)}", file=sys.stderr)
    return code


if __name__ == "__main__":
    sys.exit(_child(sys.argv[1], sys.argv[2:]))
