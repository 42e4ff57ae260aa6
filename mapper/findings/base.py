"""What a finding is: data that the CLI, the app and the report each present in their own way."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

__all__ = ["Detected", "Finding", "Severity", "SEVERITIES", "Settings"]

Severity = Literal["high", "medium", "low", "info"]
SEVERITIES: tuple[Severity, ...] = ("high", "medium", "low", "info")


@dataclass(frozen=True)
class Detected:
    """A check's raw result: what was found, about whom, and the facts behind it (ids only)."""

    kind: str
    severity: Severity
    subjects: tuple[str, ...]
    evidence: Mapping[str, Any] = field(default_factory=dict)


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

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "severity": self.severity, "subjects": list(self.subjects),
                "title": self.title, "evidence": dict(self.evidence),
                "recommendation": self.recommendation, "source": list(self.source)}


class Settings(BaseModel):
    """Thresholds of the checks, with documented defaults (docs/findings.md)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    duplicate_similarity: float = Field(0.6, gt=0, le=1, description=(
        "two meetings at one level are duplicates when this share of their combined "
        "attendees sits in both (Jaccard similarity)"))
    duplicate_min_attendees: int = Field(3, ge=2, description=(
        "meetings smaller than this are never called duplicates"))
    chair_limit: int = Field(3, ge=2, description=(
        "a person chairing this many meetings or more holds too much of the chairing"))
    chair_share: float = Field(0.75, gt=0, le=1, description=(
        "one sector chairing this share of strategic meetings or more dominates governance"))
    load_hours_per_month: float = Field(16, gt=0, description=(
        "hours a month in meetings above which a person's meeting load is excessive"))
    departure_window_days: int = Field(365, ge=1, description=(
        "a planned departure within this many days needs a succession plan now"))
    purpose_revisits_per_year: float = Field(2, gt=0, description=(
        "strategic meetings should revisit the shared purpose at least this often a year"))
