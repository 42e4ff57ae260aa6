"""What if these people or organisations left? The same diagnosis on the map without them.

Seed 001 (`001_3c1d20c405aabe14.txt`) tells of a system that lost its Director of Children's
Services overnight; this lets a board rehearse that before it happens. The CLI's
`check --without` and the app's what-if page both call `simulate_departures` in
`mapper.diagnosis`, which words what `departures` finds here.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from mapper.analysis import Analysis
from mapper.changes import changes
from mapper.errors import MapperError
from mapper.findings import Detected, detect
from mapper.integrity import closest
from mapper.model import Meeting, Partnership

__all__ = ["Departures", "departures", "without"]


@dataclass(frozen=True)
class Departures:
    """The map before and after the departures (each with its analysis), and what changed."""

    gone: tuple[str, ...]
    before: Analysis
    after: Analysis
    cut_off: list[list[str]]
    appear: list[Detected]
    vanish: list[Detected]
    meetings_without_chair: list[str] = field(default_factory=list)
    meetings_emptied: list[str] = field(default_factory=list)


def _people_leaving(partnership: Partnership, ids: Iterable[str]) -> tuple[set[str], set[str]]:
    orgs, people = set(), set()
    for ident in ids:
        if ident in partnership.organisation_by_id:
            orgs.add(ident)
        elif ident in partnership.person_by_id:
            people.add(ident)
        else:
            known = [*partnership.person_by_id, *partnership.organisation_by_id]
            hint = closest(ident, known)
            raise MapperError(
                f"'{ident}' is not a person or organisation in this map"
                + (f"; did you mean {hint}?" if hint else "")
            )
    people |= {p.id for p in partnership.people if p.organisation in orgs}
    return orgs, people


def without(
    partnership: Partnership, ids: Iterable[str]
) -> tuple[Partnership, dict[str, str], list[str]]:
    """The map with those people and organisations (and their staff) gone.

    A meeting whose chairs all leave is chaired by its vice chair if one stays, else by its
    first remaining member (the acting chair, returned by meeting), and is listed as left
    without a chair; a meeting nobody is left in disappears, and meetings reporting to it
    report where it did. Everything else goes through `Partnership.without`, which follows
    every reference the model declares and keeps the rest of the map (settings, answers).
    """
    orgs, people = _people_leaving(partnership, ids)
    acting: dict[str, str] = {}
    emptied: list[str] = []
    adjusted: list[Meeting] = []
    for meeting in partnership.meetings:
        # Chaired still: by a chair who stays, or (version 2) in turn by an organisation
        # that stays.
        if any(c not in people for c in meeting.chairs) or any(
            o not in orgs for o in meeting.chair_rotates
        ):
            adjusted.append(meeting)
            continue
        vice = meeting.vice_chair if meeting.vice_chair not in people else None
        members = [m for m in meeting.members if m not in people]
        stand_in = vice or (members[0] if members else None)
        if stand_in is None:
            emptied.append(meeting.id)
            adjusted.append(meeting)
            continue
        acting[meeting.id] = stand_in
        adjusted.append(
            meeting.model_copy(
                update={
                    "chairs": (stand_in,),
                    "vice_chair": None,
                    "members": tuple(m for m in meeting.members if m != stand_in),
                    # those leaving leave their seats without a vote too (version 2)
                    "non_voting": tuple(p for p in meeting.non_voting if p not in people),
                }
            )
        )
    parents_of = {m.id: m.reports_to for m in partnership.meetings}

    def surviving_parents(parents: tuple[str, ...]) -> tuple[str, ...]:
        # A meeting that goes hands its own meetings to those it reports to, walking up
        # past every one that goes too (round a circle, to none).
        found: list[str] = []
        seen: set[str] = set()
        waiting = list(parents)
        while waiting:
            meeting_id = waiting.pop(0)
            if meeting_id in seen:
                continue
            seen.add(meeting_id)
            if meeting_id in emptied:
                waiting[:0] = parents_of[meeting_id]
            else:
                found.append(meeting_id)
        return tuple(found)

    adjusted = [
        m.model_copy(update={"reports_to": surviving_parents(m.reports_to)})
        if set(m.reports_to) & set(emptied)
        else m
        for m in adjusted
    ]
    remaining = partnership.with_sections(meetings=adjusted).without(orgs | people | set(emptied))
    return remaining, acting, emptied


def _organisation_groups(analysis: Analysis) -> list[set[str]]:
    graph = analysis.system
    return [set(graph.of_kind(part, "organisation")) for part in analysis.parts]


def _cut_off(before: Analysis, after: Analysis) -> list[list[str]]:
    """Groups of remaining organisations separated from the others they were connected to."""
    groups_after = {org: i for i, group in enumerate(_organisation_groups(after)) for org in group}
    separated = []
    for group in _organisation_groups(before):
        split: dict[int, list[str]] = {}
        for org in sorted(group):
            if org in groups_after:
                split.setdefault(groups_after[org], []).append(org)
        parts = sorted(split.values(), key=len, reverse=True)
        separated += parts[1:]
    return sorted(separated)


def departures(analysis: Analysis, ids: Iterable[str]) -> Departures:
    """The map of `analysis` without `ids` (people, or organisations with their staff),
    analysed with the same settings and date, and what changes."""
    ids = tuple(dict.fromkeys(ids))
    partnership = analysis.partnership
    orgs, people = _people_leaving(partnership, ids)
    gone = orgs | people
    remaining, acting, emptied = without(partnership, ids)
    after = Analysis(
        remaining, analysis.settings, analysis.today, roles_recorded=analysis.roles_recorded
    )
    changed = changes(detect(analysis), detect(after))
    standing_in = set(acting) | set(acting.values())
    return Departures(
        ids,
        analysis,
        after,
        _cut_off(analysis, after),
        # An acting chair is the simulation's stop-gap, not a chair to count.
        # What appears: a new finding, or one that is about other records or says more
        # (the map's notice naming an organisation left with nobody).
        [
            d
            for d in [*changed.appeared, *(now for _, now in changed.altered)]
            if not (d.kind in _CHAIRING and set(d.subjects) & standing_in)
        ],
        # A finding about someone who left did not vanish because it was dealt with.
        [d for d in changed.vanished if not set(d.subjects) & gone],
        sorted(acting),
        emptied,
    )


_CHAIRING = {"chairs_many_meetings", "no_shared_chair", "chairing_dominated"}
