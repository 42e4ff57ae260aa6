"""The map in other tools' formats (issue 15): each export opens in networkx's readers (or as
CSV, or in openpyxl) with the nodes, edges and attributes of the map, built here from the map
itself, not from the writer; the files this tool writes read back into the same records; a
file that is not one, or lacks what a map needs, is a clear message."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from collections import Counter
from typing import Any

import networkx as nx
import pytest
from hypothesis import HealthCheck, given, settings
from openpyxl import load_workbook

from mapper.errors import InvalidMapError, MapperError
from mapper.interchange import FORMATS, export_bytes, read_map
from mapper.interchange import reading as reading_module
from mapper.load import load_map, parse_map
from mapper.model import REFERENCES, SECTIONS, Partnership
from tests.conftest import EXAMPLES, MINIMAL
from tests.strategies import partnerships

SMALL = load_map(EXAMPLES / "small.yaml")
COUNTY = load_map(EXAMPLES / "county.yaml")
RECORDS = ("localities", "outcomes", "organisations", "people", "meetings", "relationships")
WORD = {
    "localities": "locality",
    "outcomes": "outcome",
    "organisations": "organisation",
    "people": "person",
    "meetings": "meeting",
}
READ_BACK = {"graphml": "map.graphml", "gexf": "map.gexf", "kumu": "map.json"}


def records_of(partnership: Partnership) -> dict[str, Any]:
    return {section: getattr(partnership, section) for section in RECORDS}


def expected_nodes(partnership: Partnership) -> dict[str, dict[str, Any]]:
    """Each record with an id and what it holds itself, as the file format writes values:
    references left out (they are edges), nothing for what is not given."""
    refers = {(r.section, r.key) for r in REFERENCES}
    nodes = {}
    for section, word in WORD.items():
        for record in getattr(partnership, section):
            values = {"type": word, "label": record.label}
            for key, value in record.model_dump(mode="json", by_alias=True).items():
                if key == "id" or (section, key) in refers or value in (None, []):
                    continue
                values[key] = "|".join(value) if isinstance(value, list) else value
            nodes[record.id] = values
    return nodes


def expected_edges(partnership: Partnership) -> Counter[tuple[str, str, str, str | None]]:
    """(source, target, relation, role or kind) of every edge, listed by hand from the model."""
    edges: list[tuple[str, str, str, str | None]] = []
    for o in partnership.organisations:
        edges += [(o.id, o.part_of, "part-of", None)] if o.part_of else []
        edges += [(o.id, o.locality, "in-locality", None)] if o.locality else []
    for p in partnership.people:
        edges += [(p.id, p.organisation, "works-for", None)] if p.organisation else []
        edges += [(p.id, p.deputy, "deputy", None)] if p.deputy else []
        edges += [(p.id, p.locality, "in-locality", None)] if p.locality else []
    for m in partnership.meetings:
        edges += [(c, m.id, "attends", "chair") for c in m.chairs]
        edges += [(m.vice_chair, m.id, "attends", "vice chair")] if m.vice_chair else []
        edges += [(x, m.id, "attends", "member") for x in m.members]
        edges += [(x, m.id, "non-voting", None) for x in m.non_voting]
        edges += [(m.id, x, "reports-to", None) for x in m.reports_to]
        edges += [(m.id, x, "informs", None) for x in m.informs]
        edges += [(m.id, x, "holds", None) for x in m.outcomes]
        edges += [(m.id, x, "chair-rotates", None) for x in m.chair_rotates]
        edges += [(m.id, m.locality, "in-locality", None)] if m.locality else []
    edges += [(r.source, r.target, "relationship", r.kind) for r in partnership.relationships]
    return Counter(edges)


def test_the_edges_listed_by_hand_cover_every_reference_the_model_declares():
    """If the model gains a reference field, the export has its edges already (they are
    derived from REFERENCES); this list, the test's reference, must then learn it too."""
    listed = {
        ("organisations", "part_of"),
        ("organisations", "locality"),
        ("people", "organisation"),
        ("people", "deputy"),
        ("people", "locality"),
        ("meetings", "chairs"),
        ("meetings", "vice_chair"),
        ("meetings", "members"),
        ("meetings", "non_voting"),
        ("meetings", "reports_to"),
        ("meetings", "informs"),
        ("meetings", "outcomes"),
        ("meetings", "chair_rotates"),
        ("meetings", "locality"),
        ("relationships", "source"),
        ("relationships", "target"),
    }
    assert {(r.section, r.field) for r in REFERENCES} == listed


