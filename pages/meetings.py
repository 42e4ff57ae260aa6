"""Meetings: who sits where, duplicate meetings side by side, meeting load, and the
governance tree. Who sits where is filtered to what the room is looking at (organisations,
levels, localities, meetings, or only the people who sit in two or more); on a big map it
shows the largest meetings until others are chosen, and duplicates are listed a few at a time.
The load charts are sorted by hours, every bar labelled."""

import streamlit as st

from mapper.model import Level, MeetingLevel, allowed_values
from mapper.render.tables import (
    duplicate_pair,
    governance_outline,
    load_by_organisation,
    load_by_person,
    seating,
)
from mapper.render.text import escape_markdown
from mapper.render.vega import bars_spec
from mapper.vocabulary import readable
from pages.session import app, current_diagnosis, current_map, kept, through_the_app

through_the_app()
MOST_COLUMNS, FIRST_PAIRS, MORE_PAIRS = 60, 10, 20

partnership, state = current_map(), app()
st.title("Meetings")
who, duplicates, load, tree = st.tabs(
    ["Who sits where", "Duplicate meetings", "Meeting load", "Governance tree"]
)

with who:
    meetings = {m.id: m.label for m in partnership.meetings}
    organisations = {o.id: o.label for o in partnership.organisations}
    localities = {x.id: x.label for x in partnership.localities}
    top, bottom = st.columns(3), st.columns(3)
    picked = top[0].multiselect(
        "Meetings (all when none is chosen)",
        list(meetings),
        format_func=meetings.get,
        **kept("seating_meetings", []),
    )
    meeting_levels = top[1].multiselect(
        "Meeting level",
        allowed_values(MeetingLevel),
        format_func=readable,
        **kept("seating_meeting_levels", []),
    )
    chosen_orgs = top[2].multiselect(
        "Organisations",
        list(organisations),
        format_func=organisations.get,
        **kept("seating_organisations", []),
    )
    levels = bottom[0].multiselect(
        "People's level", allowed_values(Level), format_func=readable, **kept("seating_levels", [])
    )
    places = bottom[1].multiselect(
        "Localities",
        list(localities),
        format_func=localities.get,
        disabled=not localities,
        **kept("seating_localities", []),
    )
    linking = bottom[2].toggle(
        "Only people in 2+ meetings",
        help="The people who link meetings: those who sit in two or more of those shown.",
        **kept("seating_linking", True),
    )
    columns = picked or [
        m.id for m in partnership.meetings if not meeting_levels or m.level in meeting_levels
    ]
    if not picked and len(columns) > MOST_COLUMNS:
        largest = sorted(columns, key=lambda m: -len(partnership.meeting_by_id[m].attendees))
        columns = [m for m in columns if m in set(largest[:MOST_COLUMNS])]
        st.caption(
            f"The {MOST_COLUMNS} meetings with the most members: choose meetings above to "
            "see others side by side."
        )
    rows = seating(
        partnership,
        columns,
        organisations=chosen_orgs,
        levels=levels,
        localities=places,
        at_least=2 if linking else 1,
    )
    shown_columns = max(0, len(rows[0]) - 3) if rows else 0
    st.caption(
        f"{len(rows)} people and {shown_columns} meetings shown: the people in the most "
        "meetings first, and the meetings most of them sit in. A meeting nobody shown sits in "
        "is left out."
    )
    if rows:
        st.dataframe(
            rows,
            hide_index=True,
            column_config={"person": st.column_config.TextColumn("person", pinned=True)},
        )
    else:
        st.info("Nobody matches these choices: choose fewer, or show everyone in a meeting.")

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
    limit = partnership.settings.load_hours_per_month
    busiest = state.derived("load_by_person", lambda p: load_by_person(state.analysis()))
    st.subheader(f"Hours a month in meetings: the {len(busiest)} busiest people")
    st.caption(
        f"Most hours first. Red bars are above {limit:g} hours a month, the load the "
        "diagnosis calls heavy (the dashed line)."
    )
    st.vega_lite_chart(bars_spec(busiest, "person", "hours a month", limit), width="stretch")
    st.subheader("Hours a month in meetings by organisation")
    by_org = state.derived("load_by_organisation", lambda p: load_by_organisation(state.analysis()))
    st.caption("All the hours its people spend in meetings, most first.")
    st.vega_lite_chart(bars_spec(by_org, "organisation", "hours a month"), width="stretch")

with tree:
    st.caption("Each meeting under the one it reports to. The Map page draws the same tree.")
    st.dataframe(
        state.derived("governance_outline", lambda p: governance_outline(state.analysis())),
        hide_index=True,
    )
