"""Names hidden for the wall (issue 14): each person shown by post or initials everywhere the
map goes, and an edit made so taken back to the real map with nothing lost
(`mapper.pseudonyms`, `AppState.names`)."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mapper import dump_map, parse_map
from mapper.analysis import Analysis
from mapper.app_state import AppState
from mapper.decisions import decide
from mapper.diagnosis import diagnose
from mapper.edit import add_person, delete_record, put_record, record_data
from mapper.load import read_map_file
from mapper.model import Partnership
from mapper.pseudonyms import hide, initials, mask_of, restore
from mapper.render.network import layout
from mapper.store import FolderStore
from tests.conftest import ROOT
from tests.strategies import partnerships

COUNTY = ROOT / "examples" / "county.yaml"
SMALL = ROOT / "examples" / "small.yaml"


def county() -> Partnership:
    return parse_map(read_map_file(COUNTY), filename=COUNTY.name)


BOARD = "  - {id: board, level: strategic, frequency: monthly, chairs: [sam-patel]}\n"


def small_map(people: str, meetings: str = BOARD) -> Partnership:
    return parse_map(
        "version: 2\nname: Test\norganisations:\n"
        "  - {id: nbc, name: Northbridge Council, sector: local_authority}\n"
        "  - {id: trust, name: Riverside Trust, sector: health}\n"
        f"people:\n{people}meetings:\n{meetings}"
    )


SAM = "  - {id: sam-patel, name: Sam Patel, organisation: nbc, level: strategic, title: Director}\n"


# What the wall calls each person


def test_a_post_is_the_title_and_one_held_in_two_organisations_says_which():
    p = small_map(
        SAM
        + "  - {id: jo, name: Jo Reed, organisation: trust, level: operational, title: Director}\n"
        "  - {id: al, name: Al Gray, organisation: nbc, level: practitioner}\n"
        "  - {id: bo, name: Bo Hill, organisation: nbc, level: practitioner}\n"
        "  - {id: mum, name: Ann Lee, level: family}\n"
        "  - {id: post, title: Head of Early Help, organisation: nbc, level: operational, "
        "vacant: true}\n"
    )
    mask = mask_of(p, "posts")
    assert dict(mask.labels) == {
        "sam-patel": "Director, Northbridge Council",
        "jo": "Director, Riverside Trust",
        "al": "Practitioner at Northbridge Council",
        "bo": "Practitioner at Northbridge Council (2)",  # no title to tell them apart
        "mum": "Family representative",
        "post": "Head of Early Help",  # a vacant post is its post, with no one's name
    }
    assert mask.ids["bo"] == "practitioner-at-northbridge-council-2"


def test_initials_are_numbered_when_two_share_them_and_a_post_keeps_its_title():
    p = small_map(
        SAM + "  - {id: sp, name: Sita Prasad, organisation: nbc, level: operational}\n"
        "  - {id: post, title: Head of Early Help, organisation: nbc, level: operational, "
        "vacant: true}\n"
    )
    mask = mask_of(p, "initials")
    assert dict(mask.labels) == {"sam-patel": "SP", "sp": "SP (2)", "post": "Head of Early Help"}
    # The second's id would be 'sp', but that is the first's: ids are unique in the map.
    assert mask.ids == {"sam-patel": "sp", "sp": "sp-2", "post": "head-of-early-help"}
    assert initials("Mary-Jane O'Neill") == "MJON"
    assert initials("Zoë Ünal") == "ZÜ"


def test_an_id_never_takes_one_of_another_record():
    p = small_map(SAM)
    mask = mask_of(p, "posts")
    taken = {"nbc", "trust", "board"}
    assert not taken & set(mask.ids.values())
    q = small_map(
        "  - {id: sam-patel, name: Sam Patel, organisation: nbc, level: strategic, title: Board}\n"
    )
    assert mask_of(q, "posts").ids["sam-patel"] == "board-2"  # 'board' is the meeting's


def test_names_in_free_text_are_replaced_as_whole_words_and_a_one_word_name_only_as_written():
    p = small_map(
        SAM + "  - {id: will, name: Will, organisation: nbc, level: operational}\n",
        "  - id: board\n    level: strategic\n    frequency: monthly\n    chairs: [sam-patel]\n"
        "    purpose: SAM PATEL and Will agree what will change; Samuel Patelski is someone "
        "else; ask sam-patel.\n",
    )
    hidden = hide(p, mask_of(p, "posts"))
    assert hidden.meetings[0].purpose == (
        "Director and Operational at Northbridge Council agree what will change; Samuel "
        "Patelski is someone else; ask Director."
    )


def test_the_hidden_map_has_no_name_of_the_real_one_and_the_same_analysis():
    real = county()
    mask = mask_of(real, "posts")
    hidden = hide(real, mask)
    text = dump_map(hidden)
    assert [p.name for p in real.people if p.name and p.name in text] == []
    words = set(re.findall(r"[\w-]+", text))  # an id, or a part of a longer one, is no name
    assert [p.id for p in real.people if p.id != mask.ids[p.id] and p.id in words] == []
    before, after = Analysis(real), Analysis(hidden)
    kinds = Counter((f.kind, f.severity) for f in diagnose(before).findings)
    assert Counter((f.kind, f.severity) for f in diagnose(after).findings) == kinds
    for view in ("organisations", "people", "governance"):  # the wall sees the same picture
        drawn, seen = layout(before, view), layout(after, view)
        assert {mask.shown_id(k): v for k, v in drawn.items()} == seen, view


def test_an_earlier_version_calls_the_people_still_here_as_the_open_map_does():
    real = county()
    chairing = {c for m in real.meetings for c in m.chairs}
    gone = next(p for p in real.people if p.id not in chairing)
    now = delete_record(real, "people", gone.id)
    both = mask_of(now, "posts", real)
    alone = mask_of(now, "posts")
    assert {k: both.labels[k] for k in alone.labels} == dict(alone.labels)
    assert {k: both.ids[k] for k in alone.ids} == dict(alone.ids)
    assert gone.id in both.labels and gone.id not in alone.labels


# Edits made with the names hidden, taken back to the real map


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(partnerships(), st.sampled_from(["posts", "initials"]))
def test_hiding_and_taking_back_an_untouched_map_gives_the_map(p: Partnership, mode):
    mask = mask_of(p, mode)
    hidden = hide(p, mask)
    assert restore(p, mask, hidden, hidden.model_copy()).partnership == p
    assert len(hidden.people) == len(p.people)
    assert len(set(mask.ids.values())) == len(p.people)  # one id each, none shared
    assert [len(m.attendees) for m in hidden.meetings] == [len(m.attendees) for m in p.meetings]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(partnerships(), st.sampled_from(["posts", "initials"]), st.data())
def test_a_person_added_with_names_hidden_is_added_to_the_real_map(p: Partnership, mode, data):
    mask = mask_of(p, mode)
    hidden = hide(p, mask)
    meeting = data.draw(st.sampled_from([None, *[m.id for m in p.meetings]]))
    seats = {meeting: "member"} if meeting else {}
    person = {"name": "Zed Quinn", "organisation": p.organisations[0].id, "level": "operational"}
    added = add_person(hidden, person, seats)
    restored = restore(p, mask, hidden, added.partnership)
    real_id = restored.real_id(added.id)
    expected = add_person(p, {**person, "id": real_id}, seats).partnership
    assert restored.partnership == expected


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(partnerships(), st.sampled_from(["posts", "initials"]), st.data())
def test_a_person_deleted_with_names_hidden_is_deleted_from_the_real_map(p, mode, data):
    mask = mask_of(p, mode)
    hidden = hide(p, mask)
    gone = data.draw(st.sampled_from([x.id for x in p.people]))
    try:
        expected = delete_record(p, "people", gone)
    except Exception:  # a meeting left with no chair: the page says so, nothing changes
        return
    changed = delete_record(hidden, "people", mask.ids[gone])
    assert restore(p, mask, hidden, changed).partnership == expected


def test_a_field_changed_with_names_hidden_is_taken_as_typed_and_the_rest_comes_back():
    real = small_map(SAM + "  - {id: jo, name: Jo Reed, organisation: trust, level: operational}\n")
    mask = mask_of(real, "posts")
    hidden = hide(real, mask)
    shown_id = mask.ids["sam-patel"]
    record = record_data(hidden, "people", shown_id)
    retitled = put_record(hidden, "people", {**record, "title": "Chief Executive"}, shown_id)
    back = restore(real, mask, hidden, retitled).partnership
    assert back.person_by_id["sam-patel"].name == "Sam Patel"  # the name was not touched
    assert back.person_by_id["sam-patel"].title == "Chief Executive"
    renamed = put_record(hidden, "people", {**record, "name": "Samir Patel"}, shown_id)
    assert restore(real, mask, hidden, renamed).partnership.person_by_id["sam-patel"].name == (
        "Samir Patel"
    )


def test_a_decision_made_with_names_hidden_is_about_the_real_people():
    real = small_map(SAM + "  - {id: jo, name: Jo Reed, organisation: trust, level: operational}\n")
    mask = mask_of(real, "posts")
    hidden = hide(real, mask)
    decided = decide(
        hidden, "sole_representative", (mask.ids["jo"],), "set_aside", "Jo Reed sits by design"
    )
    back = restore(real, mask, hidden, decided).partnership
    (decision,) = back.decisions
    assert decision.subjects == ("jo",)
    assert decision.reason == "Jo Reed sits by design"  # typed with the names hidden: as typed
    assert hide(back, mask_of(back, "posts")).decisions[0].reason == (
        "Operational at Riverside Trust sits by design"
    )


def test_a_new_id_that_is_a_hidden_persons_real_id_gets_another():
    real = small_map(SAM)
    mask = mask_of(real, "posts")
    hidden = hide(real, mask)
    person = {"name": "Sam Patel", "organisation": "trust", "level": "family"}
    added = add_person(hidden, person, {})
    assert added.id == "sam-patel"  # free in the hidden map, but the real Sam Patel's
    restored = restore(real, mask, hidden, added.partnership)
    assert restored.real_id("sam-patel") == "sam-patel-2"
    assert [p.id for p in restored.partnership.people] == ["sam-patel", "sam-patel-2"]


# The app's state: the pages see the hidden map, the store gets the real one


def test_the_app_shows_the_hidden_map_and_saves_drafts_and_undoes_the_real_one(tmp_path: Path):
    real = county()
    state = AppState(store=FolderStore(tmp_path))
    state.show(real, "the county example", name="county.yaml")
    first = real.people[0]
    state.highlight = (first.id,)
    renamed = state.hide_names("posts")
    shown = state.shown
    assert shown is not None and shown is not real
    assert state.highlight == (renamed(first.id),) != (first.id,)
    assert state.analysis().partnership is shown
    org, meeting = shown.organisations[0].id, shown.meetings[0].id
    person = {"name": "Zed Quinn", "organisation": org, "level": "operational"}
    added = add_person(shown, person, {meeting: "member"})
    state.change(added.partnership, added.change)
    assert state.partnership.person_by_id["zed-quinn"].name == "Zed Quinn"  # the real map
    assert state.partnership.people[0] == first
    new_id = state.shown_id(added.id)
    assert state.shown.person_by_id[new_id].name == "Operational at Harrowdale County Council"
    assert "Zed Quinn" not in (state.can_undo or "")
    assert state.say("Added Zed Quinn") == "Added Operational at Harrowdale County Council"
    (draft,) = state.drafts_in.drafts()
    assert draft.partnership() == state.partnership
    changed = state.changes_since_snapshot()
    assert changed is not None and new_id in changed.touched
    state.save()
    assert "Zed Quinn" in (tmp_path / "county.yaml").read_text(encoding="utf-8")
    state.undo()
    assert state.partnership == real
    state.hide_names("names")
    assert state.shown is state.partnership


def test_a_node_dragged_with_names_hidden_keeps_its_place_in_the_real_map(tmp_path: Path):
    real = small_map(SAM)
    state = AppState(store=FolderStore(tmp_path))
    state.show(real, "test")
    state.hide_names("initials")
    state.move("people", state.shown.people[0].id, 120.0, -40.0)
    assert state.partnership.layout.people == {"sam-patel": (120.0, -40.0)}
    assert state.shown.layout.people == {"sp": (120.0, -40.0)}


def test_names_hidden_stay_hidden_for_the_next_map_and_a_day_later(tmp_path: Path):
    state = AppState(store=FolderStore(tmp_path))
    state.show(county(), "the county example")
    state.hide_names("initials")
    state.show(parse_map(read_map_file(SMALL), filename=SMALL.name), "the small example")
    assert state.names == "initials"
    shown = state.shown
    assert shown is not None
    assert not {p.name for p in state.partnership.people if p.name} & {p.name for p in shown.people}
    assert dt.date.today()  # the hidden map is not tied to a day: only the analysis is


@pytest.mark.parametrize("mode", ["posts", "initials"])
def test_the_hostile_map_hides_its_names_too(mode):
    hostile = ROOT / "tests" / "data" / "hostile.yaml"
    real = parse_map(read_map_file(hostile), filename=hostile.name)
    hidden = hide(real, mask_of(real, mode))
    text = dump_map(hidden)
    assert [p.name for p in real.people if p.name and len(p.name) > 3 and p.name in text] == []
