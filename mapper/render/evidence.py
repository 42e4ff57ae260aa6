"""A finding's evidence in words, for the faces a person reads (the report, the Findings page):
each key as its kind declares it (`mapper.findings.shown`), ids as names, dates as a board
writes them, numbers rounded to what a reader needs. The command line's JSON keeps the
evidence as it is."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

from mapper.findings.base import Finding
from mapper.findings.registry import evidence_wording
from mapper.findings.shown import Form, Hidden, Shown
from mapper.model import Partnership
from mapper.vocabulary import label, readable

__all__ = ["MOST_NAMED", "MOST_LINES", "WORDED_FORMS", "evidence_lines", "in_a_sentence"]

#: Names listed in one line of evidence before "and N more"; lines of one key before the same.
MOST_NAMED = 20
MOST_LINES = 20


def in_a_sentence(items: Sequence[str], most: int | None = MOST_NAMED) -> str:
    """`A, B and C` (`A; B, C; and D` when one of three or more holds a comma); past `most`,
    the first `most` and how many more."""
    shown = list(items)
    if most is not None and len(shown) > most:
        shown = [*shown[:most], f"{len(shown) - most} more"]
    if len(shown) == 1:
        return shown[0]
    if len(shown) > 2 and any("," in item for item in shown):
        return "; ".join(shown[:-1]) + "; and " + shown[-1]
    return ", ".join(shown[:-1]) + " and " + shown[-1]


def _number(value: float) -> str:
    """Whole above ten, one decimal below (no ".0")."""
    return f"{round(value):,}" if abs(value) >= 10 else f"{round(value, 1):g}"


def _hours(value: float, per: str) -> str:
    about = "about " if round(value, 1 if abs(value) < 10 else 0) != value else ""
    unit = "hour" if _number(value) == "1" else "hours"
    return f"{about}{_number(value)} {unit} a {per}"


def _share(value: float) -> str:
    if 0 < value < 0.005:
        return "under 1%"
    return f"{round(value * 100)}%"


def _days(value: int) -> str:
    if value == 0:
        return "under a day"
    if abs(value) < 60:
        return f"{value} day{'' if abs(value) == 1 else 's'}"
    return f"{value} days (about {round(value / 30.44)} months)"


def _times_a_year(value: float) -> str:
    if value <= 0:
        return "never"
    if value < 1:
        return f"once every {_number(1 / value)} years"
    if value in (1, 2):
        return "once a year" if value == 1 else "twice a year"
    about = "about " if round(value) != value else ""
    return f"{about}{round(value):,} times a year"


def _date(value: str) -> str:
    day = dt.date.fromisoformat(value)
    return f"{day.day} {day:%B %Y}"  # no %-d: Windows has none


class _Words:
    """The words of one finding's evidence, against the map it was found on."""

    def __init__(self, partnership: Partnership, most: int | None) -> None:
        self.partnership, self.most = partnership, most

    def name(self, ident: str) -> str:
        return label(self.partnership, ident)

    def names(self, idents: Iterable[str]) -> str:
        return in_a_sentence([self.name(i) for i in idents], self.most)

    def word(self, shown: Shown, word: str) -> str:
        return shown.words.get(word) or readable(word)

    def lines(self, shown: Shown, value: Any) -> list[tuple[str, str]]:
        """The (label, value) lines of one key; none when it is empty and says nothing so."""
        if value is None or value == [] or value == {}:
            return [(shown.label, shown.empty)] if shown.empty is not None else []
        if shown.form == "flag":
            said = shown.yes if value else shown.no
            return [(shown.label, said)] if said is not None else []
        if shown.form in _SPLIT:
            return self.split(shown, _SPLIT[shown.form](self, shown, value))
        return [(shown.label, _ONE[shown.form](self, shown, value))]

    def split(self, shown: Shown, parts: list[tuple[str, str]]) -> list[tuple[str, str]]:
        """Lines of one key beyond `most` as "and N more"."""
        if self.most is not None and len(parts) > MOST_LINES:
            rest = len(parts) - MOST_LINES
            parts = [*parts[:MOST_LINES], ("", f"and {rest} more")]
        return parts

    def by_key(
        self, shown: Shown, value: Mapping[str, Any], head: Callable[[str], str]
    ) -> list[tuple[str, str]]:
        """A line per key, `shown.label` with `{}` as the key's words: its value a record
        (a statutory body on the map) or records (who is only in each of two meetings)."""
        lines = []
        for key, inner in value.items():
            said = (
                shown.empty
                if inner is None or inner == []
                else self.name(inner)
                if isinstance(inner, str)
                else self.names(inner)
            )
            if said is not None:
                lines.append((shown.label.format(head(key)), said))
        return lines

    def link(self, link: Mapping[str, Any]) -> str:
        first, second = (self.name(m) for m in link["meetings"])
        through = f"through {self.names(link['people'])}"
        if link["line"] == "reports_to":
            return f"{first} reports to {second}, {through}"
        if link["line"] == "informs":
            return f"{first} informs {second}, {through}"
        return f"{first} and {second}, of separate structures, {through}"


_ONE: dict[Form, Callable[[_Words, Shown, Any], str]] = {
    "record": lambda w, s, v: w.name(v),
    "records": lambda w, s, v: w.names(v),
    "word": lambda w, s, v: w.word(s, v),
    "words": lambda w, s, v: in_a_sentence([w.word(s, x) for x in v], w.most),
    "date": lambda w, s, v: _date(v),
    "days": lambda w, s, v: _days(v),
    "hours_a_year": lambda w, s, v: _hours(v, "year"),
    "hours_a_month": lambda w, s, v: _hours(v, "month"),
    "share": lambda w, s, v: _share(v),
    "count": lambda w, s, v: f"{v:,}",
    "times_a_year": lambda w, s, v: _times_a_year(v),
    "counts": lambda w, s, v: ", ".join(f"{w.word(s, k)} {n:,}" for k, n in v.items()),
}


def _first_labelled(shown: Shown, values: list[str]) -> list[tuple[str, str]]:
    return [(shown.label if i == 0 else "", v) for i, v in enumerate(values)]


#: The forms of several lines: one per group, per key or per link.
_SPLIT: dict[Form, Callable[[_Words, Shown, Any], list[tuple[str, str]]]] = {
    "groups": lambda w, s, v: _first_labelled(s, [w.names(g) for g in v]),
    "by_record": lambda w, s, v: w.by_key(s, v, w.name),
    "by_word": lambda w, s, v: w.by_key(s, v, lambda k: w.word(s, k)),
    "meeting_links": lambda w, s, v: _first_labelled(s, [w.link(x) for x in v]),
}

#: Every form this module words (a test holds it to `mapper.findings.shown.FORMS`).
WORDED_FORMS = frozenset(_ONE) | frozenset(_SPLIT) | {"flag"}


def evidence_lines(
    partnership: Partnership, finding: Finding, most: int | None = MOST_NAMED
) -> list[tuple[str, str]]:
    """The evidence of `finding` as (label, value) lines in words, in the order its kind
    declares them: hidden keys and empty ones that say nothing left out, a key of several
    lines labelled on its first. Lists are cut at `most` names (None: every one)."""
    words = _Words(partnership, most)
    lines: list[tuple[str, str]] = []
    for key, shown in evidence_wording(finding.kind).items():
        if isinstance(shown, Hidden) or key not in finding.evidence:
            continue
        lines += words.lines(shown, finding.evidence[key])
    return lines
