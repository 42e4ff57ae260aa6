"""Wording for people and power: chairs, voice, key roles and deputies, departures, meeting
load, shared purpose and outcomes, and people outside every shared space."""

from __future__ import annotations

from mapper.findings.base import Detected
from mapper.model import Partnership
from mapper.recommend.common import SOURCES, Wording, Words
from mapper.vocabulary import label, names, person_with_organisation, readable

__all__ = ["PEOPLE_WORDING"]


def _chairs_many(p: Partnership, d: Detected) -> Words:
    who = person_with_organisation(p, d.subjects[0])
    meetings = d.evidence["meetings"]
    return (
        f"{who} chairs {len(meetings)} meetings: {names(p, meetings)}",
        f"Share the chairing: ask partners from other organisations to chair or co-chair "
        f"some of these, and name a vice chair for each, so the system does not rest on "
        f"{p.person_by_id[d.subjects[0]].label} alone.",
        (SOURCES["succession"], SOURCES["whole_system"]),
        f"Share the chairing of the {len(meetings)} meetings "
        f"{p.person_by_id[d.subjects[0]].label} chairs",
    )


def _dominated(p: Partnership, d: Detected) -> Words:
    e = d.evidence
    sector = readable(e["sector"])
    return (
        f"The {sector} sector chairs {e['meetings_chaired']} of the "
        f"{e['strategic_meetings']} strategic meetings",
        "Governance that mirrors one organisation's power is not shared leadership: offer "
        "the chair or a co-chair of some strategic meetings to health, education or the "
        "voluntary, community and faith sector.",
        (SOURCES["whole_system"], SOURCES["succession"], SOURCES["collective_impact"]),
        "Offer the chair of some strategic meetings to other sectors",
    )


def _single_chair(p: Partnership, d: Detected) -> Words:
    meeting = label(p, d.subjects[0])
    return (
        f"{meeting} has no co-chair or vice chair from another organisation",
        f"Consider a co-chair for {meeting} from another sector: co-chairing is a visible "
        "sign of shared power, and gives the meeting a deputy if the chair leaves.",
        (SOURCES["whole_system"], SOURCES["succession"]),
        f"Name a co-chair or vice chair for {meeting} from another organisation",
    )


def _no_family_voice(p: Partnership, d: Detected) -> Words:
    meeting = label(p, d.subjects[0])
    below = d.evidence["also_below"]
    also = (
        f", nor in {_count(len(below), 'meeting', 'meetings')} reporting to it ({names(p, below)})"
        if below
        else ""
    )
    return (
        f"No parent, carer or young person sits in {meeting}{also}",
        f"Bring the voice of families into {meeting}: a parent carer forum or youth council "
        "representative as a member, with the support to take part as an equal.",
        (SOURCES["succession"], SOURCES["collective_impact"], SOURCES["depth"]),
        f"Bring a parent, carer or young person into {meeting}",
    )


def _sector_absent(p: Partnership, d: Detected) -> Words:
    sector = readable(d.evidence["sector"])
    in_map = d.evidence["organisations_in_map"]
    who = f" ({names(p, in_map)} are on the map)" if in_map else ""
    return (
        f"No one from the {sector} sector sits at a strategic table{who}",
        f"Invite a senior person from the {sector} sector to the strategic table; a "
        "Best Start system is built across the council, health, education, the voluntary "
        "and faith sector, and families.",
        (SOURCES["whole_system"], SOURCES["collective_impact"]),
        f"Invite a senior leader from the {sector} sector to the strategic table",
    )


def _missing_role(p: Partnership, d: Detected) -> Words:
    role = readable(d.evidence["role"])
    return (
        f"No one is named as {role}",
        f"Name a {role}: the guidance sees one accountable leader, a senior sponsor, a "
        "transformation lead and a data and evaluation lead as the roles a family hub "
        "system needs.",
        (SOURCES["leadership_roles"],),
        f"Name a {role}",
    )


