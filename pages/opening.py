"""Home's parts for opening a map without losing anything: the question asked before another
map replaces one with unsaved changes, the drafts other sessions left, and the chooser (an
example, an upload, a workspace map, a new map). Not a page: `pages/home.py` draws them."""

from __future__ import annotations

import streamlit as st

from mapper import InvalidMapError, MapperError, parse_map
from mapper.app_state import Pending, draft_time
from mapper.edit import empty_map
from mapper.render.text import escape_markdown
from pages.session import EXAMPLES, app, example_pending, store_at

MOST_OFFERED = 3
CHOICES = [
    ("Save them first", "save", "primary"),
    ("Keep them as a draft", "keep", "secondary"),
    ("Discard them", "discard", "secondary"),
    ("Stay on this map", "cancel", "secondary"),
]


def _named(text: str) -> str:
    return f"**{escape_markdown(text)}**"


def ask_about_unsaved_changes() -> None:
    """When a map waits to open over unsaved changes: save, keep, discard, or stay."""
    state = app()
    if state.pending is None:
        return
    with st.container(border=True):
        st.warning(
            f"{_named(state.source or 'The open map')} has changes that are not saved yet. "
            f"Before {_named(state.pending.source)} opens, choose what happens to them: "
            f"saving them first writes them to {_named(state.save_first_name())}."
        )
        choice = None
        for column, (label, value, kind) in zip(st.columns(4), CHOICES, strict=True):
            if column.button(label, key=f"pending_{value}", type=kind, width="stretch", wrap=True):
                choice = value
        st.caption(
            "A draft stays in the workspace folder (in .drafts, on this computer only) "
            "and is offered back when this map is next opened."
        )
        if choice is None:
            return
        done = state.settle_pending(choice)
        if done is not None and done.then:
            st.switch_page(done.then)
        if done is not None or choice == "cancel":
            st.rerun()
        outcome, state.save_outcome = state.save_outcome, None
        if outcome:
            st.error(escape_markdown(outcome.message))
        elif state.draft_error:
            st.error(escape_markdown(state.draft_error))


def offer_drafts() -> bool:
    """Offer back the drafts other sessions left for the open map, and name those kept for
    other maps. True when there are some of the latter (the chooser then opens)."""
    state = app()
    offered = state.offered_drafts()
    for draft in offered[:MOST_OFFERED]:
        with st.container(border=True):
            since = state.draft_since(draft)
            st.warning(
                f"This map has unsaved changes from {draft_time(draft)}."
                + (f" {escape_markdown(since)}" if since else "")
            )
            restore, discard, _ = st.columns([1, 1, 3])
            if restore.button(
                "Restore them",
                key=f"restore_{draft.key}_{draft.owner}",
                type="primary",
                width="stretch",
            ):
                try:
                    state.restore_draft(draft)
                    st.rerun()
                except MapperError as error:
                    st.error("These changes could not be read back, so nothing was changed:")
                    st.code(str(error), language=None)
            if discard.button(
                "Discard them", key=f"discard_{draft.key}_{draft.owner}", width="stretch"
            ):
                state.discard_draft(draft)
                st.rerun()
    if len(offered) > MOST_OFFERED:
        st.caption(f"... and {len(offered) - MOST_OFFERED} older sets of unsaved changes.")
    elsewhere = state.drafts_of_other_maps()
    if elsewhere:
        named = ", ".join(
            f"{escape_markdown(d.map_name or d.source)} ({draft_time(d)})" for d in elsewhere[:5]
        )
        more = f" and {len(elsewhere) - 5} more" if len(elsewhere) > 5 else ""
        st.info(
            f"Unsaved changes are also kept for {named}{more}. Open that map to restore or "
            "discard them."
        )
    return bool(elsewhere)


def _cannot_open(name: str, error: MapperError, fix: str = "Nothing was changed:") -> None:
    st.error(f"{escape_markdown(name)} could not be opened. {fix}")
    st.code(str(error), language=None)


def choose_a_map(expanded: bool) -> None:
    """The four ways to open a map; each asks first when the open map has unsaved changes."""
    state = app()
    with st.expander("Choose a map", expanded=expanded or state.partnership is None):
        example, upload, workspace, new = st.tabs(
            ["Example", "Upload a file", "Workspace folder", "Start a new map"]
        )
        with example:
            chosen = st.selectbox("Bundled example", list(EXAMPLES))
            if st.button("Open example"):
                try:
                    state.open_asking(example_pending(chosen))
                    st.rerun()
                except MapperError as error:
                    _cannot_open(chosen, error)
        with upload:
            st.caption("The file stays on this computer: nothing is sent anywhere.")
            uploaded = st.file_uploader("Map file (YAML)", type=["yaml", "yml"])
            if uploaded is not None and st.button("Open uploaded file"):
                try:
                    opened = parse_map(uploaded.getvalue(), filename=uploaded.name)
                    key = f"upload:{uploaded.name}"
                    state.open_asking(Pending(opened, uploaded.name, key=key))
                    st.rerun()
                except InvalidMapError as error:
                    fix = "Nothing was changed; fix these lines and upload it again:"
                    _cannot_open(uploaded.name, error, fix)
        with workspace:
            try:
                state.use_store(store_at(st.text_input("Folder", value=state.store.where)))
                names = state.store.names()
            except MapperError as error:
                st.error(escape_markdown(f"{error}."))
                names = None
            if names == []:
                st.info(
                    f"No map files (.yaml) in {escape_markdown(state.store.where)} yet. Saving "
                    "a map from the Edit page puts it here."
                )
            elif names:
                name = st.selectbox("Map file", names)
                if st.button("Open from workspace"):
                    try:
                        opened = state.store.open(name)
                        state.open_asking(
                            Pending(opened.partnership, name, state.store, name, opened.version)
                        )
                        st.rerun()
                    except MapperError as error:
                        _cannot_open(name, error)
        with new:
            title = st.text_input("Name of the partnership", placeholder="Riverside Family Hubs")
            if st.button("Start an empty map", disabled=not title.strip()):
                name = state.store.name_for(title)
                waiting = Pending(
                    empty_map(title.strip()), name, state.store, name, then="pages/edit.py"
                )
                if state.open_asking(waiting):
                    st.switch_page("pages/edit.py")
                st.rerun()
