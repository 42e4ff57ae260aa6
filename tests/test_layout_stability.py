"""A stable map (issue 14): positions kept in the map, a new node placed near its neighbours
without moving any node, and what the format says of a bad position."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mapper.errors import InvalidMapError
from mapper.load import load_map, parse_map
from mapper.model import LAYOUT_VIEWS, Layout, Meeting, Organisation, Partnership, Person
from mapper.render.network import PERSON_ROOM, layout
from mapper.save import dump_map
from tests.strategies import partnerships

COUNTY = Path(__file__).resolve().parent.parent / "examples" / "county.yaml"
VIEWS = tuple(LAYOUT_VIEWS)


def pinned(partnership: Partnership) -> Partnership:
    """The map keeping the picture it is drawn with now, in every view."""
    return partnership.with_sections(version=2, layout={v: layout(partnership, v) for v in VIEWS})


def pictures(partnership: Partnership) -> dict[str, dict[str, tuple[float, float]]]:
    return {v: layout(partnership, v) for v in VIEWS}


def assert_nothing_moved(before: Partnership, after: Partnership) -> None:
    old, new = pictures(before), pictures(after)
    for view in VIEWS:
        moved = {k: (p, new[view].get(k)) for k, p in old[view].items() if new[view].get(k) != p}
        assert moved == {}, view


def with_person(p: Partnership, ident: str, meetings: list[str]) -> Partnership:
    person = Person(
        id=ident, name="New Person", organisation=p.organisations[0].id, level="operational"
    )
    chosen = set(meetings)
    return p.with_sections(
        people=(*p.people, person),
        meetings=tuple(
            m.model_copy(update={"members": (*m.members, ident)}) if m.id in chosen else m
            for m in p.meetings
        ),
    )


def with_meeting(p: Partnership, ident: str, reports_to: tuple[str, ...]) -> Partnership:
    meeting = Meeting(
        id=ident,
        level="operational",
        frequency="monthly",
        chairs=(p.people[0].id,),
        members=tuple(x.id for x in p.people[1:3]),
        reports_to=reports_to,
    )
    return p.with_sections(meetings=(*p.meetings, meeting))


def with_relationship(p: Partnership, a: str, b: str) -> Partnership:
    return p.with_sections(
        relationships=(*p.relationships, {"from": a, "to": b, "kind": "information_sharing"})
    )


@pytest.fixture(scope="module")
def county() -> Partnership:
    return pinned(load_map(COUNTY))


def test_a_kept_picture_is_drawn_exactly(county):
    assert pictures(county) == {v: county.layout.of(v) for v in VIEWS}
    assert parse_map(dump_map(county)) == county  # saved and read back: the same picture


def test_adding_a_person_moves_no_node_and_places_them_near_their_meeting(county):
    meeting = county.meetings[7].id
    after = with_person(county, "newcomer", [meeting])
    assert_nothing_moved(county, after)
    people = layout(after, "people")
    seat = county.layout.people[meeting]
    home = county.layout.people[county.organisations[0].id]
    middle = ((seat[0] + home[0]) / 2, (seat[1] + home[1]) / 2)
    assert math.dist(people["newcomer"], middle) < 6 * PERSON_ROOM  # near both, not far off
    others = [q for k, q in people.items() if k != "newcomer"]
    nearest = min(math.dist(people["newcomer"], q) for q in others)
    assert nearest >= PERSON_ROOM * 0.99  # on a free spot, over nobody


def test_adding_a_meeting_moves_no_node_and_puts_it_below_its_parent(county):
    parent = county.meetings[0].id
    after = with_meeting(county, "new-group", (parent,))
    assert_nothing_moved(county, after)
    tree = layout(after, "governance")
    assert tree["new-group"][1] > county.layout.governance[parent][1]


def test_adding_a_relationship_or_an_organisation_moves_no_node(county):
    a, b = county.organisations[1].id, county.organisations[-1].id
    assert_nothing_moved(county, with_relationship(county, a, b))
    newcomer = Organisation(id="new-charity", sector="vcfs")
    after = county.with_sections(organisations=(*county.organisations, newcomer))
    assert_nothing_moved(county, after)
    wheel = layout(after, "organisations")
    column = [county.layout.organisations[o.id] for o in county.organisations if o.sector == "vcfs"]
    foot = max(column, key=lambda q: q[1])
    assert wheel["new-charity"][0] == foot[0] and wheel["new-charity"][1] > foot[1]


def test_an_isolated_new_person_goes_to_the_edge_and_moves_nobody(county):
    after = with_person(county, "loner", [])
    assert_nothing_moved(county, after)
    # works for an organisation, so tied to it: placed by it, not at the edge
    xs = [q[0] for q in county.layout.people.values()]
    assert min(xs) <= layout(after, "people")["loner"][0] <= max(xs) + 3 * PERSON_ROOM


def test_removing_a_person_drops_their_position_and_moves_no_one_else(county):
    chairs = {c for m in county.meetings for c in m.chairs}
    gone = next(p.id for p in county.people if p.id not in chairs)
    after = county.without([gone])
    assert gone not in after.layout.people
    assert_nothing_moved(after, after)  # (trivially) and every remaining node stays:
    assert {k: v for k, v in county.layout.people.items() if k != gone} == layout(after, "people")


def test_the_same_map_and_positions_give_the_same_picture(county):
    after = with_person(county, "newcomer", [county.meetings[2].id, county.meetings[9].id])
    assert layout(after, "people") == layout(after, "people")


@st.composite
def additions(draw: st.DrawFn) -> tuple[Partnership, Partnership]:
    """A map with its picture kept, and that map with one person, meeting, organisation or
    relationship added (tied to records drawn from it)."""
    base = pinned(draw(partnerships()))
    taken = {r.id for s in ("organisations", "people", "meetings") for r in getattr(base, s)}
    taken |= {x.id for x in (*base.outcomes, *base.localities)}
    ident = draw(st.from_regex(r"new[0-9]{1,4}", fullmatch=True).filter(lambda i: i not in taken))
    kind = draw(st.sampled_from(["person", "meeting", "organisation", "relationship"]))
    meetings = [m.id for m in base.meetings]
    if kind == "person":
        chosen = draw(st.lists(st.sampled_from(meetings), unique=True)) if meetings else []
        return base, with_person(base, ident, chosen)
    if kind == "meeting":
        parents = draw(st.lists(st.sampled_from(meetings), max_size=1)) if meetings else []
        return base, with_meeting(base, ident, tuple(parents))
    if kind == "organisation":
        sector = draw(st.sampled_from([o.sector for o in base.organisations] + ["justice"]))
        return base, base.with_sections(
            organisations=(*base.organisations, Organisation(id=ident, sector=sector))
        )
    ends = [o.id for o in base.organisations] + [p.id for p in base.people]
    tied = {frozenset((r.source, r.target)) for r in base.relationships}
    a, b = draw(
        st.lists(st.sampled_from(ends), min_size=2, max_size=2, unique=True).filter(
            lambda pair: frozenset(pair) not in tied  # a new tie: the map refuses one twice
        )
    )
    return base, with_relationship(base, a, b)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(additions())
def test_no_addition_moves_any_node_in_any_view(case):
    before, after = case
    old, new = pictures(before), pictures(after)
    for view in VIEWS:
        assert {k: new[view][k] for k in old[view]} == old[view]
        placed = set(new[view]) - set(old[view])
        for k in placed:  # every new node has a spot of its own
            assert all(new[view][k] != q for j, q in new[view].items() if j != k)


# --- the format ----------------------------------------------------------------------------

SMALL = """\
version: 2
name: Small
organisations:
  - {id: trust, sector: health}
