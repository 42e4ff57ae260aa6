"""The diagnosis in words: what the faces (the command line, the app, the report) ask for.

Detection (`mapper.findings`), what-if (`mapper.whatif`) and diff (`mapper.diff`) work on what
the checks detected; this module words it (`mapper.recommend`) for a person to read. Each
result is kept on the map's `Analysis`, so asking twice words once.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from mapper.analysis import Analysis
from mapper.findings import Detected, Finding, Settings, detect
from mapper.model import Decision, Partnership
from mapper.recommend import word

__all__ = [
    "Diagnosis",
    "finding_key",
    "DeparturesInWords",
    "ChangesInWords",
    "compare",
    "diagnose",
    "simulate_departures",
]


def finding_key(finding: Finding) -> tuple[str, frozenset[str]]:
    """What a decision names a finding by: its kind and its subjects, in any order
    (`mapper.model.Decision.finding_key`). A finding about the whole system has no subjects:
    one decision covers every such finding of its kind."""
    return finding.kind, frozenset(finding.subjects)


@dataclass(frozen=True)
class Diagnosis:
    """All findings in words, most severe first, and the figures the checks measured; with
    the partnership's decisions on them (the map's `decisions:`), each matched to its finding
    by kind and subjects.

    `findings` holds every finding, decided or not; `open` leaves out those set aside, which
    the faces show apart with their reasons. A decision whose finding is no longer found (its
    subjects changed, or the problem went) is kept in the map and listed by
    `no_longer_applying`."""

    findings: tuple[Finding, ...]
    metrics: dict[str, Any]
    analysis: Analysis = field(compare=False, repr=False)
    decisions: Mapping[tuple[str, frozenset[str]], Decision] = field(default_factory=dict)

    def of_kind(self, kind: str) -> list[Finding]:
        return [f for f in self.findings if f.kind == kind]

    def decision_of(self, finding: Finding) -> Decision | None:
        """The partnership's decision on `finding`, if it made one."""
        return self.decisions.get(finding_key(finding))

    @property
    def open(self) -> list[Finding]:
        """The findings not set aside, most severe first: what the faces list by default."""
        return [f for f in self.findings if not self._set_aside(f)]

    @property
    def set_aside(self) -> list[tuple[Finding, Decision]]:
        """The findings the partnership set aside, each with its decision (and reason)."""
        return [(f, d) for f in self.findings if (d := self.decision_of(f)) and self._set_aside(f)]

    @property
    def no_longer_applying(self) -> list[Decision]:
        """Decisions that match no finding of this map: kept, but about nothing found now."""
        found = {finding_key(f) for f in self.findings}
        return [d for key, d in self.decisions.items() if key not in found]

    def _set_aside(self, finding: Finding) -> bool:
        decision = self.decision_of(finding)
        return decision is not None and decision.decision == "set_aside"

    @property
    def by_priority(self) -> list[Finding]:
        """Every finding, the one to act on first first (`mapper.findings.priority`): the
        order of the action plan and the report."""
        return sorted(self.findings, key=lambda f: f.priority)

    def first(self, count: int = 10) -> list[Finding]:
        """The `count` findings to act on first, by priority (`mapper.findings.priority`);
        findings set aside are not among them."""
        return [f for f in self.by_priority if not self._set_aside(f)][:count]


def diagnose(
    subject: Partnership | Analysis,
    settings: Settings | None = None,
    today: dt.date | None = None,
) -> Diagnosis:
    """Every check run over the map, each finding worded; `today` fixes the date planned
    departures are counted from (tests, reports)."""
    analysis = Analysis.of(subject, settings, today)
    return analysis.once("diagnosis", lambda: _diagnose(analysis))


def _diagnose(analysis: Analysis) -> Diagnosis:
    detection = detect(analysis)
    decisions = {d.finding_key: d for d in analysis.partnership.decisions}
    return Diagnosis(_worded(analysis, detection.detected), detection.metrics, analysis, decisions)


def _worded(analysis: Analysis, detected: Iterable[Detected]) -> tuple[Finding, ...]:
    return tuple(word(analysis.partnership, d) for d in detected)


@dataclass(frozen=True)
class DeparturesInWords:
    """The map and diagnosis after the departures, and what changed, in words."""

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


def simulate_departures(
    subject: Partnership | Analysis,
    ids: Iterable[str],
    settings: Settings | None = None,
    today: dt.date | None = None,
    before: Diagnosis | None = None,
) -> DeparturesInWords:
    """Diagnose the map without `ids` and say what changes; `before`, the diagnosis of the
    map as it is, when the caller holds it already (its analysis is reused: nothing of the
    map as it is is computed again)."""
    from mapper.whatif import departures  # only what-if needs it: not loaded for a check

    analysis = Analysis.of(before.analysis if before else subject, settings, today)
    found = departures(analysis, ids)
    # A finding that appeared is worded on the map after; one that vanished on the map before.
    return DeparturesInWords(
        found.gone,
        found.after.partnership,
        diagnose(found.after),
        found.cut_off,
        [word(found.after.partnership, d) for d in found.appear],
        [word(analysis.partnership, d) for d in found.vanish],
        found.meetings_without_chair,
        found.meetings_emptied,
    )


@dataclass(frozen=True)
class ChangesInWords:
    """Ids added and removed per section, seats and chairs changed per meeting, and the
    findings that appeared or were resolved, in words."""

    added: dict[str, list[str]]
    removed: dict[str, list[str]]
    seats: dict[str, dict[str, list[str]]]
    chairs: dict[str, dict[str, list[str]]]
    new_findings: list[Finding]
    resolved_findings: list[Finding]
    #: findings in both maps about other records now, or of another severity (before, after)
    altered_findings: list[tuple[Finding, Finding]]
    changed: dict[str, list[str]] = field(default_factory=dict)
    touched: frozenset[str] = frozenset()  # ids of the new map to mark (mapper.diff)

    def to_dict(self) -> dict[str, Any]:
        return {
            "added": self.added,
            "removed": self.removed,
            "changed": self.changed,
            "seats": self.seats,
            "chairs": self.chairs,
            "new_findings": [f.to_dict() for f in self.new_findings],
            "resolved_findings": [f.to_dict() for f in self.resolved_findings],
            "changed_findings": [
                {"before": was.to_dict(), "after": now.to_dict()}
                for was, now in self.altered_findings
            ],
        }


def compare(
    old: Partnership | Analysis,
    new: Partnership | Analysis,
    settings: Settings | None = None,
    today: dt.date | None = None,
) -> ChangesInWords:
    """Everything that differs between `old` and `new`, both diagnosed with the same settings
    (the new map's own, unless given)."""
    from mapper.diff import changes_between  # only diff needs it: not loaded for a check

    new_analysis = Analysis.of(new, settings, today)
    old_analysis = Analysis.of(old, new_analysis.settings, new_analysis.today)
    found = changes_between(old_analysis, new_analysis)
    return ChangesInWords(
        found.added,
        found.removed,
        found.seats,
        found.chairs,
        [word(new_analysis.partnership, d) for d in found.new_findings],
        [word(old_analysis.partnership, d) for d in found.resolved_findings],
        [
            (word(old_analysis.partnership, was), word(new_analysis.partnership, now))
            for was, now in found.altered_findings
        ],
        found.changed,
        found.touched,
    )
