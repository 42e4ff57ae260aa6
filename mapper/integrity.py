"""The rules that tie a map together: ids are unique across it and every reference resolves.

They run on records that are each valid on their own. The loader runs them even when some
records are broken (passing the ids those records declare), so one pass reports everything;
`Partnership` runs them when built directly, so a form gets the same rules as a file.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from mapper.model import REFERENCES, SECTIONS

__all__ = ["IntegrityProblem", "find_integrity_problems", "closest", "DIRECTED_KINDS"]

Loc = tuple[str | int, ...]

#: The sections whose records have ids, which must be unique across the map.
_SECTIONS = tuple(s.name for s in SECTIONS.values() if s.has_ids)
_KIND_OF_SECTION = {s.name: s.a_record for s in SECTIONS.values()}


@dataclass(frozen=True)
class IntegrityProblem:
    """A broken rule at `loc`; `first` points at the earlier declaration for a duplicate id."""

    loc: Loc
    message: str
    first: Loc | None = None

    def describe(self) -> str:
        where = format_loc(self.loc)
        also = f" (first declared at {format_loc(self.first)})" if self.first else ""
        return f"{where}: {self.message}{also}"


def format_loc(loc: Loc) -> str:
    """`('people', 3, 'organisation')` as `people[3].organisation`."""
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


def closest(value: str, candidates: Iterable[str]) -> str | None:
    """The declared name nearest to a misspelt one, for 'did you mean ...?'."""
    candidates = list(candidates)
    same_letters = [c for c in candidates if c.casefold() == value.casefold()]
    if same_letters:
        return same_letters[0]
    found = difflib.get_close_matches(value, candidates, n=1, cutoff=0.6)
    return found[0] if found else None


def find_integrity_problems(
    partnership: Any, declared_elsewhere: Mapping[str, str] | None = None
) -> list[IntegrityProblem]:
    """Every duplicate id and dangling reference in `partnership` (any object with the sections).

    `declared_elsewhere` maps ids to their section for records that failed validation, so a
    reference to a broken record is not reported a second time as undeclared.
    """
    problems: list[IntegrityProblem] = []
    section_of = {i: s for i, s in (declared_elsewhere or {}).items() if s in _SECTIONS}
    where_declared: dict[str, Loc] = {}
    spelling: dict[str, str] = {}  # casefolded id -> the id as declared
    for section in _SECTIONS:
        for index, record in enumerate(getattr(partnership, section)):
            loc: Loc = (section, index, "id")
            if record.id in where_declared:
                problems.append(
                    IntegrityProblem(
                        loc,
                        f"the id '{record.id}' is used twice; ids must be unique in the whole map",
                        where_declared[record.id],
                    )
                )
                continue
            folded = record.id.casefold()
            if folded in spelling:
                # Ids are compared exactly, so these would be two records that read as one.
                problems.append(
                    IntegrityProblem(
                        loc,
                        f"the id '{record.id}' differs from '{spelling[folded]}' only in capital "
                        "letters; ids must differ by more than that: use one spelling for one "
                        "record, or another id for another",
                        where_declared[spelling[folded]],
                    )
                )
                continue
            spelling[folded] = record.id
            where_declared[record.id] = loc
            section_of[record.id] = section
    ids_in: dict[str, list[str]] = {s: [] for s in _SECTIONS}
    for ident, section in section_of.items():
        ids_in[section].append(ident)

    def check(loc: Loc, value: str | None, wanted: Sequence[str], owner: str | None = None) -> None:
        if value is None:
            return
        if value == owner:
            problems.append(IntegrityProblem(loc, f"'{value}' cannot refer to itself"))
            return
        found = section_of.get(value)
        if found in wanted:
            return
        wanted_words = " or ".join(_KIND_OF_SECTION[s] for s in wanted)
        if found is not None:
            problems.append(
                IntegrityProblem(
                    loc, f"'{value}' is {_KIND_OF_SECTION[found]}, but this needs {wanted_words}"
                )
            )
            return
        suggestion = closest(value, (i for s in wanted for i in ids_in[s]))
        hint = f"; did you mean {suggestion}?" if suggestion else ""
        problems.append(
            IntegrityProblem(loc, f"'{value}' is not declared as {wanted_words} in this map{hint}")
        )

    # Every field the model declares as holding ids (`RefersTo`), record by record. A record
    # naming itself is refused only where it could (a chair is never its own meeting).
    for section in SECTIONS:
        references = [r for r in REFERENCES if r.section == section]
        for i, record in enumerate(getattr(partnership, section) if references else ()):
            for ref in references:
                owner = getattr(record, "id", None)
                if ref.itself or section not in ref.targets:
                    owner = None
                value = getattr(record, ref.field)
                if ref.many:
                    for j, one in enumerate(value):
                        check((section, i, ref.key, j), one, ref.targets, owner)
                else:
                    check((section, i, ref.key), value, ref.targets, owner)
    problems += _part_of_cycles(partnership.organisations)
    problems += _non_voting_attend(partnership.meetings, section_of)
    listed: dict[tuple[str, ...], int] = {}
    for i, tie in enumerate(partnership.relationships):
        ends = (
            (tie.source, tie.target)
            if tie.kind in DIRECTED_KINDS
            else tuple(sorted((tie.source, tie.target)))
        )
        key = (tie.kind, *ends)
        if key in listed:
            problems.append(
                IntegrityProblem(
                    ("relationships", i, "from"),
                    f"this {tie.kind} relationship between "
                    f"'{tie.source}' and '{tie.target}' is listed twice; a tie counts once, so "
                    "keep "
                    "one entry (with the depth that is right)",
                    ("relationships", listed[key], "from"),
                )
            )
        else:
            listed[key] = i
    return problems


#: Kinds with a direction (one organisation commissions or funds the other); the rest are
#: mutual, so `from: a, to: b` and `from: b, to: a` are the same tie.
DIRECTED_KINDS = frozenset({"commissioning", "funding"})


def _non_voting_attend(
    meetings: Sequence[Any], section_of: Mapping[str, str]
) -> list[IntegrityProblem]:
    """Those who sit in a meeting without a vote sit in it: each of `non_voting` is among
    its attendees (a name that is no person is reported already, as undeclared)."""
    return [
        IntegrityProblem(
            ("meetings", i, "non_voting", j),
            f"'{person}' sits without a vote but does not attend this meeting; list them "
            "among its members (or chairs) too, or take them off non_voting",
        )
        for i, meeting in enumerate(meetings)
        for j, person in enumerate(meeting.non_voting)
        if section_of.get(person) == "people" and person not in meeting.attendees
    ]


def _part_of_cycles(organisations: Sequence[Any]) -> list[IntegrityProblem]:
    """One problem per loop of `part_of` (a inside b inside a): no organisation can be inside
    itself, and every walk up the tree (the map, the diagnosis) needs it to end."""
    parent = {o.id: o.part_of for o in organisations}
    index = {o.id: i for i, o in enumerate(organisations)}
    reported: set[str] = set()
    problems = []
    for org in organisations:
        path: list[str] = []
        current: str | None = org.id
        while (
            current is not None
            and current in parent
            and current not in path
            and current not in reported
        ):
            path.append(current)
            current = parent[current]
        if current in path:
            loop = path[path.index(current) :]
            reported.update(loop)
            first = min(loop, key=index.__getitem__)
            start = loop.index(first)
            ring = loop[start:] + loop[:start] + [first]
            problems.append(
                IntegrityProblem(
                    ("organisations", index[first], "part_of"),
                    "goes round in a loop ("
                    + " is part of ".join(f"'{o}'" for o in ring)
                    + "); an organisation cannot be "
                    "inside itself: remove one part_of",
                )
            )
        reported.update(path)
    return problems
