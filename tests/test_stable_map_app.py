"""The stable map in the app (issue 14): a drag is an ordinary change, saved with the map; an
edit keeps the picture the room has seen; what changed since a snapshot is listed."""

from __future__ import annotations

from pathlib import Path

import pytest

from mapper import load_map
from mapper.app_state import AppState
from mapper.model import Person
from mapper.render.network import layout
from mapper.store import FolderStore

COUNTY = Path(__file__).resolve().parent.parent / "examples" / "county.yaml"


@pytest.fixture
def state(tmp_path: Path) -> AppState:
    store = FolderStore(tmp_path)
    store.save("county.yaml", load_map(COUNTY), None)
    opened = store.open("county.yaml")
    session = AppState(store=store)
    session.show(
        opened.partnership, "county.yaml", store=store, name="county.yaml", version=opened.version
    )
    return session


def drawn(state: AppState, view: str) -> dict[str, tuple[float, float]]:
    """What the Map page does to draw `view` (pages/session.py `positions`)."""
    found = state.shared(f"positions:{view}", lambda analysis: layout(analysis, view))
    state.drawn_positions[view] = found
    return found


def test_a_dragged_node_is_an_unsaved_change_kept_as_a_draft_and_saved(state: AppState):
    before = drawn(state, "people")
    person = state.partnership.people[0].id
    state.move("people", person, 1234.56, -78.9)
    assert state.unsaved and state.partnership.layout.people[person] == (1234.6, -78.9)
    assert state.partnership.version == 2
    (draft,) = state.store.drafts()
    assert draft.partnership().layout.people[person] == (1234.6, -78.9)
    # every other node of the view drawn is kept in the map where it was
    after = drawn(state, "people")
    assert {k: v for k, v in after.items() if k != person} == {
        k: v for k, v in before.items() if k != person
    }
    state.save()
    assert not state.unsaved and not state.store.drafts()
    reopened = state.store.open("county.yaml").partnership
    assert reopened.layout.people[person] == (1234.6, -78.9)
    assert layout(reopened, "people") == after  # the next workshop opens on this picture


def test_a_drop_where_the_node_is_or_a_bad_number_changes_nothing(state: AppState):
    where = drawn(state, "governance")
    meeting = state.partnership.meetings[0].id
    state.move("governance", meeting, *where[meeting])
    state.move("governance", "no-such-meeting", 1, 2)  # dropped by the map: nothing moved
    assert not state.unsaved
    state.move("governance", meeting, float("nan"), 2)
    state.move("governance", meeting, 1e9, 2)
    assert not state.unsaved and state.partnership.layout.governance == {}


def test_an_edit_keeps_the_picture_drawn_before_it(state: AppState):
    before = drawn(state, "people")
    p = state.partnership
    newcomer = Person(id="newcomer", organisation=p.organisations[0].id, level="operational")
    state.change(p.with_sections(people=(*p.people, newcomer)))
    after = drawn(state, "people")
    assert {k: after[k] for k in before} == before and "newcomer" in after


def test_the_snapshot_is_the_map_as_opened_until_one_is_taken(state: AppState):
    opened = state.partnership
    assert state.snapshot is opened and state.snapshot_taken is None
    p = opened
    state.change(p.with_sections(people=(*p.people, Person(id="x1", level="family"))))
    assert state.snapshot is opened
    state.take_snapshot()
    assert state.snapshot is state.partnership and state.snapshot_taken is not None
