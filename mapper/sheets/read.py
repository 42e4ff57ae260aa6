"""Reading spreadsheets (CSV files and Excel workbooks) into plain tables of text.

Every cell is read as the text a person sees: `None`, `NA` and `0123` stay as typed (pandas'
defaults would turn the first two into missing values and drop the zero). Each table keeps the
row numbers the spreadsheet shows, so every later message can say where to look.

A file is read within fixed bounds, whatever it claims. A workbook is a zip: the sizes its
directory declares are checked before anything is unpacked (the zip module will not unpack a
part past its declared size), each XML part other than the sheets is scanned for its shape
(no DTD, a bounded number and depth of elements) before openpyxl parses it, and each sheet is
streamed cell by cell, each cell let go once read, stopping at the row and cell caps. A CSV
file is counted before it is split, and read row by row. So a 3 MB workbook holding five
million rows is refused in a moment, naming the file, the sheet and the limit.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import warnings
import zipfile
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Any
from xml.parsers import expat

from mapper.errors import SheetProblem
from mapper.integrity import closest
from mapper.sheets.cells import cell_text
from mapper.sheets.templates import SHEETS, Column, normal_header

__all__ = [
    "MAX_CELLS",
    "MAX_FILE_BYTES",
    "MAX_ROWS",
    "MAX_SHEET_BYTES",
    "MAX_UNPACKED_BYTES",
    "SheetProblem",
    "Table",
    "read_tables",
]

MAX_FILE_BYTES = 20 * 1_048_576
MAX_ROWS = 100_000
MAX_CELLS = 1_500_000  # in one import, every file and sheet together
MAX_SHEET_BYTES = 50 * 1_048_576  # a sheet's XML, unpacked, as the zip declares it
MAX_PART_BYTES = 8 * 1_048_576  # any other XML part of a workbook (strings, styles...)
MAX_UNPACKED_BYTES = 200 * 1_048_576  # a workbook's parts together
MAX_RATIO = 100  # unpacked to packed size, for a part of more than a megabyte
MAX_PART_ELEMENTS = 600_000  # in an XML part other than a sheet
MAX_SHEET_ELEMENTS = 6_000_000  # in a workbook's sheets together
MAX_DEPTH = 64  # XML nesting; Excel's parts nest about six deep
_MB = 1_048_576

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_ROW, _CELL, _FORMULA, _VALUE = f"{_MAIN}row", f"{_MAIN}c", f"{_MAIN}f", f"{_MAIN}v"
_MERGE = f"{_MAIN}mergeCell"
_SHEET_DATA = f"{_MAIN}sheetData"


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


@dataclass
class _Reading:
    tables: list[Table] = field(default_factory=list)
    problems: list[SheetProblem] = field(default_factory=list)
    warnings: list[SheetProblem] = field(default_factory=list)
    cells: int = 0  # read so far, against MAX_CELLS


class _Refused(Exception):
    """A sheet (or file) that is not read any further; the message says why and the limit."""

    def __init__(self, message: str, row: int | None = None) -> None:
        super().__init__(message)
        self.message, self.row = message, row


#: What a workbook cell held besides its text: a date, an odd number, an error, a formula
#: never calculated. Keyed by the cell's column (from 0); checked once the column is known.
_Kinds = dict[int, tuple[str, Any]]
#: A row as read: its number, its cells by column (from 0), and their kinds.
_Row = tuple[int, Mapping[int, str], _Kinds]


def read_tables(
    files: Iterable[tuple[str, bytes]],
) -> tuple[list[Table], list[SheetProblem], list[SheetProblem]]:
    """The tables in `files` (name and content of each), the problems that stop an import,
    and warnings about what was skipped."""
    reading = _Reading()
    for name, content in files:
        suffix = PurePath(name).suffix.lower()
        if len(content) > MAX_FILE_BYTES:
            reading.problems.append(
                SheetProblem(
                    name,
                    None,
                    None,
                    (
                        f"the file is {len(content) / _MB:.1f} MB; the most this tool reads is "
                        f"{MAX_FILE_BYTES // _MB} MB"
                    ),
                )
            )
        elif suffix in (".xlsx", ".xlsm"):
            _read_workbook(name, content, reading)
        elif suffix in (".csv", ".txt", ".tsv"):
            _read_csv(name, content, reading)
        elif suffix == ".xls":
            reading.problems.append(
                SheetProblem(
                    name,
                    None,
                    None,
                    ("is an old Excel 97-2003 workbook; save it as .xlsx (Excel Workbook) or CSV"),
                )
            )
        else:
            reading.problems.append(
                SheetProblem(
                    name,
                    None,
                    None,
                    ("is not a spreadsheet this tool reads; use .xlsx or .csv files"),
                )
            )
    return reading.tables, reading.problems, reading.warnings


def _decode(name: str, content: bytes, reading: _Reading) -> str | None:
    if content.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return content.decode("utf-16")
        except UnicodeDecodeError:
            reading.problems.append(
                SheetProblem(
                    name,
                    None,
                    None,
                    (
                        "starts as UTF-16 text but is not; save it as 'CSV UTF-8' from the "
                        "spreadsheet"
                    ),
                )
            )
            return None
    if b"\x00" in content:
        reading.problems.append(
            SheetProblem(
                name,
                None,
                None,
                ("is not a text file (it holds NUL bytes); export the sheet as CSV UTF-8"),
            )
        )
        return None
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        text = content.decode("cp1252")
    except UnicodeDecodeError:
        reading.problems.append(
            SheetProblem(
                name,
                None,
                None,
                ("is neither UTF-8 nor Windows text; save it as 'CSV UTF-8' from the spreadsheet"),
            )
        )
        return None
    reading.warnings.append(
        SheetProblem(
            name,
            None,
            None,
            (
                "was not saved as UTF-8; it was read as Windows text (what Excel writes for "
                "'CSV'), "
                "so check that accented names such as Zoë look right"
            ),
        )
    )
    return text


def _read_csv(name: str, content: bytes, reading: _Reading) -> None:
    text = _decode(name, content, reading)
    if text is None:
        return
    if "\x00" in text:  # UTF-16 can hold NUL too
        reading.problems.append(
            SheetProblem(
                name,
                None,
                None,
                (
                    "holds NUL characters, which no spreadsheet writes; export the sheet as CSV "
                    "UTF-8"
                ),
            )
        )
        return
    # The heading row tells the separator: Excel writes ';' where ',' is the decimal mark.
    # (csv.Sniffer guesses from the data too, and misreads quoted cells such as '"'.)
    heading = text[: text.find("\n")] if "\n" in text[:65_536] else text[:65_536]
    delimiter = max(",;\t", key=heading.count)
    # A row is split in one go, so the cells are counted first: no row can hold more than
    # the separators in the file (a 20 MB line of 'ab,ab,...' would be seven million).
    most = text.count(delimiter) + text.count("\n") + text.count("\r") + 1
    if most > MAX_CELLS - reading.cells:
        lines = text.count("\n") + 1
        if lines > MAX_ROWS + 1:
            message = f"has {lines:,} lines; the most this tool reads is {MAX_ROWS:,} rows"
        else:
            message = (
                f"may hold up to {most:,} cells; the most this tool reads in one "
                f"import is {MAX_CELLS:,}"
            )
        reading.problems.append(SheetProblem(name, None, None, message))
        return
    _take_sheet(name, PurePath(name).stem, _csv_rows(text, delimiter), [], reading)


def _csv_rows(text: str, delimiter: str) -> Iterator[_Row]:
    rows = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    number = 0
    while True:
        try:
            cells = next(rows)
        except StopIteration:
            return
        except csv.Error as error:
            if "field larger than field limit" in str(error):
                raise _Refused(
                    f"has a cell longer than the {csv.field_size_limit():,} characters this "
                    "tool reads (a quote left open makes the rest of the file one cell); "
                    "check the quotes",
                    number + 1,
                ) from None
            raise _Refused(f"cannot be read as CSV: {error}", number + 1) from None
        number += 1
        if number > MAX_ROWS and any(cells):
            raise _Refused(
                f"has more than {MAX_ROWS:,} rows; the most this tool reads is {MAX_ROWS:,}", number
            )
        yield number, dict(enumerate(cells)), {}


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        if value.is_integer():
            return str(int(value))
        return f"{value:.15g}"  # as a spreadsheet shows it (0.1+0.2 is 0.3)
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    if isinstance(value, dt.timedelta):
        minutes = round(value.total_seconds() / 60)
        return f"{minutes // 60}:{minutes % 60:02d}"
    return str(value)


# --- workbooks ------------------------------------------------------------------------------


def _read_workbook(name: str, content: bytes, reading: _Reading) -> None:
    damaged = (
        "cannot be opened as an Excel workbook ({}); save it again as .xlsx, or "
        "export each sheet as CSV"
    )
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
        parts = {info.filename: info for info in archive.infolist()}
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError) as error:
        reading.problems.append(
            SheetProblem(name, None, None, damaged.format(type(error).__name__))
        )
        return
    with warnings.catch_warnings():  # openpyxl warns of what it drops; nothing to act on
        warnings.simplefilter("ignore")
        try:
            book = _open_book(content, archive, parts)
            sheets = _sheets_to_read(name, book, parts, reading)
        except _Refused as refused:
            reading.problems.append(SheetProblem(name, None, None, refused.message))
            return
        except Exception as error:  # openpyxl raises KeyError, ValueError, its own and more
            reading.problems.append(SheetProblem(name, None, None, damaged.format(_named(error))))
            return
        total = sum(info.file_size for info in parts.values())
        if total > MAX_UNPACKED_BYTES and sheets:
            reading.problems.append(
                SheetProblem(
                    name,
                    None,
                    None,
                    (
                        f"unpacks to {total / _MB:,.0f} MB; the most this tool reads is "
                        f"{MAX_UNPACKED_BYTES // _MB} MB (save a copy with only the map's sheets)"
                    ),
                )
            )
            return
        budget = _Budget(MAX_SHEET_ELEMENTS)
        for title, path in sheets:
            where = f"{name}, sheet {title}"
            merged: list[tuple[int, int, int, int]] = []
            try:
                _take_sheet(
                    where,
                    title,
                    _sheet_rows(book, path, merged, budget, reading),
                    merged,
                    reading,
                    workbook=True,
                )
            except _Refused as refused:
                reading.problems.append(SheetProblem(where, refused.row, None, refused.message))
            except Exception as error:  # a damaged part: bad XML, a bad zip entry, a bad index
                reading.problems.append(
                    SheetProblem(
                        where,
                        None,
                        None,
                        (
                            f"cannot be read ({_named(error)}); save the workbook again from "
                            "Excel or "
                            "LibreOffice, or export the sheet as CSV"
                        ),
                    )
                )


def _named(error: Exception) -> str:
    """An error as a user may read it: its kind, and its text when short and plain."""
    text = str(error).split("\n")[0]
    kind = type(error).__name__
    return f"{kind}: {text}" if text and len(text) < 120 else kind


def _open_book(content: bytes, archive: zipfile.ZipFile, parts: dict[str, zipfile.ZipInfo]) -> Any:
    """openpyxl's reader with the workbook's structure, strings and styles read, its sheets
    not yet: each XML part it parses whole is checked first."""
    from openpyxl.reader.excel import ExcelReader
    from openpyxl.styles.stylesheet import apply_stylesheet

    for path, info in parts.items():
        if path.startswith("xl/worksheets/") or not path.endswith((".xml", ".rels")):
            continue
        if info.file_size > MAX_PART_BYTES or _packed_tightly(info):
            raise _Refused(
                f"holds a part ({path}) that unpacks to {info.file_size / _MB:,.1f} MB from "
                f"{info.compress_size / _MB:,.2f} MB; the most this tool reads is "
                f"{MAX_PART_BYTES // _MB} MB, packed at most {MAX_RATIO} to 1 (the file may "
                "be built to exhaust memory; save it again from Excel)"
            )
        _check_shape(archive, info)
    reader = ExcelReader(io.BytesIO(content), read_only=True, data_only=True, keep_links=False)
    reader.read_manifest()
    reader.read_strings()
    reader.read_workbook()
    apply_stylesheet(reader.archive, reader.wb)
    return reader


def _packed_tightly(info: zipfile.ZipInfo) -> bool:
    return info.file_size > _MB and info.file_size > MAX_RATIO * max(info.compress_size, 1)


def _check_shape(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> None:
    """Refuse an XML part with a DTD (entities), too many elements or too deep: openpyxl
    builds such parts whole in memory."""
    parser = expat.ParserCreate()
    depth = count = 0

    def start(_name: str, _attrs: object) -> None:
        nonlocal depth, count
        depth, count = depth + 1, count + 1
        if depth > MAX_DEPTH or count > MAX_PART_ELEMENTS:
            raise _Refused(
                f"holds a part ({info.filename}) with more than "
                f"{MAX_PART_ELEMENTS:,} elements or nested more than {MAX_DEPTH} "
                "deep; the file may be built to exhaust memory"
            )

    def end(_name: str) -> None:
        nonlocal depth
        depth -= 1

    def doctype(*_args: object) -> None:
        raise _Refused(
            f"holds a part ({info.filename}) with a DTD, which Excel never writes "
            "(it can expand entities to exhaust memory)"
        )

    parser.StartElementHandler, parser.EndElementHandler = start, end
    parser.StartDoctypeDeclHandler = doctype
    parser.EntityDeclHandler = doctype
    try:
        with archive.open(info) as source:
            parser.ParseFile(source)
    except expat.ExpatError as error:
        raise _Refused(
            f"holds a part ({info.filename}) that is not well-formed XML "
            f"({error}); save it again from Excel"
        ) from None


def _sheets_to_read(
    name: str, book: Any, parts: dict[str, zipfile.ZipInfo], reading: _Reading
) -> list[tuple[str, str]]:
    """The (title, part) of each sheet to read. A hidden sheet is not: one named as a
    template is a problem (rows nobody sees would come in), others are named in a warning;
    a sheet whose part is too big is a problem naming it."""
    sheets = []
    for sheet, rel in book.parser.find_sheets():
        if "chartsheet" in rel.Type or rel.target not in parts:
            continue
        where = f"{name}, sheet {sheet.name}"
        if sheet.state in ("hidden", "veryHidden"):
            if _template_named(sheet.name):
                reading.problems.append(
                    SheetProblem(
                        where,
                        None,
                        None,
                        (
                            f"sheet '{sheet.name}' is hidden in Excel; unhide it to import it, or "
                            "delete it"
                        ),
                    )
                )
            else:
                reading.warnings.append(
                    SheetProblem(
                        where,
                        None,
                        None,
                        (
                            "is hidden in Excel, so it was not read; unhide it if it belongs to "
                            "the "
                            "map"
                        ),
                    )
                )
            continue
        info = parts[rel.target]
        if info.file_size > MAX_SHEET_BYTES or _packed_tightly(info):
            reading.problems.append(
                SheetProblem(
                    where,
                    None,
                    None,
                    (
                        f"unpacks to {info.file_size / _MB:,.0f} MB of sheet from "
                        f"{info.compress_size / _MB:,.1f} MB; the most this tool reads is "
                        f"{MAX_SHEET_BYTES // _MB} MB a sheet, packed at most {MAX_RATIO} to 1, "
                        "and "
                        f"{MAX_ROWS:,} rows (the file may be built to exhaust memory; keep only "
                        "the "
                        "map's rows)"
                    ),
                )
            )
            continue
        sheets.append((sheet.name, rel.target))
    return sheets


@dataclass
class _Budget:
    """XML elements a workbook's sheets may still hold: bounds the time spent on one."""

    left: int

    def spend(self, row: int) -> None:
        self.left -= 1
        if self.left < 0:
            raise _Refused(
                f"holds more than {MAX_SHEET_ELEMENTS:,} XML elements in its "
                "sheets; the file may be built to exhaust memory",
                row,
            )


