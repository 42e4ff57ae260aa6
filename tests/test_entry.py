"""Workshop entry in the storage layer: a person with their seats, a meeting with its chair
and members, in one go; ids made from names (a clash gets a suffix, never an error); each
refusal a message by the field it is about. The near misses beside each rule."""

from __future__ import annotations

import pytest

from mapper import parse_map
from mapper.edit import EntryRefused, add_meeting, add_person, new_id
from tests.conftest import MINIMAL

BASE = parse_map(MINIMAL)


def test_an_id_is_made_from_the_name():
    assert new_id(BASE, "Sam Patel", "person") == "sam-patel"
    assert new_id(BASE, "  Zoë O'Brien-Smith ", "person") == "zo-o-brien-smith"


def test_a_clashing_id_gets_a_suffix_across_every_section():
    assert new_id(BASE, "Amara Okafor", "person") == "amara-okafor-2"
    assert new_id(BASE, "Board", "meeting") == "board-2"  # a meeting's id, taken by a person
    assert new_id(BASE, "Trust", "person") == "trust-2"  # an organisation's id
    twice = add_person(
        BASE, {"name": "Amara Okafor", "organisation": "nbc", "level": "strategic"}, {}
    )
    assert twice.id == "amara-okafor-2"
    assert new_id(twice.partnership, "Amara Okafor", "person") == "amara-okafor-3"
    assert new_id(BASE, "Amara Okafo", "person") == "amara-okafo"  # near miss: no clash


def test_a_name_with_no_letter_for_an_id_is_called_after_its_kind():
    assert new_id(BASE, "李雷", "person") == "person"
    after = add_person(BASE, {"name": "李雷", "organisation": "trust", "level": "operational"}, {})
    assert new_id(after.partnership, "王芳", "person") == "person-2"


def test_a_person_is_added_with_a_seat_as_member_and_as_chair():
    two = parse_map(
        MINIMAL + "  - {id: steering, level: operational, frequency: monthly, chairs: [ben-cole]}\n"
    )
    added = add_person(
        two,
        {"name": "Sam Patel", "organisation": "trust", "level": "operational", "title": " "},
        {"board": "member", "steering": "chair"},
    )
    sam = added.partnership.person_by_id["sam-patel"]
    assert (added.id, sam.name, sam.title, added.change) == (
        "sam-patel",
        "Sam Patel",
        None,
        "add Sam Patel",
    )
    meetings = added.partnership.meeting_by_id
    assert meetings["board"].members == ("ben-cole", "sam-patel")
    assert meetings["board"].chairs == ("amara-okafor",)
    assert meetings["steering"].chairs == ("ben-cole", "sam-patel")  # a co-chair
    assert added.partnership.organisations == two.organisations
    assert added.partnership.people[:2] == two.people


def test_a_person_with_no_meeting_is_added_too():
    added = add_person(BASE, {"name": "Cara", "organisation": "trust", "level": "practitioner"}, {})
    assert added.partnership.meetings == BASE.meetings
    assert added.partnership.person_by_id["cara"].level == "practitioner"


def test_a_person_refused_gets_a_message_by_each_field():
    with pytest.raises(EntryRefused) as caught:
        add_person(BASE, {"name": " ", "organisation": "trust", "level": "operational"}, {})
    assert caught.value.messages == {"name": ["Type the person's name: their id is made from it."]}
    with pytest.raises(EntryRefused) as caught:
        add_person(BASE, {"name": "Cara", "organisation": "trsut", "level": "operational"}, {})
    assert set(caught.value.messages) == {"organisation"}
    assert "trust" in caught.value.messages["organisation"][0]  # did you mean
    with pytest.raises(EntryRefused) as caught:  # everyone but family belongs to one
        add_person(BASE, {"name": "Cara", "level": "operational"}, {})
    assert set(caught.value.messages) == {"organisation"}
    family = add_person(BASE, {"name": "Dee", "level": "family"}, {})  # the near miss
    assert family.partnership.person_by_id["dee"].organisation is None


def test_a_seat_that_cannot_be_had_is_refused_by_the_seats_field():
    with pytest.raises(EntryRefused) as caught:
        add_person(
            BASE,
            {"name": "Cara", "organisation": "trust", "level": "operational"},
            {"bored": "member"},
        )
    assert caught.value.messages == {"meetings": ["There is no meeting with the id 'bored'."]}
    co_chaired = parse_map(
        MINIMAL.replace("chairs: [amara-okafor]", "chairs: [amara-okafor, ben-cole]").replace(
            "    members: [ben-cole]\n", ""
        )
    )
    with pytest.raises(EntryRefused) as caught:
        add_person(
            co_chaired,
            {"name": "Cara", "organisation": "trust", "level": "operational"},
            {"board": "chair"},
        )
    assert list(caught.value.messages) == ["chairs"]
    assert "board has two co-chairs already" in caught.value.messages["chairs"][0]
    # near miss: a member of a meeting with two co-chairs is fine, and so is a second chair
    member = add_person(
        co_chaired,
        {"name": "Cara", "organisation": "trust", "level": "operational"},
        {"board": "member"},
    )
    assert member.partnership.meeting_by_id["board"].members == ("cara",)
    second = add_person(
        BASE, {"name": "Cara", "organisation": "trust", "level": "operational"}, {"board": "chair"}
    )
    assert second.partnership.meeting_by_id["board"].chairs == ("amara-okafor", "cara")


def test_a_meeting_is_added_with_its_chair_and_members():
    added = add_meeting(
        BASE,
        {
            "name": "Early Help Group",
            "level": "operational",
            "frequency": "monthly",
            "chair": "ben-cole",
            "members": ["amara-okafor", "ben-cole"],  # the chair is not a member too
            "reports_to": "board",
        },
    )
    group = added.partnership.meeting_by_id["early-help-group"]
    assert (group.chairs, group.members, group.reports_to) == (
        ("ben-cole",),
        ("amara-okafor",),
        ("board",),
    )
    assert group.duration_minutes == 60 and added.change == "add the meeting Early Help Group"
    assert added.partnership.people == BASE.people
    assert added.partnership.meetings[:1] == BASE.meetings


def test_a_meeting_refused_gets_a_message_by_each_field():
    meeting = {"name": "Group", "level": "operational", "frequency": "monthly", "chair": "ben-cole"}
    with pytest.raises(EntryRefused) as caught:
        add_meeting(BASE, {**meeting, "name": "", "chair": None})
    assert set(caught.value.messages) == {"name", "chair"}
    with pytest.raises(EntryRefused) as caught:
        add_meeting(BASE, {**meeting, "chair": "ben-col"})
    assert (
        list(caught.value.messages) == ["chair"] and "ben-cole" in caught.value.messages["chair"][0]
    )
    with pytest.raises(EntryRefused) as caught:
        add_meeting(BASE, {**meeting, "reports_to": "bord"})
    assert list(caught.value.messages) == ["reports_to"]
    with pytest.raises(EntryRefused) as caught:
        add_meeting(BASE, {**meeting, "frequency": "sometimes"})
    assert list(caught.value.messages) == ["frequency"]
    assert add_meeting(BASE, meeting).id == "group"  # the near miss: all of it right
    assert add_meeting(BASE, {**meeting, "name": "Board"}).id == "board-2"
