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
  brokerage between organisations; narrowed to a focus and its neighbours (`MapFilter`) or to
  the routes between two organisations (`build_view`'s `route`).
- ``governance``: meetings as a tree of who reports to whom, top of the structure at the top,
  wrapped to a landscape screen (`mapper.render.tree_layout`).

Each view filters by level, sector, organisation and locality, and colours by sector or
locality (`COLOUR_BY`).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field, replace

from mapper import compiled as igraph_code
from mapper.analysis import Analysis
from mapper.compiled import seeded
from mapper.model import Partnership, allowed_values
from mapper.model import Sector as SectorWords
from mapper.render.placement import below_its_column, below_its_parent, near_neighbours, place
from mapper.render.tree_layout import (
    COLUMN_PIXELS,
    LEVEL_PIXELS,
    STACK_PIXELS,
    governance_positions,
)
from mapper.vocabulary import readable

__all__ = [
    "VIEWS",
    "SECTOR_COLOURS",
    "MapFilter",
    "DisplayNode",
    "DisplayEdge",
    "MapView",
    "build_view",
    "COLOUR_BY",
    "layout",
    "MAX_NODES",
    "sector_columns",
]

VIEWS = {
    "organisations": "Organisations",
    "people": "People and meetings",
    "governance": "Governance tree",
}

#: What gives each node its colour (and the legend its keys).
COLOUR_BY = {"sector": "Sector", "locality": "Locality"}
#: Paul Tol's muted scheme, for localities (a second palette, so that sector and place are
#: never read as one); a record in no locality is grey.
LOCALITY_COLOURS = (
    "#332288", "#88CCEE", "#44AA99", "#117733", "#999933", "#DDCC77", "#CC6677", "#882255",
    "#AA4499",
)  # fmt: skip
NO_LOCALITY = ("county-wide (no locality)", "#DDDDDD")
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
#: The organisations view: sectors stacked in columns a label apart (the width a 22 px label of
#: about 30 letters takes), rows a node and its label apart, a row between two sectors.
SHELF_COLUMN_PIXELS, SHELF_ROW_PIXELS, SECTOR_GAP_ROWS = 330.0, 40.0, 1
#: Width over height of the map's frame in presentation mode at 1280x720 (1250 x 590 pixels).
SHELF_ASPECT = 2.1
#: The room a new node keeps from every other: a label's width in the organisations view
#: (its column is one row high), about a dot and its short label among people.
ORGANISATION_ROOM, PERSON_ROOM = 150.0, 45.0


@dataclass(frozen=True)
class MapFilter:
    """Which part of the map to show; an empty set means no restriction.

    `localities` keeps what belongs to one of them (`Analysis.localities_of`: its own, its
    organisation's, its meetings'). `focus` (ids of organisations, meetings or people) narrows
    the people view to them and what is at most `steps` links away in the system graph.
    """

    levels: frozenset[str] = frozenset()
    sectors: frozenset[str] = frozenset()
    organisations: frozenset[str] = frozenset()
    localities: frozenset[str] = frozenset()
    focus: frozenset[str] = frozenset()
    steps: int = 1


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
    focus: bool = False  # what the people view is focused on: its label shown first


@dataclass(frozen=True)
class DisplayEdge:
    source: str
    target: str
    width: float
    tooltip: str
    dashed: bool = False
    on_route: bool = False  # a step of a route shown (`build_view`'s `route`)


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
        """Pixels the frame is tall outside presentation mode (which fills the screen); the
        governance tree is laid out to fit a landscape screen (`governance_positions`)."""
        if not self.nodes:
            return 720
        return 860 if self.view == "organisations" else 760


def layout(subject: Partnership | Analysis, view: str) -> dict[str, tuple[float, float]]:
    """Positions for every node of the unfiltered `view`, in pixels rounded to a tenth (as a
    map keeps them). The positions the map keeps (`Partnership.layout`) stay exactly where
    they are; only the nodes without one are placed (`mapper.render.placement`), so an edit
    moves no node. A map keeping none for the view is laid out whole, seeded (the same map,
    the same picture): Fruchterman-Reingold by igraph for people, sectors stacked in columns for
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
        room = (ORGANISATION_ROOM, SHELF_ROW_PIXELS)
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
        tree = analysis.reporting

        def parents(ident: str) -> tuple[str, ...]:
            return tree.parents[ident]

        def children(ident: str) -> list[str]:
            return tree.children.get(ident, [])

        def linked(ident: str) -> list[str]:
            return [*parents(ident), *children(ident)]

        room = (COLUMN_PIXELS * 0.8, STACK_PIXELS)
        rule = below_its_parent(parents, children, LEVEL_PIXELS, room)
        return place(nodes, linked, known, rule, room, spiral=False)
    graph = analysis.system
    room = (PERSON_ROOM, PERSON_ROOM)
    rule = near_neighbours(graph.neighbours, room)
    return place(graph.nodes, graph.neighbours, known, rule, room, spiral=True)


def _fresh_layout(analysis: Analysis, view: str) -> dict[str, tuple[float, float]]:
    if view == "governance":
        return governance_positions(analysis)
    if view == "organisations":
        return _sector_shelves(analysis.partnership)
    graph = analysis.system
    if len(graph) == 0:
        return {}
    nodes = graph.nodes
    with seeded():
        coords = igraph_code.layout(graph.compiled)
    scale = max(600.0, SPREAD[view] * math.sqrt(len(nodes))) / max(1.0, _extent(coords))
    return {node: (x * scale, y * scale) for node, (x, y) in zip(nodes, coords, strict=True)}


def build_view(
    subject: Partnership | Analysis,
    view: str,
    chosen: MapFilter = MapFilter(),
    highlight: Collection[str] = (),
    positions: dict[str, tuple[float, float]] | None = None,
    changed: Collection[str] = (),
    changes_since: str = "the map was opened",
    *,
    route: Sequence[Sequence[str]] = (),
    colour_by: str = "sector",
) -> MapView:
    """The display graph of `view`, narrowed by `chosen`, with `highlight`'s ids marked, and
    `changed`'s as added or changed since `changes_since`.

    `route` (ways through the system graph, as `Analysis.routes` gives them) marks its nodes
    and its steps; the people view with a route and no focus shows the route alone.
    `colour_by` is a key of `COLOUR_BY`.
    """
    if view not in VIEWS:
        raise ValueError(f"unknown view {view!r}; the views are {', '.join(VIEWS)}")
    if colour_by not in COLOUR_BY:
        raise ValueError(f"unknown colouring {colour_by!r}; the choices are {', '.join(COLOUR_BY)}")
    analysis = Analysis.of(subject)
    positions = positions if positions is not None else layout(analysis, view)
    on_route = {node for way in route for node in way}
    steps = {frozenset(pair) for way in route for pair in zip(way, way[1:], strict=False)}
    if view == "people" and on_route and not chosen.focus:
        chosen = replace(chosen, focus=frozenset(on_route), steps=0)
    paint = _Paint(analysis, colour_by)
    builder = {"organisations": _organisations, "people": _people, "governance": _governance}[view]
    nodes, edges, legend, left_out = builder(
        analysis, chosen, set(highlight) | on_route, positions, paint
    )
    if steps:
        edges = [
            replace(e, on_route=True) if frozenset((e.source, e.target)) in steps else e
            for e in edges
        ]
    if route:  # the two ends' names are shown before any other on the route
        ends = {way[0] for way in route} | {way[-1] for way in route}
        nodes = [replace(n, focus=n.id in ends) for n in nodes]
    marked = set(changed)
    if marked:
        nodes = [replace(n, changed=True) if n.id in marked else n for n in nodes]
    return MapView(
        view,
        VIEWS[view],
        tuple(nodes),
        tuple(edges),
        tuple(paint.legend(legend)),
        hierarchical=view == "governance",
        ties_left_out=left_out,
        changes_since=changes_since,
    )


class _Paint:
    """The colour of each node: its sector's (people: their organisation's), or its
    locality's; `legend` turns the groups drawn into the legend's keys."""

    def __init__(self, analysis: Analysis, by: str) -> None:
        self.partnership, self.by = analysis.partnership, by
        localities = self.partnership.localities
        self.places = {
            x.id: (x.label, LOCALITY_COLOURS[i % len(LOCALITY_COLOURS)])
            for i, x in enumerate(localities)
        }
        self.used: set[str] = set()

    def locality(self, ident: str) -> str | None:
        p = self.partnership
        record = p.organisation_by_id.get(ident) or p.person_by_id.get(ident)
        if record is None:
            meeting = p.meeting_by_id.get(ident)
            return meeting.locality if meeting else None
        if record.locality:
            return record.locality
        home = getattr(record, "organisation", None)
        return p.organisation_by_id[home].locality if home in p.organisation_by_id else None

    def __call__(self, ident: str, sector: str) -> tuple[str, str]:
        """The group name and colour of node `ident`, whose sector is `sector`."""
        if self.by == "sector":
            self.used.add(sector)
            return readable(sector), SECTOR_COLOURS[sector]
        place = self.locality(ident)
        self.used.add(place or "")
        return self.places[place] if place in self.places else NO_LOCALITY

    def legend(self, extra: list[tuple[str, str]]) -> list[tuple[str, str]]:
        if self.by == "sector":
            return _sector_legend(self.used) + extra
        keys = [self.places[x.id] for x in self.partnership.localities if x.id in self.used]
        return keys + ([NO_LOCALITY] if "" in self.used else []) + extra


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


def _in_places(analysis: Analysis, ident: str, chosen: MapFilter) -> bool:
    return not chosen.localities or bool(
        analysis.localities_of.get(ident, frozenset()) & chosen.localities
    )


def _organisations_kept(analysis: Analysis, chosen: MapFilter) -> set[str]:
    return {
        o.id
        for o in analysis.partnership.organisations
        if (not chosen.sectors or o.sector in chosen.sectors)
        and (not chosen.organisations or o.id in chosen.organisations)
        and _in_places(analysis, o.id, chosen)
    }


def _sector_legend(sectors: Iterable[str]) -> list[tuple[str, str]]:
    present = set(sectors)
    return [(readable(s), SECTOR_COLOURS[s]) for s in allowed_values(SectorWords) if s in present]


def _relationships_between(partnership: Partnership) -> Counter[tuple[str, str]]:
    """Relationships per pair of organisations (their own or their people's), as the
    organisation network counts them."""
    org_of = {p.id: p.organisation for p in partnership.people}
    known = partnership.organisation_by_id
    counted: Counter[tuple[str, str]] = Counter()
    for tie in partnership.relationships:
        a, b = org_of.get(tie.source, tie.source), org_of.get(tie.target, tie.target)
        if a and b and a != b and a in known and b in known:
            counted[min(a, b), max(a, b)] += 1
    return counted


def _organisations(
    analysis: Analysis,
    chosen: MapFilter,
    highlight: set[str],
    positions: dict[str, tuple[float, float]],
    paint: _Paint,
):
    partnership = analysis.partnership
    kept = _organisations_kept(analysis, chosen)
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
        group, colour = paint(org.id, org.sector)
        nodes.append(
            DisplayNode(
                org.id,
                org.label,
                group,
                colour,
                "dot",
                10 + 20 * scores.get(org.id, 0) / top,
                f"{org.label}\n{readable(org.sector)}\n{staff} people in the map"
                f"\nmeets {graph.degree(org.id)} partner organisations",
                x,
                y,
                org.id in highlight,
            )
        )
    # One line per pair (the network is simple), as thick as the pair's meetings and ties.
    ties = [(a, b, weight) for a, b, weight in graph.edges() if a in kept and b in kept]
    drawn = _strongest(ties, highlight)
    related = _relationships_between(partnership)
    heaviest = max((w for _, _, w in drawn), default=1)
    edges = []
    for a, b, weight in drawn:
        names = partnership.organisation_by_id[a].label, partnership.organisation_by_id[b].label
        ties_of = min(related[min(a, b), max(a, b)], weight)
        shared = weight - ties_of
        edges.append(
            DisplayEdge(
                a,
                b,
                1 + 9 * math.sqrt(weight / heaviest),
                f"{names[0]} and {names[1]}\n{shared} shared meeting{'s' * (shared != 1)}, "
                f"{ties_of} relationship{'s' * (ties_of != 1)}",
            )
        )
    return nodes, edges, [], len(ties) - len(drawn)


def _people(
    analysis: Analysis,
    chosen: MapFilter,
    highlight: set[str],
    positions: dict[str, tuple[float, float]],
    paint: _Paint,
):
    partnership = analysis.partnership
    kept_orgs = _organisations_kept(analysis, chosen)
    restricted = bool(chosen.sectors or chosen.organisations)
    near = analysis.around(chosen.focus, chosen.steps) if chosen.focus else None

    def seen(ident: str) -> bool:
        return (near is None or ident in near) and _in_places(analysis, ident, chosen)

    people = [
        p
        for p in partnership.people
        if (not chosen.levels or p.level in chosen.levels)
        and (
            p.organisation in kept_orgs
            if p.organisation
            else not restricted or "families" in chosen.sectors
        )
        and seen(p.id)
    ]
    present = {p.id for p in people}
    meetings = [
        m
        for m in partnership.meetings
        if (not chosen.levels or m.level in chosen.levels) and m.attendees & present and seen(m.id)
    ]
    scores = analysis.brokerage
    top = max((scores.get(p.id, 0) for p in people), default=0) or 1
    nodes: list[DisplayNode] = []

    def at(ident: str) -> tuple[float, float]:
        return positions.get(ident, (0.0, 0.0))

    with_people = {p.organisation for p in people}
    for org in partnership.organisations:
        if org.id in kept_orgs and (org.id in with_people or (near and org.id in near)):
            group, colour = paint(org.id, org.sector)
            nodes.append(
                DisplayNode(
                    org.id,
                    org.label,
                    group,
                    colour,
                    "hexagon",
                    16,
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
        group, colour = paint(person.id, sector)
        nodes.append(
            DisplayNode(
                person.id,
                person.label,
                group,
                colour,
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
    nodes = [replace(n, focus=True) if n.id in chosen.focus else n for n in nodes]
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
    edges += [
        DisplayEdge(o.id, o.part_of, 2, "part of", dashed=True)
        for o in partnership.organisations
        if o.id in shown and o.part_of in shown
    ]
    legend = [
        ("organisation: hexagon, person: dot", "#FFFFFF"),
        ("meeting (diamond strategic, square operational, triangle practitioner)", MEETING_COLOUR),
    ]
    return nodes, edges, legend, 0


def _governance(
    analysis: Analysis,
    chosen: MapFilter,
    highlight: set[str],
    positions: dict[str, tuple[float, float]],
    paint: _Paint,
):
    partnership = analysis.partnership
    chair_orgs = {
        m.id: {partnership.person_by_id[c].organisation for c in m.chairs}
        for m in partnership.meetings
    }
    kept_orgs = _organisations_kept(analysis, chosen)
    restricted = bool(chosen.sectors or chosen.organisations)
    meetings = [
        m
        for m in partnership.meetings
        if (not chosen.levels or m.level in chosen.levels)
        and (not restricted or chair_orgs[m.id] & kept_orgs)
        and _in_places(analysis, m.id, chosen)
    ]
    shown = {m.id for m in meetings}
    nodes = []
    for meeting in meetings:
        chairs = ", ".join(partnership.person_by_id[c].label for c in meeting.chairs)
        x, y = positions.get(meeting.id, (0.0, 0.0))
        if paint.by == "sector":
            group, colour = readable(meeting.level), _LEVEL_COLOURS[meeting.level]
        else:
            group, colour = paint(meeting.id, "other")
        nodes.append(
            DisplayNode(
                meeting.id,
                meeting.label,
                group,
                colour,
                LEVEL_SHAPES[meeting.level],
                12,
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
    legend = []
    if paint.by == "sector":
        legend = [
            (f"{readable(level)} meeting", colour)
            for level, colour in _LEVEL_COLOURS.items()
            if any(m.level == level for m in meetings)
        ]
    legend.append(("diamond strategic, square operational, triangle practitioner", "#FFFFFF"))
    return nodes, edges, legend, 0


_LEVEL_COLOURS = {"strategic": "#0072B2", "operational": "#009E73", "practitioner": "#E69F00"}


def sector_columns(partnership: Partnership) -> dict[str, list[str]]:
    """Each sector present, in the format's order of sectors, with its organisations in the
    map's order: the columns both the organisations view and the report's picture draw."""
    columns: dict[str, list[str]] = {}
    for org in partnership.organisations:
        columns.setdefault(org.sector, []).append(org.id)
    return {s: columns[s] for s in allowed_values(SectorWords) if s in columns}


def _sector_shelves(partnership: Partnership) -> dict[str, tuple[float, float]]:
    """Each sector's organisations one under another, the sectors stacked in a few columns
    in the format's order, each whole, the columns as tall as makes the picture nearest the
    frame's shape.

    A force layout squeezes a dense network of organisations into one unreadable knot, and a
    ring of sector columns leaves the names of a column a few pixels apart once fitted to a
    screen; here the columns are as many as make the drawing as wide for its height as the
    map's frame on a projector (`SHELF_ASPECT`), labels a column apart, so a name has its
    row and a sector sits together.
    """
    columns = sector_columns(partnership)
    if not columns:
        return {}

    def off_the_frame(packed: dict[str, tuple[float, float]]) -> float:
        width = max(x for x, _ in packed.values()) + SHELF_COLUMN_PIXELS
        height = max(y for _, y in packed.values()) + SHELF_ROW_PIXELS
        return abs(math.log(width / height / SHELF_ASPECT))

    sectors = list(columns.values())
    tallest = max(len(ids) for ids in sectors)
    rows = sum(len(ids) for ids in sectors) + SECTOR_GAP_ROWS * len(sectors)
    return min(
        (_shelved(sectors, height) for height in range(tallest, math.ceil(rows) + 1)),
        key=off_the_frame,
    )


def _shelved(sectors: list[list[str]], height: int) -> dict[str, tuple[float, float]]:
    """The sectors (each a list of ids) stacked in order in columns `height` rows tall at
    most, each sector whole, a gap between two."""
    positions: dict[str, tuple[float, float]] = {}
    column, row = 0, 0.0
    for ids in sectors:
        if row and row + len(ids) > height:
            column, row = column + 1, 0.0  # the sector goes whole to the next column
        for ident in ids:
            positions[ident] = (column * SHELF_COLUMN_PIXELS, row * SHELF_ROW_PIXELS)
            row += 1
        row += SECTOR_GAP_ROWS
    return positions


def _extent(coords: list[list[float]] | list[tuple[float, float]]) -> float:
    if not coords:
        return 1.0
    xs, ys = [c[0] for c in coords], [c[1] for c in coords]
    return max(max(xs) - min(xs), max(ys) - min(ys), 1e-9)
