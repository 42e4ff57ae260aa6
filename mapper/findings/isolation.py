"""Organisations and people on the map that nothing connects to the rest of the partnership.

Seed 003 (`003_ed8bcb76a249a612.txt`): non-siloed working and trusting relationships.
"""

from __future__ import annotations

from collections.abc import Iterator

import networkx as nx

from mapper.findings.base import Detected
from mapper.model import Partnership

__all__ = ["isolated_organisations", "isolated_people"]


def isolated_organisations(partnership: Partnership, graph: nx.Graph) -> Iterator[Detected]:
    """Organisations whose part of the network holds no other organisation."""
    if len(partnership.organisations) < 2:
        return
    for part in nx.connected_components(graph):
        orgs = [n for n in part if graph.nodes[n]["kind"] == "organisation"]
        if len(orgs) == 1:
            people = sorted(n for n in part if graph.nodes[n]["kind"] == "person")
            yield Detected("isolated_organisation", "medium", (orgs[0],), {"people": people})


def isolated_people(partnership: Partnership) -> Iterator[Detected]:
    """People in no meeting and no relationship: on the map, but in no shared space."""
    in_meetings = {a for m in partnership.meetings for a in m.attendees}
    in_ties = {end for r in partnership.relationships for end in (r.source, r.target)}
    for person in partnership.people:
        if person.id not in in_meetings and person.id not in in_ties:
            yield Detected(
                "isolated_person",
                "low",
                (person.id,),
                {"organisation": person.organisation, "level": person.level},
            )
