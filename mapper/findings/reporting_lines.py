"""Reporting lines that rest on one person: a meeting whose only link to the meeting it
reports to is the one person who sits in both.

Seed 001 (`001_3c1d20c405aabe14.txt`): leadership distributed across levels keeps change from
relying on any one individual, and succession planning is too often neglected; co-chairing is
one way of getting it right. A locality group whose chair is its only voice at the board loses
that voice the day the chair leaves.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Annotated, TypedDict

from mapper.analysis import Analysis
from mapper.findings.base import Detected
from mapper.findings.registry import check
from mapper.findings.shown import Shown
from mapper.model import Meeting, Partnership

__all__ = ["ReportingLine"]


class ReportingLine(TypedDict):
    lower: Annotated[str, Shown("Meeting", "record")]
    upper: Annotated[str, Shown("Reports to", "record")]
    person: Annotated[str, Shown("The one person in both", "record")]
    seat_below: Annotated[str, Shown("Their seat in the meeting", "word")]
    seat_above: Annotated[str, Shown("Their seat in the one above", "word")]
    deputy: Annotated[str | None, Shown("Who could stand in", "record", empty="nobody named")]
    leaving: Annotated[str | None, Shown("Leaves on", "date")]
    vacant: Annotated[bool, Shown("Post", "flag", yes="vacant: nobody holds it")]
    recorded_in_part: Annotated[
        bool,
        Shown(
            "Membership",
            "flag",
            yes="only partly recorded: they are the only one recorded in both",
        ),
    ]


def _stand_in(partnership: Partnership, person: str, below: Meeting) -> str | None:
    """Who could carry `below`'s report in `person`'s place: their named deputy; else, when
    they chair `below`, its vice chair, then its other co-chair. A vacant post stands in for
    no one."""
    people = partnership.person_by_id
    candidates = [people[person].deputy]
    if person in below.chairs:
        candidates += [below.vice_chair, *(c for c in below.chairs if c != person)]
    return next((c for c in candidates if c is not None and not people[c].vacant), None)


@check(
    "reporting_line_rests_on_one_person",
    theme="succession",
    severities=("high", "medium"),
    severity_rule=(
        "high when the person is a vacant post, leaves before the departure window ends (a "
        "date already past too) or has no deputy (a named one, or the vice chair or co-chair "
        "of the meeting they chair), else medium"
    ),
    evidence=ReportingLine,
    settings=("departure_window_days",),
)
def reporting_lines_on_one_person(analysis: Analysis) -> Iterator[Detected]:
    """Each `reports_to` link from one of the partnership's own meetings (to any meeting, an
    external board included) in which exactly one person sits in both meetings, between
    standing meetings (`Analysis.standing`: a one-off event or a group that has ended carries
    no standing line). When either meeting's membership is only partly recorded, the finding
    says the one person is the only one recorded in both (`recorded_in_part`): the formal
    route the report takes is known even where not every member is."""
    partnership, today = analysis.partnership, analysis.today
    horizon = today + dt.timedelta(days=analysis.settings.departure_window_days)
    meetings, standing = partnership.meeting_by_id, analysis.standing
    for below in partnership.meetings:
        if below.external or below.id not in standing:
            continue
        for parent in analysis.reporting.parents[below.id]:
            above = meetings[parent]
            if above.id == below.id or above.id not in standing:
                continue
            both = below.attendees & above.attendees
            if len(both) != 1:
                continue
            (person_id,) = both
            person = partnership.person_by_id[person_id]
            deputy = _stand_in(partnership, person_id, below)
            leaving_soon = person.leaving is not None and person.leaving <= horizon
            exposed = person.vacant or leaving_soon or deputy is None
            yield Detected(
                "reporting_line_rests_on_one_person",
                "high" if exposed else "medium",
                (below.id, above.id, person_id),
                ReportingLine(
                    lower=below.id,
                    upper=above.id,
                    person=person_id,
                    seat_below=below.seat_of(person_id),
                    seat_above=above.seat_of(person_id),
                    deputy=deputy,
                    leaving=person.leaving.isoformat() if person.leaving else None,
                    vacant=person.vacant,
                    recorded_in_part="partial" in (below.membership, above.membership),
                ),
            )
