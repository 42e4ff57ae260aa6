"""What if these people or organisations left: the map without them and what changes."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mapper import MapperError, Partnership
from mapper.diagnosis import simulate_departures
from mapper.whatif import without
from tests.conftest import EXAMPLES, tiny_map
from tests.strategies import partnerships

ORGS = {"a": "health", "b": "police", "c": "vcfs"}
TODAY = dt.date(2026, 11, 22)


def bridge(**extra):
    """b1 is the only link from b; m2 reports to m1; m1 has a vice chair."""
    return tiny_map(
        ORGS,
        {
            "a1": ("a", "strategic"),
            "a2": ("a", "operational"),
            "b1": ("b", "operational"),
            "c1": ("c", "operational"),
            "c2": ("c", "operational"),
        },
        {"m1": ("strategic", ["a1", "b1", "c1"]), "m2": ("operational", ["c2", "a2"])},
        m1={"vice_chair": "c2"},
        m2={"reports_to": "m1"},
        **extra,
    )


def test_losing_the_only_link_cuts_an_organisation_off_and_says_so():
    result = simulate_departures(bridge(), ["b1"], today=TODAY)
    assert result.cut_off == [["b"]]
    # b has nobody left on the map: the map's notice names it
    (notice,) = [f for f in result.appear if f.kind == "map_incomplete"]
    assert notice.evidence["organisations_with_nobody"] == ["b"]
    # the single-point-of-failure finding about b1 did not "go": b1 left
    assert all("b1" not in f.subjects for f in result.vanish)


def test_an_organisation_leaves_with_its_people():
    remaining, _, _ = without(bridge(), ["c"])
    assert {p.id for p in remaining.people} == {"a1", "a2", "b1"}
    assert remaining.meeting_by_id["m1"].vice_chair is None


def test_the_vice_chair_steps_up_and_a_meeting_without_one_is_listed():
    result = simulate_departures(bridge(), ["a1"], today=TODAY)
    assert result.partnership.meeting_by_id["m1"].chairs == ("c2",)
    assert result.meetings_without_chair == ["m1"]
    # the acting chair is not counted as a real chair in chairing findings
    assert not [f for f in result.appear if f.kind == "no_shared_chair"]


def test_an_emptied_meeting_goes_and_its_children_report_further_up():
    m = tiny_map(
        ORGS,
        {"a1": ("a", "strategic"), "b1": ("b", "operational")},
        {
            "top": ("strategic", ["a1", "b1"]),
            "mid": ("operational", ["b1"]),
            "low": ("operational", ["a1"]),
        },
        mid={"reports_to": "top"},
        low={"reports_to": "mid"},
    )
    remaining, _, emptied = without(m, ["b1"])
    assert emptied == ["mid"]
    assert remaining.meeting_by_id["low"].reports_to == ("top",)


def test_losing_the_accountable_leader_is_a_new_finding_beside_other_missing_roles():
    m = bridge(a1={"roles": ["single_accountable_leader"], "deputy": "a2"})
    result = simulate_departures(m, ["a1"], today=TODAY)
    assert [f.evidence["role"] for f in result.appear if f.kind == "missing_key_role"] == [
        "single_accountable_leader"
    ]


def test_an_unknown_id_is_refused_with_the_closest_one(run_cli):
    with pytest.raises(
        MapperError, match="'b2' is not a person or organisation in this map; did you mean b1?"
    ):
        simulate_departures(bridge(), ["b2"])
    code, out, err = run_cli("check", str(EXAMPLES / "county.yaml"), "--without", "sian-prichard")
    assert (code, out) == (2, "")
    assert err == (
        "'sian-prichard' is not a person or organisation in this map; did you mean "
        "sian-pritchard?\n"
    )


def test_the_cli_reports_what_changes_in_text_and_json(run_cli):
    code, out, _ = run_cli("check", str(EXAMPLES / "county.yaml"), "--without", "sian-pritchard")
    assert code == 0
    assert (
        "  - Al-Noor Community Trust and Ashby Churches Together would be cut off from "
        "partners they reach today"
    ) in out.splitlines()
    code, out, _ = run_cli(
        "check", str(EXAMPLES / "county.yaml"), "--without", "cvs", "--format", "json"
    )
    whatif = json.loads(out)["whatif"]
    assert whatif["without"] == ["cvs"]
    assert whatif["cut_off"] == [["al-noor", "ashby-faith"]]


@given(partnerships(), st.data())
def test_any_departures_from_any_map_give_a_valid_map_and_a_diagnosis(p: Partnership, data):
    ids = [x.id for x in (*p.people, *p.organisations)]
    leaving = data.draw(st.lists(st.sampled_from(ids), max_size=3))
    result = simulate_departures(p, leaving, today=TODAY)
    remaining_ids = {x.id for x in (*result.partnership.people, *result.partnership.organisations)}
    assert not remaining_ids & set(leaving)
    assert all(set(group) <= remaining_ids for group in result.cut_off)


def test_nobody_who_left_still_sits_in_a_meeting_after_the_departures():
    from mapper import load_map
    from mapper.diagnosis import diagnose
    from tests.conftest import ROOT

    county = load_map(ROOT / "examples" / "county.yaml")
    leaving = [f.subjects[0] for f in diagnose(county).of_kind("single_point_of_failure")[:3]]
    after = without(county, leaving)[0]
    assert not set(leaving) & set().union(*(m.attendees for m in after.meetings))
    assert all(
        set(orgs) <= set(after.organisation_by_id) for orgs in after.organisations_present.values()
    )


def test_the_map_after_departures_keeps_its_settings_and_self_assessment():
    """without() rebuilt the map by hand and dropped both, so the What if page diagnosed the
    'after' map with default thresholds and reported findings the map's own settings rule out."""
    from mapper import load_map

    county = load_map(EXAMPLES / "county.yaml")
    changed = county.with_sections(
        settings=county.settings.model_copy(update={"chair_limit": 9, "load_hours_per_month": 200})
    )
    leaver = changed.people[-1].id
    after, _, _ = without(changed, [leaver])
    assert after.settings == changed.settings != type(changed.settings)()
    assert after.assessment == changed.assessment != {}
    assert after.name == changed.name


def test_departures_reuse_the_diagnosis_the_caller_holds(monkeypatch):
    """The What if page held the map's diagnosis and simulate_departures made it again."""
    import mapper.findings
    from mapper import load_map
    from mapper.diagnosis import diagnose

    small = load_map(EXAMPLES / "small.yaml")
    held = diagnose(small)
    runs = []
    detect = mapper.findings._detect
    monkeypatch.setattr(
        mapper.findings, "_detect", lambda a: runs.append(a.partnership) or detect(a)
    )
    result = simulate_departures(small, [small.people[0].id], before=held)
    assert runs == [result.partnership]  # the map after the departures, only
    assert result.diagnosis.findings
    # and the map after is diagnosed once, though both the changes and its diagnosis read it
    assert diagnose(result.diagnosis.analysis) is result.diagnosis
