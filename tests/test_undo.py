"""Undo, redo and saving automatically, in the app state (mapper/app_state.py) without
Streamlit: every change can be taken back, exactly; each is kept as a draft; with autosave on
each is saved at once, and a save over someone else's newer one is refused and said."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mapper import dump_map, parse_map
from mapper.app_state import UNDO_STEPS, AppState
from mapper.edit import add_meeting, add_person
from mapper.store import FolderStore
from tests.conftest import MINIMAL

BASE = parse_map(MINIMAL)


def opened(folder: Path) -> AppState:
    store = FolderStore(folder)
    store.save("ours.yaml", BASE, None)
    found = store.open("ours.yaml")
    state = AppState(store=store)
    state.show(found.partnership, "ours.yaml", store=store, name="ours.yaml", version=found.version)
    return state


@pytest.fixture
def state(tmp_path: Path) -> AppState:
    return opened(tmp_path)


def sam(state: AppState, name: str = "Sam Patel") -> None:
    added = add_person(
        state.partnership,
        {"name": name, "organisation": "trust", "level": "operational"},
        {"board": "member"},
    )
    state.change(added.partnership, added.change)


def test_undo_says_what_it_takes_back_and_redo_makes_it_again(state: AppState):
    assert state.can_undo is None and state.can_redo is None
    sam(state)
    sam(state, "Cara Doyle")
    assert state.can_undo == "add Cara Doyle"
    state.undo()
    assert "cara-doyle" not in state.partnership.person_by_id
    assert state.can_undo == "add Sam Patel" and state.can_redo == "add Cara Doyle"
    state.redo()
    assert "cara-doyle" in state.partnership.person_by_id and state.can_redo is None
    state.undo()
    sam(state, "Dee")  # a new change after an undo: what was undone is gone for good
    assert state.can_redo is None and state.can_undo == "add Dee"


def test_undo_back_to_the_saved_map_has_nothing_unsaved_and_no_draft(state: AppState):
    sam(state)
    assert state.unsaved and len(state.store.drafts()) == 1
    state.undo()
    assert state.partnership == BASE and not state.unsaved
    assert state.store.drafts() == []
    state.redo()  # and redone, it is unsaved again, kept as a draft
    assert state.unsaved and state.store.drafts()[0].partnership() == state.partnership


def test_each_undo_is_kept_as_the_draft(state: AppState):
    sam(state)
    sam(state, "Cara Doyle")
    state.undo()
    [draft] = state.store.drafts()
    assert draft.partnership() == state.partnership
    assert "cara-doyle" not in draft.partnership().person_by_id


def test_undo_keeps_the_last_steps_only_and_another_map_starts_afresh(state: AppState):
    for n in range(UNDO_STEPS + 3):
        sam(state, f"Person {n}")
    assert len(state.undo_steps) == UNDO_STEPS
    assert state.undo_steps[0].change == "add Person 3"
    state.show(BASE, "another")
    assert state.can_undo is None and state.can_redo is None


def test_autosave_saves_every_change_and_undo_at_once(state: AppState):
    state.set_autosave(True)
    sam(state)
    assert not state.unsaved and state.store.drafts() == []
    assert "sam-patel" in state.store.open("ours.yaml").partnership.person_by_id
    assert state.autosave_note.kind == "success"
    assert state.autosave_note.message.startswith("Saved to ours.yaml at ")
    state.undo()
    assert state.store.open("ours.yaml").partnership == BASE
    assert len(state.store.history("ours.yaml")) == 2  # each save kept the version it replaced


def test_turning_autosave_on_saves_what_is_unsaved(state: AppState):
    sam(state)
    state.set_autosave(True)
    assert (
        not state.unsaved and "sam-patel" in state.store.open("ours.yaml").partnership.person_by_id
    )


def test_autosave_never_saves_over_someone_elses_newer_save(state: AppState):
    state.set_autosave(True)
    sam(state)
    theirs = parse_map(MINIMAL.replace("Test partnership", "Theirs"))
    state.store.save("ours.yaml", theirs, state.version)  # another session saves
    sam(state, "Cara Doyle")
    assert state.store.open("ours.yaml").partnership.name == "Theirs"  # theirs is kept
    assert not state.autosave and state.unsaved
    assert state.autosave_note.kind == "error"
    assert "changed by someone else" in state.autosave_note.message
    assert "kept as a draft" in state.autosave_note.message
    [draft] = state.store.drafts()  # and ours too
    assert "cara-doyle" in draft.partnership().person_by_id


def test_a_new_map_autosaved_becomes_a_file_in_the_workspace(tmp_path: Path):
    state = AppState(store=FolderStore(tmp_path))
    state.show(BASE, "the small example", key="example:small")
    state.set_autosave(True)
    sam(state)
    assert state.map_name == "test-partnership.yaml" and not state.unsaved
    assert "sam-patel" in state.store.open("test-partnership.yaml").partnership.person_by_id


# Any sequence of adds, undone, gives back the map exactly

PEOPLE = st.tuples(
    st.text(st.characters(codec="utf-8", categories=("L", "N", "Zs")), min_size=1, max_size=12),
    st.sampled_from(["trust", "nbc"]),
    st.sampled_from(["strategic", "operational", "practitioner"]),
    st.dictionaries(st.just("board"), st.sampled_from(["member", "chair"]), max_size=1),
)
MEETINGS = st.tuples(
    st.text(st.characters(codec="utf-8", categories=("L", "N", "Zs")), min_size=1, max_size=12),
    st.sampled_from(["amara-okafor", "ben-cole"]),
    st.lists(st.sampled_from(["amara-okafor", "ben-cole"]), max_size=2),
)
ADDS = st.lists(
    st.one_of(PEOPLE.map(lambda p: ("person", p)), MEETINGS.map(lambda m: ("meeting", m))),
    min_size=1,
    max_size=8,
)


@settings(max_examples=40, deadline=None)
@given(ADDS, st.booleans())
def test_undo_after_any_sequence_of_adds_gives_back_the_map_exactly(adds, save_each):
    with tempfile.TemporaryDirectory() as folder:
        state = opened(Path(folder))
        state.set_autosave(save_each)
        made = 0
        for kind, values in adds:
            current = state.partnership
            try:
                if kind == "person":
                    name, organisation, level, seats = values
                    added = add_person(
                        current, {"name": name, "organisation": organisation, "level": level}, seats
                    )
                else:
                    name, chair, members = values
                    added = add_meeting(
                        current,
                        {
                            "name": name,
                            "level": "operational",
                            "frequency": "monthly",
                            "chair": chair,
                            "members": members,
                            "reports_to": "board",
                        },
                    )
            except Exception as error:  # a refusal must be said as EntryRefused, and only so
                assert type(error).__name__ == "EntryRefused", error
                continue
            state.change(added.partnership, added.change)
            made += 1
        assert len(state.undo_steps) == made
        for _ in range(made):
            state.undo()
        assert state.partnership == BASE
        assert dump_map(state.partnership) == dump_map(BASE)
        assert not state.unsaved and state.store.drafts() == []
        assert state.store.open("ours.yaml").partnership == BASE
