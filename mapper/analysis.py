"""Everything derived from one map, each computed when first asked for and then kept.

An `Analysis` is made once per map (the app keeps one per open map, keyed on its content) and
read by the checks, the map views, what-if, diff and the report, so the system graph,
brokerage or the reports-to tree are computed once however many of them ask. It holds no
wording and draws nothing; it is the layer between the model and the findings.
"""

from __future__ import annotations

import datetime as dt
import random
import threading
from collections.abc import Callable, Collection, Hashable, Mapping
from dataclasses import dataclass
from functools import cached_property
from itertools import combinations
from typing import Any, TypeVar, get_args

from mapper import compiled as igraph_code
from mapper.compiled import seeded
from mapper.graph import (
    Graph,
    Separation,
    organisation_network,
    separations,
    system_graph,
    withdrawal_graph,
)
from mapper.memory import collection_paused
from mapper.model import Board, Meeting, MeetingLevel, Partnership, Settings, times_a_year
from mapper.stakeholders import Stakeholder, stakeholders

__all__ = ["Analysis", "ReportingTree", "Shares", "brokerage", "communities"]

T = TypeVar("T")

#: The levels a meeting sits at, top first.
LEVELS: tuple[str, ...] = get_args(MeetingLevel)

#: Brokerage is exact with up to this many endpoints; above, estimated from a sample of them
#: as starting points: `SAMPLE`, or fewer on a graph so big that they would take more than
#: `WORK` steps of route counting (one per edge per start; for brokerage outside one's own,
#: one per arc of the directed graph it is counted on, about three per edge), but never fewer
#: than `LEAST`.
EXACT_UP_TO = 1_000
SAMPLE = 1_000
WORK = 100_000_000
LEAST = 200


class Shares(dict[str, float]):
    """Each node's brokerage. `sampled` is how many endpoints the routes were counted from
    when the shares are estimated, and None when they are exact."""

    sampled: int | None = None


def brokerage(
    graph: Graph,
    between: Collection[str] | None = None,
    own: Mapping[str, Collection[str]] | None = None,
) -> Shares:
    """For every node, the share of the pairs of `between` nodes (all nodes if None) whose
    shortest routes pass through it; a pair with several shortest routes counts each route's
    part. With `own`, a pair counts for a node only when neither of its ends is one of the node's
    own (`own[node]`: a person's `part_of` tree); the share stays one of all the pairs. Exact
    with up to `EXACT_UP_TO` endpoints; above, estimated from a sample of them as starting
    points (seed 0, so it repeats; see `SAMPLE`). igraph computes it; without `own` the values
    equal networkx's `betweenness_centrality_subset`, with it a count of every shortest route
    (`tests/oracles.py`), which the tests check.
    """
    nodes = graph.nodes
    index = {node: i for i, node in enumerate(nodes)}
    ends = sorted(index[node] for node in (nodes if between is None else between) if node in index)
    pairs = len(ends) * (len(ends) - 1) / 2
    shares = Shares(dict.fromkeys(nodes, 0.0))
    if pairs == 0 or len(nodes) < 3 or graph.number_of_edges() == 0:
        return shares
    # Hundreds of thousands of small lists and pairs, none in a cycle: with the collector on,
    # CPython scans the whole loaded map again and again as they pile up (about 4 s of 12 s
    # of the national map's brokerage in a whole `check`, 3 s of 13 s before issue 13).
    with collection_paused():
        return _brokerage(graph, nodes, index, ends, pairs, shares, own)


