"""Spreadsheet import and export: the templates round-trip, every problem names sheet, row
and column, and text survives as typed."""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, assume, given, settings

from mapper.assessment import changed_answers, with_answers
from mapper.load import load_map
from mapper.model import Partnership, Settings
from mapper.questionnaire import QUESTION_IDS, QUESTIONS
from mapper.sheets import SheetError, import_sheets, read_answers
from mapper.sheets.cells import neutralise, undo_neutralising
from mapper.sheets.export import map_tables, tables_csv, tables_workbook
from tests.conftest import EXAMPLES
from tests.strategies import partnerships

TEMPLATES = EXAMPLES / "templates"
CSV_TEMPLATES = sorted(TEMPLATES.glob("*.csv"))

ORGS = "name,sector\nNorthbridge Council,Local authority\nHome-Start,VCFS\n"
PEOPLE = (
    "name,organisation,title,level\n"
    "Sam Patel,Northbridge Council,Director,Strategic\n"
    "None,Home-Start,Lead,operational\n"
    "NA,Home-Start,007,practitioner\n"
)
MEETINGS = (
    "name,level,frequency,duration (minutes),chairs\n"
    "Best Start Board,strategic,Monthly,90,Sam Patel\n"
    "Ops group,operational,six-weekly,1.5 hours,None\n"
)
ATTENDANCE = "meeting,person\nBest Start Board,None\nOps group,NA\n"


def csv_files(**sheets: str) -> list[tuple[str, bytes]]:
    base = {"organisations": ORGS, "people": PEOPLE, "meetings": MEETINGS, "attendance": ATTENDANCE}
    base.update(sheets)
    return [(f"{name}.csv", text.encode("utf-8")) for name, text in base.items() if text]


def problems_of(files: list[tuple[str, bytes]]) -> list[str]:
    with pytest.raises(SheetError) as caught:
        import_sheets(files, "Test")
    return [str(p) for p in caught.value.problems]


def comparable(partnership: Partnership) -> Partnership:
    """The map as the templates carry it: a meeting's chairs are not repeated among its
    members (the attendance sheet lists each person once)."""
    meetings = tuple(
        m.model_copy(
            update={
                "members": tuple(p for p in m.members if p not in m.chairs and p != m.vice_chair)
            }
        )
        for m in partnership.meetings
    )
    return partnership.model_copy(update={"meetings": meetings})


def texts_kept_as_typed(partnership: Partnership) -> bool:
    """Cells are trimmed on import, so only maps whose texts have no outer spaces round-trip."""
    texts = [
        r.name
        for r in (
            *partnership.organisations,
            *partnership.people,
            *partnership.meetings,
            *partnership.outcomes,
        )
    ]
    texts += [p.title for p in partnership.people] + [m.purpose for m in partnership.meetings]
    texts += [a.note for a in partnership.assessment.values()]
    return all(t is None or t == t.strip() for t in texts)


# --- the published templates -------------------------------------------------------------


def test_the_csv_templates_are_the_small_example_exported() -> None:
    small = load_map(EXAMPLES / "small.yaml")
    expected = tables_csv(small)
    assert {p.name for p in CSV_TEMPLATES} == set(expected)
    for path in CSV_TEMPLATES:
        assert path.read_bytes().decode("utf-8") == expected[path.name], path.name


def test_the_workbook_template_holds_the_same_tables() -> None:
    book = openpyxl.load_workbook(TEMPLATES / "map-template.xlsx")
    small = load_map(EXAMPLES / "small.yaml")
    for sheet, rows in map_tables(small).items():
        read = [
            [c if c is not None else "" for c in row]
            for row in book[sheet].iter_rows(values_only=True)
        ]
        assert read == rows, sheet


def test_templates_import_export_import_round_trips(tmp_path: Path) -> None:
    first = import_sheets([(p.name, p.read_bytes()) for p in CSV_TEMPLATES], "Northbridge")
    out = tables_csv(first.partnership)
    second = import_sheets([(n, t.encode("utf-8")) for n, t in out.items()], "Northbridge")
    assert second.partnership == first.partnership
    workbook = import_sheets([("m.xlsx", tables_workbook(first.partnership))], "Northbridge")
    assert workbook.partnership == first.partnership
    assert first.warnings == ()
    small = load_map(EXAMPLES / "small.yaml")
    assert first.partnership == comparable(small).model_copy(update={"name": "Northbridge"})


def test_the_county_example_goes_out_and_back_through_a_workbook() -> None:
    county = load_map(EXAMPLES / "county.yaml")
    back = import_sheets([("county.xlsx", tables_workbook(county))], county.name)
    assert back.partnership == comparable(county)
    assert back.partnership.assessment == county.assessment != {}


