"""Home: choose a map (an example, an upload, a workspace file, or a new one), then see the
partnership at a glance and what needs attention now.

Unsaved changes are never dropped here: opening another map while the open one has some asks
first (save them, keep them as a draft, or discard them), and the drafts other sessions left
for the open map (a reload, another tab) are offered back at the top (`pages/opening.py`)."""

import streamlit as st

from mapper import headline_metrics, summarise
from mapper.render.text import counts_table, escape_markdown
from pages.opening import ask_about_unsaved_changes, choose_a_map, offer_drafts
from pages.session import app, current_diagnosis, current_map, through_the_app

through_the_app()
MOST_URGENT = 8

ask_about_unsaved_changes()
choose_a_map(expanded=offer_drafts())

partnership = current_map()
state = app()
counts = summarise(partnership)
metrics = headline_metrics(partnership)

st.title(escape_markdown(partnership.name))
unsaved = (
    " Unsaved changes (kept as a draft meanwhile): save them on the Edit page."
    if state.unsaved
    else ""
)
st.caption(
    f"Opened from {escape_markdown(state.source)}. This map holds names "
    f"and roles: personal data that stays on this computer.{unsaved}"
)
if state.draft_error:
    st.error(escape_markdown(state.draft_error))

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
for finding in urgent[:MOST_URGENT]:
    title, advice = escape_markdown(finding.title), escape_markdown(finding.recommendation)
    st.markdown(f"- **{title}**  \n  {advice}")
if len(urgent) > MOST_URGENT:
    st.caption(f"... and {len(urgent) - MOST_URGENT} more on the Findings page.")
