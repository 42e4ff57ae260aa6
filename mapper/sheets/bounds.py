"""The bounds every reading of spreadsheets keeps, and what one reading has found so far.

A file is read within fixed bounds, whatever it claims: its size, the rows of a sheet, the
cells of a whole import, the unpacked size and shape of a workbook's parts. A sheet (or file)
past one is refused (`Refused`) with a message naming the limit.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from mapper.errors import SheetProblem

if TYPE_CHECKING:
    from mapper.sheets.tables import Table

__all__ = [
    "MAX_CELLS",
    "MAX_DEPTH",
    "MAX_FILE_BYTES",
    "MAX_PART_BYTES",
    "MAX_PART_ELEMENTS",
    "MAX_RATIO",
    "MAX_ROWS",
    "MAX_SHEET_BYTES",
    "MAX_SHEET_ELEMENTS",
    "MAX_UNPACKED_BYTES",
    "MB",
    "Kinds",
    "Reading",
    "Refused",
    "Row",
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
MB = 1_048_576


@dataclass
class Reading:
    """What one import has read so far: its tables, problems and warnings, and the cells
    counted against MAX_CELLS across every file and sheet."""

    tables: list[Table] = field(default_factory=list)
    problems: list[SheetProblem] = field(default_factory=list)
    warnings: list[SheetProblem] = field(default_factory=list)
    cells: int = 0


class Refused(Exception):
    """A sheet (or file) that is not read any further; the message says why and the limit."""

    def __init__(self, message: str, row: int | None = None) -> None:
        super().__init__(message)
        self.message, self.row = message, row


#: What a workbook cell held besides its text: a date, an odd number, an error, a formula
#: never calculated. Keyed by the cell's column (from 0); checked once the column is known.
Kinds = dict[int, tuple[str, Any]]
#: A row as read: its number, its cells by column (from 0), and their kinds.
Row = tuple[int, Mapping[int, str], Kinds]
