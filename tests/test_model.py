"""The model's own rules: immutability, derived figures, and integrity when built directly."""

from __future__ import annotations

import pydantic
import pytest

from mapper import Meeting, Partnership, parse_map
from mapper.model import times_a_year
from tests.conftest import MINIMAL


def test_records_are_immutable():
    partnership = parse_map(MINIMAL)
    with pytest.raises(pydantic.ValidationError):
        partnership.people[0].level = "family"  # type: ignore[misc]


def test_attendees_are_chairs_vice_chair_and_members_once_each():
    meeting = Meeting(
        id="m",
        level="operational",
        frequency="monthly",
        chairs=("a", "b"),
        vice_chair="c",
        members=("a", "d"),
    )
    assert meeting.attendees == {"a", "b", "c", "d"}


@pytest.mark.parametrize(
    "frequency, minutes, hours",
    [
        ("weekly", 60, 52),
        ("monthly", 90, 18),
        ("six_weekly", 60, 52 / 6),
        ("termly", 120, 6),
        ("ad_hoc", 60, 0),
        (10, 30, 5),
        (2.5, 60, 2.5),
    ],
)
def test_hours_a_year_follow_frequency_and_length(frequency, minutes, hours):
    meeting = Meeting(
        id="m", level="strategic", frequency=frequency, duration_minutes=minutes, chairs=("a",)
    )
    assert meeting.hours_a_year == pytest.approx(hours)
    assert times_a_year(frequency) * minutes / 60 == pytest.approx(hours)


def test_a_chair_cannot_also_be_vice_chair_or_listed_twice():
    with pytest.raises(pydantic.ValidationError, match="both a chair and the vice chair"):
        Meeting(id="m", level="strategic", frequency="monthly", chairs=("a",), vice_chair="a")
    with pytest.raises(pydantic.ValidationError, match="'a' is listed twice"):
        Meeting(id="m", level="strategic", frequency="monthly", chairs=("a", "a"))


def test_building_a_partnership_directly_applies_the_integrity_rules():
    """Forms build maps in code; they must meet the same rules as a file."""
    valid = parse_map(MINIMAL)
    people = (*valid.people, valid.people[0])
    with pytest.raises(pydantic.ValidationError, match="the id 'amara-okafor' is used twice"):
        Partnership(version=1, name="x", organisations=valid.organisations, people=people)
    with pytest.raises(pydantic.ValidationError, match="'ghost' is not declared as a person"):
        Partnership(
            version=1,
            name="x",
            organisations=valid.organisations,
            people=valid.people,
            meetings=[
                {"id": "m", "level": "strategic", "frequency": "monthly", "chairs": ["ghost"]}
            ],
        )


def test_a_person_cannot_be_their_own_deputy():
    text = MINIMAL.replace("level: operational}", "level: operational, deputy: ben-cole}")
    with pytest.raises(Exception, match="'ben-cole' cannot refer to itself"):
        parse_map(text)


def test_lookups_by_id_find_every_record():
    partnership = parse_map(MINIMAL)
    assert set(partnership.person_by_id) == {"amara-okafor", "ben-cole"}
    assert partnership.organisation_by_id["trust"].label == "trust"  # no name: the id shows
    assert partnership.organisation_by_id["nbc"].label == "Northbridge Council"


def test_a_copied_record_derives_afresh_from_its_new_fields():
    from tests.conftest import tiny_map

    p = tiny_map(
        {"a": "health", "b": "vcfs"},
        {"x": ("a", "operational"), "y": ("b", "operational")},
        {"m": ("operational", ["x", "y"])},
    )
    meeting = p.meetings[0]
    assert meeting.attendees == {"x", "y"} and p.organisations_present["m"] == ("a", "b")
    fewer = meeting.model_copy(update={"members": ()})
    assert fewer.attendees == {"x"}
    narrowed = p.model_copy(update={"meetings": (fewer,)})
    assert narrowed.organisations_present["m"] == ("a",)
    assert narrowed.meeting_by_id["m"] is fewer
