"""The roles a system needs, their deputies, and departures already known.

Seed 002 (`002_a2e27855ff0c89a1.txt`) names a single accountable leader, a senior sponsor, a
transformation lead and a data lead; seed 001 (`001_3c1d20c405aabe14.txt`) warns that
succession planning is too often neglected.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from mapper.findings.base import Detected, Settings
from mapper.model import KEY_ROLES, Partnership

__all__ = ["missing_key_roles", "key_roles_without_deputy", "planned_departures"]


def missing_key_roles(partnership: Partnership) -> Iterator[Detected]:
    held = {role for p in partnership.people for role in p.roles}
    for role in KEY_ROLES:
        if role not in held:
            yield Detected(
                "missing_key_role",
                "high" if role == "single_accountable_leader" else "medium",
                (),
                {"role": role},
            )


def key_roles_without_deputy(partnership: Partnership) -> Iterator[Detected]:
    for person in partnership.people:
        roles = [r for r in person.roles if r in KEY_ROLES]
        if roles and person.deputy is None:
            yield Detected("key_role_without_deputy", "medium", (person.id,), {"roles": roles})


def planned_departures(
    partnership: Partnership, settings: Settings, today: dt.date, single_points: set[str]
) -> Iterator[Detected]:
    """People leaving within the window who chair, hold a key role or are the only link."""
    horizon = today + dt.timedelta(days=settings.departure_window_days)
    for person in partnership.people:
        if person.leaving is None or not today <= person.leaving <= horizon:
            continue
        chaired = [m.id for m in partnership.meetings if person.id in m.chairs]
        roles = [r for r in person.roles if r in KEY_ROLES]
        single_point = person.id in single_points
        if chaired or roles or single_point:
            yield Detected(
                "planned_departure",
                "high",
                (person.id,),
                {
                    "leaving": person.leaving.isoformat(),
                    "days_left": (person.leaving - today).days,
                    "chairs": chaired,
                    "key_roles": roles,
                    "single_point_of_failure": single_point,
                    "deputy": person.deputy,
                },
            )
