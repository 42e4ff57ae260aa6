"""What the map draws: a display graph per view, with positions, built from chosen fields only.

The drawing page must never see the map itself: `shared/ENGINEERING.md` found that pyvis copies
every attribute into the page. A `MapView` holds, per node, only an id, a label, a group (for
colour), a size and a plain-text tooltip, and positions computed here, so a 500-node view
draws at once with physics off. Positions come from the whole view before any filter, so a
node stays where it was when a workshop narrows the view to one sector or level.

Views:
- ``organisations``: organisations joined by the meetings their people share and by
  relationships, each sector in a column round a circle; size by brokerage in that network.
- ``people``: people, meetings and organisations, as the diagnosis sees them; people sized by
  brokerage between organisations.
- ``governance``: meetings as a tree of who reports to whom, top of the structure at the top.
"""

from __future__ import annotations

import dataclasses
import math
from collections import Counter
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field

from mapper.analysis import Analysis
from mapper.compiled import seeded
from mapper.findings.governance import walk_reporting_tree
from mapper.model import Partnership, allowed_values
from mapper.model import Sector as SectorWords
from mapper.render.placement import below_its_column, beside_its_parent, near_neighbours, place
from mapper.vocabulary import readable

__all__ = [
    "VIEWS",
    "SECTOR_COLOURS",
    "MapFilter",
    "DisplayNode",
    "DisplayEdge",
    "MapView",
    "build_view",
    "layout",
    "MAX_NODES",
    "sector_columns",
]

VIEWS = {
    "organisations": "Organisations",
    "people": "People and meetings",
    "governance": "Governance tree",
}

#: Okabe-Ito colours, distinguishable with the common colour-vision differences and on a
#: washed-out projector.
SECTOR_COLOURS = {
    "local_authority": "#0072B2",
    "health": "#009E73",
    "education": "#E69F00",
    "vcfs": "#CC79A7",
    "police": "#56B4E9",
    "housing": "#D55E00",
    "families": "#F0E442",
    "other": "#999999",
    # sectors of version 2 of the format
    "community": "#117733",
    "fire_and_rescue": "#882255",
    "justice": "#332288",
    "employment_and_skills": "#44AA99",
}
MEETING_COLOUR = "#444444"
LEVEL_SHAPES = {"strategic": "diamond", "operational": "square", "practitioner": "triangle"}
#: Above this many nodes a browser on a council laptop struggles; the page asks for a filter.
MAX_NODES = 2_000
#: The organisations view draws at most this many ties, the strongest (most shared meetings
#: and relationships) and every tie of a highlighted organisation: 11,538 ties on a map of 300
#: organisations took Chromium 7 s to draw, as a knot nobody in the room could read.
MAX_TIES = 3_000
#: Pixels of layout per square root of the node count: room for the labels of each view.
SPREAD = {"people": 90.0}
WHEEL_PIXELS, WHEEL_ROW_PIXELS = 400.0, 30.0  # the organisations view: sectors round a ring
ROW_PIXELS, LAYER_PIXELS = 46.0, 430.0  # the governance tree, drawn left to right
#: The room a new node keeps from every other: a label's width in the organisations view
#: (its column is one row high), about a dot and its short label among people.
ORGANISATION_ROOM, PERSON_ROOM = 150.0, 45.0


@dataclass(frozen=True)
class MapFilter:
    """Which part of the map to show; an empty set means no restriction."""

    levels: frozenset[str] = frozenset()
    sectors: frozenset[str] = frozenset()
    organisations: frozenset[str] = frozenset()


@dataclass(frozen=True)
class DisplayNode:
    id: str
    label: str
    group: str
    colour: str
    shape: str
    size: float
    tooltip: str
    x: float
    y: float
    highlighted: bool = False
    minor: bool = False  # drawn with a smaller label (people among meetings)
    changed: bool = False  # added or changed since the snapshot (`build_view`'s `changed`)


@dataclass(frozen=True)
class DisplayEdge:
    source: str
    target: str
    width: float
    tooltip: str
    dashed: bool = False


