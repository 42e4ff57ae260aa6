"""The lines the codebase keeps: imports point one way, and the public surface is pinned."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import mapper
from tests.conftest import ROOT

PACKAGE = ROOT / "mapper"


def imports_of(path: Path) -> set[str]:
    """Top-level names of every module `path` imports, at any depth of the file."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
    return found


def modules() -> dict[str, set[str]]:
    return {str(p.relative_to(PACKAGE)): imports_of(p) for p in PACKAGE.rglob("*.py")}


def test_the_package_never_imports_streamlit():
    assert {
        name
        for name, imports in modules().items()
        if any(i.split(".")[0] == "streamlit" for i in imports)
    } == set()


def test_only_reading_and_saving_touch_yaml():
    # yaml_text.py reads YAML text safely (load.py validates what it read); save.py writes.
    assert {name for name, imports in modules().items() if "yaml" in imports} == {
        "yaml_text.py",
        "save.py",
    }


def test_the_model_knows_nothing_of_loading_graphs_or_interfaces():
    lower = {"model.py", "integrity.py", "errors.py"}
    higher = {
        "mapper.load",
        "mapper.save",
        "mapper.cli",
        "mapper.summary",
        "mapper.render",
        "networkx",
        "streamlit",
        "yaml",
    }
    for name in lower:
        assert not (modules()[name] & higher), name


def test_the_public_surface_is_pinned():
    assert mapper.__all__ == [
        "InvalidMapError",
        "MapperError",
        "Meeting",
        "Organisation",
        "Outcome",
        "Partnership",
        "Person",
        "Problem",
        "Relationship",
        "dump_map",
        "headline_metrics",
        "load_map",
        "map_schema",
        "parse_map",
        "summarise",
    ]
    for name in mapper.__all__:
        assert getattr(mapper, name) is not None


def test_every_module_says_what_it_is_for():
    for path in PACKAGE.rglob("*.py"):
        assert ast.get_docstring(ast.parse(path.read_text(encoding="utf-8"))), path


def test_a_check_runs_without_the_drawing_or_array_libraries():
    """Only a command that draws imports matplotlib (half a second or more of every start,
    before: igraph's drawing package pulled it in), and nothing in a check needs numpy (igraph
    imported it for every graph it built) or networkx (half of a small check's start, before
    the graphs were kept in mapper.graph)."""
    code = (
        "import contextlib, io, sys\n"
        "from mapper.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    main(['check', 'examples/small.yaml'])\n"
        "print(sorted(m for m in ('matplotlib', 'fpdf', 'openpyxl', 'numpy', 'networkx')"
        " if m in sys.modules))"
    )
    shown = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert shown.stdout.strip() == "[]", shown.stderr


def test_every_download_button_leaves_the_page_as_it_is():
    """A download whose file is made on click (a callable) is fetched over the page's
    connection; a click that also reruns the page can lose that request under load, and the
    button then stays greyed out for good (seen in CI on the Import page). No download needs
    a rerun, so every one says so."""
    calls = []
    for path in sorted((ROOT / "pages").glob("*.py")) + [ROOT / "streamlit_app.py"]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "attr", "") == "download_button":
                ignore = [
                    k
                    for k in node.keywords
                    if k.arg == "on_click"
                    and isinstance(k.value, ast.Constant)
                    and k.value.value == "ignore"
                ]
                calls.append((f"{path.name}:{node.lineno}", bool(ignore)))
    assert len(calls) >= 12  # the pages do offer downloads: the walk found them
    assert [where for where, ignored in calls if not ignored] == []
