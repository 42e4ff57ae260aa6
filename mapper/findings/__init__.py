"""The diagnosis: every check run over a map, as findings with recommendations.

`diagnose(partnership)` is the one entry point for the CLI, the app and the report.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from mapper.findings.base import SEVERITIES, Detected, Finding, Settings, Severity
from mapper.findings.duplicates import duplicate_meetings
from mapper.findings.links import missing_operational_links
from mapper.findings.succession import critical_organisations, single_points_of_failure
from mapper.graph import system_graph
from mapper.model import Partnership

__all__ = ["SEVERITIES", "Detected", "Diagnosis", "Finding", "Severity", "Settings", "diagnose"]


@dataclass(frozen=True)
class Diagnosis:
    """All findings, most severe first, and the figures the checks measured."""

    findings: tuple[Finding, ...]
    metrics: dict[str, Any]

    def of_kind(self, kind: str) -> list[Finding]:
        return [f for f in self.findings if f.kind == kind]


def diagnose(partnership: Partnership, settings: Settings | None = None) -> Diagnosis:
    """Run every check; the order of findings is stable (severity, kind, subjects)."""
    from mapper.recommend import word

    settings = settings or Settings()
    graph = system_graph(partnership)
    detected: list[Detected] = [
        *missing_operational_links(partnership),
        *duplicate_meetings(partnership, settings),
        *single_points_of_failure(partnership, graph),
        *critical_organisations(partnership),
    ]
    detected.sort(key=lambda d: (SEVERITIES.index(d.severity), d.kind, d.subjects))
    metrics = {
        "single_points_of_failure": sum(d.kind == "single_point_of_failure" for d in detected),
        "cross_organisation_pairs_without_operational_link":
            sum(d.kind == "missing_operational_link" for d in detected),
    }
    return Diagnosis(tuple(word(partnership, d) for d in detected), metrics)
