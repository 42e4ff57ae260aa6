"""The registry of finding kinds holds the checks, their wording, themes, evidence and docs
to one set: adding a kind is one module, its wording, its test and its entry in the docs."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypedDict

from hypothesis import given, settings

from mapper import Partnership, load_map
from mapper.analysis import Analysis
from mapper.diagnosis import diagnose
from mapper.findings import CHECKS, Detected, detect
from mapper.findings.registry import check, evidence_keys, kinds_of
from mapper.findings.themes import THEMES
from mapper.model import Settings
from mapper.recommend import WORDED_KINDS
from tests.conftest import ROOT
from tests.strategies import partnerships

EXAMPLES = ROOT / "examples"
DOC = (ROOT / "docs" / "findings.md").read_text(encoding="utf-8")


def doc_entry(kind: str) -> str:
    """The text of `kind`'s entry in docs/findings.md, up to the next heading."""
    match = re.search(rf"^### `{kind}`$(.*?)(?=^##)", DOC + "\n##", flags=re.M | re.S)
    assert match, kind
    return match.group(1)


def test_registered_worded_themed_and_documented_kinds_are_one_set():
    registered = set(CHECKS)
    assert len(registered) >= 22  # no_operational_presence is said by missing_operational_link
    assert set(WORDED_KINDS) == registered
    themed = [kind for theme in THEMES for kind in kinds_of(theme)]
    assert sorted(themed) == sorted(registered)  # each kind in one theme
    assert set(re.findall(r"^### `(\w+)`$", DOC, flags=re.M)) == registered
    for kind, c in CHECKS.items():  # every key a reader may meet is worded (or hidden)
        assert set(c.wording) == evidence_keys(kind), kind


def test_each_kind_s_doc_entry_names_its_severities_and_settings():
    for kind, c in CHECKS.items():
        entry = doc_entry(kind).lower()
        assert "severity" in entry, kind
        for severity in c.severities:
            assert (severity if severity != "info" else "info") in entry, (kind, severity)
        for name in c.settings:
            assert f"`{name}`" in entry, (kind, name)


#: Derivations that read a setting for the checks that use them (`Analysis.tables`, and the
#: comparisons of the tables with the meetings below, which read it).
THROUGH = {
    "tables": {"strategic_table_min_per_year"},
    "below_the_table": {"strategic_table_min_per_year"},
    "family_voice_needed": {"strategic_table_min_per_year"},
}


def test_the_settings_a_check_reads_are_the_ones_it_declares():
    """An AST scan of each check function: every `settings.<name>` it reads, directly or
    through a derivation of `THROUGH`, is declared on its `@check`, and every declared one
    exists; each setting is read by some check."""
    fields = set(Settings.model_fields)
    read_somewhere: set[str] = set()
    for kind, c in CHECKS.items():
        source = ast.parse(Path(c.run.__code__.co_filename).read_text(encoding="utf-8"))
        function = next(
            n
            for n in ast.walk(source)
            if isinstance(n, ast.FunctionDef) and n.name == c.run.__name__
        )
        read = {
            n.attr
            for n in ast.walk(function)
            if isinstance(n, ast.Attribute)
            and n.attr in fields
            and (
                (isinstance(n.value, ast.Name) and n.value.id == "settings")
                or (isinstance(n.value, ast.Attribute) and n.value.attr == "settings")
            )
        }
        for n in ast.walk(function):
            name = n.attr if isinstance(n, ast.Attribute) else getattr(n, "id", None)
            read |= THROUGH.get(name, set()) if isinstance(name, str) else set()
        assert read == set(c.settings), kind
        assert set(c.settings) <= fields, kind
        read_somewhere |= read
    assert read_somewhere == fields


def assert_well_formed(found: Iterator[Detected] | tuple[Detected, ...]) -> None:
    for d in found:
        c = CHECKS[d.kind]
        assert d.severity in c.severities, d
        assert evidence_keys(d.kind, required=True) <= set(d.evidence), d
        assert set(d.evidence) <= evidence_keys(d.kind), d
        assert all(isinstance(s, str) for s in d.subjects), d


