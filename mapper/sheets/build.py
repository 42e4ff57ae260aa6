"""Tables read from spreadsheets, made into a map; problems reported by sheet, row and column.

Three steps. Ids are given to every row (taken from the `id` column, or made from the name,
as people keep lists by name). References are resolved, by id or by name, since a meeting list
names its chair by name. Then the map is validated by the loader itself, and each problem it
finds is traced back from its place in the map (`people[3].level`) to the cell it came from.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from mapper.errors import InvalidMapError, SheetProblem
from mapper.integrity import closest, format_loc
from mapper.load import validate_data
from mapper.model import (
    FORMAT_VERSION,
    FREQUENCY_WORDS,
    ID_PATTERN,
    SECTIONS,
    Partnership,
    Settings,
    slug,
)
from mapper.questionnaire import ANSWERS, QUESTION_IDS, QUESTIONS
from mapper.sheets.read import Table
from mapper.sheets.templates import SHEETS, Column, word_key

__all__ = ["build_map"]

_SECTIONS = tuple(SECTIONS)
_WITH_IDS = tuple(s.name for s in SECTIONS.values() if s.has_ids)
_UK_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
_DURATION = re.compile(r"^(\d+(?:\.\d+)?)\s*(m|min|mins|minutes|h|hr|hrs|hour|hours)?$")


@dataclass(frozen=True)
class _Cell:
    sheet: str
    row: int | None
    column: str | None


@dataclass
class _Draft:
    """The map being built, and where each of its parts came from."""

    records: dict[str, list[dict[str, Any]]] = field(
        default_factory=lambda: {s: [] for s in _SECTIONS}
    )
    origin: dict[str, _Cell] = field(default_factory=dict)  # format_loc -> cell
    assessment: dict[str, dict[str, str]] = field(default_factory=dict)
    settings: dict[str, Any] = field(default_factory=dict)
    problems: list[SheetProblem] = field(default_factory=list)
    warnings: list[SheetProblem] = field(default_factory=list)
    ids: dict[str, dict[str, str]] = field(default_factory=lambda: defaultdict(dict))
    row_ids: dict[tuple[str, int], str] = field(default_factory=dict)
    shown_names: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    names: dict[str, dict[str, list[str]]] = field(
        default_factory=lambda: defaultdict(lambda: defaultdict(list))
    )

    def refuse(self, cell: _Cell, message: str) -> None:
        self.problems.append(SheetProblem(cell.sheet, cell.row, cell.column, message))


def build_map(
    tables: Iterable[Table], name: str
) -> tuple[Partnership | None, list[SheetProblem], list[SheetProblem]]:
    """The map the tables describe (None when there are problems), the problems, warnings."""
    tables = list(tables)
    draft = _Draft()
    for table in _in_order(tables, _WITH_IDS):
        _give_ids(table, draft)
    for table in _in_order(tables, _SECTIONS):
        _fill_records(table, draft)
    for table in _in_order(tables, ("attendance",)):
        _add_attendance(table, draft)
    for table in _in_order(tables, ("assessment",)):
        _add_answers(table, draft)
    for table in _in_order(tables, ("settings",)):
        _add_settings(table, draft)
    # Validate even after problems, so one run reports them all; a cell already reported
    # (a chair nobody could find) is not reported again as missing.
    data = {
        "version": FORMAT_VERSION,
        "name": name,
        **{s: r for s, r in draft.records.items() if r},
        **({"assessment": draft.assessment} if draft.assessment else {}),
        **({"settings": draft.settings} if draft.settings else {}),
    }
    reported = {(p.sheet, p.row, p.column) for p in draft.problems}
    reported |= {(p.sheet, p.row, None) for p in draft.problems}
    try:
        partnership = validate_data(data, filename="the spreadsheets")
    except InvalidMapError as error:
        for problem in error.problems:
            cell = _origin_of(problem.where, draft)
            if (cell.sheet, cell.row, cell.column) not in reported:
                draft.refuse(cell, _without_record_prefix(problem.message))
        if error.omitted:
            draft.problems.append(
                SheetProblem(
                    "the spreadsheets", None, None, f"... and {error.omitted} more problems"
                )
            )
        partnership = None
    if draft.problems:
        draft.problems.sort(key=lambda p: (p.sheet, p.row or 0))
        return None, draft.problems, draft.warnings
    return partnership, [], draft.warnings


def _in_order(tables: list[Table], templates: tuple[str, ...]) -> list[Table]:
    return [t for template in templates for t in tables if t.template == template]


def _give_ids(table: Table, draft: _Draft) -> None:
    """Every row's id: as written, or made from its name ('Sam Patel' -> sam-patel)."""
    taken = draft.ids[table.template]
    for number, cells in table.rows:
        name, ident = table.value(cells, "name"), table.value(cells, "id")
        if not name and not ident:
            draft.refuse(
                _Cell(table.where, number, "name"),
                ("is empty; every row needs a name (or at least an id)"),
            )
            continue
        if not ident:
            base = slug(name) or f"{_singular(table.template)}-{number}"
            ident, n = base, 2
            while ident in taken or any(ident in draft.ids[s] for s in draft.ids):
                ident, n = f"{base}-{n}", n + 1
        elif not re.match(ID_PATTERN, ident):
            draft.refuse(
                _Cell(table.where, number, "id"),
                (
                    f"'{ident}' is not a valid id: use letters a-z without accents, digits, '-' "
                    "and '_', and no spaces (like 'sam-patel'), or leave it empty to make one "
                    "from the name"
                ),
            )
        taken[ident] = f"{table.where}|{number}"
        if name:
            draft.names[table.template][_name_key(name)].append(ident)
            draft.shown_names[table.template].append(name)
        draft.row_ids[table.where, number] = ident


