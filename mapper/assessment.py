"""The self-assessment scored, and set beside what the map shows.

A partnership's own view of itself is most useful where it meets the evidence: a "yes" to
shared measurement while nobody holds the data lead role is a conversation the board should
have. Each statement is scored (not yet 0, partly 1, yes 2) and carries the findings that bear
on it; a "yes" with such findings of medium severity or worse is marked as questioned.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from mapper.model import AssessmentAnswer, Partnership
from mapper.questionnaire import ANSWER_POINTS, GROUPS, QUESTION_IDS, QUESTIONS, Question

if TYPE_CHECKING:  # a type only: taking answers needs no analysis loaded
    from mapper.findings.base import Finding

__all__ = [
    "AssessedStatement",
    "GroupScore",
    "assess",
    "changed_answers",
    "group_scores",
    "overall_score",
    "with_answer",
    "with_answers",
]

_QUESTIONING = ("high", "medium")


@dataclass(frozen=True)
class AssessedStatement:
    """One statement with the partnership's answer (None when not answered yet) and the
    findings of the diagnosis that bear on it."""

    question: Question
    answer: str | None
    note: str | None
    related: tuple[Finding, ...]

    @property
    def points(self) -> int | None:
        return None if self.answer is None else ANSWER_POINTS[self.answer]

    @property
    def questioned(self) -> bool:
        """Answered "yes" although the map shows a problem it should have prevented."""
        return self.answer == "yes" and any(f.severity in _QUESTIONING for f in self.related)


@dataclass(frozen=True)
class GroupScore:
    group: str
    answered: int
    statements: int
    points: int

    @property
    def percent(self) -> int | None:
        """Points as a share of the most the answered statements could score."""
        return round(100 * self.points / (2 * self.answered)) if self.answered else None


def bears_on(question: Question, finding: Finding) -> bool:
    if finding.kind not in question.related:
        return False
    if question.roles and finding.kind in ("missing_key_role", "key_role_without_deputy"):
        roles = finding.evidence.get("roles") or [finding.evidence.get("role")]
        return any(role in question.roles for role in roles)
    return True


def assess(partnership: Partnership, findings: Iterable[Finding]) -> list[AssessedStatement]:
    """Every statement in questionnaire order, answered or not."""
    findings = tuple(findings)
    statements = []
    for question in QUESTIONS:
        given = partnership.assessment.get(question.id)
        statements.append(
            AssessedStatement(
                question,
                given.answer if given else None,
                given.note if given else None,
                tuple(f for f in findings if bears_on(question, f)),
            )
        )
    return statements


def group_scores(statements: Iterable[AssessedStatement]) -> list[GroupScore]:
    statements = list(statements)
    scores = []
    for group in GROUPS:
        mine = [s for s in statements if s.question.group == group]
        answered = [s.points for s in mine if s.points is not None]
        scores.append(GroupScore(group, len(answered), len(mine), sum(answered)))
    return scores


def overall_score(statements: Iterable[AssessedStatement]) -> GroupScore:
    statements = list(statements)
    answered = [s.points for s in statements if s.points is not None]
    return GroupScore("All statements", len(answered), len(statements), sum(answered))


def with_answer(
    partnership: Partnership, question: str, answer: str | None, note: str | None = None
) -> Partnership:
    """The map with one statement answered (or its answer removed when `answer` is None).

    The answer and note are validated as the loader would (raises pydantic's
    ValidationError); an empty note is no note.
    """
    if question not in QUESTION_IDS:
        raise ValueError(f"{question!r} is not a statement of the self-assessment")
    answers = dict(partnership.assessment)
    if answer is None:
        answers.pop(question, None)
    else:
        answers[question] = AssessmentAnswer(answer=answer, note=(note or "").strip() or None)
    ordered = {q: answers[q] for q in QUESTION_IDS if q in answers}
    return partnership.model_copy(update={"assessment": ordered})


def with_answers(partnership: Partnership, answers: Mapping[str, AssessmentAnswer]) -> Partnership:
    """The map with `answers` (read from a questionnaire sheet) in place of its own answers to
    the same statements; statements the sheet leaves unanswered keep what the map had."""
    merged = {**partnership.assessment, **answers}
    ordered = {q: merged[q] for q in QUESTION_IDS if q in merged}
    return partnership.model_copy(update={"assessment": ordered})


def changed_answers(before: Partnership, after: Partnership) -> list[str]:
    """The statements whose answer or note differs between two versions of a map."""
    return [q for q in QUESTION_IDS if before.assessment.get(q) != after.assessment.get(q)]
