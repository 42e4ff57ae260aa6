"""How does A reach B: the routes the map shows are networkx's shortest paths, and the
neighbourhood and localities the map's views narrow to."""

from __future__ import annotations

import networkx as nx
from hypothesis import given, settings
from hypothesis import strategies as st

from mapper import Partnership
from mapper.analysis import Analysis
from mapper.load import load_map
from tests.conftest import EXAMPLES
from tests.oracles import as_networkx
from tests.strategies import partnerships


@settings(max_examples=60, deadline=None)
@given(partnerships(), st.data())
def test_routes_are_networkx_s_shortest_paths(partnership: Partnership, data: st.DataObject):
    analysis = Analysis(partnership)
    reference = as_networkx(analysis.system)
    nodes = sorted(reference)
    if not nodes:
        assert analysis.routes("a", "b") == []
        return
    start = data.draw(st.sampled_from(nodes))
    end = data.draw(st.sampled_from(nodes))
    if not nx.has_path(reference, start, end):
        assert analysis.routes(start, end) == []
        return
    expected = sorted(tuple(p) for p in nx.all_shortest_paths(reference, start, end))
    assert analysis.routes(start, end, limit=10_000) == expected
    assert analysis.routes(start, end, limit=2) == expected[:2]


@settings(max_examples=40, deadline=None)
@given(partnerships(), st.data())
def test_around_is_networkx_s_ego_graph(partnership: Partnership, data: st.DataObject):
    analysis = Analysis(partnership)
    reference = as_networkx(analysis.system)
    if not len(reference):
        return
    centre = data.draw(st.sampled_from(sorted(reference)))
    steps = data.draw(st.integers(0, 3))
    assert analysis.around([centre], steps) == set(nx.ego_graph(reference, centre, steps))


def test_the_county_s_schools_reach_the_police_through_named_people():
    analysis = Analysis(load_map(EXAMPLES / "county.yaml"))
    routes = analysis.routes("ashby-academy", "police")
    assert routes and all(r[0] == "ashby-academy" and r[-1] == "police" for r in routes)
    kinds = {analysis.system.kind[n] for r in routes for n in r[1:-1]}
    assert "person" in kinds
    assert analysis.routes("ashby-academy", "nobody-of-that-id") == []


def test_a_record_belongs_to_its_own_its_organisation_s_and_its_meetings_localities():
    analysis = Analysis(load_map(EXAMPLES / "county.yaml"))
    p = analysis.partnership
    places = analysis.localities_of
    for org in p.organisations:
        if org.locality:
            assert org.locality in places[org.id]
    for person in p.people:
        home = p.organisation_by_id.get(person.organisation or "")
        if home and home.locality:
            assert home.locality in places[person.id]
        for meeting in p.meetings:
            if person.id in meeting.attendees and meeting.locality:
                assert meeting.locality in places[person.id]
                if home:
                    assert meeting.locality in places[home.id]
    county_wide = [m for m in p.meetings if m.locality is None]
    assert county_wide and all(places[m.id] == frozenset() for m in county_wide)
