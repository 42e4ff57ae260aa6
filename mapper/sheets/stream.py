"""A workbook's sheet streamed cell by cell: each XML element let go once read, so memory
holds one cell's XML at a time, whatever the sheet's <dimension> says; reading stops at the
row, cell and element caps.

A cell comes out as the text a person sees (a date as 2027-03-31, 0.1+0.2 as 0.3), with what
else it held noted beside it (a date, an odd number, an error, a formula never calculated)
for `mapper.sheets.tables` to judge once it knows the cell's column.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from mapper.sheets.bounds import (
    MAX_CELLS,
    MAX_DEPTH,
    MAX_ROWS,
    MAX_SHEET_ELEMENTS,
    Kinds,
    Reading,
    Refused,
    Row,
)

__all__ = ["Budget", "sheet_rows"]

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_ROW, _CELL, _FORMULA, _VALUE = f"{_MAIN}row", f"{_MAIN}c", f"{_MAIN}f", f"{_MAIN}v"
_MERGE = f"{_MAIN}mergeCell"


@dataclass
class Budget:
    """XML elements a workbook's sheets may still hold: bounds the time spent on one."""

    left: int

    def spend(self, row: int) -> None:
        self.left -= 1
        if self.left < 0:
            raise Refused(
                f"holds more than {MAX_SHEET_ELEMENTS:,} XML elements in its "
                "sheets; the file may be built to exhaust memory",
                row,
            )


def sheet_rows(
    book: Any,
    path: str,
    merged: list[tuple[int, int, int, int]],
    budget: Budget,
    reading: Reading,
) -> Iterator[Row]:
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
    kinds: Kinds = {}
    cell_depth = cell_parts = 0  # inside the cell being read, kept until it ends
    with book.archive.open(path) as source:
        for event, element in iterparse(source, events=("start", "end"), forbid_dtd=True):
            if event == "start":
                stack.append(element)
                if len(stack) > MAX_DEPTH:
                    raise Refused(
                        f"is nested more than {MAX_DEPTH} deep, which Excel never writes",
                        number or None,
                    )
                if cell_depth or element.tag == _CELL:
                    cell_parts = cell_parts + 1 if cell_depth else 1
                    cell_depth += 1
                    if cell_parts > _MOST_CELL_PARTS:
                        raise Refused(
                            f"has a cell of more than {_MOST_CELL_PARTS} XML "
                            "elements, which Excel never writes",
                            number or None,
                        )
                elif element.tag == _ROW:
                    following = int(float(element.get("r") or number + 1))
                    if following <= number:
                        raise Refused(
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
                        raise Refused(
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
    kinds: Kinds,
    number: int,
    reading: Reading,
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
        raise Refused(
            f"brings the cells read in this import past {MAX_CELLS:,}, the most this tool reads",
            number,
        )
    text = _cell_text(value)
    if len(text) > _EXCEL_CELL_CHARS:
        raise Refused(
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
