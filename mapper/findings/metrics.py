"""The system's headline figures: how far ties cross sectors, how few departures it takes to
cut an organisation off, and the hours each organisation spends in meetings."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from mapper.analysis import LEVELS, Analysis
from mapper.findings.base import Detected
from mapper.findings.workload import hours_a_month_by_organisation

__all__ = ["cross_sector_ties", "headline_figures", "succession_resilience"]


def cross_sector_ties(analysis: Analysis) -> dict[str, dict[str, Any]]:
    """Per meeting level: pairs of organisations that share a meeting, and the share of those
    pairs that cross sectors."""
    sector = {o.id: o.sector for o in analysis.partnership.organisations}
    figures = {}
    for level in LEVELS:
        pairs = analysis.organisation_pairs_at(level)
        crossing = sum(sector[a] != sector[b] for a, b in pairs)
        figures[level] = {
            "organisation_pairs": len(pairs),
            "cross_sector_share": round(crossing / len(pairs), 2) if pairs else None,
        }
    return figures


def succession_resilience(analysis: Analysis) -> int | None:
    """The fewest people whose departure would cut some organisation off from its partners.

    Exactly 1 when there is a single point of failure. Otherwise the smallest number of linked
    people any connected organisation has (people in a shared meeting or relationship): an
    upper bound that is usually the answer, since cutting one organisation off is the cheapest
    split. None when no two organisations are connected at all.
    """
    if analysis.single_points:
        return 1
    partnership = analysis.partnership
    org_of = {p.id: p.organisation for p in partnership.people}
    linked: dict[str, set[str]] = {}
    for meeting in partnership.meetings:
        if len(partnership.organisations_present[meeting.id]) > 1:
            for person in meeting.attendees:
                if home := org_of[person]:
                    linked.setdefault(home, set()).add(person)
    for tie in partnership.relationships:
        for end in (tie.source, tie.target):
            if home := org_of.get(end):
                linked.setdefault(home, set()).add(end)
    return min((len(people) for people in linked.values()), default=None)


def headline_figures(analysis: Analysis, detected: Sequence[Detected]) -> dict[str, Any]:
    """The figures the diagnosis reports beside its findings."""
    return {
        "single_points_of_failure": len(analysis.single_points),
        "succession_resilience": succession_resilience(analysis),
        "cross_organisation_pairs_without_operational_link": sum(
            len(d.evidence["partners"]) for d in detected if d.kind == "missing_operational_link"
        )
        // 2,
        "cross_sector_ties": cross_sector_ties(analysis),
        "meeting_hours_a_month_by_organisation": hours_a_month_by_organisation(analysis),
    }
