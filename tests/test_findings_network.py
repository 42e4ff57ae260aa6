"""Connectors, silos and the headline metrics, on maps where the answer is plain."""

from __future__ import annotations

import networkx as nx
import pytest
from hypothesis import given
from hypothesis import strategies as st

from mapper import Partnership
from mapper.analysis import Analysis, brokerage, communities
from mapper.diagnosis import diagnose
from mapper.findings.metrics import cross_sector_ties, succession_resilience
from mapper.findings.silos import sector_silos
from mapper.findings.succession import single_points_of_failure
from mapper.graph import Graph, system_graph
from mapper.model import Settings
from tests.conftest import tiny_map
from tests.oracles import as_networkx, brokerage_outside_own
from tests.strategies import partnerships


def two_groups_and_a_broker():
    """Two meetings that share only `hub`; everyone else sits in one of them."""
    orgs = {"a": "health", "b": "vcfs", "c": "education", "d": "police"}
    people = {
        "hub": ("a", "operational"),
        "x1": ("a", "operational"),
        "x2": ("b", "operational"),
        "y1": ("c", "operational"),
        "y2": ("d", "operational"),
    }
    return tiny_map(
        orgs,
        people,
        {"m1": ("operational", ["x1", "hub", "x2"]), "m2": ("operational", ["y1", "hub", "y2"])},
    )


def test_the_person_bridging_two_meetings_is_the_only_connector():
    found = diagnose(two_groups_and_a_broker()).of_kind("connector")
    people = [f for f in found if f.evidence["is"] == "person"]
    # hub joins b to c and to d; the sole people of b, c and d carry every route to their own
    # organisation and no other, and x1 only routes to a, its own: none of them is listed
    assert [(f.subjects, f.evidence["rank"]) for f in people] == [(("hub",), 1)]
    assert people[0].evidence["brokerage"] == pytest.approx(2 / 6, abs=1e-4)


def board_and_locality(chair_of: str = "council"):
    """A locality meeting of x and y, chaired by `lc` (of `chair_of`), who also sits on the
    board of h and p: the locality's only link to the board."""
    orgs = {"council": "local_authority", "x": "vcfs", "y": "education", "h": "health"}
    orgs["p"] = "police"
    people = {
        "lc": (chair_of, "operational"),
        "x1": ("x", "operational"),
        "y1": ("y", "operational"),
        "h1": ("h", "strategic"),
        "p1": ("p", "strategic"),
    }
    return tiny_map(
        orgs,
        people,
        {"north": ("operational", ["lc", "x1", "y1"]), "board": ("strategic", ["h1", "lc", "p1"])},
    )


def test_a_locality_chair_joining_its_meeting_to_the_board_is_the_first_connector():
    analysis = Analysis(board_and_locality())
    shares = analysis.brokerage
    # x and y reach h and p only through lc: 4 of the 10 pairs; x-y and h-p meet without lc,
    # and the pairs with lc's own council are not counted
    assert shares["lc"] == pytest.approx(4 / 10)
    people = [f for f in diagnose(analysis).of_kind("connector") if f.evidence["is"] == "person"]
    assert [f.subjects for f in people] == [("lc",)]


def test_a_chair_of_a_locality_organisation_counts_only_the_routes_of_the_others():
    # The same seat held by x's own person: the routes of x to the board are x's own.
    shares = Analysis(board_and_locality(chair_of="x")).brokerage
    assert shares["lc"] == pytest.approx(2 / 10)  # y-h and y-p; council has nobody
    assert shares["x1"] == 0


def test_two_chairs_placed_alike_have_equal_shares_and_are_one_finding_at_one_rank():
    # lc1 and lc2 (both of the council) each join a locality's one organisation to the board:
    # the same routes, mirrored, so the same share to the last digit: one finding, ranked
    # first together, so that the order of their ids never picks who is shown.
    m = tiny_map(
        {"council": "local_authority", "x": "vcfs", "y": "education", "h": "health"},
        {
            "lc1": ("council", "operational"),
            "lc2": ("council", "operational"),
            "x1": ("x", "operational"),
            "y1": ("y", "operational"),
            "h1": ("h", "strategic"),
        },
        {
            "north": ("operational", ["lc1", "x1"]),
            "south": ("operational", ["lc2", "y1"]),
            "board": ("strategic", ["h1", "lc1", "lc2"]),
        },
    )
    analysis = Analysis(m)
    assert analysis.brokerage["lc1"] == analysis.brokerage["lc2"] == pytest.approx(2 / 6)
    people = [f for f in diagnose(analysis).of_kind("connector") if f.evidence["is"] == "person"]
    assert [(f.subjects, f.evidence["rank"], f.evidence["tied"]) for f in people] == [
        (("lc1", "lc2"), 1, 2)
    ]
    assert people[0].title.startswith("lc1 and lc2 link the partnership together: equally")