def _singular(template: str) -> str:
    return SECTIONS[template].record if template in SECTIONS else template


def _name_key(name: str) -> str:
    return " ".join(name.casefold().split())


def _resolve(value: str, column: Column, cell: _Cell, draft: _Draft) -> str | None:
    """The id a cell names, by id or by name; None (and a problem) when it names nobody."""
    for sheet in column.refers_to:
        if value in draft.ids[sheet]:
            return value
    for sheet in column.refers_to:
        found = draft.names[sheet].get(_name_key(value), [])
        if len(found) == 1:
            return found[0]
        if len(found) > 1:
            draft.refuse(
                cell,
                (
                    f"'{value}' is the name of {len(found)} rows in the {sheet} "
                    f"sheet ({', '.join(found)}); write the id instead"
                ),
            )
            return None
    known = [k for s in column.refers_to for k in draft.ids[s]]
    known += [n for s in column.refers_to for n in draft.shown_names[s]]
    hint = closest(value, known)
    names = " or ".join(f"the {s} sheet" for s in column.refers_to)
    draft.refuse(
        cell, (f"'{value}' is not in {names}" + (f"; did you mean {hint}?" if hint else ""))
    )
    return None


def _fill_records(table: Table, draft: _Draft) -> None:
    section = table.template
    for number, cells in table.rows:
        index = len(draft.records[section])
        record: dict[str, Any] = {}
        if SECTIONS[section].has_ids:
            if (table.where, number) not in draft.row_ids:
                continue  # a row with neither name nor id, already reported
            record["id"] = draft.row_ids[table.where, number]
        draft.origin[format_loc((section, index))] = _Cell(table.where, number, None)
        for column in SHEETS[section]:
            if column.name == "id" or column.name not in table.columns:
                continue
            text = table.value(cells, column.name)
            cell = _Cell(table.where, number, column.name)
            draft.origin[format_loc((section, index, column.field))] = cell
            if not text:
                if column.required and column.name != "name":
                    draft.refuse(cell, f"is empty; {_what_to_write(column)}")
                continue
            value = _value(text, column, cell, draft)
            if value is not None:
                record[column.field] = value
                if column.many:
                    for j in range(len(value)):
                        draft.origin[format_loc((section, index, column.field, j))] = cell
        if section == "meetings":
            record["members"] = []
        draft.records[section].append(record)


