"""Hostile and careless map files (issue 11): every value YAML cannot build or quietly changes
is a problem with its line, never a traceback and never a silent rewrite; reads are bounded.

Each class here failed on the code before it: a traceback, an exit 1, or a map accepted with
values other than the ones written.
"""

from __future__ import annotations

import os
import subprocess
import sys
import unicodedata

import pytest

from mapper import parse_map
from mapper.load import read_map_file
from mapper.model import _visible_line
from tests.conftest import MINIMAL, ROOT
from tests.test_bad_inputs import only_problem, problems_of

PERSON = "{id: ben-cole, organisation: trust, level: operational}"


def with_person_field(field: str) -> str:
    return MINIMAL.replace(PERSON, PERSON[:-1] + f", {field}}}")


def with_meeting_field(field: str) -> str:
    return MINIMAL.replace("    frequency: monthly\n", f"    frequency: monthly\n    {field}\n")


# Values YAML cannot build at all (PyYAML raised a bare ValueError: a traceback).
@pytest.mark.parametrize(
    "text, line, message",
    [
        (
            with_person_field("leaving: 2027-02-30"),
            8,
            "2027-02-30 is not a date: February 2027 has 28 days; write a real date as YYYY-MM-DD, "
            "or put it in quotes if it is text",
        ),
        (
            with_person_field("leaving: 2028-02-30"),
            8,
            "2028-02-30 is not a date: February 2028 has 29 days; write a real date as YYYY-MM-DD, "
            "or put it in quotes if it is text",
        ),
        (
            with_person_field("leaving: 2027-13-01"),
            8,
            "2027-13-01 is not a date: there is no month 13; write a real date as YYYY-MM-DD, or "
            "put "
            "it in quotes if it is text",
        ),
        (
            with_person_field("leaving: 0000-01-01"),
            8,
            "0000-01-01 is not a date: there is no year 0; write a real date as YYYY-MM-DD, or "
            "put it "
            "in quotes if it is text",
        ),
        (
            with_person_field("leaving: 2027-04-31"),
            8,
            "2027-04-31 is not a date: April has 30 days; write a real date as YYYY-MM-DD, or put "
            "it "
            "in quotes if it is text",
        ),
        (
            MINIMAL.replace("name: Test partnership", "name: 2024-02-30"),
            2,
            "2024-02-30 is not a date: February 2024 has 29 days; write a real date as YYYY-MM-DD, "
            "or put it in quotes if it is text",
        ),
        (
            with_meeting_field("duration_minutes: 1" + "0" * 5000),
            13,
            "this number has 5,001 digits, far more than any value in a map; write the number you "
            "mean, or put it in quotes if it is text",
        ),
    ],
    ids=["feb-30", "feb-30-leap", "month-13", "year-0", "april-31", "name", "long-int"],
)
def test_a_value_yaml_cannot_build_is_a_problem_on_its_line(text, line, message):
    assert only_problem(text) == (line, message)


def test_an_unbuildable_value_does_not_hide_the_other_problems():
    text = with_person_field("leaving: 2027-02-30").replace("sector: health", "sector: nhs")
    found = problems_of(text)
    assert [line for line, _ in found] == [5, 8]


@pytest.mark.parametrize(
    "field, line, written, read, fix",
    [
        ("duration_minutes: 045", 13, "045", "the number 37", "write 45"),
        (
            "duration_minutes: 0x2D",
            13,
            "0x2D",
            "the number 45",
            "write the number you mean in plain digits",
        ),
        (
            "duration_minutes: 1_000",
            13,
            "1_000",
            "the number 1000",
            "write the number you mean in plain digits",
        ),
        (
            "duration_minutes: 1:30",
            13,
            "1:30",
            "the number 90",
            "write the number you mean in plain digits",
        ),
    ],
    ids=["octal", "hex", "underscore", "sexagesimal"],
)
def test_a_number_yaml_1_1_reads_otherwise_is_refused_where_the_model_would_accept_it(
    field, line, written, read, fix
):
    assert only_problem(with_meeting_field(field)) == (
        line,
        (
            f"YAML 1.1 reads the unquoted {written} as {read}, which is not what it says; {fix}, "
            f'or put it in quotes if it is text: "{written}"'
        ),
    )


