"""Wording for the structure of the system: links between levels, duplicate meetings,
single points of failure, critical organisations, the reports-to tree and the reporting lines
in it that rest on one person."""

from __future__ import annotations

from typing import Any

from mapper.findings.base import Detected
from mapper.model import Partnership
from mapper.recommend.common import SOURCES, Wording, Words
from mapper.vocabulary import label, names, person_with_organisation, readable

__all__ = ["STRUCTURE_WORDING"]


def _missing_link(p: Partnership, d: Detected) -> Words:
    org = label(p, d.subjects[0])
    e = d.evidence
    gaps = sorted(e["partners"], key=lambda o: label(p, o))
    total = e["partners_at_table"]
    if len(gaps) == total or e["absent_below"]:
        title = (
            f"{org} sits at the strategic table with {total} partners but meets none of them "
            "at operational level"
            if total > 1
            else f"{org} sits at the strategic table with one partner but does not meet it at "
            "operational level"
        )
    else:
        title = (
            f"{org} meets {len(gaps)} of its {total} strategic partners nowhere at "
            f"operational level: {names(p, gaps)}"
        )
    if e["absent_below"]:
        title += ", nor any other organisation"
    through = e["through_commissioning"]
    also = (
        f" (it counts as present where {names(p, through)}, which it commissions, "
        f"{'is' if len(through) == 1 else 'are'})"
        if through
        else ""
    )
    return (
        title,
        f"Ask {org} and {'these partners' if len(gaps) > 1 else 'this partner'} to name the "
        "managers who should work together day to day, and give them a shared place to "
        f"meet{also}: seats on an existing operational group or a joint working group. "
        "Integration that stops at the top table is not sustained.",
        (SOURCES["whole_system"],),
        f"Give {org}'s managers a shared operational meeting with {_partners(len(gaps))}",
    )


def _partners(count: int) -> str:
    return "this partner" if count == 1 else f"these {count} partners"


def _duplicates(p: Partnership, d: Detected) -> Words:
    first, second = (label(p, s) for s in d.subjects)
    e = d.evidence
    also = []
    if e["same_parent"]:
        also.append(f"both report to {label(p, e['same_parent'])}")
    if e["shared_outcomes"]:
        also.append(f"both hold {names(p, e['shared_outcomes'])}")
    extra = f" ({'; '.join(also)})" if also else ""
    return (
        f"{first} and {second} have largely the same members "
        f"({round(e['similarity'] * 100)}% overlap)",
        f"Review {first} and {second} together{extra}: merge them, or give each a clearly "
        f"different purpose and membership. A merger would free about "
        f"{e['hours_freed_per_year']:,.0f} person-hours a year.",
        (SOURCES["whole_system"],),
        f"Merge {first} and {second}, or give each its own purpose (frees about "
        f"{e['hours_freed_per_year']:,.0f} hours a year)",
    )


def _cut_off_groups(p: Partnership, evidence: Any) -> str:
    return "; ".join(names(p, group) for group in evidence["cut_off"])


def _single_point(p: Partnership, d: Detected) -> Words:
    person = p.person_by_id[d.subjects[0]]
    who = person_with_organisation(p, person.id)
    groups = _cut_off_groups(p, d.evidence)
    leaving = f", who is due to leave on {person.leaving:%d %B %Y}," if person.leaving else ""
    deputy = (
        f"Confirm that {label(p, person.deputy)} can step in as deputy"
        if person.deputy
        else f"Name a deputy for {person.label}{leaving}"
    )
    return (
        f"{who} is the only link from {groups} to the rest of the system",
        f"{deputy}, and build ties at more than one level so that the link to {groups} "
        "survives their leaving: bring another of their people into a shared meeting.",
        (SOURCES["succession"],),
        f"Name a deputy for {person.label} and a second link to {groups}",
    )


def _critical_organisation(p: Partnership, d: Detected) -> Words:
    org = label(p, d.subjects[0])
    groups = _cut_off_groups(p, d.evidence)
    return (
        f"If {org} withdrew, {groups} would be cut off from the other "
        f"{d.evidence['still_connected']} organisations",
        f"Everything that links {groups} to the rest of the partnership runs through {org}. "
        "Create direct ties: a seat for them in a shared meeting, or an agreement with "
        "another partner.",
        (SOURCES["succession"], SOURCES["collective_impact"]),
        f"Tie {groups} to partners other than {org}",
    )


def _cycle(p: Partnership, d: Detected) -> Words:
    circle = names(p, d.subjects, most=8)
    title = (
        f"{circle} report to itself"
        if len(d.subjects) == 1
        else f"{circle} report to one another in a circle"
    )
    return (
        title,
        "Decide which of these meetings is accountable to which, and where the circle "
        "reports upwards, so that decisions reach the partnership board.",
        (SOURCES["whole_system"],),
        "Decide which of these meetings is accountable to which",
    )


