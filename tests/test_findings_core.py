"""The four core findings, pinned to their contract (issue 3) on maps small enough to check
by eye, each with the near-misses that must not be found."""

from __future__ import annotations

from mapper.analysis import Analysis
from mapper.diagnosis import diagnose
from mapper.findings import Settings
from mapper.findings.duplicates import duplicate_meetings
from mapper.findings.links import missing_operational_links, sole_representative
from mapper.findings.succession import critical_organisations, single_points_of_failure
from mapper.guidance import GUIDANCE
from tests.conftest import tiny_map

ORGS = {"a": "health", "b": "police", "c": "vcfs"}


def subjects(found) -> set[tuple[str, ...]]:
    return {d.subjects for d in found}


# --- missing_operational_link ---------------------------------------------------------


def said(m) -> dict[str, tuple[list[str], bool]]:
    """Each organisation a gap below the table is said on, with the partners it misses and
    whether it meets no one below: on its missing_operational_link finding or, for an
    organisation linked only through one person, on its sole_representative finding."""
    analysis = Analysis(m)
    found = {
        d.subjects[0]: (d.evidence["partners"], d.evidence["absent_below"])
        for d in missing_operational_links(analysis)
    }
    for d in sole_representative(analysis):
        if d.evidence["missing_below"]:
            assert d.subjects[0] not in found  # one gap, said once
            found[d.subjects[0]] = (d.evidence["missing_below"], d.evidence["absent_below"])
    return found


def links(m) -> dict[str, list[str]]:
    """Each organisation a missing operational link is said on, and its partners."""
    return {org: partners for org, (partners, _) in said(m).items()}


def test_partners_at_the_top_table_who_never_meet_below_it_are_found():
    m = tiny_map(
        ORGS,
        {
            "a1": ("a", "strategic"),
            "b1": ("b", "strategic"),
            "a2": ("a", "operational"),
            "c2": ("c", "operational"),
        },
        {"board": ("strategic", ["a1", "b1"]), "ops": ("operational", ["a2", "c2"])},
    )
    found = {d.subjects: d.evidence for d in missing_operational_links(Analysis(m))}
    assert found == {}  # b's one person is its only link: said on its sole_representative
    (sole,) = sole_representative(Analysis(m))
    # b meets nobody below: said once, on b's own finding, not again among a's partners
    assert sole.subjects == ("b", "b1") and sole.severity == "low"
    assert sole.evidence == {
        "person": "b1",
        "meetings": ["board"],
        "deputy": None,
        "leaving": None,
        "missing_below": ["a"],
        "absent_below": True,
    }
    # With a second person of b at the board, b is not linked through one person alone.
    two = tiny_map(
        ORGS,
        {
            "a1": ("a", "strategic"),
            "b1": ("b", "strategic"),
            "b0": ("b", "strategic"),
            "a2": ("a", "operational"),
            "c2": ("c", "operational"),
        },
        {"board": ("strategic", ["a1", "b1", "b0"]), "ops": ("operational", ["a2", "c2"])},
    )
    (finding,) = missing_operational_links(Analysis(two))
    assert finding.subjects == ("b",) and finding.evidence == {
        "partners": ["a"],
        "partners_at_table": 1,
        "strategic_meetings": ["board"],
        "through_commissioning": [],
        "absent_below": True,
    }
    # Near miss: with b at an operational meeting (not a's), each misses the other.
    people = {
        "a1": ("a", "strategic"),
        "b1": ("b", "strategic"),
        "a2": ("a", "operational"),
        "c2": ("c", "operational"),
        "b2": ("b", "operational"),
        "c3": ("c", "operational"),
    }
    meetings = {
        "board": ("strategic", ["a1", "b1"]),
        "ops": ("operational", ["a2", "c2"]),
        "ops2": ("operational", ["b2", "c3"]),
    }
    # each misses the other: one gap, said once, on the first declared of the two
    assert links(tiny_map(ORGS, people, meetings)) == {"a": ["b"]}


