"""Properties of the diagnosis on any valid map, checked against brute force."""

from __future__ import annotations

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

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
    """An organisation withdraws with its `part_of` descendants and all their people."""
    graph = as_networkx(Analysis(p).system)
    flagged = {d.subjects[0] for d in critical_organisations(Analysis(p))}
    parent = {o.id: o.part_of for o in p.organisations}

    def under(o: str | None, org: str) -> bool:
        while o is not None:
            if o == org:
                return True
            o = parent[o]
        return False

    for org in p.organisations:
        gone = {o for o in parent if under(o, org.id)}
        staff = {x.id for x in p.people if x.organisation in gone}
        assert (org.id in flagged) == splits(graph, gone | staff), org.id


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


def _gaps_by_hand(p: Partnership, today) -> dict[str, list[str]]:
    """Each gap below the strategic table, on the organisation it is said on, straight from
    docs/findings.md (missing_operational_link and sole_representative's `missing_below`)."""
    import datetime as dt  # noqa: F401  (today is a date)

    from mapper.model import times_a_year

    parent = {o.id: o.part_of for o in p.organisations}
    org_of = {x.id: x.organisation for x in p.people}
    orgs = {o.id: o for o in p.organisations}

    def top(o):
        while parent[o] is not None:
            o = parent[o]
        return o

    def present(m):
        found = set()
        for person in m.chairs + m.members + ((m.vice_chair,) if m.vice_chair else ()):
            o = org_of[person]
            while o is not None:
                found.add(o)
                o = parent[o]
        return found

    def standing(m):
        return m.frequency != "once" and (m.ends is None or m.ends >= today)

    least = p.settings.strategic_table_min_per_year
    tables = [
        m
        for m in p.meetings
        if m.level == "strategic"
        and not m.external
        and standing(m)
        and (m.frequency == "ad_hoc" or times_a_year(m.frequency) >= least)
    ]
    below = [m for m in p.meetings if m.level == "operational" and standing(m)]
    if any(m.membership == "partial" for m in below):
        return {}

    def partners(a, b):
        la, lb = orgs[a].locality, orgs[b].locality
        return (
            top(a) != top(b)
            and not (la and lb and la != lb)
            and not orgs[a].strategic_only
            and not orgs[b].strategic_only
        )

    sits = {a: set() for a in orgs}
    for m in tables:
        for a in present(m):
            sits[a] |= {b for b in present(m) if partners(a, b)}
    commissions = {
        a: {r.target for r in p.relationships if r.kind == "commissioning" and r.source == a}
        for a in orgs
    }
    where = {a: set() for a in orgs}  # the operational meetings each organisation is in
    through = {a: False for a in orgs}
    for m in below:
        here = present(m)
        for a in orgs:
            if a in here:
                where[a].add(m.id)
            elif here & commissions[a] & set(orgs):
                where[a].add(m.id)
                through[a] = True
    meetings = {m.id: m for m in p.meetings}
    absent = {
        a: not through[a]
        and not any(top(o) != top(a) for m in where[a] for o in present(meetings[m]))
        for a in orgs
    }
    gaps = {
        a: {b for b in sits[a] if not where[a] & where[b] and (absent[a] or not absent[b])}
        for a in orgs
        if sits[a]
    }
    order = [o.id for o in p.organisations]
    weight = {a: (len(g), -order.index(a)) for a, g in gaps.items()}
    said = {
        a: sorted(b for b in g if absent[a] or a not in gaps.get(b, ()) or weight[a] > weight[b])
        for a, g in gaps.items()
    }
    return {a: g for a, g in said.items() if g}