def _graph_edges(graph: nx.MultiDiGraph) -> Counter[tuple[str, str, str, str | None]]:
    return Counter(
        (u, v, d["relation"], d.get("role", d.get("kind"))) for u, v, d in graph.edges(data=True)
    )


@pytest.mark.parametrize("partnership", [SMALL, COUNTY], ids=["small", "county"])
def test_graphml_opens_in_networkx_with_the_maps_nodes_edges_and_attributes(partnership):
    graph = nx.read_graphml(io.BytesIO(export_bytes(partnership, "graphml")), force_multigraph=True)
    nodes = expected_nodes(partnership)
    assert dict(graph.nodes(data=True)) == {
        node: {
            k: str(v) if k in ("frequency", "revisits_purpose") else v for k, v in values.items()
        }
        for node, values in nodes.items()
    }
    assert _graph_edges(graph) == expected_edges(partnership)
    assert graph.graph["name"] == partnership.name
    assert graph.graph["version"] == partnership.version
    assert all(isinstance(d["directed"], bool) for _, _, d in graph.edges(data=True))


@pytest.mark.parametrize("partnership", [SMALL, COUNTY], ids=["small", "county"])
def test_gexf_opens_in_networkx_with_the_maps_nodes_edges_and_attributes(partnership):
    graph = nx.read_gexf(io.BytesIO(export_bytes(partnership, "gexf")), version="1.3")
    nodes = expected_nodes(partnership)
    assert dict(graph.nodes(data=True)) == {
        node: {
            k: str(v) if k in ("frequency", "revisits_purpose") else v for k, v in values.items()
        }
        for node, values in nodes.items()
    }
    found = Counter(
        (u, v, d["label"], d.get("role", d.get("kind"))) for u, v, d in graph.edges(data=True)
    )
    assert found == expected_edges(partnership)
    assert graph.is_directed()


def test_the_county_example_declares_every_graphml_key_with_a_type():
    from xml.etree.ElementTree import fromstring

    root = fromstring(export_bytes(COUNTY, "graphml"))
    keys = {
        k.get("attr.name"): k.get("attr.type")
        for k in root
        if k.tag.endswith("key") and k.get("for") == "node"
    }
    assert keys["vacant"] == "boolean" and keys["duration_minutes"] == "int"
    assert keys["frequency"] == "string" and keys["name"] == "string"
    assert set(keys.values()) <= {"string", "boolean", "int", "double"}


def test_ids_are_the_maps_ids_and_stay_the_same_from_one_export_to_the_next():
    first = json.loads(export_bytes(COUNTY, "kumu"))
    again = json.loads(export_bytes(COUNTY.with_sections(people=COUNTY.people[::-1]), "kumu"))
    assert {e["id"] for e in first["elements"]} == {r.id for s in WORD for r in getattr(COUNTY, s)}
    assert {c["id"] for c in first["connections"]} == {c["id"] for c in again["connections"]}


def test_the_kumu_blueprint_has_the_documented_shape():
    """docs.kumu.io, JSON / Blueprints: elements with a label (and type), connections from
    and to; with ids, unique across elements and connections, and named by from and to."""
    blueprint = json.loads(export_bytes(SMALL, "kumu"))
    assert set(blueprint) == {"elements", "connections"}
    ids = [e["id"] for e in blueprint["elements"]] + [c["id"] for c in blueprint["connections"]]
    assert len(ids) == len(set(ids))
    elements = {e["id"] for e in blueprint["elements"]}
    for element in blueprint["elements"]:
        assert isinstance(element["label"], str) and element["label"]
        assert element["type"] in WORD.values()
    for connection in blueprint["connections"]:
        assert {connection["from"], connection["to"]} <= elements
        assert connection["direction"] in ("directed", "undirected", "mutual")
        assert isinstance(connection["type"], str)
    person = next(e for e in blueprint["elements"] if e["id"] == "sam-patel")
    assert person["roles"] == ["single_accountable_leader"] and person["vacant"] is False
    found = Counter(
        (c["from"], c["to"], c["type"], c.get("role", c.get("kind")))
        for c in blueprint["connections"]
    )
    assert found == expected_edges(SMALL)
    undirected = [c for c in blueprint["connections"] if c["direction"] == "undirected"]
    assert {c["kind"] for c in undirected} == {"information_sharing"}