def _brokerage(
    graph: Graph,
    nodes: list[str],
    index: dict[str, int],
    ends: list[int],
    pairs: float,
    shares: Shares,
    own: Mapping[str, Collection[str]] | None,
) -> Shares:
    """`brokerage`'s count, once there are routes to count."""
    sources, scale = ends, 1 / pairs
    edges = [(a, b) for a, b in graph.compiled.get_edgelist() if a != b]  # no route takes a loop
    neighbours = _neighbour_lists(len(nodes), edges)
    kept = _without_loose_ends(neighbours, set(ends))
    steps: float
    if own is not None:
        around = _kept_neighbours(neighbours, kept, edges)
        # The steps of one count: the arcs of the directed graph `_routes_outside_own` counts
        # on, each tie both ways and each end's ties twice more, before the starts' own.
        steps = sum(len(around[v]) for v in kept) + 2 * sum(len(around[e]) for e in ends)
    else:
        steps = graph.number_of_edges() * len(kept) / len(nodes)  # its ties
    if len(ends) > EXACT_UP_TO:
        count = max(LEAST, min(SAMPLE, int(WORK / max(steps, 1))))
        sources = sorted(random.Random(0).sample(ends, count))
        scale *= len(ends) / count
        shares.sampled = count
    if own is not None:
        counted = _routes_outside_own(
            graph, around, kept, ends, sources, _indexed(own, index, ends)
        )
        # Ordered pairs: each pair counted both ways. Rounded to 12 places, so that shares equal
        # but for the order their parts were added and taken away in are equal (and ranks tie).
        for i, value in counted.items():
            shares[nodes[i]] = round(value * scale / 2, 12)
        return shares
    if len(kept) == len(nodes):
        values = graph.compiled.betweenness(directed=False, sources=sources, targets=ends)
        for node, value in zip(nodes, values, strict=True):
            shares[node] = value * scale
        return shares
    # The same routes on the graph without its loose ends: 16% fewer nodes on the national map.
    position = {old: new for new, old in enumerate(kept)}
    smaller = igraph_code.build(
        len(kept),
        [
            (position[a], position[b])
            for a, b in graph.compiled.get_edgelist()
            if a in position and b in position
        ],
    )
    values = smaller.betweenness(
        directed=False,
        sources=[position[i] for i in sources],
        targets=[position[i] for i in ends],
    )
    for i, value in zip(kept, values, strict=True):
        shares[nodes[i]] = value * scale
    return shares


def _routes_outside_own(
    graph: Graph,
    around: list[list[int]],
    kept: list[int],
    ends: list[int],
    sources: list[int],
    own: dict[int, frozenset[int]],
) -> dict[int, float]:
    """For each `kept` vertex (`around`: the neighbours each has among them), the routes
    through it from each of `sources` to each other of `ends` (ordered pairs, a pair with
    several shortest routes counting each route's part), leaving out the pairs with an end in
    its `own`.

    One count (igraph's betweenness) on a directed copy of the graph in which each end `e` is
    reached at a sink `e_end`, one step further on: a neighbour `u` of `e` leads into it
    through a vertex of its own when `e` is `u`'s one own end (a person of an organisation
    alone in its tree), the other neighbours through one shared vertex. Every route to an end
    is counted to its sink, which no route passes, and the routes that end at `e` passing `u`
    are those through `u`'s own step into `e_end`. The routes from `e` passing `u`: counting
    from every end, as many as those to it (the same routes the other way); from a sample,
    each source starts at `s_start` instead, one step before its neighbours, `u` again behind
    a vertex of its own. A vertex whose own ends are several (a tree of several
    organisations), or not its neighbours, has them counted apart on the undirected graph:
    its routes from its own sources, and by symmetry those from each of its own ends to the
    other sources.
    """
    mine: list[int | None] = [None] * len(around)  # a vertex's one own end, a neighbour
    for v in kept:
        theirs = own.get(v)
        if theirs is not None and len(theirs) == 1:
            (end,) = theirs
            if end != v and end in around[v]:
                mine[v] = end
    arcs = [(a, b) for a in kept for b in around[a]]
    count = len(around)

    def vertex() -> int:
        nonlocal count
        count += 1
        return count - 1

    sink: dict[int, int] = {}
    into: dict[tuple[int, int], int] = {}  # (u, e): the vertex between u and e_end
    shared_into: dict[int, int] = {}  # e: the vertex between e's other neighbours and e_end

    def into_shared(e: int) -> int:
        if e not in shared_into:
            shared_into[e] = vertex()
            arcs.append((shared_into[e], sink[e]))
        return shared_into[e]

    for e in ends:
        sink[e] = vertex()
        for u in around[e]:
            if mine[u] == e:
                into[u, e] = vertex()
                arcs.append((into[u, e], sink[e]))
            else:
                into[u, e] = into_shared(e)
            arcs.append((u, into[u, e]))
    start: dict[int, int] = {}
    out_of: dict[tuple[int, int], int] = {}  # (s, u): the vertex between s_start and u
    shared_out: dict[int, int] = {}

    def out_shared(s: int) -> int:
        if s not in shared_out:
            shared_out[s] = vertex()
            arcs.append((start[s], shared_out[s]))
        return shared_out[s]

    every = len(sources) == len(ends)  # then the ends themselves are the sources
    for s in () if every else sources:
        start[s] = vertex()
        for u in around[s]:
            if mine[u] == s:
                out_of[s, u] = vertex()
                arcs.append((start[s], out_of[s, u]))
            else:
                out_of[s, u] = out_shared(s)
            arcs.append((out_of[s, u], u))
            if u in sink:  # the route of one step, to a neighbouring end, through shared
                # steps only, so that it passes nothing counted for a person
                arcs.append((out_shared(s), into_shared(u)))
    through = igraph_code.build(count, arcs, directed=True).betweenness(
        directed=True,
        sources=sources if every else list(start.values()),
        targets=list(sink.values()),
    )
    # A source reaches its own sink too, through each neighbour: not a pair, taken out.
    for s in sources:
        if around[s]:
            part = 1 / len(around[s])
            for u in around[s]:
                through[u] -= part
                through[into[u, s]] -= part
                if not every:
                    through[out_of[s, u]] -= part
    counted: dict[int, float] = {}
    apart: dict[frozenset[int], list[int]] = {}
    for v in kept:
        value = through[v]
        if (o := mine[v]) is not None:
            if every:  # less v's own route to o when v is an end (and so a source) too
                value -= 2 * (through[into[v, o]] - (v in sink))
            else:
                value -= through[into[v, o]]
                if o in start:
                    value -= through[out_of[o, v]]
        elif (theirs := own.get(v)) and theirs != {v}:
            apart.setdefault(theirs, []).append(v)
        counted[v] = value
    for theirs, members in apart.items():
        own_sources = [s for s in sources if s in theirs]
        others = [s for s in sources if s not in theirs]
        for group_sources, group_targets in ((own_sources, ends), (sorted(theirs), others)):
            if group_sources and group_targets:
                values = graph.compiled.betweenness(
                    vertices=members,
                    directed=False,
                    sources=group_sources,
                    targets=group_targets,
                )
                for v, value in zip(members, values, strict=True):
                    counted[v] -= 2 * value  # igraph halves an undirected count
    # What is left once the routes of one's own are taken away is a difference of sums:
    # rounding below a billionth of a route is no route.
    return {
        v: value if value > 1e-9 * max(1.0, through[v]) else 0.0 for v, value in counted.items()
    }


