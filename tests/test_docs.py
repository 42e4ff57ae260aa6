"""The documentation tells the truth: its examples load and its commands are the ones CI runs."""

from __future__ import annotations

import re

from mapper import parse_map
from tests.conftest import ROOT


def code_blocks(markdown: str, language: str = "") -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", markdown, flags=re.S)


def test_the_annotated_example_in_the_format_doc_is_a_valid_map():
    doc = (ROOT / "docs" / "format.md").read_text(encoding="utf-8")
    example = parse_map(code_blocks(doc, "yaml")[0])
    assert example.meeting_by_id["board"].chairs == ("sam-patel", "amara-okafor")
    assert {r.kind for r in example.relationships} == {"information_sharing"}


def test_ci_runs_the_readme_test_command_word_for_word():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    test_command = next(b.strip() for b in code_blocks(readme) if "pytest" in b)
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    after_interpreter = test_command.removeprefix("python3.11")
    assert f'"$PYTHON"{after_interpreter}' in ci


def test_the_readme_starts_the_app_on_the_bundled_example():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert any("streamlit run streamlit_app.py" in b for b in code_blocks(readme))


def test_every_kind_of_finding_is_documented():
    from mapper.recommend import WORDED_KINDS

    doc = (ROOT / "docs" / "findings.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"^### `(\w+)`$", doc, flags=re.M))
    assert documented == set(WORDED_KINDS)


def test_the_settings_example_lists_every_setting_with_its_default():
    from mapper.model import Settings

    doc = (ROOT / "docs" / "format.md").read_text(encoding="utf-8")
    block = next(b for b in code_blocks(doc, "yaml") if b.startswith("settings:"))
    shown = parse_map("version: 1\nname: x\n" + block).settings
    assert shown == Settings()
    assert set(re.findall(r"^  (\w+):", block, flags=re.M)) == set(Settings.model_fields)


def test_every_self_assessment_statement_is_documented():
    from mapper.questionnaire import QUESTION_IDS

    doc = (ROOT / "docs" / "format.md").read_text(encoding="utf-8")
    documented = re.findall(
        r"^\| `(\w+)` \| (?:Leading change|System leadership|Collective)", doc, flags=re.M
    )
    assert documented == list(QUESTION_IDS)
    example = next(b for b in code_blocks(doc, "yaml") if b.startswith("assessment:"))
    assert (
        parse_map("version: 1\nname: x\n" + example).assessment["backbone_support"].answer
        == "not_yet"
    )


def test_every_test_docs_security_names_exists():
    """docs/security.md says which test holds each promise; a renamed or deleted test would
    leave a promise untested while the page still claims it."""
    doc = (ROOT / "docs" / "security.md").read_text(encoding="utf-8")
    files = set(re.findall(r"\b(test_\w+\.py)\b", doc))
    named = re.findall(r"\b(test_\w+\.py)::(test_\w+)", doc)
    bare = set(re.findall(r"`(test_\w+)`", doc))
    assert files and named and bare
    sources = {}
    for name in files:
        path = ROOT / "tests" / name
        assert path.exists(), name
        sources[name] = path.read_text(encoding="utf-8")
    for file, test in named:
        assert f"def {test}(" in sources[file], f"{file}::{test}"
    everything = "".join(sources.values())
    for test in bare:
        assert f"def {test}(" in everything, test
    for harness in re.findall(r"`(tests/fuzz/\w+\.py)`", doc):
        assert (ROOT / harness).exists(), harness


def test_files_the_code_cites_exist():
    """Docstrings and comments that send a reader to a test or a doc must name a real file."""
    cited = set()
    for path in (ROOT / "mapper").rglob("*.py"):
        cited |= set(
            re.findall(
                r"\b((?:tests|docs)/[\w/.-]+\.(?:py|md|json))", path.read_text(encoding="utf-8")
            )
        )
    assert cited
    assert sorted(c for c in cited if not (ROOT / c).exists()) == []