def _outside_tree(p: Partnership, d: Detected) -> Words:
    meeting = label(p, d.subjects[0])
    below = d.evidence["meetings_below"]
    with_below = (
        f" (with {len(below)} meeting{'s' if len(below) > 1 else ''} below it)" if below else ""
    )
    top = label(p, d.evidence["top"]) if d.evidence["top"] else "the partnership board"
    return (
        f"{meeting}{with_below} reports to no meeting in the partnership's structure",
        f"Agree where {meeting} reports, for example to {top}, or whether it is still "
        "needed: meetings outside the structure hold nobody to account and duplicate work.",
        (SOURCES["whole_system"],),
        f"Agree where {meeting} reports, or whether it is still needed",
    )


#: The statutory bodies as the guidance names them, and the `board:` word that marks each.
_BODIES = {
    "health_and_wellbeing": "Health and Wellbeing Board",
    "safeguarding": "safeguarding children partnership",
}


def _bodies_named(shown: list[str], unshown: list[str]) -> str:
    """The statutory bodies a board has no line to, by name where the map holds them."""
    return " and ".join([*shown, *(f"the {_BODIES[b]}" for b in unshown)])


def _statutory_link(p: Partnership, d: Detected) -> Words:
    board = label(p, d.subjects[0])
    e = d.evidence
    shown = [label(p, e["on_map"][b]) for b in e["missing"] if e["on_map"][b]]
    unshown = [b for b in e["missing"] if not e["on_map"][b]]
    absent = " and ".join(f"a {_BODIES[b]}" for b in unshown)
    are = "are" if len(unshown) > 1 else "is"
    if shown and unshown:
        title = (
            f"No line from {board} to {shown[0]} is shown on the map, and {absent} is not "
            "shown on the map at all"
        )
    elif shown:
        title = f"No line from {board} to {' or '.join(shown)} is shown on the map"
    else:
        them = "them" if len(unshown) > 1 else "one"
        title = (
            f"{absent[0].upper()}{absent[1:]} {are} not shown on the map, nor a line from "
            f"{board} to {them}"
        )
    steps = []
    if shown:
        steps.append(
            f"If {board} already reports to or informs {' and '.join(shown)}, record the line "
            "on the map (what it reports to, or informs); if not, agree one: a reporting line, "
            "or a regular report on the family hubs."
        )
    if unshown:
        bodies = " and ".join(f"the {_BODIES[b]}" for b in unshown)
        marked = "each a meeting marked as" if len(unshown) > 1 else "a meeting marked as"
        steps.append(
            f"Add {bodies} to the map ({marked} the board it is, and as outside the "
            f"partnership when it is) with the line from {board}; where there is no such "
            "line, agree one."
        )
    reaches = f" It already reaches {names(p, e['lines'])}." if e["lines"] else ""
    return (
        title,
        " ".join(steps) + reaches + " National family hubs guidance expects the board that "
        "governs the hubs to be linked to both, so that the statutory boards see and shape "
        "its work.",
        (SOURCES["leadership_roles"], SOURCES["succession"]),
        f"Record or agree a line from {board} to {_bodies_named(shown, unshown)}",
    )


def _isolated_organisation(p: Partnership, d: Detected) -> Words:
    org = label(p, d.subjects[0])
    return (
        f"{org} is on the map but connected to no other organisation",
        f"Find out who at {org} should be involved, and invite them into a meeting or agree "
        "a working relationship with a partner.",
        (SOURCES["collective_impact"],),
        f"Bring {org} into a meeting or a working relationship",
    )


def _connector(p: Partnership, d: Detected) -> Words:
    e = d.evidence
    group = "people" if e["is"] == "person" else "organisations"
    if len(d.subjects) == 1:
        who = (
            person_with_organisation(p, d.subjects[0])
            if e["is"] == "person"
            else label(p, d.subjects[0])
        )
        links = "links"
        place = "more than any other" if e["rank"] == 1 else f"number {e['rank']} of the {group}"
    else:
        who = names(p, d.subjects, most=len(d.subjects))
        links = "link"
        place = (
            f"equally, together the first of the {group}"
            if e["rank"] == 1
            else f"equally, joint number {e['rank']} of the {group}"
        )
    recognised = (
        ("; already named as a connector" if len(d.subjects) == 1 else "; each already named")
        if e["recognised"]
        else ""
    )
    estimated = (
        f" (estimated from routes between {e['estimated_from']:,} of its "
        f"{e['organisations']:,} organisations)"
        if "estimated_from" in e
        else ""
    )
    whom = label(p, d.subjects[0]) if len(d.subjects) == 1 else "each of them"
    few = 2 if len(d.subjects) == 2 else 1  # the action names two, or one and how many more
    return (
        f"{who} {links} the partnership together: {place}{recognised}{estimated}",
        f"Recognise the connecting work {whom} does, fund the time it takes, and share it "
        "with others so the network does not rest on them.",
        (SOURCES["succession"], SOURCES["collective_impact"]),
        f"Recognise and share the connecting work of {names(p, d.subjects, most=few)}",
    )


