"""Changing a map record by record, as the app's forms do, with the loader's own validation.

A map is immutable; each change returns a new map or raises InvalidMapError naming every
problem (the page shows each message beside its field). Changes work on the map's plain data,
the same shape as the file, so what a form saves is exactly what the loader would accept.

Deleting something other records mention needs a decision, as it would on paper: drop the
mentions too, or hand them to another record (a new chair, a new home organisation).
`references_to` lists the mentions so the page can ask.

A workshop adds in one go (`add_person`, `add_meeting`): a person with the meetings they sit
in, or a meeting with its chair and members, the id made from the name (`new_id`: a clash
gets a suffix, never an error). A refusal is `EntryRefused`, its messages by field.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any, Literal

from mapper.errors import InvalidMapError, MapperError
from mapper.load import validate_data
from mapper.model import (
    FORMAT_VERSION,
    Partnership,
    references_into,
    sections_shown,
    slug,
    version_needed,
)
from mapper.model import SECTIONS as MAP_SECTIONS

__all__ = [
    "SECTIONS",
    "Reference",
    "map_data",
    "record_data",
    "put_record",
    "references_to",
    "delete_record",
    "field_messages",
    "empty_map",
    "Seat",
    "Added",
    "EntryRefused",
    "new_id",
    "add_person",
    "add_meeting",
]

#: The sections a form edits, in the order the app shows them, and the word for one record.
SECTIONS = {name: MAP_SECTIONS[name].record for name in sections_shown()}


def _mentioned_in(section: str) -> dict[str, tuple[str, ...]]:
    """Where a record of `section` can be mentioned: section -> keys holding its ids (from
    the model's `RefersTo` declarations)."""
    found: dict[str, tuple[str, ...]] = {}
    for reference in references_into(section):
        found[reference.section] = (*found.get(reference.section, ()), reference.key)
    return found


_MENTIONED_IN = {name: _mentioned_in(name) for name in MAP_SECTIONS if _mentioned_in(name)}


@dataclass(frozen=True)
class Reference:
    """One mention of a record: in which record (`owner`, shown by its label) and field."""

    section: str
    owner: str
    label: str
    field: str


def empty_map(name: str) -> Partnership:
    """A new map with a name and nothing in it yet."""
    return validate_data({"version": FORMAT_VERSION, "name": name})


def map_data(partnership: Partnership) -> dict[str, Any]:
    """The map as plain data in the file's shape, every editable section a list (present
    even when empty), ready to change and validate again."""
    data = partnership.model_dump(
        mode="python", by_alias=True, exclude_none=True, exclude_defaults=True
    )
    for section in SECTIONS:
        data[section] = list(data.get(section, ()))
    for meeting in data["meetings"]:
        # A meeting whose chair rotates names none (`chairs: []`): kept, not left out.
        meeting.setdefault("chairs", [])
    return {"version": partnership.version, **data}


def record_data(partnership: Partnership, section: str, key: str | int) -> dict[str, Any]:
    """One record as plain data (file shape): by id, or by position for relationships."""
    return map_data(partnership)[section][_position(partnership, section, key)]


def _position(partnership: Partnership, section: str, key: str | int) -> int:
    records = getattr(partnership, section)
    if isinstance(key, int):
        if not 0 <= key < len(records):
            raise MapperError(f"{section} has no entry {key + 1}")
        return key
    for index, record in enumerate(records):
        if getattr(record, "id", None) == key:
            return index
    raise MapperError(f"no {SECTIONS[section]} with the id '{key}'")


def put_record(
    partnership: Partnership,
    section: str,
    record: dict[str, Any],
    replacing: str | int | None = None,
) -> Partnership:
    """The map with `record` added to `section`, or put in place of the record `replacing`
    (an id, or a position for relationships). Giving a record a new id carries every mention
    of the old id over to the new one, so renaming never breaks a meeting or a deputy."""
    data = map_data(partnership)
    clean = {k: v for k, v in record.items() if v not in (None, "", [], ())}
    if section == "meetings":
        # A form with no chair chosen leaves `chairs` out: it is `[]`, a meeting whose chair
        # rotates (`chair_rotates`) with no one named now, or one told it needs a chair.
        clean.setdefault("chairs", [])
    records = data.setdefault(section, [])
    if replacing is None:
        records.append(clean)
    else:
        position = _position(partnership, section, replacing)
        old_id = records[position].get("id")
        records[position] = clean
        if section in _MENTIONED_IN and old_id and clean.get("id") and clean["id"] != old_id:
            _replace_mentions(data, section, old_id, clean["id"])
            _carry_kept(data, old_id, clean["id"])
    # A version 1 map given something of version 2 (a locality, a vacant post) becomes a
    # version 2 map, as its file will say when saved; otherwise it keeps its version.
    data["version"] = max(data["version"], version_needed(data))
    return validate_data(data)


def references_to(partnership: Partnership, section: str, ident: str) -> list[Reference]:
    """Every mention of the record `ident` of `section` elsewhere in the map."""
    data = map_data(partnership)
    found = []
    for owner_section, fields in _MENTIONED_IN.get(section, {}).items():
        for record in data.get(owner_section, []):
            for field in fields:
                value = record.get(field)
                if value == ident or (isinstance(value, list | tuple) and ident in value):
                    found.append(Reference(owner_section, _owner(record), _label(record), field))
    return found


def delete_record(
    partnership: Partnership, section: str, key: str | int, hand_to: str | None = None
) -> Partnership:
    """The map without the record `key`. Its mentions go too, or pass to `hand_to` (another
    record of the same section). Raises InvalidMapError when what is left does not hold (a
    meeting left with no chair), so the person can choose again."""
    data = map_data(partnership)
    position = _position(partnership, section, key)
    removed = data[section].pop(position)
    if section in _MENTIONED_IN and removed.get("id"):
        _replace_mentions(data, section, removed["id"], hand_to)
    return validate_data(data)


def field_messages(error: InvalidMapError, section: str, position: int) -> dict[str, list[str]]:
    """The problems about one record, by field ('' for the record as a whole), for a form."""
    prefix = f"{section}[{position}]"
    found: dict[str, list[str]] = {}
    for problem in error.problems:
        if problem.where == prefix or problem.where.startswith((prefix + ".", prefix + "[")):
            field = problem.where[len(prefix) :].lstrip(".").split("[")[0].split(".")[0]
            found.setdefault(field, []).append(problem.message)
        else:
            found.setdefault("", []).append(problem.message)
    return found


def _replace_mentions(data: dict[str, Any], section: str, old: str, new: str | None) -> None:
    for owner_section, fields in _MENTIONED_IN[section].items():
        kept = []
        for record in data.get(owner_section, []):
            for field in fields:
                record[field] = _swap(record.get(field), old, new)
                if record[field] is None:
                    del record[field]
            if not MAP_SECTIONS[owner_section].has_ids and _lost_an_end(record, fields):
                continue  # a tie with an end gone, or folded onto itself, goes too
            if owner_section == "meetings":
                record.setdefault("chairs", [])  # its only chair gone, or a rotating chair
                _one_seat_each(record)
            kept.append(record)
        if owner_section in data:
            data[owner_section] = kept


def _carry_kept(data: dict[str, Any], old: str, new: str) -> None:
    """What the map keeps about a record by its id, beyond the records themselves: the
    decisions about findings it is a subject of, and its place in each view. A new id
    carries both, so a finding set aside in a workshop does not come back, nor the node
    move, because a record was renamed."""
    for decision in data.get("decisions", []):
        subjects = decision.get("subjects")
        if subjects and old in subjects:
            decision["subjects"] = [new if s == old else s for s in subjects]
    for positions in (data.get("layout") or {}).values():
        if isinstance(positions, dict) and old in positions:
            positions[new] = positions.pop(old)


def _lost_an_end(record: dict[str, Any], fields: tuple[str, ...]) -> bool:
    """Whether a record that is only its references (a relationship, its two ends) has lost
    one of them, or has two of them folded onto one record."""
    ends = [record.get(field) for field in fields]
    single = [end for end in ends if not isinstance(end, list)]
    return None in ends or len(set(single)) < len(single)


def _one_seat_each(meeting: dict[str, Any]) -> None:
    """A person handed a chair keeps one seat: a chair is not also vice chair or member."""
    chairs = set(meeting.get("chairs") or ())
    if meeting.get("vice_chair") in chairs:
        del meeting["vice_chair"]
    if meeting.get("members"):
        meeting["members"] = [
            m for m in meeting["members"] if m not in chairs and m != meeting.get("vice_chair")
        ]
        if not meeting["members"]:
            del meeting["members"]


def _swap(value: Any, old: str, new: str | None) -> Any:
    if isinstance(value, list | tuple):
        swapped = [new if v == old else v for v in value]
        return list(dict.fromkeys(v for v in swapped if v is not None)) or None
    if value == old:
        return new
    return value


def _owner(record: dict[str, Any]) -> str:
    return record.get("id") or f"{record.get('from')} - {record.get('to')}"


def _label(record: dict[str, Any]) -> str:
    return record.get("name") or _owner(record)


# Workshop entry: a person with their seats, a meeting with its chair and members, in one go

Seat = Literal["member", "chair"]


@dataclass(frozen=True)
class Added:
    """What an entry made: the new map, the new record's id, and the change in words
    ("add Sam Patel"), as an undo button says it."""

    partnership: Partnership
    id: str
    change: str


class EntryRefused(MapperError):
    """An entry the map cannot take; `messages` by field of the form ('' for the whole)."""

    def __init__(self, messages: dict[str, list[str]]) -> None:
        self.messages = messages
        super().__init__(" ".join(m for found in messages.values() for m in found))


def new_id(partnership: Partnership, name: str, word: str) -> str:
    """An id made from `name` ('Sam Patel' -> 'sam-patel'), unused in the whole map (ids are
    unique across sections): a clash gets a suffix ('sam-patel-2'). A name with no letter
    of id shape (all Chinese, say) is called after its kind of record ('person-2')."""
    taken = {
        record.id
        for section in MAP_SECTIONS.values()
        if section.has_ids
        for record in getattr(partnership, section.name)
    }
    stem = slug(name) or slug(word) or "record"
    candidate, n = stem, 2
    while candidate in taken:
        candidate, n = f"{stem}-{n}", n + 1
    return candidate


def _entry(values: Mapping[str, Any]) -> dict[str, Any]:
    """A form's values as a record: text trimmed, empty values left out."""
    record = {}
    for key, value in values.items():
        if isinstance(value, str):
            value = value.strip()
        if isinstance(value, tuple):
            value = list(value)
        if value not in (None, "", []):
            record[key] = value
    return record


def add_person(
    partnership: Partnership, person: Mapping[str, Any], seats: Mapping[str, Seat]
) -> Added:
    """The map with a new person (`person`: name, organisation, level, title...; the id
    made from the name unless given) seated in meetings: `seats` maps a meeting's id to
    "member" or "chair" (a meeting with one chair gets a co-chair). Raises EntryRefused,
    with messages by field: "meetings" and "chairs" for the seats."""
    record = _entry(person)
    refused: dict[str, list[str]] = {}
    if not record.get("name"):
        refused["name"] = ["Type the person's name: their id is made from it."]
    if not record.get("organisation") and record.get("level") != "family":
        refused["organisation"] = [
            "Choose their organisation: only family representatives belong to none."
        ]
    data = map_data(partnership)
    meetings = {m["id"]: m for m in data["meetings"]}
    for meeting_id, seat in seats.items():
        field = "chairs" if seat == "chair" else "meetings"
        meeting = meetings.get(meeting_id)
        if meeting is None:
            refused.setdefault(field, []).append(f"There is no meeting with the id '{meeting_id}'.")
        elif seat not in ("member", "chair"):
            refused.setdefault(field, []).append(f"'{seat}' is not a seat: member or chair.")
        elif seat == "chair" and len(meeting.get("chairs") or ()) >= 2:
            refused["chairs"] = [
                *refused.get("chairs", []),
                f"{meeting.get('name') or meeting_id} has two co-chairs already: seat them "
                "as a member, or change its chairs on the Edit page.",
            ]
    if refused:
        raise EntryRefused(refused)
    ident = record.get("id") or new_id(partnership, record["name"], "person")
    record["id"] = ident
    data["people"].append(record)
    for meeting_id, seat in seats.items():
        meeting = meetings[meeting_id]
        key = "chairs" if seat == "chair" else "members"
        meeting[key] = [*meeting.get(key, ()), ident]
    seated = _validated(data, "people", len(partnership.people), others={"meetings": "meetings"})
    return Added(seated, ident, f"add {record['name']}")


def add_meeting(partnership: Partnership, meeting: Mapping[str, Any]) -> Added:
    """The map with a new meeting (`meeting`: name, level, frequency, `chair` (one person's
    id), members, reports_to...; the id made from the name unless given). The chair is not
    listed as a member too. Raises EntryRefused, with messages by field ("chair" for the
    chair)."""
    record = _entry(meeting)
    refused: dict[str, list[str]] = {}
    if not record.get("name"):
        refused["name"] = ["Type the meeting's name: its id is made from it."]
    chair = record.pop("chair", None)
    if chair is None:
        refused["chair"] = ["Choose who chairs it."]
    if refused:
        raise EntryRefused(refused)
    record["chairs"] = [chair]
    if "members" in record:
        record["members"] = [m for m in dict.fromkeys(record["members"]) if m != chair]
        if not record["members"]:
            del record["members"]
    ident = record.get("id") or new_id(partnership, record["name"], "meeting")
    record["id"] = ident
    data = map_data(partnership)
    data["meetings"].append(record)
    data["version"] = max(data["version"], version_needed(data))
    made = _validated(data, "meetings", len(partnership.meetings), fields={"chairs": "chair"})
    return Added(made, ident, f"add the meeting {record['name']}")


def _validated(
    data: dict[str, Any],
    section: str,
    position: int,
    fields: Mapping[str, str] = MappingProxyType({}),
    others: Mapping[str, str] = MappingProxyType({}),
) -> Partnership:
    """`data` validated as a map, or EntryRefused with its problems by field of the entry's
    form: a field of the new record under its name in the form (`fields` renames), a
    problem in a record of another section (a meeting the person was seated in) under the
    form's field for it (`others`), anything else for the form as a whole."""
    try:
        return validate_data(data)
    except InvalidMapError as error:
        messages = field_messages(error, section, position)
        whole = messages.pop("", [])
        by_field = {fields.get(k, k): v for k, v in messages.items()}
        for problem in error.problems:
            other = problem.where.split("[")[0]
            if other != section and other in others and problem.message in whole:
                by_field.setdefault(others[other], []).append(problem.message)
                whole.remove(problem.message)
        if whole:
            by_field[""] = whole
        raise EntryRefused(by_field) from None
