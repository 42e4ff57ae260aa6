"""Detection: every registered check run over one map's analysis.

Each module of this package that holds a check registers it with `@check`
(`mapper.findings.registry`); importing the package imports them all, so a new module is
found without being listed anywhere. Wording is the layer above (`mapper.recommend`); the
faces ask `mapper.diagnosis.diagnose` for findings in words.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from mapper.analysis import Analysis
from mapper.findings.base import SEVERITIES, Detected, Finding, Severity
from mapper.findings.metrics import headline_figures
from mapper.findings.priority import prioritised
from mapper.findings.registry import CHECKS, Check
from mapper.memory import collection_paused
from mapper.model import Settings

__all__ = [
    "CHECKS",
    "SEVERITIES",
    "Check",
    "Detected",
    "Detection",
    "Finding",
    "Severity",
    "Settings",
    "detect",
    "kinds",
]

for _module in pkgutil.iter_modules(__path__):
    importlib.import_module(f"{__name__}.{_module.name}")


@dataclass(frozen=True)
class Detection:
    """What every check found, most severe first, and the figures the checks measured."""

    detected: tuple[Detected, ...]
    metrics: dict[str, Any]

    def of_kind(self, kind: str) -> list[Detected]:
        return [d for d in self.detected if d.kind == kind]

    def first(self, count: int = 10) -> list[Detected]:
        """The `count` findings to act on first, by priority."""
        return sorted(self.detected, key=lambda d: d.priority)[:count]


def detect(analysis: Analysis) -> Detection:
    """Run every registered check once per analysis; findings come by severity, then kind,
    then each check's own order (connectors by rank)."""
    return analysis.once("detection", lambda: _detect(analysis))


def _detect(analysis: Analysis) -> Detection:
    with collection_paused():
        detected: list[Detected] = [d for c in CHECKS.values() for d in c.run(analysis)]
        detected.sort(key=lambda d: (SEVERITIES.index(d.severity), d.kind))
        ranked = prioritised(analysis, detected)
        return Detection(ranked, headline_figures(analysis, ranked))


def kinds() -> Sequence[str]:
    """Every registered kind."""
    return tuple(CHECKS)
