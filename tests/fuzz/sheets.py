"""Fuzzing the spreadsheet import with hostile CSV files and workbooks.

The invariant, for any files: `python -m mapper import FILES -o map.yaml` either writes a map
that loads, or exits 2 with a message (no traceback); and it stays within bounded time and
memory. The command runs in this process (`mapper.cli.main`), so an exception other than the
tool's own MapperError escapes and fails the example.

    python -m tests.fuzz.sheets --minutes 10      # a long hunt; prints what it found
    HYPOTHESIS_PROFILE=thorough pytest tests/test_hardening_sheets.py -k fuzz

The normal suite runs a few dozen examples (tests/test_hardening_sheets.py).
"""

from __future__ import annotations

import argparse
import io
import resource
import sys
import tempfile
import time
import zipfile
from pathlib import Path

from hypothesis import strategies as st

from tests.fuzz.build import DATE_STYLES, cell, row, workbook

__all__ = ["check_import", "hostile_files"]

MOST_SECONDS = 30  # one import, on a noisy 2-core machine
MOST_EXTRA_MB = 200

_HEADERS = {
    "organisations": ["name", "sector", "id", "part_of"],
    "people": ["name", "organisation", "level", "title", "roles", "leaving", "id"],
    "meetings": ["name", "level", "frequency", "duration", "chairs", "reports_to"],
    "attendance": ["meeting", "person"],
    "settings": ["setting", "value"],
    "assessment": ["id", "answer", "note"],
}
_WORDS = [
    "Sam Patel",
    "Northbridge Council",
    "strategic",
    "local authority",
    "monthly",
    "90",
    "1:30",
    "None",
    "NA",
    "007",
    "=1+1",
    "'=x",
    " =x",
    "+44",
    "-",
    "@SUM(A1)",
    "'",
    '"',
    "a,b",
    "a;b",
    "line\nbreak",
    "tab\there",
    "\r",
    "Zoë",
    "\u202eevil",
    "\x00",
    "\ufeff",
    "<img src=x onerror=alert(1)>",
    "2024-01-05",
    "05/01/2024",
    "chair_limit",
    "clear_story",
    "yes",
    "",
    "  ",
    "\u00a0",
    "🙂",
    "x" * 300,
]
_texts = st.one_of(
    st.sampled_from(_WORDS), st.text(max_size=12), st.integers(0, 200_000).map(lambda n: "y" * n)
)


@st.composite
def _table(draw: st.DrawFn) -> tuple[str, list[list[str]]]:
    sheet = draw(st.sampled_from([*_HEADERS, "notes", "people (old)", "Sheet1"]))
    header = draw(
        st.lists(
            st.sampled_from(_HEADERS.get(sheet, ["when", "what", "name"]) + ["phone", "", "Name "]),
            max_size=8,
        )
    )
    width = max(len(header), 1)
    rows = draw(st.lists(st.lists(_texts, max_size=width + 2), max_size=8))
    return sheet, [header, *rows]


@st.composite
def _csv(draw: st.DrawFn) -> tuple[str, bytes]:
    sheet, rows = draw(_table())
    delimiter = draw(st.sampled_from([",", ";", "\t"]))
    ending = draw(st.sampled_from(["\n", "\r\n", "\r", "mixed"]))
    lines = []
    for i, cells in enumerate(rows):
        quoted = [
            f'"{c.replace(chr(34), chr(34) * 2)}"' if draw(st.booleans()) else c for c in cells
        ]
        end = ending if ending != "mixed" else ("\n", "\r\n", "\r")[i % 3]
        lines.append(delimiter.join(quoted) + end)
    text = "".join(lines)
    encoding = draw(
        st.sampled_from(
            ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "latin-1", "cp1252", "utf-32"]
        )
    )
    data = text.encode(encoding, errors="replace")
    if draw(st.integers(0, 9)) == 0:
        data = draw(st.binary(max_size=200)) + data
    if draw(st.integers(0, 9)) == 0 and data:
        cut = draw(st.integers(0, len(data)))
        data = data[:cut] + draw(st.sampled_from([b"\x00", b"\xff", b'"', b"\r"])) + data[cut:]
    name = draw(st.sampled_from([f"{sheet}.csv", "data.txt", "x.tsv", "PEOPLE.CSV"]))
    return name, data


_REFS = st.one_of(
    st.none(),
    st.sampled_from(["A1", "B2", "XFD3", "A0", "ZZZ9", "1A", "", "a5", "AAAA1", "C1048577"]),
)


