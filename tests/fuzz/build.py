"""Workbooks written by hand, part by part, so a test can make any shape Excel never would:
a bomb of identical rows, a lying <dimension>, hidden sheets, formulas without values."""

from __future__ import annotations

import io
import zipfile
import zlib
from collections.abc import Iterable, Iterator
from xml.sax.saxutils import escape, quoteattr

__all__ = ["bomb", "cell", "row", "workbook"]

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_SHEET_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
_BOOK_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"


def cell(
    value: object, ref: str | None = None, formula: str | None = None, style: int | None = None
) -> str:
    """One <c>: text goes inline, numbers as numbers; `formula` adds an <f> (and the value,
    when there is one, is its cached result)."""
    attrs = f' r="{ref}"' if ref else ""
    attrs += f' s="{style}"' if style is not None else ""
    inner = f"<f>{escape(formula)}</f>" if formula is not None else ""
    if value is None:
        return f"<c{attrs}>{inner}</c>"
    if isinstance(value, bool):
        return f'<c{attrs} t="b">{inner}<v>{int(value)}</v></c>'
    if isinstance(value, (int, float)):
        return f"<c{attrs}>{inner}<v>{value}</v></c>"
    if formula is not None:
        return f'<c{attrs} t="str">{inner}<v>{escape(str(value))}</v></c>'
    return f'<c{attrs} t="inlineStr"><is><t xml:space="preserve">{escape(str(value))}</t></is></c>'


def row(*cells: object, number: int | None = None) -> str:
    inner = "".join(c if isinstance(c, str) and c.startswith("<c") else cell(c) for c in cells)
    return f"<row{f' r={quoteattr(str(number))}' if number else ''}>{inner}</row>"


def _sheet_xml(rows: Iterable[str], dimension: str | None, tail: str) -> Iterator[bytes]:
    yield f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{_MAIN}">'.encode()
    if dimension:
        yield f'<dimension ref="{dimension}"/>'.encode()
    yield b"<sheetData>"
    for one in rows:  # a row, or many rows in one string
        yield one.encode()
    yield f"</sheetData>{tail}</worksheet>".encode()


class _RepeatingCompressor:
    """Deflate that compresses each distinct piece once, on its own (a full flush makes it
    independent of what came before), so a bomb of a thousand equal pieces of rows takes a
    second to write instead of deflating 700 MB."""

    def __init__(self, level: int) -> None:
        self.level = level
        self.done: dict[bytes, bytes] = {}

    def compress(self, data: bytes) -> bytes:
        if data not in self.done:
            fresh = zlib.compressobj(self.level, zlib.DEFLATED, -15)
            self.done[data] = fresh.compress(data) + fresh.flush(zlib.Z_FULL_FLUSH)
        return self.done[data]

    def flush(self) -> bytes:
        return zlib.compressobj(self.level, zlib.DEFLATED, -15).flush()


def workbook(
    sheets: dict[str, Iterable[str]],
    states: dict[str, str] | None = None,
    dimensions: dict[str, str] | None = None,
    tails: dict[str, str] | None = None,
    styles: str | None = None,
    extra: dict[str, bytes] | None = None,
    level: int = 6,
) -> bytes:
    """An .xlsx of `sheets` (title -> rows of XML, as `row` writes them); `states` makes a
    sheet hidden or veryHidden, `dimensions` writes a <dimension> (true or not), `tails`
    XML after the sheet data (a <mergeCells>), `styles` a styles part (for dates)."""
    states, dimensions, tails = states or {}, dimensions or {}, tails or {}
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as archive:
        overrides = "".join(
            f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="{_SHEET_TYPE}"/>'
            for i in range(1, len(sheets) + 1)
        )
        style_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"
        overrides += (
            f'<Override PartName="/xl/styles.xml" ContentType="{style_type}"/>' if styles else ""
        )
        archive.writestr(
            "[Content_Types].xml",
            (
                '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats'
                '.org/package/2006/content-types"><Default Extension="rels" '
                'ContentType="application'
                '/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" '
                f'ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType='
                f'"{_BOOK_TYPE}"/>{overrides}</Types>'
            ),
        )
        archive.writestr(
            "_rels/.rels",
            (
                f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{_PKG_REL}">'
                '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/'
                '2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'
            ),
        )
        entries = "".join(
            f'<sheet name={quoteattr(title)} sheetId="{i}" r:id="rId{i}"'
            + (f' state="{states[title]}"' if title in states else "")
            + "/>"
            for i, title in enumerate(sheets, start=1)
        )
        archive.writestr(
            "xl/workbook.xml",
            (
                f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{_MAIN}" xmlns:r="{_REL}">'
                f"<sheets>{entries}</sheets></workbook>"
            ),
        )
        rels = "".join(
            f'<Relationship Id="rId{i}" Type="{_REL}/worksheet" Target="worksheets/sheet{i}.xml"/>'
            for i in range(1, len(sheets) + 1)
        )
        if styles:
            rels += (
                f'<Relationship Id="rId{len(sheets) + 1}" Type="{_REL}/styles" '
                'Target="styles.xml"/>'
            )
            archive.writestr("xl/styles.xml", styles)
        archive.writestr(
            "xl/_rels/workbook.xml.rels",
            (
                f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{_PKG_REL}">'
                f"{rels}</Relationships>"
            ),
        )
        for i, (title, rows) in enumerate(sheets.items(), start=1):
            with archive.open(f"xl/worksheets/sheet{i}.xml", "w", force_zip64=True) as part:
                part._compressor = _RepeatingCompressor(level)  # type: ignore[attr-defined]
                for piece in _sheet_xml(rows, dimensions.get(title), tails.get(title, "")):
                    part.write(piece)
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    return buffer.getvalue()


#: A styles part whose style 1 shows numbers as dates (number format 14, d/m/yyyy).
DATE_STYLES = (
    f'<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="{_MAIN}">'
    '<fonts count="1"><font/></fonts>'
    '<fills count="1"><fill><patternFill patternType="none"/></fill></fills>'
    '<borders count="1"><border/></borders><cellStyleXfs count="1"><xf/></cellStyleXfs>'
    '<cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/></cellXfs>'
    "</styleSheet>"
)


def bomb(rows: int = 5_000_000, sheet: str = "people") -> bytes:
    """A small workbook that unpacks to a huge sheet: `rows` identical rows under a header."""
    many = row("Sam Patel", "strategic") * 10_000
    body = (many for _ in range(rows // 10_000))
    rest = row("Sam Patel", "strategic") * (rows % 10_000)
    return workbook({sheet: _chain(row("name", "level"), body, rest)}, level=9)


def _chain(first: str, body: Iterable[str], last: str) -> Iterator[str]:
    yield first
    yield from body
    yield last
