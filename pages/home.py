"""Home: choose a map (an example, an upload, a workspace file, or a new one), then see the
partnership at a glance and what needs attention now.

Unsaved changes are never dropped here: opening another map while the open one has some asks
first (save them, keep them as a draft, or discard them), and the drafts other sessions left
for the open map (a reload, another tab) are offered back at the top."""

from pathlib import Path

import streamlit as st

from mapper import InvalidMapError, MapperError, headline_metrics, parse_map, summarise
from mapper.drafts import remove_draft
from mapper.edit import empty_map
from mapper.render.text import counts_table, escape_markdown
from mapper.workspace import list_maps, map_file_name, open_map
from pages.session import (
    EXAMPLES,
    current_diagnosis,
    current_map,
    draft_time,
    drafts_of_other_maps,
    offered_drafts,
    open_asking,
    restore_draft,
    save_first_target,
    settle_pending,
    through_the_app,
)

through_the_app()
MOST_OFFERED = 3


def _named(text: str) -> str:
    return f"**{escape_markdown(text)}**"


pending = st.session_state.get("pending_open")
if pending is not None:
    with st.container(border=True):
        st.warning(
            f"{_named(st.session_state.map_source or 'The open map')} has changes that "
            f"are not saved yet. Before {_named(pending['source'])} opens, choose what "
            "happens to them: saving them first writes them to "
            f"{_named(save_first_target().name)}."
        )
        choice = None
        for column, (label, value, kind) in zip(
            st.columns(4),
            [
                ("Save them first", "save", "primary"),
                ("Keep them as a draft", "keep", "secondary"),
                ("Discard them", "discard", "secondary"),
                ("Stay on this map", "cancel", "secondary"),
            ],
            strict=True,
        ):
            if column.button(label, key=f"pending_{value}", type=kind, width="stretch", wrap=True):
                choice = value
        st.caption(
            "A draft stays in the workspace folder (in .drafts, on this computer only) "
            "and is offered back when this map is next opened."
        )
        if choice is not None:
            done = settle_pending(choice)
            if done is not None and done["then"]:
                st.switch_page(done["then"])
            if done is not None or choice == "cancel":
                st.rerun()
            outcome = st.session_state.pop("save_outcome", None)
            if outcome:
                st.error(escape_markdown(outcome[1]))
            elif st.session_state.get("draft_error"):
                st.error(escape_markdown(st.session_state.draft_error))

offered = offered_drafts()
for draft in offered[:MOST_OFFERED]:
    with st.container(border=True):
        since = draft.file_since()
        st.warning(
            f"This map has unsaved changes from {draft_time(draft)}."
            + (f" {escape_markdown(since)}" if since else "")
        )
        restore, discard, _ = st.columns([1, 1, 3])
        if restore.button(
            "Restore them", key=f"restore_{draft.file.name}", type="primary", width="stretch"
        ):
            try:
                restore_draft(draft)
                st.rerun()
            except MapperError as error:
                st.error("These changes could not be read back, so nothing was changed:")
                st.code(str(error), language=None)
        if discard.button("Discard them", key=f"discard_{draft.file.name}", width="stretch"):
            remove_draft(draft.file)
            st.rerun()
if len(offered) > MOST_OFFERED:
    st.caption(f"... and {len(offered) - MOST_OFFERED} older sets of unsaved changes.")

elsewhere = drafts_of_other_maps()
if elsewhere:
    named = ", ".join(
        f"{escape_markdown(d.path.name if d.path else d.source)} ({draft_time(d)})"
        for d in elsewhere[:5]
    )
    more = f" and {len(elsewhere) - 5} more" if len(elsewhere) > 5 else ""
    st.info(
        f"Unsaved changes are also kept for {named}{more}. Open that map to restore or "
        "discard them."
    )