@st.composite
def tables_and_groups(draw: st.DrawFn) -> Partnership:
    """A map built for the gaps below the table: a few organisations (some of one tree, of
    two localities, planning partners), strategic tables and operational groups drawn among
    their people, commissioning, and now and then a partial or one-off group."""
    n = draw(st.integers(2, 6))
    orgs = [f"o{i}" for i in range(n)]
    organisations = []
    for i, o in enumerate(orgs):
        organisations.append(
            {
                "id": o,
                "sector": draw(st.sampled_from(["health", "police", "vcfs", "local_authority"])),
                "part_of": draw(st.sampled_from([None, None, None, *orgs[:i]])) if i else None,
                "locality": draw(st.sampled_from([None, None, None, "n", "s"])),
                "strategic_only": draw(st.booleans()) and draw(st.booleans()),
            }
        )
    people = [
        {"id": f"p{j}", "organisation": draw(st.sampled_from(orgs)), "level": "operational"}
        for j in range(draw(st.integers(4, 12)))
    ]
    ids = [x["id"] for x in people]
    meetings = []
    for k in range(draw(st.integers(2, 5))):
        sat = draw(st.lists(st.sampled_from(ids), min_size=1, max_size=6, unique=True))
        meetings.append(
            {
                "id": f"m{k}",
                # the first a strategic table, the second an operational group; then any
                "level": ["strategic", "operational"][k]
                if k < 2
                else draw(st.sampled_from(["strategic", "operational"])),
                "frequency": "quarterly"
                if k < 2
                else draw(st.sampled_from(["monthly", 0.5, "once", "once", "ad_hoc"])),
                "ends": draw(st.sampled_from([None, None, "2025-03-31", "2027-03-31"])),
                "chairs": sat[:1],
                "members": sat[1:],
                "membership": draw(st.sampled_from([None] * 5 + ["partial"])),
                "external": k > 0 and draw(st.booleans()) and draw(st.booleans()),
            }
        )
    pairs = draw(st.lists(st.tuples(st.sampled_from(orgs), st.sampled_from(orgs)), max_size=3))
    relationships = [
        {"from": a, "to": b, "kind": "commissioning"} for a, b in dict.fromkeys(pairs) if a != b
    ]
    return Partnership.model_validate(
        {
            "version": 2,
            "name": "gaps",
            "localities": [{"id": "n"}, {"id": "s"}],
            "organisations": organisations,
            "people": people,
            "meetings": meetings,
            "relationships": relationships,
        }
    )


@settings(max_examples=300)
@given(st.one_of(partnerships(), tables_and_groups()))
def test_the_gaps_below_the_table_are_exactly_those_of_the_definition(p: Partnership):
    """Every gap is said once, on one of the two organisations, wherever its finding is: a
    missing operational link, or the sole representative that absorbs it."""
    import datetime as dt

    from mapper.findings.links import missing_operational_links, sole_representative

    today = dt.date(2026, 12, 1)
    analysis = Analysis(p, today=today)
    found = {d.subjects[0]: d.evidence["partners"] for d in missing_operational_links(analysis)}
    for d in sole_representative(analysis):
        assert d.subjects[0] not in found
        if d.evidence["missing_below"]:
            found[d.subjects[0]] = d.evidence["missing_below"]
    assert found == _gaps_by_hand(p, today)


@given(partnerships())
def test_duplicate_meetings_are_exactly_the_similar_standing_pairs(p: Partnership):
    import datetime as dt
    from itertools import combinations

    from mapper.findings.duplicates import duplicate_meetings

    today = dt.date(2026, 12, 1)
    s = p.settings
    found = {frozenset(d.subjects) for d in duplicate_meetings(Analysis(p, today=today))}
    expected = set()
    for a, b in combinations(p.meetings, 2):
        standing = all(
            m.frequency != "once" and (m.ends is None or m.ends >= today) for m in (a, b)
        )
        big = min(len(a.attendees), len(b.attendees)) >= s.duplicate_min_attendees
        either = len(a.attendees | b.attendees)
        similar = either and len(a.attendees & b.attendees) / either
        if a.level == b.level and standing and big and similar >= s.duplicate_similarity:
            expected.add(frozenset((a.id, b.id)))
    assert found == expected
