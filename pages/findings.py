"""Findings: what the diagnosis found, grouped by kind, with evidence and recommendations,
a link to each finding on the map, and the action plan to download."""

from functools import partial

import streamlit as st

from mapper.findings import SEVERITIES
from mapper.render.pdf import pdf_report_file, undrawn_letters_note
from mapper.render.plan import action_plan, plan_csv, plan_markdown
from mapper.render.report import html_report_file, report_file_name
from mapper.render.tables import evidence_rows
from mapper.render.text import escape_markdown
from mapper.vocabulary import readable
from pages.session import current_diagnosis, current_map, kept, through_the_app

through_the_app()

partnership = current_map()
diagnosis = current_diagnosis()
st.title("Findings")

kinds = list(dict.fromkeys(f.kind for f in diagnosis.findings))
left, right = st.columns(2)
severities = left.multiselect(
    "Severity", SEVERITIES, **kept("findings_severity", ["high", "medium", "low"])
)
wanted = right.multiselect("Kinds", kinds, format_func=readable, **kept("findings_kinds", []))
shown = [
    f for f in diagnosis.findings if f.severity in severities and (not wanted or f.kind in wanted)
]
st.caption(f"{len(shown)} of {len(diagnosis.findings)} findings shown, most severe first.")

for kind in dict.fromkeys(f.kind for f in shown):
    group = [f for f in shown if f.kind == kind]
    with st.expander(
        f"{readable(kind).capitalize()} ({len(group)}, {group[0].severity})",
        expanded=group[0].severity == "high",
    ):
        for number, finding in enumerate(group):
            st.markdown(f"**{escape_markdown(finding.title)}**")
            st.markdown(f"*What to do:* {escape_markdown(finding.recommendation)}")
            st.dataframe(evidence_rows(partnership, finding), hide_index=True)
            st.caption("Guidance: " + ", ".join(finding.source))
            if finding.subjects and st.button("Show on the map", key=f"show_{kind}_{number}"):
                st.session_state.highlight = finding.subjects
                st.session_state.map_finding = -1
                st.switch_page("pages/map.py")

st.header("Report for the board")
st.caption(
    "Everything on this page and more in one document: the partnership at a glance, "
    "the map, findings by theme, the action plan, meeting load and the self-assessment. "
    "It is made when you click, on this computer. It contains personal data."
)
left, right = st.columns(2)
left.download_button(
    "Download the report (HTML, opens offline)",
    partial(html_report_file, partnership, diagnosis),  # the session's, not a second run
    file_name=report_file_name(partnership.name, "html"),
    mime="text/html",
    type="primary",
)
right.download_button(
    "Download the report (PDF)",
    partial(pdf_report_file, partnership, diagnosis),
    file_name=report_file_name(partnership.name, "pdf"),
    mime="application/pdf",
)
if note := undrawn_letters_note(partnership):
    st.caption(note)

st.header("Action plan")
plan = action_plan(partnership, diagnosis.findings)
st.caption(
    "One row per recommendation. Fill in owner and date in the download, or after "
    "the board has agreed them."
)
st.dataframe(plan, hide_index=True)
left, right = st.columns(2)
left.download_button(
    "Download the plan as CSV (spreadsheet)",
    plan_csv(plan),
    file_name="action-plan.csv",
    mime="text/csv",
)
right.download_button(
    "Download the plan as Markdown",
    plan_markdown(plan, partnership.name),
    file_name="action-plan.md",
    mime="text/markdown",
)
