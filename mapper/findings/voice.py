"""Missing voices: meetings without families in the room, sectors absent from the top table.

Seeds 001, 003 and 004 (`001_3c1d20c405aabe14.txt`, `003_ed8bcb76a249a612.txt`,
`004_5109af848b2a795c.txt`): the meaningful participation of children, young people and
families, and a system shaped by the needs of the people it serves.
"""

from __future__ import annotations

from collections.abc import Iterator

from mapper.findings.base import Detected
from mapper.model import Partnership

__all__ = [
    "meetings_without_family_voice",
    "sectors_absent_from_strategic_table",
    "EXPECTED_AT_THE_TABLE",
]

EXPECTED_AT_THE_TABLE = ("local_authority", "health", "education", "vcfs", "families")


def meetings_without_family_voice(partnership: Partnership) -> Iterator[Detected]:
    family = {p.id for p in partnership.people if p.level == "family"}
    for meeting in partnership.meetings:
        if meeting.level in ("strategic", "operational") and not meeting.attendees & family:
            yield Detected(
                "no_family_voice",
                "medium" if meeting.level == "strategic" else "low",
                (meeting.id,),
                {"level": meeting.level, "attendees": len(meeting.attendees)},
            )


def sectors_absent_from_strategic_table(partnership: Partnership) -> Iterator[Detected]:
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
                {"sector": sector, "organisations_in_map": in_map},
            )
