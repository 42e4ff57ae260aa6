"""Every class of bad input gets exit status 2, one clear message per problem, and its line.

Messages are asserted in full where the wording matters to a user (the YAML traps, the
did-you-mean), and by their key phrase elsewhere, always with the exact line number.
"""

from __future__ import annotations

import subprocess
import sys
import tracemalloc

import pytest

from mapper import InvalidMapError, parse_map
from tests.conftest import MINIMAL, ROOT


def problems_of(text: str | bytes, **options: int) -> list[tuple[int | None, str]]:
    with pytest.raises(InvalidMapError) as caught:
        parse_map(text, **options)
    return [(p.line, p.message) for p in caught.value.problems]


def only_problem(text: str | bytes, **options: int) -> tuple[int | None, str]:
    found = problems_of(text, **options)
    assert len(found) == 1, found
    return found[0]


def test_cli_reports_file_and_line_on_stderr_and_exits_2(run_cli, map_file):
    path = map_file(MINIMAL.replace("level: operational", "level: operatonal"))
    code, out, err = run_cli("check", str(path))
    assert code == 2
    assert out == ""
    assert err == (
        f"{path}:8: person 'ben-cole': level: 'operatonal' is not allowed here; did you mean "
        "operational? use one of: strategic, operational, practitioner, family\n"
    )


@pytest.mark.parametrize(
    "content, line, phrase",
    [
        ("", None, "the file is empty"),
        ("# only a comment\n", None, "the file is empty"),
        ("- a\n- b\n", 1, "the top of the file must be a mapping"),
        ("just words\n", 1, "the top of the file must be a mapping"),
        (MINIMAL + "---\nversion: 1\n", 15, "more than one YAML document"),
        # An unclosed bracket is reported where it opened, with where YAML gave up.
        (
            "version: 1\nname: [a, b\npeople: x\n",
            2,
            "while parsing a flow sequence that starts on this line (YAML noticed at line 3)",
        ),
        ("version: 1\nname: a: b\n", 2, "this is not valid YAML"),
        (
            "version: 1\nname: !!python/object/apply:os.system ['echo pwned']\n",
            2,
            "the tag '!!python/object/apply:os.system' is not allowed",
        ),
        (
            "!!python/object:builtins.dict {}\n",
            1,
            "is not allowed in a map file; nothing in it was",
        ),
        ("version: 1\nname: &n x\nother: *n\n", 2, "YAML anchor (&name) or alias (*name)"),
        ("\xff\xfev\x00e\x00".encode("latin-1"), None, "saved as UTF-16"),
        (
            "version: 1\nname: Zo\xeb\n".encode("latin-1"),
            2,
            "is not UTF-8 text (byte 0xEB here); it may have been saved as Latin-1",
        ),
        (b"version: 1\nname: x\x00y\n", 2, "contains NUL bytes"),
        ("version: 1\nname: a\x07b\n", 2, "a character YAML does not allow (U+0007)"),
    ],
    ids=[
        "empty",
        "comment-only",
        "list-top",
        "scalar-top",
        "two-documents",
        "syntax-flow",
        "syntax-colon",
        "python-tag",
        "python-tag-top",
        "alias",
        "utf16",
        "latin1",
        "nul",
        "control-char",
    ],
)
def test_a_file_that_cannot_be_read_gets_one_clear_sentence(content, line, phrase):
    found_line, message = only_problem(content)
    assert found_line == line
    assert phrase in message


def test_the_tagged_command_is_never_run(tmp_path):
    marker = tmp_path / "ran"
    text = f"version: 1\nname: !!python/object/apply:os.system ['touch {marker}']\n"
    problems_of(text)
    assert not marker.exists()


def test_a_utf8_bom_is_fine():
    assert parse_map("\ufeff" + MINIMAL).name == "Test partnership"
    assert parse_map(("\ufeff" + MINIMAL).encode("utf-8")).name == "Test partnership"


def test_an_alias_bomb_is_refused_before_it_grows():
    lines = ["a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    lines += [
        f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join([f'*{chr(97 + i)}'] * 9)}]" for i in range(8)
    ]
    tracemalloc.start()
    try:
        line, message = only_problem("\n".join(lines) + "\n")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert (line, "alias" in message) == (1, True)
    assert peak < 5_000_000  # the expanded bomb would need gigabytes


@pytest.mark.parametrize(
    "text",
    [
        "version: 1\nname: x\norganisations: " + "[" * 50_000 + "]" * 50_000 + "\n",
        "version: 1\nname: x\npeople:\n  " + "- " * 50_000 + "a\n",
        "version: 1\nname: x\npeople: " + "{a: " * 50_000 + "b" + "}" * 50_000 + "\n",
    ],
    ids=["flow-lists", "block-lists", "flow-mappings"],
)
def test_deep_nesting_is_refused_without_crashing(text):
    line, message = only_problem(text)
    assert "nests lists or mappings more than 32 deep" in message
    assert line in (3, 4)


