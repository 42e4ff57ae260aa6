"""The further findings, each on a map small enough to check by eye, with its near-miss."""

from __future__ import annotations

import datetime as dt

from mapper.diagnosis import diagnose
from mapper.findings import Settings
from tests.conftest import tiny_map

ORGS = {
    "la": "local_authority",
    "nhs": "health",
    "school": "education",
    "vcs": "vcfs",
    "forum": "families",
}
TODAY = dt.date(2026, 11, 22)


def kinds(partnership, kind, settings=None):
    return {
        f.subjects for f in diagnose(partnership, settings, today=TODAY).findings if f.kind == kind
    }


def everyone_at_the_table(**extra):
    """Every sector at a co-chaired strategic board with a parent; an operational group."""
    people = {
        "dcs": ("la", "strategic"),
        "dn": ("nhs", "strategic"),
        "head": ("school", "strategic"),
        "ceo": ("vcs", "strategic"),
        "parent": ("forum", "family"),
        "ops1": ("la", "operational"),
        "ops2": ("nhs", "operational"),
    }
    meetings = {
        "board": ("strategic", ["dcs", "dn", "head", "ceo", "parent"]),
        "ops": ("operational", ["ops1", "ops2", "parent"]),
    }
    extra.setdefault(
        "board",
        {
            "chairs": ["dcs", "dn"],
            "members": ["head", "ceo", "parent"],
            "revisits_purpose": "biannual",
        },
    )
    extra.setdefault("ops", {"reports_to": "board"})
    return tiny_map(ORGS, people, meetings, **extra)


def test_a_healthy_small_system_has_none_of_these_findings():
    found = {f.kind for f in diagnose(everyone_at_the_table(), today=TODAY).findings}
    assert found.isdisjoint(
        {
            "reports_to_cycle",
            "outside_governance_tree",
            "chairs_many_meetings",
            "chairing_dominated",
            "no_shared_chair",
            "no_family_voice",
            "sector_absent_from_strategic_level",
            "purpose_not_revisited",
            "heavy_meeting_load",
            "isolated_organisation",
            "planned_departure",
        }
    )


def test_cycles_in_reports_to_are_found_and_never_hang():
    m = everyone_at_the_table(board={"reports_to": "ops"}, ops={"reports_to": "board"})
    assert kinds(m, "reports_to_cycle") == {("board", "ops")}
    selfish = everyone_at_the_table(ops={"reports_to": "ops"})
    assert kinds(selfish, "reports_to_cycle") == {("ops",)}


def test_a_meeting_reporting_nowhere_is_outside_the_tree_but_the_top_is_not():
    assert kinds(everyone_at_the_table(ops={}), "outside_governance_tree") == {("ops",)}
    assert kinds(everyone_at_the_table(), "outside_governance_tree") == set()


def test_a_person_chairing_three_meetings_but_not_two():
    two = everyone_at_the_table(
        ops={"reports_to": "board", "chairs": ["dcs"], "members": ["ops1", "ops2", "parent"]}
    )
    assert kinds(two, "chairs_many_meetings") == set()
    assert kinds(two, "chairs_many_meetings", Settings(chair_limit=2)) == {("dcs",)}


def test_one_sector_chairing_most_strategic_meetings():
    m = everyone_at_the_table(
        board={"chairs": ["dcs"], "members": ["dn", "head", "parent"]},
        ops={"level": "strategic", "chairs": ["ops1"]},
    )
    assert kinds(m, "chairing_dominated") == {()}
    shared = everyone_at_the_table(ops={"level": "strategic", "chairs": ["ops1"]})
    assert kinds(shared, "chairing_dominated") == set()  # health co-chairs the board: 1 of 2


def test_a_single_chair_needs_a_co_chair_or_vice_chair_from_elsewhere():
    alone = everyone_at_the_table(board={"chairs": ["dcs"], "members": ["dn", "parent"]})
    assert kinds(alone, "no_shared_chair") == {("board",)}
    colleague = everyone_at_the_table(board={"chairs": ["dcs"], "vice_chair": "ops1"})
    assert kinds(colleague, "no_shared_chair") == {("board",)}  # same organisation
    vice = everyone_at_the_table(board={"chairs": ["dcs"], "vice_chair": "dn"})
    assert kinds(vice, "no_shared_chair") == set()


def test_meetings_without_a_family_member_and_sectors_missing_from_the_top():
    m = everyone_at_the_table(
        board={"chairs": ["dcs"], "members": ["dn"]}, ops={"members": ["ops1"]}
    )
    assert kinds(m, "no_family_voice") == {("board",), ("ops",)}
    # families absent from the top are no_family_voice's to say, not a sector finding as well
    assert kinds(m, "sector_absent_from_strategic_level") == {("school",), ("vcs",)}