@st.composite
def _xml_cell(draw: st.DrawFn) -> str:
    kind = draw(
        st.sampled_from(
            ["text", "number", "bool", "formula", "formula_value", "date", "error", "shared", "raw"]
        )
    )
    ref = draw(_REFS)
    if kind == "text":
        return cell(draw(_texts).replace("\x00", ""), ref=ref)
    if kind == "number":
        return cell(
            draw(st.one_of(st.integers(-(10**20), 10**20), st.floats(allow_nan=False))), ref=ref
        )
    if kind == "bool":
        return cell(draw(st.booleans()), ref=ref)
    if kind in ("formula", "formula_value"):
        value = draw(_texts).replace("\x00", "") if kind == "formula_value" else None
        return cell(value, ref=ref, formula=draw(st.sampled_from(["1+1", "A1", "", "SUM(A:A)"])))
    if kind == "date":
        return cell(
            draw(st.one_of(st.integers(-5, 3_000_000), st.floats(0, 1))),
            ref=ref,
            style=draw(st.sampled_from([1, 2, 7])),
        )
    if kind == "error":
        return '<c t="e"><v>#REF!</v></c>'
    if kind == "shared":
        return f'<c t="s"><v>{draw(st.integers(-1, 5))}</v></c>'
    return draw(
        st.sampled_from(
            [
                '<c t="d"><v>2024-13-45</v></c>',
                '<c t="n"><v>abc</v></c>',
                '<c t="b"><v>7</v></c>',
                "<c><is><t>x</t></is></c>",
                '<c t="inlineStr"><is><r><t>a</t></r><r><t>b</t></r></is></c>',
                '<c t="inlineStr"/>',
                '<c r="A1"><c/></c>',
                "<c><v/></c>",
            ]
        )
    )


@st.composite
def _xlsx(draw: st.DrawFn) -> tuple[str, bytes]:
    sheets: dict[str, list[str]] = {}
    states: dict[str, str] = {}
    dimensions: dict[str, str] = {}
    tails: dict[str, str] = {}
    for _ in range(draw(st.integers(1, 4))):
        title, rows = draw(_table())
        xml_rows = [row(*cells) for cells in rows]
        if draw(st.booleans()):
            xml_rows += draw(
                st.lists(
                    st.lists(_xml_cell(), max_size=5).map(lambda cs: f"<row>{''.join(cs)}</row>"),
                    max_size=4,
                )
            )
        if draw(st.integers(0, 5)) == 0:
            number = draw(st.sampled_from(["0", "-1", "1e3", "x", "2.5", "1", "nan"]))
            xml_rows.append(f'<row r="{number}">{cell("late")}</row>')
        sheets[title] = xml_rows
        if draw(st.integers(0, 3)) == 0:
            states[title] = draw(st.sampled_from(["hidden", "veryHidden", "visible", "odd"]))
        if draw(st.booleans()):
            dimensions[title] = draw(st.sampled_from(["A1:XFD1048576", "A1", "Z9:A1", "junk"]))
        if draw(st.integers(0, 3)) == 0:
            refs = draw(
                st.lists(st.sampled_from(["A2:A3", "A1:B1", "B2", "junk", "A1:XFD9"]), max_size=3)
            )
            tails[title] = (
                "<mergeCells>" + "".join(f'<mergeCell ref="{r}"/>' for r in refs) + "</mergeCells>"
            )
    data = workbook(
        sheets,
        states=states,
        dimensions=dimensions,
        tails=tails,
        styles=DATE_STYLES if draw(st.booleans()) else None,
    )
    damage = draw(
        st.sampled_from(
            ["none"] * 6 + ["truncate", "flip", "drop_part", "content_types", "dtd", "not_zip"]
        )
    )
    data = _damaged(data, damage, draw)
    return draw(st.sampled_from(["book.xlsx", "macro.xlsm", "old.xls"])), data


def _damaged(data: bytes, damage: str, draw: st.DrawFn) -> bytes:
    if damage == "truncate":
        return data[: draw(st.integers(0, len(data)))]
    if damage == "flip":
        at = draw(st.integers(0, len(data) - 1))
        return data[:at] + bytes([data[at] ^ draw(st.integers(1, 255))]) + data[at + 1 :]
    if damage == "not_zip":
        return draw(st.binary(max_size=64))
    if damage in ("drop_part", "content_types", "dtd"):
        source = zipfile.ZipFile(io.BytesIO(data))
        names = source.namelist()
        target = draw(st.sampled_from(names))
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as out:
            for name in names:
                content = source.read(name)
                if name == target and damage == "drop_part":
                    continue
                if name == "[Content_Types].xml" and damage == "content_types":
                    content = content.replace(b"spreadsheetml", b"wordprocessingml")
                if name == target and damage == "dtd":
                    content = content.replace(b"?>", b'?><!DOCTYPE x [<!ENTITY e "ee">]>', 1)
                out.writestr(name, content)
        return buffer.getvalue()
    return data


