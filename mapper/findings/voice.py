"""Missing voices: meetings without families in the room, sectors absent from the top table.

Seeds 001, 003 and 004 (`001_3c1d20c405aabe14.txt`, `003_ed8bcb76a249a612.txt`,
`004_5109af848b2a795c.txt`): the meaningful participation of children, young people and
families, and a system shaped by the needs of the people it serves.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated, TypedDict

from mapper.analysis import Analysis
from mapper.findings.base import Detected
from mapper.findings.registry import check
from mapper.findings.shown import Shown

__all__ = ["EXPECTED_AT_THE_TABLE", "NoFamilyVoice", "SectorAbsent", "family_voice_needed"]


class NoFamilyVoice(TypedDict):
    level: Annotated[str, Shown("Level", "word")]
    attendees: Annotated[int, Shown("People who attend", "count")]
    also_below: Annotated[
        list[str], Shown("Meetings reporting to it with no family voice either", "records")
    ]


class SectorAbsent(TypedDict):
    sector: Annotated[str, Shown("Sector", "word")]
    organisations_in_map: Annotated[
        list[str], Shown("Its organisations on the map", "records", empty="the map has none")
    ]


#: The sectors each kind of partnership expects at its strategic table. Families are not
#: among them: their absence is `no_family_voice`'s, said once (on the meetings).
EXPECTED_AT_THE_TABLE: dict[str, tuple[str, ...]] = {
    # the family hubs programme's partners: the council, health, education, the voluntary,
    # community and faith sector
    "family_hubs": ("local_authority", "health", "education", "vcfs"),
    # the three statutory safeguarding partners, and education, a relevant agency the
    # statutory guidance singles out
    "safeguarding": ("local_authority", "health", "police", "education"),
    # the statutory members of a Health and Wellbeing Board: the council and the NHS
    "health_and_wellbeing": ("local_authority", "health"),
    # the statutory community planning partners every area has, and its third sector
    "community_planning": ("local_authority", "health", "police", "fire_and_rescue", "vcfs"),
    # a network of another kind: no sector is expected of it
    "other": (),
}


def family_voice_needed(analysis: Analysis) -> list[str]:
    """The meetings where the absence of families is evidence: the standing ones of the
    partnership's own tree (not an `external` board, which is not the partnership's to change),
    strategic tables and operational meetings, whose members are recorded (some recorded,
    and not `membership: partial`)."""
    tables = {m.id for m in analysis.tables}
    return [
        m.id
        for m in analysis.partnership.meetings
        if (m.id in tables or (m.level == "operational" and m.id in analysis.standing))
        and not m.external
        and m.membership != "partial"
        and m.members
    ]


@check(
    "no_family_voice",
    theme="voice",
    severities=("medium", "low"),
    severity_rule="medium for a strategic meeting, low for an operational one",
    evidence=NoFamilyVoice,
    settings=("strategic_table_min_per_year",),
)
def meetings_without_family_voice(analysis: Analysis) -> Iterator[Detected]:
    """Meetings with no one at family level (`family_voice_needed`), one finding per line of
    the reports-to tree: a meeting without families that reports to one without them is said
    on the highest such meeting (`also_below`, and among its subjects), not again on its own."""
    partnership = analysis.partnership
    family = {p.id for p in partnership.people if p.level == "family"}
    meetings = partnership.meeting_by_id
    without = [m for m in family_voice_needed(analysis) if not meetings[m].attendees & family]
    lacking = set(without)
    parents = analysis.reporting.parents

    def owner(meeting: str) -> str:
        seen = [meeting]
        while (up := next((p for p in parents.get(seen[-1], ()) if p in lacking), None)) and (
            up not in seen
        ):
            seen.append(up)
        return seen[-1]

    lines: dict[str, list[str]] = {}
    for m in without:
        lines.setdefault(owner(m), []).append(m)
    for top, line in lines.items():
        meeting = meetings[top]
        below = [m for m in line if m != top]
        yield Detected(
            "no_family_voice",
            "medium" if meeting.level == "strategic" else "low",
            (top, *below),
            NoFamilyVoice(level=meeting.level, attendees=len(meeting.attendees), also_below=below),
        )


@check(
    "sector_absent_from_strategic_level",
    theme="voice",
    severities=("medium",),
    severity_rule="medium",
    evidence=SectorAbsent,
    settings=("strategic_table_min_per_year",),
)
def sectors_absent_from_strategic_table(analysis: Analysis) -> Iterator[Detected]:
    """The sectors the partnership's `type` expects (`EXPECTED_AT_THE_TABLE`) that no one at
    a strategic table comes from (an organisation's services count for it)."""
    partnership = analysis.partnership
    present = {
        partnership.organisation_by_id[org].sector
        for m in analysis.tables
        for org in analysis.present_in[m.id]
    }
    for sector in EXPECTED_AT_THE_TABLE[partnership.type]:
        if sector not in present:
            in_map = sorted(o.id for o in partnership.organisations if o.sector == sector)
            yield Detected(
                "sector_absent_from_strategic_level",
                "medium",
                tuple(in_map),
                SectorAbsent(sector=sector, organisations_in_map=in_map),
            )
