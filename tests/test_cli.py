"""`python -m mapper`: output for people, output for programs, one function per command."""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys

import pytest

from mapper import map_schema
from mapper.cli import main
from tests.conftest import EXAMPLES, MINIMAL, ROOT


def test_check_summarises_a_valid_map(run_cli):
    code, out, err = run_cli("check", str(EXAMPLES / "small.yaml"))
    assert (code, err) == (0, "")
    assert out.splitlines()[:6] == [
        f"Northbridge Best Start Partnership ({EXAMPLES / 'small.yaml'}): a valid map",
        "  7 organisations: 2 local authority, 1 health, 1 education, "
        "1 voluntary, community and faith, 1 police, 1 families",
        "  10 people: 5 strategic, 3 operational, 1 practitioner, 1 family",
        "  4 meetings: 2 strategic, 1 operational, 1 practitioner",
        "  16 meeting seats, 2 relationships, 3 shared outcomes",
        "  Meetings take 288 person-hours a year.",
    ]


def test_json_output_is_only_json_with_the_agreed_shape(run_cli, map_file):
    code, out, err = run_cli("check", str(map_file(MINIMAL)), "--format", "json")
    assert (code, err) == (0, "")
    report = json.loads(out)
    assert set(report) == {
        "map",
        "metrics",
        "findings",
        "set_aside",
        "decisions_no_longer_applying",
    }
    assert (report["set_aside"], report["decisions_no_longer_applying"]) == (0, [])
    assert report["map"]["people_by_level"] == {
        "strategic": 1,
        "operational": 1,
        "practitioner": 0,
        "family": 0,
    }
    assert report["map"]["memberships"] == 2
    # 12 meetings a year x 1 hour x 2 people
    assert report["metrics"]["person_hours_per_year"] == 24.0
    # The two organisations meet only at the board, each through one person: each person is
    # their organisation's only link, which cuts off no one else.
    # Each is a sole representative, and neither meets anyone below the table: each
    # finding names the other among the partners it never meets there.
    core = {
        "missing_operational_link",
        "sole_representative",
        "single_point_of_failure",
        "duplicate_meetings",
        "critical_organisation",
    }
    found = [(f["kind"], f["subjects"]) for f in report["findings"] if f["kind"] in core]
    assert sorted(found) == [
        ("sole_representative", ["nbc", "amara-okafor"]),
        ("sole_representative", ["trust", "ben-cole"]),
    ]
    gaps = {
        f["subjects"][0]: f["evidence"]["missing_below"]
        for f in report["findings"]
        if f["kind"] == "sole_representative"
    }
    assert gaps["nbc"] == ["trust"] and gaps["trust"] == ["nbc"]
    for finding in report["findings"]:
        assert set(finding) == {
            "kind",
            "severity",
            "priority",
            "subjects",
            "title",
            "evidence",
            "recommendation",
            "action",
            "source",
        }


def test_text_output_says_missing_links_once_per_organisation_most_telling_first(run_cli):
    code, out, _ = run_cli("check", str(EXAMPLES / "county.yaml"))
    assert code == 0
    first = next(
        line
        for line in out.splitlines()
        if line.startswith("MEDIUM ") and "at operational level" in line
    )
    assert first == (
        "MEDIUM Harrowdale Constabulary sits at the strategic table with 18 partners but meets "
        "none of them at operational level, nor any other organisation"
    )
    assert (
        "HIGH   Siân Pritchard (Harrowdale Council for Voluntary Service) is the only link "
        "from Al-Noor Community Trust and Ashby Churches Together to the rest of the "
        "system" in out
    )


def test_an_invalid_map_in_json_mode_keeps_stdout_empty(run_cli, map_file):
    code, out, err = run_cli("check", str(map_file("version: 3\nname: x\n")), "--format", "json")
    assert (code, out) == (2, "")
    assert err.endswith(
        "map.yaml:1: version: should be 1 or 2, the versions of the format this tool reads "
        "(write 2 for a new map)\n"
    )


def test_a_missing_file_is_a_message_not_a_traceback(run_cli, tmp_path):
    code, out, err = run_cli("check", str(tmp_path / "nope.yaml"))
    assert (code, out, err) == (2, "", f"{tmp_path / 'nope.yaml'}: no such file\n")
    code, _, err = run_cli("check", str(tmp_path))
    assert (code, err) == (2, f"{tmp_path} is a folder, not a file\n")


def test_schema_is_generated_from_the_model_and_the_docs_copy_is_current(run_cli):
    code, out, _ = run_cli("schema")
    assert code == 0
    schema = json.loads(out)
    assert schema == map_schema()
    assert schema["additionalProperties"] is False
    assert "Relationship" in schema["$defs"]
    assert set(schema["$defs"]["Relationship"]["properties"]) == {"from", "to", "kind", "depth"}
    committed = json.loads((ROOT / "docs" / "map.schema.json").read_text(encoding="utf-8"))
    assert committed == schema, "run: python -m mapper schema > docs/map.schema.json"


