"""igraph, the compiled code behind the graphs' heavy loops (`mapper.graph`).

igraph does betweenness, biconnected components, community detection and layouts 5-20x
faster than networkx did on our maps. igraph draws random numbers from Python's global
`random` unless told otherwise, so every call here that uses them gets its own generator
seeded with 0, and the same map always gives the same answer.
"""

from __future__ import annotations

import random
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

__all__ = ["igraph", "seeded"]


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