def test_a_map_edited_in_a_spreadsheet_and_imported_again_keeps_its_settings() -> None:
    small = load_map(EXAMPLES / "small.yaml")
    tuned = small.model_copy(
        update={
            "settings": small.settings.model_copy(
                update={"chair_limit": 5, "duplicate_similarity": 0.8}
            )
        }
    )
    back = import_sheets(
        [(n, t.encode("utf-8")) for n, t in tables_csv(tuned).items()], small.name
    ).partnership
    assert back.settings.chair_limit == 5 and back.settings.duplicate_similarity == 0.8


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(partnerships())
def test_any_map_round_trips_through_csv(partnership: Partnership) -> None:
    assume(texts_kept_as_typed(partnership))
    out = tables_csv(partnership)
    back = import_sheets([(n, t.encode("utf-8")) for n, t in out.items()], partnership.name)
    assert back.partnership == comparable(partnership)


# --- text survives as typed --------------------------------------------------------------


def test_names_like_none_and_na_and_leading_zeros_survive() -> None:
    imported = import_sheets(csv_files(), "Test").partnership
    names = {p.label for p in imported.people}
    assert {"None", "NA"} <= names
    assert imported.person_by_id["na"].title == "007"
    assert imported.meeting_by_id["ops-group"].chairs == ("none",)


def test_ids_are_made_from_names_and_references_can_be_names() -> None:
    imported = import_sheets(csv_files(), "Test").partnership
    assert [o.id for o in imported.organisations] == ["northbridge-council", "home-start"]
    sam = imported.person_by_id["sam-patel"]
    assert sam.organisation == "northbridge-council" and sam.level == "strategic"
    board = imported.meeting_by_id["best-start-board"]
    assert board.frequency == "monthly" and board.duration_minutes == 90
    assert imported.meeting_by_id["ops-group"].duration_minutes == 90
    assert imported.meeting_by_id["ops-group"].frequency == "six_weekly"


def test_two_rows_with_the_same_name_get_different_ids() -> None:
    imported = import_sheets(
        csv_files(organisations=ORGS + "Home Start,vcfs\n"), "Test"
    ).partnership
    assert [o.id for o in imported.organisations][-2:] == ["home-start", "home-start-2"]


def test_formula_cells_are_neutralised_on_export_and_restored_on_import() -> None:
    assert neutralise('=HYPERLINK("x")') == '\'=HYPERLINK("x")'
    assert [neutralise(c) for c in ("+1", "-2", "@x", "plain", "'quoted")] == [
        "'+1",
        "'-2",
        "'@x",
        "plain",
        "'quoted",
    ]
    for text in ("=x", "'=x", "''=x", "'plain", "-", "'"):
        assert undo_neutralising(neutralise(text)) == text
    hostile = load_map(Path(__file__).parent / "data" / "hostile.yaml")
    renamed = hostile.model_copy(
        update={
            "people": tuple(
                p.model_copy(update={"name": "=1+1", "title": "'=quoted"}) if i == 0 else p
                for i, p in enumerate(hostile.people)
            )
        }
    )
    files = tables_csv(renamed)
    assert "'=1+1" in files["people.csv"] and "''=quoted" in files["people.csv"]
    book = openpyxl.load_workbook(io.BytesIO(tables_workbook(renamed)))
    cells = [c for row in book["people"].iter_rows() for c in row]
    assert not any(c.data_type == "f" for c in cells)  # nothing a spreadsheet would run
    back = import_sheets([(n, t.encode()) for n, t in files.items()], renamed.name)
    assert back.partnership.people[0].name == "=1+1"
    assert back.partnership.people[0].title == "'=quoted"


def test_excel_windows_csv_is_read_with_a_warning() -> None:
    imported = import_sheets(
        [("organisations.csv", "name,sector\nZoë's Hub,vcfs\n".encode("cp1252"))], "Test"
    )
    assert imported.partnership.organisations[0].name == "Zoë's Hub"
    assert "not saved as UTF-8" in str(imported.warnings[0])


def test_semicolon_separated_csv_is_read() -> None:
    imported = import_sheets(
        [("organisations.csv", b"name;sector\nA Council;local authority\n")], "Test"
    )
    assert imported.partnership.organisations[0].sector == "local_authority"


# --- malformed sheets: each gives a message naming sheet, row and column --------------------


def test_a_missing_column_is_named_with_its_header_row() -> None:
    found = problems_of(csv_files(people=PEOPLE.replace(",level", ",levl")))
    assert found == [
        "people.csv, row 1, column level: is missing; the people sheet needs "
        "the columns name, level"
    ]


