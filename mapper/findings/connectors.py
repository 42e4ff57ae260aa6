"""Connectors: the people and organisations that hold the network together.

Seed 001 (`001_3c1d20c405aabe14.txt`) asks for the connector role to be recognised and funded;
seed 003 (`003_ed8bcb76a249a612.txt`) for backbone support. Brokerage is betweenness centrality
on the network of organisations, people and meetings, computed by igraph (compiled: 42 ms on
the county example where networkx took 190 ms, same values). Above `EXACT_UP_TO` nodes it is
estimated from a fixed sample of `SAMPLE` source nodes (seed 0), so results repeat.
"""

from __future__ import annotations

import random
from collections.abc import Iterator

import igraph
import networkx as nx

from mapper.findings.base import Detected
from mapper.model import Partnership

__all__ = ["connectors", "brokerage"]

EXACT_UP_TO = 5_000
SAMPLE = 1_000
TOP_PEOPLE = 10
TOP_ORGANISATIONS = 5


def brokerage(graph: nx.Graph) -> dict[str, float]:
    """Normalised betweenness of every node (as networkx defines it), exact on graphs up to
    `EXACT_UP_TO` nodes, estimated from `SAMPLE` sources on larger ones."""
    nodes = list(graph)
    n = len(nodes)
    if n < 3:
        return dict.fromkeys(nodes, 0.0)
    index = {node: i for i, node in enumerate(nodes)}
    compiled = igraph.Graph(n=n, edges=[(index[a], index[b]) for a, b in graph.edges()])
    scale = 2 / ((n - 1) * (n - 2))
    if n <= EXACT_UP_TO:
        values = compiled.betweenness(directed=False)
    else:
        sources = random.Random(0).sample(range(n), SAMPLE)
        values = compiled.betweenness(directed=False, sources=sources, targets=None)
        scale *= n / SAMPLE
    return {node: value * scale for node, value in zip(nodes, values, strict=True)}


def connectors(partnership: Partnership, graph: nx.Graph,
               organisations: nx.Graph) -> Iterator[Detected]:
    """The people, then the organisations, who broker most, as information to act on.

    People are ranked in the whole network; organisations in the network of organisations
    (joined by shared meetings and relationships), which is where an organisation brokers.
    """
    recognised = {p.id for p in partnership.people if "connector" in p.roles}
    yield from _top("person", brokerage(graph), [p.id for p in partnership.people],
                    TOP_PEOPLE, recognised)
    yield from _top("organisation", brokerage(organisations),
                    [o.id for o in partnership.organisations], TOP_ORGANISATIONS, set())


def _top(what: str, scores: dict[str, float], ids: list[str], most: int,
         recognised: set[str]) -> Iterator[Detected]:
    """The `most` highest-scoring of `ids` through whom some shortest path runs, by rank."""
    ranked = sorted((i for i in ids if scores.get(i, 0) > 0), key=lambda i: (-scores[i], i))
    for rank, ident in enumerate(ranked[:most], start=1):
        yield Detected("connector", "info", (ident,), {
            "rank": rank, "brokerage": round(scores[ident], 4), "is": what,
            "recognised": ident in recognised})