@pytest.mark.parametrize(
    "frequency, read",
    [("012", "the number 10"), ("1:30", "the number 90"), ("8.5", None), ("4", None)],
)
def test_frequencies_are_read_as_written(frequency, read):
    text = MINIMAL.replace("frequency: monthly", f"frequency: {frequency}")
    if read is None:
        meeting = parse_map(text).meeting_by_id["board"]
        assert meeting.frequency == float(frequency)
    else:
        line, message = only_problem(text)
        assert (line, message.split(",")[0]) == (
            12,
            f"YAML 1.1 reads the unquoted {frequency} as {read}",
        )


@pytest.mark.parametrize(
    "text, line, message",
    [
        (
            MINIMAL.replace("version: 1", "version: true"),
            1,
            "version: should be 1 or 2, the versions of the format this tool reads "
            "(write 2 for a new map)",
        ),
        (
            MINIMAL + "settings:\n  load_hours_per_month: .inf\n",
            16,
            "YAML reads the unquoted .inf as infinity, which no value in a map can be; write a "
            "number "
            'in plain digits, or put it in quotes if it is text: ".inf"',
        ),
        (
            MINIMAL + "settings:\n  load_hours_per_month: 1.0e+999\n",
            16,
            "YAML reads the unquoted 1.0e+999 as infinity, which no value in a map can be; write a "
            'number in plain digits, or put it in quotes if it is text: "1.0e+999"',
        ),
        (
            MINIMAL + "settings:\n  duplicate_similarity: .nan\n",
            16,
            "YAML reads the unquoted .nan as not a number, which no value in a map can be; write a "
            'number in plain digits, or put it in quotes if it is text: ".nan"',
        ),
        (
            MINIMAL + "settings:\n  chair_limit: true\n",
            16,
            "settings.chair_limit: should be a number, not the yes/no value true",
        ),
    ],
    ids=["version-true", "inf", "overflow", "nan", "bool-setting"],
)
def test_values_lax_validation_would_rewrite_are_refused(text, line, message):
    assert only_problem(text) == (line, message)


def test_settings_from_the_command_line_refuse_infinity(run_cli):
    code, _, err = run_cli(
        "check", str(ROOT / "examples" / "small.yaml"), "--setting", "load_hours_per_month=inf"
    )
    assert code == 2 and "Traceback" not in err
    assert "--setting load_hours_per_month: should be a number in plain digits" in err


MERGE = "yaml merge key, which copies keys in from another mapping"


@pytest.mark.parametrize(
    "organisation, line",
    [
        ("  - id: trust\n    sector: health\n    <<: {sector: education}\n", 7),
        ("  - id: trust\n    <<: [{sector: health}, {sector: education}]\n", 6),
    ],
)
def test_merge_keys_are_refused_not_resolved(organisation, line):
    text = MINIMAL.replace("  - {id: trust, sector: health}\n", organisation)
    found = problems_of(text)
    assert any(at == line and MERGE in message.lower() for at, message in found), found


def test_keys_that_are_not_text_are_refused_on_their_own_lines():
    text = MINIMAL + "1: x\ntrue: y\nnull: z\n"
    assert problems_of(text) == [
        (
            15,
            "the key 1 is a number to YAML, not a word; keys are words such as `name:`; if it "
            'is meant as text, put it in quotes: "1"',
        ),
        (
            16,
            "the key true is a yes/no value to YAML, not a word; keys are words such as "
            '`name:`; if it is meant as text, put it in quotes: "true"',
        ),
        (
            17,
            "the key null is nothing (an empty key) to YAML, not a word; keys are words such "
            'as `name:`; if it is meant as text, put it in quotes: "null"',
        ),
    ]


