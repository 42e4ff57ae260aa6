"""The map being built from spreadsheets, and the cell each of its parts came from."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from mapper.errors import SheetProblem
from mapper.model import SECTIONS, Partnership

__all__ = ["Cell", "Draft", "MAP_KEYS"]

#: The map's own keys that are not its name, sections, settings or self-assessment (its
#: `type`): the settings sheet carries them, a row each, before the thresholds. Where the
#: nodes are drawn (`layout`) is no cell of a spreadsheet: an imported map is laid out afresh,
#: or takes the positions of the open map (`mapper.model.Partnership.with_layout_of`).
MAP_KEYS = tuple(
    name
    for name in Partnership.model_fields
    if name not in SECTIONS and name not in ("version", "name", "settings", "assessment", "layout")
)


@dataclass(frozen=True)
class Cell:
    sheet: str
    row: int | None
    column: str | None


@dataclass
class Draft:
    """The map being built, and where each of its parts came from."""

    records: dict[str, list[dict[str, Any]]] = field(
        default_factory=lambda: {s: [] for s in SECTIONS}
    )
    origin: dict[str, Cell] = field(default_factory=dict)  # format_loc -> cell
    assessment: dict[str, dict[str, str]] = field(default_factory=dict)
    settings: dict[str, Any] = field(default_factory=dict)
    header: dict[str, Any] = field(default_factory=dict)  # the map's own keys (its type)
    problems: list[SheetProblem] = field(default_factory=list)
    warnings: list[SheetProblem] = field(default_factory=list)
    ids: dict[str, dict[str, str]] = field(default_factory=lambda: defaultdict(dict))
    row_ids: dict[tuple[str, int], str] = field(default_factory=dict)
    shown_names: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    names: dict[str, dict[str, list[str]]] = field(
        default_factory=lambda: defaultdict(lambda: defaultdict(list))
    )

    def refuse(self, cell: Cell, message: str) -> None:
        self.problems.append(SheetProblem(cell.sheet, cell.row, cell.column, message))
