"""What if these people or organisations left? The same diagnosis on the map without them.

Seed 001 (`001_3c1d20c405aabe14.txt`) tells of a system that lost its Director of Children's
Services overnight; this lets a board rehearse that before it happens. The CLI's
`check --without` and the app's what-if page both call `simulate_departures`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from mapper.errors import MapperError
from mapper.findings import Diagnosis, Finding, Settings, diagnose
from mapper.graph import system_graph
from mapper.integrity import closest
from mapper.model import Meeting, Partnership

__all__ = ["Departures", "simulate_departures", "without"]


@dataclass(frozen=True)
class Departures:
    """The map and diagnosis after the departures, and what changed."""

    gone: tuple[str, ...]
    partnership: Partnership
    diagnosis: Diagnosis
    cut_off: list[list[str]]
    appear: list[Finding]
    vanish: list[Finding]
    meetings_without_chair: list[str] = field(default_factory=list)
    meetings_emptied: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "without": list(self.gone),
            "cut_off": self.cut_off,
            "appear": [f.to_dict() for f in self.appear],
            "vanish": [f.to_dict() for f in self.vanish],
            "meetings_without_chair": self.meetings_without_chair,
            "meetings_emptied": self.meetings_emptied,
        }


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
    report where it did.
    """
    orgs, people = _people_leaving(partnership, ids)
    acting: dict[str, str] = {}
    emptied: list[str] = []
    kept: list[Meeting] = []
    for meeting in partnership.meetings:
        chairs = [c for c in meeting.chairs if c not in people]
        vice = meeting.vice_chair if meeting.vice_chair not in people else None
        members = [m for m in meeting.members if m not in people and m not in chairs]
        if not chairs:
            stand_in = vice or (members[0] if members else None)
            if stand_in is None:
                emptied.append(meeting.id)
                continue
            acting[meeting.id] = stand_in
            chairs, vice = [stand_in], None
            members = [m for m in members if m != stand_in]
        kept.append(
            meeting.model_copy(
                update={"chairs": tuple(chairs), "vice_chair": vice, "members": tuple(members)}
            )
        )
    parent_of = {m.id: m.reports_to for m in partnership.meetings}

    def surviving_parent(meeting_id: str | None) -> str | None:
        seen = set()
        while meeting_id in emptied and meeting_id not in seen:
            seen.add(meeting_id)
            meeting_id = parent_of[meeting_id]
        return None if meeting_id in emptied else meeting_id

    kept = [m.model_copy(update={"reports_to": surviving_parent(m.reports_to)}) for m in kept]
    remaining = partnership.with_sections(
        organisations=[
            o.model_copy(update={"part_of": None if o.part_of in orgs else o.part_of})
            for o in partnership.organisations
            if o.id not in orgs
        ],
        people=[
            p.model_copy(update={"deputy": None if p.deputy in people else p.deputy})
            for p in partnership.people
            if p.id not in people
        ],
        meetings=kept,
        relationships=[
            r for r in partnership.relationships if not {r.source, r.target} & (orgs | people)
        ],
    )
    return remaining, acting, emptied


def _organisation_groups(partnership: Partnership) -> list[set[str]]:
    graph = system_graph(partnership)
    return [
        {n for n in part if graph.nodes[n]["kind"] == "organisation"}
        for part in nx.connected_components(graph)
    ]


def _cut_off(before: Partnership, after: Partnership) -> list[list[str]]:
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


def simulate_departures(
    partnership: Partnership,
    ids: Iterable[str],
    settings: Settings | None = None,
    today: dt.date | None = None,
    before: Diagnosis | None = None,
) -> Departures:
    """Diagnose the map without `ids` and say what changes; `before`, the diagnosis of the
    map as it is with the same settings, when the caller holds it already."""
    ids = tuple(dict.fromkeys(ids))
    orgs, people = _people_leaving(partnership, ids)
    gone = orgs | people
    after, acting, emptied = without(partnership, ids)
    before_d = before or diagnose(partnership, settings, today)
    after_d = diagnose(after, settings, today)
    before_keys = {f.identity() for f in before_d.findings}
    after_keys = {f.identity() for f in after_d.findings}
    standing_in = set(acting) | set(acting.values())
    return Departures(
        ids,
        after,
        after_d,
        _cut_off(partnership, after),
        # An acting chair is the simulation's stop-gap, not a chair to count.
        [
            f
            for f in after_d.findings
            if f.identity() not in before_keys
            and not (f.kind in _CHAIRING and set(f.subjects) & standing_in)
        ],
        # A finding about someone who left did not vanish because it was dealt with.
        [
            f
            for f in before_d.findings
            if f.identity() not in after_keys and not set(f.subjects) & gone
        ],
        sorted(acting),
        emptied,
    )


_CHAIRING = {"chairs_many_meetings", "no_shared_chair", "chairing_dominated"}
