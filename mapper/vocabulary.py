"""The words every face shares: names for ids, lists of names, the format's words as people say
them. Below both the wording of findings and the rendering of pages and reports, so neither
needs the other for a name.
"""

from __future__ import annotations

from collections.abc import Iterable

from mapper.model import Partnership

__all__ = ["label", "names", "person_with_organisation", "readable"]

#: The format's words where the plain word is not just the id with spaces.
_PLAIN_WORDS = {
    "vcfs": "voluntary, community and faith",
    "ad_hoc": "as needed",
    "six_weekly": "every six weeks",
    "single_accountable_leader": "single accountable leader",
}


def readable(word: str) -> str:
    """The format's word as a person would say it: `local_authority` is "local authority"."""
    return _PLAIN_WORDS.get(word, word.replace("_", " "))


def label(partnership: Partnership, ident: str) -> str:
    """The name of whatever `ident` is, or the id itself when it has no name."""
    for table in (
        partnership.person_by_id,
        partnership.organisation_by_id,
        partnership.meeting_by_id,
        partnership.outcome_by_id,
        partnership.locality_by_id,
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


def person_with_organisation(partnership: Partnership, ident: str) -> str:
    """`Sam Patel (Northbridge Council)`, or the name alone for someone with no organisation."""
    person = partnership.person_by_id[ident]
    where = f" ({label(partnership, person.organisation)})" if person.organisation else ""
    return f"{person.label}{where}"
