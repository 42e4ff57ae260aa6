"""Self-assessment: the partnership rates itself against the guidance's checklists, and sees
beside each statement what the map shows. Each answer changes the map at once; save it below."""

from functools import partial

import streamlit as st

from mapper.answers import answer_statement, take_answers
from mapper.assessment import assess, group_scores, overall_score
from mapper.errors import MapperError, SheetError
from mapper.questionnaire import ANSWERS, DRAWN_FROM, GROUPS
from mapper.render.tables import statement_findings
from mapper.render.text import escape_markdown, problem_list
from mapper.sheets.export import tables_workbook
from mapper.vocabulary import readable
from pages.session import (
    app,
    current_diagnosis,
    current_map,
    default_widget,
    forget_widgets,
    save_panel,
    through_the_app,
    widget,
)

through_the_app()

NOT_ANSWERED = "not answered"
partnership, state = current_map(), app()
diagnosis = current_diagnosis()
statements = state.derived("assessment", lambda p: assess(p, diagnosis.findings))
st.title("Self-assessment")
st.caption(
    f"Seventeen statements drawn from {DRAWN_FROM}. Answer each as a partnership; beside it is "
    "what the map shows. Not yet scores 0, partly 1, yes 2."
)


def take_answers_from_sheet() -> None:
    files = widget("answers_files") or []
    try:
        taken = take_answers(current_map(), [(f.name, f.getvalue()) for f in files])
    except SheetError as error:
        state.answers_outcome = error
        return
    if taken.changed:
        state.change(taken.partnership)
        # the radios and notes below show the new answers
        forget_widgets(
            [f"{kind}_{question}" for question in taken.changed for kind in ("answer", "note")]
        )
    state.answers_outcome = taken


with st.expander("Answer in a spreadsheet"):
    st.markdown(
        "Send the questionnaire round before the meeting: one sheet with the "
        "seventeen statements and this map's answers, naming nobody. Read the answers "
        "back here; they replace the map's answers to the same statements, and "
        "statements left unanswered keep theirs."
    )
    st.download_button(
        "Download the questionnaire (Excel)",
        partial(tables_workbook, partnership, ("assessment",)),
        file_name="self-assessment.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        on_click="ignore",  # no rerun, which can lose the file: tests/test_architecture.py
    )
    files = st.file_uploader(
        "The questionnaire filled in (.xlsx or .csv)",
        type=["xlsx", "csv"],
        accept_multiple_files=True,
        key="answers_files",
    )
    st.button("Read the answers", disabled=not files, on_click=take_answers_from_sheet)
    outcome = state.answers_outcome
    if isinstance(outcome, SheetError):
        st.error("Nothing was read; fix these in the spreadsheet and read it again:")
        st.markdown(problem_list(outcome.problems))
    elif outcome is not None:
        changed = outcome.changed
        st.success(
            f"Read {len(outcome.answers)} answers; {len(changed)} changed the map"
            + (f" ({', '.join(readable(q) for q in changed)})." if changed else ".")
        )
    if outcome is not None and outcome.warnings:
        st.markdown(problem_list(list(outcome.warnings)))

columns = st.columns(len(GROUPS) + 1)
for column, score in zip(
    columns, [*group_scores(statements), overall_score(statements)], strict=True
):
    column.metric(
        score.group,
        f"{score.percent}%" if score.percent is not None else "–",
        f"{score.answered} of {score.statements} answered",
        delta_color="off",
        delta_arrow="off",
    )


def record_answer(question: str) -> None:
    answer = widget(f"answer_{question}")
    note = widget(f"note_{question}")
    try:
        state.change(
            answer_statement(
                current_map(),
                question,
                None if answer == NOT_ANSWERED else answer,
                note,
            )
        )
        state.answer_problems.pop(question, None)
    except MapperError as error:
        state.answer_problems[question] = str(error)


for group in GROUPS:
    st.header(group)
    for statement in (s for s in statements if s.question.group == group):
        ident = statement.question.id
        default_widget(f"answer_{ident}", statement.answer or NOT_ANSWERED)
        default_widget(f"note_{ident}", statement.note or "")
        left, right = st.columns([3, 2], gap="large")
        left.markdown(f"**{escape_markdown(statement.question.statement)}**")
        left.radio(
            "Answer",
            [NOT_ANSWERED, *ANSWERS],
            format_func=readable,
            horizontal=True,
            key=f"answer_{ident}",
            on_change=record_answer,
            args=(ident,),
        )
        left.text_input(
            "Note (what makes you say so)",
            key=f"note_{ident}",
            on_change=record_answer,
            args=(ident,),
        )
        if widget(f"note_{ident}") and statement.answer is None:
            left.caption("Choose an answer to keep this note in the map.")
        if state.answer_problems.get(ident):
            left.error("The note was not kept: " + escape_markdown(state.answer_problems[ident]))
        right.markdown("**What the map shows**")
        if statement.questioned:
            right.warning(
                "You answered yes, but the map shows problems this should have prevented:"
            )
        if statement.related:
            right.markdown(
                "\n".join(f"- {escape_markdown(line)}" for line in statement_findings(statement))
            )
        else:
            right.caption("Nothing in the map bears against this.")
        st.divider()

save_panel("assessment_file")
