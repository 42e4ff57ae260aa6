"""A network read back into a map: the records of its nodes and edges, checked as a map is.

`map_of` gives the same records in the same order as `mapper.interchange.network` wrote them,
so a map written by this tool comes back equal to itself. What a map needs and a file lacks
(a node with no `type`, an edge to no node, a relation a map does not have) is one
`InvalidMapError` naming each problem; what the file holds beyond the map (a tool's own
columns, such as Gephi's degree) is left out with a warning. A value equal to a field's
default (`vacant: false`, which the export writes so that tools can filter on it) is left to
the default, as a map file leaves it out, so a version 1 map stays version 1.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from mapper.errors import InvalidMapError, Problem
from mapper.interchange.network import (
    DERIVED,
    LIST_SEPARATOR,
    WITH_IDS,
    WITHOUT_IDS,
    Edge,
    Kind,
    Network,
    edge_word,
    record_fields,
)
from mapper.load import validate_data
from mapper.model import (
    REFERENCES,
    SECTIONS,
    Partnership,
    ReferenceField,
    references_from,
    version_needed,
)

__all__ = ["Read", "map_of"]


@dataclass(frozen=True)
class Read:
    """A map read from another tool's format, and what was left out of it."""

    partnership: Partnership
    warnings: tuple[str, ...] = field(default=())


_WHOLE = re.compile(r"-?[0-9]+")
_NUMBER = re.compile(r"-?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][-+]?[0-9]+)?")
_TRUE, _FALSE = {"true", "1", "yes"}, {"false", "0", "no"}


def _parse(kind: Kind, value: Any) -> Any:
    """A value as the map holds it, from the text (or JSON value) a file gives; ValueError
    when it cannot be one."""
    if kind == "list":
        if isinstance(value, (list, tuple)):
            return [str(v) for v in value]
        text = str(value)
        return [v for v in text.split(LIST_SEPARATOR)] if text else []
    if not isinstance(value, str):
        if kind == "boolean" and isinstance(value, bool):
            return value
        if kind in ("int", "double", "frequency") and isinstance(value, (int, float)):
            if not isinstance(value, bool):
                return value
        if kind in ("string", "date"):
            raise ValueError("should be text")
        raise ValueError(f"should be {_EXPECTED[kind]}")
    if kind == "boolean":
        if value.strip().lower() in _TRUE | _FALSE:
            return value.strip().lower() in _TRUE
        raise ValueError("should be true or false")
    if kind == "int":
        if _WHOLE.fullmatch(value.strip()):
            return int(value)
        raise ValueError("should be a whole number")
    if kind == "double":
        if _NUMBER.fullmatch(value.strip()):
            return float(value)
        raise ValueError("should be a number")
    if kind == "frequency":
        if _WHOLE.fullmatch(value.strip()):
            return int(value)
        if _NUMBER.fullmatch(value.strip()):
            return float(value)
    return value


_EXPECTED = {
    "boolean": "true or false",
    "int": "a whole number",
    "double": "a number",
    "frequency": "a frequency word or a number of times a year",
}
_SECTION_OF = {SECTIONS[s].record: s for s in WITH_IDS}
_RELATIONSHIP = {SECTIONS[s].record: s for s in WITHOUT_IDS}
_BY_WORD: dict[tuple[str, str | None], list[ReferenceField]] = {}
for _reference in REFERENCES:
    if SECTIONS[_reference.section].has_ids:
        _relation, _role, _ = edge_word(_reference)
        _BY_WORD.setdefault((_relation, _role), []).append(_reference)
assert not set(_RELATIONSHIP) & {r for r, _ in _BY_WORD}, "a relation word names two things"


def _record_end(reference: ReferenceField, edge: Edge) -> tuple[str, str]:
    """(the record naming, the record named) of `edge` read as `reference`."""
    return (edge.target, edge.source) if edge_word(reference)[2] else (edge.source, edge.target)


@dataclass
class _Reading:
    file: str
    problems: list[Problem] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    ignored: dict[str, int] = field(default_factory=dict)

    def problem(self, where: str, message: str) -> None:
        self.problems.append(Problem(self.file, None, where, f"{where}: {message}"))

    def ignore(self, key: str) -> None:
        self.ignored[key] = self.ignored.get(key, 0) + 1


def _record_values(
    reading: _Reading, where: str, section: str, given: Mapping[str, Any], derived: set[str]
) -> dict[str, Any]:
    fields = {key: kind for key, kind in record_fields(section).values()}
    defaults = _defaults(section)
    record: dict[str, Any] = {}
    for key, value in given.items():
        if key in derived or value is None or value == "":
            continue
        if key not in fields:
            reading.ignore(key)
            continue
        try:
            parsed = _parse(fields[key], value)
        except ValueError as error:
            reading.problem(where, f"{key} {error}, not {str(value)[:60]!r}")
            continue
        # A value the record would have anyway (`vacant: false`) is left to the default, as
        # a file leaves it out: so a version 1 map, written with its defaults, stays one.
        if parsed != defaults.get(key, _NO_DEFAULT):
            record[key] = parsed
    return record


