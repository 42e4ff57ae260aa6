"""igraph, the compiled code behind the graphs' heavy loops (`mapper.graph`).

igraph does betweenness, biconnected components, community detection and layouts 5-20x
faster than networkx did on our maps. Only its compiled core is loaded (`igraph._igraph`,
whose `GraphBase` holds every algorithm), the first time a graph is compiled (`load`), not
with the package: the Python package around it (70 modules of results, drawing and
configuration this tool never uses) is 12 ms of every `check` that draws a graph, the core
alone 2 ms, and a command or a map that never needs a graph (a schema, an import, a map with
no ties) does without either. The few results the package would have wrapped in its own
classes are read here (`components`, `blocks`, `communities`, `layout`). igraph draws random
numbers from Python's global `random` unless told otherwise, so every call here that uses
them gets its own generator seeded with 0, and the same map always gives the same answer.
"""

from __future__ import annotations

import importlib.machinery
import importlib.util
import os
import random
import sys
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from functools import cache
from types import ModuleType
from typing import Any

from mapper.memory import collection_paused

__all__ = ["blocks", "build", "communities", "components", "layout", "load", "seeded"]

CORE = "igraph._igraph"

_LOADING = threading.Lock()


class _NoMatplotlibForThisThread:
    """An import finder that says matplotlib is not installed, to one thread only.

    Put first on `sys.meta_path` while igraph's whole package loads (when its core cannot be
    loaded alone): igraph's drawing code then does without matplotlib, while any other thread
    (another session of the app drawing a chart) that imports matplotlib meanwhile gets it as
    usual.
    """

    def __init__(self) -> None:
        self.thread = threading.get_ident()

    def find_spec(self, name: str, path: object = None, target: object = None) -> None:
        if name.partition(".")[0] == "matplotlib" and threading.get_ident() == self.thread:
            raise ModuleNotFoundError(f"No module named {name!r}", name=name)
        return None


class _CoreOnThePackage:
    """An import finder that, should igraph's package be imported after its core was loaded
    alone (by other code in the process), hands it that core as its `_igraph`, as if the
    package had loaded it: the package finds the core among the loaded modules, but Python
    sets a package's attribute for a submodule only when it loads the submodule itself."""

    def find_spec(self, name: str, path: Any = None, target: Any = None) -> Any:
        if name != "igraph":
            return None
        spec = importlib.machinery.PathFinder.find_spec(name, path)
        if spec is None or spec.loader is None:
            return spec
        run = spec.loader.exec_module

        def exec_module(module: ModuleType) -> None:
            module._igraph = sys.modules[CORE]  # type: ignore[attr-defined]
            run(module)

        spec.loader.exec_module = exec_module  # type: ignore[method-assign]
        return spec


@cache
def load() -> Any:
    """igraph's compiled core (`igraph._igraph`), loaded once.

    Alone when it can be (`_core_alone`); otherwise, or when igraph's package is already
    loaded, through the package, with matplotlib hidden from the thread loading it: the
    package imports its drawing code, which imports matplotlib and pyplot (half a second to a
    second of a command's start, for plotting this tool never asks igraph for). matplotlib
    itself imports as usual afterwards (the reports draw with it directly).
    """
    with _LOADING:
        if CORE in sys.modules:
            return sys.modules[CORE]
        if "igraph" not in sys.modules and "matplotlib" not in sys.modules:
            core = _core_alone()
            if core is not None:
                return core
        if "igraph" in sys.modules or "matplotlib" in sys.modules:
            import igraph

            return igraph._igraph
        hide = _NoMatplotlibForThisThread()
        sys.meta_path.insert(0, hide)
        try:
            with collection_paused():  # as at start-up: its objects live as long as the process
                import igraph
        finally:
            sys.meta_path.remove(hide)
        return igraph._igraph


def _core_alone() -> ModuleType | None:
    """igraph's compiled module loaded from the installed package's folder without running
    the package, and registered under its own name (so that the package, imported later,
    uses the same one); None when it is not found or does not load."""
    spec = importlib.util.find_spec("igraph")  # finds the package; does not run it
    folders = spec.submodule_search_locations if spec is not None else None
    for folder in folders or ():
        for suffix in importlib.machinery.EXTENSION_SUFFIXES:
            path = os.path.join(folder, "_igraph" + suffix)
            if not os.path.isfile(path):
                continue
            loader = importlib.machinery.ExtensionFileLoader(CORE, path)
            core_spec = importlib.util.spec_from_file_location(CORE, path, loader=loader)
            if core_spec is None:
                return None
            core = importlib.util.module_from_spec(core_spec)
            sys.modules[CORE] = core
            try:
                loader.exec_module(core)
            except Exception:  # an igraph this cannot load alone: through its package
                del sys.modules[CORE]
                return None
            sys.meta_path.insert(0, _CoreOnThePackage())
            return core
    return None


@cache
def _graph_class() -> type:
    """igraph's compiled graph, able to keep its edges' weights beside it."""

    class Compiled(load().GraphBase):  # type: ignore[misc]
        """A graph in igraph; `weights`: its edges' weights, in its edges' order (or None)."""

        weights: list[int] | None = None

    return Compiled


def build(
    vertices: int,
    edges: list[tuple[int, int]],
    weights: list[int] | None = None,
    directed: bool = False,
) -> Any:
    """An igraph graph of `vertices` vertices and these edges (vertex numbers), undirected
    unless `directed` (then each edge runs from its first vertex to its second), with the
    edges' `weights` kept as its `weights`.

    igraph's compiled `GraphBase` (its package's `igraph.Graph()` also imported numpy on its
    first call, to ask whether the edges were an array: 0.2 s of a command).
    """
    graph = _graph_class()(vertices, edges, directed)
    graph.weights = weights
    return graph


def _grouped(membership: Sequence[int]) -> list[list[int]]:
    """The vertices of each group, from each vertex's group number (0, 1, ...)."""
    groups: list[list[int]] = [[] for _ in range(max(membership, default=-1) + 1)]
    for vertex, group in enumerate(membership):
        groups[group].append(vertex)
    return groups


def components(graph: Any) -> list[list[int]]:
    """The vertices of each connected part of `graph`."""
    return _grouped(graph.connected_components())


def blocks(graph: Any) -> tuple[list[list[int]], list[int]]:
    """The biconnected components of `graph` (each its vertices, sorted) and its
    articulation points. igraph gives each component as its edges."""
    trees, cut_points = graph.biconnected_components(True)
    ends = graph.get_edgelist()
    found = [sorted({v for edge in tree for v in ends[edge]}) for tree in trees]
    return found, list(cut_points)


def communities(graph: Any) -> list[list[int]]:
    """Communities by the Louvain method on the edges' weights (igraph's multilevel
    algorithm). Its random tie-breaks draw numbers: call it `seeded`."""
    return _grouped(graph.community_multilevel(graph.weights, False))


def layout(graph: Any, iterations: int = 500) -> list[tuple[float, float]]:
    """Fruchterman-Reingold positions, one per vertex. It draws random numbers: call it
    `seeded`."""
    return [(x, y) for x, y in graph.layout_fruchterman_reingold(niter=iterations)]


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