def test_the_module_runs_as_a_program():
    result = subprocess.run(
        [sys.executable, "-m", "mapper", "check", "examples/small.yaml"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0
    assert "a valid map" in result.stdout


def test_json_output_is_the_same_in_every_run():
    """Sets of attendees iterate in a different order per process (string hashing); the
    report must not: a consultant compares two runs, and CI diffs outputs."""
    outputs = set()
    for seed in ("1", "2", "3"):
        result = subprocess.run(
            [sys.executable, "-m", "mapper", "check", "examples/county.yaml", "--format", "json"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=120,
            env={**os.environ, "PYTHONHASHSEED": seed},
        )
        assert result.returncode == 0
        outputs.add(result.stdout)
    assert len(outputs) == 1


def test_every_command_in_the_help_has_a_function_and_every_function_a_command(capsys):
    from mapper.cli import COMMANDS, _parser

    (commands,) = [a for a in _parser()._actions if isinstance(a, argparse._SubParsersAction)]
    assert set(commands.choices) == set(COMMANDS)
    with pytest.raises(SystemExit) as stop:
        main(["--help"])
    assert stop.value.code == 0
    shown = capsys.readouterr().out
    for name, run in COMMANDS.items():
        assert f"    {name} " in shown, name
        assert callable(run)


def test_an_unknown_command_is_a_usage_error_naming_the_commands(capsys):
    with pytest.raises(SystemExit) as stop:
        main(["frobnicate"])
    assert stop.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("usage: python -m mapper [-h] COMMAND ...\n")
    assert "invalid choice: 'frobnicate' (choose from 'check', 'diff', 'report'" in err
    with pytest.raises(SystemExit) as stop:
        main([])
    assert stop.value.code == 2
    assert "the following arguments are required: COMMAND" in capsys.readouterr().err


def test_a_sheet_given_to_export_only_is_checked_when_given(run_cli, tmp_path, capsys):
    with pytest.raises(SystemExit) as stop:
        main(["export", str(EXAMPLES / "small.yaml"), "-o", str(tmp_path), "--only", "peple"])
    assert stop.value.code == 2
    assert "argument --only: invalid choice: 'peple' (choose from 'organisations', 'people'" in (
        capsys.readouterr().err
    )
    code, out, _ = run_cli(
        "export", str(EXAMPLES / "small.yaml"), "-o", str(tmp_path / "q"), "--only", "assessment"
    )
    assert (code, out) == (
        0,
        f"Wrote {tmp_path / 'q' / 'assessment.csv'}. It names nobody, unless the notes do.\n",
    )


def test_each_error_is_its_message_and_status_2_never_a_traceback(run_cli, map_file, tmp_path):
    small = str(EXAMPLES / "small.yaml")
    code, out, err = run_cli("check", small, "--setting", "duplicate_similarity=abc")
    assert (code, out) == (2, "")
    assert err == (
        "--setting duplicate_similarity: should be a number in plain digits (like 0.7 or 16), "
        "not 'abc'\n"
    )
    code, _, err = run_cli("check", small, "--setting", "duplicat_similarity=1")
    assert code == 2 and "(did you mean duplicate_similarity?)" in err
    code, _, err = run_cli("check", small, "--without", "nobody-here")
    assert (code, err) == (2, "'nobody-here' is not a person or organisation in this map\n")
    code, _, err = run_cli("diff", small, str(map_file("version: 3\nname: x\n")))
    assert code == 2 and err.endswith(
        "version: should be 1 or 2, the versions of the format this tool reads "
        "(write 2 for a new map)\n"
    )
    code, _, err = run_cli("import", small, "-o", str(tmp_path / "x.yaml"))
    assert (code, err) == (
        2,
        "small.yaml: is not a spreadsheet this tool reads; use .xlsx or .csv files\n",
    )
    code, _, err = run_cli("answers", small, str(tmp_path / "none.csv"))
    assert (code, err) == (2, f"{tmp_path / 'none.csv'}: no such file\n")


def test_an_export_folder_that_cannot_be_made_is_a_message(run_cli, tmp_path):
    (tmp_path / "a-file").write_text("x", encoding="utf-8")
    target = tmp_path / "a-file" / "csv"
    code, out, err = run_cli("export", str(EXAMPLES / "small.yaml"), "-o", str(target))
    assert (code, out) == (2, "")
    assert err == (
        f"{target}: the folder for the CSV files cannot be made here (Not a directory); "
        "write somewhere else\n"
    )


def test_an_import_into_a_folder_that_is_not_there_is_refused_and_makes_nothing(run_cli, tmp_path):
    templates = sorted(str(p) for p in (ROOT / "examples" / "templates").glob("*.csv"))
    code, out, err = run_cli("import", *templates, "-o", str(tmp_path / "no" / "such" / "m.yaml"))
    assert code == 2 and "does not exist" in err and "Traceback" not in err
    assert not (tmp_path / "no").exists()
