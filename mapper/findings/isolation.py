"""Organisations and people on the map that nothing connects to the rest of the partnership.

Seed 003 (`003_ed8bcb76a249a612.txt`): non-siloed working and trusting relationships.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated, TypedDict

from mapper.analysis import Analysis
from mapper.findings.base import Detected
from mapper.findings.links import levels_with_no_meeting
from mapper.findings.registry import check
from mapper.findings.shown import Shown
from mapper.findings.statutory import boards_recorded

__all__ = ["IsolatedOrganisation", "MapIncomplete"]


class IsolatedOrganisation(TypedDict):
    people: Annotated[list[str], Shown("Its people on the map", "records")]


#: What a strategic meeting may leave unrecorded (`MapIncomplete.not_recorded`), in words.
_UNRECORDED = {
    "revisits_purpose": "Strategic meetings not saying how often they revisit the shared purpose"
}


class MapIncomplete(TypedDict):
    people_in_no_meeting: Annotated[
        list[str], Shown("People in no meeting and no relationship", "records")
    ]
    organisations_with_nobody: Annotated[
        list[str], Shown("Organisations with nobody on the map", "records")
    ]
    meetings_with_no_members: Annotated[list[str], Shown("Meetings with no members", "records")]
    not_recorded: Annotated[dict[str, list[str]], Shown("{}", "by_word", words=_UNRECORDED)]
    levels_with_no_meeting: Annotated[list[str], Shown("Levels with no meeting", "words")]
    partial_membership: Annotated[
        list[str], Shown("Meetings with only some of their members recorded", "records")
    ]
    roles_not_recorded: Annotated[
        bool, Shown("Key roles", "flag", yes="the map names nobody in a key role")
    ]
    boards_not_recorded: Annotated[
        bool,
        Shown(
            "Statutory boards",
            "flag",
            yes="the map does not say which meeting is the family hubs board, the Health and "
            "Wellbeing Board or the safeguarding children partnership",
        ),
    ]
    outcomes_not_recorded: Annotated[
        bool, Shown("Shared outcomes", "flag", yes="the map records none")
    ]


@check(
    "isolated_organisation",
    theme="connections",
    severities=("medium",),
    severity_rule="medium",
    evidence=IsolatedOrganisation,
)
def isolated_organisations(analysis: Analysis) -> Iterator[Detected]:
    """Organisations whose part of the network holds no other organisation, among those with
    someone on the map (one with nobody mapped is a gap in the map: `map_incomplete`)."""
    if len(analysis.partnership.organisations) < 2:
        return
    graph = analysis.system
    for part in analysis.parts:
        orgs = graph.of_kind(part, "organisation")
        people = sorted(graph.of_kind(part, "person"))
        if len(orgs) == 1 and people:
            yield Detected(
                "isolated_organisation", "medium", (orgs[0],), IsolatedOrganisation(people=people)
            )


@check(
    "map_incomplete",
    theme="connections",
    severities=("info",),
    severity_rule="info: a notice about the map, not a finding about the partnership",
    evidence=MapIncomplete,
)
def what_the_map_does_not_hold(analysis: Analysis) -> Iterator[Detected]:
    """One notice, with what it counts, when the map looks incomplete: people in no meeting
    and no relationship, organisations with nobody on the map, meetings with a chair and no
    members, what strategic meetings leave unrecorded (how often they revisit the purpose),
    levels with no standing meeting, meetings whose membership is `partial` (with one at
    operational level, no missing link below the table is judged), and, in a family hubs
    partnership, key roles recorded for nobody and no meeting said to be the family hubs
    board, the Health and Wellbeing Board or the safeguarding partnership (`board:`). Each is
    more likely a gap in the map than in the partnership, and the checks that would need it
    say nothing."""
    partnership = analysis.partnership
    in_ties = {end for r in partnership.relationships for end in (r.source, r.target)}
    people = [
        p.id for p in partnership.people if p.id not in analysis.meetings_of and p.id not in in_ties
    ]
    staffed = {p.organisation for p in partnership.people}
    parents = {o.part_of for o in partnership.organisations}
    nobody = [
        o.id
        for o in partnership.organisations
        if o.id not in staffed and o.id not in parents and o.id not in in_ties
    ]
    empty = [m.id for m in partnership.meetings if not m.members]
    unrecorded = {
        "revisits_purpose": [
            m.id
            for m in partnership.meetings
            if m.level == "strategic" and m.revisits_purpose is None
        ]
    }
    unrecorded = {field: ids for field, ids in unrecorded.items() if ids}
    levels = levels_with_no_meeting(analysis) if partnership.meetings else []
    partial = [m.id for m in partnership.meetings if m.membership == "partial"]
    roles = partnership.type == "family_hubs" and not analysis.roles_recorded
    boards = partnership.type == "family_hubs" and bool(partnership.meetings)
    boards = boards and not boards_recorded(partnership)
    # A shared outcomes framework the map leaves empty: whether the partnership has none or
    # the map does not say, the outcome checks have nothing to read.
    outcomes = partnership.type != "other" and bool(partnership.meetings)
    outcomes = outcomes and not partnership.outcomes
    if people or nobody or empty or unrecorded or levels or partial or roles or boards or outcomes:
        yield Detected(
            "map_incomplete",
            "info",
            (),
            MapIncomplete(
                people_in_no_meeting=people,
                organisations_with_nobody=nobody,
                meetings_with_no_members=empty,
                not_recorded=unrecorded,
                levels_with_no_meeting=levels,
                partial_membership=partial,
                roles_not_recorded=roles,
                boards_not_recorded=boards,
                outcomes_not_recorded=outcomes,
            ),
        )
