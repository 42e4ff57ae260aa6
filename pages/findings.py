"""Findings: the ten to act on first, then every finding grouped by kind or by organisation,
each with its recommendation, its evidence (with a link to it on the map) and the
partnership's decision on it: accepted, with who acts and by when, or set aside with a reason,
kept in the map. Then the report and the action plan, whose owners and dates are edited here.

A big map has thousands of findings: each group lists its first few, with "show more", and
only the finding asked about draws its evidence table, so a page stays quick to draw."""

import datetime as dt
import hashlib
from functools import partial

import streamlit as st

from mapper.decisions import decide, plan_for, undecide
from mapper.errors import MapperError
from mapper.findings import SEVERITIES
from mapper.render.finding_groups import grouped, information_note, severity_words
from mapper.render.letters import undrawn_letters_note
from mapper.render.plan import action_plan, plan_csv, plan_markdown, planned
from mapper.render.tables import evidence_rows
from mapper.render.text import escape_markdown, report_file_name
from mapper.vocabulary import label, readable
from pages.session import (
    app,
    current_diagnosis,
    current_map,
    forget_widgets,
    kept,
    save_panel,
    through_the_app,
    widget,
)

through_the_app()
FIRST, MORE = 5, 20  # findings listed per group at first, and each "show more"
DECISIONS = {"accepted": "Accept: we will act on it", "set_aside": "Set aside: we will not"}

partnership, state = current_map(), app()
diagnosis = current_diagnosis()
st.title("Findings")


def ident_of(finding) -> str:
    """A short stable name for a finding's widgets: what makes it this finding (its kind and
    subjects, or its evidence when it is about the whole system)."""
    return hashlib.sha1(repr(finding.identity()).encode()).hexdigest()[:12]


def listed(group: str) -> int:
    return state.kept.get(f"findings_listed:{group}", FIRST)


def show_more(group: str) -> None:
    state.kept[f"findings_listed:{group}"] = listed(group) + MORE


def look_at(finding: str | None) -> None:
    state.kept["findings_evidence"] = finding  # where and which: stays put after an edit


def show_on_map(subjects: tuple[str, ...]) -> None:
    state.highlight = subjects  # the Map page highlights what the state holds


def changed(new_map) -> None:
    """A decision is an ordinary change of the map: kept as a draft until saved."""
    state.change(new_map)
    state.kept["findings_rerun"] = True  # the whole page shows it, not only the list


def record(finding, key: str) -> None:
    try:
        changed(
            decide(
                current_map(),
                finding.kind,
                finding.subjects,
                widget(f"{key}_decision"),
                widget(f"{key}_reason"),
                owner=widget(f"{key}_owner"),
                due=widget(f"{key}_due"),
            )
        )
        state.kept.pop(f"decision_problem:{key}", None)
        state.kept["findings_deciding"] = None
        forget_widgets(prefix=key)
    except MapperError as error:
        state.kept[f"decision_problem:{key}"] = str(error)


def reopen(kind: str, subjects: tuple[str, ...]) -> None:
    state.kept["findings_deciding"] = None
    changed(undecide(current_map(), kind, subjects))


def decision_line(finding) -> str:
    decision = diagnosis.decision_of(finding)
    if decision is None:
        return ""
    if decision.decision == "set_aside":
        return f"  \n*Set aside:* {escape_markdown(decision.reason or '')}"
    who = f", owner {escape_markdown(decision.owner)}" if decision.owner else ""
    due = f", due {decision.due:%d %b %Y}" if decision.due else ""
    return f"  \n*Accepted{who}{due}.*"


def deciding(key: str | None) -> None:
    state.kept["findings_deciding"] = key  # the one finding whose decision is being made


def decision_form(finding, key: str) -> None:
    """The decision on one finding, drawn only for the finding asked about (a page of
    findings draws one set of these widgets, not one per finding)."""
    decision = diagnosis.decision_of(finding)
    with st.container(border=True):
        st.radio(
            "Decision",
            list(DECISIONS),
            format_func=DECISIONS.get,
            index=list(DECISIONS).index(decision.decision) if decision else 0,
            key=f"{key}_decision",
            horizontal=True,
        )
        st.text_input(
            "Reason (needed to set it aside)", decision and decision.reason, key=f"{key}_reason"
        )
        owner, due = st.columns(2)
        owner.text_input("Owner (who acts)", decision and decision.owner, key=f"{key}_owner")
        due.date_input("Due by", decision and decision.due, key=f"{key}_due", format="DD/MM/YYYY")
        if problem := state.kept.get(f"decision_problem:{key}"):
            st.error(escape_markdown(problem))
        buttons = st.container(horizontal=True)
        buttons.button(
            "Record the decision",
            key=f"{key}_record",
            type="primary",
            on_click=record,
            args=(finding, key),
        )
        buttons.button("Cancel", key=f"{key}_cancel", on_click=deciding, args=(None,))
        if decision is not None:
            buttons.button(
                "Open it again (remove the decision)",
                key=f"{key}_reopen",
                on_click=reopen,
                args=(finding.kind, finding.subjects),
            )


