"""What changed between two diagnoses: the findings that appeared and those that vanished.

One comparison for what-if (the map before and after departures) and diff (two snapshots of
a map): a finding is the same one in both when its identity (kind and subjects, or its
evidence for a finding about the whole system) is.
"""

from __future__ import annotations

from dataclasses import dataclass

from mapper.findings import Detected, Detection

__all__ = ["Changes", "changes"]


@dataclass(frozen=True)
class Changes:
    """Findings of `after` not in `before`, and findings of `before` not in `after`, each in
    its diagnosis's order."""

    appeared: list[Detected]
    vanished: list[Detected]


def changes(before: Detection, after: Detection) -> Changes:
    before_keys = {d.identity() for d in before.detected}
    after_keys = {d.identity() for d in after.detected}
    return Changes(
        [d for d in after.detected if d.identity() not in before_keys],
        [d for d in before.detected if d.identity() not in after_keys],
    )
