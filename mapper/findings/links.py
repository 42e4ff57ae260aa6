"""Missing operational links: partners who meet at the top table but never below it.

Seed 000 (`000_7ab3818a98b34f54.txt`): a shared purpose among strategic leaders does not sustain
a system unless integration reaches every level.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import combinations

from mapper.findings.base import Detected
from mapper.model import Partnership

__all__ = ["missing_operational_links", "organisation_pairs_by_level"]


def organisation_pairs_by_level(
    partnership: Partnership, level: str
) -> dict[tuple[str, str], list[str]]:
    """Each pair of organisations (sorted) whose people share a meeting at `level`, with the
    meetings they share."""
    org_of = {p.id: p.organisation for p in partnership.people}
    pairs: dict[tuple[str, str], list[str]] = {}
    for meeting in partnership.meetings:
        if meeting.level != level:
            continue
        present = sorted({org_of[a] for a in meeting.attendees if org_of[a]})
        for pair in combinations(present, 2):
            pairs.setdefault(pair, []).append(meeting.id)
    return pairs


def missing_operational_links(partnership: Partnership) -> Iterator[Detected]:
    """One finding per pair A != B that shares a strategic meeting but no operational one."""
    strategic = organisation_pairs_by_level(partnership, "strategic")
    operational = organisation_pairs_by_level(partnership, "operational")
    for pair in sorted(strategic.keys() - operational.keys()):
        yield Detected("missing_operational_link", "medium", pair,
                       {"strategic_meetings": strategic[pair]})