def _without_loose_ends(neighbours: list[list[int]], ends: set[int]) -> list[int]:
    """The vertices left (in order) once every vertex that is not an endpoint and has one
    neighbour or none is taken away, again until none is left: no shortest route between
    endpoints passes through such a vertex, so every other vertex's routes are unchanged."""
    degree = [len(theirs) for theirs in neighbours]
    gone = [False] * len(degree)
    loose = [v for v, d in enumerate(degree) if d <= 1 and v not in ends]
    while loose:
        v = loose.pop()
        if gone[v]:
            continue
        gone[v] = True
        for w in neighbours[v]:
            if not gone[w]:
                degree[w] -= 1
                if degree[w] <= 1 and w not in ends:
                    loose.append(w)
    return [v for v, out in enumerate(gone) if not out]


def _kept_neighbours(
    neighbours: list[list[int]], kept: list[int], edges: list[tuple[int, int]]
) -> list[list[int]]:
    """Each vertex's neighbours among `kept` (none for a vertex not kept)."""
    if len(kept) == len(neighbours):
        return neighbours
    alive = [False] * len(neighbours)
    for v in kept:
        alive[v] = True
    return _neighbour_lists(len(neighbours), [(a, b) for a, b in edges if alive[a] and alive[b]])


def _neighbour_lists(vertices: int, edges: list[tuple[int, int]]) -> list[list[int]]:
    """Each of the vertices' neighbours by these edges."""
    neighbours: list[list[int]] = [[] for _ in range(vertices)]
    for a, b in edges:
        neighbours[a].append(b)
        neighbours[b].append(a)
    return neighbours


def _indexed(
    own: Mapping[str, Collection[str]], index: dict[str, int], ends: list[int]
) -> dict[int, frozenset[int]]:
    """`own` by vertex number, each set kept to the endpoints (worked out once per set: the
    people of one tree share it)."""
    endpoints = set(ends)
    done: dict[int, frozenset[int]] = {}
    found = {}
    for node, theirs in own.items():
        i = index.get(node)
        if i is not None:
            mine = done.get(id(theirs))
            if mine is None:
                mine = frozenset(index[e] for e in theirs if e in index) & endpoints
                done[id(theirs)] = mine
            if mine:
                found[i] = mine
    return found


def communities(graph: Graph) -> list[set[str]]:
    """Communities by the Louvain method on edge weights (igraph's multilevel algorithm), its
    random tie-breaks seeded so that a map always splits the same way."""
    if graph.number_of_edges() == 0:
        return [{node} for node in graph]
    nodes = graph.nodes
    with seeded():
        clusters = igraph_code.communities(graph.compiled)
    return [{nodes[i] for i in cluster} for cluster in clusters]


