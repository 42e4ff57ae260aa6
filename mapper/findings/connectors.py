"""Connectors: the people and organisations that hold the network together.

Seed 001 (`001_3c1d20c405aabe14.txt`) asks for the connector role to be recognised and funded;
seed 003 (`003_ed8bcb76a249a612.txt`) for backbone support. What a partnership needs from a
connector is a route between partner organisations, so a person's brokerage counts the shortest
routes *between organisations* that pass through them (betweenness restricted to organisation
endpoints), not routes between every pair of people. That is also what keeps it fast: one
breadth-first search per organisation instead of one per node (20 ms instead of 360 ms on the
synthetic county map). igraph computes it; the values equal networkx's
`betweenness_centrality_subset`, which the tests check.
"""

from __future__ import annotations

import random
from collections.abc import Collection, Iterator

import networkx as nx

from mapper.compiled import to_igraph
from mapper.findings.base import Detected
from mapper.model import Partnership

__all__ = ["connectors", "brokerage"]

EXACT_UP_TO = 1_000
SAMPLE = 1_000
TOP_PEOPLE = 10
TOP_ORGANISATIONS = 5


def brokerage(graph: nx.Graph, between: Collection[str] | None = None) -> dict[str, float]:
    """For every node, the share of the pairs of `between` nodes (all nodes if None) whose
    shortest routes pass through it; a pair with several shortest routes counts each route's
    part. Exact with up to `EXACT_UP_TO` endpoints; above, estimated from `SAMPLE` of them as
    starting points (seed 0, so it repeats).
    """
    compiled, nodes = to_igraph(graph)
    index = {node: i for i, node in enumerate(nodes)}
    ends = sorted(index[node] for node in (nodes if between is None else between) if node in index)
    pairs = len(ends) * (len(ends) - 1) / 2
    if pairs == 0 or len(nodes) < 3:
        return dict.fromkeys(nodes, 0.0)
    sources, scale = ends, 1 / pairs
    if len(ends) > EXACT_UP_TO:
        sources = sorted(random.Random(0).sample(ends, SAMPLE))
        scale *= len(ends) / SAMPLE
    values = compiled.betweenness(directed=False, sources=sources, targets=ends)
    return {node: value * scale for node, value in zip(nodes, values, strict=True)}


def connectors(
    partnership: Partnership, graph: nx.Graph, organisations: nx.Graph
) -> Iterator[Detected]:
    """The people, then the organisations, who broker most, as information to act on.

    People are ranked by the routes between organisations in the whole network; organisations
    in the network of organisations (joined by shared meetings and relationships), which is
    where an organisation brokers.
    """
    recognised = {p.id for p in partnership.people if "connector" in p.roles}
    between_organisations = brokerage(graph, [o.id for o in partnership.organisations])
    yield from _top(
        "person", between_organisations, [p.id for p in partnership.people], TOP_PEOPLE, recognised
    )
    yield from _top(
        "organisation",
        brokerage(organisations),
        [o.id for o in partnership.organisations],
        TOP_ORGANISATIONS,
        set(),
    )


def _top(
    what: str, scores: dict[str, float], ids: list[str], most: int, recognised: set[str]
) -> Iterator[Detected]:
    """The `most` highest-scoring of `ids` through whom some shortest route runs, by rank."""
    ranked = sorted((i for i in ids if scores.get(i, 0) > 0), key=lambda i: (-scores[i], i))
    for rank, ident in enumerate(ranked[:most], start=1):
        yield Detected(
            "connector",
            "info",
            (ident,),
            {
                "rank": rank,
                "brokerage": round(scores[ident], 4),
                "is": what,
                "recognised": ident in recognised,
            },
        )