def test_deep_nesting_does_not_take_the_process_down(tmp_path):
    """libyaml's composer would segfault (exit 139) on this; the CLI must answer with 2."""
    path = tmp_path / "deep.yaml"
    path.write_text("version: 1\nname: x\nmeetings: " + "[" * 50_000 + "]" * 50_000)
    result = subprocess.run(
        [sys.executable, "-m", "mapper", "check", str(path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert f"{path}:3: the file nests lists or mappings more than 32 deep" in result.stderr


def test_an_oversize_file_is_refused_with_the_cap(run_cli, map_file):
    path = map_file(MINIMAL + "# " + "x" * 2_000_000 + "\n")
    code, _, err = run_cli("check", str(path), "--max-size", "1")
    assert code == 2
    assert "the file is 1.9 MB; the most this tool reads is 1 MB" in err
    assert run_cli("check", str(path), "--max-size", "3")[0] == 0


def test_duplicate_keys_name_both_lines():
    text = MINIMAL.replace(
        "    frequency: monthly\n", "    frequency: monthly\n    frequency: weekly\n"
    )
    assert only_problem(text) == (
        13,
        "the key 'frequency' appears twice in this mapping (also at line 12); YAML would "
        "silently keep only the last one, so remove one",
    )


def test_duplicate_ids_name_both_lines():
    text = MINIMAL.replace("  - {id: trust, sector: health}", "  - {id: nbc, sector: health}")
    text = text.replace("organisation: trust", "organisation: nbc")
    assert only_problem(text) == (
        5,
        "organisation 'nbc': id: the id 'nbc' is used twice; ids must be unique in the whole "
        "map (first declared at line 4)",
    )


@pytest.mark.parametrize(
    "written, read_as",
    [
        ("NO", "the yes/no value false"),
        ("yes", "the yes/no value true"),
        ("14:30", "the number 870"),
        ("0123", "the number 83"),
        ("2024-01-05", "the date 2024-01-05"),
        ("1.5", "the number 1.5"),
    ],
)
def test_yaml_1_1_traps_in_text_fields_say_put_it_in_quotes(written, read_as):
    text = MINIMAL.replace("name: Northbridge Council", f"name: {written}")
    assert only_problem(text) == (
        4,
        f"organisation 'nbc': name: should be text, but YAML read the unquoted {written} as "
        f'{read_as}; put it in quotes: "{written}"',
    )
    quoted = MINIMAL.replace("name: Northbridge Council", f'name: "{written}"')
    assert parse_map(quoted).organisation_by_id["nbc"].name == written


def test_a_number_as_an_id_is_a_trap_too():
    text = MINIMAL.replace("{id: trust, sector: health}", "{id: 0123, sector: health}")
    found = problems_of(text)
    assert (
        5,
        "id: should be text, but YAML read the unquoted 0123 as the number 83; put it in "
        'quotes: "0123"',
    ) in found


def test_a_misspelt_key_is_refused_with_the_right_one_and_never_dropped():
    text = MINIMAL.replace("    members: [ben-cole]", "    memebers: [ben-cole]")
    line, message = only_problem(text)
    assert line == 14
    assert message.startswith("meeting 'board': unknown key 'memebers': did you mean 'members'?")
    assert "Nothing under an unknown key is read" in message


def test_an_unknown_top_level_key_is_refused():
    line, message = only_problem(MINIMAL + "meeting:\n  - id: x\n")
    assert line == 15
    assert message.startswith("unknown key 'meeting': did you mean 'meetings'?")


@pytest.mark.parametrize(
    "old, new, line, message",
    [
        (
            "sector: health",
            "sector: nhs",
            5,
            "organisation 'trust': sector: 'nhs' is not allowed here; use one of: local_authority, "
            "health, education, vcfs, police, housing, families, other, community, "
            "fire_and_rescue, justice, employment_and_skills",
        ),
        (
            "frequency: monthly",
            "frequency: montly",
            12,
            "meeting 'board': frequency: 'montly' is not a frequency; did you mean monthly? use "
            "one "
            "of: weekly, fortnightly, monthly, six_weekly, bimonthly, termly, quarterly, biannual, "
            "annual, ad_hoc, once, or a number of times a year",
        ),
        (
            "frequency: monthly",
            "frequency: 0",
            12,
            "meeting 'board': frequency: a number of times a year must be more than 0 and at most "
            "366, not 0",
        ),
        (
            "level: strategic\n    frequency",
            "level: family\n    frequency",
            11,
            "meeting 'board': level: 'family' is not allowed here; use one of: strategic, "
            "operational, practitioner",
        ),
    ],
    ids=["sector", "frequency", "frequency-zero", "meeting-level"],
)
def test_wrong_enum_values_list_the_allowed_ones(old, new, line, message):
    assert only_problem(MINIMAL.replace(old, new)) == (line, message)


@pytest.mark.parametrize(
    "minutes, message",
    [
        ("-30", "meeting 'board': duration_minutes: must be more than 0, not -30"),
        ("0", "meeting 'board': duration_minutes: must be more than 0, not 0"),
        (
            "90.5",
            "meeting 'board': duration_minutes: should be a whole number (like 90), not the "
            "number 90.5",
        ),
        (
            "an hour",
            "meeting 'board': duration_minutes: should be a whole number (like 90), not 'an hour'",
        ),
        ("1500", "meeting 'board': duration_minutes: must be at most 1440 (a whole day), not 1500"),
    ],
)
def test_durations_must_be_positive_whole_minutes(minutes, message):
    text = MINIMAL.replace(
        "    frequency: monthly\n", f"    frequency: monthly\n    duration_minutes: {minutes}\n"
    )
    assert only_problem(text) == (13, message)


def test_a_setting_above_its_limit_says_the_limit_and_nothing_about_days():
    line, message = only_problem(MINIMAL + "settings:\n  duplicate_similarity: 1.6\n")
    assert message == "settings.duplicate_similarity: must be at most 1.0, not 1.6"


def test_undeclared_references_suggest_the_closest_declared_id():
    text = MINIMAL.replace("chairs: [amara-okafor]", "chairs: [amara-okafr]")
    assert only_problem(text) == (
        13,
        "meeting 'board': chairs[0]: 'amara-okafr' is not declared as a person in this map; "
        "did you mean amara-okafor?",
    )


def test_a_reference_to_the_wrong_kind_of_thing_says_what_it_is():
    text = MINIMAL + "relationships:\n  - {from: nbc, to: board, kind: funding}\n"
    assert only_problem(text) == (
        16,
        "relationship nbc - board: to: 'board' is a meeting, but this needs an organisation "
        "or a person",
    )


def test_every_problem_is_reported_in_one_run_in_file_order():
    text = (
        MINIMAL.replace("sector: health", "sector: nhs")
        .replace("organisation: trust", "organisation: trusst")
        .replace("frequency: monthly", "frequency: sometimes")
    )
    assert [line for line, _ in problems_of(text)] == [5, 8, 12]


def test_staff_need_an_organisation_but_family_representatives_do_not():
    text = MINIMAL.replace(
        "{id: ben-cole, organisation: trust, level: operational}",
        "{id: ben-cole, level: operational}",
    )
    line, message = only_problem(text)
    assert (line, "need an organisation" in message) == (8, True)
    assert parse_map(text.replace("level: operational", "level: family"))


@pytest.mark.parametrize(
    "name, phrase",
    [
        ("x" * 10_000, "is 10000 characters long; the most allowed is 200"),
        ("Evil\u202eorez", "invisible or control character (U+202E)"),
        ("   ", "is blank"),
    ],
)
def test_names_that_cannot_be_shown_safely_are_refused(name, phrase):
    text = MINIMAL.replace("name: Amara Okafor", f'name: "{name}"')
    line, message = only_problem(text)
    assert line == 7 and phrase in message


@pytest.mark.parametrize(
    "name",
    [
        "<img src=x onerror=alert(1)>",
        "</script><script>alert(1)</script>",
        "a href b",
        "[click me](http://example.com)",
        "Zoë 👩🏽‍⚕️ Łukasz Siân",
        "محمد علي",
    ],
)
def test_hostile_looking_names_are_kept_as_text_exactly(name):
    """Escaping is the display's job; the loader must keep a name exactly as written."""
    text = MINIMAL.replace("name: Amara Okafor", f"name: '{name}'")
    assert parse_map(text).person_by_id["amara-okafor"].name == name


def test_a_cycle_in_reports_to_loads_and_is_left_to_the_diagnosis():
    text = (
        MINIMAL
        + """\
  - {id: a, level: operational, frequency: monthly, chairs: [ben-cole], reports_to: b}
  - {id: b, level: operational, frequency: monthly, chairs: [ben-cole], reports_to: a}
  - {id: c, level: operational, frequency: monthly, chairs: [ben-cole], reports_to: c}
"""
    )
    partnership = parse_map(text)
    assert partnership.meeting_by_id["a"].reports_to == ("b",)
    assert partnership.meeting_by_id["c"].reports_to == ("c",)


def test_problems_are_capped_with_a_count_of_the_rest():
    people = "".join(
        f"  - {{id: p{i}, organisation: nowhere, level: operational}}\n" for i in range(150)
    )
    text = MINIMAL.replace("people:\n", "people:\n" + people)
    with pytest.raises(InvalidMapError) as caught:
        parse_map(text)
    assert len(caught.value.problems) == 100
    assert caught.value.omitted == 50
    assert str(caught.value).endswith("... and 50 more problems not shown")


def test_an_entry_with_an_id_under_relationships_is_refused_cleanly():
    """Found by the mutation property: a section swap put an organisation under relationships."""
    text = MINIMAL + "relationships:\n  - {id: x, sector: health}\n"
    found = problems_of(text)
    assert (
        16,
        "relationship 'x': unknown key 'sector': The keys allowed here are: from, to, "
        "kind, depth. Nothing under an unknown key is read",
    ) in found
    assert (16, "relationship 'x': from: is missing; add `from:`") in found