def test_an_unknown_level_names_row_and_column_and_suggests() -> None:
    found = problems_of(csv_files(people=PEOPLE.replace("Strategic", "strat")))
    assert len(found) == 1
    assert found[0].startswith("people.csv, row 2, column level: 'strat' is not allowed")
    assert "did you mean strategic?" in found[0]


def test_an_unknown_person_in_attendance_names_row_and_suggests() -> None:
    found = problems_of(csv_files(attendance=ATTENDANCE + "Ops group,Sam Patell\n"))
    assert found == [
        "attendance.csv, row 4, column person: 'Sam Patell' is not in the people "
        "sheet; did you mean Sam Patel?"
    ]


def test_empty_cells_and_empty_rows() -> None:
    found = problems_of(csv_files(people=PEOPLE + "Jo Evans,Home-Start,Lead,\n"))
    assert found == [
        "people.csv, row 5, column level: is empty; write one of strategic, "
        "operational, practitioner, family"
    ]
    with_gap = import_sheets(csv_files(people=PEOPLE.replace("\nNone", "\n,,,\nNone")), "Test")
    assert [str(w) for w in with_gap.warnings] == ["people.csv, row 3: is empty and was skipped"]
    found = problems_of(csv_files(attendance=ATTENDANCE + ",NA\n"))
    assert found == [
        "attendance.csv, row 4, column meeting: is empty; each row names one "
        "meeting and the person who attends it"
    ]


def test_merged_cells_are_refused_with_their_rows() -> None:
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, text in (
        ("organisations", ORGS),
        ("people", PEOPLE),
        ("meetings", MEETINGS),
        ("attendance", "meeting,person\nOps group,None\n,NA\n"),
    ):
        sheet = book.create_sheet(name)
        for line in text.strip().split("\n"):
            sheet.append(line.split(","))
    book["attendance"].merge_cells("A2:A3")
    buffer = io.BytesIO()
    book.save(buffer)
    found = problems_of([("partnership.xlsx", buffer.getvalue())])
    assert found[0].startswith(
        "partnership.xlsx, sheet attendance, row 2, column meeting: merged cells (rows 2-3"
    )
    assert "unmerge them" in found[0]


def test_every_problem_is_reported_in_one_run() -> None:
    found = problems_of(
        csv_files(
            people=PEOPLE.replace("Strategic", "strat"),
            meetings=MEETINGS.replace("Monthly", "Montly").replace(",90,", ",ninety,"),
            attendance=ATTENDANCE + "Board X,NA\n",
        )
    )
    where = [f.split(":")[0] for f in found]
    assert where == [
        "attendance.csv, row 4, column meeting",
        "meetings.csv, row 2, column duration",
        "meetings.csv, row 2, column frequency",
        "people.csv, row 2, column level",
    ]


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("people.xls", b"\xd0\xcf\x11\xe0", "old Excel 97-2003 workbook"),
        ("people.xlsx", b"not a zip", "cannot be opened as an Excel workbook"),
        ("people.csv", b"", "is empty"),
        ("people.csv", b"name,level\x00", "NUL bytes"),
        ("notes.csv", b"when,what\n1,2\n", "cannot tell which template"),
        ("people.pdf", b"%PDF", "not a spreadsheet"),
    ],
)
def test_files_that_are_not_sheets_get_a_message(name: str, content: bytes, expected: str) -> None:
    found = problems_of([(name, content)])
    assert expected in found[0] and found[0].startswith(name)


def test_columns_the_template_lacks_are_named_in_a_warning() -> None:
    imported = import_sheets(csv_files(people=PEOPLE.replace("level\n", "level,phone\n")), "Test")
    assert "people.csv, row 1, column phone: is not a column of the template" in str(
        imported.warnings[0]
    )


# --- the self-assessment and settings sheets -------------------------------------------------


def test_the_blank_questionnaire_sheet_lists_every_statement_and_imports_as_unanswered() -> None:
    rows = (TEMPLATES / "assessment.csv").read_text(encoding="utf-8-sig").splitlines()
    assert len(rows) == 1 + len(QUESTIONS)
    imported = import_sheets(
        csv_files(assessment=(TEMPLATES / "assessment.csv").read_text(encoding="utf-8-sig")), "Test"
    )
    assert imported.partnership.assessment == {} and imported.warnings == ()


