"""Maps to and from spreadsheets: the templates, reading, building a map, writing it back."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from mapper.errors import SheetError, SheetProblem
from mapper.model import AssessmentAnswer, Partnership
from mapper.sheets.build import build_map
from mapper.sheets.read import read_tables

__all__ = ["Answers", "Imported", "SheetError", "SheetProblem", "import_sheets", "read_answers"]


@dataclass(frozen=True)
class Imported:
    partnership: Partnership
    warnings: tuple[SheetProblem, ...]


@dataclass(frozen=True)
class Answers:
    """Self-assessment answers read from a filled-in questionnaire sheet."""

    answers: dict[str, AssessmentAnswer]
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


def read_answers(files: Iterable[tuple[str, bytes]]) -> Answers:
    """The answers in the assessment sheet of `files`, for a map that is already open.

    The questionnaire can go round the partners on its own (it names nobody), come back
    answered, and be read in here. Other sheets in the files are named in a warning and left
    alone; a file without an assessment sheet, or a bad row, raises SheetError.
    """
    tables, problems, warnings = read_tables(files)
    if problems:
        raise SheetError(problems, warnings)
    for table in tables:
        if table.template != "assessment":
            warnings.append(
                SheetProblem(
                    table.where,
                    None,
                    None,
                    (
                        f"holds {table.template}; only the self-assessment is read here, so it was "
                        "left alone"
                    ),
                )
            )
    sheets = [t for t in tables if t.template == "assessment"]
    if not sheets:
        raise SheetError(
            [
                SheetProblem(
                    "the files",
                    None,
                    None,
                    (
                        "hold no assessment sheet: a sheet named assessment, or with the columns "
                        "id, "
                        "statement and answer, as in the questionnaire download"
                    ),
                )
            ],
            warnings,
        )
    partnership, problems, more = build_map(sheets, "answers")
    if partnership is None:
        raise SheetError(problems, [*warnings, *more])
    return Answers(dict(partnership.assessment), (*warnings, *more))