people:
  - {id: ann, organisation: trust, level: strategic}
meetings:
  - {id: board, level: strategic, frequency: monthly, chairs: [ann]}
layout:
  organisations: {trust: [10, 20]}
  people: {ann: POSITION, board: [0, 0], gone: [5, 5]}
"""


def test_positions_of_records_not_on_the_map_are_dropped_not_refused():
    p = parse_map(SMALL.replace("POSITION", "[1.25, -3]"))
    assert p.layout == Layout(
        organisations={"trust": (10, 20)}, people={"ann": (1.2, -3), "board": (0, 0)}
    )
    # a person's position in the organisations view is not one of its records: dropped too
    moved = p.with_sections(layout={"organisations": {"ann": (1, 1), "trust": (2, 2)}})
    assert moved.layout.organisations == {"trust": (2.0, 2.0)}
    assert "gone" not in dump_map(p)


@pytest.mark.parametrize(
    "position, message",
    [
        ("['12', 3]", "should be a number of pixels (like 120 or -35.5), not '12'"),
        ("[yes, 2]", "should be a number of pixels (like 120 or -35.5), not true"),
        ("['1', 2]", "should be a number of pixels (like 120 or -35.5), not '1'"),
        ("[1.0e+300, 2]", "should be a number of pixels between -100,000 and 100,000, not 1e+300"),
        ("[.inf, 2]", ".inf"),
        ("[.nan, 2]", ".nan"),
        ("[1, 2, 3]", "should be a position: two numbers of pixels in brackets, across then down"),
        ("12", "should be a position: two numbers of pixels in brackets, across then down"),
    ],
)
def test_a_bad_position_gets_a_clear_message_on_its_line(position, message):
    with pytest.raises(InvalidMapError) as caught:
        parse_map(SMALL.replace("POSITION", position), filename="m.yaml")
    (problem,) = caught.value.problems
    assert problem.line == 11
    assert message in problem.message
    if "pixels" in message:
        assert problem.message.startswith("layout.people.ann: ")


def test_a_layout_in_a_version_1_map_is_refused_with_the_fix():
    with pytest.raises(InvalidMapError, match="layout: is a key of version 2"):
        parse_map(SMALL.replace("version: 2", "version: 1").replace("POSITION", "[1, 2]"))


def test_an_unknown_view_or_a_bad_id_is_refused():
    text = SMALL.replace("POSITION", "[1, 2]")
    with pytest.raises(
        InvalidMapError,
        match="unknown key .maps.: The keys allowed here are: organisations, people, gov",
    ):
        parse_map(text + "  maps: {}\n")
    with pytest.raises(InvalidMapError, match="layout.people"):
        parse_map(text.replace("gone: [5, 5]", "'a b': [5, 5]"))


coordinates = st.floats(-100_000, 100_000, allow_nan=False)


@st.composite
def placed_maps(draw: st.DrawFn) -> Partnership:
    """A map with positions drawn for some of its records in every view, and for ids it does
    not hold (which it drops)."""
    base = draw(partnerships())
    views = {}
    for view, sections in LAYOUT_VIEWS.items():
        ids = [r.id for s in sections for r in getattr(base, s)] + ["not-on-the-map"]
        chosen = draw(st.lists(st.sampled_from(ids), unique=True))
        views[view] = {i: (draw(coordinates), draw(coordinates)) for i in chosen}
    return base.placed(views)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(placed_maps())
def test_positions_are_saved_and_read_back_exactly(partnership):
    assert all("not-on-the-map" not in partnership.layout.of(v) for v in VIEWS)
    back = parse_map(dump_map(partnership))
    assert back == partnership and back.layout == partnership.layout
    for view in VIEWS:  # and the picture drawn from them keeps every one
        drawn = layout(back, view)
        assert {k: drawn[k] for k in back.layout.of(view)} == back.layout.of(view)
