"""The stakeholder map read against the partnership: who has influence but no seat, which
influential sceptic nobody meets, and which champion the system depends on alone.

Seed 000 (`000_7ab3818a98b34f54.txt`) points leaders to stakeholder mapping (influence,
interest, stance) to engage the right people at the right time, and asks them to work
disagreements through as they arise; seed 001 (`001_3c1d20c405aabe14.txt`): collaboration
survives a departure only where relationships exist at many levels. Each check reads only
what a map records (`mapper.stakeholders`): none fires on a map without stakeholder fields.
A vacant post holds nobody's stance or seat, so no check here names one (`vacancy` does).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated, TypedDict

from mapper.analysis import Analysis
from mapper.findings.base import Detected
from mapper.findings.registry import check
from mapper.findings.shown import Shown
from mapper.stakeholders import Stakeholder

__all__ = ["STAKEHOLDER_KINDS", "ChampionSinglePoint", "NotAtTable", "UnconnectedSceptic"]

#: The kinds this module registers, for the page that shows them beside the grid.
STAKEHOLDER_KINDS = ("influential_not_at_table", "unconnected_sceptic", "champion_single_point")


class NotAtTable(TypedDict):
    interest: Annotated[str | None, Shown("Interest", "word")]
    stance: Annotated[str | None, Shown("Stance", "word")]
    strategic_tables: Annotated[list[str], Shown("Strategic tables", "records")]
    represented_at: Annotated[
        list[str], Shown("Where its organisation sits through someone else", "records")
    ]


class UnconnectedSceptic(TypedDict):
    interest: Annotated[str | None, Shown("Interest", "word")]
    meetings: Annotated[
        list[str],
        Shown("Meetings, with its own organisation only", "records", empty="in no meeting"),
    ]


class ChampionSinglePoint(TypedDict):
    cut_off: Annotated[list[list[str]], Shown("Would be cut off", "groups")]
    still_connected: Annotated[int, Shown("Organisations still connected", "count")]
    deputy: Annotated[str | None, Shown("Deputy", "record", empty="none named")]
    leaving: Annotated[str | None, Shown("Leaves on", "date")]


def _recorded(analysis: Analysis, **fields: str) -> Iterator[Stakeholder]:
    """The stakeholders recording each of `fields` as that value, vacant posts left out."""
    people = analysis.partnership.person_by_id
    for s in analysis.stakeholders:
        if s.record == "person" and people[s.id].vacant:
            continue
        if all(getattr(s, name) == value for name, value in fields.items()):
            yield s


def _within(analysis: Analysis, org: str | None) -> set[str]:
    """`org` and every organisation it is `part_of`, up its tree (none for no organisation)."""
    parent = {o.id: o.part_of for o in analysis.partnership.organisations}
    found: set[str] = set()
    while org is not None and org not in found:
        found.add(org)
        org = parent.get(org)
    return found


@check(
    "influential_not_at_table",
    theme="voice",
    severities=("medium", "low"),
    severity_rule=(
        "medium, low when its interest is recorded low or medium (keep satisfied: a briefing "
        "may serve it better than a seat)"
    ),
    evidence=NotAtTable,
    settings=("strategic_table_min_per_year",),
)
def influential_not_at_table(analysis: Analysis) -> Iterator[Detected]:
    """Organisations and people recorded with high influence that sit at none of the
    strategic tables (`Analysis.tables`, as every check reads them), when the
    map has one. An organisation sits where it is present (its people, or those of its
    services); a person where they attend. `represented_at` names the tables where the
    person's organisation (or the organisation's parent) sits through someone else."""
    tables = analysis.tables
    if not tables:
        return
    present = analysis.present_in
    people = analysis.partnership.person_by_id
    for s in _recorded(analysis, influence="high"):
        if s.record == "person":
            if any(s.id in m.attendees for m in tables):
                continue
            through = _within(analysis, people[s.id].organisation)
        else:
            if any(s.id in present[m.id] for m in tables):
                continue
            through = _within(analysis, s.id) - {s.id}
        yield Detected(
            "influential_not_at_table",
            "low" if s.interest in ("low", "medium") else "medium",
            (s.id,),
            NotAtTable(
                interest=s.interest,
                stance=s.stance,
                strategic_tables=[m.id for m in tables],
                represented_at=[m.id for m in tables if present[m.id] & through],
            ),
        )


def _ties(analysis: Analysis, s: Stakeholder) -> tuple[bool, list[str]]:
    """Whether `s` is tied to someone outside its own organisation (its `part_of` tree; a
    person with none is on their own), by a meeting or a relationship; and the meetings it
    is in. An organisation is in the meetings where it is present, and its relationships
    are those of it, its services and their people."""
    p = analysis.partnership
    tree = analysis.tree_of

    def side(end: str) -> str:  # whose side an end of a tie is on
        if end in p.organisation_by_id:
            return tree[end]
        org = p.person_by_id[end].organisation
        return tree[org] if org else end

    own = side(s.id)
    if s.record == "person":
        meetings = list(analysis.meetings_of.get(s.id, ()))
        ends = {s.id}
    else:
        meetings = [m.id for m in p.meetings if s.id in analysis.present_in[m.id]]
        mine = {o for o in p.organisation_by_id if s.id in _within(analysis, o)}
        ends = mine | {q.id for q in p.people if q.organisation in mine}
    tied = any(side(a) != own for m in meetings for a in p.meeting_by_id[m].attendees) or any(
        side(other) != own
        for r in p.relationships
        for end, other in ((r.source, r.target), (r.target, r.source))
        if end in ends
    )
    return tied, meetings


@check(
    "unconnected_sceptic",
    theme="connections",
    severities=("high",),
    severity_rule="high",
    evidence=UnconnectedSceptic,
)
def unconnected_sceptics(analysis: Analysis) -> Iterator[Detected]:
    """Sceptics recorded with high influence that share no meeting with anyone of another
    organisation and have no relationship with one: nobody in the partnership is placed to
    hear their doubts. `meetings` are those they attend with their own organisation only."""
    for s in _recorded(analysis, influence="high", stance="sceptic"):
        tied, meetings = _ties(analysis, s)
        if not tied:
            yield Detected(
                "unconnected_sceptic",
                "high",
                (s.id,),
                UnconnectedSceptic(interest=s.interest, meetings=meetings),
            )


@check(
    "champion_single_point",
    theme="succession",
    severities=("high", "medium"),
    severity_rule=(
        "high for an organisation, and for a person with no deputy or who is leaving; "
        "medium for a person with a deputy"
    ),
    evidence=ChampionSinglePoint,
)
def champions_single_points(analysis: Analysis) -> Iterator[Detected]:
    """Champions the partnership's links depend on: a person who is a single point of
    failure (`Analysis.single_points`, as `single_point_of_failure` reads it) or an
    organisation whose withdrawal cuts partners apart (`Analysis.critical`). An organisation
    whose own champion is named so already is not named again: one dependency, said once."""
    people = analysis.partnership.person_by_id
    champions = list(_recorded(analysis, stance="champion"))
    named = {
        people[s.id].organisation
        for s in champions
        if s.record == "person" and s.id in analysis.single_points
    }
    for s in champions:
        found = analysis.single_points if s.record == "person" else analysis.critical
        if s.id not in found or s.id in named:
            continue
        person = people.get(s.id) if s.record == "person" else None
        exposed = person is None or person.deputy is None or person.leaving is not None
        yield Detected(
            "champion_single_point",
            "high" if exposed else "medium",
            (s.id,),
            ChampionSinglePoint(
                cut_off=[sorted(map(str, group)) for group in found[s.id].cut_off],
                still_connected=found[s.id].rest,
                deputy=person.deputy if person else None,
                leaving=person.leaving.isoformat() if person and person.leaving else None,
            ),
        )
