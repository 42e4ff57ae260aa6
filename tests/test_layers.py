"""Imports run one way: faces -> rendering -> wording -> analysis -> model, with storage
(reading and writing maps) beside analysis on the model. Every import is seen, at any depth of
a file: inside functions too, where a loop between layers used to hide.

`LAYERS` places every module of the package; a new module must be placed (a test says so), and
`docs/architecture.md` gives the same table in words.
"""

from __future__ import annotations

import ast
from pathlib import Path

from tests.conftest import ROOT

PACKAGE = ROOT / "mapper"

#: Each layer and the modules in it (paths under mapper/, a folder for all of it).
LAYERS: dict[str, tuple[str, ...]] = {
    "model": (
        "errors.py",
        "model.py",
        "integrity.py",
        "memory.py",
        "questionnaire.py",
        "guidance.py",
        "vocabulary.py",
        "logs.py",
        "sheets/cells.py",
    ),
    "storage": (
        "yaml_text.py",
        "messages.py",
        "load.py",
        "save.py",
        "schema.py",
        "edit.py",
        "decisions.py",
        "pseudonyms.py",
        "forms.py",
        "store.py",
        "workspace.py",
        "drafts.py",
        "sheets/",
        "interchange/",
    ),
    "analysis": (
        "compiled.py",
        "graph.py",
        "analysis.py",
        "findings/",
        "changes.py",
        "whatif.py",
        "diff.py",
        "summary.py",
        "assessment.py",
        "stakeholders.py",
    ),
    "wording": ("recommend/", "diagnosis.py", "headlines.py", "review.py"),
    "rendering": ("render/",),
    "faces": ("cli.py", "__main__.py", "__init__.py", "answers.py", "app_state.py"),
}

#: The layers each layer may import from (its own included).
MAY_IMPORT: dict[str, set[str]] = {
    "model": {"model"},
    "storage": {"model", "storage"},
    "analysis": {"model", "analysis"},
    "wording": {"model", "analysis", "wording"},
    "rendering": {"model", "analysis", "wording", "rendering"},
    "faces": set(LAYERS),
}

#: The libraries only some layers may use: drawing, PDFs and spreadsheets in the layers that
#: draw, write PDFs or read sheets; graphs in the analysis; YAML where maps are read and saved.
LIBRARIES: dict[str, set[str]] = {
    "igraph": {"analysis"},
    "networkx": set(),
    "numpy": set(),
    "matplotlib": {"rendering"},
    "fpdf": {"rendering"},
    "jinja2": {"rendering"},
    "orjson": {"rendering"},
    "openpyxl": {"storage"},
    "yaml": {"storage"},
    "streamlit": set(),
    "pydantic": {"model", "storage", "faces"},
}


def layer_of(relative: str) -> str:
    matches = [
        (len(place), layer)
        for layer, places in LAYERS.items()
        for place in places
        if relative == place or (place.endswith("/") and relative.startswith(place))
    ]
    assert matches, f"mapper/{relative} is in no layer: add it to LAYERS in {__file__}"
    return max(matches)[1]


def module_file(module: str, package: Path = PACKAGE) -> str | None:
    """The path under mapper/ of a `mapper...` module, or None for another package."""
    if module != "mapper" and not module.startswith("mapper."):
        return None
    parts = module.split(".")[1:]
    if not parts:
        return "__init__.py"
    folder = package.joinpath(*parts)
    if folder.is_dir():
        return "/".join([*parts, "__init__.py"])
    return "/".join(parts) + ".py"


def imports_in(path: Path, package: Path = PACKAGE) -> list[tuple[int, str]]:
    """Every module `path` imports, with the line, at any depth (functions, branches), the
    names of `from x import y` counted as modules when they are (`from mapper import cli`)."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            # `from mapper import drafts` imports the module mapper.drafts; `from mapper
            # import load_map` imports a name of the package itself.
            names_a_module = False
            for alias in node.names:
                candidate = f"{node.module}.{alias.name}"
                relative = module_file(candidate, package)
                if relative and (package / relative).exists():
                    found.append((node.lineno, candidate))
                    names_a_module = True
            if not names_a_module:
                found.append((node.lineno, node.module))
        elif (
            isinstance(node, ast.Call)
            and getattr(node.func, "attr", getattr(node.func, "id", None)) == "import_module"
            and node.args
            and isinstance(node.args[0], ast.Constant)
        ):
            found.append((node.lineno, str(node.args[0].value)))
    return found


def crossings(package: Path = PACKAGE) -> list[str]:
    wrong = []
    for path in sorted(package.rglob("*.py")):
        relative = path.relative_to(package).as_posix()
        here = layer_of(relative)
        for line, module in imports_in(path, package):
            target = module_file(module, package)
            if target is not None:
                there = layer_of(target) if target != "__init__.py" else "faces"
                if there not in MAY_IMPORT[here]:
                    wrong.append(f"mapper/{relative}:{line} ({here}) imports {module} ({there})")
                continue
            top = module.split(".")[0]
            allowed = LIBRARIES.get(top)
            if allowed is None:
                continue  # the standard library, or a library any layer may use
            if here == "faces" and top not in {"networkx", "numpy", "streamlit"}:
                continue  # a command imports what it needs, inside the function that needs it
            if here not in allowed:
                wrong.append(f"mapper/{relative}:{line} ({here}) imports {top}")
    return wrong


def test_every_module_is_in_a_layer():
    for path in PACKAGE.rglob("*.py"):
        layer_of(path.relative_to(PACKAGE).as_posix())


def test_imports_run_one_way_between_layers_even_inside_functions():
    assert crossings() == []


def test_the_layer_test_sees_an_import_inside_a_function(tmp_path):
    """A near miss: the loop that used to hide (detection calling up into the wording from
    inside a function) is caught, in a copy of the package with that one import added."""
    copy = tmp_path / "mapper"
    for path in PACKAGE.rglob("*.py"):
        target = copy / path.relative_to(PACKAGE)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    base = copy / "findings" / "base.py"
    base.write_text(
        base.read_text(encoding="utf-8") + "\n\ndef _up():\n    from mapper.recommend import word\n"
    )
    found = [c for c in crossings(copy) if c.startswith("mapper/findings/base.py")]
    assert found and "mapper.recommend (wording)" in found[0]


def test_docs_architecture_names_the_same_layers():
    """The table of layers in docs/architecture.md is this file's LAYERS, module for module."""
    import re

    doc = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    rows = dict(re.findall(r"^\| (\w+) \| (.*?) \|", doc, flags=re.M))
    assert set(LAYERS) <= set(rows)
    outside = {"pages/", "streamlit_app.py"}  # the app's own files, outside the package
    for layer, modules in LAYERS.items():
        assert set(re.findall(r"`([\w/.]+)`", rows[layer])) - outside == set(modules), layer


def test_every_file_docs_architecture_names_exists():
    import re

    doc = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    cited = set(re.findall(r"`((?:mapper|tests|pages|docs)/[\w/.]+)`", doc))
    assert cited and sorted(c for c in cited if not (ROOT / c).exists()) == []
