"""Maps to and from spreadsheets: the templates, reading, building a map, writing it back."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from mapper.errors import MapperError
from mapper.model import Partnership
from mapper.sheets.build import build_map
from mapper.sheets.read import SheetProblem, read_tables

__all__ = ["Imported", "SheetError", "SheetProblem", "import_sheets"]


class SheetError(MapperError):
    """Spreadsheets that cannot be made into a map; `problems` says where to look, each."""

    def __init__(self, problems: list[SheetProblem], warnings: list[SheetProblem]) -> None:
        self.problems = problems
        self.warnings = warnings
        super().__init__("\n".join(str(p) for p in problems))


@dataclass(frozen=True)
class Imported:
    partnership: Partnership
    warnings: tuple[SheetProblem, ...]


def import_sheets(files: Iterable[tuple[str, bytes]], name: str) -> Imported:
    """The map in `files` (file name and content of each CSV or workbook), named `name`.

    Raises SheetError listing every problem by sheet, row and column; warnings say what was
    skipped (empty rows, columns the template does not have).
    """
    tables, problems, warnings = read_tables(files)
    if not problems and not tables:
        problems = [SheetProblem("the files", None, None, "hold no sheet to read")]
    if problems:
        raise SheetError(problems, warnings)
    partnership, problems, more = build_map(tables, name)
    if partnership is None:
        raise SheetError(problems, [*warnings, *more])
    return Imported(partnership, (*warnings, *more))
