"""Findings in words: titles naming the people, meetings and organisations, recommendations a
partnership board can act on, and the guidance each rests on. Kept apart from detection so
the wording can change without touching a check.
"""

from __future__ import annotations

from mapper.findings.base import Detected, Finding
from mapper.model import Partnership
from mapper.recommend.common import SOURCES
from mapper.recommend.people import PEOPLE_WORDING
from mapper.recommend.stakeholders import STAKEHOLDER_WORDING
from mapper.recommend.structure import STRUCTURE_WORDING

__all__ = [
    "SOURCES",
    "word",
    "WORDED_KINDS",
]

_WORDING = {**STRUCTURE_WORDING, **PEOPLE_WORDING, **STAKEHOLDER_WORDING}
WORDED_KINDS = frozenset(_WORDING)


def word(partnership: Partnership, detected: Detected) -> Finding:
    """The finding a person reads, from what a check detected."""
    title, recommendation, source, action = _WORDING[detected.kind](partnership, detected)
    return Finding(
        detected.kind,
        detected.severity,
        detected.subjects,
        title,
        detected.evidence,
        recommendation,
        source,
        detected.priority,
        action,
    )
