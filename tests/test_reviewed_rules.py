"""The rules issue 13 settled with the reviews of published structures, each pinned with its
near miss: what the map does not record is not read as "no"; an external board is not the
partnership's to change; a one-off event neither links nor needs a place in the structure;
one gap is said once; a planning partner with no operational role is not missing below.
"""

from __future__ import annotations

import datetime as dt

from mapper.analysis import Analysis
from mapper.diagnosis import diagnose
from mapper.model import Partnership
from tests.conftest import tiny_map

TODAY = dt.date(2026, 11, 22)
ORGS = {"la": "local_authority", "nhs": "health", "police": "police", "vcs": "vcfs"}


def found(m, kind):
    return {f.subjects: f for f in diagnose(m, today=TODAY).findings if f.kind == kind}


def notice(m):
    (it,) = [f for f in diagnose(m, today=TODAY).findings if f.kind == "map_incomplete"]
    return it.evidence


# --- no_family_voice: one finding per line of the tree, where absence is evidence ----------

PEOPLE = {
    "dcs": ("la", "strategic"),
    "dn": ("nhs", "strategic"),
    "ops1": ("la", "operational"),
    "ops2": ("nhs", "operational"),
    "sub1": ("la", "operational"),
    "sub2": ("police", "operational"),
    "parent": (None, "family"),
}
LINE = {
    "board": ("strategic", ["dcs", "dn"]),
    "ops": ("operational", ["ops1", "ops2"]),
    "sub": ("operational", ["sub1", "sub2"]),
}


def test_a_line_of_meetings_without_families_is_one_finding_on_the_highest():
    m = tiny_map(ORGS, PEOPLE, LINE, ops={"reports_to": "board"}, sub={"reports_to": "ops"})
    voice = found(m, "no_family_voice")
    assert set(voice) == {("board", "ops", "sub")}
    (finding,) = voice.values()
    assert finding.severity == "medium" and finding.evidence["also_below"] == ["ops", "sub"]
    assert "nor in 2 meetings reporting to it" in finding.title
    # Near miss: with a parent on the board, the line breaks: ops is the highest without one.
    heard = tiny_map(
        ORGS,
        PEOPLE,
        {**LINE, "board": ("strategic", ["dcs", "dn", "parent"])},
        ops={"reports_to": "board"},
        sub={"reports_to": "ops"},
    )
    assert {s: f.severity for s, f in found(heard, "no_family_voice").items()} == {
        ("ops", "sub"): "low"
    }


def test_family_voice_is_not_asked_where_its_absence_is_no_evidence():
    v2 = {"version": 2}
    # an external statutory board is not the partnership's to change
    m = tiny_map(ORGS, PEOPLE, LINE, board={"external": True}, **v2)
    assert ("board",) not in found(m, "no_family_voice")
    # members known only in part
    m = tiny_map(ORGS, PEOPLE, LINE, ops={"membership": "partial"}, **v2)
    assert ("ops",) not in found(m, "no_family_voice") and notice(m)["partial_membership"] == [
        "ops"
    ]
    # a two-yearly assembly is not the working table; the line starts below it
    m = tiny_map(ORGS, PEOPLE, LINE, board={"frequency": 0.5}, ops={"reports_to": "board"})
    assert set(found(m, "no_family_voice")) == {("ops",), ("sub",)}
    # a task-and-finish group that has ended, and a one-off event
    m = tiny_map(ORGS, PEOPLE, LINE, ops={"ends": "2025-03-31"}, sub={"frequency": "once"}, **v2)
    assert set(found(m, "no_family_voice")) == {("board",)}
    # a meeting with a chair and no members recorded
    m = tiny_map(ORGS, PEOPLE, {**LINE, "ops": ("operational", ["ops1"])})
    assert ("ops",) not in found(m, "no_family_voice")
    # near miss: the same meeting, ending next year, is asked
    m = tiny_map(ORGS, PEOPLE, LINE, ops={"ends": "2027-03-31"}, **v2)
    assert ("ops",) in found(m, "no_family_voice")


# --- sectors follow the type of partnership --------------------------------------------------


