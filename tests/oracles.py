"""Reference answers: our graphs handed to networkx, whose algorithms the tests trust."""

from __future__ import annotations

import networkx as nx

from mapper.graph import Graph


def as_networkx(graph: Graph) -> nx.Graph:
    """The same nodes (with their kind), edges and weights, as a networkx graph."""
    reference = nx.Graph()
    reference.add_nodes_from((n, {"kind": graph.kind[n]}) for n in graph)
    reference.add_weighted_edges_from(graph.edges())
    return reference
