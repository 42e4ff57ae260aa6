"""Import: make a map from spreadsheets in the templates, with every problem named by file,
sheet, row and column; and export the open map back into the templates, or for another tool
(GraphML, GEXF, Kumu, an edge list)."""

from functools import partial

import streamlit as st

from mapper.errors import MapperError
from mapper.interchange import FORMATS, export_bytes, format_for_reading, read_map
from mapper.render.text import problem_list
from mapper.sheets import import_sheets
from mapper.sheets.export import tables_workbook, tables_zip
from mapper.summary import summarise
from pages.session import APP_DIR, app, current_map, save_panel, through_the_app

through_the_app()

state = app()
TEMPLATES = APP_DIR / "examples" / "templates"
MOST_LISTED = 100
st.title("Import from spreadsheets")
st.markdown(
    "Keep the partnership in spreadsheets? Fill in the templates: **organisations** (name, "
    "sector), **people** (name, organisation, title, level), **meetings** (name, level, "
    "frequency, duration, chairs, reports to) and **attendance** (one row per person per "
    "meeting); outcomes, relationships, the self-assessment and settings if you have them. "
    "Leave ids empty to have them made from names, and name people, meetings and "
    "organisations by id or by name. Upload one workbook with a sheet for each, or one CSV "
    "file for each. A map exported for another tool (GraphML, GEXF or a Kumu blueprint, "
    "below) and perhaps edited there reads back too: upload that one file."
)
st.download_button(
    "Download the templates (Excel workbook)",
    (TEMPLATES / "map-template.xlsx").read_bytes(),
    file_name="map-template.xlsx",
    mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    on_click="ignore",  # no rerun, which can lose the file: tests/test_architecture.py
)

files = st.file_uploader(
    "Spreadsheets (.xlsx or .csv), or one .graphml, .gexf or Kumu .json file",
    type=["xlsx", "csv", "graphml", "gexf", "json"],
    accept_multiple_files=True,
    key="import_files",
)
name = st.text_input(
    "Name of the partnership",
    key="import_name",
    placeholder="for example: Northbridge Best Start Partnership",
)
if st.button("Read the spreadsheets", type="primary", disabled=not files):
    state.import_outcome = None
    uploads = [(f.name, f.getvalue()) for f in files]
    try:
        if len(uploads) == 1 and format_for_reading(uploads[0][0]):
            (file_name, data), given = uploads[0], name.strip() or None
            state.import_outcome = read_map(data, file_name, name=given)
        else:
            state.import_outcome = import_sheets(uploads, name.strip() or "Imported partnership")
    except MapperError as error:  # a SheetError lists its problems; another error is one
        state.import_outcome = error

outcome = state.import_outcome
if isinstance(outcome, MapperError):
    problems = getattr(outcome, "problems", None) or [outcome]
    count = len(problems)
    st.error(
        f"{count} problem{'' if count == 1 else 's'}: nothing was imported. Fix them in the "
        "files and read them again."
    )
    st.markdown(problem_list(problems, MOST_LISTED))
if outcome is not None and getattr(outcome, "warnings", None):
    st.warning("Worth checking (the import went on without these):")
    st.markdown(problem_list(list(outcome.warnings), MOST_LISTED))
if outcome is not None and not isinstance(outcome, MapperError):
    counts = summarise(outcome.partnership)
    st.success(
        f"Read {counts['organisations']} organisations, {counts['people']} people, "
        f"{counts['meetings']} meetings and {counts['memberships']} meeting seats."
    )
    imported = outcome.partnership
    # The spreadsheets carry no positions: offer the open map's, so a map exported, edited
    # in a spreadsheet and read back opens on the picture it had (docs/format.md).
    placed = imported.with_layout_of(state.partnership) if state.partnership else imported
    keep = placed is not imported and st.checkbox(
        "Draw it where the open map draws the same organisations, people and meetings",
        value=True,
        key="import_keep_layout",
    )
    if st.button("Open this map"):
        opened = placed if keep else imported
        # not a file yet: the save below makes it one
        state.show(opened, "imported spreadsheets", unsaved=True)
        st.rerun()

if state.source == "imported spreadsheets":
    st.info("The imported map is open: see the Map and Findings pages, and save it here.")
    save_panel("import_file")

st.header("Export the open map")
partnership = current_map()
st.caption(
    "The map in the same templates, with its self-assessment and settings, to edit "
    "in a spreadsheet and import again. The files contain personal data."
)
left, right = st.columns(2)
left.download_button(
    "Download as an Excel workbook",
    partial(tables_workbook, partnership),
    file_name="map.xlsx",
    mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    on_click="ignore",  # no rerun, which can lose the file: tests/test_architecture.py
)
right.download_button(
    "Download as CSV files (zip)",
    partial(tables_zip, partnership),
    file_name="map-csv.zip",
    mime="application/zip",
    on_click="ignore",  # no rerun, which can lose the file: tests/test_architecture.py
)
st.caption(
    "Or for the tool your client already uses: Gephi, Cytoscape or yEd (GraphML, GEXF), "
    "Kumu (a blueprint or a workbook), or any tool that reads an edge list. The ids are the "
    "map's, so a second export updates the same nodes. These files too contain personal data."
)
columns = st.columns(2)  # three to a row cut the labels short on a 1280-pixel screen
for index, chosen in enumerate(FORMATS.values()):
    ending = ".zip" if chosen.name == "edges" else chosen.suffix
    columns[index % 2].download_button(
        f"Download as {chosen.words}",
        partial(export_bytes, partnership, chosen.name),
        file_name=f"map-{chosen.name.removesuffix('-xlsx')}{ending}",
        mime=chosen.mime,
        on_click="ignore",  # no rerun, which can lose the file: tests/test_architecture.py
    )
