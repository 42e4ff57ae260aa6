"""The workshop's add panel: one form adds a person with the meetings they sit in, one adds a
meeting with its chair and members; undo and redo of the last changes; saving to the
workspace on one click, or automatically. The Edit page shows it, and the Map page can show
it beside the map in one line: ``add_panel(compact=True)``.

Each form is a Streamlit form, so typing reruns nothing and Enter in a text box submits it;
the pickers search by name as one types. A refusal keeps what was typed and says what is
wrong beside the field; an entry taken clears the form for the next.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from mapper.app_state import AppState
from mapper.edit import EntryRefused, Seat, add_meeting, add_person
from mapper.forms import pick_options
from mapper.model import FREQUENCY_WORDS, Level, MeetingLevel, allowed_values
from mapper.render.text import escape_markdown
from mapper.vocabulary import readable
from pages.session import app, current_map, set_widget, widget

PERSON, MEETING = "add_person:", "add_meeting:"


def add_panel(compact: bool = False, save_button: bool = True, where: Any = None) -> None:
    """Undo and redo, the saving switch, and the two forms, drawn in `where` (a container,
    such as `st.sidebar`; by default here). `compact`: one column (beside the map);
    `save_button`: offer "Save" here (the Edit page has its own save panel)."""
    partnership, state = current_map(), app()
    with where if where is not None else st.container():
        st.subheader("Add to the map")
        if not compact:  # beside the map, the forms come first, under the fold the rest
            undo_bar(state, compact)
            saving(state, save_button)
        if state.entry_note:
            st.success(escape_markdown(state.entry_note))
            state.entry_note = None
        person, meeting = st.tabs(["➕ Add a person", "➕ Add a meeting"])
        with person:
            _person_form(partnership, state, compact)
        with meeting:
            _meeting_form(partnership, state, compact)
        if compact:
            undo_bar(state, compact)
            saving(state, save_button)


def undo_bar(state: AppState, compact: bool = False) -> None:
    """ "Undo: add Sam Patel" and "Redo: ...", each saying what it will do."""
    left, right = (st.container(), st.container()) if compact else st.columns(2)
    undo, redo = state.can_undo, state.can_redo
    left.button(
        f"↶ Undo: {undo}" if undo else "↶ Nothing to undo",
        on_click=state.undo,
        disabled=undo is None,
        key="entry_undo",
        width="stretch",
    )
    right.button(
        f"↷ Redo: {redo}" if redo else "↷ Nothing to redo",
        on_click=state.redo,
        disabled=redo is None,
        key="entry_redo",
        width="stretch",
    )


def saving(state: AppState, save_button: bool = True) -> None:
    """The switch between saving on one click and saving every change at once, and where
    the changes are: saved, or kept as a draft that survives a reload."""
    if widget("entry_autosave") != state.autosave:  # turned off by a refused save
        set_widget("entry_autosave", state.autosave, keep=False)
    st.toggle(
        "Save every change automatically",
        key="entry_autosave",
        on_change=lambda: state.set_autosave(bool(widget("entry_autosave"))),
        help="Each change is saved to the workspace at once, keeping the version it replaces; "
        "a save over someone else's newer one is refused, and saving stops to say so.",
    )
    note = state.autosave_note
    if note is not None and note.kind == "error":
        st.error(escape_markdown(note.message))
    elif state.autosave and note is not None:
        st.caption(escape_markdown(note.message))
    elif state.unsaved:
        st.caption("Changes are kept as a draft, which survives a reload: save to keep them.")
    if save_button and not state.autosave:
        store, target = state.save_target()
        st.button(
            f"💾 Save to {target}",
            help=f"Saved in {store.location(target)}, keeping the version it replaces.",
            on_click=state.save,
            disabled=not state.unsaved and state.stored,
            key="entry_save",
        )
        outcome = state.save_outcome
        if outcome is not None:
            state.save_outcome = None
            (st.success if outcome.kind == "success" else st.error)(
                escape_markdown(outcome.message)
            )


def _messages(state: AppState, form: str, field: str) -> None:
    for message in state.edit_errors.get(form, {}).get(field, []):
        st.error(escape_markdown(message))  # it may quote what was typed


def _person_form(partnership: Any, state: AppState, compact: bool) -> None:
    organisations = pick_options(partnership, "organisations")
    meetings = pick_options(partnership, "meetings")
    levels = allowed_values(Level)
    with st.form("entry_person", border=not compact):
        left, right = (st.container(), st.container()) if compact else st.columns(2)
        with left:
            st.text_input("Person's name", key=PERSON + "name", placeholder="First and last name")
            _messages(state, PERSON, "name")
            st.selectbox(
                "Their organisation",
                list(organisations),
                index=None,
                format_func=organisations.get,
                placeholder="Type to search organisations",
                key=PERSON + "organisation",
            )
            _messages(state, PERSON, "organisation")
            st.radio(
                "Their level",
                levels,
                index=levels.index("operational"),
                format_func=readable,
                horizontal=True,
                key=PERSON + "level",
            )
            _messages(state, PERSON, "level")
            st.text_input("Job title or post (optional)", key=PERSON + "title")
            _messages(state, PERSON, "title")
        with right:
            st.multiselect(
                "Meetings they attend, as a member",
                list(meetings),
                format_func=meetings.get,
                placeholder="Type to search meetings",
                select_all=False,  # Enter takes the first match, not every match
                key=PERSON + "meetings",
            )
            _messages(state, PERSON, "meetings")
            st.multiselect(
                "Meetings they chair",
                list(meetings),
                format_func=meetings.get,
                placeholder="Type to search meetings",
                select_all=False,
                key=PERSON + "chairs",
            )
            _messages(state, PERSON, "chairs")
        _messages(state, PERSON, "")
        st.form_submit_button("Add this person", type="primary", on_click=_add_person)


def _add_person() -> None:
    state = app()
    seats: dict[str, Seat] = {m: "member" for m in widget(PERSON + "meetings") or []}
    seats |= {m: "chair" for m in widget(PERSON + "chairs") or []}
    person = {f: widget(PERSON + f) for f in ("name", "organisation", "level", "title")}
    try:
        added = add_person(current_map(), person, seats)
    except EntryRefused as refused:
        state.edit_errors[PERSON] = refused.messages
        return
    state.change(added.partnership, added.change)
    state.edit_errors.pop(PERSON, None)
    _clear(PERSON, {"name": "", "organisation": None, "title": "", "meetings": [], "chairs": []})
    where = f", in {len(seats)} meeting{'' if len(seats) == 1 else 's'}" if seats else ""
    state.entry_note = state.say(
        f"Added {person['name'].strip()} ({state.shown_id(added.id)}){where}."
    )


def _clear(form: str, empty: dict[str, Any]) -> None:
    """Empty a form taken, for the next entry (the level and how often are left as they
    were: the next is often alike). Setting each value, not dropping it, is what the
    browser's widgets follow."""
    for field, value in empty.items():
        set_widget(form + field, value, keep=False)


