"""networkx graphs handed to igraph, for the few algorithms where compiled code pays.

igraph does the heavy loops (betweenness, biconnected components, community detection,
layouts) 5-20x faster than networkx on our maps; networkx stays the graph the rest of the
code reads. igraph draws random numbers from Python's global `random` unless told otherwise,
so every call here that uses them gets its own generator seeded with 0, and the same map
always gives the same answer.
"""

from __future__ import annotations

import random
import threading
from collections.abc import Hashable, Iterator
from contextlib import contextmanager

import igraph
import networkx as nx

__all__ = ["to_igraph", "seeded"]

_RANDOM = threading.Lock()


def to_igraph(graph: nx.Graph, weight: str | None = None) -> tuple[igraph.Graph, list[Hashable]]:
    """The graph in igraph form and the node behind each igraph vertex number; with `weight`,
    edges carry that attribute (default 1) as igraph's ``weight``."""
    nodes = list(graph)
    index = {node: i for i, node in enumerate(nodes)}
    compiled = igraph.Graph(n=len(nodes), edges=[(index[a], index[b]) for a, b in graph.edges()])
    if weight is not None:
        compiled.es["weight"] = [w for _, _, w in graph.edges(data=weight, default=1)]
    return compiled, nodes


@contextmanager
def seeded(seed: int = 0) -> Iterator[None]:
    """Lend igraph a generator seeded with `seed` for the block, then give back the default.

    A lock keeps two sessions of the app from sharing it; igraph's calls hold the GIL, so no
    other Python code draws from it meanwhile.
    """
    with _RANDOM:
        igraph.set_random_number_generator(random.Random(seed))
        try:
            yield
        finally:
            igraph.set_random_number_generator(random)
