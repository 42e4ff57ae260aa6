"""Reference answers: our graphs handed to networkx, whose algorithms the tests trust."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from itertools import combinations

import networkx as nx

from mapper.graph import Graph


def as_networkx(graph: Graph) -> nx.Graph:
    """The same nodes (with their kind), edges and weights, as a networkx graph."""
    reference = nx.Graph()
    reference.add_nodes_from((n, {"kind": graph.kind[n]}) for n in graph)
    reference.add_weighted_edges_from(graph.edges())
    return reference


def brokerage_outside_own(
    graph: nx.Graph, ends: list[str], own: Mapping[str, Collection[str]]
) -> dict[str, float]:
    """Each node's share of the pairs of `ends` whose shortest routes pass through it, a pair
    counting for a node only when neither end is in `own[node]`: every shortest route of
    every pair listed (networkx's `all_shortest_paths`), each worth its part of the pair."""
    pairs = len(ends) * (len(ends) - 1) / 2
    score = dict.fromkeys(graph, 0.0)
    for s, t in combinations(ends, 2):
        if not nx.has_path(graph, s, t):
            continue
        routes = list(nx.all_shortest_paths(graph, s, t))
        for route in routes:
            for node in route[1:-1]:
                if s not in own.get(node, ()) and t not in own.get(node, ()):
                    score[node] += 1 / len(routes)
    return {node: value / pairs if pairs else 0.0 for node, value in score.items()}
