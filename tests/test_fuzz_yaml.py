"""The map loader's fuzzing harness (tests/fuzz/yaml_maps.py), a short run in the suite; run it
long by hand with `python -m tests.fuzz.yaml_maps --minutes 10`."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mapper import parse_map
from mapper.yaml_text import FileRefused, compose_and_construct, decode, prescan, read_plainly
from tests.conftest import EXAMPLES
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


def _careful_reading(text: str):
    """The data the careful reading builds, or None when it refuses the file or notes
    anything about it (a duplicate key, a value it refused, a number YAML reads otherwise)."""
    try:
        prescan(text)
        _, data, reader = compose_and_construct(text)
    except FileRefused:
        return None
    if reader.duplicate_keys or reader.refused or reader.traps:
        return None
    return data


@FUZZ
@given(st.one_of(fields(), files()))
def test_the_plain_reading_builds_what_the_careful_one_does_or_leaves_it_to_it(case: Case):
    try:
        text = decode(case.text, 10_000_000)
    except FileRefused:
        return
    plain = read_plainly(text)
    if plain is not None:
        careful = _careful_reading(text)
        assert plain == careful
        assert [type(v) for v in _leaves(plain)] == [type(v) for v in _leaves(careful)]


@pytest.mark.parametrize("name", ["small.yaml", "county.yaml"])
def test_the_examples_read_plainly_as_they_read_carefully(name):
    text = (EXAMPLES / name).read_text(encoding="utf-8")
    plain = read_plainly(text)
    assert plain is not None
    assert plain == _careful_reading(text)


@pytest.mark.parametrize(
    "written",
    [
        "yes",
        "No",
        "TRUE",
        "off",
        "~",
        "null",
        "",
        "12",
        "-3",
        "+4",
        "0",
        "1.5",
        ".5",
        "-2.",
        "1.5e+3",
        "2024-01-31",
        "2024-01-31 10:30:00",
        '"12"',
        "'yes'",
        "text",
        "\n  - a\n  - b",
        "{a: 1, b: [x, 2]}",
    ],
)
def test_each_kind_of_value_is_built_as_the_careful_reading_builds_it(written):
    text = f"version: 1\nname: T\nextra: {written}\n"
    plain = read_plainly(text)
    assert plain is not None
    careful = _careful_reading(text)
    assert plain == careful
    assert [type(v) for v in _leaves(plain)] == [type(v) for v in _leaves(careful)]


def test_what_needs_the_careful_reading_is_left_to_it():
    base = (EXAMPLES / "small.yaml").read_text(encoding="utf-8")
    assert read_plainly(base) is not None
    name = next(line for line in base.splitlines() if line.startswith("name:"))
    for changed in (
        "name: &a Northbridge",  # an anchor
        "name: !!str Northbridge",  # a tag
        "name: Locality hub #2",  # text YAML cuts at "#"
        "name: [" * 40 + "]" * 40,  # nesting past MAX_DEPTH
        name + "\nname: again",  # a duplicate key
        name + "\n045: a number as a key",
        name + "\nversion_minutes: 045",  # YAML 1.1 reads 37
        name + "\nlimit: 1.0e+999",  # infinity
        name + "\nwhen: 2027-02-30",  # no such day
        name + "\n---\nname: second",  # a second document
        name + "\n  bad: indentation",  # not YAML
    ):
        assert read_plainly(base.replace(name, changed, 1)) is None, changed


def _leaves(data):
    if isinstance(data, dict):
        for key, value in data.items():
            yield key
            yield from _leaves(value)
    elif isinstance(data, list):
        for value in data:
            yield from _leaves(value)
    else:
        yield data
