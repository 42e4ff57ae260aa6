"""The schema is declared once, on the models: every section and every reference between them.

Each test here runs over `SECTIONS` and `REFERENCES` rather than a list of its own, so a field
declared with `RefersTo` (or a section added to `Partnership`) is checked everywhere at once:
the integrity rules, the edits, the form pickers and the spreadsheet columns. A last test keeps
new hand-written section lists out of the package.
"""

from __future__ import annotations

import ast
import copy
from typing import Any

import pytest
from pydantic import ValidationError

from mapper.edit import delete_record, put_record, record_data, references_to
from mapper.errors import InvalidMapError
from mapper.forms import FORMS, NONE, options_for
from mapper.load import validate_data
from mapper.model import REFERENCES, SECTIONS, ReferenceField, sections_shown
from mapper.sheets import import_sheets
from mapper.sheets.export import tables_csv
from mapper.sheets.templates import CARRIED_BY, SHEETS
from tests.conftest import ROOT

# One map with three records in every section that has ids (a, b and c of each), so that any
# reference of an `a` record can point at `b`, and `b` can be renamed or handed to `c`.
BASE: dict[str, Any] = {
    "version": 2,
    "name": "Every section",
    "localities": [{"id": f"{x}-locality"} for x in "abc"],
    "outcomes": [{"id": f"{x}-outcome"} for x in "abc"],
    "organisations": [{"id": f"{x}-org", "sector": "health"} for x in "abc"],
    "people": [
        {"id": f"{x}-person", "organisation": "a-org", "level": "operational"} for x in "abc"
    ],
    "meetings": [
        {"id": f"{x}-meeting", "level": "strategic", "frequency": "monthly", "chairs": ["a-person"]}
        for x in "abc"
    ],
    # (everyone attends a-meeting, so that any of them may sit in it without a vote)
    "relationships": [{"from": "a-person", "to": "a-org", "kind": "informal"}],
    "settings": {"chair_limit": 4},
    "assessment": {"clear_story": {"answer": "partly", "note": "kept through every change"}},
}
BASE["meetings"][0]["members"] = ["b-person", "c-person"]
OWNER = {
    "localities": "a-locality",
    "outcomes": "a-outcome",
    "organisations": "a-org",
    "people": "a-person",
}
OWNER |= {"meetings": "a-meeting", "relationships": 0}
WORD = {s.name: s.record for s in SECTIONS.values()}


def cases() -> list[tuple[ReferenceField, str]]:
    """Each declared reference with each section it may name."""
    return [(ref, target) for ref in REFERENCES for target in ref.targets]


def case_id(case: tuple[ReferenceField, str]) -> str:
    ref, target = case
    return f"{ref.section}.{ref.key}->{target}"


def pointing(ref: ReferenceField, value: str) -> dict[str, Any]:
    """The base map with the first record of `ref.section` naming `value` in that field."""
    data = copy.deepcopy(BASE)
    record = data[ref.section][0]
    record[ref.key] = [value] if ref.many else value
    return data


def ident(section: str, which: str) -> str:
    """The id of record `which` (a, b or c) of `section` in BASE."""
    return f"{which}-{WORD[section].replace('organisation', 'org')}"


def held(partnership: Any, ref: ReferenceField) -> Any:
    return getattr(getattr(partnership, ref.section)[0], ref.field)


def test_the_base_map_has_every_section_and_holds():
    assert set(SECTIONS) <= set(BASE), "add the new section to BASE"
    assert validate_data(copy.deepcopy(BASE)).settings.chair_limit == 4


def test_the_declaration_names_real_sections_and_fields():
    assert REFERENCES, "no references declared"
    for ref in REFERENCES:
        model = SECTIONS[ref.section].model
        assert ref.field in model.model_fields
        assert set(ref.targets) <= {s.name for s in SECTIONS.values() if s.has_ids}
    assert sorted(sections_shown()) == sorted(SECTIONS)


@pytest.mark.parametrize("case", cases(), ids=case_id)
def test_integrity_reports_an_unknown_id_in_every_reference(case):
    ref, _target = case
    data = pointing(ref, "nobody-here")
    with pytest.raises(InvalidMapError) as caught:
        validate_data(data)
    where = f"{ref.section}[0].{ref.key}" + ("[0]" if ref.many else "")
    wanted = " or ".join(SECTIONS[t].a_record for t in ref.targets)
    (problem,) = caught.value.problems
    assert problem.where == where
    assert problem.message.endswith(f"'nobody-here' is not declared as {wanted} in this map")


