"""The map in other tools' formats: GraphML, GEXF, Kumu (JSON or a workbook), an edge list.

`FORMATS` names each format, the file name it is written to and whether it reads back;
`export_files` writes a map in one, `read_map` reads one back. Every format holds the same
network (`mapper.interchange.network`: nodes, edges, ids); the GraphML, GEXF and Kumu JSON
files this tool writes read back into the same records (organisations, people, meetings,
relationships, outcomes, localities) and, where the format has room for them (GraphML,
GEXF), the map's name, format version and kind. They do not carry the settings, the
self-assessment, the decisions on findings or the positions on the picture: the map file
(YAML) or the spreadsheet templates keep those.

**To add an interchange format:** a writer (and, if it reads back, a reader giving a
`Network`) in a module of this package, and its entry in `FORMATS`; the command line and
the app offer what `FORMATS` lists.
"""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from mapper.errors import MapperError
from mapper.interchange.edge_list import edge_list_csv
from mapper.interchange.kumu import kumu_blueprint, kumu_network, kumu_workbook
from mapper.interchange.network import Network, network_of
from mapper.interchange.rebuild import Read, map_of
from mapper.interchange.xml_formats import gexf_bytes, gexf_network, graphml_bytes, graphml_network
from mapper.model import Partnership

__all__ = [
    "FORMATS",
    "Format",
    "Read",
    "export_bytes",
    "export_files",
    "format_for_reading",
    "read_map",
]


def _kumu_json(network: Network) -> bytes:
    return (json.dumps(kumu_blueprint(network), ensure_ascii=False, indent=1) + "\n").encode()


def _edges_zip(network: Network) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in edge_list_csv(network).items():
            archive.writestr(name, text.encode("utf-8"))
    return buffer.getvalue()


@dataclass(frozen=True)
class Format:
    """One format: its name on the command line, the file ending it is chosen by, what it
    is for (the words the app and the help show), its MIME type, the writer and the reader
    (None: export only)."""

    name: str
    suffix: str
    words: str
    mime: str
    write: Callable[[Network], bytes]
    read: Callable[[bytes, str], Network] | None = None


FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        Format(
            "graphml",
            ".graphml",
            "GraphML (Gephi, Cytoscape, yEd)",
            "application/graphml+xml",
            graphml_bytes,
            graphml_network,
        ),
        Format("gexf", ".gexf", "GEXF (Gephi)", "application/gexf+xml", gexf_bytes, gexf_network),
        Format(
            "kumu", ".json", "a Kumu blueprint (JSON)", "application/json", _kumu_json, kumu_network
        ),
        Format(
            "kumu-xlsx",
            ".xlsx",
            "a Kumu workbook (Excel)",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            kumu_workbook,
        ),
        Format(
            "edges", ".csv", "an edge list and node list (CSV, zip)", "application/zip", _edges_zip
        ),
    )
}


def export_bytes(partnership: Partnership, format_name: str) -> bytes:
    """The map in one file of `format_name` (the edge list: both tables in a zip)."""
    return FORMATS[format_name].write(network_of(partnership))


def export_files(partnership: Partnership, format_name: str, target: Path) -> dict[Path, bytes]:
    """What to write for `target` in `format_name`: the file itself, or for the edge list
    the edges at `target` and the nodes beside it (`NAME-nodes.csv`)."""
    network = network_of(partnership)
    if format_name == "edges":
        tables = edge_list_csv(network)
        nodes = target.with_name(f"{target.stem}-nodes{target.suffix or '.csv'}")
        return {target: tables["edges.csv"].encode(), nodes: tables["nodes.csv"].encode()}
    return {target: FORMATS[format_name].write(network)}


def format_for_reading(file: str) -> Format | None:
    """The format a file of this name is read as, or None if it is none of them."""
    suffix = Path(file).suffix.lower()
    return next((f for f in FORMATS.values() if f.read and f.suffix == suffix), None)


def read_map(
    data: bytes, file: str, *, name: str | None = None, otherwise: str = "Imported partnership"
) -> Read:
    """The map in `data`, a GraphML, GEXF or Kumu JSON file named `file` (its ending says
    which), named `name` if given, else as the file names it, else `otherwise` (a Kumu
    blueprint holds no name). A MapperError says what is wrong with a file that is not one,
    or lacks what a map needs."""
    chosen = format_for_reading(file)
    if chosen is None or chosen.read is None:
        endings = ", ".join(f.suffix for f in FORMATS.values() if f.read)
        raise MapperError(f"{file}: read only files ending {endings}")
    network = chosen.read(data, Path(file).name)
    if name or not network.name:
        network = replace(network, name=name or otherwise)
    return map_of(network, Path(file).name)
