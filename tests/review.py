"""What a reviewer who knows the field says of a diagnosis: the harness of issue 13's validation.

Each map built from a published structure (`examples/real/*.yaml`) has a review beside it
(`*.review.yaml`): the findings a reviewer would sign (`reviewer_expects`) and those a naive
tool would give that the reviewer calls false or noise (`reviewer_rejects`). `judge` holds a
diagnosis to it:

- a finding is **kept** when it is one the reviewer expects: the same kind, every subject the
  reviewer names among its subjects, and any evidence the reviewer names equal;
- every other finding shown counts against precision, whether the reviewer rejected it by
  name (**false**) or did not foresee it (**unforeseen**): a reviewer signs only what they
  would have raised;
- an expected finding the diagnosis does not give is **missed**; a finding that matches
  several expected items (one finding for a line of meetings, naming each) meets them all
  and counts once.

Precision is kept / shown, where shown is every finding but the `info` ones (which the app
folds away and a board never sees); an `info` finding the reviewer expects is not missed.
`benchmarks/validation.py` prints the table per map and `docs/validation.md` keeps it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from mapper.findings.base import Finding

__all__ = ["Expected", "Review", "Verdicts", "judge", "read_review", "reviews"]

REAL = Path(__file__).resolve().parent.parent / "examples" / "real"


@dataclass(frozen=True)
class Expected:
    """One finding as a reviewer words it: kind, the subjects it must name, evidence it must
    carry (a few keys, not all), the severity a reviewer would give, and why."""

    kind: str
    subjects: frozenset[str] = frozenset()
    evidence: Mapping[str, Any] = field(default_factory=dict)
    severity: str | None = None
    why: str = ""

    def matches(self, finding: Finding) -> bool:
        return (
            finding.kind == self.kind
            and self.subjects <= set(finding.subjects)
            and all(finding.evidence.get(k) == v for k, v in self.evidence.items())
        )


@dataclass(frozen=True)
class Review:
    map: Path
    expects: tuple[Expected, ...]
    rejects: tuple[Expected, ...]


def read_review(path: Path) -> Review:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))

    def items(key: str) -> tuple[Expected, ...]:
        return tuple(
            Expected(
                kind=item["kind"],
                subjects=frozenset(item.get("subjects") or ()),
                evidence=item.get("evidence") or {},
                severity=item.get("severity"),
                why=item.get("why", ""),
            )
            for item in data.get(key) or ()
        )

    return Review(path.parent / data["map"], items("reviewer_expects"), items("reviewer_rejects"))


def reviews(folder: Path = REAL) -> list[Review]:
    """Every review in `folder`, by name."""
    return [read_review(p) for p in sorted(folder.glob("*.review.yaml"))]


@dataclass(frozen=True)
class Verdicts:
    kept: tuple[tuple[Finding, Expected], ...]
    false: tuple[tuple[Finding, Expected], ...]
    unforeseen: tuple[Finding, ...]
    missed: tuple[Expected, ...]

    @property
    def shown(self) -> int:
        return len(self.kept) + len(self.false) + len(self.unforeseen)

    @property
    def precision(self) -> float | None:
        """Findings kept / findings shown; None when nothing is shown."""
        return len(self.kept) / self.shown if self.shown else None

    @property
    def high_false(self) -> tuple[Finding, ...]:
        """High findings the reviewer would not sign: never acceptable."""
        others = [f for f, _ in self.false] + list(self.unforeseen)
        return tuple(f for f in others if f.severity == "high")


def judge(findings: Iterable[Finding], review: Review) -> Verdicts:
    """Each finding shown kept, false or unforeseen, and what the reviewer expected that is
    missing (see the module's docstring)."""
    kept: list[tuple[Finding, Expected]] = []
    false: list[tuple[Finding, Expected]] = []
    unforeseen: list[Finding] = []
    found: set[int] = set()  # the expected items met, by identity (evidence is a dict)
    for finding in findings:
        # One finding may say what the reviewer expected in several items (a line of meetings
        # without families, said once on the highest): it meets each of them, and counts once.
        met = [item for item in review.expects if item.matches(finding)]
        found.update(id(item) for item in met)
        if finding.severity == "info":  # not shown; met, if the reviewer expected it
            continue
        if met:
            kept.append((finding, met[0]))
            continue
        rejected = _first(review.rejects, finding)
        if rejected is not None:
            false.append((finding, rejected))
        else:
            unforeseen.append(finding)
    missed = tuple(e for e in review.expects if id(e) not in found)
    return Verdicts(tuple(kept), tuple(false), tuple(unforeseen), missed)


def _first(items: Sequence[Expected], finding: Finding) -> Expected | None:
    return next((item for item in items if item.matches(finding)), None)
