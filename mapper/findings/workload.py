"""Meeting load: the hours a month people spend in partnership meetings.

Seed 000 (`000_7ab3818a98b34f54.txt`): meetings added on top of old ones are felt as extra
work; a person in too many meetings is also a fragile link.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated, TypedDict

from mapper.analysis import Analysis
from mapper.findings.base import Detected
from mapper.findings.registry import check
from mapper.findings.shown import Shown

__all__ = ["HeavyLoad", "hours_a_month_by_organisation"]


class HeavyLoad(TypedDict):
    hours_a_month: Annotated[float, Shown("Time in meetings", "hours_a_month")]
    meetings: Annotated[list[str], Shown("Meetings", "records")]
    chairs: Annotated[list[str], Shown("Of which they chair", "records")]


def hours_a_month_by_organisation(analysis: Analysis) -> dict[str, float]:
    """Hours a month each organisation's people spend in meetings, by organisation id."""
    hours: dict[str, float] = {}
    people = analysis.partnership.person_by_id
    for person, h in analysis.hours_a_month_by_person.items():
        org = people[person].organisation
        if org:
            hours[org] = hours.get(org, 0.0) + h
    return {org: round(h, 1) for org, h in sorted(hours.items())}


@check(
    "heavy_meeting_load",
    theme="meetings",
    severities=("medium",),
    severity_rule="medium",
    evidence=HeavyLoad,
    settings=("load_hours_per_month",),
)
def heavy_meeting_loads(analysis: Analysis) -> Iterator[Detected]:
    limit = analysis.settings.load_hours_per_month
    chaired = analysis.chaired_by
    for person, hours in analysis.hours_a_month_by_person.items():
        if hours > limit:
            meetings = analysis.meetings_of[person]
            chairs = set(chaired.get(person, ()))
            yield Detected(
                "heavy_meeting_load",
                "medium",
                (person,),
                HeavyLoad(
                    hours_a_month=round(hours, 1),
                    meetings=meetings,
                    chairs=[m for m in meetings if m in chairs],
                ),
            )