def test_missing_key_roles_and_holders_without_a_deputy():
    m = everyone_at_the_table(
        dcs={"roles": ["single_accountable_leader"]},
        dn={"roles": ["senior_sponsor"], "deputy": "ops2"},
    )
    roles = {
        f.evidence["role"]
        for f in diagnose(m, today=TODAY).findings
        if f.kind == "missing_key_role"
    }
    assert roles == {"transformation_lead", "data_lead"}
    assert kinds(m, "key_role_without_deputy") == {("dcs",)}


def test_planned_departures_within_a_year_of_people_who_matter():
    soon = everyone_at_the_table(dcs={"leaving": "2027-06-30"})
    (finding,) = [f for f in diagnose(soon, today=TODAY).findings if f.kind == "planned_departure"]
    assert finding.evidence["chairs"] == ["board"] and finding.evidence["days_left"] == 220
    later = everyone_at_the_table(dcs={"leaving": "2028-06-30"})
    assert kinds(later, "planned_departure") == set()
    no_role = everyone_at_the_table(ops2={"leaving": "2027-01-31"})
    assert kinds(no_role, "planned_departure") == set()  # chairs nothing, holds no key role


def test_heavy_meeting_load_above_the_threshold_only():
    weekly = everyone_at_the_table(
        ops={"reports_to": "board", "frequency": "weekly", "duration_minutes": 240}
    )
    # 52 x 4 hours / 12 = 17.3 hours a month in ops; the parent adds the monthly board: 18.3
    assert kinds(weekly, "heavy_meeting_load") == {("ops1",), ("ops2",), ("parent",)}
    assert kinds(weekly, "heavy_meeting_load", Settings(load_hours_per_month=18)) == {("parent",)}
    assert kinds(weekly, "heavy_meeting_load", Settings(load_hours_per_month=19)) == set()


def test_purpose_revisited_less_than_twice_a_year_and_outcomes_nobody_holds():
    annual = everyone_at_the_table(
        board={"chairs": ["dcs", "dn"], "revisits_purpose": "annual"},
        outcomes=[{"id": "held"}, {"id": "orphan"}],
        ops={"reports_to": "board", "outcomes": ["held"]},
    )
    assert kinds(annual, "purpose_not_revisited") == {("board",)}
    assert kinds(annual, "outcome_not_held") == {("orphan",)}


def test_isolated_organisations_and_people():
    m = tiny_map(
        {**ORGS, "fire": "other"},
        {
            "a": ("la", "operational"),
            "b": ("nhs", "operational"),
            "c": ("la", "practitioner"),
            "f": ("fire", "operational"),
        },
        {"ops": ("operational", ["a", "b"])},
        relationships=[{"from": "c", "to": "b", "kind": "informal"}],
    )
    assert ("fire",) in kinds(m, "isolated_organisation")
    assert ("la",) not in kinds(m, "isolated_organisation")
    (notice,) = [f for f in diagnose(m).findings if f.kind == "map_incomplete"]
    assert notice.evidence["people_in_no_meeting"] == ["f"]  # c is in a relationship
    assert notice.evidence["organisations_with_nobody"] == ["school", "vcs", "forum"]


def test_the_map_s_gaps_are_one_notice_with_counts_not_a_finding_each():
    m = tiny_map(
        {**ORGS, "empty": "vcfs", "council": "local_authority"},
        {
            "a": ("la", "strategic"),
            "b": ("nhs", "strategic"),
            "x": ("la", "operational"),
            "y": ("nhs", "operational"),
        },
        {"board": ("strategic", ["a", "b"]), "solo": ("operational", ["x"])},
        board={"revisits_purpose": None},
        la={"part_of": "council"},  # the council has nobody itself, but its service has
    )
    notices = [f for f in diagnose(m).findings if f.kind == "map_incomplete"]
    assert len(notices) == 1 and notices[0].subjects == () and notices[0].severity == "info"
    assert notices[0].evidence == {
        "people_in_no_meeting": ["y"],
        "organisations_with_nobody": ["school", "vcs", "forum", "empty"],
        "meetings_with_no_members": ["solo"],
        "not_recorded": {"revisits_purpose": ["board"]},
        "levels_with_no_meeting": ["practitioner"],
        "partial_membership": [],
        "roles_not_recorded": True,
        "boards_not_recorded": True,
        "outcomes_not_recorded": True,
    }
    assert notices[0].title == (
        "The map may be incomplete: 1 person in no meeting and no relationship; 4 "
        "organisations with nobody on it; 1 meeting with a chair and no members; 1 strategic "
        "meeting not recording how often they revisit the shared purpose; no practitioner "
        "meeting recorded; nobody's key role recorded (so no role is reported missing); no "
        "shared outcome recorded (the partnership's outcomes framework is empty on the map, so "
        "no meeting is asked to hold one); no meeting said to be the family hubs board, the "
        "Health and Wellbeing Board or the safeguarding partnership (so their links are not "
        "judged)"
    )
    # Not recorded is not "never": the board is not told it does not revisit its purpose.
    assert kinds(m, "purpose_not_revisited") == set()
    recorded = tiny_map(
        ORGS,
        {"a": ("la", "strategic")},
        {"board": ("strategic", ["a"])},
        board={"revisits_purpose": "annual"},
    )
    assert kinds(recorded, "purpose_not_revisited") == {("board",)}
    (notice,) = [f for f in diagnose(recorded).findings if f.kind == "map_incomplete"]
    assert "not_recorded" in notice.evidence and notice.evidence["not_recorded"] == {}


