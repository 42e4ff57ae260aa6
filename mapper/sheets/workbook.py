"""Excel workbooks opened safely: a workbook is a zip, and nothing in it is trusted.

The sizes its directory declares are checked before anything is unpacked (the zip module will
not unpack a part past its declared size), each XML part other than the sheets is scanned for
its shape (no DTD, a bounded number and depth of elements) before openpyxl parses it, hidden
sheets are left out, and each sheet is then streamed (`mapper.sheets.stream`). So a 3 MB
workbook holding five million rows is refused in a moment, naming the file, the sheet and the
limit.
"""

from __future__ import annotations

import io
import warnings
import zipfile
from typing import Any
from xml.parsers import expat

from mapper.errors import SheetProblem
from mapper.sheets.bounds import (
    MAX_DEPTH,
    MAX_PART_BYTES,
    MAX_PART_ELEMENTS,
    MAX_RATIO,
    MAX_ROWS,
    MAX_SHEET_BYTES,
    MAX_SHEET_ELEMENTS,
    MAX_UNPACKED_BYTES,
    MB,
    Reading,
    Refused,
)
from mapper.sheets.stream import Budget, sheet_rows
from mapper.sheets.tables import take_sheet, template_named

__all__ = ["read_workbook"]


def read_workbook(name: str, content: bytes, reading: Reading) -> None:
    damaged = (
        "cannot be opened as an Excel workbook ({}); save it again as .xlsx, or "
        "export each sheet as CSV"
    )
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
        parts = {info.filename: info for info in archive.infolist()}
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError) as error:
        reading.problems.append(
            SheetProblem(name, None, None, damaged.format(type(error).__name__))
        )
        return
    with warnings.catch_warnings():  # openpyxl warns of what it drops; nothing to act on
        warnings.simplefilter("ignore")
        try:
            book = _open_book(content, archive, parts)
            sheets = _sheets_to_read(name, book, parts, reading)
        except Refused as refused:
            reading.problems.append(SheetProblem(name, None, None, refused.message))
            return
        except Exception as error:  # openpyxl raises KeyError, ValueError, its own and more
            reading.problems.append(SheetProblem(name, None, None, damaged.format(_named(error))))
            return
        total = sum(info.file_size for info in parts.values())
        if total > MAX_UNPACKED_BYTES and sheets:
            reading.problems.append(
                SheetProblem(
                    name,
                    None,
                    None,
                    (
                        f"unpacks to {total / MB:,.0f} MB; the most this tool reads is "
                        f"{MAX_UNPACKED_BYTES // MB} MB (save a copy with only the map's sheets)"
                    ),
                )
            )
            return
        budget = Budget(MAX_SHEET_ELEMENTS)
        for title, path in sheets:
            where = f"{name}, sheet {title}"
            merged: list[tuple[int, int, int, int]] = []
            try:
                take_sheet(
                    where,
                    title,
                    sheet_rows(book, path, merged, budget, reading),
                    merged,
                    reading,
                    workbook=True,
                )
            except Refused as refused:
                reading.problems.append(SheetProblem(where, refused.row, None, refused.message))
            except Exception as error:  # a damaged part: bad XML, a bad zip entry, a bad index
                reading.problems.append(
                    SheetProblem(
                        where,
                        None,
                        None,
                        (
                            f"cannot be read ({_named(error)}); save the workbook again from "
                            "Excel or "
                            "LibreOffice, or export the sheet as CSV"
                        ),
                    )
                )


def _named(error: Exception) -> str:
    """An error as a user may read it: its kind, and its text when short and plain."""
    text = str(error).split("\n")[0]
    kind = type(error).__name__
    return f"{kind}: {text}" if text and len(text) < 120 else kind


