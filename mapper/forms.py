"""The fields of each record's form, described once so a page can draw any of them.

Which widget a field needs follows from the format: a closed list of words is a choice, an id
of another record is a choice among that section's records, a list of ids a multiple choice.
Values go to `mapper.edit.put_record` as they are, so the loader's validation judges them and
its messages come back beside the field; the one change on the way is that a field taking a
word or a number (how often a meeting meets: `monthly`, or `10` times a year) gets back the
number its widget shows as text.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass, replace
from typing import Any, Literal

from mapper.model import (
    FREQUENCY_WORDS,
    Board,
    Depth,
    Level,
    MeetingLevel,
    Membership,
    Partnership,
    Rating,
    RelationshipKind,
    Role,
    Sector,
    Stance,
    allowed_values,
    references_from,
    sections_shown,
    slug,
)
from mapper.vocabulary import readable

__all__ = [
    "FormField",
    "FORMS",
    "STAKEHOLDER_FORM",
    "options_for",
    "record_from_values",
    "widget_value",
    "NONE",
    "suggest_id",
    "pick_options",
]

Kind = Literal["text", "long_text", "choice", "choices", "date", "minutes", "flag"]
NONE = ""  # the choice meaning "none" for an optional single choice


@dataclass(frozen=True)
class FormField:
    name: str  # the key in the map file
    label: str
    kind: Kind
    words: tuple[str, ...] = ()  # a closed list of words, or...
    refers_to: tuple[str, ...] = ()  # ...ids from these sections (from the model, see _form)
    required: bool = False
    help: str = ""
    numbers: bool = False  # also takes a number (times a year), which the widget shows as text


_ID = FormField(
    "id",
    "Id (left empty, it is made from the name)",
    "text",
    help="Letters, digits, - and _, such as 'amara-okafor': how the file refers to "
    "this record. Renaming it updates every mention.",
)
_NAME = FormField("name", "Name", "text")
#: Where an organisation or a person sits on the stakeholder map (both forms end with them).
STAKEHOLDER_FORM = (
    FormField(
        "influence",
        "Influence: how much they can shape the partnership's work",
        "choice",
        allowed_values(Rating),
        help="Left at (none), it is not recorded.",
    ),
    FormField(
        "interest",
        "Interest: how much the partnership's work matters to them",
        "choice",
        allowed_values(Rating),
        help="Left at (none), it is not recorded.",
    ),
    FormField(
        "stance",
        "Stance on the change",
        "choice",
        allowed_values(Stance),
        help="Champion, supporter, neutral or sceptic; left at (none), it is not recorded.",
    ),
)


def _pick(name: str, label: str, **more: Any) -> FormField:
    """A field holding ids: which sections it offers, and whether it takes one or a list,
    are the model's `RefersTo` declaration, filled in by `_form`."""
    return FormField(name, label, "choice", **more)


def _form(section: str, fields: tuple[FormField, ...]) -> tuple[FormField, ...]:
    references = {r.key: r for r in references_from(section)}
    return tuple(
        replace(
            field,
            kind="choices" if references[field.name].many else "choice",
            refers_to=references[field.name].targets,
        )
        if field.name in references
        else field
        for field in fields
    )


_FIELDS: dict[str, tuple[FormField, ...]] = {
    "organisations": (
        _ID,
        _NAME,
        FormField("sector", "Sector", "choice", allowed_values(Sector), required=True),
        _pick("part_of", "Part of (a parent organisation)"),
        _pick("locality", "Locality"),
        FormField(
            "strategic_only",
            "Strategic only: no operational role here by design (a national agency, a scrutineer)",
            "flag",
        ),
        *STAKEHOLDER_FORM,
    ),
    "people": (
        _ID,
        _NAME,
        _pick(
            "organisation",
            "Organisation",
            help="Everyone but family representatives belongs to one.",
        ),
        FormField("title", "Job title", "text"),
        FormField("level", "Level", "choice", allowed_values(Level), required=True),
        FormField("roles", "Roles in the system", "choices", allowed_values(Role)),
        _pick("deputy", "Deputy (or substitute)"),
        FormField("leaving", "Leaving on", "date"),
        FormField(
            "vacant",
            "Vacant: a post nobody holds",
            "flag",
            help="A vacant post has no name and no leaving date; its title says what it is.",
        ),
        _pick("locality", "Locality"),
        *STAKEHOLDER_FORM,
    ),
    "meetings": (
        _ID,
        _NAME,
        FormField("level", "Level", "choice", allowed_values(MeetingLevel), required=True),
        FormField(
            "frequency", "How often", "choice", tuple(FREQUENCY_WORDS), required=True, numbers=True
        ),
        FormField("duration_minutes", "Length in minutes", "minutes"),
        _pick(
            "chairs",
            "Chair (or two co-chairs)",
            help="Needed unless the chair rotates between organisations.",
        ),
        _pick("chair_rotates", "The chair rotates between (organisations)"),
        _pick("vice_chair", "Vice chair"),
        _pick("members", "Members"),
        _pick("non_voting", "Sit without a vote (of those attending)"),
        _pick("reports_to", "Reports to"),
        _pick("informs", "Informs (advises, without reporting to it)"),
        FormField(
            "external",
            "External: a statutory board outside the partnership's own tree",
            "flag",
        ),
        FormField(
            "board",
            "Which body it is (the family hubs board, the safeguarding partnership...)",
            "choice",
            allowed_values(Board),
        ),
        FormField(
            "membership",
            "Members recorded: all of them, or only those known (partial)",
            "choice",
            allowed_values(Membership),
        ),
        _pick("locality", "Locality"),
        FormField("starts", "Starts on", "date"),
        FormField("ends", "Ends on (a task-and-finish group)", "date"),
        _pick("outcomes", "Shared outcomes it holds"),
        FormField(
            "revisits_purpose",
            "Revisits its purpose",
            "choice",
            tuple(FREQUENCY_WORDS),
            numbers=True,
        ),
        FormField("purpose", "Purpose", "long_text"),
    ),
    "outcomes": (_ID, _NAME),
    "localities": (_ID, _NAME),
    "relationships": (
        _pick("from", "From", required=True),
        _pick("to", "To", required=True),
        FormField("kind", "Kind", "choice", allowed_values(RelationshipKind), required=True),
        FormField("depth", "Depth", "choice", allowed_values(Depth)),
    ),
}

