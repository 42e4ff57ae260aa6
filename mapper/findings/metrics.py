"""The system's headline figures: how far ties cross sectors, and how few departures it takes
to cut an organisation off."""

from __future__ import annotations

from typing import Any

from mapper.findings.base import Detected
from mapper.findings.links import organisation_pairs_by_level
from mapper.model import Partnership

__all__ = ["cross_sector_ties", "succession_resilience"]


def cross_sector_ties(partnership: Partnership) -> dict[str, dict[str, Any]]:
    """Per meeting level: pairs of organisations that share a meeting, and the share of those
    pairs that cross sectors."""
    sector = {o.id: o.sector for o in partnership.organisations}
    figures = {}
    for level in ("strategic", "operational", "practitioner"):
        pairs = organisation_pairs_by_level(partnership, level)
        crossing = sum(sector[a] != sector[b] for a, b in pairs)
        figures[level] = {
            "organisation_pairs": len(pairs),
            "cross_sector_share": round(crossing / len(pairs), 2) if pairs else None,
        }
    return figures


def succession_resilience(partnership: Partnership, single_points: list[Detected]) -> int | None:
    """The fewest people whose departure would cut some organisation off from its partners.

    Exactly 1 when there is a single point of failure. Otherwise the smallest number of linked
    people any connected organisation has (people in a shared meeting or relationship): an
    upper bound that is usually the answer, since cutting one organisation off is the cheapest
    split. None when no two organisations are connected at all.
    """
    if single_points:
        return 1
    org_of = {p.id: p.organisation for p in partnership.people}
    linked: dict[str, set[str]] = {}
    for meeting in partnership.meetings:
        if len(partnership.organisations_present[meeting.id]) > 1:
            for person in meeting.attendees:
                if org_of[person]:
                    linked.setdefault(org_of[person], set()).add(person)
    for tie in partnership.relationships:
        for end in (tie.source, tie.target):
            if org_of.get(end):
                linked.setdefault(org_of[end], set()).add(end)
    return min((len(people) for people in linked.values()), default=None)
