"""How a reader is shown each key of a finding's evidence, declared beside the key itself.

A kind's evidence is a `TypedDict`; each of its keys carries, in `Annotated`, either `Shown`
(the label in words and the form of the value) or `Hidden` (a fact the wording or the order
of findings reads, never shown on its own):

    class PlannedDeparture(TypedDict):
        leaving: Annotated[str, Shown("Leaves on", "date")]
        deputy: Annotated[str | None, Shown("Deputy", "record", empty="none named")]
        rank: Annotated[int, Hidden("orders the connectors; the title says it")]

`@check` refuses evidence with a key declared neither way, so no key reaches a reader as a
code. The evidence stays ids and numbers (the command line's JSON gives it as it is); the
rendering layer words it from these declarations (`mapper.render.evidence`).

The forms (`Form`), by the value they take:

| form | value | shown as |
|---|---|---|
| `record` | an id | its name |
| `records` | ids | their names in a sentence: "A, B and C" |
| `groups` | lists of ids | one line per list, its names in a sentence |
| `word`, `words` | a word of the format, or several | in words (`words=`, else `readable`) |
| `date` | an ISO date | "31 August 2027" |
| `days` | days | "272 days (about 9 months)" |
| `hours_a_year`, `hours_a_month` | hours | "138 hours a year", "about 18 hours a month" |
| `share` | a fraction | "38%" |
| `count` | a whole number | "42" |
| `times_a_year` | times a year | "once a year", "twice a year" |
| `flag` | yes or no | the phrase `yes=` or `no=`; the row is left out without one |
| `by_record` | id -> ids | one line per id, `label` with `{}` as its name |
| `by_word` | word -> ids, or an id | one line per word, `label` with `{}` as the word |
| `counts` | word -> a whole number | "local authority 5, health 1" |
| `meeting_links` | links between meetings | one line per link: "A reports to B (through C)" |

An empty value (none, an empty list) leaves its row out, unless `empty=` says in words what
its emptiness means ("none named" for a missing deputy).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Annotated, Literal, NotRequired, Required, get_args, get_origin, get_type_hints

__all__ = ["FORMS", "Form", "Hidden", "Shown", "wording_of"]

Form = Literal[
    "record",
    "records",
    "groups",
    "word",
    "words",
    "date",
    "days",
    "hours_a_year",
    "hours_a_month",
    "share",
    "count",
    "times_a_year",
    "flag",
    "by_record",
    "by_word",
    "counts",
    "meeting_links",
]
FORMS: tuple[Form, ...] = get_args(Form)


@dataclass(frozen=True)
class Shown:
    """One key shown to a reader: `label` in words, its value in `form`, what an empty value
    means (`empty`; None leaves the row out), a flag's phrases and the words of the format
    its value holds where `readable` would not say them well."""

    label: str
    form: Form
    empty: str | None = None
    yes: str | None = None
    no: str | None = None
    words: Mapping[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.form not in FORMS:
            raise ValueError(f"{self.label!r}: unknown form {self.form!r}; one of {FORMS}")
        if self.form == "flag" and self.yes is None and self.no is None:
            raise ValueError(f"{self.label!r}: a flag says something when yes or when no")
        if ("{}" in self.label) != (self.form in ("by_record", "by_word")):
            raise ValueError(f"{self.label!r}: a label with {{}} is a by_record or by_word one")


@dataclass(frozen=True)
class Hidden:
    """A key no reader is shown, and why (the title says it; it only orders findings)."""

    why: str


def wording_of(evidence: type) -> dict[str, Shown | Hidden]:
    """Each key of an evidence `TypedDict` and how it is shown, in the order declared.
    Raises ValueError for a key declared neither `Shown` nor `Hidden`, or both."""
    found: dict[str, Shown | Hidden] = {}
    for key, hint in get_type_hints(evidence, include_extras=True).items():
        while get_origin(hint) in (NotRequired, Required):
            (hint,) = get_args(hint)
        marks = [
            m
            for m in (hint.__metadata__ if get_origin(hint) is Annotated else ())
            if isinstance(m, Shown | Hidden)
        ]
        if len(marks) != 1:
            raise ValueError(
                f"{evidence.__name__}: the evidence key {key!r} needs one wording: "
                f'Annotated[..., Shown("Label", "form")] or Annotated[..., Hidden("why")]'
            )
        found[key] = marks[0]
    return found
