"""Map: the network drawn in the browser, filtered, coloured by sector, with a finding's
subjects highlighted and a presentation mode for the wall."""

import streamlit as st

from mapper.model import Level, Sector, allowed_values
from mapper.render.map_html import map_file_name, map_html
from mapper.render.network import MAX_NODES, VIEWS, MapFilter, build_view
from mapper.render.tables import organisation_options
from mapper.render.text import escape_markdown
from mapper.vocabulary import readable
from pages.entry import add_panel
from pages.session import (
    app,
    current_diagnosis,
    current_map,
    kept,
    positions,
    set_widget,
    through_the_app,
    widget,
)

through_the_app()
MANY_TIES = 3_000  # more takes Chromium seconds to draw (11,538 on the large map: about 7 s)

partnership = current_map()
add_panel(compact=True, where=st.sidebar)  # the workshop adds beside the map (pages/entry.py)
presenting = st.toggle("Presentation mode (large labels, full width)", **kept("presenting", False))
if presenting:  # our own constant CSS, no user data: hides the sidebar and page chrome
    st.markdown(
        "<style>[data-testid='stSidebar'], header {display: none;} "
        ".block-container {padding: 0.5rem 1rem; max-width: 100%;}</style>",
        unsafe_allow_html=True,
    )
else:
    st.title(f"Map of {escape_markdown(partnership.name)}")

controls = st.columns([2, 2, 2, 3])
view = controls[0].radio(
    "View", list(VIEWS), format_func=VIEWS.get, **kept("map_view", "organisations")
)
levels = controls[1].multiselect(
    "Levels", allowed_values(Level), format_func=readable, **kept("map_levels", [])
)
sectors = controls[2].multiselect(
    "Sectors", allowed_values(Sector), format_func=readable, **kept("map_sectors", [])
)
names = organisation_options(partnership)
organisations = controls[3].multiselect(
    "Organisations", list(names), format_func=names.get, **kept("map_organisations", [])
)

state = app()
findings = [f for f in current_diagnosis().findings if f.subjects]
choices = {-1: "Nothing highlighted"} | {
    i: f"{f.severity}: {f.title}" for i, f in enumerate(findings)
}


def pick() -> None:
    chosen = widget("map_finding")
    state.highlight = findings[chosen].subjects if chosen >= 0 else ()


# The highlight lives in the state (the Findings page sets it too); the choice shows it.
showing = next((i for i, f in enumerate(findings) if f.subjects == state.highlight), -1)
if widget("map_finding") != showing:
    set_widget("map_finding", showing, keep=False)
st.selectbox(
    "Highlight the subjects of a finding",
    list(choices),
    format_func=choices.get,
    key="map_finding",
    on_change=pick,
)
if state.highlight and st.button("Clear highlight"):
    state.highlight = ()
    st.rerun()

chosen = MapFilter(frozenset(levels), frozenset(sectors), frozenset(organisations))
drawn = state.derived("map_views", lambda p: {})  # the views drawn last, for this map
wanted = (view, chosen, state.highlight, presenting)
if wanted not in drawn:  # a rerun that changes nothing here draws nothing again
    if len(drawn) >= 4:
        drawn.clear()
    shown = build_view(state.analysis(), view, chosen, state.highlight, positions(view))
    page = None
    if len(shown.nodes) <= MAX_NODES:  # a bigger view is not drawn (the warning below)
        page = map_html(shown, partnership_name=partnership.name, presentation=presenting)
    drawn[wanted] = (shown, page)
shown, page = drawn[wanted]
if page is None:
    st.warning(
        f"This view has {len(shown.nodes):,} nodes, more than a browser draws "
        f"comfortably ({MAX_NODES:,}). Choose levels, sectors or organisations above."
    )
    st.stop()
if shown.ties_left_out:
    every = len(shown.edges) + shown.ties_left_out
    st.caption(
        f"Drawing the {len(shown.edges):,} strongest ties of {every:,} (and every tie of a "
        "highlighted organisation): choose levels, sectors or organisations above to see the rest."
    )
elif len(shown.edges) > MANY_TIES:
    st.caption(
        f"This view draws {len(shown.edges):,} ties, which takes a browser several seconds: "
        "choose levels, sectors or organisations above to draw fewer."
    )
st.iframe(page, height=shown.height + 20)
st.download_button(
    "Download this view as a web page (opens offline)",
    page,
    file_name=map_file_name(partnership.name, shown) + ".html",
    mime="text/html",
)
st.caption(
    "Hover over a node for details; drag to move around, scroll to zoom. "
    "Save PNG and Full screen are at the top right of the map."
)
