"""What changed between two snapshots of a map: people, meetings, seats, chairs and findings.

For reviews before and after a restructure: `python -m mapper diff OLD.yaml NEW.yaml`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from mapper.analysis import Analysis
from mapper.changes import changes, renamed_ids
from mapper.findings import Detected, detect
from mapper.model import Partnership, sections_shown

__all__ = ["MapChanges", "changes_between", "changed_records", "touched_ids"]


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
    #: findings in both maps about other records now, or of another severity (before, after)
    altered_findings: list[tuple[Detected, Detected]]
    #: ids of records in both maps whose content differs (where they are drawn aside)
    changed: dict[str, list[str]] = field(default_factory=dict)
    #: ids of the new map a room should see marked: added, changed, or an end of a
    #: relationship added or removed
    touched: frozenset[str] = frozenset()


def changed_records(old: Partnership, new: Partnership) -> dict[str, list[str]]:
    """Per section with ids, the ids in both maps whose record differs, in the new map's order."""
    found = {}
    for section in sections_shown(with_ids=True):
        before = {r.id: r for r in getattr(old, section)}
        found[section] = [
            r.id for r in getattr(new, section) if r.id in before and before[r.id] != r
        ]
    return found


def touched_ids(old: Partnership, new: Partnership) -> frozenset[str]:
    """The ids of `new` that differ from `old`: records added or changed, and both ends of
    each relationship added or removed (the ends still in `new`)."""
    ids: set[str] = set()
    for section in sections_shown(with_ids=True):
        before = {r.id: r for r in getattr(old, section)}
        ids |= {r.id for r in getattr(new, section) if before.get(r.id) != r}
    was, now = set(old.relationships), set(new.relationships)
    present = {r.id for s in sections_shown(with_ids=True) for r in getattr(new, s)}
    ids |= {end for r in was ^ now for end in (r.source, r.target) if end in present}
    return frozenset(ids)


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
    found = changes(detect(old_analysis), detect(new_analysis), renamed_ids(old, new))
    return MapChanges(
        added,
        removed,
        seats,
        chairs,
        found.appeared,
        found.vanished,
        found.altered,
        changed_records(old, new),
        touched_ids(old, new),
    )
