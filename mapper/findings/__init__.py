"""The diagnosis: every check run over a map, as findings with recommendations.

`diagnose(partnership)` is the one entry point for the CLI, the app and the report.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from mapper.findings.base import SEVERITIES, Detected, Finding, Settings, Severity
from mapper.findings.chairing import (
    chairing_dominated_by_one_sector,
    people_chairing_many,
    single_chairs,
)
from mapper.findings.connectors import connectors
from mapper.findings.duplicates import duplicate_meetings
from mapper.findings.governance import outside_governance_tree, reports_to_cycles
from mapper.findings.isolation import isolated_organisations, isolated_people
from mapper.findings.links import (
    absent_below_the_top_table,
    levels_without_joint_meetings,
    missing_operational_links,
)
from mapper.findings.metrics import cross_sector_ties, succession_resilience
from mapper.findings.purpose import outcomes_nobody_holds, purpose_rarely_revisited
from mapper.findings.roles import key_roles_without_deputy, missing_key_roles, planned_departures
from mapper.findings.silos import organisation_network, sector_silos
from mapper.findings.succession import critical_organisations, single_points_of_failure
from mapper.findings.voice import meetings_without_family_voice, sectors_absent_from_strategic_table
from mapper.findings.workload import heavy_meeting_loads, hours_a_month_by_organisation
from mapper.graph import system_graph
from mapper.memory import collection_paused
from mapper.model import Partnership

__all__ = ["SEVERITIES", "Detected", "Diagnosis", "Finding", "Severity", "Settings", "diagnose"]


@dataclass(frozen=True)
class Diagnosis:
    """All findings, most severe first, and the figures the checks measured."""

    findings: tuple[Finding, ...]
    metrics: dict[str, Any]

    def of_kind(self, kind: str) -> list[Finding]:
        return [f for f in self.findings if f.kind == kind]


def diagnose(
    partnership: Partnership, settings: Settings | None = None, today: dt.date | None = None
) -> Diagnosis:
    """Run every check; findings come by severity, then kind, then each check's own order.

    `today` fixes the date that planned departures are counted from (tests, reports).
    """
    with collection_paused():
        return _diagnose(partnership, settings or partnership.settings, today or dt.date.today())


def _diagnose(partnership: Partnership, settings: Settings, today: dt.date) -> Diagnosis:
    from mapper.recommend import word

    graph = system_graph(partnership)
    organisations = organisation_network(partnership)
    single_points = list(single_points_of_failure(partnership, graph))
    detected: list[Detected] = [
        *missing_operational_links(partnership),
        *absent_below_the_top_table(partnership),
        *levels_without_joint_meetings(partnership),
        *duplicate_meetings(partnership, settings),
        *single_points,
        *critical_organisations(partnership),
        *reports_to_cycles(partnership),
        *outside_governance_tree(partnership),
        *people_chairing_many(partnership, settings),
        *chairing_dominated_by_one_sector(partnership, settings),
        *single_chairs(partnership),
        *meetings_without_family_voice(partnership),
        *sectors_absent_from_strategic_table(partnership),
        *missing_key_roles(partnership),
        *key_roles_without_deputy(partnership),
        *planned_departures(partnership, settings, today, {d.subjects[0] for d in single_points}),
        *heavy_meeting_loads(partnership, settings),
        *purpose_rarely_revisited(partnership, settings),
        *outcomes_nobody_holds(partnership),
        *isolated_organisations(partnership, graph),
        *isolated_people(partnership),
        *sector_silos(partnership, organisations, settings),
        *connectors(partnership, graph, organisations),
    ]
    # Stable sort: within a kind, each check's own order (connectors by rank) is kept.
    detected.sort(key=lambda d: (SEVERITIES.index(d.severity), d.kind))
    metrics = {
        "single_points_of_failure": len(single_points),
        "succession_resilience": succession_resilience(partnership, single_points),
        "cross_organisation_pairs_without_operational_link": sum(
            d.kind == "missing_operational_link" for d in detected
        ),
        "cross_sector_ties": cross_sector_ties(partnership),
        "meeting_hours_a_month_by_organisation": hours_a_month_by_organisation(partnership),
    }
    return Diagnosis(tuple(word(partnership, d) for d in detected), metrics)
