"""Findings: what the diagnosis found, grouped by kind, each with its recommendation; the
evidence of one finding at a time (with a link to it on the map), and the report and action
plan to download.

A big map has thousands of findings: each kind lists its first few, with "show more", and
only the finding asked about draws its evidence table, so a page stays quick to draw."""

from functools import partial

import streamlit as st

from mapper.findings import SEVERITIES
from mapper.render.letters import undrawn_letters_note
from mapper.render.plan import action_plan, plan_csv, plan_markdown
from mapper.render.tables import evidence_rows
from mapper.render.text import escape_markdown, report_file_name
from mapper.vocabulary import readable
from pages.session import app, current_diagnosis, current_map, kept, through_the_app

through_the_app()
FIRST, MORE = 5, 20  # findings listed per kind at first, and each "show more"

partnership, state = current_map(), app()
diagnosis = current_diagnosis()
st.title("Findings")


def listed(kind: str) -> int:
    return state.kept.get(f"findings_listed:{kind}", FIRST)


def show_more(kind: str) -> None:
    state.kept[f"findings_listed:{kind}"] = listed(kind) + MORE


def look_at(finding: tuple[str, str] | None) -> None:
    state.kept["findings_evidence"] = finding  # by kind and title: stays put after an edit


def show_on_map(subjects: tuple[str, ...]) -> None:
    state.highlight = subjects  # the Map page highlights what the state holds


def evidence(position: int, finding) -> None:
    with st.container(border=True):
        st.dataframe(evidence_rows(partnership, finding), hide_index=True)
        st.caption("Guidance: " + ", ".join(finding.source))
        buttons = st.container(horizontal=True)
        if finding.subjects and buttons.button(
            "Show on the map",
            key=f"map_{position}",
            type="primary",
            on_click=show_on_map,
            args=(finding.subjects,),
        ):
            st.switch_page("pages/map.py")
        buttons.button("Hide the evidence", key=f"hide_{position}", on_click=look_at, args=(None,))


@st.fragment
def findings_list() -> None:
    """The filters and the list: a change here reruns this part of the page only."""
    kinds = list(dict.fromkeys(f.kind for f in diagnosis.findings))
    left, right = st.columns(2)
    severities = left.multiselect(
        "Severity", SEVERITIES, **kept("findings_severity", ["high", "medium", "low"])
    )
    wanted = right.multiselect("Kinds", kinds, format_func=readable, **kept("findings_kinds", []))
    shown: dict[str, list[int]] = {}  # kind -> positions in diagnosis.findings
    for position, f in enumerate(diagnosis.findings):
        if f.severity in severities and (not wanted or f.kind in wanted):
            shown.setdefault(f.kind, []).append(position)
    st.caption(
        f"{sum(map(len, shown.values()))} of {len(diagnosis.findings)} findings shown, most "
        "severe first. Open a finding's evidence to see who and what it is about, and to "
        "show it on the map."
    )
    for kind, positions in shown.items():
        first = diagnosis.findings[positions[0]]
        label = f"{readable(kind).capitalize()} ({len(positions)}, {first.severity})"
        with st.expander(label, expanded=first.severity == "high"):
            for position in positions[: listed(kind)]:
                finding = diagnosis.findings[position]
                st.markdown(
                    f"**{escape_markdown(finding.title)}**  \n"
                    f"*What to do:* {escape_markdown(finding.recommendation)}"
                )
                ident = (finding.kind, finding.title)
                if state.kept.get("findings_evidence") == ident:
                    evidence(position, finding)
                else:
                    st.button(
                        "Show the evidence",
                        key=f"evidence_{position}",
                        on_click=look_at,
                        args=(ident,),
                    )
            hidden = len(positions) - listed(kind)
            if hidden > 0:
                st.button(
                    f"Show {min(MORE, hidden)} more ({hidden} not listed)",
                    key=f"more_{kind}",
                    on_click=show_more,
                    args=(kind,),
                )


st.subheader("Act on these first")
st.caption(
    "The ten findings with the highest priority: the most severe, then those that touch the "
    "most organisations, people and meeting hours. Every finding is listed by kind below."
)
for finding in diagnosis.first(10):
    st.markdown(
        f"{finding.priority}\\. **{escape_markdown(finding.title)}**  \n"
        f"*What to do:* {escape_markdown(finding.recommendation)}"
    )

findings_list()

st.header("Report for the board")
st.caption(
    "Everything on this page and more in one document: the partnership at a glance, "
    "the map, findings by theme, the action plan, meeting load and the self-assessment. "
    "It is made when you click, on this computer. It contains personal data."
)


def html_report() -> bytes:
    from mapper.render.report import html_report_file  # the drawing libraries, when clicked

    return html_report_file(partnership, diagnosis)  # the session's, not a second run


def pdf_report() -> bytes:
    from mapper.render.pdf import pdf_report_file  # the PDF library, when clicked

    return pdf_report_file(partnership, diagnosis)


left, right = st.columns(2)
left.download_button(
    "Download the report (HTML, opens offline)",
    html_report,
    file_name=report_file_name(partnership.name, "html"),
    mime="text/html",
    type="primary",
)
right.download_button(
    "Download the report (PDF)",
    pdf_report,
    file_name=report_file_name(partnership.name, "pdf"),
    mime="application/pdf",
)
if note := state.shared("undrawn_letters", lambda a: undrawn_letters_note(a.partnership)):
    st.caption(note)

st.header("Action plan")
plan = state.derived("action_plan", lambda p: action_plan(p, diagnosis.findings))
st.caption(
    "One row per recommendation. Fill in owner and date in the download, or after "
    "the board has agreed them."
)
st.dataframe(plan, hide_index=True)
left, right = st.columns(2)
left.download_button(
    "Download the plan as CSV (spreadsheet)",
    partial(plan_csv, plan),
    file_name="action-plan.csv",
    mime="text/csv",
)
right.download_button(
    "Download the plan as Markdown",
    partial(plan_markdown, plan, partnership.name),
    file_name="action-plan.md",
    mime="text/markdown",
)
