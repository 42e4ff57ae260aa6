"""Compare: what changed between the open map and its snapshot, a saved version of it or an
uploaded file, with the findings that appeared, changed and went (`python -m mapper diff` as
a page)."""

from functools import partial

import streamlit as st

from mapper import MapperError, parse_map
from mapper.model import Partnership
from mapper.render.review import review_section
from mapper.render.text import escape_markdown, report_file_name
from mapper.review import map_words
from pages.drawing import show_changes, snapshot_words
from pages.session import app, current_map, kept, through_the_app

through_the_app()

partnership = current_map()
state = app()
st.title("Compare")
st.caption(
    "What changed between two versions of this map: the records added, removed and changed, "
    "who joined and left each meeting, and the findings that appeared, changed and went; then the "
    "problems resolved, new and still open, with the headline figures then and now."
)
snapshot = snapshot_words(state.snapshot_taken)
choices = {"snapshot": snapshot[0].upper() + snapshot[1:]}
history = (
    state.map_store.history(state.map_name)
    if state.stored and state.map_store is not None and state.map_name is not None
    else []
)
if history:
    choices["version"] = "A saved version of this map"
choices["file"] = "A map file"
against = st.radio(
    "Compare the open map with",
    list(choices),
    format_func=choices.get,
    **kept("compare", "snapshot"),
)

earlier: Partnership | None = None
described, taken = "", None
if against == "snapshot":
    earlier, described = state.snapshot, snapshot
    taken = state.snapshot_taken.astimezone().date() if state.snapshot_taken else None
elif against == "version" and state.map_store is not None and state.map_name is not None:
    shown = {
        v.id: v.saved_at.astimezone().strftime("the version replaced %d %b %Y at %H:%M:%S")
        for v in history
    }
    when = {v.id: v.saved_at.astimezone().date() for v in history}
    chosen = st.selectbox("Version", list(shown), format_func=shown.get, key="compare_version")
    try:
        earlier, described = state.map_store.open_version(state.map_name, chosen), shown[chosen]
        taken = when[chosen]
    except MapperError as error:
        st.error(escape_markdown(str(error)))
else:
    upload = st.file_uploader("A map file (.yaml)", type=["yaml", "yml"], key="compare_file")
    if upload is not None:
        try:
            earlier = parse_map(upload.getvalue(), filename=upload.name)
            described, taken = map_words(upload.name)  # as the command line names it
        except MapperError as error:
            st.error("That file could not be read, so nothing is compared:")
            st.code(str(error), language=None)

if earlier is None:
    st.info("Choose what to compare the open map with.")
    st.stop()

reviewed = state.reviewed_since(earlier, described, taken)
review = review_section(reviewed)
st.subheader(escape_markdown(f"From {review.since} to {review.now}"))
show_changes(state.as_shown(earlier), partnership, state.compared_with(earlier))
st.subheader("Problems and headline figures")
st.write(review.summary)
st.dataframe(review.table, hide_index=True, width="stretch")
for problems in review.lists:
    more = [f"- … and {problems.more} more"] if problems.more else []
    listed = [f"- {escape_markdown(title)}" for title in problems.titles] + more
    st.markdown("\n".join([f"**{problems.heading}** ({problems.count})", "", *listed]))


def report(as_pdf: bool) -> bytes:
    # The drawing and PDF libraries, when clicked; the session's diagnosis, not a second run.
    from mapper.render.pdf import report_pdf
    from mapper.render.report import build_report, report_html

    built = build_report(partnership, reviewed.newest.diagnosis, review=reviewed)
    return report_pdf(built) if as_pdf else report_html(built).encode("utf-8")


for column, (words, ending) in zip(st.columns(2), (("PDF", "pdf"), ("HTML", "html")), strict=True):
    column.download_button(
        f"Download the report with this review ({words})",
        partial(report, as_pdf=ending == "pdf"),
        file_name=report_file_name(partnership.name, ending),
        mime="application/pdf" if ending == "pdf" else "text/html",
        on_click="ignore",  # no rerun, which can lose the file: tests/test_architecture.py
    )
st.button(
    "Mark changes on the map from now (take a snapshot)",
    on_click=state.take_snapshot,
    help="The Map page marks what is added or changed after this.",
)