@pytest.mark.parametrize("case", cases(), ids=case_id)
def test_an_id_of_the_wrong_section_is_named_as_what_it_is(case):
    ref, _target = case
    other = next(s for s in SECTIONS.values() if s.has_ids and s.name not in ref.targets)
    with pytest.raises(InvalidMapError) as caught:
        validate_data(pointing(ref, ident(other.name, "b")))
    assert f"is {other.a_record}, but this needs" in str(caught.value)


@pytest.mark.parametrize("case", cases(), ids=case_id)
def test_renaming_the_record_named_carries_the_reference_over(case):
    ref, target = case
    named = ident(target, "b")
    before = validate_data(pointing(ref, named))
    assert any(m.field == ref.key for m in references_to(before, target, named))
    record = record_data(before, target, named)
    after = put_record(before, target, {**record, "id": "renamed"}, replacing=named)
    assert held(after, ref) == (("renamed",) if ref.many else "renamed")
    assert after.settings == before.settings and after.assessment == before.assessment


@pytest.mark.parametrize("case", cases(), ids=case_id)
def test_removing_the_record_named_hands_the_reference_on_or_drops_it(case):
    ref, target = case
    named, heir = ident(target, "b"), ident(target, "c")
    before = validate_data(pointing(ref, named))
    handed = delete_record(before, target, named, hand_to=heir)
    assert held(handed, ref) == ((heir,) if ref.many else heir)
    assert handed.settings == before.settings and handed.assessment == before.assessment
    # Without a new holder, the mention goes, the record goes with it (a relationship is its
    # ends), or the map is refused at that record, to choose again (a meeting needs a chair).
    for remove in (
        lambda: delete_record(before, target, named),
        lambda: before.without([named]),
    ):
        try:
            after = remove()
        except InvalidMapError as error:
            assert {p.where.split(".")[0] for p in error.problems} == {f"{ref.section}[0]"}
            continue
        except ValidationError as error:
            assert {e["loc"][:2] for e in error.errors()} == {(ref.section, 0)}
            continue
        left = getattr(after, ref.section)
        if not SECTIONS[ref.section].has_ids:
            assert len(left) == len(getattr(before, ref.section)) - 1
        else:
            assert held(after, ref) in ((), None)
        assert after.settings == before.settings and after.assessment == before.assessment


@pytest.mark.parametrize("ref", REFERENCES, ids=lambda r: f"{r.section}.{r.key}")
def test_the_form_offers_the_records_the_reference_may_name(ref):
    (field,) = [f for f in FORMS[ref.section] if f.name == ref.key]
    assert field.refers_to == ref.targets
    assert field.kind == ("choices" if ref.many else "choice")
    partnership = validate_data(copy.deepcopy(BASE))
    offered = set(options_for(partnership, field)) - {NONE}
    assert offered == {r.id for t in ref.targets for r in getattr(partnership, t)}


@pytest.mark.parametrize("case", cases(), ids=case_id)
def test_the_sheets_carry_the_reference_out_and_back(case):
    ref, target = case
    carrier = CARRIED_BY.get((ref.section, ref.key))
    if carrier is None:
        (column,) = [c for c in SHEETS[ref.section] if c.field == ref.key]
        assert (column.refers_to, column.many) == (ref.targets, ref.many)
    else:  # a sheet of its own: one row per record and id named
        owner, named = SHEETS[carrier]
        assert owner.refers_to == (ref.section,) and named.refers_to == ref.targets
    before = validate_data(pointing(ref, ident(target, "b")))
    files = [(name, text.encode("utf-8")) for name, text in tables_csv(before).items()]
    back = import_sheets(files, before.name).partnership
    assert held(back, ref) == held(before, ref)


def test_every_picker_and_every_naming_column_is_a_declared_reference():
    declared = {(r.section, r.key) for r in REFERENCES}
    pickers = {
        (section, f.name)
        for section, fields in FORMS.items()
        for f in fields
        if f.kind in ("choice", "choices") and not f.words
    }
    assert pickers == declared
    naming = {
        (section, c.field)
        for section, columns in SHEETS.items()
        if section in SECTIONS
        for c in columns
        if c.refers_to
    }
    assert naming | set(CARRIED_BY) == declared


def test_forms_and_sheets_follow_the_declared_sections_in_their_order():
    assert list(FORMS) == list(sections_shown())
    assert [s for s in SHEETS if s in SECTIONS] == list(sections_shown())


