"""networkx graphs handed to igraph, for the few algorithms where compiled code pays.

igraph does the heavy loops (betweenness, biconnected components, community detection,
layouts) 5-20x faster than networkx on our maps; networkx stays the graph the rest of the
code reads. igraph draws random numbers from Python's global `random` unless told otherwise,
so every call here that uses them gets its own generator seeded with 0, and the same map
always gives the same answer.
"""

from __future__ import annotations

import random
import sys
import threading
from collections.abc import Hashable, Iterator
from contextlib import contextmanager
from typing import Any

import networkx as nx

__all__ = ["to_igraph", "seeded"]


def _igraph_without_its_drawing() -> Any:
    """igraph, imported without matplotlib.

    igraph's package imports its drawing code, which imports matplotlib and pyplot (half a
    second to a second of every command's start, for plotting this tool never asks igraph
    for). With matplotlib hidden while igraph loads, its drawing falls back to saying
    matplotlib is missing; matplotlib itself imports as usual afterwards (the reports draw
    with it directly). If matplotlib is already loaded, it costs nothing and is left alone.
    """
    if "igraph" in sys.modules or "matplotlib" in sys.modules:
        import igraph

        return igraph
    sys.modules["matplotlib"] = None  # type: ignore[assignment]  # import raises ImportError
    try:
        import igraph
    finally:
        del sys.modules["matplotlib"]
    return igraph


igraph = _igraph_without_its_drawing()

_RANDOM = threading.Lock()


def to_igraph(graph: nx.Graph, weight: str | None = None) -> tuple[igraph.Graph, list[Hashable]]:
    """The graph in igraph form and the node behind each igraph vertex number; with `weight`,
    edges carry that attribute (default 1) as igraph's ``weight``."""
    nodes = list(graph)
    index = {node: i for i, node in enumerate(nodes)}
    # igraph.Graph() imports numpy on every call to ask whether `edges` is an array (0.2 s of a
    # small `check`, for numpy this tool uses nowhere else there); its compiled base class
    # takes the plain list as it is.
    compiled = igraph.Graph.__new__(igraph.Graph)
    igraph.GraphBase.__init__(
        compiled, len(nodes), [(index[a], index[b]) for a, b in graph.edges()], False
    )
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
