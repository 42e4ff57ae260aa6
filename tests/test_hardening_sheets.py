"""Hostile spreadsheets (issue 11): each class of file that got through before is refused,
or read as meant, with a message naming file, sheet, row and column.

Bombs are made here, in memory, never committed. Memory is measured in a child process (its
peak resident size beyond a warmed-up start), under an address-space limit so a runaway does
not swap the machine; the only time bound is a generous timeout, speed figures are in
docs/security.md.
"""

from __future__ import annotations

import io
import os
import zipfile
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from mapper.errors import InvalidMapError
from mapper.load import validate_data
from mapper.model import Partnership
from mapper.sheets import SheetError, import_sheets, read
from mapper.sheets.export import tables_csv, tables_workbook
from tests.fuzz.build import DATE_STYLES, bomb, cell, row, workbook
from tests.fuzz.measure import measured
from tests.fuzz.sheets import check_import, hostile_files

MOST_EXTRA_MB = 200
# The caps, with the values they have, so this file also runs (and fails) on the code before.
MAX_CELLS, MAX_ROWS = getattr(read, "MAX_CELLS", 1_500_000), read.MAX_ROWS
ORGS = [row("name", "sector"), row("Northbridge Council", "local authority")]
MEETINGS = [
    row("name", "level", "frequency", "duration", "chairs"),
    row("Board", "strategic", "monthly", 90, "Sam Patel"),
]
PEOPLE = [
    row("name", "organisation", "level"),
    row("Sam Patel", "Northbridge Council", "strategic"),
]


def book(**sheets: list[str]) -> dict[str, list[str]]:
    base = {"organisations": ORGS, "people": PEOPLE, "meetings": MEETINGS}
    base.update(sheets)
    return {k: v for k, v in base.items() if v}


def problems_of(files: list[tuple[str, bytes]]) -> list[str]:
    with pytest.raises(SheetError) as caught:
        import_sheets(files, "Test")
    return [str(p) for p in caught.value.problems]


# --- 1. bombs: refused on the declared size, and while streaming ------------------------------


@pytest.fixture(scope="module")
def bomb_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("bomb") / "bomb.xlsx"
    path.write_bytes(bomb(5_000_000))  # 2.9 MB, 690 MB of sheet XML
    return path


def test_a_zip_bomb_is_refused_by_the_cli_in_bounded_memory(
    bomb_file: Path, tmp_path: Path
) -> None:
    run = measured("cli", "import", str(bomb_file), "-o", str(tmp_path / "x.yaml"))
    assert run.code == 2 and not run.traceback, run.err[-2000:]
    assert run.err.startswith("bomb.xlsx, sheet people: unpacks to 691 MB of sheet")
    assert "the most this tool reads is 50 MB a sheet" in run.err
    assert run.extra_mb < MOST_EXTRA_MB
    assert not (tmp_path / "x.yaml").exists()


def test_a_zip_bomb_is_refused_on_the_import_pages_path(bomb_file: Path) -> None:
    run = measured("library", str(bomb_file))  # import_sheets, as the page calls it
    assert run.code == 2 and not run.traceback, run.err[-2000:]
    assert "bomb.xlsx, sheet people: unpacks to" in run.err
    assert run.extra_mb < MOST_EXTRA_MB