# Invisible characters: all of Unicode's control and format categories, in names and text.
ALLOWED_IN_CONTEXT = {0x200C, 0x200D} | set(range(0xE0020, 0xE0080))


def test_every_format_character_unicode_knows_is_refused_in_a_name():
    refused = []
    for code in range(sys.maxunicode + 1):
        if (
            unicodedata.category(chr(code)) in ("Cf", "Cc")
            and code not in ALLOWED_IN_CONTEXT
            and chr(code) not in "\t\n\r"
        ):
            try:
                _visible_line(f"Ann{chr(code)}Lee")
            except ValueError:
                refused.append(code)
            else:
                pytest.fail(f"U+{code:04X} was accepted in a name")
    assert len(refused) > 120


@pytest.mark.parametrize("character", ["\u200b", "\u200f", "\u061c", "\u00ad", "\u2060"])
def test_an_invisible_character_in_a_name_is_refused_with_its_code(character):
    text = MINIMAL.replace("Northbridge Council", f"Northbridge{character} Council")
    assert only_problem(text) == (
        4,
        (
            f"organisation 'nbc': name: contains an invisible or control character "
            f"(U+{ord(character):04X}) that can disguise the text or break a table; remove it"
        ),
    )


@pytest.mark.parametrize(
    "name",
    [
        "\U0001f469\u200d\U0001f467 Family forum",  # an emoji joined by ZWJ
        "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645",  # Persian, with a zero-width non-joiner
        "Wales \U0001f3f4\U000e0067\U000e0062\U000e0077\U000e006c\U000e0073\U000e007f",  # flag
    ],
)
def test_joiners_that_join_letters_and_flags_are_kept(name):
    text = MINIMAL.replace("Northbridge Council", f'"{name}"')
    assert parse_map(text).organisation_by_id["nbc"].name == name


@pytest.mark.parametrize("name", ["Ann\u200d", "\u200cAnn", "Ann \u200d Lee", "x\U000e0067"])
def test_joiners_and_tags_with_nothing_to_join_are_refused(name):
    with pytest.raises(ValueError):
        _visible_line(name)


# The map's own rules: decided to refuse each, with both lines.
def test_a_part_of_loop_is_refused_once_with_the_whole_loop():
    text = MINIMAL.replace(
        "{id: nbc, name: Northbridge Council, sector: local_authority}",
        "{id: nbc, sector: local_authority, part_of: trust}",
    )
    text = text.replace("{id: trust, sector: health}", "{id: trust, sector: health, part_of: nbc}")
    assert only_problem(text) == (
        4,
        (
            "organisation 'nbc': part_of: goes round in a loop ('nbc' is part of 'trust' is part "
            "of "
            "'nbc'); an organisation cannot be inside itself: remove one part_of"
        ),
    )


def test_a_part_of_chain_without_a_loop_is_fine():
    text = MINIMAL.replace(
        "{id: trust, sector: health}", "{id: trust, sector: health, part_of: nbc}"
    )
    assert parse_map(text).organisation_by_id["trust"].part_of == "nbc"


RELATIONSHIPS = (
    MINIMAL + "relationships:\n  - {from: nbc, to: trust, kind: %s}\n"
    "  - {from: %s, to: %s, kind: %s}\n"
)


@pytest.mark.parametrize(
    "kind, ends",
    [("informal", "nbc trust"), ("informal", "trust nbc"), ("commissioning", "nbc trust")],
)
def test_a_relationship_listed_twice_is_refused(kind, ends):
    source, target = ends.split()
    line, message = only_problem(RELATIONSHIPS % (kind, source, target, kind))
    assert line == 17
    assert f"this {kind} relationship between '{source}' and '{target}' is listed twice" in message
    assert message.endswith("(first declared at line 16)")


