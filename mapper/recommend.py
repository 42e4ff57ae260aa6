"""Findings in words: titles naming the people, meetings and organisations, recommendations a
partnership board can act on, and the guidance each rests on. Kept apart from detection so
the wording can change without touching a check.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from mapper.findings.base import Detected, Finding
from mapper.model import Partnership

__all__ = ["word", "SOURCES", "names", "label", "missing_links_by_organisation"]

#: The guidance behind the checks (files in shared/seeds), by what they say.
SOURCES = {
    "whole_system": "000_7ab3818a98b34f54.txt",      # collaborative leadership at every level
    "succession": "001_3c1d20c405aabe14.txt",        # relationships at all levels, succession
    "leadership_roles": "002_a2e27855ff0c89a1.txt",  # one leader, the roles a system needs
    "collective_impact": "003_ed8bcb76a249a612.txt", # non-siloed working, backbone support
    "depth": "004_5109af848b2a795c.txt",             # communicate, co-ordinate, collaborate
}


def label(partnership: Partnership, ident: str) -> str:
    """The name of whatever `ident` is, or the id itself when it has no name."""
    for table in (partnership.person_by_id, partnership.organisation_by_id,
                  partnership.meeting_by_id, partnership.outcome_by_id):
        if ident in table:
            return table[ident].label
    return ident


def names(partnership: Partnership, idents: Iterable[str], most: int = 5) -> str:
    """`A, B and C`, shortened to the first `most` with a count of the rest."""
    shown = [label(partnership, i) for i in idents]
    if len(shown) > most:
        shown = [*shown[:most], f"{len(shown) - most} more"]
    return shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + " and " + shown[-1]


def _person_with_organisation(partnership: Partnership, ident: str) -> str:
    person = partnership.person_by_id[ident]
    where = f" ({label(partnership, person.organisation)})" if person.organisation else ""
    return f"{person.label}{where}"


def _missing_link(p: Partnership, d: Detected) -> tuple[str, str, tuple[str, ...]]:
    a, b = (label(p, s) for s in d.subjects)
    return (f"{a} and {b} meet at strategic level but share no operational meeting",
            f"Ask {a} and {b} to name the managers who should work together day to day, and "
            "give them a shared place to meet: seats on an existing operational group or a "
            "joint working group. Integration that stops at the top table is not sustained.",
            (SOURCES["whole_system"],))


def _duplicates(p: Partnership, d: Detected) -> tuple[str, str, tuple[str, ...]]:
    first, second = (label(p, s) for s in d.subjects)
    e = d.evidence
    also = []
    if e["same_parent"]:
        also.append(f"both report to {label(p, e['same_parent'])}")
    if e["shared_outcomes"]:
        also.append(f"both hold {names(p, e['shared_outcomes'])}")
    extra = f" ({'; '.join(also)})" if also else ""
    return (f"{first} and {second} have largely the same members "
            f"({round(e['similarity'] * 100)}% overlap)",
            f"Review {first} and {second} together{extra}: merge them, or give each a clearly "
            f"different purpose and membership. A merger would free about "
            f"{e['hours_freed_per_year']:,.0f} person-hours a year.",
            (SOURCES["whole_system"],))


def _cut_off_groups(p: Partnership, evidence: Any) -> str:
    return "; ".join(names(p, group) for group in evidence["cut_off"])


def _single_point(p: Partnership, d: Detected) -> tuple[str, str, tuple[str, ...]]:
    person = p.person_by_id[d.subjects[0]]
    who = _person_with_organisation(p, person.id)
    groups = _cut_off_groups(p, d.evidence)
    leaving = f", who is due to leave on {person.leaving:%d %B %Y}," if person.leaving else ""
    deputy = (f"Confirm that {label(p, person.deputy)} can step in as deputy"
              if person.deputy else f"Name a deputy for {person.label}{leaving}")
    return (f"{who} is the only link from {groups} to the rest of the system",
            f"{deputy}, and build ties at more than one level so that the link to {groups} "
            "survives their leaving: bring another of their people into a shared meeting.",
            (SOURCES["succession"],))


def _critical_organisation(p: Partnership, d: Detected) -> tuple[str, str, tuple[str, ...]]:
    org = label(p, d.subjects[0])
    groups = _cut_off_groups(p, d.evidence)
    return (f"If {org} withdrew, {groups} would be cut off from the other "
            f"{d.evidence['still_connected']} organisations",
            f"Everything that links {groups} to the rest of the partnership runs through {org}. "
            "Create direct ties: a seat for them in a shared meeting, or an agreement with "
            "another partner.",
            (SOURCES["succession"], SOURCES["collective_impact"]))


_WORDING: dict[str, Callable[[Partnership, Detected], tuple[str, str, tuple[str, ...]]]] = {
    "missing_operational_link": _missing_link,
    "duplicate_meetings": _duplicates,
    "single_point_of_failure": _single_point,
    "critical_organisation": _critical_organisation,
}


def word(partnership: Partnership, detected: Detected) -> Finding:
    """The finding a person reads, from what a check detected."""
    title, recommendation, source = _WORDING[detected.kind](partnership, detected)
    return Finding(detected.kind, detected.severity, detected.subjects, title,
                   detected.evidence, recommendation, source)


def missing_links_by_organisation(
    partnership: Partnership, findings: Iterable[Finding]
) -> list[tuple[str, str]]:
    """One sentence per organisation for the missing operational links, most missing first.

    A county has hundreds of pairs; a board reads "Police sits at the strategic table with 8
    partners but meets none of them at operational level".
    """
    from mapper.findings.links import organisation_pairs_by_level

    partners: dict[str, set[str]] = {}
    for a, b in organisation_pairs_by_level(partnership, "strategic"):
        partners.setdefault(a, set()).add(b)
        partners.setdefault(b, set()).add(a)
    missing: dict[str, set[str]] = {}
    for finding in findings:
        if finding.kind == "missing_operational_link":
            a, b = finding.subjects
            missing.setdefault(a, set()).add(b)
            missing.setdefault(b, set()).add(a)
    sentences = []
    def most_telling(org: str) -> tuple[bool, int, str]:  # cut off entirely, then most gaps
        return (len(missing[org]) < len(partners[org]), -len(missing[org]),
                label(partnership, org))

    for org in sorted(missing, key=most_telling):
        total, gaps = len(partners[org]), sorted(missing[org], key=lambda o: label(partnership, o))
        name = label(partnership, org)
        if len(gaps) == total:
            text = (f"{name} sits at the strategic table with {total} partners but meets none "
                    "of them at operational level")
        else:
            text = (f"{name} meets {len(gaps)} of its {total} strategic partners nowhere at "
                    f"operational level: {names(partnership, gaps)}")
        sentences.append((org, text))
    return sentences
