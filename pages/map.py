"""Map: the network drawn in the browser, filtered, coloured by sector or locality, with a
finding's subjects or a route between two organisations highlighted, and a presentation mode
for the wall: one thin bar of controls above a map that fills the screen."""

import streamlit as st

from mapper.model import Level, Sector, allowed_values
from mapper.render.map_html import map_file_name, map_html
from mapper.render.network import COLOUR_BY, MAX_NODES, VIEWS, MapFilter, build_view
from mapper.render.tables import organisation_options
from mapper.render.text import escape_markdown
from mapper.vocabulary import readable
from pages.drawing import changes_panel, changes_since_words, draw_map
from pages.entry import add_panel
from pages.session import (
    app,
    current_diagnosis,
    current_map,
    kept,
    names_switch,
    positions,
    set_widget,
    through_the_app,
    widget,
)

through_the_app()
MANY_TIES = 3_000  # more takes Chromium seconds to draw (11,538 on the large map: about 7 s)
#: The pages a presenter reaches from the bar (the sidebar is folded away for the wall).
PAGES = {
    "pages/home.py": "Home",
    "pages/findings.py": "Findings",
    "pages/meetings.py": "Meetings",
    "pages/stakeholders.py": "Stakeholders",
    "pages/whatif.py": "What if…",
    "pages/compare.py": "Compare",
    "pages/edit.py": "Edit",
}
#: Pixels the bar above the map takes in presentation mode; the map gets the rest.
BAR_PIXELS = 66

partnership = current_map()
state = app()
analysis = state.analysis()
presenting = bool(widget("presenting", state.kept.get("presenting", False)))
if not presenting:  # the workshop adds beside the map (pages/entry.py); on the wall, in the bar
    add_panel(compact=True, where=st.sidebar)
if presenting:  # our own constant CSS, no user data: the sidebar and chrome folded away
    st.markdown(
        "<style>[data-testid='stSidebar'], [data-testid='stSidebarCollapsedControl'], header "
        "{display: none;} .block-container {padding: 0.4rem 0.8rem 0 0.8rem; max-width: 100%;} "
        "[data-testid='stMainBlockContainer'] > div {gap: 0.3rem;} "
        ".st-key-map_drawing, [data-testid='stBidiComponentRegular'], .stBidiComponent "
        "{height: auto !important; min-height: 0 !important; flex-basis: auto !important;} "
        f"iframe {{height: calc(100vh - {BAR_PIXELS}px) !important;}}</style>",
        unsafe_allow_html=True,
    )
else:
    st.title(f"Map of {escape_markdown(partnership.name)}")

# One row on the wall; beside the sidebar, the view and the switch above the four panels.
if presenting:
    bar = st.columns([4.3, 0.95, 0.95, 0.95, 1.1, 0.85, 0.95, 1.75], vertical_alignment="center")
    view_box, filters_box, focus_box, route_box, highlight_box, add_box, pages_box, switch_box = bar
else:
    view_box, switch_box = st.columns([3, 1.2], vertical_alignment="center")
    filters_box, focus_box, route_box, highlight_box = st.columns(4)
view = view_box.segmented_control(
    "View",
    list(VIEWS),
    format_func=VIEWS.get,
    label_visibility="collapsed",
    **kept("map_view", "organisations"),
)
view = view or "organisations"  # a second click on the chosen view unselects it
names = organisation_options(partnership)
places = {x.id: x.label for x in partnership.localities}
with filters_box.popover("Filters", use_container_width=True):
    levels = st.multiselect(
        "Levels", allowed_values(Level), format_func=readable, **kept("map_levels", [])
    )
    sectors = st.multiselect(
        "Sectors", allowed_values(Sector), format_func=readable, **kept("map_sectors", [])
    )
    organisations = st.multiselect(
        "Organisations", list(names), format_func=names.get, **kept("map_organisations", [])
    )
    localities = st.multiselect(
        "Localities", list(places), format_func=places.get, **kept("map_localities", [])
    )
    colour_by = st.radio(
        "Colour by", list(COLOUR_BY), format_func=COLOUR_BY.get, horizontal=True,
        **kept("map_colour_by", "sector"),
    )  # fmt: skip

# The people view opens on a focus: the organisation that brokers most, until one is chosen.
everyone = {
    **{o.id: f"{o.label} (organisation)" for o in partnership.organisations},
    **{m.id: f"{m.label} (meeting)" for m in partnership.meetings},
    **{p.id: f"{p.label} (person)" for p in partnership.people},
}
brokers = analysis.organisation_brokerage
first = max(names, key=lambda o: brokers.get(o, 0), default="")
for key, options, default in (
    ("map_focus", everyone, first),
    ("map_from", names, ""),
    ("map_to", names, ""),
):  # a choice kept from before an edit that removed it goes back to its default
    if widget(key, state.kept.get(key, default)) not in ("", *options):
        set_widget(key, default)