def _role_without_deputy(p: Partnership, d: Detected) -> Words:
    who = person_with_organisation(p, d.subjects[0])
    roles = " and ".join(readable(r) for r in d.evidence["roles"])
    return (
        f"{who} holds the {roles} role with no named deputy",
        f"Name a deputy for {p.person_by_id[d.subjects[0]].label} and involve them now, so "
        "the role survives a departure.",
        (SOURCES["succession"], SOURCES["leadership_roles"]),
        f"Name a deputy for {p.person_by_id[d.subjects[0]].label} as {roles}",
    )


def _departure(p: Partnership, d: Detected) -> Words:
    person = p.person_by_id[d.subjects[0]]
    who = person_with_organisation(p, person.id)
    e = d.evidence
    why = "; ".join(
        [
            *([f"chairs {names(p, e['chairs'])}"] if e["chairs"] else []),
            *(f"{readable(role)}" for role in e["key_roles"]),
            *(["the only link to some partners"] if e["single_point_of_failure"] else []),
        ]
    )
    deputy = (
        f"Brief {label(p, person.deputy)}, the named deputy, and hand over"
        if person.deputy
        else "Name a successor now and hand over"
    )
    return (
        f"{who} leaves on {person.leaving:%d %B %Y} ({why})",
        f"{deputy} chairs, roles and relationships before {person.leaving:%d %B %Y}.",
        (SOURCES["succession"],),
        (
            f"Brief {label(p, person.deputy)} to take over from {person.label} before "
            f"{person.leaving:%d %B %Y}"
            if person.deputy
            else f"Name a successor to {person.label} before {person.leaving:%d %B %Y}"
        ),
    )


def _heavy_load(p: Partnership, d: Detected) -> Words:
    who = person_with_organisation(p, d.subjects[0])
    e = d.evidence
    return (
        f"{who} spends about {e['hours_a_month']:.0f} hours a month in "
        f"{len(e['meetings'])} meetings",
        f"Review what {p.person_by_id[d.subjects[0]].label} attends: send a colleague to "
        "some meetings, merge duplicates, and share the chairing.",
        (SOURCES["whole_system"],),
        f"Lighten the load of {p.person_by_id[d.subjects[0]].label}: "
        f"{len(e['meetings'])} meetings, about {e['hours_a_month']:.0f} hours a month",
    )


def _purpose(p: Partnership, d: Detected) -> Words:
    meeting = label(p, d.subjects[0])
    often = d.evidence["at_least"]  # the map's setting, twice a year unless changed
    how_often = {1: "once a year", 2: "twice a year"}.get(often, f"{often:g} times a year")
    return (
        f"{meeting} does not revisit the shared purpose at least {how_often}",
        f"Put the shared vision on the agenda of {meeting} at least {how_often}, and record "
        "on the map how often the meeting revisits it.",
        (SOURCES["whole_system"],),
        f"Revisit the shared purpose at {meeting} at least {how_often}",
    )


def _outcome(p: Partnership, d: Detected) -> Words:
    outcome = label(p, d.subjects[0])
    return (
        f"No meeting holds the shared outcome \u201c{outcome}\u201d",
        "Agree which meeting is responsible for this outcome and add it to that meeting's "
        "agenda and to the map, or take it out of the outcomes framework.",
        (SOURCES["whole_system"],),
        f"Agree which meeting holds \u201c{outcome}\u201d",
    )