def evidence(key: str, finding) -> None:
    with st.container(border=True):
        st.dataframe(evidence_rows(partnership, finding, most=None), hide_index=True)
        st.caption("Guidance: " + "; ".join(finding.source))
        buttons = st.container(horizontal=True)
        if finding.subjects and buttons.button(
            "Show on the map",
            key=f"{key}_map",
            type="primary",
            on_click=show_on_map,
            args=(finding.subjects,),
        ):
            st.switch_page("pages/map.py")
        buttons.button("Hide the evidence", key=f"{key}_hide", on_click=look_at, args=(None,))


def finding_item(finding, where: str, number: str = "") -> None:
    """One finding: title, what to do, its decision, and its evidence and decision buttons."""
    key = f"{where}_{ident_of(finding)}"
    st.markdown(
        f"{number}**{escape_markdown(finding.title)}**  \n"
        f"*What to do:* {escape_markdown(finding.recommendation)}" + decision_line(finding)
    )
    buttons = st.container(horizontal=True)
    if state.kept.get("findings_deciding") != key:
        decided = diagnosis.decision_of(finding) is not None
        buttons.button(
            "Change the decision" if decided else "Decide",
            key=f"{key}_decide",
            on_click=deciding,
            args=(key,),
        )
    if state.kept.get("findings_evidence") != key:
        buttons.button("Show the evidence", key=f"{key}_evidence", on_click=look_at, args=(key,))
    if state.kept.get("findings_deciding") == key:
        decision_form(finding, key)
    if state.kept.get("findings_evidence") == key:
        evidence(key, finding)


open_findings = diagnosis.open
set_aside = diagnosis.set_aside
st.caption(
    f"{len(diagnosis.findings)} findings: "
    f"{severity_words([f.severity for f in diagnosis.findings]) or 'none'}"
    + (f"; {len(set_aside)} set aside by the partnership (listed at the end)" if set_aside else "")
    + ". Decide on each in the room: accept it (and say who acts, by when) or set it aside "
    "with a reason. Decisions are kept in the map, so they do not come back at the next "
    "workshop."
)

st.subheader("Act on these first")
st.caption(
    "The ten findings with the highest priority: the most severe, then those that touch the "
    "most organisations, people and meeting hours. Every finding is listed below."
)
for rank, finding in enumerate(diagnosis.first(10), start=1):
    finding_item(finding, "top", f"{rank}\\. {finding.severity.upper()} · ")


@st.fragment
def findings_list() -> None:
    """The filters and the list: a change here reruns this part of the page only."""
    if state.kept.pop("findings_rerun", False):
        st.rerun(scope="app")
    st.subheader("Every finding")
    kinds = list(dict.fromkeys(f.kind for f in open_findings))
    left, middle, right = st.columns([2, 2, 1])
    severities = left.multiselect(
        "Severity", SEVERITIES, **kept("findings_severity", ["high", "medium", "low"])
    )
    wanted = middle.multiselect("Kinds", kinds, format_func=readable, **kept("findings_kinds", []))
    by = right.radio("Group by", ["kind", "organisation"], **kept("findings_group_by", "kind"))
    shown = [
        f for f in open_findings if f.severity in severities and (not wanted or f.kind in wanted)
    ]
    st.caption(
        f"{len(shown)} of {len(open_findings)} findings shown, most severe first"
        + (
            "; a finding about several organisations is listed under each."
            if by == "organisation"
            else "."
        )
    )
    if note := information_note(open_findings, severities):
        st.info(note)
    for group in grouped(partnership, shown, by):
        with st.expander(group.heading, expanded=group.most_severe == "high"):
            for position in group.positions[: listed(group.key)]:
                finding_item(shown[position], f"g{by[0]}{group.key}")
            hidden = len(group.positions) - listed(group.key)
            if hidden > 0:
                st.button(
                    f"Show {min(MORE, hidden)} more ({hidden} not listed)",
                    key=f"more_{by}_{group.key}",
                    on_click=show_more,
                    args=(group.key,),
                )


findings_list()

if set_aside:
    with st.expander(f"Set aside by the partnership ({len(set_aside)})"):
        for finding, decision in set_aside:
            when = f" on {decision.date:%d %b %Y}" if decision.date else ""
            st.markdown(
                f"**{escape_markdown(finding.title)}**  \n"
                f"*Set aside{when}:* {escape_markdown(decision.reason or '')}"
            )
            st.button(
                "Open it again",
                key=f"reopen_{ident_of(finding)}",
                on_click=reopen,
                args=(finding.kind, finding.subjects),
            )
