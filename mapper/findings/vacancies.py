"""Posts nobody holds: a vacant chair or key role, and vacant seats.

Seed 001 (`001_3c1d20c405aabe14.txt`): collaboration survives a departure where succession was
planned; a chair or a key role left empty is a departure that has already happened.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated, TypedDict

from mapper.analysis import Analysis
from mapper.findings.base import Detected, Severity
from mapper.findings.registry import check
from mapper.findings.shown import Shown
from mapper.model import KEY_ROLES, Role

__all__ = ["Vacancy"]


class Vacancy(TypedDict):
    chairs: Annotated[list[str], Shown("Chair of", "records")]
    vice_chair_of: Annotated[list[str], Shown("Vice chair of", "records")]
    key_roles: Annotated[list[Role], Shown("Key roles", "words")]
    seats: Annotated[list[str], Shown("A seat in", "records")]


@check(
    "vacancy",
    theme="succession",
    severities=("high", "medium", "low"),
    severity_rule=(
        "high for a vacant chair or key role, medium for a vacant seat in a meeting, low for a "
        "vacant post in no meeting"
    ),
    evidence=Vacancy,
)
def vacancies(analysis: Analysis) -> Iterator[Detected]:
    """Each post recorded as vacant (`vacant: true`), with what it leaves empty: the meetings
    it chairs or vice-chairs, its key roles and its other seats."""
    for person in analysis.partnership.people:
        if not person.vacant:
            continue
        chairs = analysis.chaired_by.get(person.id, [])
        vice = [m.id for m in analysis.partnership.meetings if m.vice_chair == person.id]
        roles = [r for r in person.roles if r in KEY_ROLES]
        seats = [
            m for m in analysis.meetings_of.get(person.id, []) if m not in chairs and m not in vice
        ]
        severity: Severity = "high" if chairs or roles else "medium" if vice or seats else "low"
        yield Detected(
            "vacancy",
            severity,
            (person.id,),
            Vacancy(chairs=chairs, vice_chair_of=vice, key_roles=roles, seats=seats),
        )
