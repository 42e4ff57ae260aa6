"""The map as the wall may see it: each person shown by their post or their initials instead of
their name, for a room where not everyone should see everyone's name.

`mask_of(map, mode)` decides what each person is called (`Mask`); `hide(map, mask)` is the map
with those words in place of the names, everywhere: a person's id (often made from their name)
becomes one made from the new label, every mention of the id follows (meetings, deputies,
relationships, decisions, kept positions), and a name written in free text (a meeting's
purpose, a decision's reason or owner, a note) is replaced by the label too. Everything else
(organisations, meetings, levels, dates) is left as it is, so the analysis of the hidden map is
the analysis of the map, in other words.

`restore(real, mask, shown, changed)` takes an edit made on the hidden map back to the real
one: what the edit left as it was comes back as it really is (the names), what it changed is
taken as typed, and the ids are taken back through the mask (a new record whose id happens to
be a real person's hidden id gets another). So a workshop can add people and meetings with the
names hidden, and nothing of the real map is lost.

Plain Python: `mapper.app_state` keeps the real map and shows the hidden one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal, NamedTuple

from mapper.edit import map_data
from mapper.load import validate_data
from mapper.model import (
    LAYOUT_VIEWS,
    REFERENCES,
    SECTIONS,
    AssessmentAnswer,
    Decision,
    LongText,
    Name,
    Partnership,
    Person,
    slug,
)
from mapper.vocabulary import label, readable

__all__ = ["Mode", "MODES", "Mask", "Restored", "mask_of", "hide", "restore", "initials"]

Mode = Literal["names", "posts", "initials"]
#: What each mode shows in place of a name, as the switch says it.
MODES: dict[str, str] = {
    "names": "Names",
    "posts": "Posts, not names",
    "initials": "Initials, not names",
}

#: The fields of each section that hold ids (its own and its references), in file keys.
_ID_FIELDS = {name: {"id"} | {r.key for r in REFERENCES if r.section == name} for name in SECTIONS}


def _free_text(model: type[Any]) -> set[str]:
    """The fields of `model` a person writes in words (names, titles, purposes, reasons):
    the only ones a name is looked for in. Words of the format (a sector, a level) are not."""
    text = {Name, LongText, Name | None, LongText | None}
    return {key for key, info in model.model_fields.items() if info.annotation in text}


_TEXT_FIELDS = {name: _free_text(section.model) for name, section in SECTIONS.items()}
_DECISION_TEXT = _free_text(Decision)
_NOTE_TEXT = _free_text(AssessmentAnswer)


def _name_like(ident: str) -> bool:
    """An id that reads as a name when written in text ('sam-patel', 'amara@evil.example'),
    not a plain word ('lead')."""
    return bool(re.search(r"[^a-z]", ident)) and len(ident) >= 4


@dataclass(frozen=True)
class Mask:
    """What the wall calls each person (by real id): `labels` in place of their name, `ids`
    in place of their id. `names` are the words replaced in free text (a name, or an id
    that reads as one), each with its label."""

    mode: Mode
    ids: Mapping[str, str]
    labels: Mapping[str, str]
    names: Mapping[str, str] = field(default_factory=dict)
    _back: Mapping[str, str] = field(init=False, repr=False, compare=False)
    _pattern: re.Pattern[str] | None = field(init=False, repr=False, compare=False)
    _folded: Mapping[str, str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_back", {shown: real for real, shown in self.ids.items()})
        # A name of two words or more in any case; a one-word name ("Will", "Hope") only as
        # written, so that "will" and "hope" in a sentence stay as they are. Longest first.
        words = "|".join(
            f"(?i:{re.escape(name)})" if re.search(r"\W", name) else re.escape(name)
            for name in sorted(self.names, key=len, reverse=True)
        )
        pattern = re.compile(rf"(?<!\w)(?:{words})(?!\w)") if words else None
        object.__setattr__(self, "_pattern", pattern)
        folded = {name.casefold(): shown for name, shown in self.names.items()}
        object.__setattr__(self, "_folded", folded)

    @property
    def hides(self) -> bool:
        return self.mode != "names"

    def person_of(self, shown: str) -> str | None:
        """The real id of the person shown as `shown`; None when it is no one's."""
        return self._back.get(shown)

    def shown_id(self, real: str) -> str:
        """The id the wall sees for `real` (anything not a person's: itself)."""
        return self.ids.get(real, real)

    def text(self, value: str) -> str:
        """`value` with every name (and name-like id) of the map replaced by its label."""
        if self._pattern is None:
            return value
        return self._pattern.sub(lambda m: self._folded[m.group(0).casefold()], value)


