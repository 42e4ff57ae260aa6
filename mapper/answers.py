"""Answering the self-assessment: from a filled-in questionnaire, or one statement at a time.

The questionnaire goes round the partners on its own (`export --only assessment`; it names
nobody) and comes back answered. Taking its answers is one step for every face: the command
line reads the files from disk, the Self-assessment page from an upload, and both call
`take_answers`. Nothing here saves: the face saves the map it gets back.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from mapper.errors import MapperError, SheetProblem
from mapper.model import AssessmentAnswer, Partnership

__all__ = ["TakenAnswers", "answer_statement", "take_answers"]


@dataclass(frozen=True)
class TakenAnswers:
    """The map with a questionnaire's answers in place, and what they changed.

    `partnership` is the map given, unchanged, when no answer differs from the map's;
    `answers` is every answer the sheet held; `changed` the statements whose answer or note
    is now different, in questionnaire order; `warnings` what was read past (other sheets,
    empty rows).
    """

    partnership: Partnership
    answers: Mapping[str, AssessmentAnswer]
    changed: tuple[str, ...]
    warnings: tuple[SheetProblem, ...]


def take_answers(partnership: Partnership, files: Iterable[tuple[str, bytes]]) -> TakenAnswers:
    """The map with the answers in the assessment sheet of `files` (file name and content of
    each CSV or workbook) in place of its answers to the same statements; statements the sheet
    leaves unanswered keep what the map had.

    Raises SheetError, listing every problem by sheet, row and column, when the files hold no
    assessment sheet or a row that cannot be read; nothing is taken then.
    """
    from mapper.assessment import changed_answers
    from mapper.sheets import read_answers

    read = read_answers(files)
    answered = partnership.with_sections(assessment={**partnership.assessment, **read.answers})
    changed = tuple(changed_answers(partnership, answered))
    return TakenAnswers(answered if changed else partnership, read.answers, changed, read.warnings)


def answer_statement(
    partnership: Partnership, question: str, answer: str | None, note: str | None = None
) -> Partnership:
    """The map with one statement answered (its answer removed when `answer` is None).

    Raises MapperError saying what is wrong with the answer or the note (a note that is too
    long, an answer that is not one of the choices, a statement that does not exist).
    """
    from pydantic import ValidationError

    from mapper.assessment import with_answer

    try:
        return with_answer(partnership, question, answer, note)
    except ValidationError as error:  # the library's error becomes ours, here and only here
        raise MapperError("; ".join(e["msg"] for e in error.errors())) from None
    except ValueError as error:  # a statement that is not in the questionnaire
        raise MapperError(str(error)) from None
