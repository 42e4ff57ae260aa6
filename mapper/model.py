"""The map of a Best Start system: organisations, people, meetings, relationships, outcomes.

Every record is a frozen pydantic model that refuses unknown keys, so a misspelt key can never
drop data silently, and the JSON Schema of the file format is generated from these classes.
Text fields accept text only: YAML turns unquoted ``NO`` into false and ``14:30`` into 870, and
a map that quietly stored those would be wrong. Cross-references (a member must be a declared
person, and so on) are checked in `mapper.integrity`, once for the whole map.

A map says which version of the format it is written in (`VERSIONS`); what a later version
added is marked on its field with `Since`, and a map of an earlier version may not use it.
"""

from __future__ import annotations

import datetime as dt
import difflib
import math
import re
import typing
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import Annotated, Any, Literal, Self, get_args

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    PlainValidator,
    StrictBool,
    StrictInt,
    StrictStr,
    StringConstraints,
    ValidationError,
    ValidationInfo,
    WithJsonSchema,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from mapper.errors import MapperError
from mapper.questionnaire import ANSWERS, QUESTION_IDS

__all__ = [
    "FORMAT_VERSION",
    "Section",
    "RefersTo",
    "Since",
    "VERSIONS",
    "NewerField",
    "NewerUse",
    "NEWER_FIELDS",
    "newer_uses",
    "HEADER_ONLY",
    "version_needed",
    "MapSection",
    "ReferenceField",
    "SECTIONS",
    "REFERENCES",
    "sections_shown",
    "references_from",
    "references_into",
    "FREQUENCY_WORDS",
    "KEY_ROLES",
    "Level",
    "MeetingLevel",
    "Sector",
    "Role",
    "RelationshipKind",
    "Board",
    "Membership",
    "Rating",
    "Stance",
    "STAKEHOLDER_FIELDS",
    "Decision",
    "DecisionWord",
    "Depth",
    "PartnershipType",
    "Outcome",
    "Locality",
    "Organisation",
    "Person",
    "Meeting",
    "Relationship",
    "Partnership",
    "Settings",
    "Layout",
    "LAYOUT_VIEWS",
    "MAX_COORDINATE",
    "Answer",
    "AssessmentAnswer",
    "times_a_year",
    "allowed_values",
    "unknown_statement",
]

FORMAT_VERSION = 2
#: Every version of the format this tool reads; a file says which one it is written in.
VERSIONS = (1, 2)

#: The sectors version 1 of the format knows, then those version 2 added (`Since` below).
_SECTORS_1 = ("local_authority", "health", "education", "vcfs", "police", "housing", "families")
_SECTORS_2 = ("community", "fire_and_rescue", "justice", "employment_and_skills")
Sector = Literal[
    "local_authority",
    "health",
    "education",
    "vcfs",
    "police",
    "housing",
    "families",
    "other",
    "community",
    "fire_and_rescue",
    "justice",
    "employment_and_skills",
]
assert get_args(Sector) == (*_SECTORS_1, "other", *_SECTORS_2)
#: The kind of partnership a map is: it chooses which roles, sectors and links checks expect.
PartnershipType = Literal[
    "family_hubs", "safeguarding", "community_planning", "health_and_wellbeing", "other"
]
Level = Literal["strategic", "operational", "practitioner", "family"]
MeetingLevel = Literal["strategic", "operational", "practitioner"]
Role = Literal[
    "single_accountable_leader", "senior_sponsor", "transformation_lead", "data_lead", "connector"
]
RelationshipKind = Literal[
    "commissioning", "funding", "information_sharing", "partnership_agreement", "informal"
]
Depth = Literal["communicate", "coordinate", "collaborate"]
#: Which body the guidance names a meeting is, when it is one (version 2): the family hubs
#: board, the safeguarding children partnership, the Health and Wellbeing Board, the
#: community planning partnership board.
Board = Literal["family_hubs", "safeguarding", "health_and_wellbeing", "community_planning"]
#: Whether a meeting's members are all recorded, or only those known (version 2).
Membership = Literal["complete", "partial"]
#: How much an organisation or a person can shape the partnership's work (`influence`), or
#: how much its work matters to them (`interest`): the two axes of a stakeholder map (seed
#: 000 points to the civil service analysis function's stakeholder-mapping method).
Rating = Literal["low", "medium", "high"]
#: Where an organisation or a person stands on the partnership's change (version 2).
Stance = Literal["champion", "supporter", "neutral", "sceptic"]
#: The stakeholder fields, on organisations and people alike; left out, not recorded.
STAKEHOLDER_FIELDS = ("influence", "interest", "stance")

#: The roles a system needs someone to hold (seed 002); `connector` is recognised, not required.
KEY_ROLES: tuple[str, ...] = (
    "single_accountable_leader",
    "senior_sponsor",
    "transformation_lead",
    "data_lead",
)

#: How many times a year each frequency word means. `ad_hoc` meetings have no regular cost.
FREQUENCY_WORDS: dict[str, float] = {
    "weekly": 52,
    "fortnightly": 26,
    "monthly": 12,
    "six_weekly": 52 / 6,
    "bimonthly": 6,
    "termly": 3,
    "quarterly": 4,
    "biannual": 2,
    "annual": 1,
    "ad_hoc": 0,
    "once": 1,  # a one-off event (version 2)
}

ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_-]*$"
_PLAIN_NUMBER = re.compile(r"-?[0-9]+(\.[0-9]+)?|-?\.[0-9]+")
_PLAIN_WHOLE = re.compile(r"-?[0-9]+")