def _ranked(scores: dict[str, float], most: int) -> list[tuple[tuple[str, ...], int]]:
    from mapper.analysis import Shares
    from mapper.findings.connectors import _top

    found = _top("person", Shares(scores), sorted(scores), most, set(), len(scores))
    return [(d.subjects, d.evidence["rank"]) for d in found]


def test_a_tie_across_the_last_place_is_shown_whole_when_it_fits_the_list():
    scores = {"a": 0.5, "b": 0.4, "c": 0.3, "d": 0.3, "e": 0.3, "f": 0.1}
    assert _ranked(scores, 3) == [(("a",), 1), (("b",), 2), (("c", "d", "e"), 3)]
    # near miss: a tie of more than the list's places stands out from nothing, and is left
    assert _ranked(scores, 2) == [(("a",), 1), (("b",), 2)]
    assert _ranked({**scores, "g": 0.3}, 3) == [(("a",), 1), (("b",), 2)]
    # the list stops at its places: who comes after a tie that filled it is not shown
    assert _ranked(scores, 5) == [(("a",), 1), (("b",), 2), (("c", "d", "e"), 3)]
    assert _ranked(scores, 6)[-1] == (("f",), 6)


def test_a_sole_representative_in_one_meeting_carries_no_route_of_others():
    # b1 is b's only person and sits in one meeting: every route to b runs through b1, and
    # no other (the brokerage it had before issue 13: the pairs of b, 2 of 3).
    m = tiny_map(
        {"a": "local_authority", "b": "vcfs", "c": "health"},
        {"a1": ("a", "strategic"), "b1": ("b", "strategic"), "c1": ("c", "strategic")},
        {"board": ("strategic", ["a1", "b1", "c1"])},
    )
    analysis = Analysis(m)
    assert all(analysis.brokerage[p] == 0 for p in ("a1", "b1", "c1"))
    assert analysis.brokerage["board"] == pytest.approx(1.0)  # a meeting has no tree of its own
    assert [
        f for f in diagnose(analysis).of_kind("connector") if f.evidence["is"] == "person"
    ] == []


def test_the_routes_to_ones_own_part_of_tree_are_not_counted():
    # ch is part of cc; s1, ch's only person, carries the council's routes to x, and they are
    # its own tree's: nothing counts. The near miss, x's q1, links x to another meeting.
    m = tiny_map(
        {"cc": "local_authority", "ch": "local_authority", "x": "vcfs", "z": "health"},
        {"s1": ("ch", "strategic"), "q1": ("x", "strategic"), "z1": ("z", "operational")},
        {"board": ("strategic", ["s1", "q1"]), "group": ("operational", ["q1", "z1"])},
        ch={"part_of": "cc"},
    )
    shares = Analysis(m).brokerage
    assert shares["s1"] == 0
    # q1 joins cc and ch to z: 2 of the 6 pairs (those with x are its own)
    assert shares["q1"] == pytest.approx(2 / 6)


@given(partnerships())
def test_brokerage_between_organisations_equals_networkx_subset_betweenness(p: Partnership):
    graph = system_graph(p)
    ends = [o.id for o in p.organisations]
    pairs = len(ends) * (len(ends) - 1) / 2
    ours = brokerage(graph, ends)
    reference = nx.betweenness_centrality_subset(as_networkx(graph), ends, ends)
    assert ours.keys() == reference.keys()
    assert all(ours[n] * pairs == pytest.approx(reference[n], abs=1e-9) for n in ours)


@given(partnerships())
def test_brokerage_between_all_nodes_equals_networkx_betweenness(p: Partnership):
    graph = system_graph(p)
    ours = brokerage(graph)
    reference = nx.betweenness_centrality(as_networkx(graph), normalized=False)
    pairs = len(graph) * (len(graph) - 1) / 2
    assert ours.keys() == reference.keys()
    assert all(ours[n] * pairs == pytest.approx(reference[n], abs=1e-9) for n in ours)


