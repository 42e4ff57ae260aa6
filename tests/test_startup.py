"""Each command imports only what it needs: a check starts without the reports, the
spreadsheets or the drawing libraries; the schema without the analysis."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.conftest import EXAMPLES, ROOT

#: What costs start-up time and belongs to a few commands only.
DRAWING = ["matplotlib", "fpdf", "mapper.render.pdf", "mapper.render.report"]
SHEETS = ["openpyxl", "mapper.sheets"]
CORE = "igraph._igraph"  # igraph's compiled core, loaded without its package (mapper.compiled)
ANALYSIS = ["mapper.findings", "mapper.graph", "mapper.recommend", "networkx", "igraph", CORE]
WATCHED = [*DRAWING, *SHEETS, *ANALYSIS, "numpy", "mapper.whatif", "mapper.diff"]
TEMPLATES = EXAMPLES / "templates"


def loaded_by(*argv: str) -> set[str]:
    """The watched modules in memory after `python -m mapper ARGV` ran, in a fresh process."""
    code = (
        "import contextlib, io, json, sys\n"
        "from mapper.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    code = main({list(argv)!r})\n"
        f"print(json.dumps([code, sorted(m for m in {WATCHED!r} if m in sys.modules)]))"
    )
    shown = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert shown.returncode == 0, shown.stderr
    code, loaded = json.loads(shown.stdout)
    assert code == 0, shown.stderr
    return set(loaded)


def test_a_check_loads_neither_reports_nor_spreadsheets_nor_drawing():
    loaded = loaded_by("check", str(EXAMPLES / "small.yaml"))
    assert loaded & {*DRAWING, *SHEETS, "numpy"} == set()


def test_a_check_in_json_loads_no_more():
    loaded = loaded_by("check", str(EXAMPLES / "small.yaml"), "--format", "json")
    assert loaded & {*DRAWING, *SHEETS, "numpy"} == set()


def test_a_diff_loads_neither_reports_nor_spreadsheets_nor_drawing():
    small = str(EXAMPLES / "small.yaml")
    assert loaded_by("diff", small, small) & {*DRAWING, *SHEETS, "numpy"} == set()


def test_the_schema_loads_no_analysis():
    assert loaded_by("schema") & {*DRAWING, *SHEETS, *ANALYSIS, "mapper.whatif"} == set()


@pytest.mark.parametrize("only", [[], ["--only", "assessment"]])
def test_an_export_to_csv_draws_nothing(tmp_path, only):
    loaded = loaded_by("export", str(EXAMPLES / "small.yaml"), "-o", str(tmp_path / "out"), *only)
    assert loaded & {*DRAWING, "numpy"} == set()


def test_an_import_draws_nothing_and_runs_no_diagnosis(tmp_path):
    csv = [str(p) for p in sorted(TEMPLATES.glob("*.csv"))]
    loaded = loaded_by("import", *csv, "-o", str(tmp_path / "map.yaml"))
    assert loaded & {*DRAWING, "numpy", "mapper.recommend", "mapper.whatif"} == set()


def test_a_check_of_a_county_with_loose_ends_loads_no_numpy():
    # Brokerage leaves out people tied to one node only, on a graph built without numpy.
    assert "numpy" not in loaded_by("check", str(EXAMPLES / "county.yaml"))


def test_a_map_with_no_ties_is_checked_without_the_graph_library(tmp_path):
    empty = tmp_path / "empty.yaml"
    empty.write_text("version: 1\nname: Empty\norganisations: []\n", encoding="utf-8")
    assert loaded_by("check", str(empty)) & {"igraph", CORE} == set()
    assert CORE in loaded_by("check", str(EXAMPLES / "small.yaml"))


def test_a_check_loads_the_graph_library_s_compiled_core_without_its_package():
    loaded = loaded_by("check", str(EXAMPLES / "county.yaml"))
    assert CORE in loaded
    assert "igraph" not in loaded  # the package: 70 modules, 12 ms of the start


def in_a_fresh_process(code: str) -> list[object]:
    """What `code` prints as JSON on its last line, run in a fresh interpreter."""
    shown = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert shown.returncode == 0, shown.stderr
    result: list[object] = json.loads(shown.stdout.splitlines()[-1])
    return result


def test_igraph_s_package_imported_after_its_core_works_on_the_same_core():
    """Other code in the process (a person's own script, a library) importing igraph after a
    graph was compiled gets the package whole, built on the core already loaded."""
    assert in_a_fresh_process(
        "import json\n"
        "from mapper.compiled import load\n"
        "core = load()\n"
        "import igraph, igraph._igraph\n"
        "zachary = igraph.Graph.Famous('Zachary')\n"
        "parts = zachary.community_multilevel()\n"
        "print(json.dumps([igraph._igraph is core, igraph.GraphBase is core.GraphBase,\n"
        "    len(parts) > 1, igraph.compare_communities(parts, parts) == 0]))"
    ) == [True, True, True, True]


def test_igraph_s_core_comes_from_its_package_when_that_is_loaded_or_the_core_will_not_load():
    """Loaded first by other code, the package's core is used; a core that cannot be loaded
    alone (another build of igraph) is loaded through the package, without matplotlib."""
    assert in_a_fresh_process(
        "import json, igraph\n"
        "from mapper.compiled import load\n"
        "print(json.dumps([load() is igraph._igraph]))"
    ) == [True]
    assert in_a_fresh_process(
        "import json, sys\n"
        "import mapper.compiled as compiled\n"
        "compiled._core_alone = lambda: None\n"
        "core = compiled.load()\n"
        "import igraph\n"
        "graph = compiled.build(3, [(0, 1), (1, 2)])\n"
        "print(json.dumps([core is igraph._igraph, graph.betweenness(), \n"
        "    'matplotlib' in sys.modules]))"
    ) == [True, [0.0, 1.0, 0.0], False]


def test_the_command_line_reads_no_package_metadata_for_pydantic_plugins():
    """`python -m mapper` turns pydantic's plugins off with pydantic's own switch, and so
    never imports the metadata reader; a person who sets the switch otherwise gets them."""
    code = (
        "import runpy, sys, atexit\n"
        "atexit.register(lambda: print('importlib.metadata' in sys.modules, file=sys.stderr))\n"
        f"sys.argv = ['mapper', 'check', {str(EXAMPLES / 'small.yaml')!r}]\n"
        "runpy.run_module('mapper', run_name='__main__')\n"
    )

    def metadata_read(**env: str) -> str:
        import os

        shown = subprocess.run(
            [sys.executable, "-c", code],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=120,
            env={k: v for k, v in os.environ.items() if k != "PYDANTIC_DISABLE_PLUGINS"} | env,
        )
        assert shown.returncode == 0, shown.stderr
        return shown.stderr.strip().splitlines()[-1]

    assert metadata_read() == "False"
    assert metadata_read(PYDANTIC_DISABLE_PLUGINS="") == "True"


def test_matplotlib_is_hidden_only_from_the_thread_loading_igraph():
    """While igraph loads without its drawing code, another session's thread that imports
    matplotlib (to draw a chart) still gets it."""
    import threading

    from mapper.compiled import _NoMatplotlibForThisThread

    hide = _NoMatplotlibForThisThread()
    with pytest.raises(ModuleNotFoundError):
        hide.find_spec("matplotlib.pyplot")
    assert hide.find_spec("igraph") is None
    elsewhere: list[object] = []
    other = threading.Thread(target=lambda: elsewhere.append(hide.find_spec("matplotlib")))
    other.start()
    other.join()
    assert elsewhere == [None]  # not refused: the import goes on to the real finders
