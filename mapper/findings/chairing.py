"""Who holds the chair: one person chairing many meetings, one sector chairing the strategic
table, strategic meetings with a single chair and no co-chair or vice chair from elsewhere.

Seeds 000 and 001 (`000_7ab3818a98b34f54.txt`, `001_3c1d20c405aabe14.txt`) suggest sharing the
chair with health or the voluntary sector; seed 003 (`003_ed8bcb76a249a612.txt`) asks for
reduced power imbalances.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from mapper.findings.base import Detected, Settings
from mapper.model import Partnership

__all__ = ["people_chairing_many", "chairing_dominated_by_one_sector", "single_chairs"]


def people_chairing_many(partnership: Partnership, settings: Settings) -> Iterator[Detected]:
    chaired = Counter(c for m in partnership.meetings for c in m.chairs)
    for person, count in sorted(chaired.items()):
        if count >= settings.chair_limit:
            yield Detected(
                "chairs_many_meetings",
                "medium",
                (person,),
                {"meetings": [m.id for m in partnership.meetings if person in m.chairs]},
            )


def chairing_dominated_by_one_sector(
    partnership: Partnership, settings: Settings
) -> Iterator[Detected]:
    strategic = [m for m in partnership.meetings if m.level == "strategic"]
    if len(strategic) < 2:
        return
    # A meeting co-chaired across sectors is shared; it counts for a sector only when that
    # sector holds every chair.
    alone = [{partnership.sector_of(c) for c in m.chairs} for m in strategic]
    chaired_by = Counter(next(iter(sectors)) for sectors in alone if len(sectors) == 1)
    if not chaired_by:
        return
    sector, count = max(sorted(chaired_by.items()), key=lambda item: item[1])
    if count / len(strategic) >= settings.chair_share:
        yield Detected(
            "chairing_dominated",
            "medium",
            (),
            {
                "sector": sector,
                "meetings_chaired": count,
                "strategic_meetings": len(strategic),
                "chairs_by_sector": dict(sorted(chaired_by.items())),
            },
        )


def single_chairs(partnership: Partnership) -> Iterator[Detected]:
    """Strategic meetings where no co-chair or vice chair comes from another organisation."""
    for meeting in partnership.meetings:
        if meeting.level != "strategic":
            continue
        leaders = [*meeting.chairs, *([meeting.vice_chair] if meeting.vice_chair else [])]
        homes = {partnership.person_by_id[p].organisation or p for p in leaders}
        if len(homes) < 2:
            yield Detected(
                "no_shared_chair",
                "low",
                (meeting.id,),
                {"chairs": list(meeting.chairs), "vice_chair": meeting.vice_chair},
            )