def test_two_organisations_absent_below_each_name_every_partner_of_their_table():
    """An organisation that meets nobody below the table is told it meets none of its
    partners there: its list holds them all, the other absent one too, so that the title's
    count, the list and the action agree."""
    orgs = {"a": "health", "b": "police", "c": "vcfs", "d": "education"}
    people = {
        "a1": ("a", "strategic"),
        "a0": ("a", "strategic"),
        "b1": ("b", "strategic"),
        "b0": ("b", "strategic"),
        "c1": ("c", "strategic"),
        "c0": ("c", "strategic"),
        "c2": ("c", "operational"),
        "d2": ("d", "operational"),
    }
    meetings = {
        "board": ("strategic", ["a1", "a0", "b1", "b0", "c1", "c0"]),
        "ops": ("operational", ["c2", "d2"]),
    }
    m = tiny_map(orgs, people, meetings)
    # c meets d below, so its gaps with a and b are said on theirs, not again on c
    assert said(m) == {"a": (["b", "c"], True), "b": (["a", "c"], True)}
    (worded,) = [f for f in diagnose(m).findings if f.subjects == ("b",)]
    assert "with 2 partners but meets none of them" in worded.title
    assert worded.action.endswith("with these 2 partners")
    # near miss: with b below beside c, b is no longer absent and its one gap (a) is a's
    people["b2"] = ("b", "operational")
    meetings["ops"] = ("operational", ["c2", "d2", "b2"])
    assert said(tiny_map(orgs, people, meetings)) == {"a": (["b", "c"], True)}


def test_pairs_that_also_meet_operationally_are_not_found():
    m = tiny_map(
        ORGS,
        {
            "a1": ("a", "strategic"),
            "b1": ("b", "strategic"),
            "a2": ("a", "operational"),
            "b2": ("b", "operational"),
        },
        {"board": ("strategic", ["b1", "a1"]), "ops": ("operational", ["a2", "b2"])},
    )
    assert links(m) == {}


def test_a_practitioner_meeting_does_not_count_as_operational():
    m = tiny_map(
        ORGS,
        {"a1": ("a", "strategic"), "b1": ("b", "strategic")},
        {"board": ("strategic", ["b1", "a1"]), "tas": ("practitioner", ["a1", "b1"])},
    )
    assert links(m) == {"a": ["b"], "b": ["a"]}  # neither meets anyone below


def test_colleagues_and_family_representatives_make_no_pair():
    m = tiny_map(
        ORGS,
        {"a1": ("a", "strategic"), "a2": ("a", "strategic"), "parent": (None, "family")},
        {"board": ("strategic", ["a1", "a2", "parent"])},
    )
    assert links(m) == {}


COUNCIL = {"council": "local_authority", "service": "local_authority", "b": "police"}


def test_a_council_and_its_own_service_are_never_each_others_partners():
    m = tiny_map(
        COUNCIL,
        {"c1": ("council", "strategic"), "s1": ("service", "strategic")},
        {"board": ("strategic", ["c1", "s1"])},
        service={"part_of": "council"},
    )
    assert links(m) == {}


def test_a_council_is_present_where_its_service_is_but_not_the_other_way_round():
    people = {
        "c1": ("council", "strategic"),
        "s1": ("service", "strategic"),
        "b1": ("b", "strategic"),
        "s2": ("service", "operational"),
        "b2": ("b", "operational"),
    }
    # The council meets the police below the board through its service: no gap.
    m = tiny_map(
        COUNCIL,
        people,
        {"board": ("strategic", ["c1", "b1"]), "ops": ("operational", ["s2", "b2"])},
        service={"part_of": "council"},
    )
    assert links(m) == {}
    # Near miss: the council's own officer at the operational group does not bring its
    # service there; the service's place at the board is its own.
    people["c2"] = ("council", "operational")
    m = tiny_map(
        COUNCIL,
        people,
        {"board": ("strategic", ["s1", "b1"]), "ops": ("operational", ["c2", "b2"])},
        service={"part_of": "council"},
    )
    assert links(m) == {"service": ["b"]}  # the service meets nobody below: said once


