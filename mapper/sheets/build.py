"""Tables read from spreadsheets, made into a map; problems reported by sheet, row and column.

Three steps. Ids are given to every row (taken from the `id` column, or made from the name,
as people keep lists by name). References are resolved, by id or by name, since a meeting list
names its chair by name. Then the map is validated by the loader itself, and each problem it
finds is traced back from its place in the map (`people[3].level`) to the cell it came from.
The draft map and its cells are `mapper.sheets.draft`; the self-assessment and settings
sheets, which hold no records, `mapper.sheets.answers_and_settings`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from mapper.errors import InvalidMapError, SheetProblem
from mapper.integrity import closest, format_loc
from mapper.load import validate_data
from mapper.model import FREQUENCY_WORDS, ID_PATTERN, SECTIONS, Partnership, slug, version_needed
from mapper.sheets.answers_and_settings import add_answers, add_settings
from mapper.sheets.draft import Cell, Draft
from mapper.sheets.read import Table
from mapper.sheets.templates import SHEETS, Column, word_key

__all__ = ["build_map"]

_SECTIONS = tuple(SECTIONS)
_WITH_IDS = tuple(s.name for s in SECTIONS.values() if s.has_ids)
_UK_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
_DURATION = re.compile(r"^(\d+(?:\.\d+)?)\s*(m|min|mins|minutes|h|hr|hrs|hour|hours)?$")


def build_map(
    tables: Iterable[Table], name: str
) -> tuple[Partnership | None, list[SheetProblem], list[SheetProblem]]:
    """The map the tables describe (None when there are problems), the problems, warnings."""
    tables = list(tables)
    draft = Draft()
    for table in _in_order(tables, _WITH_IDS):
        _give_ids(table, draft)
    for table in _in_order(tables, _SECTIONS):
        _fill_records(table, draft)
    for table in _in_order(tables, ("attendance",)):
        _add_attendance(table, draft)
    for table in _in_order(tables, ("assessment",)):
        add_answers(table, draft)
    for table in _in_order(tables, ("settings",)):
        add_settings(table, draft)
    for table in _in_order(tables, ("decisions",)):
        _add_decisions(table, draft)
    # Validate even after problems, so one run reports them all; a cell already reported
    # (a chair nobody could find) is not reported again as missing.
    data = {
        "version": 1,
        "name": name,
        **draft.header,
        **{s: r for s, r in draft.records.items() if r},
        **({"assessment": draft.assessment} if draft.assessment else {}),
        **({"settings": draft.settings} if draft.settings else {}),
        **({"decisions": draft.decisions} if draft.decisions else {}),
    }
    # Sheets say no version: the map is of the first one that holds what they hold, so a
    # version 1 map goes out to the sheets and comes back as it was.
    data["version"] = version_needed(data)
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


def _give_ids(table: Table, draft: Draft) -> None:
    """Every row's id: as written, or made from its name ('Sam Patel' -> sam-patel)."""
    taken = draft.ids[table.template]
    name_column = next(c.name for c in SHEETS[table.template] if c.field == "name")
    for number, cells in table.rows:
        name, ident = table.value(cells, name_column), table.value(cells, "id")
        if not name and not ident:
            draft.refuse(
                Cell(table.where, number, "name"),
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
                Cell(table.where, number, "id"),
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


def _resolve(value: str, column: Column, cell: Cell, draft: Draft) -> str | None:
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


def _fill_records(table: Table, draft: Draft) -> None:
    section = table.template
    for number, cells in table.rows:
        index = len(draft.records[section])
        record: dict[str, Any] = {}
        if SECTIONS[section].has_ids:
            if (table.where, number) not in draft.row_ids:
                continue  # a row with neither name nor id, already reported
            record["id"] = draft.row_ids[table.where, number]
        draft.origin[format_loc((section, index))] = Cell(table.where, number, None)
        for column in SHEETS[section]:
            if column.name == "id" or column.name not in table.columns:
                continue
            text = table.value(cells, column.name)
            cell = Cell(table.where, number, column.name)
            draft.origin[format_loc((section, index, column.field))] = cell
            if not text:
                # A meeting whose chair rotates may name no chair: the loader judges that.
                rotates = column.field == "chairs" and table.value(cells, "chair_rotates")
                if rotates:
                    record[column.field] = []
                elif column.required and column.field != "name":
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


def _add_decisions(table: Table, draft: Draft) -> None:
    """The decisions about findings, a row each; ids in `subjects` are kept as written (a
    decision may name someone no longer in the map: it then no longer applies)."""
    for number, cells in table.rows:
        index = len(draft.decisions)
        record: dict[str, Any] = {}
        draft.origin[format_loc(("decisions", index))] = Cell(table.where, number, None)
        for column in SHEETS["decisions"]:
            text = table.value(cells, column.name) if column.name in table.columns else ""
            cell = Cell(table.where, number, column.name)
            draft.origin[format_loc(("decisions", index, column.field))] = cell
            if not text:
                if column.required:
                    draft.refuse(cell, f"is empty; {_what_to_write(column)}")
                continue
            # a kind as the app words it ("No shared chair") is read as the format's word
            value = word_key(text) if column.name == "kind" else _value(text, column, cell, draft)
            if value is not None:
                record[column.field] = value
        draft.decisions.append(record)


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


def _value(text: str, column: Column, cell: Cell, draft: Draft) -> Any:
    if column.many:
        parts = [p.strip() for p in re.split(r"[;\n]", text) if p.strip()]
        values = [_one_value(p, column, cell, draft) for p in parts]
        return None if any(v is None for v in values) else values
    return _one_value(text, column, cell, draft)


def _one_value(text: str, column: Column, cell: Cell, draft: Draft) -> Any:
    if column.refers_to:
        return _resolve(text, column, cell, draft)
    if column.name in ("frequency", "revisits_purpose"):  # a word, or times a year
        return _frequency(text)
    if column.words and not column.flag:
        return word_key(text)
    if column.name == "duration":
        return _minutes(text, cell, draft)
    if column.date:
        found = _UK_DATE.match(text)
        return f"{found[3]}-{int(found[2]):02d}-{int(found[1]):02d}" if found else text
    if column.flag:
        return _flag(text, cell, draft)
    return text


_YES, _NO = {"yes", "y", "true", "x", "1"}, {"no", "n", "false", "0"}


def _flag(text: str, cell: Cell, draft: Draft) -> bool | None:
    """A yes-or-empty cell: True for yes; None (left out, the default) for no."""
    key = word_key(text)
    if key in _YES:
        return True
    if key not in _NO:
        draft.refuse(cell, f"'{text}' is not yes or no; write yes, or leave it empty")
    return None


def _frequency(text: str) -> str | int | float:
    key = word_key(text)
    if key in FREQUENCY_WORDS:
        return key
    try:
        number = float(text)
    except ValueError:
        return text  # the loader explains which words are allowed
    return int(number) if number.is_integer() else number


def _minutes(text: str, cell: Cell, draft: Draft) -> int | None:
    found = _DURATION.match(text.strip().lower())
    if not found:
        draft.refuse(cell, f"'{text}' is not a length of time; write minutes, like 90")
        return None
    amount = float(found[1]) * (60 if (found[2] or "m").startswith("h") else 1)
    return round(amount)


def _add_attendance(table: Table, draft: Draft) -> None:
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
                Cell(table.where, number, missing),
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
            meeting_text, columns["meeting"], Cell(table.where, number, "meeting"), draft
        )
        person_id = _resolve(
            person_text, columns["person"], Cell(table.where, number, "person"), draft
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
        draft.origin[format_loc(("meetings", index, "members", len(meeting["members"])))] = Cell(
            table.where, number, "person"
        )
        meeting["members"].append(person_id)


def _origin_of(where: str, draft: Draft) -> Cell:
    """The cell a problem at `where` in the map came from: the field's cell, or its row."""
    while where:
        if where in draft.origin:
            return draft.origin[where]
        where = re.sub(r"(\.[^.\[]+|\[\d+\])$", "", where)
    return Cell("the spreadsheets", None, None)


_RECORD_PREFIX = re.compile(f"^({'|'.join(s.record for s in SECTIONS.values())}) [^:]*: ")


def _without_record_prefix(message: str) -> str:
    """The loader says "person 'sam': level: ..."; the sheet, row and column say that."""
    message = _RECORD_PREFIX.sub("", message)
    message = re.sub(r"add `(\w+):`", r"fill in the \1 column", message)
    return re.sub(r"^[a-z_]+(\[\d+\])?(\.[a-z_]+)*: ", "", message)
