"""Connectors, silos and the headline metrics, on maps where the answer is plain."""

from __future__ import annotations

import networkx as nx
import pytest
from hypothesis import given

from mapper import Partnership
from mapper.findings import diagnose
from mapper.findings.connectors import brokerage
from mapper.findings.metrics import cross_sector_ties, succession_resilience
from mapper.findings.silos import organisation_network, sector_silos
from mapper.findings.succession import single_points_of_failure
from mapper.graph import system_graph
from tests.conftest import tiny_map
from tests.strategies import partnerships


def two_groups_and_a_broker():
    """Two meetings that share only `hub`; everyone else sits in one of them."""
    orgs = {"a": "health", "b": "vcfs", "c": "education", "d": "police"}
    people = {"hub": ("a", "operational"), "x1": ("a", "operational"),
              "x2": ("b", "operational"), "y1": ("c", "operational"),
              "y2": ("d", "operational")}
    return tiny_map(orgs, people, {"m1": ("operational", ["x1", "hub", "x2"]),
                                   "m2": ("operational", ["y1", "hub", "y2"])})


def test_the_person_bridging_two_meetings_is_the_strongest_connector():
    found = diagnose(two_groups_and_a_broker()).of_kind("connector")
    people = [f for f in found if f.evidence["is"] == "person"]
    assert people[0].subjects == ("hub",) and people[0].evidence["rank"] == 1
    # the sole people of b, c and d carry every path to their organisation; x1 shares the
    # paths to a with hub, so ranks last
    assert {f.subjects[0] for f in people[1:4]} == {"x2", "y1", "y2"}
    assert people[-1].subjects == ("x1",)


@given(partnerships())
def test_brokerage_equals_networkx_betweenness(p: Partnership):
    graph = system_graph(p)
    ours, reference = brokerage(graph), nx.betweenness_centrality(graph)
    assert ours.keys() == reference.keys()
    assert all(ours[n] == pytest.approx(reference[n], abs=1e-9) for n in ours)


def test_a_cluster_of_one_sector_is_a_silo_and_a_mixed_one_is_not():
    orgs = {"s1": "education", "s2": "education", "s3": "education", "la": "local_authority",
            "nhs": "health", "vcs": "vcfs"}
    people = {o + "-p": (o, "practitioner") for o in orgs}
    schools = ["s1-p", "s2-p", "s3-p"]
    m = tiny_map(orgs, people, {
        "tas1": ("practitioner", schools), "tas2": ("practitioner", schools),
        "tas3": ("practitioner", schools), "mixed": ("practitioner", ["la-p", "nhs-p", "vcs-p"]),
        "mixed2": ("practitioner", ["la-p", "nhs-p", "vcs-p"]),
        "bridge": ("practitioner", ["s1-p", "la-p"])})
    found = list(sector_silos(m, organisation_network(m)))
    assert [(d.subjects, d.evidence["sector"]) for d in found] == [
        (("s1", "s2", "s3"), "education")]
    assert found[0].evidence["ties_outside"] == 1


def test_cross_sector_share_per_level():
    figures = cross_sector_ties(two_groups_and_a_broker())
    # m1: a-b; m2: a-c, a-d, c-d: every pair crosses sectors
    assert figures["operational"] == {"organisation_pairs": 4, "cross_sector_share": 1.0}
    assert figures["strategic"] == {"organisation_pairs": 0, "cross_sector_share": None}


def test_succession_resilience_is_one_with_a_single_point_and_counts_linked_people_otherwise():
    fragile = two_groups_and_a_broker()
    assert succession_resilience(fragile, list(single_points_of_failure(fragile))) == 1
    orgs = {"a": "health", "b": "vcfs"}
    sturdy = tiny_map(orgs, {"a1": ("a", "operational"), "a2": ("a", "operational"),
                             "b1": ("b", "operational"), "b2": ("b", "operational")},
                      {"m1": ("operational", ["a1", "b1"]), "m2": ("operational", ["a2", "b2"])})
    assert list(single_points_of_failure(sturdy)) == []
    assert succession_resilience(sturdy, []) == 2
