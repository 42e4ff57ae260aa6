"""The map as GraphML (Cytoscape, yEd, Gephi, networkx) and GEXF 1.3 (Gephi), and back.

Both hold the network of `mapper.interchange.network`: every node and edge attribute is
declared once with its type (GraphML `<key attr.type>`, GEXF `<attributes>`): `boolean` for
yes/no fields, `int` (`integer` in GEXF) for minutes, and `string` for the rest, a frequency
included, since it is a word or a number of times a year. Every edge is directed (from the
record naming to the record named, a person to the meeting they attend); a relationship of a
kind that has no direction says so in its `directed` attribute. The map's name, format
version and kind are GraphML graph data (`name`, `version`, `type`) and, in GEXF, which has no
graph attributes, the `<meta>` description (the name) and keywords (`version=2`,
`type=family_hubs`).

Line breaks and tabs in a purpose survive: in element text as written, in a GEXF attribute
value as character references (`&#10;`), which ElementTree writes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any
from xml.etree.ElementTree import Element, SubElement, tostring

from mapper.errors import MapperError
from mapper.interchange.network import (
    EDGE_ATTRIBUTES,
    LIST_SEPARATOR,
    NODE_ATTRIBUTES,
    Attribute,
    Edge,
    Network,
    Node,
)
from mapper.interchange.reading import local_name, xml_root

__all__ = ["graphml_bytes", "graphml_network", "gexf_bytes", "gexf_network"]

GRAPHML = "http://graphml.graphdrawing.org/xmlns"
GEXF = "http://gexf.net/1.3"
_XSI = "http://www.w3.org/2001/XMLSchema-instance"
_CREATOR = "Best Start system mapper"
#: The edge attribute that says whether an edge has a direction (relationships of some kinds
#: have none); derived, so not read back.
_DIRECTED = Attribute("directed", "boolean")
_GRAPHML_TYPES = {"boolean": "boolean", "int": "int", "double": "double"}
_GEXF_TYPES = {"boolean": "boolean", "int": "integer", "double": "double"}


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple)):
        return LIST_SEPARATOR.join(value)
    return str(value) if not isinstance(value, float) else repr(value)


def _document(root: Element) -> bytes:
    return tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


def graphml_bytes(network: Network) -> bytes:
    """The network as a GraphML document (UTF-8)."""
    root = Element(
        "graphml",
        {
            "xmlns": GRAPHML,
            "xmlns:xsi": _XSI,
            "xsi:schemaLocation": f"{GRAPHML} {GRAPHML}/1.0/graphml.xsd",
        },
    )
    for key, kind in (("name", "string"), ("version", "int"), ("type", "string")):
        SubElement(
            root, "key", {"id": f"g-{key}", "for": "graph", "attr.name": key, "attr.type": kind}
        )
    domains = (("node", "n", NODE_ATTRIBUTES), ("edge", "e", (*EDGE_ATTRIBUTES, _DIRECTED)))
    for domain, prefix, attributes in domains:
        for attribute in attributes:
            SubElement(
                root,
                "key",
                {
                    "id": f"{prefix}-{attribute.key}",
                    "for": domain,
                    "attr.name": attribute.key,
                    "attr.type": _GRAPHML_TYPES.get(attribute.kind, "string"),
                },
            )
    graph = SubElement(root, "graph", {"id": "map", "edgedefault": "directed"})
    for key, value in (
        ("name", network.name),
        ("version", network.version),
        ("type", network.type),
    ):
        if value is not None:
            SubElement(graph, "data", {"key": f"g-{key}"}).text = _text(value)
    for node in network.nodes:
        element = SubElement(graph, "node", {"id": node.id})
        values = {"type": node.type, "label": node.label, **node.values}
        _graphml_data(element, "n", values)
    for edge in network.edges:
        element = SubElement(
            graph, "edge", {"id": edge.id, "source": edge.source, "target": edge.target}
        )
        _graphml_data(element, "e", {**edge.values, "directed": edge.directed})
    return _document(root)


def _graphml_data(element: Element, prefix: str, values: dict[str, Any]) -> None:
    for key, value in values.items():
        SubElement(element, "data", {"key": f"{prefix}-{key}"}).text = _text(value)


def gexf_bytes(network: Network) -> bytes:
    """The network as a GEXF 1.3 document (UTF-8)."""
    root = Element(
        "gexf",
        {
            "xmlns": GEXF,
            "xmlns:xsi": _XSI,
            "xsi:schemaLocation": f"{GEXF} {GEXF}/gexf.xsd",
            "version": "1.3",
        },
    )
    meta = SubElement(root, "meta")
    SubElement(meta, "creator").text = _CREATOR
    if network.name is not None:
        SubElement(meta, "description").text = network.name
    SubElement(meta, "keywords").text = f"version={network.version}, type={network.type}"
    graph = SubElement(root, "graph", {"mode": "static", "defaultedgetype": "directed"})
    node_ids = _gexf_attributes(graph, "node", [a for a in NODE_ATTRIBUTES if a.key != "label"])
    edge_ids = _gexf_attributes(graph, "edge", [*EDGE_ATTRIBUTES, _DIRECTED])
    nodes = SubElement(graph, "nodes")
    for node in network.nodes:
        element = SubElement(nodes, "node", {"id": node.id, "label": node.label})
        _gexf_values(element, node_ids, {"type": node.type, **node.values})
    edges = SubElement(graph, "edges")
    for edge in network.edges:
        element = SubElement(
            edges,
            "edge",
            {"id": edge.id, "source": edge.source, "target": edge.target, "label": edge.relation},
        )
        _gexf_values(element, edge_ids, {**edge.values, "directed": edge.directed})
    return _document(root)


def _gexf_attributes(
    graph: Element, domain: str, attributes: Iterable[Attribute]
) -> dict[str, str]:
    """Declares `attributes` for `domain`; each key's attribute id (a number, as Gephi and
    networkx write them: a title such as `type` could be read as Gephi's own column)."""
    declared = SubElement(graph, "attributes", {"class": domain, "mode": "static"})
    ids = {}
    for number, attribute in enumerate(attributes):
        ids[attribute.key] = str(number)
        SubElement(
            declared,
            "attribute",
            {
                "id": str(number),
                "title": attribute.key,
                "type": _GEXF_TYPES.get(attribute.kind, "string"),
            },
        )
    return ids


