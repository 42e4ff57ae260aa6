"""Silos: clusters of organisations that mostly work with their own sector.

Seeds 003 and 004 (`003_ed8bcb76a249a612.txt`, `004_5109af848b2a795c.txt`): non-siloed working,
and the stereotypes that grow between sectors that rarely meet.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from itertools import combinations

import networkx as nx

from mapper.compiled import seeded, to_igraph
from mapper.findings.base import Detected
from mapper.model import Partnership, Settings

__all__ = ["organisation_network", "sector_silos"]


def organisation_network(partnership: Partnership) -> nx.Graph:
    """Organisations joined when their people share a meeting (weight: meetings shared) or
    when a relationship ties them (or their people)."""
    org_of = {p.id: p.organisation for p in partnership.people}
    known = set(partnership.organisation_by_id)
    ties: Counter[tuple[str, str]] = Counter()
    for present in partnership.organisations_present.values():
        ties.update(combinations(sorted(present), 2))
    for tie in partnership.relationships:
        a, b = org_of.get(tie.source, tie.source), org_of.get(tie.target, tie.target)
        if a and b and a != b and a in known and b in known:
            ties[min(a, b), max(a, b)] += 1
    graph = nx.Graph()
    graph.add_nodes_from(o.id for o in partnership.organisations)
    graph.add_weighted_edges_from((a, b, weight) for (a, b), weight in ties.items())
    return graph


def louvain_communities(graph: nx.Graph) -> list[set[str]]:
    """Communities by the Louvain method on edge weights, computed by igraph's multilevel
    algorithm (1 ms where networkx took 15 ms on the synthetic county map), its random
    tie-breaks seeded so that a map always splits the same way."""
    compiled, nodes = to_igraph(graph, weight="weight")
    with seeded():
        clusters = compiled.community_multilevel(weights="weight")
    return [{nodes[i] for i in cluster} for cluster in clusters]


def sector_silos(
    partnership: Partnership, graph: nx.Graph, settings: Settings
) -> Iterator[Detected]:
    """Communities (Louvain) of `silo_min_organisations` or more organisations where one
    sector holds `silo_share` or more, in `graph`, the `organisation_network` of the map."""
    if graph.number_of_edges() == 0:
        return
    sector = {o.id: o.sector for o in partnership.organisations}
    communities = louvain_communities(graph)
    for community in sorted(communities, key=lambda c: sorted(c)):
        if len(community) < settings.silo_min_organisations:
            continue
        main, count = Counter(sector[o] for o in community).most_common(1)[0]
        if count / len(community) >= settings.silo_share:
            inside = graph.subgraph(community).size(weight="weight")
            outward = sum(
                d["weight"]
                for a, b, d in graph.edges(community, data=True)
                if (a in community) != (b in community)
            )
            yield Detected(
                "sector_silo",
                "low",
                tuple(sorted(community)),
                {
                    "sector": main,
                    "share": round(count / len(community), 2),
                    "ties_inside": inside,
                    "ties_outside": outward,
                },
            )
