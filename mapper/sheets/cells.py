"""Cells that leave for a spreadsheet, and come back: formula neutralising, outer spaces.

A spreadsheet runs a cell that starts with `=`, `+`, `-` or `@` (and some read a leading tab
or carriage return the same way) as a formula, so a name typed as ``=HYPERLINK(...)`` could
act when a partner opens the file. Such cells are written with a leading `'`, which shows the
text as typed; reading a sheet back takes that one quote off again.

Reading trims the spaces around a cell, as people type them by accident; a text whose outer
spaces are its own (' =x', 'Sam ') goes out behind the same quote, and a cell read back that
starts with that quote is taken as it stands. Either way, what goes out comes back unchanged:
`cell_text(neutralise(text)) == text` for any text.
"""

from __future__ import annotations

__all__ = ["FORMULA_STARTS", "cell_text", "neutralise", "undo_neutralising"]

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_QUOTE = "'"


def _guarded(cell: str) -> bool:
    """Whether `cell` goes out behind a quote: a formula sign after any quotes it starts
    with, or outer spaces that trimming would take."""
    core = cell.lstrip(_QUOTE)
    return core.startswith(FORMULA_STARTS) or core[:1].isspace() or cell[-1:].isspace()


def neutralise(cell: str) -> str:
    """`=1+1` becomes `'=1+1`, ` Sam` becomes `' Sam`. A cell that already starts with quotes
    before a formula sign (`'=x`) gets one more, so reading it back, which takes one off,
    gives what was written."""
    return _QUOTE + cell if _guarded(cell) else cell


def undo_neutralising(cell: str) -> str:
    """The text a neutralised cell stood for (`'=SUM(A1)` -> `=SUM(A1)`); others unchanged."""
    if cell.startswith(_QUOTE) and _guarded(cell[1:]):
        return cell[1:]
    return cell


def cell_text(cell: str) -> str:
    """The text a cell read from a sheet stands for: a neutralised cell without its quote,
    spaces and all; any other cell trimmed (and then without its quote, if a person typed
    ` '=x`)."""
    if cell.startswith(_QUOTE) and _guarded(cell[1:]):
        return cell[1:]
    return undo_neutralising(cell.strip())
