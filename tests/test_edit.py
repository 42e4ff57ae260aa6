"""Editing a map record by record: the loader's validation, and deletes that ask what to do."""

from __future__ import annotations

import datetime as dt

import pytest

from mapper import InvalidMapError, parse_map
from mapper.edit import (
    Reference,
    delete_record,
    empty_map,
    field_messages,
    put_record,
    record_data,
    references_to,
)
from tests.conftest import MINIMAL, ROOT

BASE = parse_map(MINIMAL)


def test_adding_a_person_gives_a_map_with_them_and_nothing_else_changed():
    after = put_record(
        BASE,
        "people",
        {"id": "cara", "name": "Cara Doyle", "organisation": "trust", "level": "practitioner"},
    )
    assert after.person_by_id["cara"].name == "Cara Doyle"
    assert after.people[:2] == BASE.people and after.meetings == BASE.meetings


def test_a_bad_record_is_refused_with_a_message_for_each_field():
    with pytest.raises(InvalidMapError) as caught:
        put_record(
            BASE,
            "people",
            {"id": "cara", "organisation": "trsut", "level": "practitioner", "leaving": "soon"},
        )
    messages = field_messages(caught.value, "people", 2)
    assert set(messages) == {"organisation", "leaving"}
    assert "trust" in messages["organisation"][0]  # did you mean
    with pytest.raises(InvalidMapError) as caught:
        put_record(BASE, "people", {"id": "cara", "organisation": "trust", "level": "boss"})
    assert "strategic" in field_messages(caught.value, "people", 2)["level"][0]


def test_a_duplicate_id_is_refused():
    with pytest.raises(InvalidMapError, match="ben-cole"):
        put_record(
            BASE, "people", {"id": "ben-cole", "organisation": "trust", "level": "operational"}
        )


def test_renaming_an_id_carries_every_mention_with_it():
    ben = record_data(BASE, "people", "ben-cole")
    after = put_record(BASE, "people", {**ben, "id": "benjamin-cole"}, replacing="ben-cole")
    assert after.meeting_by_id["board"].members == ("benjamin-cole",)
    assert "ben-cole" not in after.person_by_id


def test_a_new_id_carries_the_decisions_about_the_record_and_its_place_on_the_map():
    from mapper.edit import map_data, validate_data

    data = map_data(BASE)
    data["version"] = 2
    data["decisions"] = [
        {"kind": "sole_representative", "subjects": ["trust", "ben-cole"],
         "decision": "set_aside", "reason": "One seat by design"},
        {"kind": "planned_departure", "subjects": ["amara-okafor"], "decision": "accepted"},
    ]  # fmt: skip
    data["layout"] = {"people": {"ben-cole": [10.0, 20.0], "amara-okafor": [5.0, 5.0]}}
    kept = validate_data(data)
    ben = record_data(kept, "people", "ben-cole")
    after = put_record(kept, "people", {**ben, "id": "benjamin-cole"}, replacing="ben-cole")
    decided = {d.kind: d.subjects for d in after.decisions}
    assert decided == {
        "sole_representative": ("trust", "benjamin-cole"),
        "planned_departure": ("amara-okafor",),  # near miss: another's decision is as it was
    }
    assert after.layout.of("people") == {"benjamin-cole": (10.0, 20.0), "amara-okafor": (5.0, 5.0)}


def test_changing_a_record_keeps_its_place():
    trust = record_data(BASE, "organisations", "trust")
    after = put_record(
        BASE, "organisations", {**trust, "name": "Northbridge NHS Trust"}, replacing="trust"
    )
    assert [o.id for o in after.organisations] == ["nbc", "trust"]
    assert after.organisation_by_id["trust"].label == "Northbridge NHS Trust"


def test_dates_survive_an_edit():
    amara = record_data(BASE, "people", "amara-okafor")
    after = put_record(
        BASE, "people", {**amara, "leaving": dt.date(2027, 3, 31)}, replacing="amara-okafor"
    )
    again = put_record(
        after, "organisations", record_data(after, "organisations", "nbc"), replacing="nbc"
    )
    assert again.person_by_id["amara-okafor"].leaving == dt.date(2027, 3, 31)


