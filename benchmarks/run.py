"""Time the loader, the diagnosis and the whole `check` on synthetic maps, and print figures.

    python benchmarks/run.py                 # county and large
    python benchmarks/run.py national        # any sizes from benchmarks/generate.py

Each size runs in its own process so that peak memory is that size's alone. Times are the
best of `REPEATS` runs (one for national). Targets (issue 3, on 2 cores): county analysis under
0.3 s and the whole check under 2.5x a bare YAML parse; national check under 60 s and 3 GB.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

REPEATS = 3


def best(action: Callable[[], object], repeats: int) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return min(times)


def measure(size: str) -> dict[str, float]:
    """Run in a fresh process: every figure for one size."""
    import io

    import yaml

    from benchmarks.generate import ensure
    from mapper import load as loading
    from mapper import yaml_text
    from mapper.cli import main
    from mapper.diagnosis import diagnose

    path = ensure(size)
    text = path.read_text(encoding="utf-8")
    repeats = 1 if size == "national" else REPEATS
    cap = str(len(text) // 1_048_576 + 1)
    figures = {"megabytes": len(text) / 1_048_576}
    figures["bare_parse"] = best(lambda: yaml.load(text, Loader=yaml.CSafeLoader), repeats)
    figures["prescan"] = best(lambda: yaml_text.prescan(text), repeats)
    figures["compose_construct"] = best(lambda: yaml_text.compose_and_construct(text), repeats)
    figures["load_and_validate"] = best(
        lambda: loading.parse_map(text, max_bytes=len(text) + 1), repeats
    )
    partnership = loading.parse_map(text, max_bytes=len(text) + 1)
    figures["analyse"] = best(lambda: diagnose(partnership), repeats)
    figures["whole_check"] = best(
        lambda: main(
            ["check", str(path), "--format", "json", "--max-size", cap],
            out=io.StringIO(),
            err=io.StringIO(),
        ),
        repeats,
    )
    figures["ratio_to_bare_parse"] = figures["whole_check"] / figures["bare_parse"]
    figures["peak_memory_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return figures


def main(sizes: list[str]) -> None:
    print(
        f"{'size':<10}{'MB':>6}{'bare parse':>12}{'prescan':>10}{'compose':>10}"
        f"{'load+valid':>12}{'analyse':>10}{'check':>10}{'x parse':>9}{'peak MB':>9}"
    )
    for size in sizes:
        result = subprocess.run(
            [sys.executable, __file__, "--one", size],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        )
        f = json.loads(result.stdout)
        print(
            f"{size:<10}{f['megabytes']:>6.1f}{f['bare_parse']:>11.2f}s{f['prescan']:>9.2f}s"
            f"{f['compose_construct']:>9.2f}s{f['load_and_validate']:>11.2f}s"
            f"{f['analyse']:>9.2f}s{f['whole_check']:>9.2f}s"
            f"{f['ratio_to_bare_parse']:>8.2f}x{f['peak_memory_mb']:>9.0f}",
            flush=True,
        )


if __name__ == "__main__":
    if sys.argv[1:2] == ["--one"]:
        print(json.dumps(measure(sys.argv[2])))
    else:
        main(sys.argv[1:] or ["county", "large"])