def test_the_kumu_workbook_has_elements_and_connections_sheets_with_ids_first():
    hostile = SMALL.with_sections(
        people=[SMALL.people[0].model_copy(update={"name": '=HYPERLINK("x")'}), *SMALL.people[1:]]
    )
    book = load_workbook(io.BytesIO(export_bytes(hostile, "kumu-xlsx")))
    assert book.sheetnames == ["Elements", "Connections"]
    elements = [[c.value for c in row] for row in book["Elements"].iter_rows()]
    connections = [[c.value for c in row] for row in book["Connections"].iter_rows()]
    assert elements[0][:3] == ["ID", "Label", "Type"]
    assert connections[0][:5] == ["ID", "From", "To", "Type", "Direction"]
    assert len(elements) - 1 == len(expected_nodes(hostile))
    assert len(connections) - 1 == sum(expected_edges(hostile).values())
    assert [r[1] for r in elements if r[0] == SMALL.people[0].id] == ['\'=HYPERLINK("x")']


def test_the_edge_list_and_node_list_read_as_csv_with_the_maps_edges():
    with zipfile.ZipFile(io.BytesIO(export_bytes(COUNTY, "edges"))) as archive:
        edges = list(csv.DictReader(io.StringIO(archive.read("edges.csv").decode("utf-8-sig"))))
        nodes = list(csv.DictReader(io.StringIO(archive.read("nodes.csv").decode("utf-8-sig"))))
    found = Counter(
        (e["Source"], e["Target"], e["Label"], e["role"] or e["kind"] or None) for e in edges
    )
    assert found == expected_edges(COUNTY)
    assert {e["Type"] for e in edges} == {"Directed", "Undirected"}
    assert {n["Id"]: n["type"] for n in nodes} == {
        k: v["type"] for k, v in expected_nodes(COUNTY).items()
    }
    graph = nx.read_edgelist(
        [f"{e['Source']} {e['Target']}" for e in edges], create_using=nx.MultiDiGraph
    )
    assert graph.number_of_edges() == len(edges)


# --- reading back ------------------------------------------------------------------------


@pytest.mark.parametrize("format_name", sorted(READ_BACK))
@pytest.mark.parametrize("partnership", [SMALL, COUNTY], ids=["small", "county"])
def test_the_examples_come_back_as_they_went(partnership, format_name):
    read = read_map(export_bytes(partnership, format_name), READ_BACK[format_name])
    assert records_of(read.partnership) == records_of(partnership)
    assert read.partnership.version == partnership.version
    assert read.warnings == ()
    if format_name != "kumu":  # a blueprint has no room for the map's name
        assert read.partnership.name == partnership.name


@pytest.mark.parametrize("format_name", sorted(READ_BACK))
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(partnership=partnerships())
def test_any_map_comes_back_as_it_went(format_name, partnership):
    read = read_map(export_bytes(partnership, format_name), READ_BACK[format_name])
    assert records_of(read.partnership) == records_of(partnership)
    if format_name != "kumu":
        assert (read.partnership.name, read.partnership.version, read.partnership.type) == (
            partnership.name,
            partnership.version,
            partnership.type,
        )


AWKWARD = "Zoë <img src=x onerror=alert(1)> & \"Siân\" 'O'Neil' </script> ]]> 👩\u200d👧"


@pytest.mark.parametrize("format_name", sorted(READ_BACK))
def test_names_with_markup_quotes_and_line_breaks_survive(format_name):
    meeting = SMALL.meetings[0].model_copy(
        update={"name": AWKWARD, "purpose": "Line one\nline two\n\tand a tab\n\n  and spaces  "}
    )
    person = SMALL.people[0].model_copy(update={"name": AWKWARD, "title": "Head of <b>&amp;"})
    changed = SMALL.with_sections(
        meetings=[meeting, *SMALL.meetings[1:]], people=[person, *SMALL.people[1:]]
    ).model_copy(update={"name": AWKWARD})
    data = export_bytes(changed, format_name)
    read = read_map(data, READ_BACK[format_name])
    assert records_of(read.partnership) == records_of(changed)
    if format_name == "graphml":
        graph = nx.read_graphml(io.BytesIO(data), force_multigraph=True)
        assert graph.nodes[person.id]["name"] == AWKWARD
        assert graph.nodes[meeting.id]["purpose"] == meeting.purpose
        assert graph.graph["name"] == AWKWARD


