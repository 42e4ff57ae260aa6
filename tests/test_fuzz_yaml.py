"""The map loader's fuzzing harness (tests/fuzz/yaml_maps.py), a short run in the suite; run it
long by hand with `python -m tests.fuzz.yaml_maps --minutes 10`."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings

from mapper import parse_map
from tests.fuzz.yaml_maps import FIELDS, Case, check_field, check_file, fields, files

FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FUZZ
@given(fields())
def test_a_typed_value_is_read_as_written_or_refused_in_words(case: Case) -> None:
    check_field(case)


@FUZZ
@given(files())
def test_a_mangled_file_is_read_or_refused_in_words_on_its_own_lines(case: Case) -> None:
    check_file(case)


def test_the_harness_catches_a_silent_rewrite(monkeypatch: pytest.MonkeyPatch) -> None:
    # YAML 1.1 reads 045 as 37; were the loader to accept that, the harness must say so.
    from tests.fuzz import yaml_maps

    duration = next(f for f in FIELDS if f.kind == "int")
    written = yaml_maps.BASE.replace("duration_minutes: 90", "duration_minutes: 045")
    as_yaml_1_1 = parse_map(yaml_maps.BASE.replace("duration_minutes: 90", "duration_minutes: 37"))
    monkeypatch.setattr(yaml_maps, "parse_map", lambda text: as_yaml_1_1)
    with pytest.raises(AssertionError):
        check_field(Case(written, duration, "045"))