@pytest.mark.parametrize(
    "first, second", [("commissioning", "commissioning"), ("informal", "funding")]
)
def test_a_reversed_directed_tie_or_another_kind_is_a_second_tie(first, second):
    text = RELATIONSHIPS % (first, "trust", "nbc", second)
    assert len(parse_map(text).relationships) == 2


def test_ids_that_differ_only_in_capitals_are_refused():
    text = MINIMAL.replace(
        "  - {id: ben-cole, organisation: trust, level: operational}\n",
        "  - {id: ben-cole, organisation: trust, level: operational}\n"
        "  - {id: Ben-Cole, organisation: trust, level: operational}\n",
    )
    assert only_problem(text) == (
        9,
        (
            "person 'Ben-Cole': id: the id 'Ben-Cole' differs from 'ben-cole' only in capital "
            "letters; ids must differ by more than that: use one spelling for one record, or "
            "another id for another (first declared at line 8)"
        ),
    )


def test_a_reference_in_other_capitals_suggests_the_declared_spelling():
    text = MINIMAL.replace("members: [ben-cole]", "members: [Ben-Cole]")
    assert only_problem(text)[1].endswith("did you mean ben-cole?")


# Messages that said the wrong thing.
@pytest.mark.parametrize(
    "encoding, word",
    [
        ("utf-32", "UTF-32"),
        ("utf-32-le", "UTF-32"),
        ("utf-32-be", "UTF-32"),
        ("utf-16-le", "UTF-16"),
        ("utf-16-be", "UTF-16"),
    ],
)
def test_wide_encodings_are_named_rightly(encoding, word):
    assert only_problem(MINIMAL.encode(encoding)) == (
        None,
        f"the file is saved as {word}; save it as UTF-8 and try again",
    )


def test_a_file_just_over_the_cap_says_by_how_much():
    cap = 20 * 1_048_576
    text = MINIMAL + "#" * (cap + 1 - len(MINIMAL))
    assert only_problem(text, max_bytes=cap)[1] == (
        "the file is 20,971,521 bytes; the most this tool reads is 20,971,520 bytes, 20 MB (a "
        "larger cap can be set with --max-size)"
    )
    text = MINIMAL + "#" * 2_000_000
    assert only_problem(text, max_bytes=1_048_576)[1].startswith(
        "the file is 1.9 MB; the most this tool reads is 1 MB"
    )


def test_an_unclosed_bracket_is_reported_where_it_opened():
    text = MINIMAL.replace(
        "  - {id: trust, sector: health}\n", "  - {id: trust,\n    sector: health\n"
    )
    line, message = only_problem(text)
    assert line == 5
    assert "while parsing a flow mapping that starts on this line (YAML noticed at line" in message


def test_a_bad_answer_and_a_misspelt_statement_are_both_reported_with_their_ids():
    text = MINIMAL + (
        "assessment:\n  shared_visoin: {answer: yes}\n  shared_vision: maybe\n"
        "  common_agenda: {answer: maybe}\n"
    )
    found = problems_of(text)
    assert [line for line, _ in found] == [16, 17, 18]
    assert found[0][1].startswith(
        "assessment: 'shared_visoin' is not a statement of the "
        "self-assessment; did you mean shared_vision?"
    )
    assert found[1][1] == (
        "assessment.shared_vision: should be an answer with its own key, "
        "like `shared_vision: {answer: partly}`, not 'maybe'"
    )
    assert found[2][1].startswith("assessment.common_agenda.answer: 'maybe' is not allowed")


# Reads that never end, and caps that are not numbers.
def test_an_endless_device_is_refused_at_the_cap():
    with pytest.raises(Exception) as caught:
        read_map_file("/dev/zero", max_bytes=1_048_576)
    assert "goes on past 1 MB, the most this tool reads" in str(caught.value)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes on this system")