def _what_to_write(column: Column) -> str:
    if column.refers_to:
        return f"write the id or name of one of the {' or '.join(column.refers_to)}" + (
            " (two co-chairs are separated by ;)" if column.many else ""
        )
    if column.words:
        return f"write one of {', '.join(column.words)}" + (
            ", or a number of times a year" if column.name == "frequency" else ""
        )
    return "fill it in"


def _value(text: str, column: Column, cell: _Cell, draft: _Draft) -> Any:
    if column.many:
        parts = [p.strip() for p in re.split(r"[;\n]", text) if p.strip()]
        values = [_one_value(p, column, cell, draft) for p in parts]
        return None if any(v is None for v in values) else values
    return _one_value(text, column, cell, draft)


def _one_value(text: str, column: Column, cell: _Cell, draft: _Draft) -> Any:
    if column.refers_to:
        return _resolve(text, column, cell, draft)
    if column.name in ("frequency", "revisits_purpose"):  # a word, or times a year
        return _frequency(text)
    if column.words:
        return word_key(text)
    if column.name == "duration":
        return _minutes(text, cell, draft)
    if column.name == "leaving":
        found = _UK_DATE.match(text)
        return f"{found[3]}-{int(found[2]):02d}-{int(found[1]):02d}" if found else text
    return text


def _frequency(text: str) -> str | int | float:
    key = word_key(text)
    if key in FREQUENCY_WORDS:
        return key
    try:
        number = float(text)
    except ValueError:
        return text  # the loader explains which words are allowed
    return int(number) if number.is_integer() else number


def _minutes(text: str, cell: _Cell, draft: _Draft) -> int | None:
    found = _DURATION.match(text.strip().lower())
    if not found:
        draft.refuse(cell, f"'{text}' is not a length of time; write minutes, like 90")
        return None
    amount = float(found[1]) * (60 if (found[2] or "m").startswith("h") else 1)
    return round(amount)


def _add_attendance(table: Table, draft: _Draft) -> None:
    """One row per person per meeting, as attendance is kept; chairs may be listed or not."""
    meetings = {m["id"]: (i, m) for i, m in enumerate(draft.records["meetings"])}
    seen: dict[tuple[str, str], int] = {}
    columns = {c.name: c for c in SHEETS["attendance"]}
    for number, cells in table.rows:
        meeting_text = table.value(cells, "meeting")
        person_text = table.value(cells, "person")
        if not meeting_text or not person_text:
            missing = "meeting" if not meeting_text else "person"
            draft.refuse(
                _Cell(table.where, number, missing),
                (
                    f"is empty; each row names one {missing} "
                    + (
                        "and the person who attends it"
                        if missing == "meeting"
                        else "who attends the meeting"
                    )
                ),
            )
            continue
        meeting_id = _resolve(
            meeting_text, columns["meeting"], _Cell(table.where, number, "meeting"), draft
        )
        person_id = _resolve(
            person_text, columns["person"], _Cell(table.where, number, "person"), draft
        )
        if meeting_id is None or person_id is None or meeting_id not in meetings:
            continue
        if (meeting_id, person_id) in seen:
            draft.warnings.append(
                SheetProblem(
                    table.where,
                    number,
                    None,
                    (
                        f"repeats row {seen[meeting_id, person_id]} ({person_text} at "
                        f"{meeting_text}); "
                        "it was read once"
                    ),
                )
            )
            continue
        seen[meeting_id, person_id] = number
        index, meeting = meetings[meeting_id]
        if person_id in meeting.get("chairs", []) or person_id == meeting.get("vice_chair"):
            continue  # chairs already attend
        draft.origin[format_loc(("meetings", index, "members", len(meeting["members"])))] = _Cell(
            table.where, number, "person"
        )
        meeting["members"].append(person_id)


