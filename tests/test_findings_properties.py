"""Properties of the diagnosis on any valid map, checked against brute force."""

from __future__ import annotations

import networkx as nx
import pytest
from hypothesis import given

from mapper import Partnership
from mapper.analysis import Analysis
from mapper.diagnosis import diagnose
from mapper.findings.succession import critical_organisations, single_points_of_failure
from tests.oracles import as_networkx, brokerage_outside_own
from tests.strategies import partnerships


def organisation_groups(graph: nx.Graph) -> list[frozenset[str]]:
    """The organisations of each connected part, for parts holding two or more... or one."""
    groups = []
    for part in nx.connected_components(graph):
        orgs = frozenset(n for n in part if graph.nodes[n]["kind"] == "organisation")
        if orgs:
            groups.append(orgs)
    return groups


def splits(graph: nx.Graph, removed: set[str], ignored: frozenset[str] = frozenset()) -> bool:
    """Would removing `removed` split organisations that were connected before, counting none
    of `ignored`?"""
    before = organisation_groups(graph)
    after = graph.copy()
    after.remove_nodes_from(removed)
    gone = {n for n in removed if graph.nodes[n]["kind"] == "organisation"} | ignored
    after_groups = [g - ignored for g in organisation_groups(after)]
    return any(sum(1 for g in after_groups if g & (group - gone)) > 1 for group in before)


def own_tree(p: Partnership, org: str | None) -> frozenset[str]:
    """The organisations of `org`'s `part_of` tree, walked by brute force."""
    if org is None:
        return frozenset()
    parent = {o.id: o.part_of for o in p.organisations}

    def top(o: str) -> str:
        while parent[o] is not None:
            o = parent[o]
        return o

    return frozenset(o for o in parent if top(o) == top(org))


@given(partnerships())
def test_single_points_of_failure_are_exactly_the_people_whose_removal_splits(p: Partnership):
    analysis = Analysis(p)
    graph = as_networkx(analysis.system)
    flagged = {d.subjects[0] for d in single_points_of_failure(analysis)}
    for person in p.people:
        own = own_tree(p, person.organisation)
        assert (person.id in flagged) == splits(graph, {person.id}, own), person.id


@given(partnerships())
def test_critical_organisations_are_exactly_those_whose_withdrawal_splits(p: Partnership):
    graph = as_networkx(Analysis(p).system)
    flagged = {d.subjects[0] for d in critical_organisations(Analysis(p))}
    for org in p.organisations:
        staff = {x.id for x in p.people if x.organisation == org.id}
        assert (org.id in flagged) == splits(graph, {org.id} | staff), org.id


@given(partnerships())
def test_brokerage_counts_only_routes_between_organisations_outside_ones_own_tree(p: Partnership):
    """Every shortest route between two organisations, listed by networkx, counts for the
    people, meetings and organisations inside it, but for a person (or an organisation) only
    when neither end is in its own `part_of` tree (walked by brute force)."""
    analysis = Analysis(p)
    own = {o.id: own_tree(p, o.id) for o in p.organisations}
    own.update({x.id: own_tree(p, x.organisation) for x in p.people})
    reference = brokerage_outside_own(
        as_networkx(analysis.system), [o.id for o in p.organisations], own
    )
    ours = analysis.brokerage
    assert ours.keys() == reference.keys()
    for node, share in ours.items():
        assert share == pytest.approx(reference[node], abs=1e-9), node


@given(partnerships())
def test_the_diagnosis_never_raises_and_names_only_what_exists(p: Partnership):
    known = {
        x.id for section in (p.organisations, p.people, p.meetings, p.outcomes) for x in section
    }
    for finding in diagnose(p).findings:
        assert set(finding.subjects) <= known
        assert finding.title and finding.recommendation and finding.source
