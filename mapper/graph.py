"""The map as graphs, and the one cut-vertex routine the succession findings share.

Conventions, stated once. A `Graph` is undirected and simple; its nodes are the map's ids
(unique across a map). The system graph's nodes carry a ``kind``: ``"organisation"``,
``"person"`` or ``"meeting"``. Its edges join a person to their organisation, a person to each
meeting they attend (chairs, vice chair, members), the two ends of each relationship, and
each organisation to the one it is `part_of` (a service to its council, a company to the
council that owns it): they are one body, whatever their people attend.

A `Graph` keeps its adjacency as networkx does (a dict of dicts, in insertion order), so its
nodes and edges come in the order networkx would give them, and igraph (`compiled`) runs the
heavy algorithms on it: components, blocks, betweenness, communities, layouts. networkx itself
is not imported (its import alone was half of a small `check`); the tests hold these graphs
and routines to networkx's answers.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Hashable, Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property
from itertools import combinations
from typing import Any

from mapper import compiled as igraph_code
from mapper.model import Partnership

__all__ = [
    "Graph",
    "Separation",
    "organisation_network",
    "separations",
    "system_graph",
    "withdrawal_graph",
]


class Graph:
    """A simple undirected graph of map ids, with a ``kind`` per node and a weight per edge."""

    def __init__(self) -> None:
        self.kind: dict[str, str] = {}
        self.adjacency: dict[str, dict[str, int]] = {}

    @classmethod
    def from_edges(
        cls, edges: Iterable[tuple[str, str]], nodes: Iterable[str] = (), kind: str = ""
    ) -> Graph:
        graph = cls()
        for node in nodes:
            graph.add_node(node, kind)
        for a, b in edges:
            graph.add_edge(a, b)
        return graph

    def add_node(self, node: str, kind: str = "") -> None:
        if node not in self.adjacency:
            self.adjacency[node] = {}
        self.kind[node] = kind

    def add_edge(self, a: str, b: str, weight: int = 1) -> None:
        """Join `a` and `b` (adding either if new); joining them again sets the weight."""
        adjacency = self.adjacency
        if a not in adjacency:
            self.add_node(a)
        if b not in adjacency:
            self.add_node(b)
        adjacency[a][b] = weight
        adjacency[b][a] = weight

    def __len__(self) -> int:
        return len(self.adjacency)

    def __iter__(self) -> Iterator[str]:
        return iter(self.adjacency)

    def __contains__(self, node: object) -> bool:
        return node in self.adjacency

    def edges(self) -> Iterator[tuple[str, str, int]]:
        """Each edge once, with its weight, in networkx's order (by first end, then insertion)."""
        seen: set[str] = set()
        for node, neighbours in self.adjacency.items():
            for other, weight in neighbours.items():
                if other not in seen:
                    yield node, other, weight
            seen.add(node)

    def number_of_edges(self) -> int:
        # Each edge sits in both ends' neighbours; a loop (a node its own neighbour) in one.
        loops = sum(node in n for node, n in self.adjacency.items())
        return (sum(len(n) for n in self.adjacency.values()) + loops) // 2

    def degree(self, node: str) -> int:
        return len(self.adjacency[node])

    def neighbours(self, node: str) -> Iterable[str]:
        return self.adjacency[node].keys()

    def weight_inside_and_out(self, group: set[str]) -> tuple[int, int]:
        """Total weight of the edges within `group`, and of those leaving it."""
        inside = outside = 0
        for node in group:
            for other, weight in self.adjacency[node].items():
                if other in group:
                    inside += weight
                else:
                    outside += weight
        return inside // 2, outside

    @cached_property
    def nodes(self) -> list[str]:
        """The nodes in order: igraph's vertex `i` is ``nodes[i]``."""
        return list(self.adjacency)

    @cached_property
    def compiled(self) -> Any:
        """The same graph in igraph, vertex `i` for ``nodes[i]``, each edge with its weight."""
        index = {node: i for i, node in enumerate(self.nodes)}
        edges = list(self.edges())
        return igraph_code.build(
            len(index), [(index[a], index[b]) for a, b, _ in edges], [w for _, _, w in edges]
        )

    def components(self) -> list[set[str]]:
        """The connected parts of the graph, each as its set of nodes."""
        if not self.adjacency:
            return []
        nodes = self.nodes
        return [{nodes[i] for i in part} for part in igraph_code.components(self.compiled)]

    def of_kind(self, nodes: Iterable[str], kind: str) -> list[str]:
        return [n for n in nodes if self.kind[n] == kind]


def system_graph(partnership: Partnership) -> Graph:
    """Organisations, people and meetings, joined as the module docstring says."""
    graph = Graph()
    for o in partnership.organisations:
        graph.add_node(o.id, "organisation")
    for p in partnership.people:
        graph.add_node(p.id, "person")
    for m in partnership.meetings:
        graph.add_node(m.id, "meeting")
    for p in partnership.people:
        if p.organisation:
            graph.add_edge(p.id, p.organisation)
    for m in partnership.meetings:
        for a in m.attendees:
            graph.add_edge(a, m.id)
    for r in partnership.relationships:
        graph.add_edge(r.source, r.target)
    for o in partnership.organisations:
        if o.part_of:
            graph.add_edge(o.id, o.part_of)
    return graph