def _sheet_rows(
    book: Any,
    path: str,
    merged: list[tuple[int, int, int, int]],
    budget: _Budget,
    reading: _Reading,
) -> Iterator[_Row]:
    """The rows of a sheet that hold something, streamed: each element is let go once read,
    so memory holds one cell's XML at a time, whatever the sheet's <dimension> says."""
    from defusedxml.ElementTree import iterparse
    from openpyxl.utils.cell import range_boundaries
    from openpyxl.worksheet._reader import WorkSheetParser

    wb = book.wb
    cells_parser = WorkSheetParser(
        None,
        book.shared_strings,
        data_only=True,
        epoch=wb.epoch,
        date_formats=wb._date_formats,
        timedelta_formats=wb._timedelta_formats,
    )
    stack: list[Any] = []
    number = 0
    row: dict[int, str] = {}
    kinds: _Kinds = {}
    cell_depth = cell_parts = 0  # inside the cell being read, kept until it ends
    with book.archive.open(path) as source:
        for event, element in iterparse(source, events=("start", "end"), forbid_dtd=True):
            if event == "start":
                stack.append(element)
                if len(stack) > MAX_DEPTH:
                    raise _Refused(
                        f"is nested more than {MAX_DEPTH} deep, which Excel never writes",
                        number or None,
                    )
                if cell_depth or element.tag == _CELL:
                    cell_parts = cell_parts + 1 if cell_depth else 1
                    cell_depth += 1
                    if cell_parts > _MOST_CELL_PARTS:
                        raise _Refused(
                            f"has a cell of more than {_MOST_CELL_PARTS} XML "
                            "elements, which Excel never writes",
                            number or None,
                        )
                elif element.tag == _ROW:
                    following = int(float(element.get("r") or number + 1))
                    if following <= number:
                        raise _Refused(
                            f"has its rows out of order (row {following} after "
                            f"row {number}); save it again from Excel",
                            number,
                        )
                    number = following
                    cells_parser.row_counter, cells_parser.col_counter = number, 0
                    row, kinds = {}, {}
                continue
            stack.pop()
            parent = stack[-1] if stack else None
            tag = element.tag
            if cell_depth:
                cell_depth -= 1
                budget.spend(number)
                if cell_depth:
                    continue  # a cell's value: read with the cell, let go with it
                _take_cell(cells_parser, element, row, kinds, number, reading)
            elif tag == _ROW:
                budget.spend(number)
                if row:
                    if number > MAX_ROWS:
                        raise _Refused(
                            f"has more than {MAX_ROWS:,} rows; the most this tool "
                            f"reads is {MAX_ROWS:,}",
                            number,
                        )
                    yield number, row, kinds
            elif tag == _MERGE:
                budget.spend(number)
                bounds = range_boundaries(element.get("ref") or "")
                if len(merged) < 1000 and None not in bounds:
                    min_col, min_row, max_col, max_row = bounds
                    merged.append((min_row, max_row, min_col, max_col))
            else:
                budget.spend(number)
            element.clear()
            if parent is not None:
                parent.remove(element)


