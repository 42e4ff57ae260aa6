"""What a finding is: data that the CLI, the app and the report each present in their own way."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from mapper.model import Settings

__all__ = ["Detected", "Finding", "Severity", "SEVERITIES", "Settings"]

Severity = Literal["high", "medium", "low", "info"]
SEVERITIES: tuple[Severity, ...] = ("high", "medium", "low", "info")


def identity(kind: str, subjects: tuple[str, ...], evidence: Mapping[str, Any]) -> tuple[str, ...]:
    if subjects:
        return (kind, *subjects)
    return (kind, json.dumps(dict(evidence), sort_keys=True, default=str))


@dataclass(frozen=True)
class Detected:
    """A check's raw result: what was found, about whom, and the facts behind it (ids only)."""

    kind: str
    severity: Severity
    subjects: tuple[str, ...]
    evidence: Mapping[str, Any] = field(default_factory=dict)
    #: 1 is acted on first (`mapper.findings.priority`); 0 until the detection ranks it
    priority: int = field(default=0, compare=False)

    def identity(self) -> tuple[str, ...]:
        """What makes two findings the same one across two maps: kind and subjects, or the
        evidence when it is about the whole system (two missing roles are two findings)."""
        return identity(self.kind, self.subjects, self.evidence)


@dataclass(frozen=True)
class Finding:
    """A detected problem in words a partnership board acts on, with its evidence and source."""

    kind: str
    severity: Severity
    subjects: tuple[str, ...]
    title: str
    evidence: Mapping[str, Any]
    recommendation: str
    source: tuple[str, ...]
    #: 1 is acted on first (`mapper.findings.priority`)
    priority: int = field(default=0, compare=False)
    #: what to do in a short line (the summary's and the action plan's words); the
    #: recommendation says it in full, with why
    action: str = field(default="", compare=False)

    def identity(self) -> tuple[str, ...]:
        """The identity of what was detected (`Detected.identity`)."""
        return identity(self.kind, self.subjects, self.evidence)

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "severity": self.severity,
            "priority": self.priority,
            "subjects": list(self.subjects),
            "title": self.title,
            "evidence": dict(self.evidence),
            "recommendation": self.recommendation,
            "action": self.action,
            "source": list(self.source),
        }
