"""Missing voices: meetings without families in the room, sectors absent from the top table.

Seeds 001, 003 and 004 (`001_3c1d20c405aabe14.txt`, `003_ed8bcb76a249a612.txt`,
`004_5109af848b2a795c.txt`): the meaningful participation of children, young people and
families, and a system shaped by the needs of the people it serves.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TypedDict

from mapper.analysis import Analysis
from mapper.findings.base import Detected
from mapper.findings.registry import check

__all__ = ["EXPECTED_AT_THE_TABLE", "NoFamilyVoice", "SectorAbsent"]


class NoFamilyVoice(TypedDict):
    level: str
    attendees: int


class SectorAbsent(TypedDict):
    sector: str
    organisations_in_map: list[str]


EXPECTED_AT_THE_TABLE = ("local_authority", "health", "education", "vcfs", "families")


@check(
    "no_family_voice",
    theme="voice",
    severities=("medium", "low"),
    severity_rule="medium for a strategic meeting, low for an operational one",
    evidence=NoFamilyVoice,
)
def meetings_without_family_voice(analysis: Analysis) -> Iterator[Detected]:
    partnership = analysis.partnership
    family = {p.id for p in partnership.people if p.level == "family"}
    for meeting in partnership.meetings:
        if meeting.level in ("strategic", "operational") and not meeting.attendees & family:
            yield Detected(
                "no_family_voice",
                "medium" if meeting.level == "strategic" else "low",
                (meeting.id,),
                NoFamilyVoice(level=meeting.level, attendees=len(meeting.attendees)),
            )


@check(
    "sector_absent_from_strategic_level",
    theme="voice",
    severities=("high", "medium"),
    severity_rule="high for families, medium for any other sector",
    evidence=SectorAbsent,
)
def sectors_absent_from_strategic_table(analysis: Analysis) -> Iterator[Detected]:
    partnership = analysis.partnership
    present: set[str] = set()
    for meeting in partnership.meetings:
        if meeting.level != "strategic":
            continue
        for person_id in meeting.attendees:
            person = partnership.person_by_id[person_id]
            if person.level == "family":
                present.add("families")
            if person.organisation:
                present.add(partnership.organisation_by_id[person.organisation].sector)
    for sector in EXPECTED_AT_THE_TABLE:
        if sector not in present:
            in_map = sorted(o.id for o in partnership.organisations if o.sector == sector)
            yield Detected(
                "sector_absent_from_strategic_level",
                "high" if sector == "families" else "medium",
                tuple(in_map),
                SectorAbsent(sector=sector, organisations_in_map=in_map),
            )