def test_every_finding_on_the_examples_carries_its_declared_evidence():
    for name in ("small.yaml", "county.yaml"):
        detection = detect(Analysis(load_map(EXAMPLES / name)))
        assert_well_formed(detection.detected)
    county = {d.kind for d in detection.detected}
    assert len(county) >= 15  # the county example exercises most kinds


@settings(max_examples=60, deadline=None)
@given(partnerships())
def test_every_finding_on_any_map_carries_its_declared_evidence(p: Partnership):
    assert_well_formed(detect(Analysis(p)).detected)


class _Nothing(TypedDict):
    pass


@contextmanager
def registered(kind: str):
    """A check for `kind` in the registry for the length of the block."""

    @check(kind, theme="links", severities=("low",), severity_rule="low", evidence=_Nothing)
    def run(analysis: Analysis) -> Iterator[Detected]:
        yield Detected(kind, "low", (analysis.partnership.organisations[0].id,), _Nothing())

    try:
        yield run
    finally:
        del CHECKS[kind]


def test_diagnose_runs_every_registered_check_without_being_told():
    small = load_map(EXAMPLES / "small.yaml")
    with registered("test_only_kind"):
        found = detect(Analysis(small)).of_kind("test_only_kind")
    assert [d.subjects for d in found] == [(small.organisations[0].id,)]
    assert detect(Analysis(small)).of_kind("test_only_kind") == []


def test_a_kind_cannot_be_registered_twice_or_under_an_unknown_theme():
    import pytest

    with pytest.raises(ValueError, match="twice"):
        check("connector", theme="links", severities=("low",), severity_rule="", evidence=_Nothing)
    with pytest.raises(ValueError, match="theme"):
        check("new_kind", theme="nowhere", severities=("low",), severity_rule="", evidence=_Nothing)


def test_one_analysis_computes_each_derivation_once():
    """The diagnosis, the map views and the tables share one analysis: asking again for the
    diagnosis or a graph returns the object already made."""
    from mapper.render.network import build_view
    from mapper.render.tables import load_by_person

    analysis = Analysis(load_map(EXAMPLES / "county.yaml"))
    first = diagnose(analysis)
    system, brokerage = analysis.system, analysis.brokerage
    build_view(analysis, "people")
    build_view(analysis, "organisations")
    load_by_person(analysis)
    assert diagnose(analysis) is first
    assert analysis.system is system and analysis.brokerage is brokerage
    # other thresholds share the graphs but not the findings
    stricter = analysis.with_settings(Settings(chair_limit=2))
    assert stricter.system is system
    assert diagnose(stricter) is not first


def test_every_finding_says_what_to_do_in_a_short_line_of_words():
    """The action is the line the summary and the action plan show: every kind words one,
    short, in words (no file key, no code), on every example and published structure."""
    maps = [EXAMPLES / "small.yaml", EXAMPLES / "county.yaml", *(EXAMPLES / "real").glob("*.yaml")]
    seen = set()
    for path in maps:
        if path.name.endswith(".review.yaml"):
            continue
        for finding in diagnose(load_map(path)).findings:
            seen.add(finding.kind)
            action = finding.action
            assert action and action[0].isupper() and not action.endswith("."), finding
            assert len(action) <= 160, action  # two lines at most, with long names
            assert "`" not in action and not re.search(r"\b[a-z]+_[a-z_]+\b", action), action
            assert not re.search(r"\b[a-z]+_[a-z_]+\b|`", finding.recommendation), finding
    assert len(seen) >= 18  # most kinds are met on these maps; any map below for the rest


@settings(max_examples=30, deadline=None)
@given(partnerships())
def test_every_finding_on_any_map_says_what_to_do_in_a_line(p: Partnership):
    for finding in diagnose(p).findings:  # names here are any text: words around them
        assert finding.action.strip(), finding
