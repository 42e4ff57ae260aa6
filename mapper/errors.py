"""What can go wrong, as a small hierarchy: interfaces catch `MapperError` only.

    MapperError            anything the tool refuses, with a message a person can act on
     └── InvalidMapError   a map file (or text) that does not validate; carries every Problem found
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["MapperError", "InvalidMapError", "Problem"]


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
