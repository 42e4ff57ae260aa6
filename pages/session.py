"""The pages' binding to Streamlit: the session's one `AppState` (`mapper.app_state`) kept in
`st.session_state`, and the few helpers that need Streamlit (widgets whose value outlives a
visit to another page, the "no map is open" stop, the save panel).

Pages read and change the session only through `app()` and these helpers; no page touches
`st.session_state` itself (a test holds this). Which store the workspace is (a folder today)
is decided here, once: pages use only the `mapper.store.Store` protocol.

Not a page itself: `streamlit_app.py` declares the pages with `st.navigation`.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from functools import partial
from pathlib import Path
from typing import Any

import streamlit as st

from mapper import MapperError, Partnership, dump_map, parse_map
from mapper.app_state import AppState, Pending, shared_map
from mapper.diagnosis import Diagnosis
from mapper.load import read_map_file
from mapper.pseudonyms import MODES
from mapper.render.network import MAX_NODES, layout
from mapper.render.text import escape_markdown
from mapper.store import FolderStore, Store

APP_DIR = Path(__file__).resolve().parent.parent
EXAMPLES = {
    "County example (Harrowdale, 300 people)": APP_DIR / "examples" / "county.yaml",
    "Small example (10 people)": APP_DIR / "examples" / "small.yaml",
}
DEFAULT_WORKSPACE = Path(os.environ.get("MAPPER_WORKSPACE", "maps"))
FIRST_EXAMPLE = "County example (Harrowdale, 300 people)"
STATE = "app"  # the one session key: everything else is a field of the AppState


def store_at(where: str | Path) -> Store:
    """The workspace store at `where` (a folder of map files)."""
    return FolderStore(where)


def app() -> AppState:
    """The session's state, made on its first run."""
    if STATE not in st.session_state:
        st.session_state[STATE] = AppState(store=store_at(DEFAULT_WORKSPACE))
    return st.session_state[STATE]


#: Our own constant CSS on every page. A picker of several (a multiselect) that has the focus
#: keeps room to type beside its last chip (51 px), so a long chip pushes the typing onto a
#: row of its own, which goes again when the focus leaves: whatever is below jumped up by
#: that row under the mouse, and the click on "Add this person" after picking meetings
#: landed on nothing. Kept as small when focused as when not, nothing below moves.
STEADY_PICKERS = (
    "<style>[data-testid='stMultiSelectTagsContainer'] input {min-width: 1ch !important;}</style>"
)


def start() -> None:
    """Every run: the first of a session opens the county example, nothing to configure."""
    st.html(STEADY_PICKERS)
    state = app()
    if not state.set_up:
        try:
            state.show(example(FIRST_EXAMPLE), "the county example", key=f"example:{FIRST_EXAMPLE}")
        except MapperError as error:
            state.show(None, "the county example", error=str(error))
    names_switch(st.sidebar, "names_mode")
    count = state.kept_draft_count()
    if count:  # on every page, so a reload on any page leads back to them
        st.sidebar.info(
            f"Unsaved changes are kept from {count} earlier session"
            f"{'' if count == 1 else 's'}: Home offers them back."
        )


def example(label: str) -> Partnership:
    """A bundled example (read-only: saving one makes a file in the workspace), read once
    for all the sessions that open it."""
    path = EXAMPLES[label]
    return shared_map(read_map_file(path), partial(parse_map, filename=path.name))


def example_pending(label: str) -> Pending:
    return Pending(example(label), label, key=f"example:{label}")


def through_the_app() -> None:
    """Send a page opened on its own back through `streamlit_app.py`.

    Streamlit runs the very first session of a fresh server, when it asks for a page such as
    /edit, straight from the `pages/` folder (its legacy multipage mode), before
    `st.navigation` has ever run: the page would find no map and a sidebar listing every
    file. A session the app set up always has its state set up, so its absence means the
    set-up was skipped; switching to the main script runs it.
    """
    if STATE not in st.session_state or not st.session_state[STATE].set_up:
        st.switch_page("streamlit_app.py")


def current_map() -> Partnership:
    """The map as the pages show it (names hidden, when the facilitator chose so), or a clear
    message (and the page stops) when none could be opened."""
    state = app()
    shown = state.shown
    if shown is None:
        st.error("No map is open.")
        if state.load_error:
            st.code(state.load_error, language=None)
        st.page_link("pages/home.py", label="Choose or start a map on the Home page")
        st.stop()
    return shown


# Names hidden for the wall


def names_switch(where: Any, key: str) -> None:
    """The switch between names and posts or initials, drawn in `where` (the sidebar, or the
    presentation bar): each place has its own widget, and both follow the state."""
    state = app()
    if st.session_state.get(key) != state.names:
        st.session_state[key] = state.names
    where.radio(
        "People are shown by",
        list(MODES),
        format_func=lambda mode: MODES[mode],
        key=key,
        on_change=_hide_names,
        args=(key,),
        help="For a room where not everyone should see everyone's name: posts or initials "
        "replace names on every page, in tables and in downloads. The map keeps the names "
        "and saves them.",
    )


def _hide_names(key: str) -> None:
    renamed = app().hide_names(st.session_state[key])
    for name in list(st.session_state):  # a person picked in a form stays picked
        if name == STATE or str(name).startswith("names_mode"):
            continue
        value = st.session_state[name]
        new = renamed(value)
        if new is not value and new != value:
            try:
                st.session_state[name] = new
            except st.errors.StreamlitAPIException:
                pass  # a button's or an upload's value cannot be set, nor holds a person