@dataclass(frozen=True)
class MapView:
    """One view, ready to draw: nodes, edges, the legend, and whether any node is highlighted."""

    view: str
    title: str
    nodes: tuple[DisplayNode, ...]
    edges: tuple[DisplayEdge, ...]
    legend: tuple[tuple[str, str], ...] = field(default=())
    hierarchical: bool = False
    ties_left_out: int = 0  # the weakest ties not drawn (see MAX_TIES)
    changes_since: str = ""  # what the changed nodes changed since ("the map was opened")

    @property
    def highlighting(self) -> bool:
        return any(n.highlighted for n in self.nodes)

    @property
    def marking_changes(self) -> bool:
        return any(n.changed for n in self.nodes)

    @property
    def height(self) -> int:
        """Pixels the drawing needs: a long governance tree gets a taller frame."""
        if not self.nodes:
            return 720
        if not self.hierarchical:
            return 860 if self.view == "organisations" else 720
        rows = (max(n.y for n in self.nodes) - min(n.y for n in self.nodes)) / ROW_PIXELS
        return int(min(2400, max(720, 140 + rows * 30)))


def layout(subject: Partnership | Analysis, view: str) -> dict[str, tuple[float, float]]:
    """Positions for every node of the unfiltered `view`, in pixels rounded to a tenth (as a
    map keeps them). The positions the map keeps (`Partnership.layout`) stay exactly where
    they are; only the nodes without one are placed (`mapper.render.placement`), so an edit
    moves no node. A map keeping none for the view is laid out whole, seeded (the same map,
    the same picture): Fruchterman-Reingold by igraph for people, sectors round a wheel for
    organisations, a layered tree for governance."""
    analysis = Analysis.of(subject)
    known = analysis.partnership.layout.of(view)
    if not known:
        fresh = _fresh_layout(analysis, view)
        return {k: (round(x, 1), round(y, 1)) for k, (x, y) in fresh.items()}
    partnership = analysis.partnership
    if view == "organisations":
        nodes = [o.id for o in partnership.organisations]
        sector = {o.id: o.sector for o in partnership.organisations}
        room = (ORGANISATION_ROOM, WHEEL_ROW_PIXELS)
        return place(
            nodes,
            analysis.organisations.neighbours,
            known,
            below_its_column(sector.__getitem__, room),
            room,
            spiral=False,
        )
    if view == "governance":
        nodes = [m.id for m in partnership.meetings]
        children: dict[str, list[str]] = {}
        for meeting in partnership.meetings:
            for parent in meeting.reports_to:
                children.setdefault(parent, []).append(meeting.id)

        def parents(ident: str) -> tuple[str, ...]:
            return partnership.meeting_by_id[ident].reports_to

        def linked(ident: str) -> list[str]:
            return [*parents(ident), *children.get(ident, ())]

        room = (LAYER_PIXELS * 0.8, ROW_PIXELS)
        rule = beside_its_parent(parents, lambda m: children.get(m, ()), LAYER_PIXELS, room)
        return place(nodes, linked, known, rule, room, spiral=False)
    graph = analysis.system
    room = (PERSON_ROOM, PERSON_ROOM)
    rule = near_neighbours(graph.neighbours, room)
    return place(graph.nodes, graph.neighbours, known, rule, room, spiral=True)


def _fresh_layout(analysis: Analysis, view: str) -> dict[str, tuple[float, float]]:
    if view == "governance":
        return _tree_positions(analysis)
    if view == "organisations":
        return _sector_wheel(analysis.partnership)
    graph = analysis.system
    if len(graph) == 0:
        return {}
    nodes = graph.nodes
    with seeded():
        coords = graph.compiled.layout_fruchterman_reingold(niter=500)
    scale = max(600.0, SPREAD[view] * math.sqrt(len(nodes))) / max(1.0, _extent(coords.coords))
    return {node: (x * scale, y * scale) for node, (x, y) in zip(nodes, coords.coords, strict=True)}