def test_a_commissioner_is_present_where_what_it_commissions_is_and_it_says_so():
    orgs = {
        "la": "local_authority",
        "charity": "vcfs",
        "b": "police",
        "e": "education",
        "f": "health",
    }
    m = tiny_map(
        orgs,
        {
            "la1": ("la", "strategic"),
            "b1": ("b", "strategic"),
            "e1": ("e", "strategic"),
            "f1": ("f", "strategic"),
            "ch2": ("charity", "operational"),
            "b2": ("b", "operational"),
            "e2": ("e", "operational"),
            "f2": ("f", "operational"),
        },
        {
            "board": ("strategic", ["la1", "b1", "e1", "f1"]),
            "ops": ("operational", ["ch2", "b2"]),
            "ops2": ("operational", ["e2", "f2"]),
        },
        relationships=[{"from": "la", "to": "charity", "kind": "commissioning"}],
    )
    found = {d.subjects[0]: d.evidence for d in missing_operational_links(Analysis(m))}
    assert found["la"]["partners"] == ["e", "f"]  # la meets b below, through the charity
    assert found["la"]["through_commissioning"] == ["charity"]
    # four gaps, two each: each said once, on the first declared of its two organisations
    assert links(m) == {"la": ["e", "f"], "b": ["e", "f"]}
    # Near miss: funding is not commissioning.
    m = tiny_map(
        orgs,
        {
            "la1": ("la", "strategic"),
            "b1": ("b", "strategic"),
            "ch2": ("charity", "operational"),
            "b2": ("b", "operational"),
        },
        {"board": ("strategic", ["la1", "b1"]), "ops": ("operational", ["ch2", "b2"])},
        relationships=[{"from": "la", "to": "charity", "kind": "funding"}],
    )
    assert links(m) == {"la": ["b"]}  # la meets nobody below: said once, on its finding


def test_a_table_that_meets_less_than_twice_a_year_is_not_a_strategic_table():
    people = {"a1": ("a", "strategic"), "b1": ("b", "strategic")}
    assembly = {"board": ("strategic", ["a1", "b1"])}
    assert links(tiny_map(ORGS, people, assembly, board={"frequency": 0.5})) == {}
    assert links(tiny_map(ORGS, people, assembly, board={"frequency": 2})) == {
        "a": ["b"],
        "b": ["a"],
    }
    assert links(tiny_map(ORGS, people, assembly, board={"frequency": "ad_hoc"})) != {}
    lower = {"strategic_table_min_per_year": 0.5}
    m = tiny_map(ORGS, people, assembly, board={"frequency": 0.5}, settings=lower)
    assert links(m) == {"a": ["b"], "b": ["a"]}


# --- duplicate_meetings -----------------------------------------------------------------

PEOPLE = {p: ("a", "operational") for p in "pqrstuvwxyz"}
PEOPLE.update({f"k{i}": ("b", "operational") for i in range(8)})


DEFAULTS = Settings()


def dupes(meetings, settings=DEFAULTS, **extra):
    return list(duplicate_meetings(Analysis(tiny_map(ORGS, PEOPLE, meetings, **extra), settings)))


def test_meetings_at_the_threshold_are_duplicates_and_just_below_are_not():
    at = {"m1": ("operational", list("pqrs")), "m2": ("operational", list("pqrt"))}  # 3/5
    assert [(d.subjects, d.evidence["similarity"]) for d in dupes(at)] == [(("m1", "m2"), 0.6)]
    # 7 shared of 12 in all = 0.58
    below = {
        "m1": ("operational", list("pqrstuvw")),
        "m2": ("operational", [*"pqrstuv", "k0", "k1", "k2", "k3"]),
    }
    assert dupes(below) == []


def test_meetings_at_different_levels_are_never_duplicates():
    assert dupes({"m1": ("operational", list("pqrs")), "m2": ("strategic", list("pqrs"))}) == []


def test_meetings_smaller_than_three_are_never_duplicates():
    assert dupes({"m1": ("operational", list("pq")), "m2": ("operational", list("pq"))}) == []


def test_duplicate_evidence_and_the_hours_a_merger_frees():
    (found,) = dupes({"m2": ("operational", list("pqrt")), "m1": ("operational", list("pqrs"))})
    assert found.severity == "medium"
    assert found.evidence["shared_attendees"] == ["p", "q", "r"]
    assert found.evidence["only_in"] == {"m1": ["s"], "m2": ["t"]}
    # monthly, an hour: 12 h x 4 people twice = 96; merged, 12 h x 5 people = 60
    assert found.evidence["hours_freed_per_year"] == 36.0


