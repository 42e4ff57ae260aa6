"""Cells that leave for a spreadsheet, and come back: formula neutralising.

A spreadsheet runs a cell that starts with `=`, `+`, `-` or `@` (and some read a leading tab
or carriage return the same way) as a formula, so a name typed as ``=HYPERLINK(...)`` could
act when a partner opens the file. Such cells are written with a leading `'`, which shows the
text as typed; reading a sheet back takes that one quote off again.
"""

from __future__ import annotations

__all__ = ["FORMULA_STARTS", "neutralise", "undo_neutralising"]

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_QUOTE = "'"


def _formula_behind_quotes(cell: str) -> bool:
    return cell.lstrip(_QUOTE).startswith(FORMULA_STARTS)


def neutralise(cell: str) -> str:
    """`=1+1` becomes `'=1+1`. A cell that already starts with quotes before a formula sign
    (`'=x`) gets one more, so reading it back, which takes one off, gives what was written."""
    return _QUOTE + cell if _formula_behind_quotes(cell) else cell


def undo_neutralising(cell: str) -> str:
    """The text a neutralised cell stood for (`'=SUM(A1)` -> `=SUM(A1)`); others unchanged."""
    if cell.startswith(_QUOTE) and _formula_behind_quotes(cell):
        return cell[1:]
    return cell
