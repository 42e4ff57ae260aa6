"""The diagnosis on maps of published partnership structures, against what a reviewer says.

    python benchmarks/validation.py [--detail] [MAP ...]

For each review in examples/real (`*.review.yaml`, see tests/review.py for what each word
means), the map is diagnosed and every finding shown is judged kept, false or unforeseen;
what the reviewer expected and the diagnosis does not give is missed. Prints one row per map
(the precision issue 13 asks to be at least 80%, with no high finding a reviewer would not
sign) and, with --detail, every verdict. A map the loader refuses is listed with why.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from mapper.diagnosis import diagnose  # noqa: E402
from mapper.errors import MapperError  # noqa: E402
from mapper.load import load_map  # noqa: E402
from tests.review import REAL, judge, reviews  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("maps", nargs="*", help="map file names to judge (default: every one)")
    parser.add_argument("--detail", action="store_true", help="list every verdict")
    args = parser.parse_args(argv)
    print(
        f"{'map':32} {'shown':>5} {'kept':>4} {'false':>5} {'unforeseen':>10} "
        f"{'missed':>6} {'precision':>9} {'high not signed':>15}"
    )
    for review in reviews(REAL):
        if args.maps and review.map.name not in args.maps:
            continue
        try:
            findings = diagnose(load_map(review.map)).findings
        except MapperError as error:
            first = str(error).splitlines()[0]
            print(f"{review.map.name:32} not loaded: {first[:90]}")
            continue
        v = judge(findings, review)
        precision = "-" if v.precision is None else f"{v.precision:.0%}"
        print(
            f"{review.map.name:32} {v.shown:5} {len(v.kept):4} {len(v.false):5} "
            f"{len(v.unforeseen):10} {len(v.missed):6} {precision:>9} {len(v.high_false):15}"
        )
        if args.detail:
            for f, _ in v.kept:
                print(f"    kept        {f.severity:6} {f.kind} {list(f.subjects)}")
            for f, e in v.false:
                print(f"    FALSE       {f.severity:6} {f.kind} {list(f.subjects)}: {e.why}")
            for f in v.unforeseen:
                print(f"    unforeseen  {f.severity:6} {f.kind} {list(f.subjects)}: {f.title}")
            for e in v.missed:
                print(
                    f"    MISSED      {e.severity or '':6} {e.kind} {sorted(e.subjects)}: {e.why}"
                )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
