"""A map written out in the spreadsheet templates: a workbook, or one CSV file per sheet.

Everything the map file holds goes out, down to the settings and the self-assessment, so a map
edited in a spreadsheet and imported again has lost nothing (its name is given on import).

Every cell is text. Cells a spreadsheet would run as a formula (starting `=`, `+`, `-`, `@`)
are prefixed with `'`, so a name typed as `=HYPERLINK(...)` is shown, never run; the importer
takes the prefix off again, so a map goes out and comes back unchanged.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterable
from typing import Any

from mapper.model import Partnership, PartnershipType, Settings, allowed_values
from mapper.questionnaire import QUESTIONS
from mapper.sheets.cells import neutralise
from mapper.sheets.draft import MAP_KEYS
from mapper.sheets.templates import SHEETS

__all__ = ["map_tables", "tables_csv", "tables_workbook", "tables_zip"]

_CHOICE_ROWS = 1000  # rows offered a dropdown, beyond those written
_WIDEST = 60  # characters; longer cells wrap
_WRITTEN_IN = {("assessment", "note"), ("meetings", "purpose")}  # wide even when empty


def _text(value: Any) -> str:
    if value is None or value is False:
        return ""
    if value is True:
        return "yes"
    if isinstance(value, (tuple, list)):
        return "; ".join(_text(v) for v in value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value) if not hasattr(value, "isoformat") else value.isoformat()


def map_tables(
    partnership: Partnership, sheets: Iterable[str] = tuple(SHEETS)
) -> dict[str, list[list[str]]]:
    """Each template sheet (of `sheets`) as rows of text, the header first: everything the
    map file holds. The assessment sheet lists every statement, answered or not, so it can be
    filled in; on its own it is the questionnaire, naming nobody."""
    tables: dict[str, list[list[str]]] = {}
    wanted = set(sheets)
    for sheet in (s for s in SHEETS if s in wanted):
        columns = SHEETS[sheet]
        if sheet == "attendance":
            rows = _attendance_rows(partnership)
        elif sheet == "assessment":
            rows = _assessment_rows(partnership)
        elif sheet == "settings":
            rows = _settings_rows(partnership)
        else:
            rows = [
                [_text(record.model_dump(by_alias=True).get(c.field)) for c in columns]
                for record in getattr(partnership, sheet)
            ]
        tables[sheet] = [[c.name for c in columns], *rows]
    return tables


def _attendance_rows(partnership: Partnership) -> list[list[str]]:
    return [
        [m.id, person]
        for m in partnership.meetings
        for person in (*m.chairs, *([m.vice_chair] if m.vice_chair else []), *m.members)
    ]


def _assessment_rows(partnership: Partnership) -> list[list[str]]:
    rows = []
    for question in QUESTIONS:
        given = partnership.assessment.get(question.id)
        rows.append(
            [
                question.id,
                question.group,
                question.statement,
                given.answer if given else "",
                _text(given.note) if given else "",
            ]
        )
    return rows


def _settings_rows(partnership: Partnership) -> list[list[str]]:
    own = [[name, _text(getattr(partnership, name)), _MEANING[name]] for name in MAP_KEYS]
    return own + [
        [name, _text(getattr(partnership.settings, name)), field.description or ""]
        for name, field in Settings.model_fields.items()
    ]


_MEANING = {
    "type": "the kind of partnership, which chooses the key roles, sectors and links the "
    "checks expect: " + ", ".join(allowed_values(PartnershipType)),
}


def tables_csv(partnership: Partnership, sheets: Iterable[str] = tuple(SHEETS)) -> dict[str, str]:
    """File name -> CSV text (UTF-8 with a byte order mark, which Excel needs to show Zoë)."""
    files = {}
    for sheet, rows in map_tables(partnership, sheets).items():
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerows([[neutralise(cell) for cell in row] for row in rows])
        files[f"{sheet}.csv"] = "\ufeff" + buffer.getvalue()
    return files


def tables_workbook(partnership: Partnership, sheets: Iterable[str] = tuple(SHEETS)) -> bytes:
    """An .xlsx workbook with one sheet per template, headings frozen, every cell text,
    and dropdowns for the columns that take fixed words."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    book = Workbook()
    book.remove(book.active)
    for sheet, rows in map_tables(partnership, sheets).items():
        ws = book.create_sheet(sheet)
        for row in rows:
            ws.append([neutralise(cell) for cell in row])
        for cell in ws[1]:
            cell.font = Font(bold=True)
        for row in ws.iter_rows(min_row=2):
            for cell in row:
                cell.number_format = "@"  # text: typed 0123 keeps its zero
        ws.freeze_panes = "A2"
        for index, column in enumerate(SHEETS[sheet], start=1):
            letter = get_column_letter(index)
            width = max((len(r[index - 1]) for r in rows), default=8)
            if (sheet, column.name) in _WRITTEN_IN:
                width = _WIDEST + 1
            ws.column_dimensions[letter].width = min(max(width + 2, 10), _WIDEST)
            if width > _WIDEST:  # a statement or a purpose: wrapped, not cut off
                for (cell,) in ws.iter_rows(min_row=2, min_col=index, max_col=index):
                    cell.alignment = Alignment(wrap_text=True, vertical="top")
            choices = () if column.many else column.words  # a list cell takes several
            if choices:
                rule = DataValidation(
                    type="list", formula1=f'"{",".join(choices)}"', allow_blank=True
                )
                rule.error = f"Use one of: {', '.join(choices)}"
                ws.add_data_validation(rule)
                rule.add(f"{letter}2:{letter}{max(len(rows), _CHOICE_ROWS)}")
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def tables_zip(partnership: Partnership) -> bytes:
    """The CSV files in one zip, for a download."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in tables_csv(partnership).items():
            archive.writestr(name, text.encode("utf-8"))
    return buffer.getvalue()
