"""Who holds the chair: one person chairing many meetings, one sector chairing the strategic
table, strategic meetings with a single chair and no co-chair or vice chair from elsewhere.

Seeds 000 and 001 (`000_7ab3818a98b34f54.txt`, `001_3c1d20c405aabe14.txt`) suggest sharing the
chair with health or the voluntary sector; seed 003 (`003_ed8bcb76a249a612.txt`) asks for
reduced power imbalances.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from typing import Annotated, TypedDict

from mapper.analysis import Analysis
from mapper.findings.base import Detected
from mapper.findings.registry import check
from mapper.findings.shown import Shown

__all__ = ["ChairsMany", "ChairingDominated", "NoSharedChair"]


class ChairsMany(TypedDict):
    meetings: Annotated[list[str], Shown("Chairs", "records")]


class ChairingDominated(TypedDict):
    sector: Annotated[str, Shown("Sector", "word")]
    meetings_chaired: Annotated[int, Shown("Strategic meetings its people alone chair", "count")]
    strategic_meetings: Annotated[int, Shown("Strategic meetings in all", "count")]
    chairs_by_sector: Annotated[
        dict[str, int], Shown("Strategic meetings chaired by one sector alone", "counts")
    ]


class NoSharedChair(TypedDict):
    chairs: Annotated[list[str], Shown("Chaired by", "records")]
    vice_chair: Annotated[str | None, Shown("Vice chair", "record", empty="none named")]


@check(
    "chairs_many_meetings",
    theme="governance",
    severities=("medium",),
    severity_rule="medium",
    evidence=ChairsMany,
    settings=("chair_limit",),
)
def people_chairing_many(analysis: Analysis) -> Iterator[Detected]:
    """People chairing `chair_limit` meetings or more, found through the index of who chairs
    what (a scan of every meeting per person was quadratic: 9.8 s on the national map)."""
    for person, meetings in sorted(analysis.chaired_by.items()):
        if len(meetings) >= analysis.settings.chair_limit:
            yield Detected(
                "chairs_many_meetings", "medium", (person,), ChairsMany(meetings=meetings)
            )


@check(
    "chairing_dominated",
    theme="governance",
    severities=("medium",),
    severity_rule="medium",
    evidence=ChairingDominated,
    settings=("chair_share", "strategic_table_min_per_year"),
)
def chairing_dominated_by_one_sector(analysis: Analysis) -> Iterator[Detected]:
    partnership, settings = analysis.partnership, analysis.settings
    strategic = list(analysis.tables)
    if len(strategic) < 2:
        return
    # A meeting co-chaired across sectors is shared; it counts for a sector only when that
    # sector holds every chair.
    # A chair that rotates between organisations is shared by them.
    alone = [
        {partnership.organisation_by_id[o].sector for o in m.chair_rotates}
        | {partnership.sector_of(c) for c in m.chairs}
        for m in strategic
    ]
    chaired_by = Counter(next(iter(sectors)) for sectors in alone if len(sectors) == 1)
    if not chaired_by:
        return
    sector, count = max(sorted(chaired_by.items()), key=lambda item: item[1])
    if count / len(strategic) >= settings.chair_share:
        yield Detected(
            "chairing_dominated",
            "medium",
            (),
            ChairingDominated(
                sector=sector,
                meetings_chaired=count,
                strategic_meetings=len(strategic),
                chairs_by_sector=dict(sorted(chaired_by.items())),
            ),
        )


@check(
    "no_shared_chair",
    theme="governance",
    severities=("low",),
    severity_rule="low",
    evidence=NoSharedChair,
    settings=("strategic_table_min_per_year",),
)
def single_chairs(analysis: Analysis) -> Iterator[Detected]:
    """Strategic tables (`Analysis.tables`) where no co-chair or vice chair comes from
    another organisation. A chair that rotates between organisations is shared, and so is an
    independent chair: one from a `strategic_only` organisation (a scrutineer's office), which
    speaks for none of the partners."""
    partnership = analysis.partnership
    for meeting in analysis.tables:
        if meeting.chair_rotates:
            continue
        leaders = [*meeting.chairs, *([meeting.vice_chair] if meeting.vice_chair else [])]
        homes = {partnership.person_by_id[p].organisation or p for p in leaders}
        if homes & analysis.strategic_only:
            continue
        if len(homes) < 2:
            yield Detected(
                "no_shared_chair",
                "low",
                (meeting.id,),
                NoSharedChair(chairs=list(meeting.chairs), vice_chair=meeting.vice_chair),
            )
