"""The map as drawn: display graphs that carry chosen fields only, and a page that escapes all."""

from __future__ import annotations

import re

import pytest

from mapper import load_map, parse_map
from mapper.analysis import Analysis
from mapper.findings.governance import walk_reporting_tree
from mapper.render.map_html import map_html
from mapper.render.network import VIEWS, MapFilter, build_view, layout
from mapper.vocabulary import readable
from tests.conftest import ROOT, tiny_map

HOSTILE = ROOT / "tests" / "data" / "hostile.yaml"
COUNTY = ROOT / "examples" / "county.yaml"


@pytest.mark.parametrize("view", list(VIEWS))
def test_hostile_names_never_reach_the_page_as_markup(view: str):
    p = load_map(HOSTILE)
    page = map_html(build_view(p, view), partnership_name=p.name)
    for raw in ["<img", "<svg", "<script>window", "</script><script>", "<b>boss"]:
        assert raw not in page, raw
    # ...yet they are there, as data for the canvas
    assert "\\u003cimg src=x onerror=" in page or view == "governance"
    # vis-network, the drawing, and the drag-back and changes marking: nothing else
    assert page.count("\n<script>\n") == 3


def test_the_page_fetches_nothing_and_forbids_fetching():
    p = load_map(COUNTY)
    page = map_html(build_view(p, "organisations"), partnership_name=p.name)
    ours = page.split("</script>")[-2:]  # our script and the markup after it
    assert not re.search(r"(src|href)\s*=\s*[\"']?https?:", page)
    assert "default-src 'none'" in page
    assert "http" not in "".join(ours)


def test_tooltips_carry_only_the_chosen_fields():
    p = load_map(ROOT / "examples" / "small.yaml")
    with_purpose = [m for m in p.meetings if m.purpose]
    assert with_purpose, "the small example should have a meeting with a purpose"
    page = map_html(build_view(p, "people"), partnership_name=p.name)
    assert with_purpose[0].purpose[:40] not in page


def test_filters_narrow_the_view_and_keep_positions():
    p = load_map(COUNTY)
    everything = build_view(p, "organisations")
    health = build_view(p, "organisations", MapFilter(sectors=frozenset({"health"})))
    assert {n.group for n in health.nodes} == {"health"}
    assert 0 < len(health.nodes) < len(everything.nodes)
    where = {n.id: (n.x, n.y) for n in everything.nodes}
    assert all(where[n.id] == (n.x, n.y) for n in health.nodes)
    assert all(e.source in {n.id for n in health.nodes} for e in health.edges)


def test_a_level_filter_keeps_people_and_meetings_of_that_level():
    p = load_map(COUNTY)
    view = build_view(p, "people", MapFilter(levels=frozenset({"strategic"})))
    people = [n for n in view.nodes if n.id in p.person_by_id]
    meetings = [n for n in view.nodes if n.id in p.meeting_by_id]
    assert people and meetings
    assert {p.person_by_id[n.id].level for n in people} == {"strategic"}
    assert {p.meeting_by_id[n.id].level for n in meetings} == {"strategic"}


def test_highlighted_subjects_are_marked_and_nothing_else():
    p = load_map(COUNTY)
    view = build_view(p, "organisations", highlight={"police", "not-an-id"})
    assert [n.id for n in view.nodes if n.highlighted] == ["police"]
    assert view.highlighting and not build_view(p, "organisations").highlighting


def test_the_same_map_draws_the_same_picture():
    p = load_map(COUNTY)
    assert layout(p, "people") == layout(p, "people")


def test_a_long_reports_to_chain_and_a_circle_are_laid_out_without_recursion():
    chain = {f"m{i}": ("operational", ["a"]) for i in range(3000)}
    extra = {f"m{i}": {"reports_to": f"m{i + 1}"} for i in range(2999)}
    extra["m2999"] = {"reports_to": "m0"}  # and the top reports back down: a circle
    p = tiny_map({"o": "health"}, {"a": ("o", "operational")}, chain, **extra)
    view = build_view(p, "governance")
    assert len(view.nodes) == 3000 and view.height <= 2400