def build_view(
    subject: Partnership | Analysis,
    view: str,
    chosen: MapFilter = MapFilter(),
    highlight: Collection[str] = (),
    positions: dict[str, tuple[float, float]] | None = None,
    changed: Collection[str] = (),
    changes_since: str = "the map was opened",
) -> MapView:
    """The display graph of `view`, narrowed by `chosen`, with `highlight`'s ids marked, and
    `changed`'s as added or changed since `changes_since`."""
    if view not in VIEWS:
        raise ValueError(f"unknown view {view!r}; the views are {', '.join(VIEWS)}")
    analysis = Analysis.of(subject)
    positions = positions if positions is not None else layout(analysis, view)
    builder = {"organisations": _organisations, "people": _people, "governance": _governance}[view]
    nodes, edges, legend, left_out = builder(analysis, chosen, set(highlight), positions)
    marked = set(changed)
    if marked:
        nodes = [dataclasses.replace(n, changed=True) if n.id in marked else n for n in nodes]
    return MapView(
        view,
        VIEWS[view],
        tuple(nodes),
        tuple(edges),
        tuple(legend),
        hierarchical=view == "governance",
        ties_left_out=left_out,
        changes_since=changes_since,
    )


def _strongest(ties: list[tuple[str, str, int]], highlight: set[str]) -> list[tuple[str, str, int]]:
    """At most `MAX_TIES` of `ties` (two ends and a weight), in their order: every tie of a
    highlighted node, then the heaviest (most shared meetings and relationships) of the rest."""
    if len(ties) <= MAX_TIES:
        return ties
    must = [i for i, (a, b, _) in enumerate(ties) if a in highlight or b in highlight]
    rest = sorted(
        (i for i, (a, b, _) in enumerate(ties) if a not in highlight and b not in highlight),
        key=lambda i: -ties[i][2],
    )
    kept = set(must[:MAX_TIES]) | set(rest[: max(0, MAX_TIES - len(must))])
    return [tie for i, tie in enumerate(ties) if i in kept]


def _organisations_kept(partnership: Partnership, chosen: MapFilter) -> set[str]:
    return {
        o.id
        for o in partnership.organisations
        if (not chosen.sectors or o.sector in chosen.sectors)
        and (not chosen.organisations or o.id in chosen.organisations)
    }


def _sector_legend(sectors: Iterable[str]) -> list[tuple[str, str]]:
    present = set(sectors)
    return [(readable(s), SECTOR_COLOURS[s]) for s in allowed_values(SectorWords) if s in present]


def _organisations(
    analysis: Analysis,
    chosen: MapFilter,
    highlight: set[str],
    positions: dict[str, tuple[float, float]],
):
    partnership = analysis.partnership
    kept = _organisations_kept(partnership, chosen)
    graph = analysis.organisations_at(chosen.levels)
    scores = analysis.organisation_brokerage_at(chosen.levels)
    top = max(scores.values(), default=0) or 1
    staff_of = Counter(p.organisation for p in partnership.people)
    nodes = []
    for org in partnership.organisations:
        if org.id not in kept:
            continue
        staff = staff_of[org.id]
        x, y = positions.get(org.id, (0.0, 0.0))
        nodes.append(
            DisplayNode(
                org.id,
                org.label,
                readable(org.sector),
                SECTOR_COLOURS[org.sector],
                "box",
                12 + 28 * scores.get(org.id, 0) / top,
                f"{org.label}\n{readable(org.sector)}\n{staff} people in the map"
                f"\nmeets {graph.degree(org.id)} partner organisations",
                x,
                y,
                org.id in highlight,
            )
        )
    ties = [(a, b, weight) for a, b, weight in graph.edges() if a in kept and b in kept]
    drawn = _strongest(ties, highlight)
    edges = [
        DisplayEdge(a, b, min(8.0, 1 + weight / 2), f"{weight} shared meetings or ties")
        for a, b, weight in drawn
    ]
    legend = _sector_legend(partnership.organisation_by_id[n.id].sector for n in nodes)
    return nodes, edges, legend, len(ties) - len(drawn)


