"""The links between meetings, and the few people who carry them.

Seed 001 asks for the connector role to be recognised and funded, and for relationships at
every level; seed 000 for leadership that joins the levels. Brokerage (`connector`) ranks the
people through whom organisations reach one another; what it does not show is who carries
what one meeting knows into another: the locality chair who sits on the board, the manager who
sits in both the partnership's area group and the health and social care partnership's
locality group beside it. Those links are few by nature, and the people on them are connectors
whatever their rank.

A link is two standing meetings (`Analysis.standing`, not both external boards) that either
are on one line (one `reports_to` or `informs` the other) or belong to separate structures
(`Analysis.structure_of`), and in which at most `FEW` people, none a vacant post, sit in
both. Two meetings of one structure not on one line (two locality groups sharing a manager)
are not a link: their people meet at the meeting above. One finding names every person who
carries a link, the most links first, so the list is read once, whatever its length.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import combinations
from typing import Annotated, Literal, TypedDict

from mapper.analysis import Analysis
from mapper.findings.base import Detected
from mapper.findings.registry import check
from mapper.findings.shown import Shown

__all__ = ["FEW", "MeetingLink", "MeetingLinks"]

#: A link carried by this many people or fewer rests on them: with one gone it is carried by
#: one or two; carried by more, it is the meetings' overlap, not anyone's work.
FEW = 3


class MeetingLink(TypedDict):
    # The two meetings: on a line, the one that reports or informs first; else in the map's
    # order.
    meetings: list[str]
    people: list[str]
    line: Literal["reports_to", "informs", "separate_structures"]


class MeetingLinks(TypedDict):
    # everyone carrying a link, those carrying most first
    people: Annotated[list[str], Shown("People carrying the links", "records")]
    links: Annotated[list[MeetingLink], Shown("Links", "meeting_links")]


@check(
    "links_between_meetings",
    theme="connections",
    severities=("info",),
    severity_rule="information to act on",
    evidence=MeetingLinks,
)
def links_between_meetings(analysis: Analysis) -> Iterator[Detected]:
    """One finding naming the people who carry the links between meetings (see the
    module's docstring), with each link: its two meetings, the people in both and why the
    two are linked. None when no link rests on `FEW` people or fewer."""
    partnership = analysis.partnership
    standing = analysis.standing
    structure = analysis.structure_of
    meetings = [m for m in partnership.meetings if m.id in standing]
    position = {m.id: i for i, m in enumerate(meetings)}
    holders = {p.id for p in partnership.people if not p.vacant}
    # The lines: each two standing meetings one of which reports to or informs the other
    # (reporting where it does both), by their places in the map.
    lines: dict[tuple[int, int], tuple[str, Literal["reports_to", "informs"]]] = {}

    def line(lower: str, upper: str, how: Literal["reports_to", "informs"]) -> None:
        if upper in position and upper != lower:
            i, j = sorted((position[lower], position[upper]))
            if how == "reports_to" or (i, j) not in lines:
                lines[(i, j)] = (lower, how)

    for m in meetings:
        for upper in m.informs:
            line(m.id, upper, "informs")
        for upper in m.reports_to:
            line(m.id, upper, "reports_to")
    shared: dict[tuple[int, int], list[str]] = {
        two: sorted(meetings[two[0]].attendees & meetings[two[1]].attendees & holders)
        for two in lines
    }
    # Meetings of separate structures: from each person's meetings, only the pairs someone
    # joins across two structures (a line is always within one).
    for person, theirs in analysis.meetings_of.items():
        mine = [m for m in theirs if m in position]
        if len({structure[m] for m in mine}) < 2 or person not in holders:
            continue
        for i, j in combinations(sorted(position[m] for m in mine), 2):
            if structure[meetings[i].id] != structure[meetings[j].id]:
                shared.setdefault((i, j), []).append(person)
    links: list[MeetingLink] = []
    for (i, j), both in sorted(shared.items()):
        first, second = meetings[i], meetings[j]
        if not both or len(both) > FEW or (first.external and second.external):
            continue  # the meetings' overlap; or two statutory boards' own link
        both = sorted(both)
        if (i, j) in lines:
            lower, how = lines[(i, j)]
            ends = [lower, second.id if lower == first.id else first.id]
            links.append(MeetingLink(meetings=ends, people=both, line=how))
        else:
            links.append(
                MeetingLink(meetings=[first.id, second.id], people=both, line="separate_structures")
            )
    if not links:
        return
    carried: dict[str, float] = {}
    for link in links:  # a link one person carries counts whole; one of three, a third
        for person in link["people"]:
            carried[person] = carried.get(person, 0.0) + 1 / len(link["people"])
    order = {p.id: i for i, p in enumerate(partnership.people)}
    named = sorted(carried, key=lambda p: (-carried[p], order[p]))
    yield Detected(
        "links_between_meetings",
        "info",
        tuple(named),
        MeetingLinks(people=named, links=links),
    )