def _take_cell(
    cells_parser: Any,
    element: Any,
    row: dict[int, str],
    kinds: _Kinds,
    number: int,
    reading: _Reading,
) -> None:
    has_formula = element.find(_FORMULA) is not None
    has_value = element.find(_VALUE) is not None
    cell = cells_parser.parse_cell(element)
    column = cell["column"] - 1
    value, data_type = cell["value"], cell["data_type"]
    if value is None and not (has_formula and not has_value):
        return
    reading.cells += 1
    if reading.cells > MAX_CELLS:
        raise _Refused(
            f"brings the cells read in this import past {MAX_CELLS:,}, the most this tool reads",
            number,
        )
    text = _cell_text(value)
    if len(text) > _EXCEL_CELL_CHARS:
        raise _Refused(
            f"has a cell longer than the {_EXCEL_CELL_CHARS:,} characters Excel "
            "allows; the file was not written by a spreadsheet",
            number,
        )
    row[column] = text
    if has_formula and not has_value:
        kinds[column] = ("formula", None)
    elif data_type == "e":
        kinds[column] = ("error", text)
    elif data_type == "d" or isinstance(value, (dt.date, dt.time, dt.timedelta)):
        kinds[column] = ("date", value)
    elif isinstance(value, float) and not value.is_integer():
        kinds[column] = ("number", value)