def test_the_sectors_expected_at_the_table_follow_the_type_of_partnership():
    people = {"dcs": ("la", "strategic"), "dn": ("nhs", "strategic")}
    board = {"board": ("strategic", ["dcs", "dn"])}

    def absent(kind):
        data = tiny_map(ORGS, people, board, version=2).model_dump(by_alias=True)
        m = Partnership.model_validate({**data, "type": kind})
        sectors = found(m, "sector_absent_from_strategic_level").values()
        return {f.evidence["sector"] for f in sectors}

    assert absent("family_hubs") == {"education", "vcfs"}
    assert absent("safeguarding") == {"police", "education"}
    assert absent("health_and_wellbeing") == set()
    assert absent("community_planning") == {"police", "fire_and_rescue", "vcfs"}
    assert absent("other") == set()


# --- chairs: rotating, independent and external chairs are not single chairs ----------------


def test_a_rotating_an_independent_or_an_external_chair_is_not_a_single_chair():
    orgs = {**ORGS, "scrutiny": "other"}
    people = {
        "dcs": ("la", "strategic"),
        "dn": ("nhs", "strategic"),
        "ic": ("scrutiny", "strategic"),
    }
    one = {"board": ("strategic", ["dcs", "dn"])}
    assert ("board",) in found(tiny_map(orgs, people, one), "no_shared_chair")
    rotating = tiny_map(
        orgs, people, one, board={"chairs": [], "chair_rotates": ["la", "nhs"]}, version=2
    )
    assert found(rotating, "no_shared_chair") == {}
    independent = {"board": ("strategic", ["ic", "dcs", "dn"])}
    m = tiny_map(orgs, people, independent, scrutiny={"strategic_only": True}, version=2)
    assert found(m, "no_shared_chair") == {}
    # near miss: the same chair from an organisation with a part in delivery is single
    assert ("board",) in found(tiny_map(orgs, people, independent), "no_shared_chair")
    m = tiny_map(orgs, people, one, board={"external": True}, version=2)
    assert found(m, "no_shared_chair") == {}


# --- missing operational links: planning partners, localities, partial memberships ----------


def _table_and_groups(**extra):
    people = {
        "la1": ("la", "strategic"),
        "la0": ("la", "strategic"),
        "nhs1": ("nhs", "strategic"),
        "nhs0": ("nhs", "strategic"),
        "la2": ("la", "operational"),
        "vcs2": ("vcs", "operational"),
        "nhs2": ("nhs", "operational"),
        "police2": ("police", "operational"),
    }
    meetings = {
        "board": ("strategic", ["la1", "la0", "nhs1", "nhs0"]),
        "north": ("operational", ["la2", "vcs2"]),
        "south": ("operational", ["nhs2", "police2"]),
    }
    return tiny_map(ORGS, people, meetings, **extra)


def test_partners_of_two_localities_and_planning_partners_are_not_missing_below():
    assert set(found(_table_and_groups(), "missing_operational_link")) == {("la",)}
    base = _table_and_groups(version=2)
    data = base.model_dump(by_alias=True, exclude_defaults=True)
    data["localities"] = [{"id": "n"}, {"id": "s"}]
    for org in data["organisations"]:
        org["locality"] = {"la": "n", "nhs": "s"}.get(org["id"])
    apart = Partnership.model_validate(data)
    assert found(apart, "missing_operational_link") == {}
    # near miss: one of the two with no locality of its own is still a partner
    data["organisations"] = [
        {**o, "locality": "n" if o["id"] == "la" else None} for o in data["organisations"]
    ]
    assert set(found(Partnership.model_validate(data), "missing_operational_link")) == {("la",)}
    planner = _table_and_groups(version=2, nhs={"strategic_only": True})
    assert found(planner, "missing_operational_link") == {}


def test_no_missing_link_is_judged_while_an_operational_membership_is_partial():
    m = _table_and_groups(version=2, south={"membership": "partial"})
    assert found(m, "missing_operational_link") == {}
    assert notice(m)["partial_membership"] == ["south"]
    # near miss: a partial strategic table still says who sits there
    m = _table_and_groups(version=2, board={"membership": "partial"})
    assert set(found(m, "missing_operational_link")) == {("la",)}


# --- sole representatives --------------------------------------------------------------------


def _one_seat(**extra):
    people = {
        "la1": ("la", "strategic"),
        "la2": ("la", "operational"),
        "vcs2": ("vcs", "operational"),
        "seat": ("police", "strategic"),
    }
    meetings = {
        "board": ("strategic", ["la1", "seat"]),
        "ops": ("operational", ["la2", "vcs2"]),
    }
    return tiny_map(ORGS, people, meetings, **extra)


