"""The two sheets that hold no records: the self-assessment, one statement a row, and the
settings, one threshold a row. Each row goes into the draft map with the cell it came from.
"""

from __future__ import annotations

from mapper.integrity import closest
from mapper.model import Partnership, Settings
from mapper.questionnaire import ANSWERS, QUESTION_IDS, QUESTIONS
from mapper.sheets.draft import MAP_KEYS, Cell, Draft
from mapper.sheets.read import Table
from mapper.sheets.templates import word_key

__all__ = ["add_answers", "add_settings"]


def add_answers(table: Table, draft: Draft) -> None:
    """The self-assessment, one statement a row; a row left unanswered is simply not answered
    yet (the exported sheet lists every statement, to be filled in)."""
    answered_at: dict[str, int] = {}
    for number, cells in table.rows:
        question = _statement_of(table, number, cells, draft)
        answer, note = table.value(cells, "answer"), table.value(cells, "note")
        if question is None:
            continue
        if not answer:
            if note:
                draft.refuse(
                    Cell(table.where, number, "answer"),
                    (
                        f"is empty but the row has a note; write one of "
                        f"{', '.join(a.replace('_', ' ') for a in ANSWERS)}"
                    ),
                )
            continue
        if question in answered_at:
            draft.refuse(
                Cell(table.where, number, None),
                (
                    f"answers '{question}' again (row {answered_at[question]} answers it too); "
                    "keep one of the two rows"
                ),
            )
            continue
        answered_at[question] = number
        draft.assessment[question] = {
            "answer": word_key(answer),
            **({"note": note} if note else {}),
        }
        for part, column in (("", None), (".answer", "answer"), (".note", "note")):
            draft.origin[f"assessment.{question}{part}"] = Cell(table.where, number, column)


def _statement_of(table: Table, number: int, cells: list[str], draft: Draft) -> str | None:
    """The statement a row answers: by its id, or else by its wording as exported."""
    ident, wording = table.value(cells, "id"), table.value(cells, "statement")
    if ident:
        key = word_key(ident)
        if key in QUESTION_IDS:
            return key
        hint = closest(key, QUESTION_IDS)
        draft.refuse(
            Cell(table.where, number, "id"),
            (
                f"'{ident}' is not a statement of the self-assessment"
                + (f"; did you mean {hint}?" if hint else "; the ids are in the exported sheet")
            ),
        )
        return None
    if wording:
        if _wording_key(wording) in _STATEMENT_BY_WORDING:
            return _STATEMENT_BY_WORDING[_wording_key(wording)]
        if word_key(wording) in QUESTION_IDS:  # an id written in the statement column
            return word_key(wording)
        draft.refuse(
            Cell(table.where, number, "statement"),
            (
                "is not the wording of any statement of the self-assessment; keep the statements "
                "as exported, or write the statement's id in the id column"
            ),
        )
        return None
    if table.value(cells, "answer") or table.value(cells, "note"):
        draft.refuse(
            Cell(table.where, number, "id"),
            ("is empty; write the id of the statement this row answers (like clear_story)"),
        )
    return None


def _wording_key(text: str) -> str:
    return " ".join(text.casefold().rstrip(" .").split())


_STATEMENT_BY_WORDING = {_wording_key(q.statement): q.id for q in QUESTIONS}


def add_settings(table: Table, draft: Draft) -> None:
    """Thresholds of the diagnosis; a setting left empty keeps its documented default."""
    known = (*MAP_KEYS, *Settings.model_fields)
    given_at: dict[str, int] = {}
    for number, cells in table.rows:
        name, value = word_key(table.value(cells, "setting")), table.value(cells, "value")
        if not name:
            draft.refuse(
                Cell(table.where, number, "setting"),
                (f"is empty; write one of {', '.join(known)}"),
            )
            continue
        if name not in known:
            hint = closest(name, known)
            draft.refuse(
                Cell(table.where, number, "setting"),
                (
                    f"'{table.value(cells, 'setting')}' is not a setting; "
                    + (f"did you mean {hint}?" if hint else f"the settings are {', '.join(known)}")
                ),
            )
            continue
        if name in given_at:
            draft.refuse(
                Cell(table.where, number, None),
                (f"sets '{name}' again (row {given_at[name]} sets it too); keep one of the rows"),
            )
            continue
        given_at[name] = number
        if name in MAP_KEYS:
            # Its default is what a map says by leaving it out (a version 1 map stays one).
            if value and word_key(value) != Partnership.model_fields[name].default:
                draft.header[name] = word_key(value)
                draft.origin[name] = Cell(table.where, number, "value")
        elif value:
            draft.settings[name] = _number(value)
            draft.origin[f"settings.{name}"] = Cell(table.where, number, "value")


def _number(text: str) -> int | float | str:
    """'3' -> 3, '0.6' and '0,6' (a decimal comma) -> 0.6; other text is left for the loader
    to explain."""
    if text.count(",") == 1 and "." not in text:
        text = text.replace(",", ".")
    try:
        number = float(text)
    except ValueError:
        return text
    return int(number) if number.is_integer() else number
