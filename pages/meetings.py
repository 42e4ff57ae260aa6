"""Meetings: who sits where, duplicate meetings side by side, meeting load, and the
governance tree."""

import streamlit as st

from mapper.render.tables import (
    duplicate_pair,
    governance_outline,
    load_by_organisation,
    load_by_person,
    seating,
)
from mapper.render.text import escape_markdown
from pages.session import current_diagnosis, current_map, through_the_app

through_the_app()

partnership = current_map()
st.title("Meetings")
who, duplicates, load, tree = st.tabs(
    ["Who sits where", "Duplicate meetings", "Meeting load", "Governance tree"]
)

with who:
    labels = {m.id: m.label for m in partnership.meetings}
    picked = st.multiselect(
        "Meetings (all when none is chosen)",
        list(labels),
        format_func=labels.get,
        key="seating_meetings",
    )
    st.dataframe(seating(partnership, picked or None), hide_index=True)

with duplicates:
    pairs = current_diagnosis().of_kind("duplicate_meetings")
    if not pairs:
        st.success("No two meetings at the same level share most of their members.")
    for finding in pairs:
        st.subheader(escape_markdown(finding.title))
        st.metric(
            "Person-hours a year a merger would free",
            f"{finding.evidence['hours_freed_per_year']:,.0f}",
        )
        st.dataframe(duplicate_pair(partnership, finding), hide_index=True)
        st.markdown(escape_markdown(finding.recommendation))

with load:
    st.subheader("Hours a month in meetings: the 25 busiest people")
    st.bar_chart(load_by_person(partnership), x="person", y="hours a month", horizontal=True)
    st.subheader("Hours a month in meetings by organisation")
    st.bar_chart(
        load_by_organisation(partnership), x="organisation", y="hours a month", horizontal=True
    )

with tree:
    st.caption("Each meeting under the one it reports to. The Map page draws the same tree.")
    st.dataframe(governance_outline(partnership), hide_index=True)
