"""Reading spreadsheets (CSV files and Excel workbooks) into plain tables of text.

Every cell is read as the text a person sees: `None`, `NA` and `0123` stay as typed (pandas'
defaults would turn the first two into missing values and drop the zero). Each table keeps the
row numbers the spreadsheet shows, so every later message can say where to look.

The work is in one module per job: `bounds` (the limits a reading keeps), `csv_files` (text
files), `workbook` (a workbook's zip, checked before openpyxl parses any of it), `stream` (a
sheet's XML streamed cell by cell) and `tables` (rows matched to a template's columns). This
module picks the reader for each file, and keeps the names the rest of the tool imports.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import PurePath

from mapper.errors import SheetProblem
from mapper.sheets.bounds import (
    MAX_CELLS,
    MAX_FILE_BYTES,
    MAX_ROWS,
    MAX_SHEET_BYTES,
    MAX_UNPACKED_BYTES,
    MB,
    Reading,
)
from mapper.sheets.csv_files import read_csv
from mapper.sheets.tables import Table
from mapper.sheets.workbook import read_workbook

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


def read_tables(
    files: Iterable[tuple[str, bytes]],
) -> tuple[list[Table], list[SheetProblem], list[SheetProblem]]:
    """The tables in `files` (name and content of each), the problems that stop an import,
    and warnings about what was skipped."""
    reading = Reading()
    for name, content in files:
        suffix = PurePath(name).suffix.lower()
        if len(content) > MAX_FILE_BYTES:
            reading.problems.append(
                SheetProblem(
                    name,
                    None,
                    None,
                    (
                        f"the file is {len(content) / MB:.1f} MB; the most this tool reads is "
                        f"{MAX_FILE_BYTES // MB} MB"
                    ),
                )
            )
        elif suffix in (".xlsx", ".xlsm"):
            read_workbook(name, content, reading)
        elif suffix in (".csv", ".txt", ".tsv"):
            read_csv(name, content, reading)
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
