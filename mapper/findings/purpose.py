"""Shared purpose and outcomes: strategic meetings that rarely revisit the vision, and shared
outcomes that no meeting holds.

Seed 000 (`000_7ab3818a98b34f54.txt`): the shared purpose is revisited at least twice a year at
every level, and agendas follow a shared outcomes framework.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated, TypedDict

from mapper.analysis import Analysis
from mapper.findings.base import Detected
from mapper.findings.registry import check
from mapper.findings.shown import Shown
from mapper.model import times_a_year

__all__ = ["OutcomeNotHeld", "PurposeNotRevisited"]


class PurposeNotRevisited(TypedDict):
    revisits_per_year: Annotated[float, Shown("Revisits the shared purpose", "times_a_year")]
    at_least: Annotated[float, Shown("The guidance asks for at least", "times_a_year")]


class OutcomeNotHeld(TypedDict):
    pass


@check(
    "purpose_not_revisited",
    theme="purpose",
    severities=("low",),
    severity_rule="low",
    evidence=PurposeNotRevisited,
    settings=("purpose_revisits_per_year",),
)
def purpose_rarely_revisited(analysis: Analysis) -> Iterator[Detected]:
    settings = analysis.settings
    for meeting in analysis.partnership.meetings:
        if meeting.level != "strategic" or meeting.revisits_purpose is None:
            continue  # not recorded is not "never": the map's notice counts what it leaves out
        per_year = times_a_year(meeting.revisits_purpose)
        if per_year < settings.purpose_revisits_per_year:
            yield Detected(
                "purpose_not_revisited",
                "low",
                (meeting.id,),
                PurposeNotRevisited(
                    revisits_per_year=per_year, at_least=settings.purpose_revisits_per_year
                ),
            )


@check(
    "outcome_not_held",
    theme="purpose",
    severities=("medium",),
    severity_rule="medium",
    evidence=OutcomeNotHeld,
)
def outcomes_nobody_holds(analysis: Analysis) -> Iterator[Detected]:
    partnership = analysis.partnership
    held = {o for m in partnership.meetings for o in m.outcomes}
    for outcome in partnership.outcomes:
        if outcome.id not in held:
            yield Detected("outcome_not_held", "medium", (outcome.id,), OutcomeNotHeld())
