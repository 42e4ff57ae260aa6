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
    people = brokerage(graph)
    ranked = sorted((p for p in partnership.people if people.get(p.id, 0) > 0),
                    key=lambda p: (-people[p.id], p.id))[:TOP_PEOPLE]
    for rank, person in enumerate(ranked, start=1):
        yield Detected("connector", "info", (person.id,), {
            "rank": rank, "brokerage": round(people[person.id], 4), "is": "person",
            "recognised": "connector" in person.roles})
    orgs = brokerage(organisations)
    ranked_orgs = sorted((o for o in partnership.organisations if orgs.get(o.id, 0) > 0),
                         key=lambda o: (-orgs[o.id], o.id))[:TOP_ORGANISATIONS]
    for rank, org in enumerate(ranked_orgs, start=1):
        yield Detected("connector", "info", (org.id,), {
            "rank": rank, "brokerage": round(orgs[org.id], 4), "is": "organisation",
            "recognised": False})
