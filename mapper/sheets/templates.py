"""The spreadsheet templates: which sheets a map travels in, and what each column holds.

People keep meeting lists in spreadsheets with one row per thing, and attendance with one row
per person per meeting. The templates follow that habit rather than the YAML's shape: a
meeting's members come from the attendance sheet, lists in a cell are separated by `;`.
The first columns of each sheet are the ones the issue's users already keep; the rest are
optional, so that nothing a map holds is lost on the way out and back. The assessment sheet
doubles as the questionnaire: every statement is written out, to be answered in the sheet.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from mapper.model import (
    FREQUENCY_WORDS,
    Board,
    DecisionWord,
    Depth,
    Level,
    MeetingLevel,
    Membership,
    Rating,
    RelationshipKind,
    Role,
    Sector,
    Stance,
    allowed_values,
    references_from,
)
from mapper.questionnaire import ANSWERS

__all__ = ["Column", "SHEETS", "CARRIED_BY", "normal_header", "word_key"]


@dataclass(frozen=True)
class Column:
    """One column: its header, the record field it fills, and how a cell is read.

    `refers_to` names the sheets whose ids (or names) the cell names; `many` cells hold a list
    separated by `;`. `words` are the format's words the cell takes ('Local authority' is read
    as local_authority): the workbook offers them in a dropdown, messages name them. A
    `date` cell holds a date (2027-03-31, or 31/03/2027); a `flag` cell is yes or empty.
    """

    name: str
    field: str
    required: bool = False
    many: bool = False
    refers_to: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    words: tuple[str, ...] = ()
    date: bool = False
    flag: bool = False


def _reference(section: str, name: str, key: str | None = None, **more: Any) -> Column:
    """A column naming records: which sheets it names them from, and whether a cell holds a
    list, are the model's `RefersTo` declaration of the field `key` (the column's name)."""
    found = next(r for r in references_from(section) if r.key == (key or name))
    return Column(name, found.key, refers_to=found.targets, many=found.many, **more)


#: What a yes-or-empty cell takes ("yes"; empty, or "no", is the default).
_FLAG_WORDS = ("yes", "no")

#: References a sheet of their own carries, one row per id, rather than a column: a
#: meeting's members come from the attendance sheet, as attendance is kept.
CARRIED_BY = {("meetings", "members"): "attendance"}
_MEMBERS = next(r for r in references_from("meetings") if r.key == "members")

#: Where an organisation or a person sits on the stakeholder map: the last columns of both
#: sheets (version 2); an empty cell is not recorded.
_STAKEHOLDER_COLUMNS = (
    Column("influence", "influence", words=allowed_values(Rating)),
    Column("interest", "interest", words=allowed_values(Rating)),
    Column("stance", "stance", words=allowed_values(Stance)),
)

SHEETS: dict[str, tuple[Column, ...]] = {
    "organisations": (
        Column("id", "id"),
        Column("name", "name", required=True),
        Column("sector", "sector", required=True, words=allowed_values(Sector)),
        _reference("organisations", "part_of", aliases=("parent",)),
        _reference("organisations", "locality", aliases=("area",)),
        Column("strategic_only", "strategic_only", flag=True, words=_FLAG_WORDS),
        *_STAKEHOLDER_COLUMNS,
    ),
    "people": (
        Column("id", "id"),
        Column("name", "name", required=True),
        _reference("people", "organisation", aliases=("organization", "org")),
        Column("title", "title", aliases=("job_title", "role_title", "job")),
        Column("level", "level", required=True, words=allowed_values(Level)),
        Column("roles", "roles", many=True, aliases=("key_roles",), words=allowed_values(Role)),
        _reference("people", "deputy", aliases=("substitute",)),
        Column("leaving", "leaving", aliases=("leaving_date", "leaves"), date=True),
        Column("vacant", "vacant", flag=True, words=_FLAG_WORDS),
        _reference("people", "locality", aliases=("area",)),
        *_STAKEHOLDER_COLUMNS,
    ),
    "meetings": (
        Column("id", "id"),
        Column("name", "name", required=True),
        Column("level", "level", required=True, words=allowed_values(MeetingLevel)),
        Column(
            "frequency",
            "frequency",
            required=True,
            aliases=("how_often",),
            words=tuple(FREQUENCY_WORDS),
        ),
        Column("duration", "duration_minutes", aliases=("duration_minutes", "minutes", "length")),
        _reference("meetings", "chairs", required=True, aliases=("chair", "co_chairs")),
        _reference("meetings", "vice_chair", aliases=("deputy_chair",)),
        _reference("meetings", "reports_to"),
        _reference("meetings", "outcomes"),
        Column("revisits_purpose", "revisits_purpose"),
        Column("purpose", "purpose"),
        # version 2 of the format, after the columns sheets already had
        _reference("meetings", "chair_rotates", aliases=("rotating_chair",)),
        _reference("meetings", "non_voting", aliases=("non_voting_members",)),
        _reference("meetings", "informs"),
        Column("external", "external", flag=True, words=_FLAG_WORDS),
        Column("board", "board", aliases=("body",), words=allowed_values(Board)),
        Column("membership", "membership", words=allowed_values(Membership)),
        _reference("meetings", "locality", aliases=("area",)),
        Column("starts", "starts", aliases=("start", "start_date"), date=True),
        Column("ends", "ends", aliases=("end", "end_date"), date=True),
    ),
    "attendance": (
        Column("meeting", "meeting", required=True, refers_to=(_MEMBERS.section,)),
        Column(
            "person",
            "person",
            required=True,
            refers_to=_MEMBERS.targets,
            aliases=("member", "attendee", "name"),
        ),
    ),
    "outcomes": (
        Column("id", "id"),
        Column("name", "name", required=True, aliases=("outcome",)),
    ),
    "relationships": (
        _reference("relationships", "from", required=True),
        _reference("relationships", "to", required=True),
        Column("kind", "kind", required=True, words=allowed_values(RelationshipKind)),
        Column("depth", "depth", words=allowed_values(Depth)),
    ),
    # Its name column is headed `locality`, so that a sheet of ids and names is still read
    # as outcomes, as before there were localities.
    "localities": (
        Column("id", "id"),
        Column("locality", "name", required=True, aliases=("locality_name",)),
    ),
    # One row per statement, answered in the sheet. `group` here and a setting's `meaning` are
    # written for the person filling it in and not read back; a statement's row is known by
    # its id or, when that is empty, by its wording.
    "assessment": (
        Column("id", "id", aliases=("statement_id", "question_id")),
        Column("group", "group"),
        Column("statement", "statement", aliases=("question", "wording")),
        Column("answer", "answer", required=True, aliases=("rating", "score"), words=ANSWERS),
        Column("note", "note", aliases=("notes", "comment", "comments", "evidence")),
    ),
    # What the partnership decided about findings (version 2): a row per finding, named by
    # its kind and the ids it is about, as the app records them.
    "decisions": (
        Column("kind", "kind", required=True, aliases=("finding_kind", "finding")),
        Column("subjects", "subjects", many=True, aliases=("about", "ids")),
        Column("decision", "decision", required=True, words=allowed_values(DecisionWord)),
        Column("reason", "reason", aliases=("why",)),
        Column("date", "date", date=True, aliases=("decided_on", "decided")),
        Column("owner", "owner", aliases=("who",)),
        Column("due", "due", date=True, aliases=("due_by", "by_when")),
    ),
    "settings": (
        Column("setting", "setting", required=True),
        Column("value", "value", required=True),
        Column("meaning", "meaning", aliases=("description",)),
    ),
}


def normal_header(text: str) -> str:
    """A header as a key: 'Reports to', 'reports-to' and ' REPORTS_TO ' all read the same;
    a unit in brackets ('Duration (minutes)') is dropped."""
    text = re.sub(r"\(.*?\)", "", text)
    return re.sub(r"[\s_\-]+", "_", text.strip().lower()).strip("_")


def word_key(text: str) -> str:
    """A cell that names a word of the format ('Local authority', 'Six-weekly', 'VCFS') in
    the format's own spelling (local_authority, six_weekly, vcfs)."""
    return re.sub(r"[\s\-/]+", "_", text.strip().lower()).strip("_")
