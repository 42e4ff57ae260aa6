"""Who the system depends on: people and organisations whose departure cuts partners apart.

Seed 001 (`001_3c1d20c405aabe14.txt`): when a key leader left suddenly, collaboration survived
only where relationships had been built at many levels; succession planning is often neglected.
"""

from __future__ import annotations

from collections.abc import Iterator

import networkx as nx

from mapper.findings.base import Detected
from mapper.graph import Separation, separations, system_graph, withdrawal_graph
from mapper.model import Partnership

__all__ = ["single_points_of_failure", "critical_organisations"]


def _is_organisation(graph: nx.Graph) -> object:
    return lambda node: graph.nodes[node]["kind"] == "organisation"


def _cut_off(separation: Separation) -> dict[str, object]:
    return {
        "cut_off": [sorted(group) for group in separation.cut_off],
        "still_connected": separation.rest,
    }


def single_points_of_failure(
    partnership: Partnership, graph: nx.Graph | None = None
) -> Iterator[Detected]:
    """People whose removal disconnects organisations that are otherwise connected."""
    graph = graph if graph is not None else system_graph(partnership)
    found = separations(graph, _is_organisation(graph), (p.id for p in partnership.people))
    for person_id in sorted(found):
        person = partnership.person_by_id[person_id]
        exposed = person.deputy is None or person.leaving is not None
        yield Detected(
            "single_point_of_failure",
            "high" if exposed else "medium",
            (person_id,),
            {
                **_cut_off(found[person_id]),
                "deputy": person.deputy,
                "leaving": person.leaving.isoformat() if person.leaving else None,
            },
        )


def critical_organisations(partnership: Partnership) -> Iterator[Detected]:
    """Organisations whose withdrawal, with their people, disconnects the remaining ones."""
    graph = withdrawal_graph(partnership)
    found = separations(graph, _is_organisation(graph), (o.id for o in partnership.organisations))
    for org_id in sorted(found):
        yield Detected("critical_organisation", "high", (org_id,), _cut_off(found[org_id]))