def test_an_empty_map_draws_an_empty_view():
    p = parse_map("version: 1\nname: Empty\n")
    for view in VIEWS:
        page = map_html(build_view(p, view), partnership_name=p.name)
        assert "Nothing to show" in page


def test_presentation_mode_enlarges_labels():
    p = load_map(ROOT / "examples" / "small.yaml")
    view = build_view(p, "organisations")
    assert '"font_px": 22' in map_html(view, partnership_name=p.name, presentation=True)
    assert '"font_px": 14' in map_html(view, partnership_name=p.name)


def test_the_governance_outline_puts_each_meeting_under_its_parent_and_names_loose_ends():
    from mapper.render.tables import governance_outline

    people = {"a": ("o", "strategic")}
    meetings = {m: ("strategic", ["a"]) for m in ["top", "child", "loose", "c1", "c2"]}
    p = tiny_map(
        {"o": "health"},
        people,
        meetings,
        child={"reports_to": "top"},
        c1={"reports_to": "c2"},
        c2={"reports_to": "c1"},
    )
    rows = [(r["meeting"].strip(), r["place"]) for r in governance_outline(p)]
    assert rows == [
        ("top", "top of the structure"),
        ("└ child", ""),
        ("loose", "outside the tree"),
        ("c1", "in a reporting circle"),
        ("└ c2", ""),
    ]


def test_each_person_s_tooltip_and_colour_are_their_own_organisation_s():
    p = load_map(COUNTY)
    view = build_view(p, "people")
    people = [n for n in view.nodes if n.id in p.person_by_id]
    assert people
    for node in people:
        person = p.person_by_id[node.id]
        org = p.organisation_by_id.get(person.organisation or "")
        assert (org.label if org else "family member") in node.tooltip.split("\n"), node.id
        assert node.group == readable(p.sector_of(person.id))


def test_the_organisations_view_draws_the_strongest_ties_and_every_highlighted_one(monkeypatch):
    """Above MAX_TIES the weakest ties are left out (and counted), never a highlighted
    organisation's; at the limit nothing is."""
    import mapper.render.network as network

    # a and b share three meetings, c and d two, every other pair one
    orgs = {o: "health" for o in "abcde"}
    people = {f"{o}1": (o, "operational") for o in orgs}
    meetings = {
        "ab1": ("operational", ["a1", "b1"]),
        "ab2": ("operational", ["a1", "b1"]),
        "ab3": ("operational", ["a1", "b1"]),
        "cd1": ("operational", ["c1", "d1"]),
        "cd2": ("operational", ["c1", "d1"]),
        "all": ("operational", [f"{o}1" for o in orgs]),
    }
    m = tiny_map(orgs, people, meetings)
    everything = build_view(m, "organisations")
    assert len(everything.edges) == 10 and everything.ties_left_out == 0
    monkeypatch.setattr(network, "MAX_TIES", 3)
    ties = {frozenset((e.source, e.target)) for e in build_view(m, "organisations").edges}
    assert frozenset("ab") in ties and frozenset("cd") in ties and len(ties) == 3
    monkeypatch.setattr(network, "MAX_TIES", 5)
    shown = build_view(m, "organisations", highlight=["e"])
    ties = {frozenset((e.source, e.target)) for e in shown.edges}
    assert ties == {frozenset(("e", o)) for o in "abcd"} | {frozenset("ab")}
    assert shown.ties_left_out == 5
    monkeypatch.setattr(network, "MAX_TIES", 10)
    assert build_view(m, "organisations").ties_left_out == 0


# Views that read (issue 14)