@dataclass(frozen=True)
class ReportingTree:
    """Meetings and whom they report to: each meeting's parents (none, one, or several: a
    meeting reporting to two bodies is in the tree under each) and the meetings below it."""

    parents: dict[str, tuple[str, ...]]
    children: dict[str, list[str]]

    def below(self, meeting: str) -> set[str]:
        """Every meeting that reports to `meeting`, directly or through others."""
        found: set[str] = set()
        stack = list(self.children.get(meeting, ()))
        while stack:
            node = stack.pop()
            if node not in found:
                found.add(node)
                stack.extend(self.children.get(node, ()))
        found.discard(meeting)
        return found

    def cycles(self) -> list[list[str]]:
        """Each circle of meetings reporting to one another (a meeting reporting to itself
        too), as its sorted meetings: the strongly connected parts of the reports-to links
        (Tarjan's, iterative, so a long chain cannot overflow the stack). Where each meeting
        reports to one other at most these are exactly its loops; circles that share a
        meeting are one part."""
        index: dict[str, int] = {}
        low: dict[str, int] = {}
        on_stack: set[str] = set()
        stack: list[str] = []
        found = []
        for start in self.parents:
            if start in index:
                continue
            walk = [(start, iter(self.parents[start]))]
            index[start] = low[start] = len(index)
            stack.append(start)
            on_stack.add(start)
            while walk:
                node, ahead = walk[-1]
                step = next((p for p in ahead if p in self.parents), None)
                if step is not None:
                    if step not in index:
                        index[step] = low[step] = len(index)
                        stack.append(step)
                        on_stack.add(step)
                        walk.append((step, iter(self.parents[step])))
                    elif step in on_stack:
                        low[node] = min(low[node], index[step])
                    continue
                walk.pop()
                if walk:
                    low[walk[-1][0]] = min(low[walk[-1][0]], low[node])
                if low[node] == index[node]:
                    part = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        part.append(member)
                        if member == node:
                            break
                    if len(part) > 1 or node in self.parents[node]:
                        found.append(sorted(part))
        return sorted(found)


def _withdrawing(graph: Graph, gone: set[str]) -> Separation | None:
    """What the withdrawal of the nodes `gone` does to the organisations of their part of
    `graph`: the groups it cuts off (every group but the largest), when it splits them."""
    start = next(iter(gone))
    part, stack = {start}, [start]
    while stack:
        for n in graph.neighbours(stack.pop()):
            if n not in part:
                part.add(n)
                stack.append(n)
    left = {n for n in part - gone}
    groups: list[set[str]] = []
    seen: set[str] = set()
    for node in sorted(left):
        if node in seen:
            continue
        group, stack = {node}, [node]
        seen.add(node)
        while stack:
            for n in graph.neighbours(stack.pop()):
                if n in left and n not in seen:
                    seen.add(n)
                    group.add(n)
                    stack.append(n)
        orgs = {n for n in group if graph.kind[n] == "organisation"}
        if orgs:
            groups.append(orgs)
    if len(groups) < 2:
        return None
    groups.sort(key=lambda g: (-len(g), sorted(g)))
    cut_off: list[set[Hashable]] = [set(g) for g in groups[1:]]
    return Separation(cut_off=cut_off, rest=len(groups[0]))


