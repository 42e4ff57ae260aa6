"""CSV files (and tab- or semicolon-separated text) read into tables, row by row.

The encoding is found as Excel writes it (UTF-8 with or without a byte order mark, UTF-16,
or Windows text, with a warning to check accents); the separator from the heading row. The
cells a file could hold are counted before it is split, so no line can hold millions.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import PurePath

from mapper.errors import SheetProblem
from mapper.sheets.bounds import MAX_CELLS, MAX_ROWS, Reading, Refused, Row
from mapper.sheets.tables import take_sheet

__all__ = ["read_csv"]


def read_csv(name: str, content: bytes, reading: Reading) -> None:
    text = _decode(name, content, reading)
    if text is None:
        return
    if "\x00" in text:  # UTF-16 can hold NUL too
        reading.problems.append(
            SheetProblem(
                name,
                None,
                None,
                (
                    "holds NUL characters, which no spreadsheet writes; export the sheet as CSV "
                    "UTF-8"
                ),
            )
        )
        return
    # The heading row tells the separator: Excel writes ';' where ',' is the decimal mark.
    # (csv.Sniffer guesses from the data too, and misreads quoted cells such as '"'.)
    heading = text[: text.find("\n")] if "\n" in text[:65_536] else text[:65_536]
    delimiter = max(",;\t", key=heading.count)
    # A row is split in one go, so the cells are counted first: no row can hold more than
    # the separators in the file (a 20 MB line of 'ab,ab,...' would be seven million).
    most = text.count(delimiter) + text.count("\n") + text.count("\r") + 1
    if most > MAX_CELLS - reading.cells:
        lines = text.count("\n") + 1
        if lines > MAX_ROWS + 1:
            message = f"has {lines:,} lines; the most this tool reads is {MAX_ROWS:,} rows"
        else:
            message = (
                f"may hold up to {most:,} cells; the most this tool reads in one "
                f"import is {MAX_CELLS:,}"
            )
        reading.problems.append(SheetProblem(name, None, None, message))
        return
    take_sheet(name, PurePath(name).stem, _csv_rows(text, delimiter), [], reading)


def _csv_rows(text: str, delimiter: str) -> Iterator[Row]:
    rows = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    number = 0
    while True:
        try:
            cells = next(rows)
        except StopIteration:
            return
        except csv.Error as error:
            if "field larger than field limit" in str(error):
                raise Refused(
                    f"has a cell longer than the {csv.field_size_limit():,} characters this "
                    "tool reads (a quote left open makes the rest of the file one cell); "
                    "check the quotes",
                    number + 1,
                ) from None
            raise Refused(f"cannot be read as CSV: {error}", number + 1) from None
        number += 1
        if number > MAX_ROWS and any(cells):
            raise Refused(
                f"has more than {MAX_ROWS:,} rows; the most this tool reads is {MAX_ROWS:,}", number
            )
        yield number, dict(enumerate(cells)), {}


def _decode(name: str, content: bytes, reading: Reading) -> str | None:
    if content.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return content.decode("utf-16")
        except UnicodeDecodeError:
            reading.problems.append(
                SheetProblem(
                    name,
                    None,
                    None,
                    (
                        "starts as UTF-16 text but is not; save it as 'CSV UTF-8' from the "
                        "spreadsheet"
                    ),
                )
            )
            return None
    if b"\x00" in content:
        reading.problems.append(
            SheetProblem(
                name,
                None,
                None,
                ("is not a text file (it holds NUL bytes); export the sheet as CSV UTF-8"),
            )
        )
        return None
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        text = content.decode("cp1252")
    except UnicodeDecodeError:
        reading.problems.append(
            SheetProblem(
                name,
                None,
                None,
                ("is neither UTF-8 nor Windows text; save it as 'CSV UTF-8' from the spreadsheet"),
            )
        )
        return None
    reading.warnings.append(
        SheetProblem(
            name,
            None,
            None,
            (
                "was not saved as UTF-8; it was read as Windows text (what Excel writes for "
                "'CSV'), "
                "so check that accented names such as Zoë look right"
            ),
        )
    )
    return text
