"""Reading spreadsheets (CSV files and Excel workbooks) into plain tables of text.

Every cell is read as the text a person sees: `None`, `NA` and `0123` stay as typed (pandas'
defaults would turn the first two into missing values and drop the zero). Each table keeps the
row numbers the spreadsheet shows, so every later message can say where to look.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Any

from mapper.integrity import closest
from mapper.sheets.cells import undo_neutralising
from mapper.sheets.templates import SHEETS, Column, normal_header

__all__ = ["MAX_FILE_BYTES", "MAX_ROWS", "SheetProblem", "Table", "read_tables"]

MAX_FILE_BYTES = 20 * 1_048_576
MAX_ROWS = 100_000


@dataclass(frozen=True)
class SheetProblem:
    """Something wrong (or worth knowing) in a spreadsheet, with where to look."""

    sheet: str
    row: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        place = [self.sheet]
        if self.row is not None:
            place.append(f"row {self.row}")
        if self.column is not None:
            place.append(f"column {self.column}")
        return f"{', '.join(place)}: {self.message}"


@dataclass
class Table:
    """One sheet's rows, as text, with the template it follows.

    `where` names it for messages ('people.csv', or 'county.xlsx, sheet People');
    `columns` maps each template column present to its position in a row.
    """

    template: str
    where: str
    columns: dict[str, int]
    rows: list[tuple[int, list[str]]] = field(default_factory=list)

    def value(self, cells: list[str], column: str) -> str:
        index = self.columns.get(column)
        return cells[index] if index is not None and index < len(cells) else ""


@dataclass
class _Reading:
    tables: list[Table] = field(default_factory=list)
    problems: list[SheetProblem] = field(default_factory=list)
    warnings: list[SheetProblem] = field(default_factory=list)


def read_tables(files: Iterable[tuple[str, bytes]]
                ) -> tuple[list[Table], list[SheetProblem], list[SheetProblem]]:
    """The tables in `files` (name and content of each), the problems that stop an import,
    and warnings about what was skipped."""
    reading = _Reading()
    for name, content in files:
        suffix = PurePath(name).suffix.lower()
        if len(content) > MAX_FILE_BYTES:
            reading.problems.append(SheetProblem(name, None, None, (
                f"the file is {len(content) / 1_048_576:.1f} MB; the most this tool reads is "
                f"{MAX_FILE_BYTES // 1_048_576} MB")))
        elif suffix in (".xlsx", ".xlsm"):
            _read_workbook(name, content, reading)
        elif suffix in (".csv", ".txt", ".tsv"):
            _read_csv(name, content, reading)
        elif suffix == ".xls":
            reading.problems.append(SheetProblem(name, None, None, (
                "is an old Excel 97-2003 workbook; save it as .xlsx (Excel Workbook) or CSV")))
        else:
            reading.problems.append(SheetProblem(name, None, None, (
                "is not a spreadsheet this tool reads; use .xlsx or .csv files")))
    return reading.tables, reading.problems, reading.warnings


def _decode(name: str, content: bytes, reading: _Reading) -> str | None:
    if content.startswith((b"\xff\xfe", b"\xfe\xff")):
        return content.decode("utf-16")
    if b"\x00" in content:
        reading.problems.append(SheetProblem(name, None, None, (
            "is not a text file (it holds NUL bytes); export the sheet as CSV UTF-8")))
        return None
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        text = content.decode("cp1252")
    except UnicodeDecodeError:
        reading.problems.append(SheetProblem(name, None, None, (
            "is neither UTF-8 nor Windows text; save it as 'CSV UTF-8' from the spreadsheet")))
        return None
    reading.warnings.append(SheetProblem(name, None, None, (
        "was not saved as UTF-8; it was read as Windows text (what Excel writes for 'CSV'), "
        "so check that accented names such as Zoë look right")))
    return text


def _read_csv(name: str, content: bytes, reading: _Reading) -> None:
    text = _decode(name, content, reading)
    if text is None:
        return
    # The heading row tells the separator: Excel writes ';' where ',' is the decimal mark.
    # (csv.Sniffer guesses from the data too, and misreads quoted cells such as '"'.)
    heading = text.split("\n", 1)[0]
    delimiter = max(",;\t", key=heading.count)
    try:
        rows = [list(row) for row in csv.reader(io.StringIO(text, newline=""),
                                                delimiter=delimiter)]
    except csv.Error as error:
        reading.problems.append(SheetProblem(name, None, None, f"cannot be read as CSV: {error}"))
        return
    _take_table(name, PurePath(name).stem, rows, [], reading)


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    return str(value)


def _read_workbook(name: str, content: bytes, reading: _Reading) -> None:
    import openpyxl  # defusedxml, when installed, guards its XML parsing

    try:
        book = openpyxl.load_workbook(io.BytesIO(content), data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as error:
        reading.problems.append(SheetProblem(name, None, None, (
            f"cannot be opened as an Excel workbook ({type(error).__name__}); save it again "
            "as .xlsx, or export each sheet as CSV")))
        return
    except Exception as error:  # openpyxl raises its own InvalidFileException and others
        reading.problems.append(SheetProblem(name, None, None, (
            f"cannot be opened as an Excel workbook: {error}")))
        return
    for sheet in book.worksheets:
        where = f"{name}, sheet {sheet.title}"
        if sheet.max_row > MAX_ROWS:
            reading.problems.append(SheetProblem(where, None, None, (
                f"has {sheet.max_row:,} rows; the most this tool reads is {MAX_ROWS:,}")))
            continue
        rows = [[_cell_text(v) for v in row] for row in sheet.iter_rows(values_only=True)]
        merged = [(r.min_row, r.max_row, r.min_col, r.max_col) for r in sheet.merged_cells.ranges]
        _take_table(where, sheet.title, rows, merged, reading, workbook=True)


def _template_named(title: str) -> str | None:
    key = normal_header(title)
    singular = {"organisation": "organisations", "organization": "organisations",
                "organizations": "organisations", "person": "people", "meeting": "meetings",
                "outcome": "outcomes", "relationship": "relationships",
                "members": "attendance", "membership": "attendance",
                "memberships": "attendance", "questionnaire": "assessment",
                "self_assessment": "assessment"}
    if key in SHEETS:
        return key
    if key in singular:
        return singular[key]
    words = set(key.split("_"))
    named = [s for s in SHEETS if s in words] + [singular[w] for w in words if w in singular]
    return named[0] if len(set(named)) == 1 else None


def _template_by_columns(header: set[str]) -> str | None:
    """The template whose required columns are all there and which matches most columns."""
    fitting = {s: sum(bool(_matches(c) & header) for c in columns)
               for s, columns in SHEETS.items()
               if all(_matches(c) & header for c in columns if c.required)}
    best = sorted(fitting.items(), key=lambda item: -item[1])
    if not best or (len(best) > 1 and best[0][1] == best[1][1]):
        return None
    return best[0][0]


def _matches(column: Column) -> set[str]:
    return {column.name, *column.aliases}


def _take_table(where: str, title: str, rows: list[list[str]],
                merged: list[tuple[int, int, int, int]], reading: _Reading,
                workbook: bool = False) -> None:
    cleaned = [[cell.strip() for cell in row] for row in rows]
    header_at = next((i for i, row in enumerate(cleaned) if any(row)), None)
    if header_at is None:
        if not workbook:  # an empty extra sheet in a workbook is normal; an empty CSV is not
            reading.problems.append(SheetProblem(where, None, None, "is empty"))
        return
    header = [normal_header(cell) for cell in cleaned[header_at]]
    template = _template_named(title) or _template_by_columns(set(header))
    if template is None:
        message = (f"cannot tell which template this follows; name it after one "
                   f"({', '.join(SHEETS)}) or use a template's column headings")
        (reading.warnings if workbook else reading.problems).append(
            SheetProblem(where, None, None, message + ("; it was not read" if workbook else "")))
        return
    header_row = header_at + 1
    table = Table(template, where, {})
    for index, key in enumerate(header):
        column = next((c for c in SHEETS[template] if key in _matches(c)), None)
        if column is None:
            if key:
                reading.warnings.append(SheetProblem(where, header_row, cleaned[header_at][index], (
                    "is not a column of the template, so it was not read"
                    + _did_you_mean(key, template))))
            continue
        if column.name in table.columns:
            reading.problems.append(SheetProblem(where, header_row, cleaned[header_at][index], (
                f"is a second '{column.name}' column; keep one")))
            continue
        table.columns[column.name] = index
    for column in SHEETS[template]:
        if column.required and column.name not in table.columns:
            reading.problems.append(SheetProblem(where, header_row, column.name, (
                f"is missing; the {template} sheet needs the columns "
                f"{', '.join(c.name for c in SHEETS[template] if c.required)}")))
    _refuse_merged_cells(where, merged, header, reading)
    blank: list[int] = []
    for number, cells in enumerate(cleaned[header_at + 1:], start=header_row + 1):
        if not any(cells):
            blank.append(number)
            continue
        for row in blank:
            reading.warnings.append(SheetProblem(where, row, None, "is empty and was skipped"))
        blank = []
        table.rows.append((number, [undo_neutralising(cell) for cell in cells]))
    reading.tables.append(table)


def _did_you_mean(key: str, template: str) -> str:
    names = [n for c in SHEETS[template] for n in _matches(c)]
    hint = closest(key, names)
    return f"; did you mean {hint}?" if hint else ""


def _refuse_merged_cells(where: str, merged: list[tuple[int, int, int, int]],
                         header: list[str], reading: _Reading) -> None:
    for min_row, max_row, min_col, max_col in sorted(merged):
        column = header[min_col - 1] if min_col - 1 < len(header) else f"{min_col}"
        rows = f"rows {min_row}-{max_row}" if max_row > min_row else f"row {min_row}"
        reading.problems.append(SheetProblem(where, min_row, column or str(min_col), (
            f"merged cells ({rows}, {max_col - min_col + 1} column(s)): the value is kept in "
            "the first cell only; unmerge them and write the value in every row")))