def test_answers_are_read_by_id_or_by_wording_in_plain_words() -> None:
    story, leaders = QUESTIONS[0], QUESTIONS[1]
    sheet = (
        "statement,answer,notes\n"
        f'"{story.statement.upper().rstrip(".")}",Not yet,Each partner tells it differently\n'
        f"{leaders.id},YES,\n"
    )
    answers = import_sheets(csv_files(assessment=sheet), "Test").partnership.assessment
    assert answers[story.id].answer == "not_yet"
    assert answers[story.id].note == "Each partner tells it differently"
    assert answers[leaders.id].answer == "yes" and answers[leaders.id].note is None


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        (
            "clear_storey,,,yes,",
            "row 2, column id: 'clear_storey' is not a statement of the "
            "self-assessment; did you mean clear_story?",
        ),
        (
            ",,Our partnership is lovely,yes,",
            "row 2, column statement: is not the wording of any statement",
        ),
        (
            "clear_story,,,,we are not sure",
            "row 2, column answer: is empty but the row has a note; "
            "write one of not yet, partly, yes",
        ),
        (
            "clear_story,,,maybe,",
            "row 2, column answer: 'maybe' is not allowed here; use one of: not_yet, partly, yes",
        ),
        (",,,yes,", "row 2, column id: is empty; write the id of the statement"),
        (
            "clear_story,,,yes,\nclear_story,,,partly,",
            "row 3: answers 'clear_story' again (row 2 answers it too)",
        ),
    ],
    ids=[
        "unknown-id",
        "unknown-wording",
        "note-without-answer",
        "unknown-answer",
        "no-statement",
        "answered-twice",
    ],
)
def test_each_bad_answer_row_is_named_by_row_and_column(row: str, expected: str) -> None:
    found = problems_of(csv_files(assessment=f"id,group,statement,answer,note\n{row}\n"))
    assert [p for p in found if p.startswith("assessment.csv, " + expected)], found


def test_settings_read_decimal_commas_and_keep_defaults_for_empty_values() -> None:
    sheet = 'setting,value\nduplicate similarity,"0,7"\nchair_limit,\n'
    imported = import_sheets(csv_files(settings=sheet), "Test").partnership
    assert imported.settings.duplicate_similarity == 0.7
    assert imported.settings.chair_limit == Settings().chair_limit


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        (
            "chair_limt,4",
            "row 2, column setting: 'chair_limt' is not a setting; did you mean chair_limit?",
        ),
        ("duplicate_similarity,1.6", "row 2, column value: must be at most 1.0, not 1.6"),
        ("chair_limit,lots", "row 2, column value: should be a whole number (like 90), not 'lots'"),
        ("chair_limit,4\nchair_limit,5", "row 3: sets 'chair_limit' again (row 2 sets it too)"),
    ],
    ids=["unknown", "too-big", "not-a-number", "twice"],
)
def test_each_bad_setting_is_named_by_row_and_column(row: str, expected: str) -> None:
    found = problems_of(csv_files(settings=f"setting,value\n{row}\n"))
    assert [p for p in found if p.startswith("settings.csv, " + expected)], found


def test_a_filled_in_questionnaire_is_read_on_its_own_and_other_sheets_are_left_alone() -> None:
    county = load_map(EXAMPLES / "county.yaml")
    sheet = tables_csv(county, ["assessment"])["assessment.csv"]
    assert "@" not in sheet and county.people[0].name not in sheet  # it names nobody
    sheet = sheet.replace("developing_leaders,Leading change,", "developing_leaders,x,", 1)
    sheet = sheet.replace('including the next ones.",,', 'including the next ones.",yes,')
    read = read_answers([("questions.csv", sheet.encode("utf-8")), *csv_files()])
    assert read.answers["developing_leaders"].answer == "yes"
    assert {k: v for k, v in read.answers.items() if k != "developing_leaders"} == county.assessment
    assert [str(w).split(":")[0] for w in read.warnings] == [
        "organisations.csv",
        "people.csv",
        "meetings.csv",
        "attendance.csv",
    ]
    merged = with_answers(county, read.answers)
    assert changed_answers(county, merged) == ["developing_leaders"]
    assert list(merged.assessment) == [q for q in QUESTION_IDS if q in merged.assessment]


def test_files_without_a_questionnaire_say_so() -> None:
    with pytest.raises(SheetError) as caught:
        read_answers(csv_files())
    assert "hold no assessment sheet" in str(caught.value)


# --- the command line ----------------------------------------------------------------------


