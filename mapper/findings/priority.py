"""Which findings to act on first: a priority for each, from its severity and its reach.

A finding's reach is what it touches: the organisations, people and meetings named in its
subjects and evidence, with the organisations of the people named, the organisations and
people present in the meetings named, and those meetings' hours a year. A finding naming
nothing in particular (a key role no one holds, a level where no meeting joins two
organisations) is about the whole partnership and touches all of it.

Priority 1 is acted on first: by severity (high, medium, low, info), then the organisations
touched, then the people, then the meeting hours, then the order the checks gave.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from mapper.analysis import Analysis
from mapper.findings.base import SEVERITIES, Detected

__all__ = ["Reach", "prioritised", "reach"]


@dataclass(frozen=True)
class Reach:
    organisations: int
    people: int
    meeting_hours_a_year: float


def _ids(value: Any) -> list[str]:
    """Every string in `value`, however deep in its mappings and collections."""
    found: list[str] = []
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            found.append(item)
        elif isinstance(item, (list, tuple, set, frozenset)):
            stack.extend(item)
        elif isinstance(item, (int, float)):  # most of the rest: not asked whether a Mapping
            continue
        elif isinstance(item, Mapping):
            stack.extend(item.values())
    return found


def reach(analysis: Analysis, detected: Detected) -> Reach:
    """What `detected` touches (see the module's docstring)."""
    p = analysis.partnership
    named = {*detected.subjects, *_ids(detected.evidence)}
    orgs = named & p.organisation_by_id.keys()
    people = named & p.person_by_id.keys()
    meetings = named & p.meeting_by_id.keys()
    if not (orgs or people or meetings):
        return analysis.once(("reach", "whole"), lambda: _whole(analysis))
    # Summed exactly: a sum of floats in a set's order would tie or not by the order.
    hours = math.fsum(p.meeting_by_id[m].person_hours_a_year for m in meetings)
    # The organisations of the people named; those of the people in the meetings named are
    # among the organisations present there.
    person = p.person_by_id
    orgs |= {o for named_person in people if (o := person[named_person].organisation)}
    for m in meetings:
        people |= p.meeting_by_id[m].attendees
        orgs |= analysis.present_in[m]
    return Reach(len(orgs), len(people), hours)


def _whole(analysis: Analysis) -> Reach:
    """The reach of a finding about the whole partnership: all of it."""
    p = analysis.partnership
    hours = math.fsum(m.person_hours_a_year for m in p.meetings)
    return Reach(len(p.organisations), len(p.people), hours)


def prioritised(analysis: Analysis, detected: Sequence[Detected]) -> tuple[Detected, ...]:
    """The findings in their order, each with its `priority` set (1 = act first)."""
    reaches = [reach(analysis, d) for d in detected]
    order = sorted(
        range(len(detected)),
        key=lambda i: (
            SEVERITIES.index(detected[i].severity),
            -reaches[i].organisations,
            -reaches[i].people,
            -reaches[i].meeting_hours_a_year,
            i,
        ),
    )
    rank = {i: position + 1 for position, i in enumerate(order)}
    return tuple(dataclasses.replace(d, priority=rank[i]) for i, d in enumerate(detected))
