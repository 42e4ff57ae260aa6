"""A map as one network of nodes and edges: what every interchange format writes.

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

Reading a network back into a map is `mapper.interchange.rebuild`.
"""

from __future__ import annotations

import datetime as dt
import functools
import types
import typing
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Literal

from mapper.integrity import DIRECTED_KINDS
from mapper.model import SECTIONS, Partnership, ReferenceField, references_from

__all__ = [
    "DERIVED",
    "EDGE_ATTRIBUTES",
    "EDGE_WORDS",
    "LIST_SEPARATOR",
    "NODE_ATTRIBUTES",
    "WITHOUT_IDS",
    "WITH_IDS",
    "Attribute",
    "Edge",
    "Kind",
    "Network",
    "Node",
    "edge_word",
    "network_of",
    "record_fields",
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
def record_fields(section: str) -> dict[str, tuple[str, Kind]]:
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
        for key, kind in record_fields(section).values():
            known = found.setdefault(key, Attribute(key, kind))
            assert known.kind == kind, f"{key} holds {known.kind} and {kind}"
    return tuple(found.values())


WITH_IDS = [s for s in SECTIONS if SECTIONS[s].has_ids]
WITHOUT_IDS = [s for s in SECTIONS if not SECTIONS[s].has_ids]
#: Every node attribute, in the order a table shows them.
NODE_ATTRIBUTES = _attributes(WITH_IDS, (Attribute("type", "string"), Attribute("label", "string")))
#: Every edge attribute: the relation, the role in a meeting, and the fields of relationships.
EDGE_ATTRIBUTES = _attributes(
    WITHOUT_IDS, (Attribute("relation", "string"), Attribute("role", "string"))
)
DERIVED = {"type", "label", "relation", "role"}


def edge_word(reference: ReferenceField) -> tuple[str, str | None, bool]:
    return EDGE_WORDS.get(
        (reference.section, reference.field), (reference.key.replace("_", "-"), None, False)
    )


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date) else value


def _values(record: Any, section: str) -> dict[str, Any]:
    found = {}
    for name, (key, _kind_of) in record_fields(section).items():
        value = getattr(record, name)
        if value is not None and value != ():
            found[key] = _plain(value)
    return found


def network_of(partnership: Partnership) -> Network:
    """The map as nodes and edges (the module's docstring says how)."""
    nodes, edges = [], []
    for section in WITH_IDS:
        word = SECTIONS[section].record
        for record in getattr(partnership, section):
            nodes.append(Node(record.id, word, record.label, _values(record, section)))
            for reference in references_from(section):
                held = getattr(record, reference.field)
                relation, role, backwards = edge_word(reference)
                for named in held if reference.many else () if held is None else (held,):
                    ends = (named, record.id) if backwards else (record.id, named)
                    values = {"relation": relation, **({"role": role} if role else {})}
                    edge_id = f"{word}:{record.id}:{reference.key}:{named}"
                    edges.append(Edge(edge_id, *ends, relation, True, values))
    seen: dict[str, int] = {}
    for section in WITHOUT_IDS:
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
