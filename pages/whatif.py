"""What if…: choose people or organisations who leave, and see who is cut off and which
findings appear, on the map and as a list."""

import streamlit as st

from mapper import MapperError
from mapper.diagnosis import simulate_departures
from mapper.render.map_html import map_html
from mapper.render.network import build_view
from mapper.render.tables import organisation_options, person_options
from mapper.render.text import escape_markdown
from mapper.vocabulary import label
from pages.session import current_diagnosis, current_map, kept, positions, through_the_app

through_the_app()

partnership = current_map()
st.title("What if they leave?")
st.caption("A rehearsal, not an edit: the map itself does not change.")

people, organisations = person_options(partnership), organisation_options(partnership)
left, right = st.columns(2)
leaving_people = left.multiselect(
    "People who leave", list(people), format_func=people.get, **kept("whatif_people", [])
)
leaving_orgs = right.multiselect(
    "Organisations that withdraw (with their people)",
    list(organisations),
    format_func=organisations.get,
    **kept("whatif_organisations", []),
)
leaving = [*leaving_people, *leaving_orgs]
if not leaving:
    st.info("Choose who leaves to see what would change.")
    st.stop()

try:
    after = simulate_departures(partnership, leaving, before=current_diagnosis())
except MapperError as error:
    st.error(escape_markdown(str(error)))  # it names records
    st.stop()

cut_off = [org for group in after.cut_off for org in group]
columns = st.columns(3)
columns[0].metric("Organisations cut off", len(cut_off))
columns[1].metric("New findings", len(after.appear))
columns[2].metric("Meetings left without a chair", len(after.meetings_without_chair))

if after.cut_off:
    st.subheader("Cut off from the rest of the partnership")
    for group in after.cut_off:
        st.markdown("- " + escape_markdown(", ".join(label(partnership, o) for o in group)))
else:
    st.success("Every remaining organisation can still reach every other.")
if after.meetings_without_chair:
    st.subheader("Meetings that lose their chair")
    st.dataframe(
        [{"meeting": label(partnership, m)} for m in after.meetings_without_chair], hide_index=True
    )

st.subheader("The partnership without them (cut-off organisations highlighted)")
shown = build_view(
    after.partnership, "organisations", highlight=cut_off, positions=positions("organisations")
)
st.iframe(map_html(shown, partnership_name=after.partnership.name), height=shown.height + 20)

st.subheader("Findings that would appear")
for finding in after.appear:
    st.markdown(
        f"- **{escape_markdown(finding.title)}**  \n  {escape_markdown(finding.recommendation)}"
    )
if not after.appear:
    st.caption("None.")
st.subheader("Findings that would no longer apply")
for finding in after.vanish:
    st.markdown(f"- {escape_markdown(finding.title)}")
if not after.vanish:
    st.caption("None.")