def _people(
    analysis: Analysis,
    chosen: MapFilter,
    highlight: set[str],
    positions: dict[str, tuple[float, float]],
):
    partnership = analysis.partnership
    kept_orgs = _organisations_kept(partnership, chosen)
    restricted = bool(chosen.sectors or chosen.organisations)
    people = [
        p
        for p in partnership.people
        if (not chosen.levels or p.level in chosen.levels)
        and (
            p.organisation in kept_orgs
            if p.organisation
            else not restricted or "families" in chosen.sectors
        )
    ]
    present = {p.id for p in people}
    meetings = [
        m
        for m in partnership.meetings
        if (not chosen.levels or m.level in chosen.levels) and m.attendees & present
    ]
    scores = analysis.brokerage
    top = max((scores.get(p.id, 0) for p in people), default=0) or 1
    nodes: list[DisplayNode] = []

    def at(ident: str) -> tuple[float, float]:
        return positions.get(ident, (0.0, 0.0))

    with_people = {p.organisation for p in people}
    for org in partnership.organisations:
        if org.id in kept_orgs and org.id in with_people:
            nodes.append(
                DisplayNode(
                    org.id,
                    org.label,
                    readable(org.sector),
                    SECTOR_COLOURS[org.sector],
                    "box",
                    14,
                    f"{org.label}\n{readable(org.sector)}",
                    *at(org.id),
                    org.id in highlight,
                )
            )
    for person in people:
        home = partnership.organisation_by_id.get(person.organisation or "")
        sector = partnership.sector_of(person.id)
        lines = [
            person.label,
            person.title or "",
            home.label if home else "family member",
            f"{readable(person.level)} level",
            *(readable(r) for r in person.roles),
        ]
        if person.leaving:
            lines.append(f"leaving {person.leaving.isoformat()}")
        nodes.append(
            DisplayNode(
                person.id,
                person.label,
                readable(sector),
                SECTOR_COLOURS[sector],
                "dot",
                8 + 22 * scores.get(person.id, 0) / top,
                "\n".join(line for line in lines if line),
                *at(person.id),
                person.id in highlight,
                minor=True,
            )
        )
    for meeting in meetings:
        nodes.append(
            DisplayNode(
                meeting.id,
                meeting.label,
                "meeting",
                MEETING_COLOUR,
                LEVEL_SHAPES[meeting.level],
                10 + min(20, len(meeting.attendees)),
                f"{meeting.label}\n{readable(meeting.level)} meeting, "
                f"{readable(str(meeting.frequency))}\n{len(meeting.attendees)} attend",
                *at(meeting.id),
                meeting.id in highlight,
            )
        )
    shown = {n.id for n in nodes}
    edges = [
        DisplayEdge(p.id, p.organisation, 1, "works for") for p in people if p.organisation in shown
    ]
    for meeting in meetings:
        for attendee in sorted(meeting.attendees & present):
            seat = meeting.seat_of(attendee)
            edges.append(DisplayEdge(attendee, meeting.id, 3 if seat == "chair" else 1, seat))
    edges += [
        DisplayEdge(r.source, r.target, 2, readable(r.kind), dashed=True)
        for r in partnership.relationships
        if r.source in shown and r.target in shown
    ]
    legend = _sector_legend({partnership.sector_of(p.id) for p in people})
    legend.append(
        ("meeting (diamond strategic, square operational, triangle practitioner)", MEETING_COLOUR)
    )
    return nodes, edges, legend, 0


