"""What every piece of wording needs: names for ids, lists of names, the guidance files."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from mapper.findings.base import Detected
from mapper.model import Partnership

__all__ = ["SOURCES", "Wording", "label", "names", "person_with_organisation"]

#: The guidance behind the checks (files in shared/seeds), by what they say.
SOURCES = {
    "whole_system": "000_7ab3818a98b34f54.txt",  # collaborative leadership at every level
    "succession": "001_3c1d20c405aabe14.txt",  # relationships at all levels, succession
    "leadership_roles": "002_a2e27855ff0c89a1.txt",  # one leader, the roles a system needs
    "collective_impact": "003_ed8bcb76a249a612.txt",  # non-siloed working, backbone support
    "depth": "004_5109af848b2a795c.txt",  # communicate, co-ordinate, collaborate
}


def label(partnership: Partnership, ident: str) -> str:
    """The name of whatever `ident` is, or the id itself when it has no name."""
    for table in (
        partnership.person_by_id,
        partnership.organisation_by_id,
        partnership.meeting_by_id,
        partnership.outcome_by_id,
    ):
        if ident in table:
            return table[ident].label
    return ident


def names(partnership: Partnership, idents: Iterable[str], most: int = 5) -> str:
    """`A, B and C`, shortened to the first `most` with a count of the rest."""
    shown = [label(partnership, i) for i in idents]
    if len(shown) > most:
        shown = [*shown[:most], f"{len(shown) - most} more"]
    return shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + " and " + shown[-1]


#: A kind's wording: (title, recommendation, source files) from the map and what was detected.
Wording = Callable[[Partnership, Detected], tuple[str, str, tuple[str, ...]]]


def person_with_organisation(partnership: Partnership, ident: str) -> str:
    """`Sam Patel (Northbridge Council)`, or the name alone for someone with no organisation."""
    person = partnership.person_by_id[ident]
    where = f" ({label(partnership, person.organisation)})" if person.organisation else ""
    return f"{person.label}{where}"