_NO_DEFAULT = object()


@functools.cache
def _defaults(section: str) -> dict[str, Any]:
    model = SECTIONS[section].model
    return {
        f.alias or name: _plain_default(f.get_default(call_default_factory=True))
        for name, f in model.model_fields.items()
    }


def _plain_default(value: Any) -> Any:
    return list(value) if isinstance(value, tuple) else value


def map_of(network: Network, file: str) -> Read:
    """The map `network` holds (the module's docstring says how), its problems all named in
    one InvalidMapError (`file` is the file's name for them). A network that gives no
    version of the format (a file from another tool) holds the first one that has
    everything in it, as a map read from spreadsheets does."""
    reading = _Reading(file)
    sections: dict[str, list[dict[str, Any]]] = {s: [] for s in SECTIONS}
    records: dict[str, tuple[str, dict[str, Any]]] = {}
    words = ", ".join(_SECTION_OF)
    for node in network.nodes:
        where = f"node '{node.id}'"
        section = _SECTION_OF.get(node.type)
        if section is None:
            what = f"type '{node.type}'" if node.type else "no type"
            reading.problem(
                where,
                f"has {what}; each node of a map is one of: {words} (its `type` attribute)",
            )
            continue
        if node.id in records:
            reading.problem(where, "is given twice; each node needs an id of its own")
            continue
        record = {"id": node.id, **_record_values(reading, where, section, node.values, DERIVED)}
        for reference in references_from(section):  # a list the record must give, if empty
            if (
                reference.many
                and SECTIONS[section].model.model_fields[reference.field].is_required()
            ):
                record[reference.key] = []
        records[node.id] = (section, record)
        sections[section].append(record)
    for edge in network.edges:
        _read_edge(reading, edge, records, sections)
    if reading.problems:
        raise InvalidMapError(reading.problems[:100], omitted=max(0, len(reading.problems) - 100))
    data: dict[str, Any] = {"name": network.name or "Imported partnership", **sections}
    if network.type is not None and network.type != Partnership.model_fields["type"].default:
        data["type"] = network.type
    given = network.version
    if isinstance(given, str) and given.strip().isdigit():
        given = int(given)  # as text files give it; a word is refused by the map's own check
    data["version"] = given if given is not None else version_needed(data)
    for key, count in reading.ignored.items():
        reading.warnings.append(
            f"{file}: the attribute {key} ({count} times) is not part of a map, so it was left out"
        )
    return Read(validate_data(data, filename=file), tuple(reading.warnings))


def _read_edge(
    reading: _Reading,
    edge: Edge,
    records: dict[str, tuple[str, dict[str, Any]]],
    sections: dict[str, list[dict[str, Any]]],
) -> None:
    where = f"edge {edge.source} -> {edge.target}"
    missing = [end for end in (edge.source, edge.target) if end not in records]
    if missing:
        reading.problem(where, f"names '{missing[0]}', which is no node of the file")
        return
    if edge.relation in _RELATIONSHIP:
        section = _RELATIONSHIP[edge.relation]
        source, target = references_from(section)
        values = _record_values(reading, where, section, edge.values, DERIVED)
        sections[section].append({source.key: edge.source, target.key: edge.target, **values})
        return
    role = edge.values.get("role") or None
    candidates = _BY_WORD.get((edge.relation, role), [])
    for reference in candidates:
        naming, named = _record_end(reference, edge)
        if records[naming][0] == reference.section and records[named][0] in reference.targets:
            record = records[naming][1]
            if reference.many:
                record.setdefault(reference.key, []).append(named)
            elif reference.key in record:
                reading.problem(
                    where, f"gives a second {reference.key} to '{naming}', which has one"
                )
            else:
                record[reference.key] = named
            return
    known = sorted({r for r, _ in _BY_WORD} | set(_RELATIONSHIP))
    roles = sorted(str(r) for w, r in _BY_WORD if w == edge.relation and r)
    if not candidates and roles:
        reading.problem(
            where,
            ("has the role " + (f"'{role}'" if role else "none"))
            + f"; '{edge.relation}' takes one of: {', '.join(roles)}",
        )
    elif not candidates:
        what = f"relation '{edge.relation}'" + (f" (role '{role}')" if role else "")
        reading.problem(
            where,
            f"has {what}, which a map does not have; a map's relations are: {', '.join(known)}",
        )
    else:
        reading.problem(
            where,
            f"'{edge.relation}' does not join {SECTIONS[records[edge.source][0]].a_record} to "
            f"{SECTIONS[records[edge.target][0]].a_record}",
        )
