"""What can go wrong, as a small hierarchy: interfaces catch `MapperError` only.

MapperError            anything the tool refuses, with a message a person can act on
 ├── InvalidMapError   a map file (or text) that does not validate; carries every Problem found
 ├── SheetError        spreadsheets that cannot be made into a map; every SheetProblem found
 ├── SaveConflict      the file changed on disk since it was opened: saving would overwrite it
 └── FileGone          the file was deleted or moved since it was opened
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "MapperError",
    "InvalidMapError",
    "Problem",
    "SheetError",
    "SheetProblem",
    "SaveConflict",
    "FileGone",
]


class MapperError(Exception):
    """Base of every error the tool raises on purpose; its text is meant for the user."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a map: where it is and a plain sentence saying what to do.

    `line` is 1-based and None when the problem belongs to the whole file (an empty file, say).
    `where` is the path inside the map, such as ``people[3].organisation``.
    """

    file: str
    line: int | None
    where: str
    message: str

    def __str__(self) -> str:
        place = f"{self.file}:{self.line}" if self.line is not None else self.file
        return f"{place}: {self.message}"


class InvalidMapError(MapperError):
    """A map that cannot be used as it is; `problems` lists each thing to fix, in file order."""

    def __init__(self, problems: list[Problem], omitted: int = 0) -> None:
        self.problems = problems
        self.omitted = omitted
        lines = [str(p) for p in problems]
        if omitted:
            lines.append(f"... and {omitted} more problems not shown")
        super().__init__("\n".join(lines))


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


class SheetError(MapperError):
    """Spreadsheets that cannot be made into a map; `problems` says where to look, each."""

    def __init__(self, problems: list[SheetProblem], warnings: list[SheetProblem]) -> None:
        self.problems = problems
        self.warnings = warnings
        super().__init__("\n".join(str(p) for p in problems))


class SaveConflict(MapperError):
    """The file changed on disk after it was opened: saving would overwrite someone's work."""


class FileGone(MapperError):
    """The file was deleted or moved after it was opened: there is nothing to save over, and
    saving it again as a new file (`opened_digest=None`) recreates it."""