def _add_answers(table: Table, draft: _Draft) -> None:
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
                    _Cell(table.where, number, "answer"),
                    (
                        f"is empty but the row has a note; write one of "
                        f"{', '.join(a.replace('_', ' ') for a in ANSWERS)}"
                    ),
                )
            continue
        if question in answered_at:
            draft.refuse(
                _Cell(table.where, number, None),
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
            draft.origin[f"assessment.{question}{part}"] = _Cell(table.where, number, column)


def _statement_of(table: Table, number: int, cells: list[str], draft: _Draft) -> str | None:
    """The statement a row answers: by its id, or else by its wording as exported."""
    ident, wording = table.value(cells, "id"), table.value(cells, "statement")
    if ident:
        key = word_key(ident)
        if key in QUESTION_IDS:
            return key
        hint = closest(key, QUESTION_IDS)
        draft.refuse(
            _Cell(table.where, number, "id"),
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
            _Cell(table.where, number, "statement"),
            (
                "is not the wording of any statement of the self-assessment; keep the statements "
                "as exported, or write the statement's id in the id column"
            ),
        )
        return None
    if table.value(cells, "answer") or table.value(cells, "note"):
        draft.refuse(
            _Cell(table.where, number, "id"),
            ("is empty; write the id of the statement this row answers (like clear_story)"),
        )
    return None


def _wording_key(text: str) -> str:
    return " ".join(text.casefold().rstrip(" .").split())


_STATEMENT_BY_WORDING = {_wording_key(q.statement): q.id for q in QUESTIONS}


def _add_settings(table: Table, draft: _Draft) -> None:
    """Thresholds of the diagnosis; a setting left empty keeps its documented default."""
    known = tuple(Settings.model_fields)
    given_at: dict[str, int] = {}
    for number, cells in table.rows:
        name, value = word_key(table.value(cells, "setting")), table.value(cells, "value")
        if not name:
            draft.refuse(
                _Cell(table.where, number, "setting"),
                (f"is empty; write one of {', '.join(known)}"),
            )
            continue
        if name not in known:
            hint = closest(name, known)
            draft.refuse(
                _Cell(table.where, number, "setting"),
                (
                    f"'{table.value(cells, 'setting')}' is not a setting; "
                    + (f"did you mean {hint}?" if hint else f"the settings are {', '.join(known)}")
                ),
            )
            continue
        if name in given_at:
            draft.refuse(
                _Cell(table.where, number, None),
                (f"sets '{name}' again (row {given_at[name]} sets it too); keep one of the rows"),
            )
            continue
        given_at[name] = number
        if value:
            draft.settings[name] = _number(value)
            draft.origin[f"settings.{name}"] = _Cell(table.where, number, "value")


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


def _origin_of(where: str, draft: _Draft) -> _Cell:
    """The cell a problem at `where` in the map came from: the field's cell, or its row."""
    while where:
        if where in draft.origin:
            return draft.origin[where]
        where = re.sub(r"(\.[^.\[]+|\[\d+\])$", "", where)
    return _Cell("the spreadsheets", None, None)


_RECORD_PREFIX = re.compile(f"^({'|'.join(s.record for s in SECTIONS.values())}) [^:]*: ")


def _without_record_prefix(message: str) -> str:
    """The loader says "person 'sam': level: ..."; the sheet, row and column say that."""
    message = _RECORD_PREFIX.sub("", message)
    message = re.sub(r"add `(\w+):`", r"fill in the \1 column", message)
    return re.sub(r"^[a-z_]+(\[\d+\])?(\.[a-z_]+)*: ", "", message)