with focus_box.popover("Focus", use_container_width=True, disabled=view != "people"):
    focus = st.selectbox(
        "Focus on (the people view)",
        ["", *everyone],
        format_func=lambda i: everyone.get(i, "everyone (a large map is unreadable)"),
        **kept("map_focus", first),
    )
    steps = st.radio("Links from the focus", [1, 2, 3], horizontal=True, **kept("map_steps", 2))

with route_box.popover("Route", use_container_width=True):
    ends = ["", *names]
    start = st.selectbox(
        "How does", ends, format_func=lambda i: names.get(i, "an organisation…"),
        **kept("map_from", ""),
    )  # fmt: skip
    end = st.selectbox(
        "reach", ends, format_func=lambda i: names.get(i, "another organisation…"),
        **kept("map_to", ""),
    )  # fmt: skip
    routes = analysis.routes(start, end) if start and end and start != end else []
    if start and end and start != end and not routes:
        st.text("No route joins them on this map.")
    for number, way in enumerate(routes, 1):
        st.text(f"{number}. " + " → ".join(everyone[n].rsplit(" (", 1)[0] for n in way))

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
with highlight_box.popover("Highlight", use_container_width=True):
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
if presenting:
    with add_box.popover("Add", use_container_width=True):
        add_panel(compact=True)
    with pages_box.popover("Pages", use_container_width=True):
        for path, title in PAGES.items():
            st.page_link(path, label=title)
        names_switch(st, "names_mode_bar")
switch_box.toggle("Presentation mode", **kept("presenting", False))

chosen = MapFilter(
    frozenset(levels),
    frozenset(sectors),
    frozenset(organisations),
    frozenset(localities),
    frozenset([focus] if focus and view == "people" and not routes else []),
    steps,
)
since = changes_since_words(state.snapshot_taken)
changed = state.changes_since_snapshot()
touched = changed.touched if changed else frozenset()
drawn = state.derived("map_views", lambda p: {})  # the views drawn last, for this map
wanted = (view, chosen, state.highlight, presenting, tuple(routes), colour_by, touched, since)
if wanted not in drawn:  # a rerun that changes nothing here draws nothing again
    if len(drawn) >= 4:
        drawn.clear()
    shown = build_view(
        analysis,
        view,
        chosen,
        state.highlight,
        positions(view),
        touched,
        since,
        route=routes,
        colour_by=colour_by,
    )
    page = None
    if len(shown.nodes) <= MAX_NODES:  # a bigger view is not drawn (the warning below)
        page = map_html(shown, partnership_name=partnership.name, presentation=presenting)
    drawn[wanted] = (shown, page)
shown, page = drawn[wanted]
if page is None:
    st.warning(
        f"This view has {len(shown.nodes):,} nodes, more than a browser draws "
        f"comfortably ({MAX_NODES:,}). Choose levels, sectors or organisations in Filters."
    )
    st.stop()
draw_map(
    page,
    view=view,
    title=f"{partnership.name}: {shown.title}",
    height=shown.height + 60,
    key="map_drawing",
    on_move=state.move,
)
if routes:
    st.text(
        f"{len(routes)} shortest route{'s' * (len(routes) > 1)} from {names[start]} to "
        f"{names[end]}, through: "
        + "; ".join(" → ".join(everyone[n].rsplit(" (", 1)[0] for n in way) for way in routes)
    )
if shown.ties_left_out:
    every = len(shown.edges) + shown.ties_left_out
    st.caption(
        f"Drawing the {len(shown.edges):,} strongest ties of {every:,} (and every tie of a "
        "highlighted organisation): choose levels, sectors or organisations to see the rest."
    )
elif len(shown.edges) > MANY_TIES:
    st.caption(
        f"This view draws {len(shown.edges):,} ties, which takes a browser several seconds: "
        "choose levels, sectors or organisations in Filters to draw fewer."
    )
st.download_button(
    "Download this view as a web page (opens offline)",
    page,
    file_name=map_file_name(partnership.name, shown) + ".html",
    mime="text/html",
    on_click="ignore",  # no rerun, which can lose the file: tests/test_architecture.py
)
changes_panel(state, changed, since)
st.caption(
    "Hover over a node for its name and details; drag the background to move around; zoom "
    "with + and −, Ctrl + scroll or a pinch (a plain scroll scrolls the page). Drag a node to "
    "put it somewhere else: it stays there, and is saved with the map. Find a name in the box "
    "above the map. Full screen and Save PNG are at its top right."
)