def _incomplete(p: Partnership, d: Detected) -> Words:
    e = d.evidence
    parts = []
    if e["people_in_no_meeting"]:
        people = len(e["people_in_no_meeting"])
        parts.append(_count(people, "person", "people") + " in no meeting and no relationship")
    if e["organisations_with_nobody"]:
        count = len(e["organisations_with_nobody"])
        parts.append(_count(count, "organisation", "organisations") + " with nobody on it")
    if e["meetings_with_no_members"]:
        count = len(e["meetings_with_no_members"])
        parts.append(_count(count, "meeting", "meetings") + " with a chair and no members")
    for field, ids in e["not_recorded"].items():
        parts.append(
            f"{_count(len(ids), 'strategic meeting', 'strategic meetings')} not recording "
            f"{_FIELD_WORDS.get(field, field)}"
        )
    if e["levels_with_no_meeting"]:
        levels = e["levels_with_no_meeting"]
        parts.append(f"no {' or '.join(levels)} meeting recorded")
    if e["partial_membership"]:
        partial = [p.meeting_by_id[m] for m in e["partial_membership"]]
        below = any(m.level == "operational" for m in partial)
        parts.append(
            _count(len(partial), "meeting", "meetings")
            + " with only some of the members recorded"
            + (" (so no missing link below the table is judged)" if below else "")
        )
    if e["roles_not_recorded"]:
        parts.append("nobody's key role recorded (so no role is reported missing)")
    if e["outcomes_not_recorded"]:
        parts.append(
            "no shared outcome recorded (the partnership's outcomes framework is empty on the "
            "map, so no meeting is asked to hold one)"
        )
    if e["boards_not_recorded"]:
        parts.append(
            "no meeting said to be the family hubs board, the Health and Wellbeing Board or "
            "the safeguarding partnership (so their links are not judged)"
        )
    listed = "; ".join(parts)
    return (
        f"The map may be incomplete: {listed}",
        "Check these with the people who know the partnership before reading the findings "
        "they touch: a person in no meeting may attend meetings the map leaves out, and what "
        "is not recorded is not counted as missing.",
        (SOURCES["collective_impact"],),
        "Check the gaps in the map with the people who know the partnership",
    )


_FIELD_WORDS = {"revisits_purpose": "how often they revisit the shared purpose"}


def _sole_representative(p: Partnership, d: Detected) -> Words:
    org, person = label(p, d.subjects[0]), p.person_by_id[d.subjects[1]]
    e = d.evidence
    where = names(p, e["meetings"]) if e["meetings"] else "a working relationship"
    below = (
        "; below the table it meets none of its partners"
        if e["absent_below"]
        else f"; below the table it does not meet {names(p, e['missing_below'])}"
        if e["missing_below"]
        else ""
    )
    leaving = f", who is due to leave on {person.leaving:%d %B %Y}" if person.leaving else ""
    step_in = (
        f"Confirm that {label(p, e['deputy'])} can stand in"
        if e["deputy"]
        else f"Name a substitute for {person.label}"
    )
    return (
        f"{org} is linked to the partnership only through {person.label}{leaving} ({where}){below}",
        f"{step_in}, so {org}'s seat is kept when they are away or leave; where {org} has a part "
        "to play in delivery, bring a manager into an operational group too.",
        (SOURCES["succession"],),
        (
            f"Confirm that {label(p, e['deputy'])} can stand in for {person.label}"
            if e["deputy"]
            else f"Name a substitute for {person.label}, the only link of {org}"
        ),
    )


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def _vacancy(p: Partnership, d: Detected) -> Words:
    post = person_with_organisation(p, d.subjects[0])
    e = d.evidence
    empty = [
        *([f"the chair of {names(p, e['chairs'])}"] if e["chairs"] else []),
        *([f"the vice chair of {names(p, e['vice_chair_of'])}"] if e["vice_chair_of"] else []),
        *(readable(role) for role in e["key_roles"]),
        *([f"a seat on {names(p, e['seats'])}"] if e["seats"] else []),
    ]
    what = f": {'; '.join(empty)}" if empty else ""
    deputy = p.person_by_id[d.subjects[0]].deputy
    interim = (
        f"ask {label(p, deputy)}, the named deputy, to act meanwhile"
        if deputy
        else "name who acts meanwhile"
    )
    return (
        f"{post} is vacant{what}",
        f"Agree when the post will be filled and {interim}; a chair or a role left empty is a "
        "departure that has already happened.",
        (SOURCES["succession"],),
        f"Fill the post of {p.person_by_id[d.subjects[0]].label} or name who acts meanwhile",
    )


PEOPLE_WORDING: dict[str, Wording] = {
    "chairs_many_meetings": _chairs_many,
    "chairing_dominated": _dominated,
    "no_shared_chair": _single_chair,
    "no_family_voice": _no_family_voice,
    "sector_absent_from_strategic_level": _sector_absent,
    "missing_key_role": _missing_role,
    "key_role_without_deputy": _role_without_deputy,
    "planned_departure": _departure,
    "heavy_meeting_load": _heavy_load,
    "purpose_not_revisited": _purpose,
    "outcome_not_held": _outcome,
    "map_incomplete": _incomplete,
    "vacancy": _vacancy,
    "sole_representative": _sole_representative,
}