def test_organisations_are_joined_once_per_pair_as_thick_as_their_meetings_and_ties():
    p = tiny_map(
        {"a": "health", "b": "education", "c": "police"},
        {"pa": ("a", "operational"), "pb": ("b", "operational"), "pc": ("c", "operational")},
        {"m1": ("operational", ["pa", "pb"]), "m2": ("operational", ["pa", "pb", "pc"])},
        relationships=[{"source": "pa", "target": "pb", "kind": "commissioning"}],
    )
    edges = build_view(p, "organisations").edges
    pairs = [frozenset((e.source, e.target)) for e in edges]
    assert sorted(pairs, key=sorted) == sorted(
        [frozenset("ab"), frozenset("ac"), frozenset("bc")], key=sorted
    )
    ab = next(e for e in edges if {e.source, e.target} == {"a", "b"})
    ac = next(e for e in edges if {e.source, e.target} == {"a", "c"})
    assert "2 shared meetings, 1 relationship" in ab.tooltip
    assert "1 shared meeting, 0 relationships" in ac.tooltip
    assert ab.width > ac.width


def test_the_people_view_narrows_to_a_focus_and_its_neighbours():
    p = load_map(COUNTY)
    everyone = build_view(p, "people")
    one = build_view(p, "people", MapFilter(focus=frozenset({"ashby-academy"}), steps=1))
    two = build_view(p, "people", MapFilter(focus=frozenset({"ashby-academy"}), steps=2))
    staff = {x.id for x in p.people if x.organisation == "ashby-academy"}
    assert {n.id for n in one.nodes} == staff | {"ashby-academy"}
    assert {n.id for n in one.nodes} < {n.id for n in two.nodes} < {n.id for n in everyone.nodes}
    assert any(n.focus for n in two.nodes if n.id == "ashby-academy")
    seats = {m.id for m in p.meetings if m.attendees & staff}
    assert seats <= {n.id for n in two.nodes}


def test_a_route_is_drawn_alone_in_the_people_view_with_its_steps_marked():
    analysis = Analysis(load_map(COUNTY))
    routes = analysis.routes("ashby-academy", "police")
    view = build_view(analysis, "people", route=routes)
    assert {n.id for n in view.nodes} == {x for way in routes for x in way}
    assert all(n.highlighted for n in view.nodes)
    assert {n.id for n in view.nodes if n.focus} == {"ashby-academy", "police"}
    steps = {frozenset(pair) for way in routes for pair in zip(way, way[1:], strict=False)}
    assert {frozenset((e.source, e.target)) for e in view.edges if e.on_route} == steps
    organisations = build_view(analysis, "organisations", route=routes)
    assert {n.id for n in organisations.nodes if n.highlighted} == {"ashby-academy", "police"}


def test_the_governance_tree_fits_a_landscape_screen_with_every_meeting_in_its_own_place():
    view = build_view(load_map(COUNTY), "governance")
    xs, ys = [n.x for n in view.nodes], [n.y for n in view.nodes]
    assert len({(n.x, n.y) for n in view.nodes}) == len(view.nodes)
    across, down = max(xs) - min(xs), max(ys) - min(ys)
    assert 1.3 <= across / down <= 3  # about twice as wide as tall (was 1,900 px tall)
    by_id = {n.id: n for n in view.nodes}
    analysis = Analysis(load_map(COUNTY))
    for step in walk_reporting_tree(analysis):  # each meeting below its parent in the tree
        if step.parent is not None:
            assert by_id[step.meeting].y > by_id[step.parent].y


def test_localities_filter_and_colour_each_view():
    p = load_map(COUNTY)
    ashby = MapFilter(localities=frozenset({"ashby"}))
    orgs = build_view(p, "organisations", ashby, colour_by="locality")
    ids = {n.id for n in orgs.nodes}
    assert {o.id for o in p.organisations if o.locality == "ashby"} <= ids
    assert not ids & {o.id for o in p.organisations if o.locality == "millford"}
    assert [k for k, _ in orgs.legend] == ["Ashby family hub area", "county-wide (no locality)"]
    meetings = {n.id for n in build_view(p, "governance", ashby).nodes}
    assert meetings == {m.id for m in p.meetings if m.locality == "ashby"}
    people = build_view(p, "people", ashby)
    assert all(
        x.locality in (None, "ashby") for x in p.people if x.id in {n.id for n in people.nodes}
    )
    with pytest.raises(ValueError, match="colouring"):
        build_view(p, "organisations", colour_by="mood")