def _meeting_link(p: Partnership, link: dict[str, Any]) -> str:
    """`Caithness Partnership and the Board, which it reports to, through Jo Smith`."""
    first, second = (label(p, m) for m in link["meetings"])
    how = {
        "reports_to": f"{first} and {second}, which it reports to",
        "informs": f"{first} and {second}, which it informs",
        "separate_structures": f"{first} and {second}, in separate structures",
    }[link["line"]]
    return f"{how}, through {names(p, link['people'], most=len(link['people']))}"


def _links_between_meetings(p: Partnership, d: Detected) -> Words:
    e = d.evidence
    links = e["links"]
    count = len(d.subjects)
    shown = "; ".join(_meeting_link(p, link) for link in links[:5])
    more = f"; and {len(links) - 5} more" if len(links) > 5 else ""
    return (
        f"{'One person carries' if count == 1 else f'{count} people carry'} the links "
        f"between meetings: {names(p, d.subjects)}",
        f"Each of these links between two meetings (one reporting to or informing the other, "
        f"or meetings of separate structures) rests on three people or fewer: {shown}{more}. "
        "They carry what one meeting knows into the other. Recognise that connecting work "
        "and the time it takes, and brief a second person for each link, so that it "
        "survives one of them moving on.",
        (SOURCES["succession"], SOURCES["whole_system"]),
        "Brief a second person for each link between meetings",
    )


def _silo(p: Partnership, d: Detected) -> Words:
    e = d.evidence
    return (
        f"{names(p, d.subjects)} work mostly among themselves "
        f"({round(e['share'] * 100)}% {readable(e['sector'])})",
        "Create shared spaces that cross this cluster's boundary: joint training, a "
        "shared locality meeting, or practitioners from other sectors in its networks.",
        (SOURCES["collective_impact"], SOURCES["depth"]),
        f"Create shared spaces across the boundary of this {readable(e['sector'])} cluster",
    )


def _level_gap(p: Partnership, d: Detected) -> Words:
    level = d.evidence["level"]
    return (
        f"No {level} meeting brings two organisations together",
        f"Create a shared {level} forum: integration that does not reach every level is "
        "not sustained.",
        (SOURCES["whole_system"],),
        f"Create a shared {level} forum",
    )


def _stands_in_as(p: Partnership, d: Detected) -> str:
    """What the deputy of a reporting line is to the person it rests on."""
    e = d.evidence
    if p.person_by_id[e["person"]].deputy == e["deputy"]:
        return "the named deputy"
    if p.meeting_by_id[e["lower"]].vice_chair == e["deputy"]:
        return "its vice chair"
    return "its co-chair"


def _one_person_line(p: Partnership, d: Detected) -> Words:
    e = d.evidence
    below, above = label(p, e["lower"]), label(p, e["upper"])
    person = p.person_by_id[e["person"]]
    who = person_with_organisation(p, person.id)
    deputy = f"{label(p, e['deputy'])} ({_stands_in_as(p, d)})" if e["deputy"] is not None else None
    if e["vacant"]:
        state = ", a post that is vacant"
        act = (
            f"Nobody carries the report up to {above} while the post is empty. Agree who "
            f"attends for {below} until it is filled"
            + (f" ({deputy} could)" if deputy else "")
            + ", and consider a second seat for it there, so that the line does not hang on "
            "one post again."
        )
    else:
        leaving = person.leaving
        state = f", who is due to leave on {leaving:%d %B %Y}" if leaving else ""
        first = (
            f"Confirm that {deputy} would carry the report up when {person.label} cannot"
            if deputy
            else f"Name a deputy for {person.label} who could carry the report up"
        )
        when = f" before {leaving:%d %B %Y}" if leaving else ""
        act = (
            f"{first}{when}, and consider a second seat for {below} at {above}: a line "
            "between two levels that hangs on one person breaks when they move on."
        )
    recorded = " (of the members recorded)" if e["recorded_in_part"] else ""
    return (
        f"{below} reaches {above}, which it reports to, only through {who}{state}{recorded}",
        act,
        (SOURCES["succession"], SOURCES["whole_system"]),
        f"Name a second person to carry the report up from {below}",
    )


STRUCTURE_WORDING: dict[str, Wording] = {
    "level_without_joint_meeting": _level_gap,
    "connector": _connector,
    "links_between_meetings": _links_between_meetings,
    "sector_silo": _silo,
    "missing_operational_link": _missing_link,
    "duplicate_meetings": _duplicates,
    "single_point_of_failure": _single_point,
    "critical_organisation": _critical_organisation,
    "reports_to_cycle": _cycle,
    "outside_governance_tree": _outside_tree,
    "reporting_line_rests_on_one_person": _one_person_line,
    "missing_statutory_link": _statutory_link,
    "isolated_organisation": _isolated_organisation,
}
