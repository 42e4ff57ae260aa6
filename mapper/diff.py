"""What changed between two snapshots of a map: people, meetings, seats, chairs and findings.

For reviews before and after a restructure: `python -m mapper diff OLD.yaml NEW.yaml`.
"""

from __future__ import annotations

from dataclasses import dataclass

from mapper.analysis import Analysis
from mapper.changes import changes
from mapper.findings import Detected, detect
from mapper.model import sections_shown

__all__ = ["MapChanges", "changes_between"]


@dataclass(frozen=True)
class MapChanges:
    """Ids added and removed per section, seats and chairs changed per meeting, and the
    findings that appeared or were resolved."""

    added: dict[str, list[str]]
    removed: dict[str, list[str]]
    seats: dict[str, dict[str, list[str]]]
    chairs: dict[str, dict[str, list[str]]]
    new_findings: list[Detected]
    resolved_findings: list[Detected]


def changes_between(old_analysis: Analysis, new_analysis: Analysis) -> MapChanges:
    """Everything that differs between the two maps; give both analyses the same settings
    (`Analysis.with_settings`) for their findings to be comparable."""
    old, new = old_analysis.partnership, new_analysis.partnership
    added, removed = {}, {}
    for section in sections_shown(with_ids=True):
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
    changed = changes(detect(old_analysis), detect(new_analysis))
    return MapChanges(added, removed, seats, chairs, changed.appeared, changed.vanished)
