"""The roles a system needs, their deputies, and departures already known.

Seed 002 (`002_a2e27855ff0c89a1.txt`) names a single accountable leader, a senior sponsor, a
transformation lead and a data lead; seed 001 (`001_3c1d20c405aabe14.txt`) warns that
succession planning is too often neglected.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Annotated, TypedDict

from mapper.analysis import Analysis
from mapper.findings.base import Detected
from mapper.findings.registry import check
from mapper.findings.shown import Shown
from mapper.model import KEY_ROLES, Role

__all__ = ["MissingRole", "PlannedDeparture", "RoleWithoutDeputy"]


class MissingRole(TypedDict):
    role: Annotated[str, Shown("Role", "word")]


class RoleWithoutDeputy(TypedDict):
    roles: Annotated[list[Role], Shown("Key roles", "words")]


class PlannedDeparture(TypedDict):
    leaving: Annotated[str, Shown("Leaves on", "date")]
    days_left: Annotated[int, Shown("Time left", "days")]
    chairs: Annotated[list[str], Shown("Chairs", "records")]
    key_roles: Annotated[list[Role], Shown("Key roles", "words")]
    single_point_of_failure: Annotated[
        bool,
        Shown("Links", "flag", yes="the only link between some organisations and the others"),
    ]
    deputy: Annotated[str | None, Shown("Deputy", "record", empty="none named")]


@check(
    "missing_key_role",
    theme="succession",
    severities=("high", "medium"),
    severity_rule="high for the single accountable leader, medium for another key role",
    evidence=MissingRole,
)
def missing_key_roles(analysis: Analysis) -> Iterator[Detected]:
    """The family hubs programme's key roles no one holds, in a family hubs partnership (the
    roles are that programme's: a safeguarding or community planning partnership is not told
    to name a transformation lead), when the map records roles at all: a map recording
    nobody's role says nothing of who holds them (`map_incomplete` says so)."""
    if analysis.partnership.type != "family_hubs":
        return
    if not analysis.roles_recorded:  # not recorded, not missing (map_incomplete says so)
        return
    held = {role for p in analysis.partnership.people for role in p.roles}
    for role in KEY_ROLES:
        if role not in held:
            yield Detected(
                "missing_key_role",
                "high" if role == "single_accountable_leader" else "medium",
                (),
                MissingRole(role=role),
            )


@check(
    "key_role_without_deputy",
    theme="succession",
    severities=("medium",),
    severity_rule="medium",
    evidence=RoleWithoutDeputy,
)
def key_roles_without_deputy(analysis: Analysis) -> Iterator[Detected]:
    for person in analysis.partnership.people:
        roles = [r for r in person.roles if r in KEY_ROLES]
        if roles and person.deputy is None and not person.vacant:  # a vacancy says it
            yield Detected(
                "key_role_without_deputy", "medium", (person.id,), RoleWithoutDeputy(roles=roles)
            )


@check(
    "planned_departure",
    theme="succession",
    severities=("high",),
    severity_rule="high",
    evidence=PlannedDeparture,
    settings=("departure_window_days",),
)
def planned_departures(analysis: Analysis) -> Iterator[Detected]:
    """People leaving within the window who chair, hold a key role or are the only link."""
    partnership, settings, today = analysis.partnership, analysis.settings, analysis.today
    horizon = today + dt.timedelta(days=settings.departure_window_days)
    for person in partnership.people:
        if person.leaving is None or not today <= person.leaving <= horizon:
            continue
        chaired = analysis.chaired_by.get(person.id, [])
        roles = [r for r in person.roles if r in KEY_ROLES]
        single_point = person.id in analysis.single_points
        if chaired or roles or single_point:
            yield Detected(
                "planned_departure",
                "high",
                (person.id,),
                PlannedDeparture(
                    leaving=person.leaving.isoformat(),
                    days_left=(person.leaving - today).days,
                    chairs=chaired,
                    key_roles=roles,
                    single_point_of_failure=single_point,
                    deputy=person.deputy,
                ),
            )