def test_a_pipe_that_keeps_writing_is_refused_at_the_cap(tmp_path):
    pipe = tmp_path / "map.yaml"
    os.mkfifo(pipe)
    writer = subprocess.Popen(["sh", "-c", f"yes 'x: y' > {pipe}"])
    try:
        result = subprocess.run(
            [sys.executable, "-m", "mapper", "check", str(pipe), "--max-size", "1"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=60,
        )
    finally:
        writer.kill()
        writer.wait()
    assert result.returncode == 2
    assert "goes on past 1 MB" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize("cap", ["nan", "inf", "-1", "0", "lots"])
def test_a_size_cap_that_is_not_a_size_is_a_usage_error(cap):
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "mapper",
            "check",
            str(ROOT / "examples" / "small.yaml"),
            "--max-size",
            cap,
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert "argument --max-size:" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize(
    "text",
    [
        with_person_field("leaving: 2027-02-30"),
        with_meeting_field("duration_minutes: 1" + "0" * 5000),
        MINIMAL + "1: x\n",
    ],
)
def test_the_cli_answers_unbuildable_values_with_exit_2_and_no_traceback(tmp_path, text):
    path = tmp_path / "map.yaml"
    path.write_text(text)
    result = subprocess.run(
        [sys.executable, "-m", "mapper", "check", str(path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr and f"{path}:" in result.stderr


# User text drawn by matplotlib (the report's map picture and charts) is text, not mathtext.
DOLLARS = "Council $x^{2$ and $\\mathbf{x}$"


def test_a_dollar_in_a_name_is_drawn_as_typed_in_the_pdf_report(tmp_path, run_cli):
    from pypdf import PdfReader

    path = tmp_path / "map.yaml"
    path.write_text(MINIMAL.replace("Northbridge Council", f"'{DOLLARS}'"))
    code, _, err = run_cli("report", str(path), "-o", str(tmp_path / "r.pdf"))
    assert code == 0, err
    text = "".join(page.extract_text() for page in PdfReader(tmp_path / "r.pdf").pages)
    assert "Council $x^{2$" in text


def test_the_pictures_never_read_user_text_as_a_formula():
    from mapper.render.charts import bar_chart
    from mapper.render.static_map import organisations_png

    png = bar_chart([DOLLARS, "$\\mathbf{x}$"], [3.0, 1.0], "hours")
    assert png.startswith(b"\x89PNG")
    text = MINIMAL.replace("Northbridge Council", f"'{DOLLARS}'")
    assert organisations_png(parse_map(text)).startswith(b"\x89PNG")


# Found by the fuzzing harness (tests/fuzz/yaml_maps.py).
@pytest.mark.parametrize("written", ["'-0'", "'1700000000'", "'2027-3-1'"])
def test_a_date_in_quotes_must_look_like_a_date(written):
    line, message = only_problem(with_person_field(f"leaving: {written}"))
    assert (line, message) == (
        8,
        "person 'ben-cole': leaving: should be a date written as YYYY-MM-DD (like 2027-03-31)",
    )


@pytest.mark.parametrize("written", ["'1_000'", "' 7 '", "'1e3'", "'0x10'"])
def test_a_setting_in_quotes_must_be_plain_digits(written):
    line, message = only_problem(MINIMAL + f"settings:\n  load_hours_per_month: {written}\n")
    assert line == 16
    assert message == (
        "settings.load_hours_per_month: should be a number in plain digits "
        f"(like 0.7 or 16), not '{written[1:-1]}'"
    )


def test_a_setting_that_is_not_a_number_is_said_in_words():
    assert only_problem(MINIMAL + "settings:\n  load_hours_per_month: 2024-02-29\n") == (
        16,
        "settings.load_hours_per_month: should be a number (like 0.7 or 16), not the date "
        "2024-02-29",
    )


def test_a_hash_straight_after_text_is_refused_not_cut_off_as_a_comment():
    text = MINIMAL.replace("name: Test partnership", "name: Locality hub #2")
    assert only_problem(text) == (
        2,
        (
            "the text goes on after 'Locality hub' with ' #', which YAML reads as the start of a "
            "comment, so everything from the # on would be dropped; put the whole text in quotes "
            '("... #2"), or leave a space after # for a comment'
        ),
    )
    commented = MINIMAL.replace("name: Test partnership", "name: Test partnership  # new")
    assert parse_map(commented).name == "Test partnership"


# Where the command line writes: only ever an ordinary file, or a folder for CSV files.
@pytest.mark.parametrize(
    "command, output, message",
    [
        ("report", "missing/report.pdf", "does not exist, so nothing was written"),
        ("report", ".", "is a folder, so nothing was written"),
        # .csv is an edge list now (docs/format.md, The map in other tools); a document is not
        ("export", "map.docx", "export writes a workbook (a name ending .xlsx) or a folder of CSV"),
        (
            "export",
            "notes.txt",
            "export writes a workbook (a name ending .xlsx) or a folder of CSV",
        ),
    ],
    ids=["no-folder", "a-folder", "document-name", "other-file"],
)
def test_an_output_that_is_not_a_file_to_write_is_refused(
    tmp_path, run_cli, command, output, message
):
    code, _, err = run_cli(
        command, str(ROOT / "examples" / "small.yaml"), "-o", str(tmp_path / output)
    )
    assert code == 2 and message in err, err
    assert list(tmp_path.iterdir()) == []


def test_a_device_is_never_replaced_by_a_report(tmp_path, run_cli):
    device = "/dev/null"
    code, _, err = run_cli("report", str(ROOT / "examples" / "small.yaml"), "-o", device)
    assert code == 2 and "is not an ordinary file (a device or a pipe)" in err
    assert not os.path.isfile(device)


def test_a_file_where_the_csv_folder_should_be_is_refused(tmp_path, run_cli):
    taken = tmp_path / "exported"
    taken.write_text("not a folder")
    code, _, err = run_cli("export", str(ROOT / "examples" / "small.yaml"), "-o", str(taken))
    assert code == 2 and "is a file, not a folder" in err


def test_a_value_starting_with_a_hash_is_refused_not_read_as_empty():
    text = MINIMAL.replace("name: Test partnership", "name: #1 Family Hub")
    assert only_problem(text) == (
        2,
        (
            "this value starts with '#', which YAML reads as the start of a comment, so the value "
            'would be empty and the text dropped; put the whole text in quotes ("#1 ...")'
        ),
    )


@pytest.mark.parametrize(
    "command",
    [
        ["import", "/dev/zero", "-o", "{out}"],
        ["answers", str(ROOT / "examples" / "small.yaml"), "/dev/zero"],
    ],
    ids=["import", "answers"],
)
def test_spreadsheets_named_on_the_command_line_are_read_up_to_the_cap(tmp_path, command):
    argv = [part.format(out=tmp_path / "m.yaml") for part in command]
    result = subprocess.run(
        [sys.executable, "-m", "mapper", *argv],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2, result.stderr
    assert "/dev/zero: the file goes on past 20 MB, the most this tool reads" in result.stderr


@pytest.mark.parametrize(
    "pair, message",
    [
        ("chair_limit=3.5", "--setting chair_limit: should be a whole number (like 3), not '3.5'"),
        (
            "chair_limit=lots",
            "--setting chair_limit: should be a whole number (like 3), not 'lots'",
        ),
        (
            "chair_share=1_0",
            "--setting chair_share: should be a number in plain digits (like 0.7 or 16), not '1_0'",
        ),
    ],
)
def test_settings_from_the_command_line_say_what_number_they_take(run_cli, pair, message):
    code, _, err = run_cli("check", str(ROOT / "examples" / "small.yaml"), "--setting", pair)
    assert (code, err.strip()) == (2, message)