def _governance(
    analysis: Analysis,
    chosen: MapFilter,
    highlight: set[str],
    positions: dict[str, tuple[float, float]],
):
    partnership = analysis.partnership
    chair_orgs = {
        m.id: {partnership.person_by_id[c].organisation for c in m.chairs}
        for m in partnership.meetings
    }
    kept_orgs = _organisations_kept(partnership, chosen)
    restricted = bool(chosen.sectors or chosen.organisations)
    meetings = [
        m
        for m in partnership.meetings
        if (not chosen.levels or m.level in chosen.levels)
        and (not restricted or chair_orgs[m.id] & kept_orgs)
    ]
    shown = {m.id for m in meetings}
    nodes = []
    for meeting in meetings:
        chairs = ", ".join(partnership.person_by_id[c].label for c in meeting.chairs)
        x, y = positions.get(meeting.id, (0.0, 0.0))
        nodes.append(
            DisplayNode(
                meeting.id,
                meeting.label,
                readable(meeting.level),
                _LEVEL_COLOURS[meeting.level],
                "box",
                14,
                f"{meeting.label}\n{readable(meeting.level)} meeting, "
                f"{readable(str(meeting.frequency))}\nchaired by {chairs}"
                f"\n{len(meeting.attendees)} attend",
                x,
                y,
                meeting.id in highlight,
            )
        )
    edges = [
        DisplayEdge(m.id, parent, 2, "reports to")
        for m in meetings
        for parent in m.reports_to
        if parent in shown
    ]
    legend = [
        (f"{readable(level)} meeting", colour)
        for level, colour in _LEVEL_COLOURS.items()
        if any(m.level == level for m in meetings)
    ]
    return nodes, edges, legend, 0


_LEVEL_COLOURS = {"strategic": "#0072B2", "operational": "#009E73", "practitioner": "#E69F00"}


def sector_columns(partnership: Partnership) -> dict[str, list[str]]:
    """Each sector present, in the format's order of sectors, with its organisations in the
    map's order: the columns both the organisations view and the report's picture draw."""
    columns: dict[str, list[str]] = {}
    for org in partnership.organisations:
        columns.setdefault(org.sector, []).append(org.id)
    return {s: columns[s] for s in allowed_values(SectorWords) if s in columns}


def _sector_wheel(partnership: Partnership) -> dict[str, tuple[float, float]]:
    """Each sector's organisations in a column of their own, the columns round a circle.

    A force layout squeezes a dense network of organisations into one unreadable knot; here
    every name has a row, a sector sits together, and each line between columns is a tie
    across sectors: the thing a partnership wants to see.
    """
    columns = sector_columns(partnership)
    sectors = list(columns)
    tallest = max((len(ids) for ids in columns.values()), default=1) * WHEEL_ROW_PIXELS
    # an ellipse wider than tall (screens are landscape): columns a label's width apart
    across, down = max(WHEEL_PIXELS, 90.0 * len(sectors)), max(260.0, 0.6 * tallest)
    positions = {}
    for k, sector in enumerate(sectors):
        angle = 2 * math.pi * k / len(sectors) - math.pi / 2
        cx, cy = across * math.cos(angle), down * math.sin(angle)
        ids = columns[sector]
        for row, ident in enumerate(ids):
            positions[ident] = (cx, cy + (row - (len(ids) - 1) / 2) * WHEEL_ROW_PIXELS)
    return positions


def _tree_positions(analysis: Analysis) -> dict[str, tuple[float, float]]:
    """Columns by distance below the top, one row per meeting at the end of a branch; meetings
    outside the tree follow the main tree with trees of their own."""
    steps = walk_reporting_tree(analysis)
    children: dict[str, list[str]] = {}
    for step in steps:
        if step.parent is not None:
            children.setdefault(step.parent, []).append(step.meeting)
    order = [step.meeting for step in steps]
    depth = {step.meeting: step.depth for step in steps}
    x: dict[str, float] = {}
    leaf = 0.0
    for node in order:  # leaves left to right in depth-first order
        if node not in children:
            x[node] = leaf
            leaf += 1
    for node in reversed(order):  # each parent centred over its children
        if node in children:
            xs = [x[c] for c in children[node]]
            x[node] = (min(xs) + max(xs)) / 2
    positions = {node: (x[node], float(depth[node])) for node in order}
    return {k: (depth * LAYER_PIXELS, row * ROW_PIXELS) for k, (row, depth) in positions.items()}


def _extent(coords: list[list[float]] | list[tuple[float, float]]) -> float:
    if not coords:
        return 1.0
    xs, ys = [c[0] for c in coords], [c[1] for c in coords]
    return max(max(xs) - min(xs), max(ys) - min(ys), 1e-9)
