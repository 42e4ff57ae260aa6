"""AppTest for the workshop's add panel (pages/entry.py) on the Edit and Map pages: a person
with their meetings and a meeting with its chair and members in one form each, a refusal
said beside its field with what was typed kept, undo and redo saying what they do, and
saving on one click or automatically (refused over someone else's newer save, and said)."""

from __future__ import annotations

from pathlib import Path

from mapper import parse_map
from mapper.workspace import open_map
from tests.conftest import MINIMAL, shown
from tests.test_app import app, button, by_label, map_data, session

ATTENDS, CHAIRS = "Meetings they attend, as a member", "Meetings they chair"


def drawn_ids(at) -> set[str]:
    """The ids of the nodes the Map page's map draws."""
    return {n["id"] for n in map_data(at)["nodes"]}


def add_sam(at, meetings=("board",), organisation="trust", name="Sam Patel"):
    by_label(at.text_input, "Person's name").set_value(name)
    if organisation:
        by_label(at.selectbox, "Their organisation").set_value(organisation)
    by_label(at.multiselect, ATTENDS).set_value(list(meetings))
    button(at, "Add this person").click()
    at.run()
    assert not at.exception, at.exception


def test_a_person_is_added_with_two_meetings_and_undone_and_redone():
    at = app("pages/edit.py")  # the county example
    county = at.session_state["app"].partnership
    add_sam(at, meetings=("best-start-board", "send-board"), organisation="hcc-family-hubs")
    state = at.session_state["app"]
    assert [shown(s.value) for s in at.success] == ["Added Sam Patel (sam-patel), in 2 meetings."]
    sam = state.partnership.person_by_id["sam-patel"]
    assert (sam.organisation, sam.level) == ("hcc-family-hubs", "operational")
    assert "sam-patel" in state.partnership.meeting_by_id["best-start-board"].members
    assert "sam-patel" in state.partnership.meeting_by_id["send-board"].members
    assert by_label(at.text_input, "Person's name").value == ""  # cleared for the next
    assert by_label(at.multiselect, ATTENDS).value == []
    assert state.unsaved and state.store.drafts()  # kept as a draft at once
    button(at, "↶ Undo: add Sam Patel").click()
    at.run()
    assert at.session_state["app"].partnership == county
    button(at, "↷ Redo: add Sam Patel").click()
    at.run()
    assert "sam-patel" in at.session_state["app"].partnership.person_by_id
    assert button(at, "↷ Nothing to redo").disabled


def test_a_refused_person_is_said_beside_the_field_and_what_was_typed_is_kept():
    at = app("pages/edit.py", session(parse_map(MINIMAL)))
    add_sam(at, organisation=None)
    assert [shown(e.value) for e in at.error] == [
        "Choose their organisation: only family representatives belong to none."
    ]
    assert by_label(at.text_input, "Person's name").value == "Sam Patel"  # kept
    assert by_label(at.multiselect, ATTENDS).value == ["board"]
    assert "sam-patel" not in at.session_state["app"].partnership.person_by_id
    by_label(at.selectbox, "Their organisation").set_value("trust")
    button(at, "Add this person").click()
    at.run()
    assert not at.error and "sam-patel" in at.session_state["app"].partnership.person_by_id


def test_a_chair_seat_beyond_two_co_chairs_is_refused_beside_the_chairs():
    co_chaired = MINIMAL.replace("chairs: [amara-okafor]", "chairs: [amara-okafor, ben-cole]")
    at = app(
        "pages/edit.py", session(parse_map(co_chaired.replace("    members: [ben-cole]\n", "")))
    )
    by_label(at.text_input, "Person's name").set_value("Sam Patel")
    by_label(at.selectbox, "Their organisation").set_value("trust")
    by_label(at.multiselect, CHAIRS).set_value(["board"])
    button(at, "Add this person").click()
    at.run()
    assert [shown(e.value) for e in at.error] == [
        "board has two co-chairs already: seat them as a member, or change its chairs on the "
        "Edit page."
    ]


def test_a_meeting_is_added_with_its_chair_and_members():
    at = app("pages/edit.py", session(parse_map(MINIMAL)))
    by_label(at.text_input, "Meeting name").set_value("Early Help Group")
    by_label(at.selectbox, "Who chairs it").set_value("ben-cole")
    by_label(at.multiselect, "Who attends, as members").set_value(["amara-okafor"])
    by_label(at.selectbox, "Reports to (optional)").set_value("board")
    button(at, "Add this meeting").click()
    at.run()
    assert not at.exception and not at.error
    group = at.session_state["app"].partnership.meeting_by_id["early-help-group"]
    assert (group.chairs, group.members, group.reports_to) == (
        ("ben-cole",),
        ("amara-okafor",),
        ("board",),
    )
    assert (group.level, group.frequency) == ("operational", "monthly")  # the defaults
    assert button(at, "↶ Undo: add the meeting Early Help Group")
    assert (
        shown(at.success[0].value)
        == "Added the meeting Early Help Group (early-help-group), 2 seated."
    )


def test_a_meeting_with_no_chair_is_refused_beside_the_chair():
    at = app("pages/edit.py", session(parse_map(MINIMAL)))
    by_label(at.text_input, "Meeting name").set_value("Early Help Group")
    button(at, "Add this meeting").click()
    at.run()
    assert [shown(e.value) for e in at.error] == ["Choose who chairs it."]
    assert by_label(at.text_input, "Meeting name").value == "Early Help Group"


def test_the_map_page_adds_beside_the_map_and_draws_the_person(tmp_path: Path):
    at = app("pages/map.py", session(parse_map(MINIMAL), workspace=tmp_path))
    by_label(at.segmented_control, "View").set_value("people")
    by_label(at.selectbox, "Focus on (the people view)").set_value("").run()  # everyone
    assert "sam-patel" not in drawn_ids(at)
    add_sam(at)
    assert "sam-patel" in drawn_ids(at)  # the map drawn again, with him
    # saved on one click: a new map becomes a file in the workspace
    next(b for b in at.button if b.label.startswith("💾 Save to ")).click()
    at.run()
    assert any("Saved test-partnership.yaml" in shown(s.value) for s in at.success)
    assert "sam-patel" in open_map(tmp_path / "test-partnership.yaml").partnership.person_by_id


def test_autosave_saves_each_change_and_stops_and_says_so_over_a_newer_save(tmp_path: Path):
    target = tmp_path / "ours.yaml"
    target.write_text(MINIMAL, encoding="utf-8")
    at = app("pages/map.py", session(file=target, workspace=tmp_path))
    by_label(at.toggle, "Save every change automatically").set_value(True)
    at.run()
    add_sam(at)
    assert "sam-patel" in open_map(target).partnership.person_by_id  # saved at once
    assert any(shown(c.value).startswith("Saved to ours.yaml at ") for c in at.caption)
    assert not [b for b in at.button if b.label.startswith("💾 Save to ")]  # nothing to click
    theirs = MINIMAL.replace("Test partnership", "Theirs")
    target.write_text(theirs, encoding="utf-8")  # someone else saves meanwhile
    add_sam(at, name="Cara Doyle")
    assert target.read_text(encoding="utf-8") == theirs  # never saved over
    [error] = [shown(e.value) for e in at.error]
    assert "changed by someone else" in error and "kept as a draft" in error
    assert by_label(at.toggle, "Save every change automatically").value is False
    state = at.session_state["app"]
    assert not state.autosave and state.unsaved
    assert "cara-doyle" in state.store.drafts()[0].partnership().person_by_id
