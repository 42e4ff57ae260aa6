"""Meeting load: the hours a month people spend in partnership meetings.

Seed 000 (`000_7ab3818a98b34f54.txt`): meetings added on top of old ones are felt as extra
work; a person in too many meetings is also a fragile link.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from mapper.findings.base import Detected, Settings
from mapper.model import Partnership

__all__ = ["hours_a_month_by_person", "hours_a_month_by_organisation", "heavy_meeting_loads"]


def hours_a_month_by_person(partnership: Partnership) -> dict[str, float]:
    """Hours a month each person spends in meetings, by person id in order.

    Attendees are a set, whose order changes from run to run; sorting keeps the output (and
    the order floats are added in) the same every time.
    """
    hours: dict[str, float] = defaultdict(float)
    for meeting in partnership.meetings:
        for person in meeting.attendees:
            hours[person] += meeting.hours_a_year / 12
    return dict(sorted(hours.items()))


def hours_a_month_by_organisation(partnership: Partnership) -> dict[str, float]:
    """Hours a month each organisation's people spend in meetings, by organisation id."""
    hours: dict[str, float] = defaultdict(float)
    for person, h in hours_a_month_by_person(partnership).items():
        org = partnership.person_by_id[person].organisation
        if org:
            hours[org] += h
    return {org: round(h, 1) for org, h in sorted(hours.items())}


def heavy_meeting_loads(partnership: Partnership, settings: Settings) -> Iterator[Detected]:
    meetings_of: dict[str, list[str]] = defaultdict(list)
    for meeting in partnership.meetings:
        for person in meeting.attendees:
            meetings_of[person].append(meeting.id)
    for person, hours in hours_a_month_by_person(partnership).items():
        if hours > settings.load_hours_per_month:
            meetings = meetings_of[person]
            yield Detected(
                "heavy_meeting_load",
                "medium",
                (person,),
                {
                    "hours_a_month": round(hours, 1),
                    "meetings": meetings,
                    "chairs": [
                        m for m in meetings if person in partnership.meeting_by_id[m].chairs
                    ],
                },
            )