def test_cli_import_writes_a_map_and_refuses_to_overwrite(run_cli, tmp_path: Path) -> None:
    target = tmp_path / "northbridge.yaml"
    code, out, err = run_cli("import", *map(str, CSV_TEMPLATES), "-o", str(target))
    assert code == 0 and "10 people" in out and err == ""
    assert load_map(target).name == "Northbridge"
    code, _, err = run_cli("import", *map(str, CSV_TEMPLATES), "-o", str(target))
    assert code == 2 and "already exists" in err


def test_cli_export_then_import_replace_gives_back_the_same_map(run_cli, tmp_path: Path) -> None:
    target = tmp_path / "county.yaml"
    target.write_bytes((EXAMPLES / "county.yaml").read_bytes())
    code, out, _ = run_cli("export", str(target), "-o", str(tmp_path / "county.xlsx"))
    assert code == 0 and "It contains personal data" in out
    code, _, err = run_cli("import", str(tmp_path / "county.xlsx"), "-o", str(target), "--replace")
    assert code == 0, err
    assert load_map(target) == comparable(load_map(EXAMPLES / "county.yaml"))
    assert list((tmp_path / ".history").iterdir())  # the file replaced is kept


def test_cli_sends_the_questionnaire_round_and_reads_the_answers_back(
    run_cli, tmp_path: Path
) -> None:
    target = tmp_path / "county.yaml"
    target.write_bytes((EXAMPLES / "county.yaml").read_bytes())
    questions = tmp_path / "questions.xlsx"
    code, out, _ = run_cli("export", str(target), "-o", str(questions), "--only", "assessment")
    assert code == 0 and "It names nobody, unless the notes do" in out
    book = openpyxl.load_workbook(questions)
    assert book.sheetnames == ["assessment"]
    sheet = book["assessment"]
    row = next(r for r in sheet.iter_rows(min_row=2) if r[0].value == "developing_leaders")
    row[3].value, row[4].value = "Yes", "Agreed at the board"
    book.save(questions)
    code, out, err = run_cli("answers", str(target), str(questions))
    assert (code, err) == (0, "")
    assert "1 changed the map (developing_leaders), saved in" in out
    saved = load_map(target)
    assert saved.assessment["developing_leaders"].note == "Agreed at the board"
    assert saved == with_answers(
        load_map(EXAMPLES / "county.yaml"),
        {"developing_leaders": saved.assessment["developing_leaders"]},
    )
    assert target.read_text(encoding="utf-8").startswith("# yaml-language-server")
    code, out, _ = run_cli("answers", str(target), str(questions))
    assert code == 0 and "0 changed the map." in out


def test_cli_answers_refuses_a_sheet_with_problems_and_leaves_the_map(
    run_cli, tmp_path: Path
) -> None:
    target = tmp_path / "small.yaml"
    target.write_bytes((EXAMPLES / "small.yaml").read_bytes())
    bad = tmp_path / "questions.csv"
    bad.write_text("id,answer\nclear_story,sometimes\n", encoding="utf-8")
    code, out, err = run_cli("answers", str(target), str(bad))
    assert code == 2 and out == ""
    assert "questions.csv, row 2, column answer: 'sometimes' is not allowed" in err
    assert target.read_bytes() == (EXAMPLES / "small.yaml").read_bytes()


def test_cli_import_prints_row_level_problems(run_cli, tmp_path: Path) -> None:
    bad = tmp_path / "people.csv"
    bad.write_text(PEOPLE.replace("Strategic", "strat"), encoding="utf-8")
    others = [p for p in CSV_TEMPLATES if p.name != "people.csv"]
    code, out, err = run_cli("import", *map(str, others), str(bad), "-o", str(tmp_path / "m.yaml"))
    assert code == 2 and out == ""
    assert "people.csv, row 2, column level: 'strat' is not allowed" in err
    assert not (tmp_path / "m.yaml").exists()


def test_cli_export_writes_the_templates(run_cli, tmp_path: Path) -> None:
    code, out, _ = run_cli("export", str(EXAMPLES / "small.yaml"), "-o", str(tmp_path / "t"))
    assert code == 0 and "personal data" in out
    assert sorted(p.name for p in (tmp_path / "t").iterdir()) == sorted(
        p.name for p in CSV_TEMPLATES
    )
    code, _, _ = run_cli("export", str(EXAMPLES / "small.yaml"), "-o", str(tmp_path / "m.xlsx"))
    assert code == 0 and (tmp_path / "m.xlsx").read_bytes()[:2] == b"PK"


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(partnerships())
def test_any_map_round_trips_through_a_workbook(partnership: Partnership) -> None:
    assume(texts_kept_as_typed(partnership))
    back = import_sheets([("m.xlsx", tables_workbook(partnership))], partnership.name)
    assert back.partnership == comparable(partnership)
