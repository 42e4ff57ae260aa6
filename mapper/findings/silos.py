"""Silos: clusters of organisations that mostly work with their own sector.

Seeds 003 and 004 (`003_ed8bcb76a249a612.txt`, `004_5109af848b2a795c.txt`): non-siloed working,
and the stereotypes that grow between sectors that rarely meet.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from itertools import combinations

import networkx as nx

from mapper.findings.base import Detected
from mapper.model import Partnership

__all__ = ["organisation_network", "sector_silos"]

SILO_SHARE = 0.75
SILO_MIN_ORGANISATIONS = 3


def organisation_network(partnership: Partnership) -> nx.Graph:
    """Organisations joined when their people share a meeting (weight: meetings shared) or
    when a relationship ties them (or their people)."""
    org_of = {p.id: p.organisation for p in partnership.people}
    graph = nx.Graph()
    graph.add_nodes_from(o.id for o in partnership.organisations)
    for present in partnership.organisations_present.values():
        for a, b in combinations(present, 2):
            weight = graph.get_edge_data(a, b, {"weight": 0})["weight"]
            graph.add_edge(a, b, weight=weight + 1)
    for tie in partnership.relationships:
        a, b = org_of.get(tie.source, tie.source), org_of.get(tie.target, tie.target)
        if a and b and a != b and a in graph and b in graph:
            weight = graph.get_edge_data(a, b, {"weight": 0})["weight"]
            graph.add_edge(a, b, weight=weight + 1)
    return graph


def sector_silos(partnership: Partnership, graph: nx.Graph) -> Iterator[Detected]:
    """Communities (Louvain, seed 0) of 3+ organisations where one sector holds 75% or more,
    in `graph`, the `organisation_network` of the map."""
    if graph.number_of_edges() == 0:
        return
    sector = {o.id: o.sector for o in partnership.organisations}
    communities = nx.community.louvain_communities(graph, weight="weight", seed=0)
    for community in sorted(communities, key=lambda c: sorted(c)):
        if len(community) < SILO_MIN_ORGANISATIONS:
            continue
        main, count = Counter(sector[o] for o in community).most_common(1)[0]
        if count / len(community) >= SILO_SHARE:
            inside = graph.subgraph(community).size(weight="weight")
            outward = sum(d["weight"] for a, b, d in graph.edges(community, data=True)
                          if (a in community) != (b in community))
            yield Detected("sector_silo", "low", tuple(sorted(community)), {
                "sector": main, "share": round(count / len(community), 2),
                "ties_inside": inside, "ties_outside": outward})