def slug(text: str, limit: int = 60) -> str:
    """`text` in id shape: ASCII letters and digits in lower case joined by single dashes
    ('Zoë's Map!' -> 'zo-s-map'); empty when nothing of it is left."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:limit].rstrip("-")


# Invisible characters that can make text read differently from what it is (bidi marks and
# overrides, zero-width spaces, soft hyphens: all of Unicode's control and format categories)
# or break a terminal or a table: refused so a map cannot disguise a name. Two format
# characters are letters' business and kept where they join letters: the zero-width joiner
# and non-joiner between two visible characters (Persian and Indic names, emoji such as
# 👩‍👧), and tag characters inside a flag (🏴 then tags then the cancel tag: the flags of
# Wales and Scotland). tests/test_hardening_yaml.py holds this list to Unicode's own.
# Free text may hold tabs and line breaks; names and titles are one line.
_FORMAT_CHARACTERS = (
    "\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e\u200b\u200e\u200f"
    "\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\U000110bd\U000110cd"
    "\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001"
    "\U000e0020-\U000e007f"
)
_DISGUISING = re.compile(
    f"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029{_FORMAT_CHARACTERS}]"
    # a joiner with nothing to join: at either end, or beside a space or another joiner
    "|(?<![^\\s\u200c\u200d])[\u200c\u200d]|[\u200c\u200d](?![^\\s\u200c\u200d])"
)
_DISGUISING_IN_LINE = re.compile("[\t\n\r]|" + _DISGUISING.pattern)
_FLAG = re.compile("\U0001f3f4[\U000e0020-\U000e007e]+\U000e007f")


def _visible_line(value: str) -> str:
    return _visible_text(value, _DISGUISING_IN_LINE)


def _visible_text(value: str, pattern: re.Pattern[str] = _DISGUISING) -> str:
    if not value.strip():
        raise PydanticCustomError("blank_text", "is blank; write something or leave the key out")
    found = pattern.search(_FLAG.sub("\U0001f3f4", value) if "\U0001f3f4" in value else value)
    if found:
        raise PydanticCustomError(
            "disguising_character",
            "contains an invisible or control character (U+{code}) that can disguise the text "
            "or break a table; remove it",
            {"code": f"{ord(found.group()):04X}"},
        )
    return value


Id = Annotated[StrictStr, StringConstraints(min_length=1, max_length=100, pattern=ID_PATTERN)]
Name = Annotated[StrictStr, StringConstraints(max_length=200), AfterValidator(_visible_line)]
LongText = Annotated[StrictStr, StringConstraints(max_length=5000), AfterValidator(_visible_text)]
Minutes = Annotated[StrictInt, Field(gt=0, le=24 * 60)]


def _frequency(value: Any) -> str | int | float:
    words = ", ".join(FREQUENCY_WORDS)
    if isinstance(value, str):
        if value in FREQUENCY_WORDS:
            return value
        close = difflib.get_close_matches(value, FREQUENCY_WORDS, n=1)
        hint = f"did you mean {close[0]}? " if close else ""
        raise PydanticCustomError(
            "frequency",
            "'{value}' is not a frequency; {hint}use one of: {words}, or a number of times a year",
            {"value": value, "hint": hint, "words": words},
        )
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if 0 < value <= 366:
            return value
        raise PydanticCustomError(
            "frequency",
            "a number of times a year must be more than 0 and at most 366, not {value}",
            {"value": value},
        )
    raise PydanticCustomError(
        "frequency",
        "should be a frequency word ({words}) or a number of times a year",
        {"words": words},
    )


Frequency = Annotated[
    str | int | float,
    PlainValidator(_frequency),
    PlainSerializer(lambda v: v),
    WithJsonSchema(
        {
            "anyOf": [
                {"enum": list(FREQUENCY_WORDS)},
                {"type": "number", "exclusiveMinimum": 0, "maximum": 366},
            ],
            "description": "how often: a word, or a number of times a year",
        }
    ),
]


def _date_only(value: Any) -> Any:
    # Lax pydantic would read a number as seconds since 1970; a date must look like a date.
    # So must text ('-0' or '1700000000' in quotes would be read as seconds too).
    if (
        isinstance(value, (int, float, bool))
        or isinstance(value, str)
        and not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value)
    ):
        raise PydanticCustomError("date_text", "should be a date written as YYYY-MM-DD")
    return value


Date = Annotated[dt.date, BeforeValidator(_date_only)]


# --- the schema's shape, declared on the fields ---------------------------------------------
# Which fields hold ids of other records, and which fields of a map are its sections, are said
# once, here on the models; integrity checks, edits, forms and spreadsheet columns are derived
# from `SECTIONS` and `REFERENCES` below (tests/test_schema_once.py holds them to it).


@dataclass(frozen=True)
class Section:
    """Marks a field of `Partnership` as a section of records: `record` is the word for one
    of them, `shown` its place in the app's forms and the spreadsheets (which start from
    organisations, as people do, where the file starts from what others refer to)."""

    record: str
    shown: int


@dataclass(frozen=True, init=False)
class RefersTo:
    """Marks a field as holding the id of a record of one of `sections` (a tuple field: a
    list of such ids). A record may name itself only where `itself` says so: a meeting that
    reports to itself is a cycle, which the diagnosis reports; an organisation inside itself
    or a person deputising for themselves is refused."""

    sections: tuple[str, ...]
    itself: bool

    def __init__(self, *sections: str, itself: bool = False) -> None:
        object.__setattr__(self, "sections", sections)
        object.__setattr__(self, "itself", itself)


@dataclass(frozen=True)
class Since:
    """Marks a field as new in `version` of the format: a file of an earlier version that
    gives it is refused, and told which first line would let it. With `values`, only those
    values of the field are new (words added to an older list); with `several`, only naming
    more than one (a field that took one id and now takes a list)."""

    version: int
    values: tuple[str, ...] = ()
    several: bool = False


def _marker(field: Any, kind: type[Any]) -> Any:
    return next((m for m in field.metadata if isinstance(m, kind)), None)


def times_a_year(frequency: str | int | float) -> float:
    """How many times a year a meeting (or a purpose review) happens."""
    if isinstance(frequency, str):
        return FREQUENCY_WORDS[frequency]
    return float(frequency)


class _Record(BaseModel):
    model_config = ConfigDict(
        frozen=True,
        extra="forbid",
        validate_by_name=True,
        validate_by_alias=True,
        serialize_by_alias=True,
    )

    def model_copy(self, *, update: Mapping[str, Any] | None = None, deep: bool = False) -> Self:
        """A copy with `update` applied and every cached derivation dropped.

        pydantic copies the instance's `__dict__`, where `cached_property` keeps its values:
        without this, a meeting copied with new members would still report its old
        attendees, and a map copied with fewer meetings its old organisations per meeting.
        """
        copy = super().model_copy(update=update, deep=deep)
        for name in _cached_names(type(self)):
            copy.__dict__.pop(name, None)
        return copy


def _cached_names(cls: type) -> list[str]:
    return [
        name
        for klass in cls.__mro__
        for name, value in vars(klass).items()
        if isinstance(value, cached_property)
    ]


def _distinct(values: tuple[str, ...]) -> tuple[str, ...]:
    seen: set[str] = set()
    for value in values:
        if value in seen:
            raise PydanticCustomError("listed_twice", "'{value}' is listed twice", {"value": value})
        seen.add(value)
    return values


class _Named(_Record):
    """A record others refer to by id; shown by its name, or its id when it has none."""

    id: Id
    name: Name | None = None

    @property
    def label(self) -> str:
        return self.name or self.id


class Outcome(_Named):
    """One outcome of the shared outcomes framework that meetings can hold."""


class Locality(_Named):
    """A place the partnership organises its work by (a family hub area, a locality);
    organisations, people and meetings may each name the one they belong to."""


_LocalityOf = Annotated[Id | None, RefersTo("localities"), Since(2)]
# The stakeholder fields (`STAKEHOLDER_FIELDS`) of organisations and people, version 2.
_RatingOf = Annotated[Rating | None, Since(2)]
_StanceOf = Annotated[Stance | None, Since(2)]


def _one_or_more(value: Any) -> Any:
    # One id as version 1 wrote it, or a list of them: held as a tuple either way (an
    # empty `reports_to:`, which version 1 read as none, is none).
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    if not isinstance(value, (list, tuple)):  # told, as any text field is, to be quoted
        raise PydanticCustomError("string_type", "should be an id or a list of ids")
    return value


def _as_written(value: tuple[str, ...]) -> str | tuple[str, ...]:
    # Saved as it would be written: one id on its own, so a version 1 file reads the same.
    return value[0] if len(value) == 1 else value


_ID_SCHEMA = {"type": "string", "minLength": 1, "maxLength": 100, "pattern": ID_PATTERN}


class Organisation(_Named):
    """An organisation in one sector; `part_of` names a parent (a service within a council).
    A `strategic_only` one takes part in the partnership's planning and oversight but has, by
    design, no operational role in it (a national agency, a scrutineer, a plan partner).
    `influence`, `interest` and `stance` place it on the stakeholder map; each left out is
    not recorded (not low, not neutral)."""

    sector: Annotated[Sector, Since(2, values=_SECTORS_2)]
    part_of: Annotated[Id | None, RefersTo("organisations")] = None
    locality: _LocalityOf = None
    strategic_only: Annotated[StrictBool, Since(2)] = False
    influence: _RatingOf = None
    interest: _RatingOf = None
    stance: _StanceOf = None


class Person(_Named):
    """A person at one level. Everyone but family representatives belongs to an organisation.

    A record with no `name` is a seat: a post (its `title`) whose holder is not named. A
    `vacant` one is a post nobody holds, so it has no name and no leaving date; `deputy` is
    the substitute who stands in. `influence`, `interest` and `stance` place the person on
    the stakeholder map, as they do an organisation.
    """

    organisation: Annotated[Id | None, RefersTo("organisations")] = None
    title: Name | None = None
    level: Level
    roles: tuple[Role, ...] = ()
    deputy: Annotated[Id | None, RefersTo("people")] = None
    leaving: Date | None = None
    vacant: Annotated[StrictBool, Since(2)] = False
    locality: _LocalityOf = None
    influence: _RatingOf = None
    interest: _RatingOf = None
    stance: _StanceOf = None

    _roles_distinct = field_validator("roles")(_distinct)

    @field_validator("vacant")
    @classmethod
    def _vacant_post_has_no_holder(cls, vacant: bool, info: ValidationInfo) -> bool:
        # On `vacant` (after `name` and `leaving`), so the problem is on its line.
        held = next((k for k in ("name", "leaving") if info.data.get(k) is not None), None)
        if vacant and held:
            raise PydanticCustomError(
                "vacant_with_holder",
                "a vacant post has no holder, but this one has {given}: remove `{key}:` (or "
                "`vacant: true`, if someone holds it)",
                {"given": "a name" if held == "name" else "a leaving date", "key": held},
            )
        return vacant

    @model_validator(mode="after")
    def _staff_belong_somewhere(self) -> Person:
        if self.organisation is None and self.level != "family":
            raise PydanticCustomError(
                "needs_organisation",
                "people at the {level} level need an organisation: add `organisation:` "
                "(only family representatives may have none)",
                {"level": self.level},
            )
        return self

    @property
    def label(self) -> str:
        """The name; for a seat or a post with no named holder, its title."""
        return self.name or self.title or self.id


class Meeting(_Named):
    """A meeting at one level. Chairs (one, or two co-chairs) and the vice chair attend it.

    `reports_to` (one meeting or several) builds the governance tree; a cycle in it is allowed
    here and reported by the diagnosis, because real structures have them. `informs` names
    meetings it advises without being accountable to them; an `external` meeting is a
    statutory board outside the partnership's own tree; `board` says which body of the
    guidance a meeting is (the family hubs board, the safeguarding partnership, the Health and
    Wellbeing Board). `membership: partial` says its members are only those known, so an
    absence from it is no evidence. A meeting may list no chair only when
    its chair rotates between the organisations of `chair_rotates`. `non_voting` attendees sit
    without a vote, and attend. A meeting held between `starts` and `ends` (a task-and-finish
    group) has `starts` on or before `ends`. (That everyone of `non_voting` attends is a
    rule of the map, `mapper.integrity`, checked once the ids are known to be people.)
    """

    level: MeetingLevel
    frequency: Annotated[Frequency, Since(2, values=("once",))]
    duration_minutes: Minutes = 60
    # Before `chairs`, whose check reads it.
    chair_rotates: Annotated[tuple[Id, ...], RefersTo("organisations"), Since(2)] = ()
    chairs: Annotated[tuple[Id, ...], RefersTo("people")] = Field(max_length=2)
    vice_chair: Annotated[Id | None, RefersTo("people")] = None
    members: Annotated[tuple[Id, ...], RefersTo("people")] = ()
    non_voting: Annotated[tuple[Id, ...], RefersTo("people"), Since(2)] = ()
    reports_to: Annotated[
        tuple[Id, ...],
        BeforeValidator(_one_or_more),
        RefersTo("meetings", itself=True),
        Since(2, several=True),
        PlainSerializer(_as_written),
        WithJsonSchema(
            {
                "anyOf": [_ID_SCHEMA, {"type": "array", "items": _ID_SCHEMA}],
                "description": "the meeting this one reports to, or a list of them",
            }
        ),
    ] = ()
    informs: Annotated[tuple[Id, ...], RefersTo("meetings"), Since(2)] = ()
    external: Annotated[StrictBool, Since(2)] = False
    board: Annotated[Board | None, Since(2)] = None
    membership: Annotated[Membership | None, Since(2)] = None
    locality: _LocalityOf = None
    starts: Annotated[Date | None, Since(2)] = None
    ends: Annotated[Date | None, Since(2)] = None
    outcomes: Annotated[tuple[Id, ...], RefersTo("outcomes")] = ()
    revisits_purpose: Annotated[Frequency | None, Since(2, values=("once",))] = None
    purpose: LongText | None = None

    _lists_distinct = field_validator(
        "chair_rotates", "chairs", "members", "non_voting", "reports_to", "informs", "outcomes"
    )(_distinct)

    @field_validator("chairs")
    @classmethod
    def _someone_chairs(cls, chairs: tuple[str, ...], info: ValidationInfo) -> tuple[str, ...]:
        if not chairs and not info.data.get("chair_rotates"):
            raise PydanticCustomError(
                "no_chair",
                "a meeting needs a chair: list one person, or two co-chairs (or, when the "
                "chair rotates, the organisations it rotates between in `chair_rotates:`)",
            )
        return chairs

    @model_validator(mode="after")
    def _vice_chair_is_not_a_chair(self) -> Meeting:
        if self.vice_chair is not None and self.vice_chair in self.chairs:
            raise PydanticCustomError(
                "vice_chair_is_chair",
                "'{person}' is both a chair and the vice chair",
                {"person": self.vice_chair},
            )
        return self

    @field_validator("ends")
    @classmethod
    def _starts_before_it_ends(cls, ends: dt.date | None, info: ValidationInfo) -> dt.date | None:
        starts = info.data.get("starts")
        if ends is not None and starts is not None and starts > ends:
            raise PydanticCustomError(
                "ends_before_start",
                "{ends} is before the meeting starts ({starts}); it ends on or after the day "
                "it starts",
                {"ends": ends.isoformat(), "starts": starts.isoformat()},
            )
        return ends

    @cached_property
    def attendees(self) -> frozenset[str]:
        """Everyone who sits in the meeting: chairs, vice chair and members."""
        people = set(self.chairs) | set(self.members)
        if self.vice_chair is not None:
            people.add(self.vice_chair)
        return frozenset(people)

    def seat_of(self, person: str) -> str:
        """Where `person` sits here: "chair", "vice chair", "member", or "" if absent."""
        if person in self.chairs:
            return "chair"
        if person == self.vice_chair:
            return "vice chair"
        return "member" if person in self.members else ""

    @cached_property
    def hours_a_year(self) -> float:
        """Hours one attendee spends in this meeting in a year (0 for ad hoc meetings)."""
        return times_a_year(self.frequency) * self.duration_minutes / 60

    @cached_property
    def person_hours_a_year(self) -> float:
        """Hours all its attendees together spend in this meeting in a year."""
        return self.hours_a_year * len(self.attendees)


class Relationship(_Record):
    """A tie no meeting captures, between two organisations or people (seed 004's depths)."""

    source: Annotated[Id, RefersTo("organisations", "people")] = Field(alias="from")
    target: Annotated[Id, RefersTo("organisations", "people")] = Field(alias="to")
    kind: RelationshipKind
    depth: Depth | None = None

    @model_validator(mode="after")
    def _not_to_itself(self) -> Relationship:
        if self.source == self.target:
            raise PydanticCustomError(
                "self_relationship",
                "a relationship needs two different ends, not '{id}' twice",
                {"id": self.source},
            )
        return self


Answer = Literal["not_yet", "partly", "yes"]
assert get_args(Answer) == ANSWERS


def _answer_word(value: Any) -> Any:
    # YAML 1.1 reads an unquoted `yes` as true (and `no` as false); here the intent is plain.
    if isinstance(value, bool):
        return "yes" if value else "not_yet"
    return value


class AssessmentAnswer(_Record):
    """How far the partnership says one statement of the self-assessment holds, and why."""

    answer: Annotated[Answer, BeforeValidator(_answer_word)]
    note: LongText | None = None


def unknown_statement(key: Any) -> str | None:
    """Why `key` is not a statement of the self-assessment, or None if it is one."""
    if key in QUESTION_IDS:
        return None
    close = difflib.get_close_matches(str(key), QUESTION_IDS, n=1)
    hint = f"did you mean {close[0]}? " if close else ""
    return (
        f"'{key}' is not a statement of the self-assessment; {hint}the statements are: "
        f"{', '.join(QUESTION_IDS)}"
    )


def _known_questions(answers: dict[str, AssessmentAnswer]) -> dict[str, AssessmentAnswer]:
    # The loader runs unknown_statement on the keys itself, so that a file with a misspelt
    # statement and a bad answer hears of both in one run (this runs only if answers are valid).
    for key in answers:
        reason = unknown_statement(key)
        if reason:
            raise PydanticCustomError("unknown_question", reason)
    # In questionnaire order, so a saved file lists them as the app asks them.
    return {q: answers[q] for q in QUESTION_IDS if q in answers}


Assessment = Annotated[
    dict[StrictStr, AssessmentAnswer],
    AfterValidator(_known_questions),
    Field(
        description="the self-assessment: statement id -> answer and note",
        json_schema_extra={"propertyNames": {"enum": list(QUESTION_IDS)}},
    ),
]


# --- decisions on findings (version 2) --------------------------------------------------------
#: What a partnership decided about a finding: to act on it, or to set it aside.
DecisionWord = Literal["accepted", "set_aside"]
_KIND_PATTERN = r"^[a-z][a-z0-9_]*$"


class Decision(_Record):
    """What the partnership decided about one finding, kept in the map so that the next
    workshop (and the report) knows it: the finding is named by its `kind` and `subjects`
    (the ids it is about, in any order; none for a finding about the whole system). An
    accepted finding may carry who acts on it (`owner`) and by when (`due`), for the action
    plan; a finding set aside says why (`reason`). Ids are not references: a decision about
    someone who has left the map is kept, and shown as no longer applying."""

    kind: Annotated[StrictStr, StringConstraints(max_length=100, pattern=_KIND_PATTERN)]
    subjects: Annotated[tuple[Id, ...], AfterValidator(_distinct)] = ()
    decision: DecisionWord
    reason: LongText | None = None
    date: Date | None = None
    owner: Name | None = None
    due: Date | None = None

    @model_validator(mode="after")
    def _set_aside_with_a_reason(self) -> Decision:
        if self.decision == "set_aside" and not (self.reason or "").strip():
            raise PydanticCustomError(
                "set_aside_without_reason",
                "a finding set aside needs a reason, so the next workshop knows why",
            )
        return self

    @property
    def finding_key(self) -> tuple[str, frozenset[str]]:
        """What the decision is about: its finding's kind and subjects, in any order."""
        return self.kind, frozenset(self.subjects)


def _one_decision_each(decisions: tuple[Decision, ...]) -> tuple[Decision, ...]:
    seen: set[tuple[str, frozenset[str]]] = set()
    for decision in decisions:
        if decision.finding_key in seen:
            raise PydanticCustomError(
                "decided_twice",
                "two decisions about the same finding ({kind}: {subjects}); keep one",
                {"kind": decision.kind, "subjects": ", ".join(decision.subjects) or "no subjects"},
            )
        seen.add(decision.finding_key)
    return decisions


Decisions = Annotated[
    tuple[Decision, ...],
    AfterValidator(_one_decision_each),
    Since(2),
    Field(description="what the partnership decided about findings: accepted or set aside"),
]


class Settings(BaseModel):
    """Thresholds of the diagnosis, with documented defaults (docs/findings.md); a map may
    change them in its `settings:` section, and the CLI with --setting NAME=VALUE."""

    # Infinity and 'not a number' pass every comparison wrongly; YAML and --setting both
    # can spell them (.inf, inf).
    model_config = ConfigDict(frozen=True, extra="forbid", allow_inf_nan=False)

    @field_validator("*", mode="before")
    @classmethod
    def _not_yes_or_no(cls, value: Any, info: ValidationInfo) -> Any:
        # Lax pydantic reads true as 1; a threshold written `true` is a mistake, not a number.
        if isinstance(value, bool):
            raise PydanticCustomError(
                "number_not_bool",
                "should be a number, not the yes/no value {value}",
                {"value": str(value).lower()},
            )
        # Text comes from --setting and quoted values; only plain digits are a number (Python
        # would also read '1_000', ' 7 ' and '1e3').
        whole = cls.model_fields[str(info.field_name)].annotation in (int, "int")
        if isinstance(value, str) and whole and not _PLAIN_WHOLE.fullmatch(value):
            raise PydanticCustomError(  # the type the messages say "a whole number" for
                "int_parsing", "should be a whole number (like 3), not '{value}'", {"value": value}
            )
        if isinstance(value, str) and not _PLAIN_NUMBER.fullmatch(value):
            raise PydanticCustomError(
                "number_text",
                "should be a number in plain digits (like 0.7 or 16), not '{value}'",
                {"value": value},
            )
        return value

    def with_changes(self, changes: Mapping[str, object]) -> Settings:
        """These settings with `changes` (a setting's name and its value, as typed) applied
        and validated again, so that a default such as 2 becomes the 2.0 its field declares.
        A value the setting refuses is a `MapperError` naming the setting and why."""
        try:
            return Settings.model_validate({**self.model_dump(), **changes})
        except ValidationError as error:
            problem = error.errors()[0]
            where = problem["loc"][0] if problem["loc"] else "settings"
            raise MapperError(f"{where}: {problem['msg']}") from None

    duplicate_similarity: float = Field(
        0.6,
        gt=0,
        le=1,
        description=(
            "two meetings at one level are duplicates when this share of their combined "
            "attendees sits in both (Jaccard similarity)"
        ),
    )
    duplicate_min_attendees: int = Field(
        3, ge=2, description=("meetings smaller than this are never called duplicates")
    )
    chair_limit: int = Field(
        3,
        ge=2,
        description=("a person chairing this many meetings or more holds too much of the chairing"),
    )
    chair_share: float = Field(
        0.75,
        gt=0,
        le=1,
        description=(
            "one sector chairing this share of strategic meetings or more dominates governance"
        ),
    )
    load_hours_per_month: float = Field(
        16,
        gt=0,
        description=("hours a month in meetings above which a person's meeting load is excessive"),
    )
    departure_window_days: int = Field(
        365,
        ge=1,
        description=("a planned departure within this many days needs a succession plan now"),
    )
    purpose_revisits_per_year: float = Field(
        2,
        gt=0,
        description=(
            "strategic meetings should revisit the shared purpose at least this often a year"
        ),
    )
    strategic_table_min_per_year: float = Field(
        2,
        ge=0,
        description=(
            "a strategic meeting is a table where partners are expected to meet below it when "
            "it meets at least this often a year (ad hoc meetings count): a two-yearly "
            "assembly is not"
        ),
    )
    silo_share: float = Field(
        0.75,
        gt=0,
        le=1,
        description=(
            "a community of organisations is a silo when one sector holds this share of it or more"
        ),
    )
    silo_min_organisations: int = Field(
        3, ge=2, description=("communities smaller than this are never called silos")
    )


#: The views whose node positions a map may keep, and the sections whose records each draws.
#: The people view draws the people among what the other two views draw.
LAYOUT_VIEWS: dict[str, tuple[str, ...]] = {
    "organisations": ("organisations",),
    "governance": ("meetings",),
}
LAYOUT_VIEWS["people"] = (*LAYOUT_VIEWS["organisations"], "people", *LAYOUT_VIEWS["governance"])
#: The largest coordinate a position may have, in pixels of the drawing either way from its
#: centre: a county's people view spans about 2,000; a bigger number is a slip, and 1e300
#: would leave every other node drawn as one dot.
MAX_COORDINATE = 100_000.0


def _coordinate(value: Any) -> float:
    # Text ('12.5' in quotes) and yes/no are refused rather than read: a position is a number.
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise PydanticCustomError(
            "coordinate_not_number",
            "should be a number of pixels (like 120 or -35.5), not {value}",
            {"value": repr(value) if isinstance(value, str) else str(value).lower()},
        )
    if not math.isfinite(value) or abs(value) > MAX_COORDINATE:
        raise PydanticCustomError(
            "coordinate_out_of_range",
            "should be a number of pixels between -{limit} and {limit}, not {value}",
            {"limit": f"{MAX_COORDINATE:,.0f}", "value": str(value)},
        )
    return round(float(value), 1)  # a tenth of a pixel: saved and read back the same


def _pair(value: Any) -> Any:
    if not isinstance(value, (list, tuple)) or len(value) != 2:
        raise PydanticCustomError(
            "position_pair",
            "should be a position: two numbers of pixels in brackets, across then down "
            "(like [120, -35.5])",
        )
    return value


Coordinate = Annotated[
    float,
    PlainValidator(_coordinate),
    WithJsonSchema({"type": "number", "minimum": -MAX_COORDINATE, "maximum": MAX_COORDINATE}),
]
#: Where a node is drawn: x to the right and y downwards, in pixels of the drawing.
Position = Annotated[tuple[Coordinate, Coordinate], BeforeValidator(_pair)]


class Layout(_Record):
    """Where the nodes of each view of the map are drawn, by id, so that the map opens on the
    same picture, a node dragged stays put and a new node moves no other
    (`mapper.render.network.layout` places the nodes without a position).

    Invariant: every id names a record the view draws (`LAYOUT_VIEWS`); a position for
    anything else (a person removed, a meeting renamed) is dropped when the map is
    validated, never refused.
    """

    organisations: dict[Id, Position] = Field(default_factory=dict)
    people: dict[Id, Position] = Field(default_factory=dict)
    governance: dict[Id, Position] = Field(default_factory=dict)

    def of(self, view: str) -> dict[str, tuple[float, float]]:
        """The positions kept for `view` (a key of `LAYOUT_VIEWS`)."""
        return dict(getattr(self, view))

    def keeping(self, sections: Any) -> Layout:
        """This layout with only the ids each view draws among `sections` (a map, or anything
        with its sections as attributes): the same object when nothing goes."""
        drawn_sections = {name for names in LAYOUT_VIEWS.values() for name in names}
        ids = {name: {r.id for r in getattr(sections, name)} for name in drawn_sections}
        kept = {}
        for view, drawn in LAYOUT_VIEWS.items():
            known = set().union(*(ids[name] for name in drawn))
            positions = getattr(self, view)
            kept[view] = {k: v for k, v in positions.items() if k in known}
        if all(len(kept[view]) == len(getattr(self, view)) for view in LAYOUT_VIEWS):
            return self
        return Layout.model_construct(None, **kept)

    def with_positions(self, view: str, positions: Mapping[str, tuple[float, float]]) -> Layout:
        """This layout with `positions` set in `view` (validated: rounded, bounded)."""
        return Layout.model_validate(
            {
                **{v: getattr(self, v) for v in LAYOUT_VIEWS},
                view: {**getattr(self, view), **positions},
            }
        )


class Partnership(_Record):
    """A whole map. Invariant: ids are unique across the map, every reference resolves, and
    its `version` holds everything in it (a version 1 map uses nothing `Since(2)`).

    Built by `mapper.load`, or directly (forms), in which case the same integrity rules run.
    """

    # Lax pydantic reads `version: true` as 1; kept as the word so it is refused.
    version: Annotated[
        Literal[1, 2], BeforeValidator(lambda v: str(v).lower() if isinstance(v, bool) else v)
    ]  # VERSIONS (a Literal takes no names; the assertion below holds them together)
    name: Name
    type: Annotated[PartnershipType, Since(2)] = "family_hubs"
    localities: Annotated[tuple[Locality, ...], Section("locality", shown=6), Since(2)] = ()
    outcomes: Annotated[tuple[Outcome, ...], Section("outcome", shown=4)] = ()
    organisations: Annotated[tuple[Organisation, ...], Section("organisation", shown=1)] = ()
    people: Annotated[tuple[Person, ...], Section("person", shown=2)] = ()
    meetings: Annotated[tuple[Meeting, ...], Section("meeting", shown=3)] = ()
    relationships: Annotated[tuple[Relationship, ...], Section("relationship", shown=5)] = ()
    settings: Settings = Settings()
    assessment: Assessment = Field(default_factory=dict)
    decisions: Decisions = ()
    layout: Annotated[Layout, Since(2)] = Layout()

    @model_validator(mode="after")
    def _positions_of_records_only(self, info: ValidationInfo) -> Partnership:
        # Dropped, not refused: a person removed takes their place on the picture with them.
        # Set before anyone holds the map, so the frozen model is never seen to change.
        if info.context != HEADER_ONLY:
            self.__dict__["layout"] = self.layout.keeping(self)
        return self

    @model_validator(mode="after")
    def _references_resolve(self, info: ValidationInfo) -> Partnership:
        from mapper.integrity import IntegrityProblem, find_integrity_problems

        if info.context == HEADER_ONLY:  # the loader checks the file's sections itself
            return self
        problems = find_integrity_problems(self)
        problems += [
            IntegrityProblem(u.loc, u.message) for u in newer_uses(self) if u.version > self.version
        ]
        if problems:
            raise ValueError("; ".join(p.describe() for p in problems[:10]))
        return self

    def with_sections(self, **sections: Any) -> Partnership:
        """This map with the given sections replaced, validated again (integrity included);
        everything else (the name, settings, the self-assessment) is carried over, so a
        transformation can never drop a part of the map it did not mean to change.

        The records given are validated again by their own rules too (pydantic would take a
        record as valid without looking, and a copy made with `model_copy(update=...)` is
        never checked): a meeting copied with no chair is refused like one written so. The
        map's own records, passed on unchanged, are not validated twice.
        Raises pydantic's ValidationError, as building a map does."""
        unknown = set(sections) - set(type(self).model_fields)
        if unknown:
            raise TypeError(f"not parts of a map: {', '.join(sorted(unknown))}")
        kept = {name: getattr(self, name) for name in type(self).model_fields}
        # A record of this map carried over as it is was validated already: only new ones
        # and changed copies are looked at again.
        known = {id(r) for name in SECTIONS for r in getattr(self, name)}
        known |= {id(self.settings), *map(id, self.assessment.values())}
        given = {name: _as_data(value, known) for name, value in sections.items()}
        return type(self).model_validate({**kept, **given})

    def without(self, ids: Iterable[str]) -> Partnership:
        """This map without the records of `ids` (of any section) and every mention of them,
        validated again; everything else (settings, the self-assessment) is carried over.

        A field naming one of them is cleared, a list drops it, and a record with no id of
        its own (a relationship) goes with either of its ends. What is left must hold on
        its own: a meeting whose every chair goes is refused, so a caller that means to
        keep it hands the chair on first (as the what-if simulation does, then calls this).
        """
        gone = set(ids)
        sections: dict[str, list[Any]] = {}
        for section in SECTIONS.values():
            references = references_from(section.name)
            kept = []
            for record in getattr(self, section.name):
                if section.has_ids and record.id in gone:
                    continue
                update: dict[str, Any] = {}
                for reference in references:
                    value = getattr(record, reference.field)
                    left: Any
                    if reference.many:
                        left = tuple(v for v in value if v not in gone)
                    else:
                        left = None if value in gone else value
                    if left != value:
                        update[reference.field] = left
                if update and not section.has_ids:
                    continue  # a relationship is its two ends: with one gone, it goes
                kept.append(record.model_copy(update=update) if update else record)
            sections[section.name] = kept
        return self.with_sections(**sections)

    def placed(
        self, positions: Mapping[str, Mapping[str, Any]], *, moved: bool = False
    ) -> Partnership:
        """This map keeping `positions` (view -> id -> [x, y]) for the records it holds:
        those it keeps already win, unless `moved` (a node dragged to a new place). Values
        are validated like a file's (a `ValidationError` for text or NaN); a version 1 map
        given positions becomes version 2."""
        views = {}
        for view in LAYOUT_VIEWS:
            given, own = dict(positions.get(view, {})), self.layout.of(view)
            views[view] = {**own, **given} if moved else {**given, **own}
        layout = Layout.model_validate(views).keeping(self)
        if layout == self.layout:
            return self
        return self.model_copy(update={"layout": layout, "version": max(self.version, 2)})

    def with_layout_of(self, other: Partnership) -> Partnership:
        """This map drawn where `other` draws the records both hold (a map read back from
        the spreadsheets, which carry no positions, opened in place of the map it came
        from); its own positions win."""
        return self.placed({v: other.layout.of(v) for v in LAYOUT_VIEWS})

    def sector_of(self, person_id: str) -> str:
        """The sector a person sits for: their organisation's, or `families` for a family
        representative who belongs to none."""
        organisation = self.person_by_id[person_id].organisation
        return self.organisation_by_id[organisation].sector if organisation else "families"

    @cached_property
    def organisation_by_id(self) -> dict[str, Organisation]:
        return {o.id: o for o in self.organisations}

    @cached_property
    def person_by_id(self) -> dict[str, Person]:
        return {p.id: p for p in self.people}

    @cached_property
    def meeting_by_id(self) -> dict[str, Meeting]:
        return {m.id: m for m in self.meetings}

    @cached_property
    def outcome_by_id(self) -> dict[str, Outcome]:
        return {o.id: o for o in self.outcomes}

    @cached_property
    def locality_by_id(self) -> dict[str, Locality]:
        return {x.id: x for x in self.localities}

    @cached_property
    def organisations_present(self) -> dict[str, tuple[str, ...]]:
        """For each meeting id, the organisations its attendees belong to, sorted (people
        with no organisation, such as some family representatives, add none)."""
        home = {p.id: p.organisation for p in self.people}
        return {
            m.id: tuple(sorted({o for a in m.attendees if (o := home[a])})) for m in self.meetings
        }


#: Validation context of the loader's check of a map's header alone, without its sections.
HEADER_ONLY = {"part": "header"}


def _as_data(value: Any, known: set[int]) -> Any:
    """Records as their fields, so that validating them runs their own rules again; those
    in `known` (by identity: the very records of a valid map) stay as they are."""
    if isinstance(value, BaseModel):
        if id(value) in known:
            return value
        return {name: getattr(value, name) for name in type(value).model_fields}
    if isinstance(value, (list, tuple)):
        return [_as_data(v, known) for v in value]
    if isinstance(value, dict):
        return {k: _as_data(v, known) for k, v in value.items()}
    return value


@dataclass(frozen=True)
class MapSection:
    """One section of a map, as declared on `Partnership` (its field name, the model of its
    records, the word for one record and its place in forms and sheets)."""

    name: str
    model: type[_Record]
    record: str
    shown: int

    @property
    def a_record(self) -> str:
        """'an organisation', 'a person': the word with its article, for messages."""
        return ("an " if self.record[0] in "aeiou" else "a ") + self.record

    @property
    def has_ids(self) -> bool:
        """Whether its records have ids others can refer to (relationships do not)."""
        return "id" in self.model.model_fields


@dataclass(frozen=True)
class ReferenceField:
    """A field of a section's records that holds ids of other records, as declared by its
    `RefersTo`: `field` is its name in Python, `key` its key in a file (`from` for the
    source of a relationship); `many` fields hold a list of ids."""

    section: str
    field: str
    key: str
    targets: tuple[str, ...]
    many: bool
    itself: bool


def _declared_sections() -> dict[str, MapSection]:
    found = {}
    for name, field in Partnership.model_fields.items():
        marker = _marker(field, Section)
        if marker is not None:
            (model,) = {a for a in get_args(field.annotation) if a is not Ellipsis}
            found[name] = MapSection(name, model, marker.record, marker.shown)
    return found


def _declared_references() -> tuple[ReferenceField, ...]:
    found = []
    for section in SECTIONS.values():
        for name, field in section.model.model_fields.items():
            marker = _marker(field, RefersTo)
            if marker is None:
                continue
            unknown = set(marker.sections) - set(SECTIONS)
            assert not unknown, f"{section.name}.{name} refers to no section: {unknown}"
            many = typing.get_origin(field.annotation) is tuple
            found.append(
                ReferenceField(
                    section.name, name, field.alias or name, marker.sections, many, marker.itself
                )
            )
    return tuple(found)


@dataclass(frozen=True)
class NewerField:
    """A field (or some values of it) that a later version of the format added, as declared
    by its `Since`: `section` is None for a key of the map itself (`type:`)."""

    section: str | None
    field: str
    key: str
    since: Since

    def used_by(self, value: Any) -> bool:
        """Whether `value`, given for this field, needs the field's version."""
        if self.since.values:
            return isinstance(value, str) and value in self.since.values
        if self.since.several:
            return isinstance(value, (list, tuple)) and len(value) > 1
        return True


@dataclass(frozen=True)
class NewerUse:
    """One use, at `loc` in a map, of something a later version of the format added;
    `message` says so (after the key, which `loc` ends with)."""

    loc: tuple[str | int, ...]
    field: NewerField
    value: Any

    @property
    def version(self) -> int:
        return self.field.since.version

    @property
    def message(self) -> str:
        since = self.field.since
        what = (
            f"'{self.value}' is"
            if since.values
            else "naming more than one is"
            if since.several
            else "is a key"
        )
        return (
            f"{what} of version {since.version} of the format; to use it, make the first "
            f"line of the file `version: {since.version}`"
        )


def _declared_newer() -> tuple[NewerField, ...]:
    found = []
    models: list[tuple[str | None, type[BaseModel]]] = [(None, Partnership)]
    models += [(s.name, s.model) for s in SECTIONS.values()]
    for section, model in models:
        for name, field in model.model_fields.items():
            marker = _marker(field, Since)
            if marker is not None:
                found.append(NewerField(section, name, field.alias or name, marker))
    return tuple(found)


def newer_uses(source: Partnership | Mapping[str, Any]) -> list[NewerUse]:
    """Everything in `source` that a version of the format later than 1 added, in the
    order of the map: `source` is a map, or a map's plain data as a file holds it (where a
    key written counts even with its default value, `external: false`, but not an empty
    one, `localities: []`; in a map, a field counts when it holds something other than its
    default)."""
    plain = isinstance(source, Mapping)
    found = []

    def given(record: Any, newer: NewerField) -> tuple[bool, Any]:
        if plain or isinstance(record, Mapping):
            value = record.get(newer.key) if isinstance(record, Mapping) else None
            return value not in (None, [], ()), value
        value = getattr(record, newer.field)
        field = type(record).model_fields[newer.field]
        return value != field.get_default(call_default_factory=True), value

    for newer in NEWER_FIELDS:
        if newer.section is not None:
            continue
        written, value = given(source, newer)
        if written and newer.used_by(value):
            found.append(NewerUse((newer.key,), newer, value))
    for section in SECTIONS:
        fields = [n for n in NEWER_FIELDS if n.section == section]
        records = source.get(section) if isinstance(source, Mapping) else getattr(source, section)
        if not fields or not isinstance(records, (list, tuple)):
            continue
        keys = {n.key for n in fields}
        for index, record in enumerate(records):
            if isinstance(record, Mapping) and keys.isdisjoint(record):
                continue  # a record as written, with none of the keys (most, read plainly)
            for newer in fields:
                written, value = given(record, newer)
                if written and newer.used_by(value):
                    found.append(NewerUse((section, index, newer.key), newer, value))
    return found


def version_needed(source: Partnership | Mapping[str, Any]) -> int:
    """The first version of the format that can hold everything in `source` (a map, or its
    plain data): 1 unless it uses something a later version added."""
    return max((u.version for u in newer_uses(source)), default=1)


assert get_args(Partnership.model_fields["version"].annotation) == VERSIONS
assert all(set(STAKEHOLDER_FIELDS) <= set(m.model_fields) for m in (Organisation, Person))
assert VERSIONS[-1] == FORMAT_VERSION

#: The sections of a map, in the order of the file (what others refer to comes first).
SECTIONS: dict[str, MapSection] = _declared_sections()
#: Every field that holds ids of other records, section by section, field by field.
REFERENCES: tuple[ReferenceField, ...] = _declared_references()
#: Every field, and every value of a field, that a version of the format after 1 added.
NEWER_FIELDS: tuple[NewerField, ...] = _declared_newer()


def sections_shown(*, with_ids: bool = False) -> tuple[str, ...]:
    """The sections in the order the app's forms and the spreadsheets show them; only those
    whose records have ids (all but relationships), if `with_ids`."""
    shown = sorted(SECTIONS, key=lambda name: SECTIONS[name].shown)
    return tuple(name for name in shown if SECTIONS[name].has_ids or not with_ids)


def references_from(section: str) -> tuple[ReferenceField, ...]:
    """The fields of `section`'s records that hold ids of other records."""
    return tuple(r for r in REFERENCES if r.section == section)


def references_into(section: str) -> tuple[ReferenceField, ...]:
    """The fields, anywhere in a map, that can hold the id of a record of `section`."""
    return tuple(r for r in REFERENCES if section in r.targets)


def allowed_values(literal: Any) -> tuple[str, ...]:
    """The words a Literal type allows, for messages and forms."""
    return tuple(get_args(literal))