# --- near misses: fields that hold text that happens to be an id -------------------------


def test_a_title_that_reads_like_an_id_is_no_reference():
    data = copy.deepcopy(BASE)
    data["people"][0]["title"] = "b-org"  # text, not the organisation b-org
    data["meetings"][0]["purpose"] = "b-person"
    data["organisations"][0]["name"] = "nobody-here"
    before = validate_data(data)  # no unknown id reported for any of them
    assert not {("people", "title"), ("meetings", "purpose")} & {
        (r.section, r.key) for r in REFERENCES
    }
    assert references_to(before, "organisations", "b-org") == []
    after = put_record(
        before, "organisations", {"id": "renamed", "sector": "health"}, replacing="b-org"
    )
    assert after.person_by_id["a-person"].title == "b-org"
    assert before.without(["b-person"]).meeting_by_id["a-meeting"].purpose == "b-person"
    title = next(f for f in FORMS["people"] if f.name == "title")
    assert title.refers_to == () and title.kind == "text"
    assert next(c for c in SHEETS["people"] if c.field == "title").refers_to == ()


# --- transformations copy the map and validate it again -----------------------------------


def test_with_sections_validates_copied_records_again():
    partnership = validate_data(copy.deepcopy(BASE))
    chairless = partnership.meetings[0].model_copy(update={"chairs": ()})
    with pytest.raises(ValidationError, match="chairs"):
        partnership.with_sections(meetings=[chairless, *partnership.meetings[1:]])


def test_without_keeps_every_other_part_of_the_map():
    partnership = validate_data(copy.deepcopy(BASE))
    after = partnership.without(["c-org", "c-person", "c-meeting", "c-outcome"])
    assert after.settings == partnership.settings
    assert after.assessment == partnership.assessment
    assert after.name == partnership.name
    assert {o.id for o in after.organisations} == {"a-org", "b-org"}
    assert after.relationships == partnership.relationships


def test_without_drops_a_relationship_with_an_end_gone_and_refuses_what_cannot_stand():
    data = copy.deepcopy(BASE)
    data["relationships"].append({"from": "b-person", "to": "b-org", "kind": "funding"})
    partnership = validate_data(data)
    assert partnership.without(["b-org"]).relationships == partnership.relationships[:1]
    with pytest.raises(ValidationError, match="need an organisation"):
        partnership.without(["a-org"])  # everyone's organisation: refused, not half-done


# --- one declaration: no section lists written out elsewhere ------------------------------

# Lists in files this change did not own, named for their owners (issue 12): each is one of
# the model's derived tuples (`sections_shown(with_ids=True)`) written out by hand.
KNOWN = {
    ("diff.py", ("organisations", "people", "meetings", "outcomes")),
    ("render/console.py", ("organisations", "people", "meetings", "outcomes")),
}


def section_lists(tree: ast.AST) -> list[tuple[int, tuple[str, ...]]]:
    """Literal tuples, lists and sets of three or more section names, and dicts keyed by
    three or more whose values are plain words (a table of words per section)."""
    names = set(SECTIONS)
    found = []
    for node in ast.walk(tree):
        if isinstance(node, (ast.Tuple, ast.List, ast.Set)):
            items = node.elts
        elif isinstance(node, ast.Dict) and all(isinstance(v, ast.Constant) for v in node.values):
            items = [k for k in node.keys if k is not None]
        else:
            continue
        listed = tuple(e.value for e in items if isinstance(e, ast.Constant) and e.value in names)
        if len(listed) >= 3:
            found.append((node.lineno, listed))
    return found


def test_no_section_list_is_written_out_beside_the_declaration():
    package = ROOT / "mapper"
    found = {
        (str(path.relative_to(package)), line, listed)
        for path in package.rglob("*.py")
        for line, listed in section_lists(ast.parse(path.read_text(encoding="utf-8")))
    }
    assert {(f, line, listed) for f, line, listed in found if (f, listed) not in KNOWN} == set()


def test_the_scan_sees_a_section_list():
    code = "X = ('outcomes', 'people', 'meetings')\nY = {'people': 'person', 'meetings': 'm', "
    code += "'outcomes': 'o'}\nZ = ('people', 'meetings')\nW = {'people': f(), 'meetings': g(), "
    code += "'outcomes': h()}\n"
    assert [line for line, _ in section_lists(ast.parse(code))] == [1, 2]
