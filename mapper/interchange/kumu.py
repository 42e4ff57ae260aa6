"""The map for Kumu: a JSON blueprint, or a workbook of Elements and Connections; and back.

Followed from Kumu's documentation: "JSON / Blueprints"
(https://docs.kumu.io/guides/import/blueprints, kumu/docs `guides/import/blueprints.md`)
for the JSON, "Structure your data for Kumu" (https://docs.kumu.io/guides/import/import,
`guides/import/import.md`) for the spreadsheet, and "How do I avoid duplicating data?"
(`faq/how-do-I-avoid-duplicating-data.md`) for ids.

- A blueprint is an object with `elements` and `connections`. An element has `label`,
  `type` and any further fields; a connection has `from`, `to`, `type` and `direction`
  (`directed`, `undirected` or `mutual`). Kumu links connections by label unless elements
  carry an `id`, and ids must then be unique across elements and connections: every
  element here carries the map's id and every connection its own (`network.py`: an edge id
  holds a colon, which no map id does), and `from` and `to` name ids. So a map imported
  into Kumu again updates the same elements rather than adding copies.
- The workbook has a sheet `Elements` whose first column is `ID` (Kumu's documented
  exception to `Label` coming first), then `Label` and `Type`, and a sheet `Connections`
  starting `ID`, `From`, `To`. Several values in one cell are separated by `|`, as Kumu asks.
  Cells that a spreadsheet would run as a formula are neutralised (`mapper.sheets.cells`).

Field names are the map file's keys (`sector`, `level`, `frequency`, ...), so the blueprint
reads back into the same map (`kumu_network`); a relationship's `kind` and `depth` and a
seat's `role` are fields of the connection.
"""

from __future__ import annotations

import io
from typing import Any

from mapper.errors import MapperError
from mapper.interchange.network import (
    EDGE_ATTRIBUTES,
    LIST_SEPARATOR,
    NODE_ATTRIBUTES,
    Edge,
    Network,
    Node,
)
from mapper.interchange.reading import json_document
from mapper.sheets.cells import neutralise

__all__ = ["kumu_blueprint", "kumu_network", "kumu_workbook"]


def _direction(edge: Edge) -> str:
    return "directed" if edge.directed else "undirected"


def kumu_blueprint(network: Network) -> dict[str, Any]:
    """The network as a Kumu blueprint (plain data, for `json.dumps`)."""
    elements = [
        {"id": node.id, "label": node.label, "type": node.type, **node.values}
        for node in network.nodes
    ]
    connections = [
        {
            "id": edge.id,
            "from": edge.source,
            "to": edge.target,
            "type": edge.relation,
            "direction": _direction(edge),
            **{k: v for k, v in edge.values.items() if k != "relation"},
        }
        for edge in network.edges
    ]
    return {"elements": elements, "connections": connections}


def _cell(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple)):
        return LIST_SEPARATOR.join(value)
    return neutralise(str(value))


def kumu_workbook(network: Network) -> bytes:
    """The network as an .xlsx workbook of the sheets Kumu imports."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    node_keys = [a.key for a in NODE_ATTRIBUTES if a.key not in ("label", "type")]
    edge_keys = [a.key for a in EDGE_ATTRIBUTES if a.key != "relation"]
    sheets = {
        "Elements": [
            ["ID", "Label", "Type", *node_keys],
            *(
                [
                    node.id,
                    _cell(node.label),
                    node.type,
                    *(_cell(node.values.get(k, "")) for k in node_keys),
                ]
                for node in network.nodes
            ),
        ],
        "Connections": [
            ["ID", "From", "To", "Type", "Direction", *edge_keys],
            *(
                [
                    edge.id,
                    edge.source,
                    edge.target,
                    edge.relation,
                    _direction(edge),
                    *(_cell(edge.values.get(k, "")) for k in edge_keys),
                ]
                for edge in network.edges
            ),
        ],
    }
    book = Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in sheet.iter_rows(min_row=2):
            for cell in row:
                cell.number_format = "@"  # text, as written
        sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _records(document: dict[str, Any], key: str, file: str) -> list[dict[str, Any]]:
    records = document.get(key, [])
    if not isinstance(records, list) or not all(isinstance(r, dict) for r in records):
        raise MapperError(f"{file}: `{key}` should be a list of objects, as a Kumu blueprint has")
    return records


def kumu_network(data: bytes, file: str) -> Network:
    """The network a Kumu blueprint holds; a MapperError if it is not one, or its elements
    have no ids (a map needs them; Kumu writes `id` when a blueprint gives one)."""
    document = json_document(data, file, "Kumu blueprint")
    if not isinstance(document, dict) or "elements" not in document:
        raise MapperError(
            f"{file} is JSON but not a Kumu blueprint: it has no `elements` (and `connections`)"
        )
    nodes = []
    for index, element in enumerate(_records(document, "elements", file), start=1):
        values = dict(element)
        node_id = values.pop("id", None)
        if not isinstance(node_id, str) or not node_id:
            label = values.get("label")
            raise MapperError(
                f"{file}: element {index}"
                + (f" ({str(label)[:60]!r})" if label else "")
                + " has no id; a map needs an id for each element, as this tool writes them"
            )
        kind = str(values.pop("type", "") or "").strip().lower()
        nodes.append(Node(node_id, kind, str(values.pop("label", "")), values))
    edges = []
    for element in _records(document, "connections", file):
        values = dict(element)
        source, target = values.pop("from", ""), values.pop("to", "")
        relation = str(values.pop("type", "") or "")
        values.pop("direction", None)
        edge_id = str(values.pop("id", ""))
        edges.append(
            Edge(
                edge_id, str(source), str(target), relation, True, {"relation": relation, **values}
            )
        )
    return Network(None, None, None, tuple(nodes), tuple(edges))