def initials(name: str) -> str:
    """'Sam Patel' -> 'SP', 'Mary-Jane O'Neill' -> 'MJO': the first letter of each word."""
    words = re.findall(r"[^\W\d_]+", name)
    return "".join(w[0].upper() for w in words)


def _post(partnership: Partnership, person: Person) -> str:
    if person.title:
        return person.title
    if person.level == "family":
        return "Family representative"
    where = label(partnership, person.organisation) if person.organisation else ""
    return f"{readable(person.level).capitalize()}{f' at {where}' if where else ''}"


def _said(partnership: Partnership, person: Person, mode: Mode) -> str:
    if mode == "initials" and person.name:
        return initials(person.name) or "Person"
    return _post(partnership, person)  # a post with no named holder is its post


def mask_of(partnership: Partnership, mode: Mode, *also: Partnership) -> Mask:
    """What the wall calls each person of `partnership` in `mode`: a label each, told apart
    when two would read the same (a post held in several organisations says which, then a
    number), and an id made from it, unused by anything else of the map. The people only in
    the maps `also` (an earlier version to compare with) are called after them, without
    changing what anyone of `partnership` is called."""
    if mode == "names":
        return Mask(mode, {}, {})
    labels: dict[str, str] = {}
    ids: dict[str, str] = {}
    people: dict[str, Person] = {}
    for each in (partnership, *also):
        others = {
            record.id
            for name, section in SECTIONS.items()
            if section.has_ids and name != "people"
            for record in getattr(each, name)
        }
        _call(each, mode, labels, ids, others)
        for person in each.people:
            people.setdefault(person.id, person)
    replaced: dict[str, tuple[str, str]] = {}  # casefolded: as written, and its label
    for ident, person in people.items():
        if person.name:
            replaced.setdefault(person.name.casefold(), (person.name, labels[ident]))
        if _name_like(ident) and ident != ids[ident]:
            replaced.setdefault(ident.casefold(), (ident, labels[ident]))
    return Mask(mode, ids, labels, dict(replaced.values()))


def _call(
    partnership: Partnership,
    mode: Mode,
    labels: dict[str, str],
    ids: dict[str, str],
    others: set[str],
) -> None:
    """Give each person of `partnership` not yet in `labels` a label and an id."""
    new = [p for p in partnership.people if p.id not in labels]
    wanted = {p.id: _said(partnership, p, mode) for p in new}
    repeated = _repeated(wanted.values())
    taken_labels = {said.casefold() for said in labels.values()}
    taken_ids = set(ids.values()) | others
    for person in new:
        said = wanted[person.id]
        if mode == "posts" and said in repeated and person.title and person.organisation:
            said = f"{said}, {label(partnership, person.organisation)}"
        candidate, n = said, 2
        while candidate.casefold() in taken_labels:
            candidate, n = f"{said} ({n})", n + 1
        labels[person.id] = candidate
        taken_labels.add(candidate.casefold())
        stem = slug(candidate) or "person"
        candidate, n = stem, 2
        while candidate in taken_ids:
            candidate, n = f"{stem}-{n}", n + 1
        ids[person.id] = candidate
        taken_ids.add(candidate)


def _repeated(values: Iterable[str]) -> set[str]:
    seen: set[str] = set()
    twice: set[str] = set()
    for value in values:
        (twice if value in seen else seen).add(value)
    return twice


def _ids(value: Any, to: Mapping[str, str]) -> Any:
    if isinstance(value, list | tuple):
        return [to.get(v, v) for v in value]
    return to.get(value, value) if isinstance(value, str) else value


def hide(partnership: Partnership, mask: Mask) -> Partnership:
    """The map with each person shown as the mask calls them (see the module's words)."""
    if not mask.hides:
        return partnership
    data = map_data(partnership)
    for name in SECTIONS:
        records = []
        for record in data.get(name, ()):
            shown = {}
            for key, value in record.items():
                if key in _ID_FIELDS[name]:
                    shown[key] = _ids(value, mask.ids)
                elif name == "people" and key == "name":
                    shown[key] = mask.labels[record["id"]]
                elif key in _TEXT_FIELDS[name]:
                    shown[key] = mask.text(value)
                else:
                    shown[key] = value
            records.append(shown)
        if name in data:
            data[name] = records
    data["name"] = mask.text(data["name"])
    if "decisions" in data:
        data["decisions"] = [
            {
                k: _ids(v, mask.ids)
                if k == "subjects"
                else mask.text(v)
                if k in _DECISION_TEXT
                else v
                for k, v in d.items()
            }
            for d in data["decisions"]
        ]
    if "assessment" in data:
        data["assessment"] = {
            statement: {k: mask.text(v) if k in _NOTE_TEXT else v for k, v in answer.items()}
            for statement, answer in data["assessment"].items()
        }
    if "layout" in data:
        data["layout"] = {
            view: {mask.ids.get(k, k): v for k, v in positions.items()}
            for view, positions in data["layout"].items()
        }
    return validate_data(data, filename="the map with names hidden")