def test_a_sheet_past_the_cell_cap_is_refused_while_streaming(tmp_path: Path) -> None:
    """Small enough to pass the declared-size check (packed 10 to 1, 40 MB of XML): the
    streaming read stops at the cap, before memory grows with the cells."""
    columns = 25
    wide = [row(*[f"h{c}" for c in range(columns)])]
    body = (
        "".join(
            f"<row>{''.join(f'<c><v>{r * columns + c}</v></c>' for c in range(columns))}</row>"
            for r in range(start, start + 1000)
        )
        for start in range(0, MAX_CELLS // columns + 5000, 1000)
    )
    path = tmp_path / "wide.xlsx"
    path.write_bytes(workbook({"people": [*wide, *body]}, dimensions={"people": "A1:B2"}))
    run = measured("library", str(path), timeout=120)  # 1.5 million cells read: 15-40 s
    assert run.code == 2 and not run.traceback, run.err[-2000:]
    assert f"past {MAX_CELLS:,}, the most this tool reads" in run.err
    assert "wide.xlsx, sheet people, row " in run.err
    assert run.extra_mb < MOST_EXTRA_MB


def test_rows_past_the_row_cap_are_refused_while_streaming() -> None:
    rows = (row("Sam", "strategic") for _ in range(MAX_ROWS + 10))
    data = workbook({"people": [row("name", "level"), *rows]}, level=1)
    found = problems_of([("long.xlsx", data)])
    assert found == [
        f"long.xlsx, sheet people, row {MAX_ROWS + 1}: has more than "
        f"{MAX_ROWS:,} rows; the most this tool reads is {MAX_ROWS:,}"
    ]


def test_a_lying_dimension_and_a_16000_column_row_are_read_as_they_are() -> None:
    far = cell("stray", ref="WQJ3")  # column 16,000, no heading: not read, as before
    people = [
        row("name", "organisation", "level"),
        row("Sam Patel", "Northbridge Council", "strategic"),
        f'<row r="3">{cell("Jo Evans", "A3")}{cell("Northbridge Council", "B3")}'
        f"{cell('strategic', 'C3')}{far}</row>",
    ]
    data = workbook(book(people=people), dimensions={"people": "A1:XFD1048576"})
    imported = import_sheets([("m.xlsx", data)], "Test").partnership
    assert [p.name for p in imported.people] == ["Sam Patel", "Jo Evans"]


def test_a_huge_shared_strings_part_is_refused_before_openpyxl_reads_it() -> None:
    strings = (
        '<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/'
        'spreadsheetml/2006/main">' + "<si><t>x</t></si>" * 600_000 + "</sst>"
    )
    data = workbook(book(), extra={"xl/sharedStrings.xml": strings.encode()})
    found = problems_of([("m.xlsx", data)])
    assert found[0].startswith("m.xlsx: holds a part (xl/sharedStrings.xml) that unpacks to")


def test_a_part_with_a_dtd_is_refused() -> None:
    laughs = (
        '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">]>'
        '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        "</styleSheet>"
    )
    found = problems_of([("m.xlsx", workbook(book(), styles=laughs))])
    assert found == [
        "m.xlsx: holds a part (xl/styles.xml) with a DTD, which Excel never "
        "writes (it can expand entities to exhaust memory)"
    ]


def test_a_single_enormous_cell_is_refused_in_bounded_memory(tmp_path: Path) -> None:
    path = tmp_path / "big.xlsx"  # 40 MB of four letters at random: packed 4 to 1
    letters = os.urandom(40_000_000).translate(bytes(b"abcd"[i % 4] for i in range(256)))
    path.write_bytes(
        workbook(book(people=[row("name", "level"), row(letters.decode(), "strategic")]), level=1)
    )
    run = measured("library", str(path))
    assert run.code == 2 and not run.traceback, run.err[-2000:]
    assert "big.xlsx, sheet people, row 2: has a cell longer than the 32,767 characters" in run.err
    assert run.extra_mb < MOST_EXTRA_MB


def test_a_csv_of_millions_of_cells_on_one_line_is_refused_in_bounded_memory(
    tmp_path: Path,
) -> None:
    path = tmp_path / "people.csv"
    path.write_bytes(b"name,level\n" + b"ab," * 6_000_000 + b"\n")  # 18 MB
    run = measured("cli", "import", str(path), "-o", str(tmp_path / "x.yaml"))
    assert run.code == 2 and not run.traceback, run.err[-2000:]
    assert run.err.startswith(
        f"people.csv: may hold up to 6,000,004 cells; the most this "
        f"tool reads in one import is {MAX_CELLS:,}"
    )
    assert run.extra_mb < MOST_EXTRA_MB


def test_a_csv_with_a_quote_left_open_names_the_row_and_the_fix() -> None:
    text = 'name,level\nSam,strategic\n"Jo,operational\n' + "x" * 200_000 + "\n"
    found = problems_of([("people.csv", text.encode())])
    assert found == [
        "people.csv, row 3: has a cell longer than the 131,072 characters this "
        "tool reads (a quote left open makes the rest of the file one cell); "
        "check the quotes"
    ]


# --- 2. hidden sheets ---------------------------------------------------------------------------


def test_a_hidden_template_sheet_is_a_problem_and_other_hidden_sheets_a_warning() -> None:
    old = [row("name", "level"), row("Left Ages Ago", "strategic")]
    data = workbook(
        book(**{"people (old)": old, "Lists": [row("strategic")]}),
        states={"people (old)": "hidden", "Lists": "veryHidden"},
    )
    with pytest.raises(SheetError) as caught:
        import_sheets([("county.xlsx", data)], "Test")
    assert [str(p) for p in caught.value.problems] == [
        "county.xlsx, sheet people (old): sheet 'people (old)' is hidden in Excel; unhide it "
        "to import it, or delete it"
    ]
    assert [str(w) for w in caught.value.warnings] == [
        "county.xlsx, sheet Lists: is hidden in Excel, so it was not read; unhide it if it "
        "belongs to the map"
    ]


def test_a_hidden_sheet_of_another_name_is_not_read_even_with_template_columns() -> None:
    data = workbook(
        book(Sheet9=[row("name", "level"), row("Ghost", "strategic")]), states={"Sheet9": "hidden"}
    )
    imported = import_sheets([("m.xlsx", data)], "Test")
    assert [p.name for p in imported.partnership.people] == ["Sam Patel"]
    assert [str(w) for w in imported.warnings] == [
        "m.xlsx, sheet Sheet9: is hidden in Excel, so it was not read; unhide it if it belongs "
        "to the map"
    ]


# --- 3. formulas without a saved value --------------------------------------------------------


def test_a_formula_never_calculated_is_named_by_sheet_row_and_column() -> None:
    people = [
        row("name", "organisation", "level"),
        row(cell(None, formula='CONCAT("Sam"," Patel")'), "Northbridge Council", "strategic"),
    ]
    meetings = [
        MEETINGS[0],
        row("Board", "strategic", "monthly", cell(None, formula="60+30"), "Sam Patel"),
    ]
    found = problems_of([("m.xlsx", workbook(book(people=people, meetings=meetings)))])
    expected = (
        "this cell holds a formula with no saved value (the file was not saved by a "
        "spreadsheet program that calculates); open it in Excel or LibreOffice, save, "
        "and import again, or type the value"
    )
    assert f"m.xlsx, sheet people, row 2, column name: {expected}" in found
    assert f"m.xlsx, sheet meetings, row 2, column duration: {expected}" in found


def test_a_formula_with_its_saved_value_is_read_as_that_value() -> None:
    people = [
        row("name", "organisation", "level"),
        row(
            cell("Sam Patel", formula='CONCAT("Sam"," Patel")'), "Northbridge Council", "strategic"
        ),
    ]
    imported = import_sheets([("m.xlsx", workbook(book(people=people)))], "Test")
    assert imported.partnership.people[0].name == "Sam Patel"


def test_a_cell_showing_an_error_is_named() -> None:
    people = [
        row("name", "organisation", "level"),
        row("Sam Patel", '<c t="e"><f>VLOOKUP(A1,Z:Z,2)</f><v>#N/A</v></c>', "strategic"),
    ]
    found = problems_of([("m.xlsx", workbook(book(people=people)))])
    assert found == [
        "m.xlsx, sheet people, row 2, column organisation: shows the spreadsheet "
        "error #N/A; fix the formula, or type the value"
    ]


# --- 4. what Excel stored: a date in a name, a number in a title --------------------------------


def test_a_date_excel_stored_in_a_name_cell_is_named() -> None:
    people = [
        row("name", "organisation", "level"),
        row(cell(45296, style=1), "Northbridge Council", "strategic"),
    ]
    found = problems_of([("m.xlsx", workbook(book(people=people), styles=DATE_STYLES))])
    assert found == [
        "m.xlsx, sheet people, row 2, column name: Excel stored a date here "
        "(2024-01-05); if it is text, format the cell as Text and retype it"
    ]


def test_dates_are_taken_where_dates_belong_and_a_time_is_a_length() -> None:
    people = [
        row("name", "organisation", "level", "title", "leaving"),
        row("Sam Patel", "Northbridge Council", "strategic", 7, cell(45296, style=1)),
    ]
    meetings = [
        MEETINGS[0],
        row("Board", "strategic", "monthly", cell(0.0625, style=2), "Sam Patel"),
    ]
    styles = DATE_STYLES.replace('<cellXfs count="2">', '<cellXfs count="3">').replace(
        "</cellXfs>", '<xf numFmtId="20" applyNumberFormat="1"/></cellXfs>'
    )  # h:mm
    imported = import_sheets(
        [("m.xlsx", workbook(book(people=people, meetings=meetings), styles=styles))], "Test"
    ).partnership
    assert str(imported.people[0].leaving) == "2024-01-05"
    assert imported.people[0].title == "7"  # a whole number is the text typed
    assert imported.meetings[0].duration_minutes == 90  # 1:30 typed in a General cell


def test_a_number_excel_shows_in_another_form_is_named_in_a_text_column() -> None:
    people = [
        row("name", "organisation", "level", "title"),
        row("Sam Patel", "Northbridge Council", "strategic", 1e-05),
    ]
    found = problems_of([("m.xlsx", workbook(book(people=people)))])
    assert found == [
        "m.xlsx, sheet people, row 2, column title: Excel stored a number here "
        "(1e-05), not the text typed; if it is text, format the cell as Text and "
        "retype it"
    ]


# --- 5. any name goes out and comes back as it was ------------------------------------------------

_NAME_CHARS = st.characters(
    blacklist_categories=("Cc", "Cs"),
    blacklist_characters="\u2028\u2029\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff",
)
_TRICKY = st.sampled_from([" ", "'", "=", "+", "-", "@", '"', ",", ";", "\u00a0", "\u3000"])
names = st.text(_NAME_CHARS | _TRICKY, min_size=1, max_size=30).filter(lambda s: s.strip())


def _map_named(name: str) -> Partnership | None:
    """A map holding `name` as a name and a title; None if the model refuses such a name."""
    try:
        return _validated(name)
    except InvalidMapError:
        return None


def _validated(name: str) -> Partnership:
    return validate_data(
        {
            "version": 1,
            "name": "Test",
            "organisations": [{"id": "nbc", "name": name, "sector": "local_authority"}],
            "people": [
                {
                    "id": "sam",
                    "name": name,
                    "title": name,
                    "organisation": "nbc",
                    "level": "strategic",
                }
            ],
        },
        filename="test",
    )


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(names)
@example(" =x")
@example("'=x")
@example("' =x")
@example("Sam ")
@example("'")
@example("''")
@example(" 'x")
@example("@ ")
@example("\xa0Zoë")
@example("-1")
@example("'plain ")
def test_any_name_comes_back_from_csv_and_xlsx_as_it_was(name: str) -> None:
    partnership = _map_named(name)
    assume(partnership is not None)
    assert partnership is not None
    csv_files = [(n, t.encode("utf-8")) for n, t in tables_csv(partnership).items()]
    for files in (csv_files, [("m.xlsx", tables_workbook(partnership))]):
        back = import_sheets(files, "Test").partnership
        assert back.organisations[0].name == name
        assert (back.people[0].name, back.people[0].title) == (name, name)


def test_cells_typed_with_stray_spaces_are_still_trimmed() -> None:
    imported = import_sheets([("organisations.csv", b"name,sector\n  Home-Start , vcfs\n")], "Test")
    assert imported.partnership.organisations[0].name == "Home-Start"


def test_a_workbook_written_by_excel_style_tools_keeps_quoted_formula_text() -> None:
    sheet = openpyxl.Workbook()
    ws = sheet.active
    ws.title = "organisations"
    ws.append(["name", "sector"])
    ws.append(["'=not a formula", "vcfs"])
    buffer = io.BytesIO()
    sheet.save(buffer)
    with zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as archive:
        assert not any(
            "<f>" in archive.read(n).decode()
            for n in archive.namelist()
            if n.startswith("xl/worksheets/")
        )
    imported = import_sheets([("m.xlsx", buffer.getvalue())], "Test")
    assert imported.partnership.organisations[0].name == "=not a formula"


# --- 6. the fuzzing harness, briefly (python -m tests.fuzz.sheets --minutes 10 hunts long) --------


@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
@given(hostile_files)
def test_fuzz_any_files_give_a_map_that_loads_or_a_message(files: list[tuple[str, bytes]]) -> None:
    assert check_import(files) in ("map", "refused")


def test_a_zip_bomb_uploaded_on_the_import_page_is_refused_and_the_map_kept() -> None:
    """The page itself, end to end: the refusal is listed, nothing is imported, the open map
    stays (the memory bound of this path is measured above, in a child process)."""
    from tests.test_app import app, upload

    at = app("pages/import_sheets.py")
    upload(at, [("bomb.xlsx", bomb(5_000_000))])
    assert not at.exception
    assert at.error[0].value.startswith("1 problem: nothing was imported")
    assert any("unpacks to 691 MB of sheet" in m.value for m in at.markdown)
    assert at.session_state["app"].partnership.name == "Harrowdale Best Start Partnership"