def current_diagnosis() -> Diagnosis:
    current_map()
    return app().diagnosis()


def positions(view: str) -> dict[str, tuple[float, float]]:
    """Where `view`'s nodes are drawn: the map's kept positions, and the rest placed without
    moving them (the same for every session showing this map). Remembered as drawn, so the
    next change keeps them in the map."""
    current_map()
    state = app()
    found = state.shared(f"positions:{view}", lambda analysis: layout(analysis, view))
    if len(found) <= MAX_NODES:  # a view too big to draw whole is not written into the map
        state.drawn_positions[view] = found
    return found


# Widgets whose value outlives a visit to another page


def kept(key: str, default: Any) -> dict[str, Any]:
    """Arguments for a widget whose value outlives a visit to another page.

    Streamlit forgets a widget's value when a run does not draw it, that is, on any other
    page. The value is also kept in the state (`AppState.kept`, cleared when another map
    opens): put back before the widget is drawn, and updated whenever the person changes it.
    Use as ``st.radio(..., **kept("k", default))``.
    """
    if key not in st.session_state:
        st.session_state[key] = app().kept.get(key, default)
    return {"key": key, "on_change": _remember, "args": (key,)}


def _remember(key: str) -> None:
    app().kept[key] = st.session_state[key]


def widget(key: str, default: Any = None) -> Any:
    """The value of this page's widget `key` (in a callback, the new value)."""
    return st.session_state.get(key, default)


def set_widget(key: str, value: Any, *, keep: bool = True) -> None:
    """Give this page's widget `key` a value before it is drawn (and keep it, see `kept`)."""
    st.session_state[key] = value
    if keep:
        app().kept[key] = value


def default_widget(key: str, value: Any) -> None:
    """Give this page's widget `key` its first value, unless it has one."""
    st.session_state.setdefault(key, value)


def forget_widgets(keys: Iterable[str] = (), prefix: str | None = None) -> None:
    """Drop what was chosen or typed in this page's widgets (`keys`, or those whose key
    starts with `prefix`), so they show what the map now holds."""
    kept_values = app().kept
    names = set(keys)
    if prefix is not None:
        names |= {k for k in [*st.session_state, *kept_values] if str(k).startswith(prefix)}
    for name in names:
        st.session_state.pop(name, None)
        kept_values.pop(name, None)


# Saving


def save_panel(name_key: str) -> None:
    """The "Save the map" section: save to the store (atomically, earlier versions kept,
    refused over someone else's change) or download the YAML."""
    partnership = current_map()
    state = app()
    st.header("Save the map")
    if state.unsaved:
        st.warning(
            "This map has changes that are not saved to a file yet. They are kept as "
            "a draft in the workspace until you save or discard them."
        )
    if state.draft_error:
        st.error(escape_markdown(state.draft_error))
    problem, name = None, None
    if state.map_name is None:
        st.caption(f"Not yet a file in the workspace ({escape_markdown(state.store.where)}).")
        name = st.text_input(
            "File name", value=state.store.name_for(partnership.name), key=name_key
        ).strip()
        problem = state.store.name_problem(name)
        if problem:
            st.error(f"Choose another file name: {escape_markdown(problem)}.")
            name = None
    store, target = state.save_target(name)
    st.button(
        f"Save to {escape_markdown(store.location(target))}",
        on_click=state.save,
        args=(name,),
        disabled=problem is not None or (not state.unsaved and state.stored),
    )
    outcome, state.save_outcome = state.save_outcome, None
    if outcome:
        (st.success if outcome.kind == "success" else st.error)(escape_markdown(outcome.message))
        if outcome.kind == "gone":
            st.button(
                "Save it again as a new file",
                on_click=state.save,
                args=(name,),
                kwargs={"as_new": True},
            )
    if state.names != "names":
        st.caption(
            f"People are shown by {MODES[state.names].split(',')[0].lower()}: the download "
            "holds them so, and the map saved here keeps their names."
        )
    st.download_button(
        "Download the map as YAML",
        partial(dump_map, partnership),  # written when clicked: 1.7 s on a 5,000-person map
        file_name=target,
        mime="application/x-yaml",
        on_click="ignore",  # no rerun, which can lose the file: tests/test_architecture.py
    )
    if state.stored and state.map_store is not None and state.map_name is not None:
        _earlier_versions(state, state.map_store, state.map_name, f"{name_key}_version")


def _earlier_versions(state: AppState, store: Store, name: str, key: str) -> None:
    """The versions a save replaced, and putting one back (itself kept in turn)."""
    history = store.history(name)
    if not history:
        return
    with st.expander(f"Earlier versions of {escape_markdown(name)} ({len(history)})"):
        shown = {
            v.id: v.saved_at.astimezone().strftime("replaced %d %b %Y at %H:%M:%S") for v in history
        }
        chosen = st.selectbox("Version", list(shown), format_func=shown.get, key=key)
        st.button(
            "Put this version back",
            on_click=state.restore_version,
            args=(chosen,),
            disabled=state.unsaved,
        )
        st.caption(
            "Save or discard the unsaved changes first."
            if state.unsaved
            else "The version open now is kept among the earlier versions, so this can be undone."
        )
