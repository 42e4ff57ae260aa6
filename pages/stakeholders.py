"""Stakeholders: the influence-interest grid of the organisations and people the map rates,
coloured by stance, the findings that read it and the table of them all; when the map rates
no one, how to record the three fields, with the form fields shown as they appear."""

import streamlit as st

from mapper.findings.stakeholders import STAKEHOLDER_KINDS
from mapper.forms import STAKEHOLDER_FORM, options_for
from mapper.render.stakeholders import grid_file_name, placed, stakeholder_rows
from mapper.render.text import escape_markdown
from pages.session import app, current_diagnosis, current_map, through_the_app

through_the_app()
EXAMPLE = """\
organisations:
  - {id: police, name: Eastmere Constabulary, sector: police,
     influence: high, interest: low, stance: sceptic}
people:
  - {id: dcs, name: Zoë Adeyemi, organisation: council, level: strategic,
     influence: high, interest: high, stance: champion}
"""

partnership, state = current_map(), app()
analysis = state.analysis()
st.title("Stakeholders")
st.caption(
    "Who can shape the partnership's work (influence), how much it matters to them "
    "(interest), and where they stand on the change (stance): the grid says how to engage each."
)

if not analysis.stakeholders:
    st.info(
        "This map records no one's influence, interest or stance yet: there is no grid to draw."
    )
    st.markdown(
        "The guidance on collaborative leadership points leaders to the civil service's "
        "stakeholder mapping. Rate each organisation or person on two things: **influence**, how "
        "much they can shape the partnership's work, and **interest**, how much that work "
        "matters to them. High on both: *manage closely*; high influence only: *keep "
        "satisfied*; high interest only: *keep informed*; neither: *monitor* (medium counts "
        "as below the line). A **stance** (champion, supporter, neutral, sceptic) colours each "
        "one. The Findings page then says who has influence but no seat at the table, which "
        "influential sceptic nobody meets, and which champion the links rest on alone."
    )
    st.subheader("Where to record them")
    st.markdown(
        "On the **Edit** page, the form of every organisation and every person ends with these "
        "three fields. Leave one at (none) when it is not known: it is then not recorded, "
        "not read as low."
    )
    with st.container(border=True):
        st.caption("The three fields as the form shows them (here only to show them).")
        for field in STAKEHOLDER_FORM:
            options = options_for(partnership, field)
            st.selectbox(
                field.label,
                list(options),
                format_func=options.get,
                help=field.help,
                disabled=True,
                key=f"stakeholders_form_{field.name}",
            )
    st.page_link("pages/edit.py", label="Open the Edit page", icon="✏️")
    st.markdown(
        "In a map file, the same three keys go on an organisation or a person (a version 1 "
        "file becomes version 2); in the spreadsheets, they are the `influence`, `interest` "
        "and `stance` columns of the organisations and people sheets."
    )
    st.code(EXAMPLE, language="yaml")
    st.stop()

on_grid = placed(analysis)
if on_grid:
    # Drawing loads matplotlib: only when there is a grid to draw.
    from mapper.render.stakeholder_grid import SCREEN_DPI, stakeholder_grid_png

    grid = state.shared("stakeholder_grid", lambda a: stakeholder_grid_png(a, dpi=SCREEN_DPI))
    st.image(grid, width="content")
    rest = len(analysis.stakeholders) - len(on_grid)
    st.caption(
        f"{len(on_grid)} on the grid. Squares are organisations, circles people."
        + (
            f" {rest} more record a stance or one rating only: they are in the table."
            if rest
            else ""
        )
    )
    st.download_button(
        "Download the grid as PNG",
        grid,
        file_name=grid_file_name(partnership.name),
        mime="image/png",
        on_click="ignore",  # no rerun, which can lose the file: tests/test_architecture.py
    )
else:
    st.info(
        "No one records both influence and interest, so no one is placed on the grid yet: "
        "the table lists what is recorded."
    )

found = [f for f in current_diagnosis().findings if f.kind in STAKEHOLDER_KINDS]
st.subheader("What the map shows about them")
for finding in found:
    st.markdown(
        f"- **{escape_markdown(finding.title)}** ({finding.severity})  \n"
        f"  {escape_markdown(finding.recommendation)}"
    )
if not found:
    st.caption(
        "None: no one with high influence is away from the strategic table, no influential "
        "sceptic is left unmet, and no champion holds links alone."
    )
st.subheader("Everyone rated")
rows = state.derived("stakeholder_rows", lambda p: stakeholder_rows(analysis))
st.dataframe(rows, hide_index=True, height=35 * min(len(rows) + 1, 30) + 3)
