"""Home: the partnership at a glance."""

import streamlit as st

from mapper import headline_metrics, summarise
from mapper.findings import diagnose
from mapper.render.text import counts_table, escape_markdown

partnership = st.session_state.get("partnership")
if partnership is None:
    st.error("The map could not be opened.")
    st.code(st.session_state.get("load_error", "No map is loaded."), language=None)
    st.stop()

counts = summarise(partnership)
metrics = headline_metrics(partnership)

st.title(escape_markdown(partnership.name))
st.caption(f"Opened from {escape_markdown(st.session_state.get('map_source', 'a file'))}. "
           "This map holds names and roles: personal data that stays on this computer.")

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

diagnosis = diagnose(partnership)
urgent = [f for f in diagnosis.findings if f.severity == "high"]
st.subheader(f"Needs attention now ({len(urgent)} of {len(diagnosis.findings)} findings)")
for finding in urgent[:8]:
    title, advice = escape_markdown(finding.title), escape_markdown(finding.recommendation)
    st.markdown(f"- **{title}**  \n  {advice}")
if len(urgent) > 8:
    st.caption(f"... and {len(urgent) - 8} more.")