def test_the_purpose_finding_says_the_map_s_own_threshold():
    """The wording said 'at least twice a year' whatever purpose_revisits_per_year was."""
    from mapper import parse_map
    from mapper.diagnosis import diagnose
    from tests.conftest import MINIMAL

    recorded = MINIMAL.replace(
        "    frequency: monthly\n", "    frequency: monthly\n    revisits_purpose: biannual\n", 1
    )
    assert recorded != MINIMAL, "the minimal map changed; update this test"
    strict = parse_map(recorded + "settings:\n  purpose_revisits_per_year: 4\n")
    found = [f for f in diagnose(strict).findings if f.kind == "purpose_not_revisited"]
    assert found and "at least 4 times a year" in found[0].title
    assert "at least 4 times a year" in found[0].recommendation
    assert "revisits_purpose" not in found[0].recommendation  # words, not the file's key


def test_the_family_hubs_roles_are_asked_of_a_family_hubs_partnership_only():
    from mapper.model import Partnership

    m = tiny_map(
        ORGS,
        {"a": ("la", "strategic")},
        {"board": ("strategic", ["a"])},
        a={"roles": ["data_lead"]},
    )
    assert kinds(m, "missing_key_role")  # the default type is family_hubs
    other = Partnership.model_validate(
        {**m.model_dump(by_alias=True), "version": 2, "type": "safeguarding"}
    )
    assert kinds(other, "missing_key_role") == set()


def test_a_vacant_chair_or_key_role_is_high_a_vacant_seat_medium():
    def vacancies(**extra):
        m = tiny_map(
            ORGS,
            {
                "chair": ("la", "strategic"),
                "seat": ("nhs", "strategic"),
                "idle": ("vcs", "operational"),
                "dep": ("la", "strategic"),
            },
            {"board": ("strategic", ["chair", "seat", "dep"])},
            version=2,
            **extra,
        )
        return {f.subjects: f for f in diagnose(m, today=TODAY).findings if f.kind == "vacancy"}

    assert vacancies() == {}  # nobody is vacant: near miss
    found = vacancies(
        chair={"vacant": True, "title": "Director of Children's Services", "deputy": "dep"},
        seat={"vacant": True, "title": "Health representative"},
        idle={"vacant": True, "title": "Locality lead", "roles": ["data_lead"]},
    )
    assert {s: f.severity for s, f in found.items()} == {
        ("chair",): "high",
        ("seat",): "medium",
        ("idle",): "high",  # a key role, though in no meeting
    }
    assert found[("chair",)].evidence == {
        "chairs": ["board"],
        "vice_chair_of": [],
        "key_roles": [],
        "seats": [],
    }
    assert found[("chair",)].title == (
        "Director of Children's Services (la) is vacant: the chair of board"
    )
    assert "ask dep, the named deputy, to act meanwhile" in found[("chair",)].recommendation
    # the vacant data lead is not also "a key role without a deputy"
    m = tiny_map(
        ORGS,
        {"chair": ("la", "strategic"), "idle": ("vcs", "operational")},
        {"board": ("strategic", ["chair"])},
        version=2,
        idle={"vacant": True, "roles": ["data_lead"]},
    )
    assert kinds(m, "key_role_without_deputy") == set()
    assert kinds(m, "vacancy") == {("idle",)}
    empty = tiny_map(
        ORGS,
        {"chair": ("la", "strategic"), "idle": ("vcs", "operational")},
        {"board": ("strategic", ["chair"])},
        version=2,
        idle={"vacant": True},
    )
    assert {f.severity for f in diagnose(empty).findings if f.kind == "vacancy"} == {"low"}
