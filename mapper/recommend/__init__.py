"""Findings in words: titles naming the people, meetings and organisations, recommendations a
partnership board can act on, and the guidance each rests on. Kept apart from detection so
the wording can change without touching a check.
"""

from __future__ import annotations

from collections.abc import Iterable

from mapper.analysis import Analysis
from mapper.findings.base import Detected, Finding
from mapper.model import Partnership
from mapper.recommend.common import SOURCES
from mapper.recommend.people import PEOPLE_WORDING
from mapper.recommend.structure import STRUCTURE_WORDING
from mapper.vocabulary import label, names

__all__ = [
    "MISSING_LINKS_ADVICE",
    "SOURCES",
    "missing_links_by_organisation",
    "word",
    "WORDED_KINDS",
]

#: What to do about the missing operational links as a whole, beside the sentences of
#: `missing_links_by_organisation`.
MISSING_LINKS_ADVICE = (
    "give the managers of these partners a shared operational meeting; integration that "
    "stops at the top table is not sustained."
)

_WORDING = {**STRUCTURE_WORDING, **PEOPLE_WORDING}
WORDED_KINDS = frozenset(_WORDING)


def word(partnership: Partnership, detected: Detected) -> Finding:
    """The finding a person reads, from what a check detected."""
    title, recommendation, source = _WORDING[detected.kind](partnership, detected)
    return Finding(
        detected.kind,
        detected.severity,
        detected.subjects,
        title,
        detected.evidence,
        recommendation,
        source,
    )


def missing_links_by_organisation(
    subject: Partnership | Analysis, findings: Iterable[Finding]
) -> list[tuple[str, str]]:
    """One sentence per organisation for the missing operational links, most missing first.

    A county has hundreds of pairs; a board reads "Police sits at the strategic table with 8
    partners but meets none of them at operational level".
    """
    analysis = subject if isinstance(subject, Analysis) else Analysis(subject)
    partnership = analysis.partnership
    partners: dict[str, set[str]] = {}
    for a, b in analysis.organisation_pairs_at("strategic"):
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
        return (len(missing[org]) < len(partners[org]), -len(missing[org]), label(partnership, org))

    for org in sorted(missing, key=most_telling):
        total, gaps = len(partners[org]), sorted(missing[org], key=lambda o: label(partnership, o))
        name = label(partnership, org)
        if len(gaps) == total:
            text = (
                f"{name} sits at the strategic table with {total} partners but meets none "
                "of them at operational level"
            )
        else:
            text = (
                f"{name} meets {len(gaps)} of its {total} strategic partners nowhere at "
                f"operational level: {names(partnership, gaps)}"
            )
        sentences.append((org, text))
    return sentences