def test_a_name_given_on_import_wins_and_a_blueprint_takes_the_fallback():
    data = export_bytes(SMALL, "graphml")
    assert read_map(data, "m.graphml", name="Renamed").partnership.name == "Renamed"
    blueprint = export_bytes(SMALL, "kumu")
    assert read_map(blueprint, "m.json", otherwise="From Kumu").partnership.name == "From Kumu"


def test_what_another_tool_added_is_left_out_with_a_warning():
    blueprint = json.loads(export_bytes(SMALL, "kumu"))
    for element in blueprint["elements"]:
        element["Degree"] = 3
    read = read_map(json.dumps(blueprint).encode(), "gephi.json")
    assert records_of(read.partnership) == records_of(SMALL)
    assert read.warnings == (
        f"gephi.json: the attribute Degree ({len(blueprint['elements'])} times) is not part of "
        "a map, so it was left out",
    )


# --- bad inputs ----------------------------------------------------------------------------

BOMB = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns"><graph><node id="&lol3;"/></graph></graphml>
"""
EXTERNAL = b"""<?xml version="1.0"?>
<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>
<gexf xmlns="http://gexf.net/1.3"><graph><nodes><node id="&e;"/></nodes></graph></gexf>
"""
NOT_A_MAP = b"""<?xml version="1.0"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns">
<key id="d0" for="node" attr.name="color" attr.type="string"/>
<graph edgedefault="undirected"><node id="a"><data key="d0">red</data></node><node id="b"/>
<edge source="a" target="b"/></graph></graphml>
"""


@pytest.mark.parametrize(
    "file, data, message",
    [
        ("m.graphml", b"", "m.graphml is empty: it holds no GraphML"),
        ("m.gexf", b"  \n", "m.gexf is empty: it holds no GEXF"),
        ("m.json", b"", "m.json is empty: it holds no Kumu blueprint"),
        (
            "m.graphml",
            b"version: 1\nname: x\n",
            "m.graphml is not well-formed XML (line 1, column 1)",
        ),
        ("m.graphml", b"<graphml><graph>", "m.graphml is not well-formed XML (line 1, column 17)"),
        ("m.gexf", b"<gexf>\x00</gexf>", "m.gexf is not well-formed XML"),
        ("m.graphml", "<graphml>Zo\u00eb</graphml>".encode("latin-1"), "is not well-formed XML"),
        ("m.graphml", BOMB, "m.graphml declares a document type or entities"),
        ("m.gexf", EXTERNAL, "m.gexf declares a document type or entities"),
        ("m.graphml", b"<html><body/></html>", "m.graphml is XML but not GraphML"),
        ("m.gexf", export_bytes(SMALL, "graphml"), "m.gexf is XML but not GEXF"),
        ("m.json", b'{"elements": [', "m.json is not JSON (line 1, column 15)"),
        ("m.json", b"[" * 50_000 + b"]" * 50_000, "m.json is nested deeper than a Kumu blueprint"),
        ("m.json", b'{"elements": [{"id": "a", "x": NaN}]}', "NaN is not a number JSON allows"),
        ("m.json", "{}".encode("utf-16"), "m.json is not UTF-8 text (byte 1 cannot be read)"),
        ("m.json", b'{"nodes": []}', "m.json is JSON but not a Kumu blueprint"),
        ("m.json", b'{"elements": {"a": 1}}', "`elements` should be a list of objects"),
        ("m.json", b'{"elements": [{"label": "Sam"}]}', "element 1 ('Sam') has no id"),
        ("m.yaml", MINIMAL.encode(), "m.yaml: read only files ending .graphml, .gexf, .json"),
    ],
)
def test_a_file_that_is_not_a_map_is_a_message(file, data, message):
    with pytest.raises(MapperError) as caught:
        read_map(data, file)
    assert message in str(caught.value)


def test_a_graph_from_another_tool_says_what_a_map_needs():
    with pytest.raises(InvalidMapError) as caught:
        read_map(NOT_A_MAP, "other.graphml")
    assert [p.message for p in caught.value.problems] == [
        "node 'a': has no type; each node of a map is one of: locality, outcome, organisation, "
        "person, meeting (its `type` attribute)",
        "node 'b': has no type; each node of a map is one of: locality, outcome, organisation, "
        "person, meeting (its `type` attribute)",
        "edge a -> b: names 'a', which is no node of the file",
    ]


def _blueprint(**changes: Any) -> dict[str, Any]:
    blueprint = json.loads(export_bytes(SMALL, "kumu"))
    for key, change in changes.items():
        change(blueprint[key])
    return blueprint


@pytest.mark.parametrize(
    "change, message",
    [
        (
            {
                "connections": lambda c: c.append(
                    {"from": "sam-patel", "to": "nbc", "type": "likes"}
                )
            },
            "edge sam-patel -> nbc: has relation 'likes', which a map does not have; a map's "
            "relations are: attends, chair-rotates, deputy, holds, in-locality, informs, "
            "non-voting, part-of, relationship, reports-to, works-for",
        ),
        (
            {
                "connections": lambda c: c.append(
                    {"from": "nbc", "to": "sam-patel", "type": "works-for"}
                )
            },
            "edge nbc -> sam-patel: 'works-for' does not join an organisation to a person",
        ),
        (
            {
                "connections": lambda c: c.append(
                    {"from": "sam-patel", "to": "nhs-trust", "type": "works-for"}
                )
            },
            "edge sam-patel -> nhs-trust: gives a second organisation to 'sam-patel', which has "
            "one",
        ),
        (
            {
                "connections": lambda c: c.append(
                    {"from": "sam-patel", "to": "nobody", "type": "works-for"}
                )
            },
            "edge sam-patel -> nobody: names 'nobody', which is no node of the file",
        ),
        (
            {
                "connections": lambda c: c.append(
                    {"from": "sam-patel", "to": "hwb", "type": "attends", "role": "guest"}
                )
            },
            "edge sam-patel -> hwb: has the role 'guest'; 'attends' takes one of: chair, "
            "member, vice chair",
        ),
        (
            {"elements": lambda e: e[-1].update(duration_minutes="long")},
            "duration_minutes should be a whole number, not 'long'",
        ),
        (
            {"elements": lambda e: e[-1].update(external="maybe")},
            "external should be true or false, not 'maybe'",
        ),
        (
            {"elements": lambda e: e.append(dict(e[0]))},
            "is given twice; each node needs an id of its own",
        ),
        (
            {"elements": lambda e: e.append({"id": "x", "label": "X", "type": "Project"})},
            "node 'x': has type 'project'; each node of a map is one of",
        ),
    ],
)
def test_a_blueprint_edited_into_something_a_map_cannot_be_says_where(change, message):
    data = json.dumps(_blueprint(**change)).encode()
    with pytest.raises(InvalidMapError) as caught:
        read_map(data, "edited.json")
    assert message in str(caught.value)


def test_a_blueprint_whose_map_breaks_a_rule_gets_the_maps_own_message():
    def no_chairs(connections: list[dict[str, Any]]) -> None:
        connections[:] = [c for c in connections if c.get("role") != "chair"]

    with pytest.raises(InvalidMapError) as caught:
        read_map(json.dumps(_blueprint(connections=no_chairs)).encode(), "edited.json")
    assert "a meeting needs a chair" in str(caught.value)


def test_an_oversize_file_is_refused_before_it_is_parsed(monkeypatch):
    monkeypatch.setattr(reading_module, "MAX_BYTES", 1_000)
    with pytest.raises(MapperError, match=r"m.graphml is 0.0 MB, more than the 0 MB"):
        read_map(export_bytes(SMALL, "graphml"), "m.graphml")


def test_a_graphml_in_utf16_with_its_declaration_reads_as_the_same_map():
    text = (
        export_bytes(SMALL, "graphml")
        .decode("utf-8")
        .replace("encoding='utf-8'", "encoding='utf-16'")
    )
    read = read_map(text.encode("utf-16"), "m.graphml")
    assert records_of(read.partnership) == records_of(SMALL)


def test_a_version_1_map_stays_version_1_though_its_defaults_are_written():
    v1 = parse_map(MINIMAL)
    assert v1.version == 1
    graph = nx.read_graphml(io.BytesIO(export_bytes(v1, "graphml")))
    assert graph.nodes[v1.people[0].id]["vacant"] is False  # written, so tools can filter
    assert read_map(export_bytes(v1, "gexf"), "m.gexf").partnership.version == 1


def test_every_format_is_offered_with_a_file_ending_and_words():
    assert set(FORMATS) == {"graphml", "gexf", "kumu", "kumu-xlsx", "edges"}
    assert all(f.suffix.startswith(".") and f.words and f.mime for f in FORMATS.values())
    assert {n for n, f in FORMATS.items() if f.read} == set(READ_BACK)
    assert set(WORD) == {s for s in SECTIONS if SECTIONS[s].has_ids}


# --- the command line ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "output, extra, check",
    [
        ("m.graphml", [], lambda p: nx.read_graphml(p).number_of_nodes()),
        ("m.gexf", [], lambda p: nx.read_gexf(p, version="1.3").number_of_nodes()),
        ("m.json", [], lambda p: len(json.loads(p.read_text(encoding="utf-8"))["elements"])),
        ("m.xlsx", ["--format", "kumu-xlsx"], lambda p: load_workbook(p)["Elements"].max_row - 1),
        ("m.out", ["--format", "graphml"], lambda p: nx.read_graphml(p).number_of_nodes()),
    ],
    ids=["graphml", "gexf", "kumu", "kumu-xlsx", "format-over-ending"],
)
def test_export_chooses_the_format_by_the_ending_or_format(run_cli, tmp_path, output, extra, check):
    code, out, err = run_cli(
        "export", str(EXAMPLES / "small.yaml"), "-o", str(tmp_path / output), *extra
    )
    assert (code, err) == (0, "")
    assert out == f"Wrote {tmp_path / output}. It contains personal data.\n"
    assert check(tmp_path / output) == len(expected_nodes(SMALL))


def test_export_to_csv_writes_the_edge_list_and_its_node_list_beside_it(run_cli, tmp_path):
    code, out, _ = run_cli("export", str(EXAMPLES / "small.yaml"), "-o", str(tmp_path / "e.csv"))
    assert code == 0
    assert out == (
        f"Wrote {tmp_path / 'e.csv'}, {tmp_path / 'e-nodes.csv'}. They contain personal data.\n"
    )
    edges = list(csv.DictReader(io.StringIO((tmp_path / "e.csv").read_text(encoding="utf-8-sig"))))
    assert len(edges) == sum(expected_edges(SMALL).values())
    assert sorted(p.name for p in tmp_path.iterdir()) == ["e-nodes.csv", "e.csv"]


def test_a_workbook_and_a_folder_still_mean_the_templates(run_cli, tmp_path):
    assert run_cli("export", str(EXAMPLES / "small.yaml"), "-o", str(tmp_path / "m.xlsx"))[0] == 0
    assert "organisations" in load_workbook(tmp_path / "m.xlsx").sheetnames
    assert run_cli("export", str(EXAMPLES / "small.yaml"), "-o", str(tmp_path / "f"))[0] == 0
    assert (tmp_path / "f" / "organisations.csv").exists()


def test_only_is_for_the_templates(run_cli, tmp_path):
    code, _, err = run_cli(
        "export", str(EXAMPLES / "small.yaml"), "-o", str(tmp_path / "m.gexf"), "--only", "people"
    )
    assert code == 2 and "--only chooses sheets of the templates, not of --format gexf" in err
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("ending", [".graphml", ".gexf", ".json"])
def test_import_reads_back_what_export_wrote(run_cli, tmp_path, ending):
    exported = tmp_path / f"county{ending}"
    assert run_cli("export", str(EXAMPLES / "county.yaml"), "-o", str(exported))[0] == 0
    code, out, err = run_cli("import", str(exported), "-o", str(tmp_path / "back.yaml"))
    assert (code, err) == (0, "")
    assert out.startswith(f"Wrote {tmp_path / 'back.yaml'}: 45 organisations, 300 people")
    back = load_map(tmp_path / "back.yaml")
    assert records_of(back) == records_of(COUNTY)
    assert back.name == (COUNTY.name if ending != ".json" else "Back")


def test_a_map_in_another_format_is_imported_on_its_own(run_cli, tmp_path):
    exported = tmp_path / "m.graphml"
    run_cli("export", str(EXAMPLES / "small.yaml"), "-o", str(exported))
    sheet = tmp_path / "people.csv"
    sheet.write_text("id,name\n", encoding="utf-8")
    code, _, err = run_cli("import", str(exported), str(sheet), "-o", str(tmp_path / "x.yaml"))
    assert code == 2
    assert "m.graphml is a whole map in another tool's format: import it on its own" in err
    assert not (tmp_path / "x.yaml").exists()


def test_an_import_of_a_broken_file_is_a_message_and_writes_nothing(run_cli, tmp_path):
    broken = tmp_path / "m.gexf"
    broken.write_bytes(BOMB)
    code, out, err = run_cli("import", str(broken), "-o", str(tmp_path / "x.yaml"))
    assert (code, out) == (2, "")
    assert err == (
        "m.gexf declares a document type or entities, which GEXF files do not need and this "
        "tool does not read (they can make a small file expand without end)\n"
    )
    assert not (tmp_path / "x.yaml").exists()
