"""The app's tables as plain rows: who sits where, meeting load, the governance outline,
duplicate meetings side by side, and a finding's evidence in words. Pages only show them."""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from mapper.analysis import Analysis
from mapper.assessment import AssessedStatement
from mapper.findings.base import Finding
from mapper.findings.governance import walk_reporting_tree
from mapper.findings.workload import hours_a_month_by_organisation
from mapper.model import Partnership
from mapper.render.evidence import MOST_NAMED, evidence_lines
from mapper.vocabulary import label, readable

__all__ = [
    "seating",
    "load_by_person",
    "load_by_organisation",
    "governance_outline",
    "duplicate_pair",
    "evidence_rows",
    "section_rows",
    "person_options",
    "organisation_options",
    "statement_findings",
]


def seating(
    partnership: Partnership,
    meetings: list[str] | None = None,
    *,
    organisations: Collection[str] = (),
    levels: Collection[str] = (),
    localities: Collection[str] = (),
    at_least: int = 1,
) -> list[dict[str, str]]:
    """People x meetings: one row per person who attends at least `at_least` of `meetings`
    (all by default), one column per meeting that keeps someone, saying chair, vice chair or
    member; the people who sit in most of them first, and the meetings most of them sit in.

    Only people of `organisations`, at `levels` or in `localities` (their own, or their
    organisation's) are kept, when those are given."""
    chosen = (
        [partnership.meeting_by_id[m] for m in meetings]
        if meetings is not None
        else list(partnership.meetings)
    )
    kept = []
    for person in partnership.people:
        org = partnership.organisation_by_id.get(person.organisation or "")
        if organisations and person.organisation not in organisations:
            continue
        if levels and person.level not in levels:
            continue
        if localities and not ({person.locality, org.locality if org else None} & set(localities)):
            continue
        seats = [m for m in chosen if person.id in m.attendees]
        if len(seats) >= max(1, at_least):
            kept.append((person, org, seats))
    kept.sort(key=lambda item: -len(item[2]))  # stable: the map's order among equals
    # the meetings most of those shown sit in first; a meeting none of them sits in goes
    sitting = {m.id: sum(m in seats for _, _, seats in kept) for m in chosen}
    columns = sorted((m for m in chosen if sitting[m.id]), key=lambda m: -sitting[m.id])
    rows = []
    for person, org, seats in kept:
        row = {
            "person": person.label,
            "organisation": org.label if org else "family member",
            "meetings": str(len(seats)),
        }
        row |= {m.label: m.seat_of(person.id) for m in columns}
        rows.append(row)
    return rows


def load_by_person(subject: Partnership | Analysis, most: int = 25) -> list[dict[str, Any]]:
    """The `most` people with the most hours of meetings a month, heaviest first."""
    analysis = Analysis.of(subject)
    partnership, hours = analysis.partnership, analysis.hours_a_month_by_person
    ranked = sorted(hours.items(), key=lambda item: (-item[1], item[0]))[:most]
    return [
        {"person": partnership.person_by_id[p].label, "hours a month": round(h, 1)}
        for p, h in ranked
    ]


def load_by_organisation(subject: Partnership | Analysis) -> list[dict[str, Any]]:
    analysis = Analysis.of(subject)
    partnership, hours = analysis.partnership, hours_a_month_by_organisation(analysis)
    ranked = sorted(hours.items(), key=lambda item: (-item[1], item[0]))
    return [
        {"organisation": partnership.organisation_by_id[o].label, "hours a month": h}
        for o, h in ranked
    ]


def governance_outline(subject: Partnership | Analysis) -> list[dict[str, str]]:
    """Meetings in reports-to order, each indented under the one it reports to; meetings
    outside the tree and those in a circle follow, marked so."""
    place = {
        "top": "top of the structure",
        "outside": "outside the tree",
        "circle": "in a reporting circle",
    }
    analysis = Analysis.of(subject)
    partnership = analysis.partnership
    rows = []
    for step in walk_reporting_tree(analysis):
        meeting = partnership.meeting_by_id[step.meeting]
        rows.append(
            {
                "meeting": "    " * step.depth + ("└ " if step.depth else "") + meeting.label,
                "level": readable(meeting.level),
                "chaired by": ", ".join(label(partnership, c) for c in meeting.chairs),
                "how often": readable(str(meeting.frequency)),
                "place": place[step.root] if step.depth == 0 else "",
            }
        )
    return rows


def duplicate_pair(partnership: Partnership, finding: Finding) -> list[dict[str, str]]:
    """Two similar meetings side by side: who sits in both, and who in only one."""
    first, second = (partnership.meeting_by_id[m] for m in finding.subjects)
    people = sorted(
        first.attendees | second.attendees,
        key=lambda p: (p not in first.attendees & second.attendees, label(partnership, p)),
    )
    return [
        {
            "person": label(partnership, p),
            first.label: first.seat_of(p) or "—",
            second.label: second.seat_of(p) or "—",
        }
        for p in people
    ]


def evidence_rows(
    partnership: Partnership, finding: Finding, most: int | None = MOST_NAMED
) -> list[dict[str, str]]:
    """The evidence of a finding in words, as its kind declares each key
    (`mapper.render.evidence`): one row per line, long lists cut at `most` names."""
    return [
        {"fact": fact, "value": value} for fact, value in evidence_lines(partnership, finding, most)
    ]


def section_rows(partnership: Partnership, section: str) -> list[dict[str, str]]:
    """A section's records as rows of text, as in the file (lists joined by commas): what
    the saved file leaves out as a default (an empty list, `external: false`) is left out."""
    rows = []
    for record in getattr(partnership, section):
        data = record.model_dump(
            mode="json", by_alias=True, exclude_none=True, exclude_defaults=True
        )
        rows.append(
            {k: ", ".join(map(str, v)) if isinstance(v, list) else str(v) for k, v in data.items()}
        )
    return rows


def person_options(partnership: Partnership) -> dict[str, str]:
    """Person ids to 'Name (Organisation)', for pickers, in the map's order."""

    def home(org: str | None) -> str:
        return label(partnership, org) if org else "family"

    return {p.id: f"{p.label} ({home(p.organisation)})" for p in partnership.people}


def organisation_options(partnership: Partnership) -> dict[str, str]:
    return {o.id: o.label for o in partnership.organisations}


def statement_findings(statement: AssessedStatement, most: int = 3) -> list[str]:
    """What the map shows about a statement, most severe first, as lines of text."""
    lines = [f"{f.severity}: {f.title}" for f in statement.related[:most]]
    if len(statement.related) > most:
        lines.append(f"and {len(statement.related) - most} more")
    return lines
