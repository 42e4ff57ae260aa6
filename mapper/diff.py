"""What changed between two snapshots of a map: people, meetings, seats, chairs and findings.

For reviews before and after a restructure: `python -m mapper diff OLD.yaml NEW.yaml`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from mapper.findings import Finding, Settings, diagnose
from mapper.model import Partnership

__all__ = ["MapChanges", "compare"]


@dataclass(frozen=True)
class MapChanges:
    """Ids added and removed per section, seats and chairs changed per meeting, and the
    findings that appeared or were resolved."""

    added: dict[str, list[str]]
    removed: dict[str, list[str]]
    seats: dict[str, dict[str, list[str]]]
    chairs: dict[str, dict[str, list[str]]]
    new_findings: list[Finding]
    resolved_findings: list[Finding]

    def to_dict(self) -> dict[str, Any]:
        return {
            "added": self.added,
            "removed": self.removed,
            "seats": self.seats,
            "chairs": self.chairs,
            "new_findings": [f.to_dict() for f in self.new_findings],
            "resolved_findings": [f.to_dict() for f in self.resolved_findings],
        }


def compare(
    old: Partnership,
    new: Partnership,
    settings: Settings | None = None,
    today: dt.date | None = None,
) -> MapChanges:
    """Everything that differs between `old` and `new`, both diagnosed with the same settings
    (the new map's own, unless given)."""
    added, removed = {}, {}
    for section in ("organisations", "people", "meetings", "outcomes"):
        before = {r.id for r in getattr(old, section)}
        after = {r.id for r in getattr(new, section)}
        added[section], removed[section] = sorted(after - before), sorted(before - after)
    seats, chairs = {}, {}
    for meeting in new.meetings:
        was = old.meeting_by_id.get(meeting.id)
        if was is None:
            continue
        if meeting.attendees != was.attendees:
            seats[meeting.id] = {
                "joined": sorted(meeting.attendees - was.attendees),
                "left": sorted(was.attendees - meeting.attendees),
            }
        if set(meeting.chairs) != set(was.chairs):
            chairs[meeting.id] = {"before": list(was.chairs), "after": list(meeting.chairs)}
    settings = settings or new.settings
    old_findings = diagnose(old, settings, today).findings
    new_findings = diagnose(new, settings, today).findings
    old_keys = {f.identity() for f in old_findings}
    new_keys = {f.identity() for f in new_findings}
    return MapChanges(
        added,
        removed,
        seats,
        chairs,
        [f for f in new_findings if f.identity() not in old_keys],
        [f for f in old_findings if f.identity() not in new_keys],
    )