if gone := diagnosis.no_longer_applying:
    with st.expander(f"Decisions that no longer apply ({len(gone)})"):
        st.caption(
            "The map keeps these decisions, but their findings are not found any more: the "
            "problem went, or the people, meetings or organisations it was about changed."
        )
        for decision in gone:
            about = ", ".join(label(partnership, s) for s in decision.subjects)
            what = "Accepted" if decision.decision == "accepted" else "Set aside"
            st.markdown(
                f"**{escape_markdown(readable(decision.kind).capitalize())}**"
                + (f" about {escape_markdown(about)}" if about else "")
                + f"  \n*{what}:* {escape_markdown(decision.reason or '')}"
            )
            key = hashlib.sha1(repr(decision.finding_key).encode()).hexdigest()[:12]
            st.button(
                "Remove the decision",
                key=f"remove_{key}",
                on_click=reopen,
                args=(decision.kind, decision.subjects),
            )

st.header("Action plan")
plan_findings = planned(diagnosis.by_priority, diagnosis.decision_of)
plan = state.derived(
    "action_plan", lambda p: action_plan(p, diagnosis.by_priority, diagnosis.decision_of)
)
st.caption(
    "One row per problem, the one to act on first first (set-aside and information findings "
    "are left out), numbered as in the report. Type "
    "who acts and by when in the owner and due by columns, then keep them: they are saved "
    "in the map with the finding's decision, and the report shows them."
)


def keep_plan() -> None:
    edits = (widget("plan_editor") or {}).get("edited_rows", {})
    changed_map = current_map()
    try:
        for row, change in edits.items():
            finding, before = plan_findings[int(row)], plan[int(row)]
            owner = change.get("owner", before["owner"])
            due = change.get("due by", before["due by"] or None)
            if isinstance(due, str):
                due = dt.date.fromisoformat(due[:10]) if due else None
            changed_map = plan_for(changed_map, finding.kind, finding.subjects, owner, due)
    except (MapperError, ValueError) as error:
        state.kept["plan_problem"] = str(error)
        return
    state.kept.pop("plan_problem", None)
    forget_widgets(["plan_editor"])
    if changed_map is not current_map():
        changed(changed_map)


st.data_editor(
    [
        {**row, "due by": dt.date.fromisoformat(row["due by"]) if row["due by"] else None}
        for row in plan
    ],
    key="plan_editor",
    hide_index=True,
    column_order=("number", "severity", "finding", "owner", "due by", "status", "about", "action"),
    column_config={
        "finding": st.column_config.TextColumn("finding", width="medium"),
        "owner": st.column_config.TextColumn(
            "owner", max_chars=200, width="medium", help="Who acts on it: type a name"
        ),
        "due by": st.column_config.DateColumn(
            "due by", format="DD/MM/YYYY", width=110, help="By when: pick a date"
        ),
    },
    disabled=("number", "severity", "finding", "about", "action", "source", "status"),
)
st.button("Keep the owners and dates", on_click=keep_plan, type="primary")
if problem := state.kept.get("plan_problem"):
    st.error(escape_markdown(problem))
left, right = st.columns(2)
left.download_button(
    "Download the plan as CSV (spreadsheet)",
    partial(plan_csv, plan),
    file_name="action-plan.csv",
    mime="text/csv",
    on_click="ignore",  # no rerun, which can lose the file: tests/test_architecture.py
)
right.download_button(
    "Download the plan as Markdown",
    partial(plan_markdown, plan, partnership.name),
    file_name="action-plan.md",
    mime="text/markdown",
    on_click="ignore",  # no rerun, which can lose the file: tests/test_architecture.py
)

st.header("Report for the board")
st.caption(
    "A summary on page one (the partnership, four headline figures, the five problems to act "
    "on first), then the action plan, those problems in full, the map, meeting load, the "
    "self-assessment and the guidance. It is made when you click, on this computer. It "
    "contains personal data."
)
full = st.toggle(
    "Full report: every finding in full, and every self-assessment statement",
    key="report_full",
    help="The short report tells the five problems to act on first in full and lists the "
    "rest in the action plan; the full one adds every finding, as an appendix.",
)


def html_report() -> bytes:
    from mapper.render.report import html_report_file  # the drawing libraries, when clicked

    return html_report_file(partnership, diagnosis, full=full)  # the session's diagnosis


def pdf_report() -> bytes:
    from mapper.render.pdf import pdf_report_file  # the PDF library, when clicked

    return pdf_report_file(partnership, diagnosis, full=full)


left, right = st.columns(2)
left.download_button(
    "Download the report (HTML, opens offline)",
    html_report,
    file_name=report_file_name(partnership.name, "html", full=full),
    mime="text/html",
    type="primary",
    on_click="ignore",  # no rerun, which can lose the file: tests/test_architecture.py
)
right.download_button(
    "Download the report (PDF)",
    pdf_report,
    file_name=report_file_name(partnership.name, "pdf", full=full),
    mime="application/pdf",
    on_click="ignore",  # no rerun, which can lose the file: tests/test_architecture.py
)
if note := state.shared("undrawn_letters", lambda a: undrawn_letters_note(a.partnership)):
    st.caption(note)

if state.unsaved:
    save_panel("findings_file")