def _gexf_values(element: Element, ids: dict[str, str], values: dict[str, Any]) -> None:
    holder = SubElement(element, "attvalues")
    for key, value in values.items():
        SubElement(holder, "attvalue", {"for": ids[key], "value": _text(value)})


# --- reading -----------------------------------------------------------------------------


def _children(element: Element, name: str) -> list[Element]:
    return [child for child in element if local_name(child) == name]


def _descendants(element: Element, name: str) -> list[Element]:
    return [child for child in element.iter() if local_name(child) == name]


def graphml_network(data: bytes, file: str) -> Network:
    """The network a GraphML document holds; a MapperError if it is not GraphML."""
    root = xml_root(data, file, "GraphML")
    graphs = _children(root, "graph")
    if local_name(root) != "graphml" or not graphs:
        raise MapperError(f"{file} is XML but not GraphML: it has no <graphml> with a <graph>")
    keys = {
        key.get("id", ""): (key.get("for", "all"), key.get("attr.name", ""))
        for key in _children(root, "key")
        if key.get("attr.name")
    }

    def values(element: Element, domain: str) -> dict[str, str]:
        found = {}
        for datum in _children(element, "data"):
            domain_and_name = keys.get(datum.get("key", ""))
            if domain_and_name and domain_and_name[0] in (domain, "all"):
                found[domain_and_name[1]] = datum.text or ""
        return found

    graph = graphs[0]
    header = values(graph, "graph")
    nodes = [
        _node(element.get("id", ""), values(element, "node"))
        for element in _descendants(graph, "node")
    ]
    edges = [
        _edge(
            element.get("id", ""),
            element.get("source", ""),
            element.get("target", ""),
            values(element, "edge"),
        )
        for element in _descendants(graph, "edge")
    ]
    return Network(
        header.get("name"), header.get("version"), header.get("type"), tuple(nodes), tuple(edges)
    )


def _node(node_id: str, values: dict[str, Any]) -> Node:
    kind = str(values.pop("type", "")).strip().lower()
    return Node(node_id, kind, str(values.pop("label", "")), values)


def _edge(edge_id: str, source: str, target: str, values: dict[str, Any]) -> Edge:
    values.pop("directed", None)
    return Edge(edge_id, source, target, str(values.get("relation", "")), True, values)


_KEYWORD = re.compile(r"\b(version|type)=([A-Za-z0-9_]+)")


def gexf_network(data: bytes, file: str) -> Network:
    """The network a GEXF document (1.1 to 1.3) holds; a MapperError if it is not GEXF."""
    root = xml_root(data, file, "GEXF")
    graphs = _children(root, "graph")
    if local_name(root) != "gexf" or not graphs:
        raise MapperError(f"{file} is XML but not GEXF: it has no <gexf> with a <graph>")
    graph = graphs[0]
    titles: dict[str, dict[str, str]] = {"node": {}, "edge": {}}
    for declared in _children(graph, "attributes"):
        for attribute in _children(declared, "attribute"):
            if attribute.get("id") is not None and attribute.get("title"):
                titles.setdefault(declared.get("class", "node"), {})[attribute.get("id", "")] = (
                    attribute.get("title", "")
                )

    def values(element: Element, domain: str) -> dict[str, str]:
        found = {}
        for holder in _children(element, "attvalues"):
            for value in _children(holder, "attvalue"):
                title = titles[domain].get(value.get("for", value.get("id", "")))
                if title is not None:
                    found[title] = value.get("value", "")
        return found

    # The description is the map's name as it is, outer spaces and all.
    meta = {local_name(e): e.text or "" for m in _children(root, "meta") for e in m}
    header = dict(_KEYWORD.findall(meta.get("keywords", "")))
    nodes = []
    for element in _descendants(graph, "node"):
        found = values(element, "node")
        found.setdefault("label", element.get("label", ""))
        nodes.append(_node(element.get("id", ""), found))
    edges = []
    for element in _descendants(graph, "edge"):
        found = values(element, "edge")
        found.setdefault("relation", element.get("label", ""))
        edges.append(
            _edge(
                element.get("id", ""), element.get("source", ""), element.get("target", ""), found
            )
        )
    name = meta.get("description") or None
    return Network(name, header.get("version"), header.get("type"), tuple(nodes), tuple(edges))
