"""Shared purpose and outcomes: strategic meetings that rarely revisit the vision, and shared
outcomes that no meeting holds.

Seed 000 (`000_7ab3818a98b34f54.txt`): the shared purpose is revisited at least twice a year at
every level, and agendas follow a shared outcomes framework.
"""

from __future__ import annotations

from collections.abc import Iterator

from mapper.findings.base import Detected, Settings
from mapper.model import Partnership, times_a_year

__all__ = ["purpose_rarely_revisited", "outcomes_nobody_holds"]


def purpose_rarely_revisited(partnership: Partnership, settings: Settings) -> Iterator[Detected]:
    for meeting in partnership.meetings:
        if meeting.level != "strategic":
            continue
        per_year = times_a_year(meeting.revisits_purpose) if meeting.revisits_purpose else 0.0
        if per_year < settings.purpose_revisits_per_year:
            yield Detected(
                "purpose_not_revisited",
                "low",
                (meeting.id,),
                {"revisits_per_year": per_year, "at_least": settings.purpose_revisits_per_year},
            )


def outcomes_nobody_holds(partnership: Partnership) -> Iterator[Detected]:
    held = {o for m in partnership.meetings for o in m.outcomes}
    for outcome in partnership.outcomes:
        if outcome.id not in held:
            yield Detected("outcome_not_held", "medium", (outcome.id,), {})