def test_an_organisation_linked_through_one_person_is_a_sole_representative_said_once():
    m = _one_seat()
    (sole,) = found(m, "sole_representative").values()
    assert sole.subjects == ("police", "seat") and sole.severity == "low"
    assert sole.evidence["absent_below"] and sole.evidence["missing_below"] == ["la"]
    assert found(m, "missing_operational_link") == {}  # said on the sole representative
    leaving = found(_one_seat(seat={"leaving": "2027-01-31"}), "sole_representative")
    assert [f.severity for f in leaving.values()] == ["medium"]


def test_seats_by_design_and_organisations_tied_otherwise_are_not_sole_representatives():
    assert found(_one_seat(version=2, police={"strategic_only": True}), "sole_representative") == {}
    tied = _one_seat(relationships=[{"from": "police", "to": "la", "kind": "information_sharing"}])
    assert found(tied, "sole_representative") == {}
    on_external = _one_seat(version=2, board={"external": True})
    assert found(on_external, "sole_representative") == {}
    # near miss: a parent carer forum's one seat on an external board is the families' voice
    forum = _one_seat(version=2, board={"external": True}, police={"sector": "families"})
    assert set(found(forum, "sole_representative")) == {("police", "seat")}
    vacant = _one_seat(version=2, seat={"vacant": True, "title": "Police seat"})
    assert found(vacant, "sole_representative") == {}
    # near miss: a second police officer in a shared meeting is a second link
    people = {
        "la1": ("la", "strategic"),
        "seat": ("police", "strategic"),
        "p2": ("police", "operational"),
        "la2": ("la", "operational"),
    }
    two = tiny_map(
        ORGS,
        people,
        {"board": ("strategic", ["la1", "seat"]), "ops": ("operational", ["la2", "p2"])},
    )
    assert found(two, "sole_representative") == {}


# --- one-off events, and roles not recorded --------------------------------------------------


def test_one_off_events_are_neither_duplicates_nor_outside_the_tree():
    people = {f"p{i}": ("la" if i % 2 else "nhs", "operational") for i in range(4)}
    events = {
        "e1": ("operational", ["p0", "p1", "p2", "p3"]),
        "e2": ("operational", ["p1", "p0", "p2", "p3"]),
    }
    once = tiny_map(
        ORGS, people, events, e1={"frequency": "once"}, e2={"frequency": "once"}, version=2
    )
    assert found(once, "duplicate_meetings") == {} and found(once, "outside_governance_tree") == {}
    recurring = tiny_map(ORGS, people, events)
    assert found(recurring, "duplicate_meetings") and found(recurring, "outside_governance_tree")


def test_roles_recorded_for_nobody_are_not_missing_roles():
    m = _one_seat()
    assert found(m, "missing_key_role") == {} and notice(m)["roles_not_recorded"]
    recorded = _one_seat(la1={"roles": ["single_accountable_leader"]})
    missing = [f for f in diagnose(recorded, today=TODAY).findings if f.kind == "missing_key_role"]
    assert {f.evidence["role"] for f in missing} == {
        "senior_sponsor",
        "transformation_lead",
        "data_lead",
    }
    assert not notice(recorded)["roles_not_recorded"]


def test_standing_meetings_are_those_held_again_and_not_ended():
    m = tiny_map(
        ORGS,
        {"a": ("la", "strategic")},
        {"x": ("strategic", ["a"]), "y": ("strategic", ["a"]), "z": ("strategic", ["a"])},
        x={"frequency": "once"},
        y={"ends": "2026-11-21"},
        z={"ends": "2026-11-22"},
        version=2,
    )
    assert Analysis(m, today=TODAY).standing == {"z"}


def test_an_empty_outcomes_framework_is_said_once_in_the_notice():
    m = _one_seat()
    assert notice(m)["outcomes_not_recorded"]
    held = _one_seat(
        outcomes=[{"id": "ready", "name": "Ready for school"}], board={"outcomes": ["ready"]}
    )
    assert not notice(held)["outcomes_not_recorded"]
    other = Partnership.model_validate(
        {**_one_seat(version=2).model_dump(by_alias=True), "type": "other"}
    )
    assert not notice(other)["outcomes_not_recorded"]
