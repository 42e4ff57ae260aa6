"""igraph, the compiled code behind the graphs' heavy loops (`mapper.graph`).

igraph does betweenness, biconnected components, community detection and layouts 5-20x
faster than networkx did on our maps. It is imported the first time a graph is compiled
(`load`), not with the package: its 70 modules are a tenth of a `check`'s start-up, and a
command or a map that never needs a graph (a schema, an import, a map with no ties) does
without them. igraph draws random numbers from Python's global `random` unless told
otherwise, so every call here that uses them gets its own generator seeded with 0, and the
same map always gives the same answer.
"""

from __future__ import annotations

import random
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from typing import Any

from mapper.memory import collection_paused

__all__ = ["build", "load", "seeded"]


_LOADING = threading.Lock()


class _NoMatplotlibForThisThread:
    """An import finder that says matplotlib is not installed, to one thread only.

    Put first on `sys.meta_path` while igraph loads: igraph's drawing code then does without
    matplotlib, while any other thread (another session of the app drawing a chart) that
    imports matplotlib meanwhile gets it as usual.
    """

    def __init__(self) -> None:
        self.thread = threading.get_ident()

    def find_spec(self, name: str, path: object = None, target: object = None) -> None:
        if name.partition(".")[0] == "matplotlib" and threading.get_ident() == self.thread:
            raise ModuleNotFoundError(f"No module named {name!r}", name=name)
        return None


@cache
def load() -> Any:
    """igraph, imported (once) without matplotlib.

    igraph's package imports its drawing code, which imports matplotlib and pyplot (half a
    second to a second of every command's start, for plotting this tool never asks igraph
    for). With matplotlib hidden from the thread that loads igraph, igraph's drawing falls
    back to saying matplotlib is missing; matplotlib itself imports as usual afterwards (the
    reports draw with it directly). If matplotlib is already loaded, it costs nothing.
    """
    with _LOADING:
        if "igraph" in sys.modules or "matplotlib" in sys.modules:
            import igraph

            return igraph
        hide = _NoMatplotlibForThisThread()
        sys.meta_path.insert(0, hide)
        try:
            with collection_paused():  # as at start-up: its objects live as long as the process
                import igraph
        finally:
            sys.meta_path.remove(hide)
        return igraph


def build(
    vertices: int,
    edges: list[tuple[int, int]],
    weights: list[int] | None = None,
    directed: bool = False,
) -> Any:
    """An igraph graph of `vertices` vertices and these edges (vertex numbers), undirected
    unless `directed` (then each edge runs from its first vertex to its second).

    Built through igraph's compiled base class: `igraph.Graph()`, and every igraph method that
    makes a new graph through it (`induced_subgraph`, `copy`...), imports numpy on its first
    call to ask whether the edges are an array: 0.2 s of a command, for arrays never passed.
    """
    igraph = load()
    graph = igraph.Graph.__new__(igraph.Graph)
    igraph.GraphBase.__init__(graph, vertices, edges, directed)
    if weights is not None:
        graph.es["weight"] = weights
    return graph


_RANDOM = threading.Lock()


@contextmanager
def seeded(seed: int = 0) -> Iterator[None]:
    """Lend igraph a generator seeded with `seed` for the block, then give back the default.

    A lock keeps two sessions of the app from sharing it; igraph's calls hold the GIL, so no
    other Python code draws from it meanwhile.
    """
    igraph = load()
    with _RANDOM:
        igraph.set_random_number_generator(random.Random(seed))
        try:
            yield
        finally:
            igraph.set_random_number_generator(random)