#: Each section's form, in the order the app shows the sections.
FORMS: dict[str, tuple[FormField, ...]] = {s: _form(s, _FIELDS[s]) for s in sections_shown()}


def options_for(partnership: Partnership, field: FormField, current: Any = None) -> dict[str, str]:
    """The values a choice offers, each with the words shown for it; an optional single
    choice starts with "none". A value already in the record stays offered, even if odd."""
    if field.words:
        options = {w: readable(w) for w in field.words}
    else:
        options = {}
        for section in field.refers_to:
            for record in getattr(partnership, section):
                options[record.id] = f"{record.label} ({record.id})" if record.name else record.id
    for value in current if isinstance(current, list | tuple) else [current]:
        if value not in (None, NONE) and str(value) not in options:
            number = field.numbers and _number(str(value)) is not None
            options[str(value)] = f"{value} times a year" if number else str(value)
    if field.kind == "choice" and not field.required:
        options = {NONE: "(none)"} | options
    return options


def widget_value(field: FormField, value: Any) -> Any:
    """A record's value as the form's widget holds it (the reverse of `record_from_values`):
    lists for multiple choices, "" for no choice or no text, 60 minutes by default."""
    if field.kind == "choices":  # one id alone, as a file may hold `reports_to: board`
        return [value] if isinstance(value, str) else list(value or [])
    if field.kind == "choice":
        return NONE if value is None else str(value)
    if field.kind == "minutes":
        return int(value or 60)
    if field.kind == "flag":
        return bool(value)
    if field.kind in ("text", "long_text"):
        return value or ""
    return value


def record_from_values(section: str, values: dict[str, Any]) -> dict[str, Any]:
    """What a form's widgets hold, as a record for `put_record`: empty values left out (but
    the empty `chairs` of a meeting whose chair rotates), whole minutes as a number, and text
    trimmed."""
    record: dict[str, Any] = {}
    for field in FORMS[section]:
        value = values.get(field.name)
        if isinstance(value, str):
            value = value.strip()
        if field.name == "chairs" and not value and values.get("chair_rotates"):
            record["chairs"] = []  # a chair that rotates, with no one named now
            continue
        if value in (None, NONE, [], ()) or (field.kind == "flag" and value is False):
            continue
        if field.kind == "minutes":
            value = int(value)
        if field.numbers and isinstance(value, str) and (number := _number(value)) is not None:
            value = number
        if field.kind == "date" and isinstance(value, dt.datetime):
            value = value.date()
        record[field.name] = list(value) if isinstance(value, tuple) else value
    return record


_INTEGER = re.compile(r"[+-]?\d+")
_DECIMAL = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?")


def _number(text: str) -> int | float | None:
    """The number `text` writes (`10` is 10, `8.67` and `52.0` floats), or None for a word.
    The reverse of str() for the numbers a map holds, so a number round-trips unchanged."""
    if _INTEGER.fullmatch(text):
        return int(text)
    if _DECIMAL.fullmatch(text) and math.isfinite(number := float(text)):
        return number
    return None


def suggest_id(name: str, taken: set[str]) -> str:
    """An id made from a name ('Amara Okafor' -> 'amara-okafor'), unique in the map."""
    stem = slug(name) or "new"
    candidate, n = stem, 2
    while candidate in taken:
        candidate, n = f"{stem}-{n}", n + 1
    return candidate


def pick_options(partnership: Partnership, section: str) -> dict[str, str]:
    """A picker's choices among a section's records, by name (what a person types to find
    one), in name order: a person with their organisation ("Sam Patel, Ashby Trust"), so
    two of one name can be told apart; a record with no name by its id."""
    organisations = {o.id: o.label for o in partnership.organisations}
    options = {}
    for record in getattr(partnership, section):
        label = record.label
        home = organisations.get(getattr(record, "organisation", None) or "")
        if home:
            label = f"{label}, {home}"
        elif section == "people" and record.level == "family":
            label = f"{label} (family)"
        options[record.id] = label
    return dict(sorted(options.items(), key=lambda item: item[1].casefold()))
