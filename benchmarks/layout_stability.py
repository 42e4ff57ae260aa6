"""How far the nodes move when one thing is added, by hand: python benchmarks/layout_stability.py

Issue 14 measured a fresh layout after adding one unconnected person: the median node moved
about 22% of the map's width. For the county example and each view this prints, for adding
an unconnected family member, a person seated in a meeting, a meeting reporting to the top
one and an organisation: the median and the 90th percentile of the distance each existing
node moves as a share of the view's width, laid out afresh (as before) and with the map's
positions kept (now), and the time the incremental placement takes.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from mapper import load_map  # noqa: E402
from mapper.model import LAYOUT_VIEWS, Layout, Meeting, Organisation, Partnership, Person  # noqa: E402
from mapper.render.network import layout  # noqa: E402


def additions(p: Partnership) -> dict[str, Partnership]:
    meeting = p.meetings[3]
    seated = p.with_sections(
        people=(
            *p.people,
            Person(id="bench-seated", organisation=p.organisations[2].id, level="operational"),
        ),
        meetings=tuple(
            m.model_copy(update={"members": (*m.members, "bench-seated")})
            if m.id == meeting.id
            else m
            for m in p.meetings
        ),
    )
    return {
        "an unconnected family member": p.with_sections(
            people=(*p.people, Person(id="bench-family", level="family"))
        ),
        "a person seated in a meeting": seated,
        "a meeting under the top one": p.with_sections(
            meetings=(
                *p.meetings,
                Meeting(
                    id="bench-meeting",
                    level="operational",
                    frequency="monthly",
                    chairs=(p.people[0].id,),
                    reports_to=(p.meetings[0].id,),
                ),
            )
        ),
        "an organisation": p.with_sections(
            organisations=(*p.organisations, Organisation(id="bench-org", sector="vcfs"))
        ),
    }


def moved(before: dict, after: dict) -> tuple[float, float]:
    xs = [x for x, _ in before.values()]
    width = (max(xs) - min(xs)) or 1.0
    shares = sorted(
        ((after[k][0] - x) ** 2 + (after[k][1] - y) ** 2) ** 0.5 / width
        for k, (x, y) in before.items()
    )
    return statistics.median(shares), shares[int(0.9 * (len(shares) - 1))]


def main() -> None:
    county = load_map(ROOT / "examples" / "county.yaml")
    views = list(LAYOUT_VIEWS)
    kept = county.with_sections(version=2, layout={v: layout(county, v) for v in views})
    for what, changed in additions(kept).items():
        for view in views:
            before = kept.layout.of(view)
            fresh = layout(changed.model_copy(update={"layout": Layout()}), view)
            start = time.perf_counter()
            incremental = layout(changed, view)
            took = time.perf_counter() - start
            (fm, f90), (im, i90) = moved(before, fresh), moved(before, incremental)
            print(
                f"{what:30} {view:14} afresh: median {fm:6.1%}, 90th {f90:6.1%}   "
                f"kept: median {im:6.1%}, 90th {i90:6.1%}   placing took {took * 1000:.1f} ms"
            )


if __name__ == "__main__":
    main()
