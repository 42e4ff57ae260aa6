"""Home: choose a map (an example, an upload, a workspace file, or a new one), then see the
partnership at a glance and what needs attention now."""

from pathlib import Path

import streamlit as st

from mapper import InvalidMapError, MapperError, headline_metrics, parse_map, summarise
from mapper.edit import empty_map
from mapper.render.text import counts_table, escape_markdown
from mapper.workspace import list_maps, map_file_name, open_map
from pages.session import EXAMPLES, current_diagnosis, current_map, show_map, through_the_app

through_the_app()

with st.expander("Choose a map", expanded=st.session_state.get("partnership") is None):
    example, upload, workspace, new = st.tabs(
        ["Example", "Upload a file", "Workspace folder", "Start a new map"])
    with example:
        chosen = st.selectbox("Bundled example", list(EXAMPLES))
        if st.button("Open example"):
            opened = open_map(EXAMPLES[chosen])
            show_map(opened.partnership, chosen, error=None)
            st.rerun()
    with upload:
        st.caption("The file stays on this computer: nothing is sent anywhere.")
        uploaded = st.file_uploader("Map file (YAML)", type=["yaml", "yml"])
        if uploaded is not None and st.button("Open uploaded file"):
            try:
                show_map(parse_map(uploaded.getvalue(), filename=uploaded.name),
                         uploaded.name, error=None)
                st.rerun()
            except InvalidMapError as error:
                st.error(f"{uploaded.name} could not be opened. Nothing was changed; "
                         "fix these lines and upload it again:")
                st.code(str(error), language=None)
    with workspace:
        folder = st.text_input("Folder", value=st.session_state.workspace)
        st.session_state.workspace = folder
        files = list_maps(folder)
        if not files:
            st.info(f"No map files (.yaml) in {folder} yet. Saving a map from the Edit page "
                    "puts it here.")
        else:
            name = st.selectbox("Map file", [f.name for f in files])
            if st.button("Open from workspace"):
                try:
                    opened = open_map(Path(folder) / name)
                    show_map(opened.partnership, name, error=None, opened=opened)
                    st.rerun()
                except MapperError as error:
                    st.error(f"{name} could not be opened. Nothing was changed:")
                    st.code(str(error), language=None)
    with new:
        title = st.text_input("Name of the partnership", placeholder="Riverside Family Hubs")
        if st.button("Start an empty map", disabled=not title.strip()):
            path = Path(st.session_state.workspace) / map_file_name(title)
            show_map(empty_map(title.strip()), path.name, error=None, path=path)
            st.switch_page("pages/edit.py")

partnership = current_map()
counts = summarise(partnership)
metrics = headline_metrics(partnership)

st.title(escape_markdown(partnership.name))
unsaved = " Unsaved changes: save them on the Edit page." if st.session_state.unsaved else ""
st.caption(f"Opened from {escape_markdown(st.session_state.map_source)}. This map holds names "
           f"and roles: personal data that stays on this computer.{unsaved}")

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