class Restored(NamedTuple):
    """The real map after an edit made with names hidden, and the real id of each id of the
    edited map that is not its own (`real_id`)."""

    partnership: Partnership
    ids: Mapping[str, str]

    def real_id(self, ident: str) -> str:
        return self.ids.get(ident, ident)


def restore(real: Partnership, mask: Mask, shown: Partnership, changed: Partnership) -> Restored:
    """The real map after the edit that made `changed` from `shown` (`hide(real, mask)`): what
    the edit left alone is as `real` has it, what it changed is as `changed` has it, with the
    ids taken back through the mask."""
    if not mask.hides:
        return Restored(changed, {})
    if changed is shown:
        return Restored(real, {shown: real_id for real_id, shown in mask.ids.items()})
    shown_data, real_data, new_data = map_data(shown), map_data(real), map_data(changed)
    back = {shown_id: real_id for real_id, shown_id in mask.ids.items()}
    hidden_real = set(mask.ids) - set(mask.ids.values())
    known_shown = {r["id"] for n, s in SECTIONS.items() if s.has_ids for r in shown_data.get(n, ())}
    taken = {r["id"] for n, s in SECTIONS.items() if s.has_ids for r in real_data.get(n, ())}
    taken |= {r["id"] for n, s in SECTIONS.items() if s.has_ids for r in new_data.get(n, ())}
    for name, section in SECTIONS.items():  # a new record whose id is a hidden real person's
        if not section.has_ids:
            continue
        for record in new_data.get(name, ()):
            ident = record["id"]
            if ident not in known_shown and ident in hidden_real and ident not in back:
                candidate, n = ident, 2
                while candidate in taken:
                    candidate, n = f"{ident}-{n}", n + 1
                back[ident] = candidate
                taken.add(candidate)

    out = dict(new_data)
    for name, section in SECTIONS.items():
        if name not in new_data:
            continue
        fields = _ID_FIELDS[name]
        before, really = shown_data.get(name, []), real_data.get(name, [])
        if section.has_ids:
            shown_by = {back.get(r["id"], r["id"]): r for r in before}
            real_by = {r["id"]: r for r in really}
            out[name] = [
                _three_way(r, shown_by.get(key), real_by.get(key), fields, back)
                for r in new_data[name]
                for key in [back.get(r["id"], r["id"])]
            ]
        else:  # records with no id (relationships): one left as shown is the real one
            out[name] = [
                really[before.index(r)] if r in before else _three_way(r, None, None, fields, back)
                for r in new_data[name]
            ]
    out["name"] = real_data["name"] if new_data["name"] == shown_data["name"] else new_data["name"]
    if "decisions" in new_data:
        before = {_decided(d, back): d for d in shown_data.get("decisions", ())}
        really = {_decided(d, {}): d for d in real_data.get("decisions", ())}
        out["decisions"] = [
            _three_way(
                d, before.get(_decided(d, back)), really.get(_decided(d, back)), {"subjects"}, back
            )
            for d in new_data["decisions"]
        ]
    if "assessment" in new_data:
        before, really = shown_data.get("assessment", {}), real_data.get("assessment", {})
        out["assessment"] = {
            statement: _three_way(answer, before.get(statement), really.get(statement), set(), back)
            for statement, answer in new_data["assessment"].items()
        }
    if "layout" in new_data:
        out["layout"] = {
            view: {back.get(k, k): v for k, v in positions.items()}
            for view, positions in new_data["layout"].items()
            if view in LAYOUT_VIEWS
        }
    return Restored(validate_data(out, filename="the map"), back)


def _decided(decision: Mapping[str, Any], to: Mapping[str, str]) -> tuple[str, frozenset[str]]:
    return decision["kind"], frozenset(to.get(s, s) for s in decision.get("subjects", ()))


def _three_way(
    record: Mapping[str, Any],
    shown: Mapping[str, Any] | None,
    real: Mapping[str, Any] | None,
    id_fields: set[str],
    back: Mapping[str, str],
) -> dict[str, Any]:
    """One record after an edit: ids taken back; a value the edit left as shown is the real
    one, a value it changed is as typed."""
    out = {}
    for key, value in record.items():
        if key in id_fields:
            out[key] = _ids(value, back)
        elif shown is not None and real is not None and key in real and shown.get(key) == value:
            out[key] = real[key]
        else:
            out[key] = value
    return out