_EXCEL_CELL_CHARS = 32_767
_MOST_CELL_PARTS = 1_000  # XML elements in one cell (a rich-text cell has a few per run)


# --- tables ---------------------------------------------------------------------------------

_FORMULA_WITHOUT_VALUE = (
    "this cell holds a formula with no saved value (the file was not saved by a spreadsheet "
    "program that calculates); open it in Excel or LibreOffice, save, and import again, or "
    "type the value"
)
_DATES_TAKEN = {"leaving"}
_NUMBERS_TAKEN = {"duration", "frequency", "revisits_purpose", "value", "answer"}


def _take_sheet(
    where: str,
    title: str,
    rows: Iterator[_Row],
    merged: list[tuple[int, int, int, int]],
    reading: _Reading,
    workbook: bool = False,
) -> None:
    """Read one sheet's rows into a table; what it finds goes into `reading` only if the
    sheet is read to its end (a sheet refused half-way leaves nothing but its refusal)."""
    found = _Reading()
    try:
        _take_table(where, title, rows, merged, found, workbook)
    except _Refused as refused:
        reading.problems.append(SheetProblem(where, refused.row, None, refused.message))
        return
    reading.tables += found.tables
    reading.problems += found.problems
    reading.warnings += found.warnings


def _take_table(
    where: str,
    title: str,
    rows: Iterator[_Row],
    merged: list[tuple[int, int, int, int]],
    reading: _Reading,
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
    template = _template_named(title) or _template_by_columns(set(header))
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
        for index, kind in kinds.items():
            if index in by_index:
                _check_kind(where, number, by_index[index], kind, texts, index, reading)
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
    reading: _Reading,
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


def _template_named(title: str) -> str | None:
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
    where: str, merged: list[tuple[int, int, int, int]], header: list[str], reading: _Reading
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