@st.composite
def _edited_example(draw: st.DrawFn) -> list[tuple[str, bytes]]:
    """The small example's templates with a few cells typed over: often still a map."""
    import re

    from openpyxl import Workbook

    from mapper.load import load_map
    from mapper.sheets.export import map_tables

    tables = map_tables(load_map(Path(__file__).parents[2] / "examples" / "small.yaml"))
    for _ in range(draw(st.integers(0, 3))):
        sheet = draw(st.sampled_from(sorted(tables)))
        rows = tables[sheet]
        at = draw(st.integers(0, len(rows) - 1))
        column = draw(st.integers(0, len(rows[at]) - 1))
        rows[at][column] = draw(_texts)
    if draw(st.booleans()):
        return [
            (
                f"{sheet}.csv",
                "\n".join(
                    ",".join(f'"{c.replace(chr(34), chr(34) * 2)}"' for c in r) for r in rows
                ).encode(),
            )
            for sheet, rows in tables.items()
        ]
    book = Workbook()
    book.remove(book.active)
    for sheet, rows in tables.items():
        ws = book.create_sheet(sheet)
        for r in rows:  # as a script writes it: '=x' becomes a formula, never calculated
            ws.append([re.sub("[\x00-\x08\x0b\x0c\x0e-\x1f]", "", c) for c in r])
    buffer = io.BytesIO()
    book.save(buffer)
    return [("edited.xlsx", buffer.getvalue())]


#: A set of files to import: one to three CSV files or workbooks, or an edited example.
hostile_files = st.one_of(
    st.lists(st.one_of(_csv(), _xlsx()), min_size=1, max_size=3), _edited_example()
)


def check_import(files: list[tuple[str, bytes]]) -> str:
    """Run the import command on `files`; fail (AssertionError) if the invariant breaks.
    Returns 'map' or 'refused'."""
    from mapper.cli import main
    from mapper.load import load_map

    with tempfile.TemporaryDirectory() as folder:
        paths = []
        for i, (name, data) in enumerate(files):
            path = Path(folder) / str(i) / name
            path.parent.mkdir()
            path.write_bytes(data)
            paths.append(str(path))
        target = Path(folder) / "map.yaml"
        out, err = io.StringIO(), io.StringIO()
        started = time.monotonic()
        code = main(["import", *paths, "-o", str(target), "--name", "Fuzzed"], out=out, err=err)
        took = time.monotonic() - started
        assert took < MOST_SECONDS, f"the import took {took:.1f} s"
        if code == 0:
            load_map(target)  # raises if the map written does not load
            return "map"
        assert code == 2, code
        assert err.getvalue().strip(), "refused without a message"
        assert "Traceback" not in err.getvalue()
        assert not target.exists()
        return "refused"


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def hunt(minutes: float, report: Path | None = None) -> int:
    """Draw hostile files for `minutes`; print each failure (and save its files) as found."""
    import openpyxl  # noqa: F401  (the start memory is measured after what every run loads)
    from hypothesis import HealthCheck, given, settings

    check_import([("people.csv", b"name,level\nSam,strategic\n")])
    start_mb = _peak_mb()
    counts = {"map": 0, "refused": 0}
    jumps: list[tuple[float, list[str]]] = []  # the largest rises of the peak, one import
    failures: list[str] = []
    deadline = time.monotonic() + minutes * 60

    @settings(
        max_examples=200, deadline=None, database=None, suppress_health_check=list(HealthCheck)
    )
    @given(hostile_files)
    def batch(files: list[tuple[str, bytes]]) -> None:
        if time.monotonic() > deadline:
            return
        before = _peak_mb()
        try:
            counts[check_import(files)] += 1
        except BaseException as error:  # noqa: BLE001  (every way out is a finding)
            failures.append(f"{type(error).__name__}: {error} with {[n for n, _ in files]}")
            if report:
                report.mkdir(parents=True, exist_ok=True)
                for i, (name, data) in enumerate(files):
                    (report / f"{len(failures)}-{i}-{name}").write_bytes(data)
            print(failures[-1][:500], file=sys.stderr)
        grown = _peak_mb() - max(before, start_mb)  # the peak is only ever raised
        jumps.append((grown, [n for n, _ in files]))
        jumps.sort(reverse=True)
        del jumps[3:]
        if grown > MOST_EXTRA_MB:
            failures.append(f"memory grew {grown:.0f} MB in one import of {[n for n, _ in files]}")
            print(failures[-1], file=sys.stderr)

    started = time.monotonic()
    while time.monotonic() < deadline:  # batches, each drawn afresh: no replay, no shrinking
        batch()
    total = sum(counts.values())
    print(
        f"{total} examples in {(time.monotonic() - started) / 60:.1f} minutes: "
        f"{counts['map']} maps written, {counts['refused']} refused with a message; "
        f"{len(failures)} failures; peak memory {_peak_mb() - start_mb:.0f} MB over the start; "
        f"largest rise in one import {jumps[0][0] if jumps else 0:.0f} MB"
    )
    return 1 if failures else 0


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--minutes", type=float, default=1.0)
    parser.add_argument("--save", type=Path, help="folder for the files of each failure")
    arguments = parser.parse_args()
    sys.exit(hunt(arguments.minutes, arguments.save))
