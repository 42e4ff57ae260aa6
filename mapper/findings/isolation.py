"""Organisations and people on the map that nothing connects to the rest of the partnership.

Seed 003 (`003_ed8bcb76a249a612.txt`): non-siloed working and trusting relationships.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TypedDict

from mapper.analysis import Analysis
from mapper.findings.base import Detected
from mapper.findings.registry import check

__all__ = ["IsolatedOrganisation", "IsolatedPerson"]


class IsolatedOrganisation(TypedDict):
    people: list[str]


class IsolatedPerson(TypedDict):
    organisation: str | None
    level: str


@check(
    "isolated_organisation",
    theme="connections",
    severities=("medium",),
    severity_rule="medium",
    evidence=IsolatedOrganisation,
)
def isolated_organisations(analysis: Analysis) -> Iterator[Detected]:
    """Organisations whose part of the network holds no other organisation."""
    if len(analysis.partnership.organisations) < 2:
        return
    graph = analysis.system
    for part in analysis.parts:
        orgs = graph.of_kind(part, "organisation")
        if len(orgs) == 1:
            people = sorted(graph.of_kind(part, "person"))
            yield Detected(
                "isolated_organisation", "medium", (orgs[0],), IsolatedOrganisation(people=people)
            )


@check(
    "isolated_person",
    theme="connections",
    severities=("low",),
    severity_rule="low",
    evidence=IsolatedPerson,
)
def isolated_people(analysis: Analysis) -> Iterator[Detected]:
    """People in no meeting and no relationship: on the map, but in no shared space."""
    partnership = analysis.partnership
    in_ties = {end for r in partnership.relationships for end in (r.source, r.target)}
    for person in partnership.people:
        if person.id not in analysis.meetings_of and person.id not in in_ties:
            yield Detected(
                "isolated_person",
                "low",
                (person.id,),
                IsolatedPerson(organisation=person.organisation, level=person.level),
            )
