"""One sheet's rows made into a table: its heading row found and matched to a template's
columns, each later row kept as text with the row number the spreadsheet shows, and cells
whose stored type is not what their column takes named (a formula with no value, an error,
a date or a number Excel made of typed text), so every later message can say where to look.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from mapper.errors import SheetProblem
from mapper.integrity import closest
from mapper.sheets.bounds import Reading, Refused, Row
from mapper.sheets.cells import cell_text
from mapper.sheets.templates import SHEETS, Column, normal_header

__all__ = ["Table", "take_sheet", "template_named"]


@dataclass
class Table:
    """One sheet's rows, as text, with the template it follows.

    `where` names it for messages ('people.csv', or 'county.xlsx, sheet People');
    `columns` maps each template column present to its position in a row (a row holds the
    template's columns only, whatever else the sheet has).
    """

    template: str
    where: str
    columns: dict[str, int]
    rows: list[tuple[int, list[str]]] = field(default_factory=list)

    def value(self, cells: list[str], column: str) -> str:
        index = self.columns.get(column)
        return cells[index] if index is not None and index < len(cells) else ""


_FORMULA_WITHOUT_VALUE = (
    "this cell holds a formula with no saved value (the file was not saved by a spreadsheet "
    "program that calculates); open it in Excel or LibreOffice, save, and import again, or "
    "type the value"
)
_DATES_TAKEN = {c.name for columns in SHEETS.values() for c in columns if c.date}
_NUMBERS_TAKEN = {"duration", "frequency", "revisits_purpose", "value", "answer"}


def take_sheet(
    where: str,
    title: str,
    rows: Iterator[Row],
    merged: list[tuple[int, int, int, int]],
    reading: Reading,
    workbook: bool = False,
) -> None:
    """Read one sheet's rows into a table; what it finds goes into `reading` only if the
    sheet is read to its end (a sheet refused half-way leaves nothing but its refusal)."""
    found = Reading()
    try:
        _take_table(where, title, rows, merged, found, workbook)
    except Refused as refused:
        reading.problems.append(SheetProblem(where, refused.row, None, refused.message))
        return
    reading.tables += found.tables
    reading.problems += found.problems
    reading.warnings += found.warnings


def _take_table(
    where: str,
    title: str,
    rows: Iterator[Row],
    merged: list[tuple[int, int, int, int]],
    reading: Reading,
    workbook: bool,
) -> None:
    first = next(((n, c, k) for n, c, k in rows if any(cell_text(v) for v in c.values())), None)
    if first is None:
        if not workbook:  # an empty extra sheet in a workbook is normal; an empty CSV is not
            reading.problems.append(SheetProblem(where, None, None, "is empty"))
        return
    header_row, cells, kinds = first
    texts = {i: cell_text(v) for i, v in cells.items()}
    width = max(texts) + 1
    shown = [texts.get(i, "") for i in range(width)]
    header = [normal_header(cell) for cell in shown]
    for index, (kind, _value) in sorted(kinds.items()):
        if kind == "formula":
            reading.problems.append(
                SheetProblem(where, header_row, _letter(index), _FORMULA_WITHOUT_VALUE)
            )
    template = template_named(title) or _template_by_columns(set(header))
    if template is None:
        message = (
            f"cannot tell which template this follows; name it after one "
            f"({', '.join(SHEETS)}) or use a template's column headings"
        )
        (reading.warnings if workbook else reading.problems).append(
            SheetProblem(where, None, None, message + ("; it was not read" if workbook else ""))
        )
        return
    table = Table(template, where, {})
    read_at: list[int] = []  # the sheet's column of each position in a table row
    by_index: dict[int, Column] = {}
    for index, key in enumerate(header):
        column = next((c for c in SHEETS[template] if key in _matches(c)), None)
        if column is None:
            if key:
                reading.warnings.append(
                    SheetProblem(
                        where,
                        header_row,
                        shown[index],
                        (
                            "is not a column of the template, so it was not read"
                            + _did_you_mean(key, template)
                        ),
                    )
                )
            continue
        if column.name in table.columns:
            reading.problems.append(
                SheetProblem(
                    where,
                    header_row,
                    shown[index],
                    (f"is a second '{column.name}' column; keep one"),
                )
            )
            continue
        table.columns[column.name] = len(read_at)
        read_at.append(index)
        by_index[index] = column
    for column in SHEETS[template]:
        if column.required and column.name not in table.columns:
            reading.problems.append(
                SheetProblem(
                    where,
                    header_row,
                    column.name,
                    (
                        f"is missing; the {template} sheet needs the columns "
                        f"{', '.join(c.name for c in SHEETS[template] if c.required)}"
                    ),
                )
            )
    last = header_row
    for number, cells, kinds in rows:
        texts = {i: cell_text(v) for i, v in cells.items()}
        if not any(texts.values()):
            continue
        for row in range(last + 1, number):
            reading.warnings.append(SheetProblem(where, row, None, "is empty and was skipped"))
        last = number
        for index, stored in kinds.items():
            if index in by_index:
                _check_kind(where, number, by_index[index], stored, texts, index, reading)
        table.rows.append((number, [texts.get(i, "") for i in read_at]))
    _refuse_merged_cells(where, merged, header, reading)
    reading.tables.append(table)


def _check_kind(
    where: str,
    number: int,
    column: Column,
    kind: tuple[str, Any],
    texts: dict[int, str],
    index: int,
    reading: Reading,
) -> None:
    """A cell whose stored type is not what its column takes: named, or read as meant
    (a time typed as a meeting's length, 1:30, is 90 minutes)."""
    what, value = kind
    message = None
    if what == "formula":
        message = _FORMULA_WITHOUT_VALUE
    elif what == "error":
        message = f"shows the spreadsheet error {texts[index]}; fix the formula, or type the value"
    elif (
        what == "date" and column.name == "duration" and isinstance(value, (dt.time, dt.timedelta))
    ):
        seconds = (
            value.total_seconds()
            if isinstance(value, dt.timedelta)
            else value.hour * 3600 + value.minute * 60 + value.second
        )
        texts[index] = str(round(seconds / 60))
    elif what == "date" and column.name not in _DATES_TAKEN:
        message = (
            f"Excel stored a date here ({texts[index]}); if it is text, format the "
            "cell as Text and retype it"
        )
    elif what == "number" and column.name not in _NUMBERS_TAKEN and "e" in texts[index]:
        message = (
            f"Excel stored a number here ({texts[index]}), not the text typed; if it "
            "is text, format the cell as Text and retype it"
        )
    if message:
        reading.problems.append(SheetProblem(where, number, column.name, message))


def _letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index + 1)


def template_named(title: str) -> str | None:
    key = normal_header(title)
    singular = {
        "organisation": "organisations",
        "organization": "organisations",
        "organizations": "organisations",
        "person": "people",
        "meeting": "meetings",
        "outcome": "outcomes",
        "relationship": "relationships",
        "members": "attendance",
        "membership": "attendance",
        "memberships": "attendance",
        "questionnaire": "assessment",
        "self_assessment": "assessment",
    }
    if key in SHEETS:
        return key
    if key in singular:
        return singular[key]
    words = set(key.split("_"))
    named = [s for s in SHEETS if s in words] + [singular[w] for w in words if w in singular]
    return named[0] if len(set(named)) == 1 else None


def _template_by_columns(header: set[str]) -> str | None:
    """The template whose required columns are all there and which matches most columns."""
    fitting = {
        s: sum(bool(_matches(c) & header) for c in columns)
        for s, columns in SHEETS.items()
        if all(_matches(c) & header for c in columns if c.required)
    }
    best = sorted(fitting.items(), key=lambda item: -item[1])
    if not best or (len(best) > 1 and best[0][1] == best[1][1]):
        return None
    return best[0][0]


def _matches(column: Column) -> set[str]:
    return {column.name, *column.aliases}


def _did_you_mean(key: str, template: str) -> str:
    names = [n for c in SHEETS[template] for n in _matches(c)]
    hint = closest(key, names)
    return f"; did you mean {hint}?" if hint else ""


def _refuse_merged_cells(
    where: str, merged: list[tuple[int, int, int, int]], header: list[str], reading: Reading
) -> None:
    for min_row, max_row, min_col, max_col in sorted(merged):
        column = header[min_col - 1] if min_col - 1 < len(header) else f"{min_col}"
        rows = f"rows {min_row}-{max_row}" if max_row > min_row else f"row {min_row}"
        reading.problems.append(
            SheetProblem(
                where,
                min_row,
                column or str(min_col),
                (
                    f"merged cells ({rows}, {max_col - min_col + 1} column(s)): the value is kept "
                    "in "
                    "the first cell only; unmerge them and write the value in every row"
                ),
            )
        )
