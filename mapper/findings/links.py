"""Missing operational links: partners who meet at the top table but never below it.

Seed 000 (`000_7ab3818a98b34f54.txt`): a shared purpose among strategic leaders does not sustain
a system unless integration reaches every level.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import combinations

from mapper.findings.base import Detected
from mapper.model import Partnership

__all__ = [
    "missing_operational_links",
    "organisation_pairs_by_level",
    "absent_below_the_top_table",
    "levels_without_joint_meetings",
]


def organisation_pairs_by_level(
    partnership: Partnership, level: str
) -> dict[tuple[str, str], list[str]]:
    """Each pair of organisations (sorted) whose people share a meeting at `level`, with the
    meetings they share."""
    pairs: dict[tuple[str, str], list[str]] = {}
    for meeting in partnership.meetings:
        if meeting.level != level:
            continue
        for pair in combinations(partnership.organisations_present[meeting.id], 2):
            pairs.setdefault(pair, []).append(meeting.id)
    return pairs


def missing_operational_links(partnership: Partnership) -> Iterator[Detected]:
    """One finding per pair A != B that shares a strategic meeting but no operational one."""
    strategic = organisation_pairs_by_level(partnership, "strategic")
    operational = organisation_pairs_by_level(partnership, "operational")
    for pair in sorted(strategic.keys() - operational.keys()):
        yield Detected(
            "missing_operational_link", "medium", pair, {"strategic_meetings": strategic[pair]}
        )


def _cross_organisation_meetings(partnership: Partnership, level: str) -> list[set[str]]:
    """The organisations present in each meeting at `level` that brings two or more together."""
    present = partnership.organisations_present
    return [
        set(present[m.id])
        for m in partnership.meetings
        if m.level == level and len(present[m.id]) > 1
    ]


def absent_below_the_top_table(partnership: Partnership) -> Iterator[Detected]:
    """Organisations in a cross-organisation strategic meeting with no one in any
    cross-organisation operational meeting: present at the top table only."""
    strategic = set().union(*_cross_organisation_meetings(partnership, "strategic"))
    operational = set().union(*_cross_organisation_meetings(partnership, "operational"))
    for org in sorted(strategic - operational):
        yield Detected("no_operational_presence", "medium", (org,), {})


def levels_without_joint_meetings(partnership: Partnership) -> Iterator[Detected]:
    """Levels where no meeting brings two organisations together (when the map has
    organisations at all)."""
    if len(partnership.organisations) < 2:
        return
    for level in ("strategic", "operational", "practitioner"):
        if not _cross_organisation_meetings(partnership, level):
            yield Detected(
                "level_without_joint_meeting",
                "high" if level != "practitioner" else "medium",
                (),
                {"level": level},
            )