def test_a_shared_parent_or_shared_outcomes_make_duplicates_more_severe():
    meetings = {
        "top": ("strategic", list("xyz")),
        "m1": ("operational", list("pqrs")),
        "m2": ("operational", list("pqrt")),
    }
    assert [d.severity for d in dupes(meetings)] == ["medium"]
    same_parent = dupes(meetings, m1={"reports_to": "top"}, m2={"reports_to": "top"})
    assert [(d.severity, d.evidence["same_parent"]) for d in same_parent] == [("high", "top")]
    outcomes = [{"id": "safe"}]
    shared = dupes(
        meetings, outcomes=outcomes, m1={"outcomes": ["safe"]}, m2={"outcomes": ["safe"]}
    )
    assert [(d.severity, d.evidence["shared_outcomes"]) for d in shared] == [("high", ["safe"])]


def test_the_threshold_can_be_changed():
    meetings = {"m1": ("operational", list("pqrs")), "m2": ("operational", list("pqrt"))}
    assert dupes(meetings, Settings(duplicate_similarity=0.7)) == []


# --- single_point_of_failure -------------------------------------------------------------


def chain(**extra):
    """a1 (a) and b1 (b) meet in m; c has two people, both in m."""
    return tiny_map(
        ORGS,
        {
            "a1": ("a", "operational"),
            "b1": ("b", "operational"),
            "c1": ("c", "operational"),
            "c2": ("c", "operational"),
        },
        {"m": ("operational", ["a1", "b1", "c1", "c2"])},
        **extra,
    )


def bridge(**extra):
    """a1 sits with b in m1 and with c in m2; a2 (a's other person) only in m1."""
    return tiny_map(
        ORGS,
        {
            "a1": ("a", "operational"),
            "a2": ("a", "operational"),
            "b1": ("b", "operational"),
            "c1": ("c", "operational"),
        },
        {"m1": ("operational", ["a1", "a2", "b1"]), "m2": ("operational", ["a1", "c1"])},
        **extra,
    )


def test_a_person_whose_departure_cuts_partners_apart_is_a_single_point_of_failure():
    found = list(single_points_of_failure(Analysis(bridge())))
    assert subjects(found) == {("a1",)}
    (a1,) = found
    assert a1.evidence["cut_off"] == [["c"]]
    assert a1.evidence["still_connected"] == 1  # b: a, their own organisation, is not counted
    assert a1.severity == "high"


def test_the_only_person_of_an_organisation_is_not_a_single_point_of_failure():
    # a1 and b1 are each their organisation's only link, and cut off nobody else.
    assert subjects(single_points_of_failure(Analysis(chain()))) == set()


def test_a_person_cutting_off_only_their_own_council_and_its_service_is_not_one():
    m = tiny_map(
        {"council": "local_authority", "service": "local_authority", "b": "police"},
        {"s1": ("service", "operational"), "b1": ("b", "operational"), "b2": ("b", "operational")},
        {"m": ("operational", ["s1", "b1", "b2"])},
        service={"part_of": "council"},
    )
    assert subjects(single_points_of_failure(Analysis(m))) == set()


def test_severity_is_medium_with_a_deputy_and_high_again_with_a_leaving_date():
    with_deputy = bridge(a1={"deputy": "a2"})
    assert {d.subjects: d.severity for d in single_points_of_failure(Analysis(with_deputy))} == {
        ("a1",): "medium",
    }
    leaving = bridge(a1={"deputy": "a2", "leaving": "2027-01-31"})
    assert {d.subjects: d.severity for d in single_points_of_failure(Analysis(leaving))}[
        ("a1",)
    ] == "high"


def test_a_relationship_is_a_second_route():
    relationships = [{"from": "b", "to": "c", "kind": "informal"}]
    assert (
        subjects(single_points_of_failure(Analysis(bridge(relationships=relationships)))) == set()
    )


def test_an_organisation_already_apart_makes_nobody_a_single_point_of_failure():
    m = tiny_map(
        ORGS,
        {
            "a1": ("a", "operational"),
            "a2": ("a", "operational"),
            "b1": ("b", "operational"),
            "b2": ("b", "operational"),
        },
        {"m": ("operational", ["a1", "a2", "b1", "b2"])},
    )
    assert subjects(single_points_of_failure(Analysis(m))) == set()  # c has nobody at all


