"""Every bundled example is valid, and the county example is the size the issue promised."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from mapper import load_map, summarise
from tests.conftest import EXAMPLES


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.yaml")), ids=lambda p: p.name)
def test_every_example_is_a_valid_map(path: Path):
    assert load_map(path).name


def test_the_small_example_is_short_enough_to_read_in_two_minutes():
    lines = (EXAMPLES / "small.yaml").read_text(encoding="utf-8").splitlines()
    assert len(lines) < 120
    counts = summarise(load_map(EXAMPLES / "small.yaml"))
    assert counts["people"] <= 12 and counts["meetings"] <= 6


def test_the_county_example_is_a_realistic_county():
    partnership = load_map(EXAMPLES / "county.yaml")
    counts = summarise(partnership)
    assert counts["organisations"] >= 40
    assert all(n > 0 for n in counts["organisations_by_sector"].values())
    assert counts["people"] >= 300
    assert counts["meetings"] >= 60
    assert all(n >= 10 for n in counts["meetings_by_level"].values())
    tops = [m for m in partnership.meetings if not m.reports_to]
    assert "Health and Wellbeing Board" in {m.name for m in tops}


def test_the_county_file_is_what_its_builder_writes():
    spec = importlib.util.spec_from_file_location("build_county", EXAMPLES / "build_county.py")
    assert spec and spec.loader
    builder = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(builder)
    committed = (EXAMPLES / "county.yaml").read_text(encoding="utf-8")
    assert builder.county_yaml() == committed, "run: python examples/build_county.py"