def withdrawal_graph(partnership: Partnership) -> Graph:
    """The system graph with each organisation and its people merged into the organisation.

    Removing a node here is an organisation withdrawing with all its staff.
    """
    home = {p.id: p.organisation or p.id for p in partnership.people}
    graph = Graph()
    for o in partnership.organisations:
        graph.add_node(o.id, "organisation")
    for p in partnership.people:
        if not p.organisation:
            graph.add_node(p.id, "person")
    for m in partnership.meetings:
        graph.add_node(m.id, "meeting")
    for m in partnership.meetings:
        for a in m.attendees:
            graph.add_edge(home[a], m.id)
    for r in partnership.relationships:
        a, b = home.get(r.source, r.source), home.get(r.target, r.target)
        if a != b:
            graph.add_edge(a, b)
    for o in partnership.organisations:
        if o.part_of:
            graph.add_edge(o.id, o.part_of)
    return graph


def organisation_network(partnership: Partnership) -> Graph:
    """Organisations joined when their people share a meeting (weight: meetings shared) or
    when a relationship ties them (or their people)."""
    org_of = {p.id: p.organisation for p in partnership.people}
    known = set(partnership.organisation_by_id)
    ties: Counter[tuple[str, str]] = Counter()
    for present in partnership.organisations_present.values():
        ties.update(combinations(sorted(present), 2))
    for tie in partnership.relationships:
        a, b = org_of.get(tie.source, tie.source), org_of.get(tie.target, tie.target)
        if a and b and a != b and a in known and b in known:
            ties[min(a, b), max(a, b)] += 1
    graph = Graph()
    for o in partnership.organisations:
        graph.add_node(o.id, "organisation")
    for (a, b), weight in ties.items():
        graph.add_edge(a, b, weight)
    return graph


@dataclass(frozen=True)
class Separation:
    """What removing one node does: the groups it cuts off, and how many stay together.

    `cut_off` holds every group but the largest, smallest last; `rest` counts the largest.
    """

    cut_off: list[set[Hashable]]
    rest: int


def separations(
    graph: Graph, counts: Callable[[Hashable], bool], candidates: Iterable[Hashable]
) -> dict[Hashable, Separation]:
    """For each candidate whose removal splits the counted nodes of its component into two or
    more groups, the groups it would cut off. Counted nodes elsewhere are ignored.

    Near-linear time: built on the block-cut tree of the biconnected components, so no node is
    removed and no component recomputed; only the smaller groups are walked to name them.
    """
    if not len(graph):
        return {}
    blocks, cut_points = _blocks_and_cut_points(graph)
    targets = set(candidates) & cut_points
    if not targets:
        return {}
    # Block-cut tree: one node per block ("b", i) and one per cut vertex ("c", v); every node
    # of the graph belongs to exactly one tree node, so counted nodes are counted once.
    tree: dict[tuple[str, Hashable], list[tuple[str, Hashable]]] = {}
    home: dict[Hashable, tuple[str, Hashable]] = {v: ("c", v) for v in cut_points}
    for v in cut_points:
        tree[("c", v)] = []
    for index, block in enumerate(blocks):
        tree[("b", index)] = []
        for node in block:
            if node in cut_points:
                tree[("b", index)].append(("c", node))
                tree[("c", node)].append(("b", index))
            else:
                home[node] = ("b", index)
    members: dict[tuple[str, Hashable], list[Hashable]] = {}
    for node, tree_node in home.items():
        if counts(node):
            members.setdefault(tree_node, []).append(node)
    result: dict[Hashable, Separation] = {}
    placed: set[tuple[str, Hashable]] = set()
    for start in tree:
        if start in placed or start[0] != "c" or start[1] not in targets:
            continue
        # One component of the tree, rooted at `start`, walked breadth first.
        parent: dict[tuple[str, Hashable], tuple[str, Hashable]] = {}
        order = [start]
        placed.add(start)
        for node in order:
            for child in tree[node]:
                if child not in placed:
                    placed.add(child)
                    parent[child] = node
                    order.append(child)
        below = {n: len(members.get(n, ())) for n in order}
        for node in reversed(order[1:]):
            below[parent[node]] += below[node]
        for tree_node in order:
            if tree_node[0] != "c" or tree_node[1] not in targets:
                continue
            sides = [(below[c], c) for c in tree[tree_node] if parent.get(c) == tree_node]
            if tree_node != start:
                sides.append((below[start] - below[tree_node], parent[tree_node]))
            sides = sorted((side for side in sides if side[0] > 0), key=lambda side: -side[0])
            if len(sides) >= 2:
                result[tree_node[1]] = Separation(
                    [_collect(tree, first, tree_node, members) for _, first in sides[1:]],
                    sides[0][0],
                )
    return result


def _blocks_and_cut_points(graph: Graph) -> tuple[list[list[Hashable]], set[Hashable]]:
    """The biconnected components and the articulation points of `graph`, as networkx defines
    them, computed by igraph in one pass."""
    nodes = graph.nodes
    blocks, cut_points = igraph_code.blocks(graph.compiled)
    return [[nodes[i] for i in block] for block in blocks], {nodes[i] for i in cut_points}


def _collect(
    tree: dict[tuple[str, Hashable], list[tuple[str, Hashable]]],
    start: tuple[str, Hashable],
    avoid: tuple[str, Hashable],
    members: dict[tuple[str, Hashable], list[Hashable]],
) -> set[Hashable]:
    """Counted nodes in the part of the tree reached from `start` without passing `avoid`."""
    seen, stack = {avoid, start}, [start]
    found: set[Hashable] = set()
    while stack:
        node = stack.pop()
        found.update(members.get(node, ()))
        for nxt in tree[node]:
            if nxt not in seen:
                seen.add(nxt)
                stack.append(nxt)
    return found