with st.expander(
    "Choose a map", expanded=st.session_state.get("partnership") is None or bool(elsewhere)
):
    example, upload, workspace, new = st.tabs(
        ["Example", "Upload a file", "Workspace folder", "Start a new map"]
    )
    with example:
        chosen = st.selectbox("Bundled example", list(EXAMPLES))
        if st.button("Open example"):
            opened = open_map(EXAMPLES[chosen])
            open_asking(opened.partnership, chosen, key=f"example:{chosen}")
            st.rerun()
    with upload:
        st.caption("The file stays on this computer: nothing is sent anywhere.")
        uploaded = st.file_uploader("Map file (YAML)", type=["yaml", "yml"])
        if uploaded is not None and st.button("Open uploaded file"):
            try:
                open_asking(
                    parse_map(uploaded.getvalue(), filename=uploaded.name),
                    uploaded.name,
                    key=f"upload:{uploaded.name}",
                )
                st.rerun()
            except InvalidMapError as error:
                st.error(
                    f"{escape_markdown(uploaded.name)} could not be opened. Nothing was "
                    "changed; "
                    "fix these lines and upload it again:"
                )
                st.code(str(error), language=None)
    with workspace:
        folder = st.text_input("Folder", value=st.session_state.workspace)
        st.session_state.workspace = folder
        files = list_maps(folder)
        if not files:
            st.info(
                f"No map files (.yaml) in {escape_markdown(folder)} yet. Saving a map "
                "from the Edit page "
                "puts it here."
            )
        else:
            name = st.selectbox("Map file", [f.name for f in files])
            if st.button("Open from workspace"):
                try:
                    opened = open_map(Path(folder) / name)
                    open_asking(opened.partnership, name, opened=opened)
                    st.rerun()
                except MapperError as error:
                    st.error(f"{escape_markdown(name)} could not be opened. Nothing was changed:")
                    st.code(str(error), language=None)
    with new:
        title = st.text_input("Name of the partnership", placeholder="Riverside Family Hubs")
        if st.button("Start an empty map", disabled=not title.strip()):
            path = Path(st.session_state.workspace) / map_file_name(title)
            if open_asking(empty_map(title.strip()), path.name, path=path, then="pages/edit.py"):
                st.switch_page("pages/edit.py")
            st.rerun()

partnership = current_map()
counts = summarise(partnership)
metrics = headline_metrics(partnership)

st.title(escape_markdown(partnership.name))
unsaved = (
    " Unsaved changes (kept as a draft meanwhile): save them on the Edit page."
    if st.session_state.unsaved
    else ""
)
st.caption(
    f"Opened from {escape_markdown(st.session_state.map_source)}. This map holds names "
    f"and roles: personal data that stays on this computer.{unsaved}"
)
if st.session_state.get("draft_error"):
    st.error(escape_markdown(st.session_state.draft_error))

columns = st.columns(4)
columns[0].metric("Organisations", counts["organisations"])
columns[1].metric("People", counts["people"])
columns[2].metric("Meetings", counts["meetings"])
columns[3].metric("Person-hours of meetings a year", f"{metrics['person_hours_per_year']:,.0f}")

left, middle, right = st.columns(3)
left.subheader("Organisations by sector")
left.dataframe(counts_table(counts["organisations_by_sector"], "sector"), hide_index=True)
middle.subheader("People by level")
middle.dataframe(counts_table(counts["people_by_level"], "level"), hide_index=True)
right.subheader("Meetings by level")
right.dataframe(counts_table(counts["meetings_by_level"], "level"), hide_index=True)

diagnosis = current_diagnosis()
urgent = [f for f in diagnosis.findings if f.severity == "high"]
st.subheader(f"Needs attention now ({len(urgent)} of {len(diagnosis.findings)} findings)")
for finding in urgent[:8]:
    title, advice = escape_markdown(finding.title), escape_markdown(finding.recommendation)
    st.markdown(f"- **{title}**  \n  {advice}")
if len(urgent) > 8:
    st.caption(f"... and {len(urgent) - 8} more on the Findings page.")
