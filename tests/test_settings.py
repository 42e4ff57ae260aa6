"""Thresholds: defaults, a map's own `settings:`, and --setting on the command line."""

from __future__ import annotations

import json

import pytest

from mapper import parse_map
from mapper.diagnosis import diagnose
from mapper.model import Settings
from tests.conftest import MINIMAL

TWO_LOOKALIKES = (
    MINIMAL.replace(
        "people:\n",
        """people:
  - {id: c1, organisation: nbc, level: operational}
  - {id: c2, organisation: nbc, level: operational}
  - {id: c3, organisation: nbc, level: operational}
  - {id: c4, organisation: trust, level: operational}
""",
    )
    + """\
  - {id: g1, level: operational, frequency: monthly, chairs: [c1], members: [c2, c3]}
  - {id: g2, level: operational, frequency: monthly, chairs: [c1], members: [c2, c4]}
"""
)  # g1 and g2 share 2 of 4 attendees: 0.5


def duplicate_pairs(partnership, settings=None):
    return [f.subjects for f in diagnose(partnership, settings).of_kind("duplicate_meetings")]


def test_a_maps_own_settings_change_its_diagnosis():
    assert duplicate_pairs(parse_map(TWO_LOOKALIKES)) == []
    lowered = parse_map(TWO_LOOKALIKES + "settings:\n  duplicate_similarity: 0.5\n")
    assert duplicate_pairs(lowered) == [("g1", "g2")]


def test_the_command_line_overrides_the_map(run_cli, map_file):
    path = map_file(TWO_LOOKALIKES + "settings:\n  duplicate_similarity: 0.9\n")
    code, out, _ = run_cli(
        "check", str(path), "--format", "json", "--setting", "duplicate_similarity=0.5"
    )
    assert code == 0
    kinds = [f["kind"] for f in json.loads(out)["findings"]]
    assert "duplicate_meetings" in kinds


def test_a_wrong_setting_is_refused_with_a_clear_message(run_cli, map_file):
    path = str(map_file(MINIMAL))
    code, out, err = run_cli("check", path, "--setting", "chair_limt=4")
    assert (code, out) == (2, "")
    assert err.startswith(
        "--setting chair_limt=4: use NAME=VALUE with NAME one of duplicate_similarity, "
    )
    assert err.rstrip().endswith("(did you mean chair_limit?)")
    code, _, err = run_cli("check", path, "--setting", "duplicate_similarity=2")
    assert (code, err) == (
        2,
        "--setting duplicate_similarity: Input should be less than or equal to 1\n",
    )


def test_a_misspelt_setting_in_the_map_is_refused_with_its_line():
    from mapper import InvalidMapError

    try:
        parse_map(MINIMAL + "settings:\n  chair_limt: 4\n")
    except InvalidMapError as error:
        (problem,) = error.problems
        assert problem.line == 16
        assert problem.message.startswith("unknown key 'chair_limt': did you mean 'chair_limit'?")
    else:
        raise AssertionError("a misspelt setting was accepted")


def test_settings_changed_by_name_are_validated_and_refusals_are_mapper_errors():
    from mapper.errors import MapperError

    changed = Settings().with_changes({"chair_limit": "4", "silo_share": "0.8"})
    assert (changed.chair_limit, changed.silo_share) == (4, 0.8)
    assert isinstance(Settings().with_changes({}).purpose_revisits_per_year, float)
    for name, value, said in (
        ("chair_limit", "4.5", "whole number"),
        ("silo_share", "2", "less than or equal to 1"),
        ("chair_share", "nan", "plain digits"),
    ):
        with pytest.raises(MapperError, match=said) as refused:
            Settings().with_changes({name: value})
        assert str(refused.value).startswith(f"{name}: ")