# --- critical_organisation ---------------------------------------------------------------


def line_of_three(**extra):
    """a meets b in m1; b meets c and d in m2: b holds the line together."""
    return tiny_map(
        {**ORGS, "d": "education"},
        {
            "a1": ("a", "operational"),
            "b1": ("b", "operational"),
            "b2": ("b", "operational"),
            "c1": ("c", "operational"),
            "d1": ("d", "operational"),
        },
        {"m1": ("operational", ["a1", "b1"]), "m2": ("operational", ["b2", "c1", "d1"])},
        **extra,
    )


def test_an_organisation_holding_others_together_is_critical():
    found = list(critical_organisations(Analysis(line_of_three())))
    assert subjects(found) == {("b",)}
    assert found[0].evidence == {"cut_off": [["a"]], "still_connected": 2}


def test_no_organisation_is_critical_when_the_others_have_their_own_tie():
    relationships = [{"from": "a", "to": "c", "kind": "funding"}]
    assert (
        subjects(critical_organisations(Analysis(line_of_three(relationships=relationships))))
        == set()
    )


# --- the whole diagnosis -------------------------------------------------------------------


def test_findings_come_most_severe_first_and_in_words():
    diagnosis = diagnose(bridge())
    assert [f.severity for f in diagnosis.findings] == sorted(
        (f.severity for f in diagnosis.findings), key=["high", "medium", "low", "info"].index
    )
    a1 = next(f for f in diagnosis.findings if f.kind == "single_point_of_failure")
    assert a1.title == "a1 (a) is the only link from c to the rest of the system"
    assert a1.source == (GUIDANCE["succession"],)
    assert set(a1.to_dict()) == {
        "kind",
        "severity",
        "priority",
        "subjects",
        "title",
        "evidence",
        "recommendation",
        "action",
        "source",
    }
    assert a1.action == "Name a deputy for a1 and a second link to c"


# --- level gaps ------------------------------------------------------------------------------


def test_an_organisation_only_at_the_top_table_and_a_level_with_no_joint_meeting():
    from mapper.findings.links import levels_without_joint_meetings

    m = tiny_map(
        ORGS,
        {
            "a1": ("a", "strategic"),
            "b1": ("b", "strategic"),
            "a2": ("a", "operational"),
            "c2": ("c", "operational"),
            "b3": ("b", "practitioner"),
        },
        {
            "board": ("strategic", ["a1", "b1"]),
            "ops": ("operational", ["a2", "c2"]),
            "b-only": ("operational", ["b3", "b1"]),
        },
    )  # b meets only itself below: said on its missing link, not as a finding of its own
    absent = {org: away for org, (_, away) in said(m).items()}
    assert absent == {"b": True}  # a's only gap is b, said on b's own finding
    assert "no_operational_presence" not in {f.kind for f in diagnose(m).findings}
    # No practitioner meeting on the map: a gap in the map, not a level without a joint one.
    assert list(levels_without_joint_meetings(Analysis(m))) == []
    (notice,) = [f for f in diagnose(m).findings if f.kind == "map_incomplete"]
    assert notice.evidence["levels_with_no_meeting"] == ["practitioner"]
    # Near miss: a practitioner meeting of one organisation only is the finding.
    with_one = tiny_map(
        ORGS,
        {"a1": ("a", "strategic"), "b1": ("b", "strategic"), "b3": ("b", "practitioner")},
        {"board": ("strategic", ["a1", "b1"]), "tas": ("practitioner", ["b3"])},
    )
    # (no operational meeting either: a gap in the map, so not a finding)
    found = [d.evidence["level"] for d in levels_without_joint_meetings(Analysis(with_one))]
    assert found == ["practitioner"]


def test_an_external_statutory_board_is_not_a_table_partners_must_meet_below():
    people = {"a1": ("a", "strategic"), "b1": ("b", "strategic")}
    hwb = {"hwb": ("strategic", ["a1", "b1"])}
    assert links(tiny_map(ORGS, people, hwb)) == {"a": ["b"], "b": ["a"]}
    m = tiny_map(ORGS, people, hwb, hwb={"external": True}, version=2)
    assert links(m) == {}
