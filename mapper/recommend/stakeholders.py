"""Wording for the stakeholder map: the influential partner with no seat, the influential
sceptic nobody meets, and the champion the partnership's links depend on alone."""

from __future__ import annotations

from mapper.findings.base import Detected
from mapper.model import Partnership
from mapper.recommend.common import SOURCES, Wording, Words
from mapper.vocabulary import label, names, person_with_organisation

__all__ = ["STAKEHOLDER_WORDING"]


def _who(p: Partnership, ident: str) -> str:
    """A person with their organisation, or an organisation's name."""
    return person_with_organisation(p, ident) if ident in p.person_by_id else label(p, ident)


def _not_at_table(p: Partnership, d: Detected) -> Words:
    ident = d.subjects[0]
    e = d.evidence
    tables = e["strategic_tables"]
    where = names(p, tables, most=2)
    represented = e["represented_at"]
    through = (
        f"; their organisation sits at {names(p, represented, most=2)} through others"
        if represented and ident in p.person_by_id
        else f"; the organisation it is part of sits at {names(p, represented, most=2)}"
        if represented
        else ""
    )
    title = f"{_who(p, ident)} has high influence but sits at no strategic table{through}"
    name = label(p, ident)
    if d.severity == "low":  # keep satisfied: interest recorded low or medium
        act = (
            f"Agree how {name} is kept satisfied without a seat: a regular briefing from the "
            f"chair of {label(p, tables[0])}, and a say before any decision that touches them. "
            "Those with influence and less interest need to be consulted, not given more "
            "meetings."
        )
    else:
        act = (
            f"Invite {name} to {where}, or agree who takes the decisions made there to them "
            "and brings their view back: those who can shape the work should help to decide "
            "it, not hear of it afterwards."
        )
    return (
        title,
        act,
        (SOURCES["whole_system"],),
        (
            f"Agree how {name} is kept informed without a seat"
            if d.severity == "low"
            else f"Invite {name} to {where}, or agree who briefs them"
        ),
    )


def _unconnected_sceptic(p: Partnership, d: Detected) -> Words:
    ident = d.subjects[0]
    name = label(p, ident)
    return (
        f"{_who(p, ident)} is a sceptic with high influence, and shares no meeting or "
        "relationship with anyone from another organisation",
        f"Ask a partner {name} trusts to meet them, hear their doubts and take them to the "
        "table; then offer a place where the doubts can be worked through. A sceptic with "
        "influence left outside can stall the change, and one heard early often improves it.",
        (SOURCES["whole_system"], SOURCES["depth"]),
        f"Ask a partner {name} trusts to meet them and hear their doubts",
    )


def _champion_single_point(p: Partnership, d: Detected) -> Words:
    ident = d.subjects[0]
    name = label(p, ident)
    e = d.evidence
    groups = e["cut_off"]
    cut = names(p, [o for group in groups for o in group], most=4)
    deputy = (
        f" Involve {label(p, e['deputy'])}, the named deputy, in the relationships now."
        if e["deputy"]
        else ""
    )
    person = p.person_by_id.get(ident)
    leaving = (
        f" Start before they leave, on {person.leaving:%d %B %Y}."
        if person is not None and person.leaving
        else ""
    )
    return (
        f"{_who(p, ident)}, a champion of the change, is the only link from {cut} to the "
        "rest of the partnership",
        f"Share the championing: find a second champion in another organisation to work "
        f"alongside {name}, and build links to {cut} that do not run through {name}, so the "
        f"support and the links both survive a departure.{deputy}{leaving}",
        (SOURCES["succession"], SOURCES["whole_system"]),
        f"Find a second champion to work beside {name}",
    )


STAKEHOLDER_WORDING: dict[str, Wording] = {
    "influential_not_at_table": _not_at_table,
    "unconnected_sceptic": _unconnected_sceptic,
    "champion_single_point": _champion_single_point,
}