def _open_book(content: bytes, archive: zipfile.ZipFile, parts: dict[str, zipfile.ZipInfo]) -> Any:
    """openpyxl's reader with the workbook's structure, strings and styles read, its sheets
    not yet: each XML part it parses whole is checked first."""
    from openpyxl.reader.excel import ExcelReader
    from openpyxl.styles.stylesheet import apply_stylesheet

    for path, info in parts.items():
        if path.startswith("xl/worksheets/") or not path.endswith((".xml", ".rels")):
            continue
        if info.file_size > MAX_PART_BYTES or _packed_tightly(info):
            raise Refused(
                f"holds a part ({path}) that unpacks to {info.file_size / MB:,.1f} MB from "
                f"{info.compress_size / MB:,.2f} MB; the most this tool reads is "
                f"{MAX_PART_BYTES // MB} MB, packed at most {MAX_RATIO} to 1 (the file may "
                "be built to exhaust memory; save it again from Excel)"
            )
        _check_shape(archive, info)
    reader = ExcelReader(io.BytesIO(content), read_only=True, data_only=True, keep_links=False)
    reader.read_manifest()
    reader.read_strings()
    reader.read_workbook()
    apply_stylesheet(reader.archive, reader.wb)
    return reader


def _packed_tightly(info: zipfile.ZipInfo) -> bool:
    return info.file_size > MB and info.file_size > MAX_RATIO * max(info.compress_size, 1)


def _check_shape(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> None:
    """Refuse an XML part with a DTD (entities), too many elements or too deep: openpyxl
    builds such parts whole in memory."""
    parser = expat.ParserCreate()
    depth = count = 0

    def start(_name: str, _attrs: object) -> None:
        nonlocal depth, count
        depth, count = depth + 1, count + 1
        if depth > MAX_DEPTH or count > MAX_PART_ELEMENTS:
            raise Refused(
                f"holds a part ({info.filename}) with more than "
                f"{MAX_PART_ELEMENTS:,} elements or nested more than {MAX_DEPTH} "
                "deep; the file may be built to exhaust memory"
            )

    def end(_name: str) -> None:
        nonlocal depth
        depth -= 1

    def doctype(*_args: object) -> None:
        raise Refused(
            f"holds a part ({info.filename}) with a DTD, which Excel never writes "
            "(it can expand entities to exhaust memory)"
        )

    parser.StartElementHandler, parser.EndElementHandler = start, end
    parser.StartDoctypeDeclHandler = doctype
    parser.EntityDeclHandler = doctype
    try:
        with archive.open(info) as source:
            parser.ParseFile(source)
    except expat.ExpatError as error:
        raise Refused(
            f"holds a part ({info.filename}) that is not well-formed XML "
            f"({error}); save it again from Excel"
        ) from None


def _sheets_to_read(
    name: str, book: Any, parts: dict[str, zipfile.ZipInfo], reading: Reading
) -> list[tuple[str, str]]:
    """The (title, part) of each sheet to read. A hidden sheet is not: one named as a
    template is a problem (rows nobody sees would come in), others are named in a warning;
    a sheet whose part is too big is a problem naming it."""
    sheets = []
    for sheet, rel in book.parser.find_sheets():
        if "chartsheet" in rel.Type or rel.target not in parts:
            continue
        where = f"{name}, sheet {sheet.name}"
        if sheet.state in ("hidden", "veryHidden"):
            if template_named(sheet.name):
                reading.problems.append(
                    SheetProblem(
                        where,
                        None,
                        None,
                        (
                            f"sheet '{sheet.name}' is hidden in Excel; unhide it to import it, or "
                            "delete it"
                        ),
                    )
                )
            else:
                reading.warnings.append(
                    SheetProblem(
                        where,
                        None,
                        None,
                        (
                            "is hidden in Excel, so it was not read; unhide it if it belongs to "
                            "the "
                            "map"
                        ),
                    )
                )
            continue
        info = parts[rel.target]
        if info.file_size > MAX_SHEET_BYTES or _packed_tightly(info):
            reading.problems.append(
                SheetProblem(
                    where,
                    None,
                    None,
                    (
                        f"unpacks to {info.file_size / MB:,.0f} MB of sheet from "
                        f"{info.compress_size / MB:,.1f} MB; the most this tool reads is "
                        f"{MAX_SHEET_BYTES // MB} MB a sheet, packed at most {MAX_RATIO} to 1, "
                        "and "
                        f"{MAX_ROWS:,} rows (the file may be built to exhaust memory; keep only "
                        "the "
                        "map's rows)"
                    ),
                )
            )
            continue
        sheets.append((sheet.name, rel.target))
    return sheets
