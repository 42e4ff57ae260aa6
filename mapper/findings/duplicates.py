"""Duplicate meetings: the same people meeting twice at the same level.

Seed 000 (`000_7ab3818a98b34f54.txt`) asks whether a new system has reviewed all its meetings:
partnership meetings added on top of old ones are felt as extra work, not as integration.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from typing import Annotated, TypedDict

from mapper.analysis import Analysis
from mapper.findings.base import Detected
from mapper.findings.registry import check
from mapper.findings.shown import Shown
from mapper.model import Meeting

__all__ = ["Duplicate", "hours_freed_by_merging"]


class Duplicate(TypedDict):
    similarity: Annotated[float, Shown("Members in common", "share")]
    shared_attendees: Annotated[list[str], Shown("In both", "records")]
    only_in: Annotated[dict[str, list[str]], Shown("Only in {}", "by_record", empty="nobody")]
    shared_outcomes: Annotated[list[str], Shown("Shared outcomes both hold", "records")]
    same_parent: Annotated[str | None, Shown("Both report to", "record")]
    hours_freed_per_year: Annotated[
        float, Shown("Members' time merging them would free", "hours_a_year")
    ]


def hours_freed_by_merging(*meetings: Meeting) -> float:
    """Person-hours a year saved if the meetings (two, or a group of duplicates) became one
    meeting of everyone in any of them, held as often and as long as the costliest (never
    below zero)."""
    now = sum(m.person_hours_a_year for m in meetings)
    everyone = frozenset().union(*(m.attendees for m in meetings))
    merged = max(m.hours_a_year for m in meetings) * len(everyone)
    return round(max(0.0, now - merged), 1)


@check(
    "duplicate_meetings",
    theme="meetings",
    severities=("high", "medium"),
    severity_rule="high when the two share an outcome or report to the same meeting, else medium",
    evidence=Duplicate,
    settings=("duplicate_similarity", "duplicate_min_attendees"),
)
def duplicate_meetings(analysis: Analysis) -> Iterator[Detected]:
    """Pairs at one level, each with enough attendees, whose attendee sets overlap enough.

    Overlaps are counted through an index of person -> meetings, so only meetings that share
    someone are ever compared (no loop over all pairs of meetings).
    """
    partnership, settings = analysis.partnership, analysis.settings
    # Only standing meetings: two one-off events, or a group that has ended, leave nothing
    # to merge.
    big = [
        m
        for m in partnership.meetings
        if len(m.attendees) >= settings.duplicate_min_attendees and m.id in analysis.standing
    ]
    meetings_of: dict[str, list[int]] = defaultdict(list)
    for index, meeting in enumerate(big):
        for person in meeting.attendees:
            meetings_of[person].append(index)
    level = [m.level for m in big]
    shared: dict[tuple[int, int], int] = defaultdict(int)
    for indexes in meetings_of.values():
        for i_pos, i in enumerate(indexes):
            for j in indexes[i_pos + 1 :]:
                if level[i] == level[j]:
                    shared[(i, j)] += 1
    # Alike enough: the overlap's share of everyone in either meeting. Only those pairs are
    # sorted (by their places in the map).
    size = [len(m.attendees) for m in big]
    similar = {
        two: overlap / (size[two[0]] + size[two[1]] - overlap) for two, overlap in shared.items()
    }
    for i, j in sorted(
        two for two, alike in similar.items() if alike >= settings.duplicate_similarity
    ):
        similarity = similar[i, j]
        first, second = sorted((big[i], big[j]), key=lambda m: m.id)
        outcomes = sorted(set(first.outcomes) & set(second.outcomes))
        parent = next((p for p in first.reports_to if p in second.reports_to), None)
        yield Detected(
            "duplicate_meetings",
            "high" if outcomes or parent else "medium",
            (first.id, second.id),
            Duplicate(
                similarity=round(similarity, 2),
                shared_attendees=sorted(first.attendees & second.attendees),
                only_in={
                    first.id: sorted(first.attendees - second.attendees),
                    second.id: sorted(second.attendees - first.attendees),
                },
                shared_outcomes=outcomes,
                same_parent=parent,
                hours_freed_per_year=hours_freed_by_merging(first, second),
            ),
        )
