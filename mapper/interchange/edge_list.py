"""The map as a plain edge list with its node list: two CSV tables, as Gephi's Data
Laboratory imports them ("Import spreadsheet": https://gephi.org/users/supported-graph-formats/spreadsheet/)
and as pandas, R or a spreadsheet read them.

`edges.csv`: `Source`, `Target`, `Type` (`Directed` or `Undirected`, the words Gephi reads
there), `Id`, `Label` (the relation: `attends`, `works-for`, ...), then `role`, `kind` and
`depth`. `nodes.csv`: `Id`, `Label`, `type` (organisation, person, meeting, outcome,
locality), then every field of the records, lists joined with `|`. UTF-8 with a byte order
mark (which Excel needs to show Zoë); cells a spreadsheet would run as a formula are
neutralised. Export only: the GraphML, GEXF and Kumu files read back into a map.
"""

from __future__ import annotations

import csv
import io
from typing import Any

from mapper.interchange.network import EDGE_ATTRIBUTES, LIST_SEPARATOR, NODE_ATTRIBUTES, Network
from mapper.sheets.cells import neutralise

__all__ = ["edge_list_csv"]


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple)):
        return LIST_SEPARATOR.join(value)
    return neutralise(str(value))


def _csv(rows: list[list[str]]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    return "\ufeff" + buffer.getvalue()


def edge_list_csv(network: Network) -> dict[str, str]:
    """`edges.csv` and `nodes.csv`: file name -> CSV text."""
    edge_keys = [a.key for a in EDGE_ATTRIBUTES if a.key != "relation"]
    node_keys = [a.key for a in NODE_ATTRIBUTES if a.key not in ("label",)]
    edges = [["Source", "Target", "Type", "Id", "Label", *edge_keys]]
    for edge in network.edges:
        edges.append(
            [
                edge.source,
                edge.target,
                "Directed" if edge.directed else "Undirected",
                edge.id,
                edge.relation,
                *(_cell(edge.values.get(k)) for k in edge_keys),
            ]
        )
    nodes = [["Id", "Label", *node_keys]]
    for node in network.nodes:
        values = {"type": node.type, **node.values}
        nodes.append([node.id, _cell(node.label), *(_cell(values.get(k)) for k in node_keys)])
    return {"edges.csv": _csv(edges), "nodes.csv": _csv(nodes)}