def _meeting_form(partnership: Any, state: AppState, compact: bool) -> None:
    people = pick_options(partnership, "people")
    meetings = pick_options(partnership, "meetings")
    levels = allowed_values(MeetingLevel)
    frequencies = list(FREQUENCY_WORDS)
    with st.form("entry_meeting", border=not compact):
        left, right = (st.container(), st.container()) if compact else st.columns(2)
        with left:
            st.text_input("Meeting name", key=MEETING + "name", placeholder="The name it goes by")
            _messages(state, MEETING, "name")
            st.radio(
                "Meeting level",
                levels,
                index=levels.index("operational"),
                format_func=readable,
                horizontal=True,
                key=MEETING + "level",
            )
            _messages(state, MEETING, "level")
            st.selectbox(
                "How often it meets",
                frequencies,
                index=frequencies.index("monthly"),
                format_func=readable,
                key=MEETING + "frequency",
            )
            _messages(state, MEETING, "frequency")
            st.selectbox(
                "Reports to (optional)",
                list(meetings),
                index=None,
                format_func=meetings.get,
                placeholder="Type to search meetings",
                key=MEETING + "reports_to",
            )
            _messages(state, MEETING, "reports_to")
        with right:
            st.selectbox(
                "Who chairs it",
                list(people),
                index=None,
                format_func=people.get,
                placeholder="Type to search people",
                key=MEETING + "chair",
            )
            _messages(state, MEETING, "chair")
            st.multiselect(
                "Who attends, as members",
                list(people),
                format_func=people.get,
                placeholder="Type to search people",
                select_all=False,
                key=MEETING + "members",
            )
            _messages(state, MEETING, "members")
        _messages(state, MEETING, "")
        st.form_submit_button("Add this meeting", type="primary", on_click=_add_meeting)


def _add_meeting() -> None:
    state = app()
    fields = ("name", "level", "frequency", "chair", "members", "reports_to")
    meeting = {f: widget(MEETING + f) for f in fields}
    try:
        added = add_meeting(current_map(), meeting)
    except EntryRefused as refused:
        state.edit_errors[MEETING] = refused.messages
        return
    state.change(added.partnership, added.change)
    state.edit_errors.pop(MEETING, None)
    _clear(MEETING, {"name": "", "chair": None, "members": [], "reports_to": None})
    seats = 1 + len([m for m in meeting["members"] or [] if m != meeting["chair"]])
    state.entry_note = state.say(
        f"Added the meeting {meeting['name'].strip()} ({state.shown_id(added.id)}), {seats} seated."
    )
