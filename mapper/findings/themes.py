"""The findings grouped by the question a partnership board asks, in the order of the guidance
table in DOMAIN.md: each theme is one thing that goes wrong in a Best Start system."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from mapper.findings.base import Finding

__all__ = ["THEMES", "Theme", "by_theme"]


@dataclass(frozen=True)
class Theme:
    title: str
    question: str
    kinds: tuple[str, ...]


THEMES: tuple[Theme, ...] = (
    Theme(
        "Links at every level",
        "Do partners who meet at the top table also work together below it?",
        ("missing_operational_link", "no_operational_presence", "level_without_joint_meeting"),
    ),
    Theme(
        "Single-person dependencies and succession",
        "Who holds the system together alone, and what happens when they leave?",
        (
            "single_point_of_failure",
            "critical_organisation",
            "planned_departure",
            "missing_key_role",
            "key_role_without_deputy",
        ),
    ),
    Theme(
        "Duplicated meetings and meeting load",
        "Which meetings could be merged, and who spends too long in meetings?",
        ("duplicate_meetings", "heavy_meeting_load"),
    ),
    Theme(
        "Governance and shared power",
        "Is the structure clear, and is chairing shared across partners?",
        (
            "reports_to_cycle",
            "outside_governance_tree",
            "chairing_dominated",
            "chairs_many_meetings",
            "no_shared_chair",
        ),
    ),
    Theme(
        "The voice of families and every sector",
        "Are families and every sector in the rooms where decisions are made?",
        ("no_family_voice", "sector_absent_from_strategic_level"),
    ),
    Theme(
        "Shared purpose and outcomes",
        "Is the shared purpose revisited, and is every shared outcome held somewhere?",
        ("purpose_not_revisited", "outcome_not_held"),
    ),
    Theme(
        "Connectors, silos and isolation",
        "Who connects the partnership, and who is left outside it?",
        ("connector", "sector_silo", "isolated_organisation", "isolated_person"),
    ),
)


def by_theme(findings: Iterable[Finding]) -> list[tuple[Theme, list[Finding]]]:
    """Each theme with its findings (in the diagnosis's order); themes with none are kept,
    since "nothing found" is itself a result a board wants to see."""
    findings = list(findings)
    return [(theme, [f for f in findings if f.kind in theme.kinds]) for theme in THEMES]