@st.composite
def graphs_with_own_ends(draw: st.DrawFn) -> tuple[Graph, list[str], dict[str, frozenset[str]]]:
    """Any small graph, some of its nodes as ends, and for each node a set of ends of its own:
    none, one (often a neighbour, as a person's organisation is), several, or its neighbours."""
    names = [f"v{i}" for i in range(draw(st.integers(3, 14)))]
    pairs = st.tuples(st.sampled_from(names), st.sampled_from(names))
    graph = Graph.from_edges(
        [(a, b) for a, b in draw(st.lists(pairs, max_size=30)) if a != b], names
    )
    ends = draw(st.lists(st.sampled_from(names), unique=True, min_size=2))
    own: dict[str, frozenset[str]] = {}
    for node in names:
        near = [n for n in graph.neighbours(node) if n in ends]
        choice = draw(st.sampled_from(["none", "neighbour", "one", "several", "neighbours"]))
        if choice == "neighbour" and near:
            own[node] = frozenset({draw(st.sampled_from(near))})
        elif choice == "one":
            own[node] = frozenset({draw(st.sampled_from(ends))})
        elif choice == "several":
            own[node] = frozenset(draw(st.lists(st.sampled_from(ends), max_size=3)))
        elif choice == "neighbours":
            own[node] = frozenset(near)
    return graph, ends, own


@given(graphs_with_own_ends())
def test_brokerage_outside_own_ends_equals_counting_every_shortest_route(case):
    """Against every shortest route listed by networkx."""
    graph, ends, own = case
    ours = brokerage(graph, ends, own)
    reference = brokerage_outside_own(as_networkx(graph), ends, own)
    assert ours.keys() == reference.keys() and ours.sampled is None
    assert all(ours[n] == pytest.approx(reference[n], abs=1e-9) for n in ours)


class _Drawn:
    """Stands for `random` in mapper.analysis: its sample is the one the test chose."""

    def __init__(self, chosen: list[str]) -> None:
        self.chosen = chosen

    def Random(self, seed: int) -> _Drawn:  # noqa: N802 (random.Random's name)
        return self

    def sample(self, population: list[int], count: int) -> list[int]:
        return self.chosen[:count]


@given(graphs_with_own_ends())
def test_the_estimate_from_each_single_start_averages_to_the_exact_brokerage(case):
    """The estimate's code (a start of its own for each source): estimated from one end at a
    time, the shares averaged over every end are the exact ones, as an unbiased estimate's
    are; and a sample of every end is exact."""
    import mapper.analysis as analysis_module

    graph, ends, own = case
    index = {node: i for i, node in enumerate(graph.nodes)}
    reference = brokerage_outside_own(as_networkx(graph), ends, own)
    kept = (analysis_module.EXACT_UP_TO, analysis_module.SAMPLE, analysis_module.LEAST)
    original = analysis_module.random
    mean = dict.fromkeys(reference, 0.0)
    try:
        analysis_module.EXACT_UP_TO = 0
        analysis_module.SAMPLE = analysis_module.LEAST = 1
        for end in ends:
            analysis_module.random = _Drawn([index[end]])  # type: ignore[assignment]
            for node, share in brokerage(graph, ends, own).items():
                mean[node] += share / len(ends)
        analysis_module.random = original
        analysis_module.SAMPLE = analysis_module.LEAST = len(ends)
        every = brokerage(graph, ends, own)
    finally:
        analysis_module.random = original
        analysis_module.EXACT_UP_TO, analysis_module.SAMPLE, analysis_module.LEAST = kept
    assert all(mean[n] == pytest.approx(reference[n], abs=1e-9) for n in reference)
    assert all(every[n] == pytest.approx(reference[n], abs=1e-9) for n in reference)


def test_brokerage_is_the_share_of_routes_between_organisations():
    # a - p - m - q - b, and c hangs off q: q carries a-b, a-c... but only organisations count
    graph = Graph.from_edges([("a", "p"), ("p", "m"), ("m", "q"), ("q", "b"), ("q", "c")])
    shares = brokerage(graph, ["a", "b", "c"])
    # pairs: a-b and a-c run through p, m and q; b-c runs through q only
    assert shares["p"] == pytest.approx(2 / 3) and shares["m"] == pytest.approx(2 / 3)
    assert shares["q"] == pytest.approx(1.0) and shares["a"] == 0


def test_a_cluster_of_one_sector_is_a_silo_and_a_mixed_one_is_not():
    orgs = {
        "s1": "education",
        "s2": "education",
        "s3": "education",
        "la": "local_authority",
        "nhs": "health",
        "vcs": "vcfs",
    }
    people = {o + "-p": (o, "practitioner") for o in orgs}
    schools = ["s1-p", "s2-p", "s3-p"]
    m = tiny_map(
        orgs,
        people,
        {
            "tas1": ("practitioner", schools),
            "tas2": ("practitioner", schools),
            "tas3": ("practitioner", schools),
            "mixed": ("practitioner", ["la-p", "nhs-p", "vcs-p"]),
            "mixed2": ("practitioner", ["la-p", "nhs-p", "vcs-p"]),
            "bridge": ("practitioner", ["s1-p", "la-p"]),
        },
    )
    found = list(sector_silos(Analysis(m)))
    assert [(d.subjects, d.evidence["sector"]) for d in found] == [
        (("s1", "s2", "s3"), "education")
    ]
    # The thresholds are the map's settings: a community of three is too small at four.
    assert list(sector_silos(Analysis(m, Settings(silo_min_organisations=4)))) == []
    assert found[0].evidence["ties_outside"] == 1


