"""Findings grouped for a room to discuss: by kind or by organisation, each group headed by
how many findings it holds of each severity ("No family voice: 27 (8 medium, 19 low)").

A finding belongs to the organisations it is about: an organisation it names, the
organisation of a person it names, and the organisations of the chairs of a meeting it names.
A finding about several organisations is listed under each; one about none (the partnership
as a whole, or a family representative who belongs to no organisation) under WHOLE_SYSTEM.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from mapper.findings.base import SEVERITIES, Finding
from mapper.model import Partnership
from mapper.vocabulary import readable

__all__ = [
    "GroupOfFindings",
    "WHOLE_SYSTEM",
    "grouped",
    "information_note",
    "organisations_of",
    "severity_words",
]

WHOLE_SYSTEM = "The partnership as a whole"
GroupBy = Literal["kind", "organisation"]


@dataclass(frozen=True)
class GroupOfFindings:
    """One group: its heading, its key (a kind or an organisation id, "" for the whole
    system), and the positions of its findings in the list it was made from."""

    name: str
    key: str
    positions: tuple[int, ...]
    severities: tuple[str, ...]

    @property
    def heading(self) -> str:
        """ "Vacancy: 1 high", or with several severities "No family voice: 27 (8 medium,
        19 low)": the count of each severity, never one finding's severity for all."""
        if len(set(self.severities)) == 1:
            return f"{self.name}: {len(self.positions)} {self.severities[0]}"
        return f"{self.name}: {len(self.positions)} ({severity_words(self.severities)})"

    @property
    def most_severe(self) -> str:
        return min(self.severities, key=SEVERITIES.index)


def severity_words(severities: Sequence[str]) -> str:
    """How many of each severity, most severe first: "2 high, 19 low"."""
    counts = Counter(severities)
    return ", ".join(f"{counts[s]} {s}" for s in SEVERITIES if counts[s])


def organisations_of(partnership: Partnership, finding: Finding) -> tuple[str, ...]:
    """The organisations `finding` is about (see the module's docstring), in map order."""
    found: set[str] = set()
    for subject in finding.subjects:
        if subject in partnership.organisation_by_id:
            found.add(subject)
        elif subject in partnership.person_by_id:
            if organisation := partnership.person_by_id[subject].organisation:
                found.add(organisation)
        elif subject in partnership.meeting_by_id:
            for chair in partnership.meeting_by_id[subject].chairs:
                if chair in partnership.person_by_id:
                    if organisation := partnership.person_by_id[chair].organisation:
                        found.add(organisation)
    return tuple(o.id for o in partnership.organisations if o.id in found)


def grouped(
    partnership: Partnership, findings: Sequence[Finding], by: GroupBy = "kind"
) -> list[GroupOfFindings]:
    """The findings in groups, by kind (in the order the findings come, most severe first)
    or by organisation (the organisations with the most severe and most findings first,
    the partnership as a whole last)."""
    members: dict[str, list[int]] = {}
    for position, finding in enumerate(findings):
        keys = [finding.kind] if by == "kind" else organisations_of(partnership, finding) or [""]
        for key in keys:
            members.setdefault(key, []).append(position)
    groups = [
        GroupOfFindings(
            _name(partnership, key, by),
            key,
            tuple(positions),
            tuple(findings[p].severity for p in positions),
        )
        for key, positions in members.items()
    ]
    if by == "organisation":
        groups.sort(
            key=lambda g: (
                g.key == "",
                *(-g.severities.count(s) for s in SEVERITIES),
                g.name.lower(),
            )
        )
    return groups


def _name(partnership: Partnership, key: str, by: GroupBy) -> str:
    if by == "kind":
        return readable(key).capitalize()
    return partnership.organisation_by_id[key].label if key else WHOLE_SYSTEM


def information_note(findings: Sequence[Finding], shown: Sequence[str]) -> str | None:
    """What the information findings left out of the list are, and how many, or None when
    none is left out (`shown`: the severities listed)."""
    if "info" in shown:
        return None
    kinds = Counter(f.kind for f in findings if f.severity == "info")
    if not kinds:
        return None
    count = sum(kinds.values())
    of_kinds = ", ".join(f"{n} {readable(k)}" for k, n in kinds.most_common())
    return (
        f"{count} information finding{'' if count == 1 else 's'} not listed ({of_kinds}): "
        "they point out strengths, such as the connectors who hold the partnership together, "
        "and what the map does not record yet; nothing is wrong. Add “info” to Severity to "
        "list them."
    )
