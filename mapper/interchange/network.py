"""A map as one network of nodes and edges, and back: what every interchange format writes.

Nodes are the records that have ids (localities, outcomes, organisations, people, meetings),
each with `type` (the word for one record: `organisation`, `person`, ...), `label` (what the
app shows it by: a name, a post's title, or the id) and every other field of the record that
holds a value, under its key in the map file. A field that names other records is not a node
attribute but edges, derived from the model's declaration (`mapper.model.REFERENCES`): each
id a record names is one edge, in the order the record lists them, from the record to the one
it names, its `relation` the word in `EDGE_WORDS` (a field added to the model later is an edge
named after its key, with no change here). Attendance reads the other way round, as people
say it: a person `attends` a meeting, as its `chair`, `vice chair` or `member` (the edge's
`role`); someone who sits without a vote has a `non-voting` edge beside their seat. A record
without an id of its own (a relationship) is one edge from its `from` to its `to`, with its
other fields (`kind`, `depth`) on the edge.

Ids are the map's ids, so a node keeps its id from one export to the next; an edge's id is
made of the record, the field and the id it names (`meeting:board:chairs:sam-patel`), with a
colon, which no map id holds, so no edge id can be a node's. Lists of words (a person's
`roles`) are joined with `|` (`LIST_SEPARATOR`), as Kumu writes several values in a cell;
the words a model allows hold no `|`, so the join is undone exactly.

`map_of` reads a network back into a map: the same records in the same order, so a map
written by this tool comes back equal to itself. What a map needs and a file lacks (a node
with no `type`, an edge to no node, a relation this tool does not know) is an
`InvalidMapError` naming each problem; what the file holds beyond the map (a tool's own
columns, such as Gephi's degree) is left out with a warning.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import types
import typing
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from mapper.errors import InvalidMapError, Problem
from mapper.integrity import DIRECTED_KINDS
from mapper.load import validate_data
from mapper.model import (
    REFERENCES,
    SECTIONS,
    Partnership,
    ReferenceField,
    references_from,
    version_needed,
)

__all__ = [
    "EDGE_WORDS",
    "LIST_SEPARATOR",
    "Attribute",
    "Edge",
    "Network",
    "Node",
    "Read",
    "map_of",
    "network_of",
    "NODE_ATTRIBUTES",
    "EDGE_ATTRIBUTES",
]

LIST_SEPARATOR = "|"

#: The relation (and role) of the edges of each field that names other records, and whether
#: the edge runs from the record named to the record naming it (a person attends a meeting;
#: the meeting lists its chairs). A field not listed here is an edge named after its key.
EDGE_WORDS: dict[tuple[str, str], tuple[str, str | None, bool]] = {
    ("organisations", "part_of"): ("part-of", None, False),
    ("organisations", "locality"): ("in-locality", None, False),
    ("people", "organisation"): ("works-for", None, False),
    ("people", "deputy"): ("deputy", None, False),  # from a person to who stands in
    ("people", "locality"): ("in-locality", None, False),
    ("meetings", "chair_rotates"): ("chair-rotates", None, False),
    ("meetings", "chairs"): ("attends", "chair", True),
    ("meetings", "vice_chair"): ("attends", "vice chair", True),
    ("meetings", "members"): ("attends", "member", True),
    ("meetings", "non_voting"): ("non-voting", None, True),
    ("meetings", "reports_to"): ("reports-to", None, False),
    ("meetings", "informs"): ("informs", None, False),
    ("meetings", "locality"): ("in-locality", None, False),
    ("meetings", "outcomes"): ("holds", None, False),
}

Kind = Literal["string", "boolean", "int", "double", "frequency", "date", "list"]


@dataclass(frozen=True)
class Attribute:
    """One attribute of nodes or edges: its key and the kind of value it holds (`frequency`:
    a word or a number of times a year, written as text where a format needs one type)."""

    key: str
    kind: Kind


@dataclass(frozen=True)
class Node:
    id: str
    type: str
    label: str
    values: dict[str, Any]


@dataclass(frozen=True)
class Edge:
    id: str
    source: str
    target: str
    relation: str
    #: Whether the edge has a direction (a relationship of an undirected kind has none).
    directed: bool
    values: dict[str, Any]


@dataclass(frozen=True)
class Network:
    """A map's records as nodes and edges, with the map's name, version and kind."""

    name: str | None
    #: As the file gives them: None when it gives none (a file from another tool).
    version: Any
    type: Any
    nodes: tuple[Node, ...]
    edges: tuple[Edge, ...]


@dataclass(frozen=True)
class Read:
    """A map read from another tool's format, and what was left out of it."""

    partnership: Partnership
    warnings: tuple[str, ...] = field(default=())


def _options(annotation: Any) -> list[Any]:
    """The types a field's annotation allows, Annotated and Optional taken off."""
    if typing.get_origin(annotation) is typing.Annotated:
        return _options(typing.get_args(annotation)[0])
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        return [o for a in typing.get_args(annotation) for o in _options(a)]
    return [] if annotation is type(None) else [annotation]