class Analysis:
    """One map's derivations. `settings` are the thresholds the checks use (the map's own
    unless given); `today` fixes the date planned departures are counted from."""

    def __init__(
        self,
        partnership: Partnership,
        settings: Settings | None = None,
        today: dt.date | None = None,
        *,
        roles_recorded: bool | None = None,
    ) -> None:
        self.partnership = partnership
        self.settings = settings or partnership.settings
        self.today = today or dt.date.today()
        #: Whether the map records who holds the key roles (someone holds one): when nobody
        #: does, a role is not recorded, not missing. A map derived from another (what-if,
        #: without the people who leave) keeps the answer of the map it comes from.
        self.roles_recorded = (
            any(p.roles for p in partnership.people) if roles_recorded is None else roles_recorded
        )
        self._kept: dict[Hashable, Any] = {}
        self._lock = threading.RLock()

    @classmethod
    def of(
        cls,
        subject: Partnership | Analysis,
        settings: Settings | None = None,
        today: dt.date | None = None,
    ) -> Analysis:
        """The analysis of `subject` under `settings` and `today`: the one given when it is
        already an analysis with those, a new one for a map."""
        if isinstance(subject, Analysis):
            return subject.with_settings(settings, today)
        return cls(subject, settings, today)

    def with_settings(self, settings: Settings | None, today: dt.date | None = None) -> Analysis:
        """This map under other thresholds (or another date); derivations that do not depend
        on them (graphs, brokerage) are shared, not recomputed."""
        if (settings is None or settings == self.settings) and (today in (None, self.today)):
            return self
        other = Analysis(
            self.partnership,
            settings or self.settings,
            today or self.today,
            roles_recorded=self.roles_recorded,
        )
        # Every cached property depends on the map alone (what depends on the thresholds is
        # kept by `once`, which is not shared).
        for name, attribute in vars(Analysis).items():
            if isinstance(attribute, cached_property) and name in self.__dict__:
                other.__dict__[name] = self.__dict__[name]
        return other

    def once(self, key: Hashable, compute: Callable[[], T]) -> T:
        """`compute()`, the first time `key` is asked for; the kept value afterwards. For
        derivations made above this module (the findings keep their detection here)."""
        with self._lock:
            if key not in self._kept:
                self._kept[key] = compute()
            value: T = self._kept[key]
            return value

    # The graphs (mapper.graph states what joins what).

    @cached_property
    def system(self) -> Graph:
        return system_graph(self.partnership)

    @cached_property
    def withdrawal(self) -> Graph:
        return withdrawal_graph(self.partnership)

    @cached_property
    def organisations(self) -> Graph:
        """Organisations joined by the meetings they share and the relationships between
        them (or their people), weighted by how many."""
        return organisation_network(self.partnership)

    def organisations_at(self, levels: Collection[str]) -> Graph:
        """The organisation network counting only meetings at `levels` (all when empty)."""
        chosen = frozenset(levels)
        if not chosen or chosen >= set(LEVELS):
            return self.organisations

        def narrowed() -> Graph:
            meetings = tuple(m for m in self.partnership.meetings if m.level in chosen)
            return organisation_network(self.partnership.model_copy(update={"meetings": meetings}))

        return self.once(("organisations_at", chosen), narrowed)

    @cached_property
    def parts(self) -> list[set[str]]:
        """The connected parts of the system graph."""
        return self.system.components()

    # Who the system depends on.

    @cached_property
    def single_points(self) -> dict[str, Separation]:
        """People whose departure cuts apart the organisations outside their own `part_of`
        tree, with what it cuts off (organisations of that tree left out): the only person of
        an organisation is its only link, but not a single point of failure of the system."""
        graph = self.system
        found = separations(
            graph,
            lambda node: graph.kind[str(node)] == "organisation",
            (p.id for p in self.partnership.people),
        )
        return {
            str(person): kept
            for person, separation in found.items()
            if (kept := self._outside_own_tree(str(person), separation)) is not None
        }

    def _outside_own_tree(self, person: str, separation: Separation) -> Separation | None:
        """`separation` with the organisations of `person`'s own tree taken out of every group,
        or None when fewer than two groups are left."""
        org = self.partnership.person_by_id[person].organisation
        if org is None:
            return separation
        own = self.trees[self.tree_of[org]]
        part = next(orgs for orgs in self._organisations_by_part if org in orgs)
        largest = part.difference(*separation.cut_off)  # the group only counted
        sides = [left for g in (largest, *separation.cut_off) if (left := set(g) - own)]
        if len(sides) < 2:
            return None
        sides.sort(key=len, reverse=True)  # stable: the old largest stays first among equals
        return Separation(list(sides[1:]), len(sides[0]))

    @cached_property
    def _organisations_by_part(self) -> list[frozenset[str]]:
        kind = self.system.kind
        return [frozenset(n for n in part if kind[n] == "organisation") for part in self.parts]

    @cached_property
    def critical(self) -> dict[str, Separation]:
        """Organisations whose withdrawal, with their `part_of` descendants and all their
        people, cuts the other organisations apart. An organisation with none is a cut point
        of the withdrawal graph; one with descendants (a council and its services) withdraws
        with them, so its services left hanging without it are not counted as cut off."""
        graph = self.withdrawal
        organisation = self.partnership.organisation_by_id
        parents = {o.part_of for o in self.partnership.organisations if o.part_of}
        found = separations(
            graph,
            lambda node: graph.kind[str(node)] == "organisation",
            (o.id for o in self.partnership.organisations if o.id not in parents),
        )
        critical = {str(k): v for k, v in found.items()}
        below: dict[str, set[str]] = {}
        for o in self.partnership.organisations:
            up = o.part_of
            while up is not None and up not in below.setdefault(up, set()):
                below[up].add(o.id)
                up = organisation[up].part_of
        for org in parents:
            separation = _withdrawing(graph, {org} | below[org])
            if separation is not None:
                critical[org] = separation
        return {org: critical[org] for org in organisation if org in critical}

    # Who connects it.

    @cached_property
    def brokerage(self) -> Shares:
        """Each node's share of the shortest routes between organisations in the system
        graph, counting for a person (or an organisation) only the routes between
        organisations outside their own `part_of` tree: through whom partners reach each
        other, not how an organisation reaches its own staff."""
        tree = {org: self.trees[top] for org, top in self.tree_of.items()}
        own: dict[str, frozenset[str]] = dict(tree)
        for person in self.partnership.people:
            if person.organisation is not None:
                own[person.id] = tree[person.organisation]
        return brokerage(self.system, [o.id for o in self.partnership.organisations], own)

    @cached_property
    def organisation_brokerage(self) -> Shares:
        """Each organisation's share of the shortest routes in the organisation network."""
        return brokerage(self.organisations)

    def organisation_brokerage_at(self, levels: Collection[str]) -> Shares:
        graph = self.organisations_at(levels)
        if graph is self.organisations:
            return self.organisation_brokerage
        return self.once(("organisation_brokerage_at", frozenset(levels)), lambda: brokerage(graph))

    @cached_property
    def communities(self) -> list[set[str]]:
        """Communities of the organisation network (Louvain, seeded)."""
        return communities(self.organisations)

    # Governance.

    @cached_property
    def reporting(self) -> ReportingTree:
        meetings = self.partnership.meetings
        children: dict[str, list[str]] = {}
        for m in meetings:
            for parent in m.reports_to:
                children.setdefault(parent, []).append(m.id)
        return ReportingTree({m.id: m.reports_to for m in meetings}, children)

    @cached_property
    def top_of_structure(self) -> str | None:
        """The meeting at the top: of the partnership's own meetings reporting to none of its
        own, the one with most below it (a strategic one first when two tie, then the first
        declared). An `external` board (a statutory one outside the partnership's tree) is not
        its top, and reporting to one still leaves a meeting at the top of its own tree."""
        meetings = self.partnership.meeting_by_id
        roots = [
            (order, m)
            for order, m in enumerate(self.partnership.meetings)
            if not m.external and all(p in meetings and meetings[p].external for p in m.reports_to)
        ]
        if not roots:
            return None
        tree = self.reporting
        _, top = max(
            roots,
            key=lambda root: (len(tree.below(root[1].id)), root[1].level == "strategic", -root[0]),
        )
        return top.id

    @cached_property
    def structure_of(self) -> dict[str, str]:
        """Each meeting's structure: the meetings joined to it by `reports_to` or `informs`
        links, either way, named by the first of them the map declares. A partnership's own
        tree and a statutory board it reports to are one structure; a health and social care
        partnership's locality groups, reporting to its own planning group, are another."""
        meetings, ids = self.partnership.meetings, self.partnership.meeting_by_id
        ends = ((m.id, other) for m in meetings for other in (*m.reports_to, *m.informs))
        links = Graph.from_edges(
            ((a, b) for a, b in ends if b in ids), nodes=(m.id for m in meetings)
        )
        order = {m.id: i for i, m in enumerate(meetings)}
        structure: dict[str, str] = {}
        for part in links.components():
            first = min(part, key=order.__getitem__)
            structure.update(dict.fromkeys(part, first))
        return {m.id: structure[m.id] for m in meetings}

    # Who they are to the partnership.

    @cached_property
    def stakeholders(self) -> tuple[Stakeholder, ...]:
        """The organisations and people that record influence, interest or stance, each
        with its quarter of the grid (`mapper.stakeholders`); none on a map recording none."""
        return stakeholders(self.partnership)

    # Who is in which room.

    @cached_property
    def chaired_by(self) -> dict[str, list[str]]:
        """The meetings each person chairs, in the map's order."""
        chaired: dict[str, list[str]] = {}
        for m in self.partnership.meetings:
            for c in m.chairs:
                chaired.setdefault(c, []).append(m.id)
        return chaired

    @cached_property
    def meetings_of(self) -> dict[str, list[str]]:
        """The meetings each person attends, in the map's order."""
        attends: dict[str, list[str]] = {}
        for m in self.partnership.meetings:
            for a in m.attendees:
                attends.setdefault(a, []).append(m.id)
        return attends

    @cached_property
    def hours_a_month_by_person(self) -> dict[str, float]:
        """Hours a month each person spends in meetings, by person id in order.

        Attendees are a set, whose order changes from run to run; sorting keeps the output
        (and the order floats are added in) the same every time.
        """
        hours: dict[str, float] = {}
        for meeting in self.partnership.meetings:
            for person in meeting.attendees:
                hours[person] = hours.get(person, 0.0) + meeting.hours_a_year / 12
        return dict(sorted(hours.items()))

    @cached_property
    def tree_of(self) -> dict[str, str]:
        """Each organisation's `part_of` tree, named by its top organisation (itself when it
        is part of nothing). A `part_of` loop is refused by the loader."""
        parent = {o.id: o.part_of for o in self.partnership.organisations}
        top: dict[str, str] = {}
        for org in parent:
            seen = [org]
            while (up := parent.get(seen[-1])) is not None and up not in seen:
                seen.append(up)
            top[org] = seen[-1]
        return top

    @cached_property
    def trees(self) -> dict[str, frozenset[str]]:
        """The organisations of each `part_of` tree, by its top organisation (`tree_of`)."""
        members: dict[str, set[str]] = {}
        for org, top in self.tree_of.items():
            members.setdefault(top, set()).add(org)
        return {top: frozenset(orgs) for top, orgs in members.items()}

    @cached_property
    def present_in(self) -> dict[str, frozenset[str]]:
        """For each meeting id, the organisations present in it: those of its attendees and
        every organisation they are `part_of` (a council is present where its services are).
        People with no organisation add none."""
        parent = {o.id: o.part_of for o in self.partnership.organisations}
        home = {p.id: p.organisation for p in self.partnership.people}
        found = {}
        for meeting in self.partnership.meetings:
            orgs: set[str] = set()
            for person in meeting.attendees:
                org = home[person]
                while org is not None and org not in orgs:
                    orgs.add(org)
                    org = parent.get(org)
            found[meeting.id] = frozenset(orgs)
        return found

    @cached_property
    def commissioned_by(self) -> dict[str, frozenset[str]]:
        """For each organisation, the organisations it commissions (`commissioning`
        relationships between organisations, from the commissioner)."""
        orgs = self.partnership.organisation_by_id
        found: dict[str, set[str]] = {}
        for r in self.partnership.relationships:
            if r.kind == "commissioning" and r.source in orgs and r.target in orgs:
                found.setdefault(r.source, set()).add(r.target)
        return {org: frozenset(them) for org, them in found.items()}

    # What the map says is held now, and where the partnership's own leaders sit.

    @property
    def standing(self) -> frozenset[str]:
        """The meetings that stand: held more than once (not `frequency: once`) and not
        ended before `today` (a task-and-finish group that has finished). A one-off event or
        a finished group neither links partners now nor needs a place in the structure."""

        def standing() -> frozenset[str]:
            return frozenset(
                m.id
                for m in self.partnership.meetings
                if m.frequency != "once" and (m.ends is None or m.ends >= self.today)
            )

        return self.once("standing", standing)

    @property
    def tables(self) -> tuple[Meeting, ...]:
        """The strategic tables: the partnership's own standing strategic meetings (not an
        `external` statutory board, whose members are that board's), held at least
        `strategic_table_min_per_year` times a year, and ad hoc ones. A two-yearly assembly
        of every partner is not one: the working table is the committee below it."""
        least = self.settings.strategic_table_min_per_year

        def tables() -> tuple[Meeting, ...]:
            standing = self.standing
            return tuple(
                m
                for m in self.partnership.meetings
                if m.level == "strategic"
                and not m.external
                and m.id in standing
                and (m.frequency == "ad_hoc" or times_a_year(m.frequency) >= least)
            )

        return self.once(("tables", least), tables)

    @cached_property
    def strategic_only(self) -> frozenset[str]:
        """Organisations with no operational role here by design (`strategic_only`)."""
        return frozenset(o.id for o in self.partnership.organisations if o.strategic_only)

    def organisation_pairs_at(self, level: str) -> dict[tuple[str, str], list[str]]:
        """Each pair of organisations (sorted) whose people share a meeting at `level`, with
        the meetings they share."""
        return self._pairs_by_level[level]

    @cached_property
    def _pairs_by_level(self) -> dict[str, dict[tuple[str, str], list[str]]]:
        present = self.partnership.organisations_present
        pairs: dict[str, dict[tuple[str, str], list[str]]] = {level: {} for level in LEVELS}
        for meeting in self.partnership.meetings:
            at = pairs.setdefault(meeting.level, {})
            for pair in combinations(present[meeting.id], 2):
                at.setdefault(pair, []).append(meeting.id)
        return pairs

    # The bodies of the guidance, and the lines between them.

    @cached_property
    def boards(self) -> dict[Board, tuple[str, ...]]:
        """For each body of the guidance (`Board`), the meetings that are it, in the map's
        order: those marked `board:` with it; when none is and the partnership is of that
        `type`, its top of structure, unless the top is marked as another body."""
        p = self.partnership
        found = {b: tuple(m.id for m in p.meetings if m.board == b) for b in get_args(Board)}
        top = self.top_of_structure
        for body in found:
            if body == p.type and not found[body] and top and p.meeting_by_id[top].board is None:
                found[body] = (top,)
        return found

    def reached_up(self, meeting: str) -> set[str]:
        """Every meeting `meeting` reaches going up its `reports_to` and `informs` links, and
        theirs in turn (not itself, even round a circle)."""
        meetings = self.partnership.meeting_by_id
        found: set[str] = set()
        stack = [meeting]
        while stack:
            above = meetings[stack.pop()]
            for up in (*above.reports_to, *above.informs):
                if up not in found and up in meetings:
                    found.add(up)
                    stack.append(up)
        found.discard(meeting)
        return found

    # Ways through the system graph, for the map: a focus and its neighbours, routes, places.

    def around(self, centre: Collection[str], steps: int) -> set[str]:
        """The nodes of the system graph at most `steps` edges from any of `centre` (those of
        `centre` that are in it included): what the people view shows round a focus."""
        graph = self.system.adjacency
        reached = {node for node in centre if node in graph}
        frontier = set(reached)
        for _ in range(steps):
            frontier = {n for node in frontier for n in graph[node]} - reached
            reached |= frontier
        return reached

    def routes(self, start: str, end: str, limit: int = 12) -> list[tuple[str, ...]]:
        """The shortest ways from `start` to `end` through the system graph (organisations,
        their people, the meetings those attend, relationships), each as its ids from
        `start` to `end`, in sorted order; the first `limit` of them. None when the two are
        not joined (or either is not on the map); ``[(start,)]`` from a node to itself.

        Breadth-first from `start`, keeping every neighbour one step nearer as a way back,
        then every way back from `end`: the paths networkx's `all_shortest_paths` gives.
        """
        graph = self.system.adjacency
        if start not in graph or end not in graph:
            return []
        distance = {start: 0}
        before: dict[str, list[str]] = {start: []}
        frontier = [start]
        while frontier and end not in distance:
            following: list[str] = []
            for node in frontier:
                for n in graph[node]:
                    if n not in distance:
                        distance[n] = distance[node] + 1
                        before[n] = []
                        following.append(n)
                    if distance[n] == distance[node] + 1:
                        before[n].append(node)
            frontier = following
        if end not in distance:
            return []
        # The nodes on some shortest way, and from each the next steps towards `end`.
        onward: dict[str, list[str]] = {end: []}
        stack = [end]
        while stack:
            node = stack.pop()
            for back in before[node]:
                if back not in onward:
                    onward[back] = []
                    stack.append(back)
                onward[back].append(node)
        found: list[tuple[str, ...]] = []
        ways: list[tuple[str, ...]] = [(start,)]  # depth first, smallest next step first
        while ways and len(found) < limit:
            way = ways.pop()
            if way[-1] == end:
                found.append(way)
                continue
            ways.extend((*way, n) for n in sorted(onward[way[-1]], reverse=True))
        return found

    @cached_property
    def localities_of(self) -> dict[str, frozenset[str]]:
        """The localities each organisation, person and meeting belongs to: its own, a
        person's organisation's, and those of the meetings a person attends (an organisation
        counts those of its people). A county-wide record with none of these has none."""
        p = self.partnership
        own: dict[str, set[str]] = {}
        for records in (p.organisations, p.people, p.meetings):
            for r in records:
                own[r.id] = {r.locality} if r.locality else set()
        for meeting in p.meetings:
            for attendee in meeting.attendees:
                if attendee in own:
                    own[attendee] |= own[meeting.id]
        for person in p.people:
            if person.organisation in own:
                home = p.organisation_by_id[person.organisation].locality
                own[person.id] |= {home} if home else set()
                own[person.organisation] |= own[person.id]
        return {ident: frozenset(places) for ident, places in own.items()}