def test_cross_sector_share_per_level():
    figures = cross_sector_ties(Analysis(two_groups_and_a_broker()))
    # m1: a-b; m2: a-c, a-d, c-d: every pair crosses sectors
    assert figures["operational"] == {"organisation_pairs": 4, "cross_sector_share": 1.0}
    assert figures["strategic"] == {"organisation_pairs": 0, "cross_sector_share": None}


def test_succession_resilience_is_one_with_a_single_point_and_counts_linked_people_otherwise():
    fragile = two_groups_and_a_broker()
    assert succession_resilience(Analysis(fragile)) == 1
    orgs = {"a": "health", "b": "vcfs"}
    sturdy = tiny_map(
        orgs,
        {
            "a1": ("a", "operational"),
            "a2": ("a", "operational"),
            "b1": ("b", "operational"),
            "b2": ("b", "operational"),
        },
        {"m1": ("operational", ["a1", "b1"]), "m2": ("operational", ["a2", "b2"])},
    )
    assert list(single_points_of_failure(Analysis(sturdy))) == []
    assert succession_resilience(Analysis(sturdy)) == 2


def test_communities_are_the_same_whatever_state_python_random_is_in():
    import random

    names = [f"o{i:02}" for i in range(30)]
    ring = Graph.from_edges(zip(names, names[1:] + names[:1], strict=True))
    splits = set()
    for seed in range(5):
        random.seed(seed)
        splits.add(tuple(sorted(tuple(sorted(c)) for c in communities(ring))))
    assert len(splits) == 1


def test_on_a_map_too_big_to_count_every_route_the_sample_shrinks_and_says_so(monkeypatch):
    import mapper.analysis as analysis_module
    from mapper.findings.connectors import connectors

    p = two_groups_and_a_broker()
    exact = brokerage(system_graph(p), [o.id for o in p.organisations])
    assert exact.sampled is None
    monkeypatch.setattr(analysis_module, "EXACT_UP_TO", 2)
    monkeypatch.setattr(analysis_module, "SAMPLE", 4)
    monkeypatch.setattr(analysis_module, "LEAST", 2)
    graph = system_graph(p)
    monkeypatch.setattr(analysis_module, "WORK", 3 * graph.number_of_edges())
    assert brokerage(graph, [o.id for o in p.organisations]).sampled == 3
    monkeypatch.setattr(analysis_module, "WORK", 1)
    assert brokerage(graph, [o.id for o in p.organisations]).sampled == 2  # never below LEAST
    found = list(connectors(Analysis(p)))
    assert found and all(
        d.evidence["estimated_from"] == 2 and d.evidence["organisations"] == len(p.organisations)
        for d in found
    )
    titles = [f.title for f in diagnose(Analysis(p)).of_kind("connector")]
    assert titles and all(
        f"estimated from routes between 2 of its {len(p.organisations)}" in t for t in titles
    )


@given(partnerships())
def test_the_system_graph_has_networkx_s_nodes_edges_and_order(p: Partnership):
    """The graph networkx built before mapper.graph (the same additions, in the same order,
    and each organisation joined to the one it is part of): the same nodes and edges in the
    same order, so igraph's seeded layouts and communities give the same answers."""
    reference = nx.Graph()
    reference.add_nodes_from(o.id for o in p.organisations)
    reference.add_nodes_from(x.id for x in p.people)
    reference.add_nodes_from(m.id for m in p.meetings)
    reference.add_edges_from((x.id, x.organisation) for x in p.people if x.organisation)
    reference.add_edges_from((a, m.id) for m in p.meetings for a in m.attendees)
    reference.add_edges_from((r.source, r.target) for r in p.relationships)
    reference.add_edges_from((o.id, o.part_of) for o in p.organisations if o.part_of)
    ours = system_graph(p)
    assert list(ours) == list(reference) and ours.number_of_edges() == reference.number_of_edges()
    assert [(a, b) for a, b, _ in ours.edges()] == list(reference.edges())


def test_a_loop_counts_as_one_edge_as_networkx_counts_it():
    edges = [("a", "b"), ("a", "a"), ("b", "c")]
    assert Graph.from_edges(edges).number_of_edges() == nx.Graph(edges).number_of_edges() == 3