def _kind(annotation: Any) -> Kind:
    options = _options(annotation)
    if set(options) == {str, int, float}:
        return "frequency"
    (single,) = options
    if typing.get_origin(single) is tuple:
        return "list"
    kinds: dict[Any, Kind] = {bool: "boolean", int: "int", float: "double", dt.date: "date"}
    return kinds.get(single, "string")


def _reference_keys(section: str) -> set[str]:
    return {r.field for r in references_from(section)}


@functools.cache
def _fields(section: str) -> dict[str, tuple[str, Kind]]:
    """Field name -> (key, kind) of the values a record of `section` carries itself."""
    model = SECTIONS[section].model
    skip = _reference_keys(section) | {"id"}
    return {
        name: (f.alias or name, _kind(f.annotation))
        for name, f in model.model_fields.items()
        if name not in skip
    }


def _attributes(sections: Iterable[str], first: tuple[Attribute, ...]) -> tuple[Attribute, ...]:
    found = {a.key: a for a in first}
    for section in sections:
        for key, kind in _fields(section).values():
            known = found.setdefault(key, Attribute(key, kind))
            assert known.kind == kind, f"{key} holds {known.kind} and {kind}"
    return tuple(found.values())


_WITH_IDS = [s for s in SECTIONS if SECTIONS[s].has_ids]
_WITHOUT_IDS = [s for s in SECTIONS if not SECTIONS[s].has_ids]
#: Every node attribute, in the order a table shows them.
NODE_ATTRIBUTES = _attributes(
    _WITH_IDS, (Attribute("type", "string"), Attribute("label", "string"))
)
#: Every edge attribute: the relation, the role in a meeting, and the fields of relationships.
EDGE_ATTRIBUTES = _attributes(
    _WITHOUT_IDS, (Attribute("relation", "string"), Attribute("role", "string"))
)
_DERIVED = {"type", "label", "relation", "role"}


def _word(reference: ReferenceField) -> tuple[str, str | None, bool]:
    return EDGE_WORDS.get(
        (reference.section, reference.field), (reference.key.replace("_", "-"), None, False)
    )


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date) else value


def _values(record: Any, section: str) -> dict[str, Any]:
    found = {}
    for name, (key, _kind_of) in _fields(section).items():
        value = getattr(record, name)
        if value is not None and value != ():
            found[key] = _plain(value)
    return found


def network_of(partnership: Partnership) -> Network:
    """The map as nodes and edges (the module's docstring says how)."""
    nodes, edges = [], []
    for section in _WITH_IDS:
        word = SECTIONS[section].record
        for record in getattr(partnership, section):
            nodes.append(Node(record.id, word, record.label, _values(record, section)))
            for reference in references_from(section):
                held = getattr(record, reference.field)
                relation, role, backwards = _word(reference)
                for named in held if reference.many else () if held is None else (held,):
                    ends = (named, record.id) if backwards else (record.id, named)
                    values = {"relation": relation, **({"role": role} if role else {})}
                    edge_id = f"{word}:{record.id}:{reference.key}:{named}"
                    edges.append(Edge(edge_id, *ends, relation, True, values))
    seen: dict[str, int] = {}
    for section in _WITHOUT_IDS:
        source, target = references_from(section)
        word = SECTIONS[section].record
        for record in getattr(partnership, section):
            ends = getattr(record, source.field), getattr(record, target.field)
            values = {"relation": word, **_values(record, section)}
            edge_id = ":".join([word, *ends, *(str(v) for v in values.values() if v != word)])
            seen[edge_id] = seen.get(edge_id, 0) + 1
            if seen[edge_id] > 1:
                edge_id += f":{seen[edge_id]}"
            directed = getattr(record, "kind", None) in DIRECTED_KINDS
            edges.append(Edge(edge_id, *ends, word, directed, values))
    return Network(
        partnership.name, partnership.version, partnership.type, tuple(nodes), tuple(edges)
    )


# --- reading back ------------------------------------------------------------------------

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
_SECTION_OF = {SECTIONS[s].record: s for s in _WITH_IDS}
_RELATIONSHIP = {SECTIONS[s].record: s for s in _WITHOUT_IDS}
_BY_WORD: dict[tuple[str, str | None], list[ReferenceField]] = {}
for _reference in REFERENCES:
    if SECTIONS[_reference.section].has_ids:
        _relation, _role, _ = _word(_reference)
        _BY_WORD.setdefault((_relation, _role), []).append(_reference)
assert not set(_RELATIONSHIP) & {r for r, _ in _BY_WORD}, "a relation word names two things"


def _record_end(reference: ReferenceField, edge: Edge) -> tuple[str, str]:
    """(the record naming, the record named) of `edge` read as `reference`."""
    return (edge.target, edge.source) if _word(reference)[2] else (edge.source, edge.target)


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
    fields = {key: kind for key, kind in _fields(section).values()}
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
        record = {"id": node.id, **_record_values(reading, where, section, node.values, _DERIVED)}
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
        values = _record_values(reading, where, section, edge.values, _DERIVED)
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
