"""Missing operational links: partners who meet at the top table but never below it.

Seed 000 (`000_7ab3818a98b34f54.txt`): a shared purpose among strategic leaders does not sustain
a system unless integration reaches every level.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Annotated, TypedDict

from mapper.analysis import LEVELS, Analysis
from mapper.findings.base import Detected
from mapper.findings.registry import check
from mapper.findings.shown import Shown

__all__ = [
    "BelowTheTable",
    "LevelWithoutJointMeeting",
    "MissingLinks",
    "SoleRepresentative",
    "below_the_table",
    "levels_with_no_meeting",
    "sole_representatives",
    "operational_presence",
]


#: `absent_below` in words: meeting nobody below the table.
_ABSENT_BELOW = Shown(
    "Below the strategic table", "flag", yes="it meets no other organisation at operational level"
)


class MissingLinks(TypedDict):
    partners: Annotated[list[str], Shown("Partners it never meets below the table", "records")]
    partners_at_table: Annotated[int, Shown("Partners at the strategic table", "count")]
    strategic_meetings: Annotated[list[str], Shown("Strategic tables they share", "records")]
    through_commissioning: Annotated[
        list[str], Shown("Present below through the services it commissions", "records")
    ]
    absent_below: Annotated[bool, _ABSENT_BELOW]


class SoleRepresentative(TypedDict):
    person: Annotated[str, Shown("Its one link", "record")]
    meetings: Annotated[list[str], Shown("Meetings they link it through", "records")]
    deputy: Annotated[str | None, Shown("Deputy", "record", empty="none named")]
    leaving: Annotated[str | None, Shown("Leaves on", "date")]
    missing_below: Annotated[list[str], Shown("Partners it never meets below the table", "records")]
    absent_below: Annotated[bool, _ABSENT_BELOW]


class LevelWithoutJointMeeting(TypedDict):
    level: Annotated[str, Shown("Level", "word")]


def operational_presence(analysis: Analysis) -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """For each organisation, the standing operational meetings it is present in, and the
    organisations it commissions through which it is present in some of them: a
    commissioner is present where what it commissions is."""
    commissioned = analysis.commissioned_by
    standing = analysis.standing
    meetings: dict[str, set[str]] = {}
    through: dict[str, set[str]] = {}
    for m in analysis.partnership.meetings:
        if m.level != "operational" or m.id not in standing:
            continue
        present = analysis.present_in[m.id]
        for org in present:
            meetings.setdefault(org, set()).add(m.id)
        for commissioner, them in commissioned.items():
            if commissioner not in present and present & them:
                meetings.setdefault(commissioner, set()).add(m.id)
                through.setdefault(commissioner, set()).update(present & them)
    return meetings, through


@dataclass(frozen=True)
class BelowTheTable:
    """What the strategic tables and the operational meetings say of each organisation at a
    table: the partners it sits with there (and at which tables), the partners it misses
    below, each gap given to one of its two organisations, and whether it meets no other
    organisation below at all. `judged` is False when an operational meeting's membership
    is partial: then no two organisations can be said never to meet below."""

    sits_with: dict[str, dict[str, set[str]]]
    missing: dict[str, list[str]]
    absent: dict[str, bool]
    through: dict[str, set[str]]
    judged: bool


def below_the_table(analysis: Analysis) -> BelowTheTable:
    """The comparison of the tables with the operational meetings, once per analysis (the
    missing links and the sole representatives both read it)."""
    return analysis.once("below the table", lambda: _below(analysis))


def _below(analysis: Analysis) -> BelowTheTable:
    tree, planners = analysis.tree_of, analysis.strategic_only
    place = {o.id: o.locality for o in analysis.partnership.organisations}

    # Partners: not one body, and not two organisations of two different localities (each
    # works in its own area below the table).
    sits_with: dict[str, dict[str, set[str]]] = {}  # A -> B -> the tables they share
    for m in analysis.tables:
        present = analysis.present_in[m.id] - planners
        for a in present:
            body, here = tree[a], place[a]
            for b in present:
                if tree[b] != body and (here is None or place[b] is None or place[b] == here):
                    sits_with.setdefault(a, {}).setdefault(b, set()).add(m.id)
    at_operational, through = operational_presence(analysis)
    judged = not any(
        m.level == "operational" and m.membership == "partial" and m.id in analysis.standing
        for m in analysis.partnership.meetings
    )

    def with_others(meeting: str, org: str) -> bool:
        return any(tree[other] != tree[org] for other in analysis.present_in[meeting])

    absent = {
        org: org not in through
        and not any(with_others(m, org) for m in at_operational.get(org, ()))
        for org in sits_with
    }
    gaps: dict[str, set[str]] = {}
    for a in sits_with if judged else ():
        mine = at_operational.get(a, set())
        gaps[a] = {
            b
            for b in sits_with[a]
            if not mine & at_operational.get(b, set()) and (absent[a] or not absent[b])
        }
    # Each gap is said once: on the organisation of the two with more gaps (the one the gap
    # is about), the first declared when they have as many. An organisation absent below
    # keeps its whole table: its finding says it meets none of them, and its list must hold
    # every one (two absent organisations each name the other).
    order = {o.id: i for i, o in enumerate(analysis.partnership.organisations)}
    weight = {a: (len(them), -order[a]) for a, them in gaps.items()}
    missing = {
        a: sorted(b for b in them if absent[a] or a not in gaps.get(b, ()) or weight[a] > weight[b])
        for a, them in gaps.items()
    }
    missing = {a: them for a, them in missing.items() if them}
    return BelowTheTable(sits_with, missing, absent, through, judged)


@check(
    "missing_operational_link",
    theme="links",
    severities=("medium",),
    severity_rule="medium",
    evidence=MissingLinks,
    settings=("strategic_table_min_per_year",),
)
def missing_operational_links(analysis: Analysis) -> Iterator[Detected]:
    """One finding per organisation A whose partners at a strategic table (`Analysis.tables`)
    include organisations B that share no operational meeting with A; organisations of one
    `part_of` tree are never each other's partners, and a `strategic_only` organisation is
    nobody's partner here. `absent_below` says A is in no operational meeting with any other
    organisation at all; such a B is said once, on its own finding. Each other gap between
    A and B is said once, on whichever of the two has more gaps. A sole representative's
    gaps are said on its own finding (`sole_representative`). The most telling come first:
    cut off from all its partners below, then the most partners missed."""
    below = below_the_table(analysis)
    sole = sole_representatives(analysis)
    found = [(a, them) for a, them in below.missing.items() if a not in sole]
    found.sort(key=lambda f: (len(f[1]) < len(below.sits_with[f[0]]), -len(f[1]), f[0]))
    for a, partners in found:
        yield Detected(
            "missing_operational_link",
            "medium",
            (a,),
            MissingLinks(
                partners=partners,
                partners_at_table=len(below.sits_with[a]),
                strategic_meetings=sorted(set().union(*(below.sits_with[a][b] for b in partners))),
                through_commissioning=sorted(below.through.get(a, ())),
                absent_below=below.absent[a],
            ),
        )


def sole_representatives(analysis: Analysis) -> dict[str, str]:
    """Organisations whose every link to the rest of the partnership is one person who sits
    at its own strategic level (not only on an external board), by organisation: the person.
    Counted by `part_of` tree (a council service whose council is linked through others is
    not one); an organisation linked by a
    relationship of its own, a `strategic_only` one (a seat by design), and a person who is a
    single point of failure or a vacant post (said by those findings) are left out."""
    return analysis.once("sole representatives", lambda: _sole(analysis))


def _sole(analysis: Analysis) -> dict[str, str]:
    partnership, tree = analysis.partnership, analysis.tree_of
    home = {p.id: p.organisation for p in partnership.people}
    outward: dict[str, set[str]] = {}  # tree -> its people linked outside it
    tied: set[str] = set()  # trees tied by an organisation's own relationship
    standing = analysis.standing
    for m in partnership.meetings:
        if m.id not in standing:
            continue
        trees = {tree[o] for o in analysis.present_in[m.id]}
        if len(trees) < 2:
            continue
        for person in m.attendees:
            if (org := home[person]) is not None:
                outward.setdefault(tree[org], set()).add(person)

    def tree_at(end: str) -> str | None:
        # The tree of an organisation, or of a person's organisation (none for a family rep).
        org = end if end in tree else home.get(end)
        return tree[org] if org is not None else None

    for r in partnership.relationships:
        trees_at = {end: tree_at(end) for end in (r.source, r.target)}
        ends = [(end, t) for end, t in trees_at.items() if t is not None]
        if len(ends) < 2 or ends[0][1] == ends[1][1]:
            continue
        for end, end_tree in ends:
            if end in tree:
                tied.add(end_tree)
            else:
                outward.setdefault(end_tree, set()).add(end)
    # A seat at the partnership's own strategic level: one on an external board only is that
    # board's member (a constituency seat on the Health and Wellbeing Board), not a partner's,
    # except a families' organisation's (a parent carer forum): the voice of families is the
    # partnership's concern in every room it is heard.
    families = {o.id for o in partnership.organisations if o.sector == "families"}
    strategic = {
        p
        for m in partnership.meetings
        if m.level == "strategic" and m.id in standing
        for p in m.attendees
        if not m.external or home[p] in families
    }
    found: dict[str, str] = {}
    for top, people in outward.items():
        if len(people) != 1 or top in tied:
            continue
        (person,) = people
        record = partnership.person_by_id[person]
        org = record.organisation
        if (
            org is None
            or person not in strategic
            or record.vacant
            or person in analysis.single_points
            or analysis.trees[top] & analysis.strategic_only
        ):
            continue
        found[org] = person
    return dict(sorted(found.items()))


@check(
    "sole_representative",
    theme="succession",
    severities=("medium", "low"),
    severity_rule="low; medium when the one person is due to leave within the departure window",
    evidence=SoleRepresentative,
    settings=("departure_window_days", "strategic_table_min_per_year"),
)
def sole_representative(analysis: Analysis) -> Iterator[Detected]:
    """One finding per organisation whose only link to every other organisation is one person
    (`sole_representatives`), carrying what that organisation misses below the table too:
    one gap, said once."""
    below = below_the_table(analysis)
    horizon = analysis.today + dt.timedelta(days=analysis.settings.departure_window_days)
    for org, person in sole_representatives(analysis).items():
        record = analysis.partnership.person_by_id[person]
        leaving = record.leaving is not None and analysis.today <= record.leaving <= horizon
        shared = sorted(
            m
            for m in analysis.meetings_of.get(person, ())
            if m in analysis.standing
            and len({analysis.tree_of[o] for o in analysis.present_in[m]}) > 1
        )
        yield Detected(
            "sole_representative",
            "medium" if leaving else "low",
            (org, person),
            SoleRepresentative(
                person=person,
                meetings=shared,
                deputy=record.deputy,
                leaving=record.leaving.isoformat() if record.leaving else None,
                missing_below=below.missing.get(org, []),
                absent_below=bool(below.absent.get(org)),
            ),
        )


def _cross_organisation_meetings(analysis: Analysis, level: str) -> list[set[str]]:
    """The organisations present in each meeting at `level` that brings two or more together."""
    present = analysis.partnership.organisations_present
    return [
        set(present[m.id])
        for m in analysis.partnership.meetings
        if m.level == level and len(present[m.id]) > 1 and m.id in analysis.standing
    ]


def levels_with_no_meeting(analysis: Analysis) -> list[str]:
    """The levels at which the map records no standing meeting at all: a gap in what the map
    holds (`map_incomplete`), not evidence that the level has no joint meeting."""
    held = {m.level for m in analysis.partnership.meetings if m.id in analysis.standing}
    return [level for level in LEVELS if level not in held]


@check(
    "level_without_joint_meeting",
    theme="links",
    severities=("high", "medium"),
    severity_rule="high at strategic and operational level, medium at practitioner level",
    evidence=LevelWithoutJointMeeting,
)
def levels_without_joint_meetings(analysis: Analysis) -> Iterator[Detected]:
    """Levels with standing meetings of which none brings two organisations together (when
    the map has organisations at all). A level with no meeting on the map at all is a gap in
    the map, said by `map_incomplete`."""
    if len(analysis.partnership.organisations) < 2:
        return
    empty = set(levels_with_no_meeting(analysis))
    for level in LEVELS:
        if level not in empty and not _cross_organisation_meetings(analysis, level):
            yield Detected(
                "level_without_joint_meeting",
                "high" if level != "practitioner" else "medium",
                (),
                LevelWithoutJointMeeting(level=level),
            )
