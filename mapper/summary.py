"""The partnership at a glance: what is in the map and how many hours its meetings take."""

from __future__ import annotations

from collections import Counter
from typing import Any

from mapper.model import NEWER_FIELDS, Level, MeetingLevel, Partnership, Sector, allowed_values

__all__ = ["summarise", "headline_metrics", "person_hours_a_year"]


#: Words a later version of the format added (sectors such as `community`).
_NEWER_WORDS = frozenset(word for newer in NEWER_FIELDS for word in newer.since.values)


def _count(values: list[str], words: Any) -> dict[str, int]:
    # A word of a later version is counted only in a map that uses it, so the summary of a
    # version 1 map reads as it always did.
    counts = Counter(values)
    return {
        word: counts.get(word, 0)
        for word in allowed_values(words)
        if word not in _NEWER_WORDS or word in counts
    }


def person_hours_a_year(partnership: Partnership) -> float:
    """Hours a year everyone together spends in the map's meetings (ad hoc ones count 0)."""
    return sum(m.person_hours_a_year for m in partnership.meetings)


def summarise(partnership: Partnership) -> dict[str, Any]:
    """Counts by sector and level, for the CLI, the app's headline and the report."""
    return {
        "name": partnership.name,
        "organisations": len(partnership.organisations),
        "organisations_by_sector": _count([o.sector for o in partnership.organisations], Sector),
        "people": len(partnership.people),
        "people_by_level": _count([p.level for p in partnership.people], Level),
        "meetings": len(partnership.meetings),
        "meetings_by_level": _count([m.level for m in partnership.meetings], MeetingLevel),
        "memberships": sum(len(m.attendees) for m in partnership.meetings),
        "relationships": len(partnership.relationships),
        "outcomes": len(partnership.outcomes),
    }


def headline_metrics(partnership: Partnership) -> dict[str, Any]:
    """The figures a board watches over time; the diagnosis adds its own beside these."""
    return {"person_hours_per_year": round(person_hours_a_year(partnership), 1)}