def test_references_list_every_mention_of_a_person():
    assert references_to(BASE, "people", "ben-cole") == [
        Reference("meetings", "board", "board", "members")
    ]
    assert references_to(BASE, "people", "amara-okafor") == [
        Reference("meetings", "board", "board", "chairs")
    ]
    assert references_to(BASE, "organisations", "trust") == [
        Reference("people", "ben-cole", "ben-cole", "organisation")
    ]


def test_deleting_a_member_drops_them_from_the_meeting():
    after = delete_record(BASE, "people", "ben-cole")
    assert after.meeting_by_id["board"].members == () and len(after.people) == 1


def test_deleting_the_only_chair_is_refused_unless_the_chair_is_handed_on():
    with pytest.raises(InvalidMapError, match="chairs"):
        delete_record(BASE, "people", "amara-okafor")
    after = delete_record(BASE, "people", "amara-okafor", hand_to="ben-cole")
    assert after.meeting_by_id["board"].chairs == ("ben-cole",)
    assert after.meeting_by_id["board"].members == ()  # not both chair and member


def test_deleting_an_organisation_with_staff_asks_for_a_new_home():
    with pytest.raises(InvalidMapError, match="organisation"):
        delete_record(BASE, "organisations", "trust")
    after = delete_record(BASE, "organisations", "trust", hand_to="nbc")
    assert after.person_by_id["ben-cole"].organisation == "nbc"


def test_relationships_are_edited_by_position_and_go_with_their_ends():
    tied = put_record(BASE, "relationships", {"from": "nbc", "to": "trust", "kind": "funding"})
    assert len(tied.relationships) == 1
    changed = put_record(
        tied,
        "relationships",
        {"from": "nbc", "to": "trust", "kind": "funding", "depth": "collaborate"},
        replacing=0,
    )
    assert changed.relationships[0].depth == "collaborate"
    moved = delete_record(changed, "organisations", "trust", hand_to="nbc")
    assert moved.relationships == ()  # folded onto itself, so it went
    assert delete_record(changed, "relationships", 0).relationships == ()


def test_every_example_survives_an_edit_of_each_record_unchanged():
    for name in ["small.yaml", "county.yaml"]:
        p = parse_map((ROOT / "examples" / name).read_bytes())
        first = p.meetings[0].id
        assert put_record(p, "meetings", record_data(p, "meetings", first), first) == p


def test_a_new_map_is_empty_and_named():
    new = empty_map("Riverside Family Hubs")
    assert new.name == "Riverside Family Hubs" and new.people == ()


def test_every_record_of_the_examples_goes_through_its_form_unchanged():
    from mapper.forms import FORMS, record_from_values, widget_value

    for name in ["small.yaml", "county.yaml"]:
        p = parse_map((ROOT / "examples" / name).read_bytes())
        for section, fields in FORMS.items():
            for key in range(len(getattr(p, section))):
                record = record_data(p, section, key)
                shown = {f.name: widget_value(f, record.get(f.name)) for f in fields}
                back = record_from_values(section, shown)
                # a meeting's default length is written out by the form; the map is the same
                assert put_record(p, section, back, key) == p, (section, key)


def test_a_meeting_whose_chair_rotates_goes_through_its_form_and_an_unchaired_one_is_told():
    """`chairs: []` with `chair_rotates` is a meeting with no chair named now: the form and
    put_record left the empty list out, and the map was refused with "chairs: is missing"."""
    from mapper.forms import FORMS, record_from_values, widget_value

    rotating = parse_map(
        MINIMAL.replace("version: 1", "version: 2", 1)
        + "  - {id: forum, level: strategic, frequency: quarterly, chairs: [],"
        " chair_rotates: [nbc, trust], members: [amara-okafor]}\n"
    )
    record = record_data(rotating, "meetings", "forum")
    shown = {f.name: widget_value(f, record.get(f.name)) for f in FORMS["meetings"]}
    back = record_from_values("meetings", shown)
    assert back["chairs"] == [] and put_record(rotating, "meetings", back, "forum") == rotating
    with pytest.raises(InvalidMapError, match="a meeting needs a chair"):
        put_record(rotating, "meetings", {**back, "chair_rotates": []}, "forum")
