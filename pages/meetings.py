"""Meetings: who sits where, duplicate meetings side by side, meeting load, and the
governance tree. On a big map the seating shows the largest meetings until others are
chosen, and duplicates are listed a few at a time."""

import streamlit as st

from mapper.render.tables import (
    duplicate_pair,
    governance_outline,
    load_by_organisation,
    load_by_person,
    seating,
)
from mapper.render.text import escape_markdown
from pages.session import app, current_diagnosis, current_map, through_the_app

through_the_app()
MOST_COLUMNS, FIRST_PAIRS, MORE_PAIRS = 60, 10, 20


def largest(partnership):
    """Who sits where in the MOST_COLUMNS meetings with the most members."""
    meetings = sorted(partnership.meetings, key=lambda m: -len(m.attendees))
    return seating(partnership, [m.id for m in meetings[:MOST_COLUMNS]])


partnership, state = current_map(), app()
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
    if picked or len(labels) <= MOST_COLUMNS:
        st.dataframe(seating(partnership, picked or None), hide_index=True)
    else:
        st.caption(
            f"The {MOST_COLUMNS} meetings with the most members, of {len(labels)}: choose "
            "meetings above to see others side by side."
        )
        st.dataframe(state.derived("seating_largest", largest), hide_index=True)

with duplicates:
    pairs = current_diagnosis().of_kind("duplicate_meetings")
    if not pairs:
        st.success("No two meetings at the same level share most of their members.")
    listed = state.kept.get("meetings_pairs_listed", FIRST_PAIRS)
    for finding in pairs[:listed]:
        st.subheader(escape_markdown(finding.title))
        st.metric(
            "Person-hours a year a merger would free",
            f"{finding.evidence['hours_freed_per_year']:,.0f}",
        )
        st.dataframe(duplicate_pair(partnership, finding), hide_index=True)
        st.markdown(escape_markdown(finding.recommendation))
    if len(pairs) > listed:
        hidden = len(pairs) - listed
        if st.button(f"Show {min(MORE_PAIRS, hidden)} more pairs ({hidden} not listed)"):
            state.kept["meetings_pairs_listed"] = listed + MORE_PAIRS
            st.rerun()

with load:
    st.subheader("Hours a month in meetings: the 25 busiest people")
    busiest = state.derived("load_by_person", lambda p: load_by_person(state.analysis()))
    st.bar_chart(busiest, x="person", y="hours a month", horizontal=True)
    st.subheader("Hours a month in meetings by organisation")
    st.bar_chart(
        state.derived("load_by_organisation", lambda p: load_by_organisation(state.analysis())),
        x="organisation",
        y="hours a month",
        horizontal=True,
    )

with tree:
    st.caption("Each meeting under the one it reports to. The Map page draws the same tree.")
    st.dataframe(
        state.derived("governance_outline", lambda p: governance_outline(state.analysis())),
        hide_index=True,
    )
