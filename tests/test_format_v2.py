"""Version 2 of the map format: what it can say, that it round-trips, that version 1 files
mean what they meant, and that a version 1 file using version 2 is told how to become one."""

from __future__ import annotations

import json

import pytest

from mapper import InvalidMapError, parse_map
from mapper.analysis import Analysis
from mapper.edit import empty_map, put_record, record_data
from mapper.findings.governance import outside_governance_tree, reports_to_cycles
from mapper.forms import FORMS, record_from_values, widget_value
from mapper.load import load_map
from mapper.model import FORMAT_VERSION, NEWER_FIELDS, Layout, version_needed
from mapper.save import dump_map
from mapper.sheets import import_sheets
from mapper.sheets.export import tables_csv, tables_workbook
from mapper.whatif import without as remove_and_hand_on
from tests.conftest import EXAMPLES, MINIMAL

# Every field version 2 added, each used once.
V2 = """\
version: 2
name: Every field of version 2
type: safeguarding
localities:
  - {id: north, name: North locality}
  - {id: south}
organisations:
  - {id: council, sector: local_authority, locality: north, influence: high, interest: high,
     stance: champion}
  - {id: nhs, sector: health}
  - {id: police, sector: police}
  - {id: fire, sector: fire_and_rescue, strategic_only: true}
  - {id: cc, sector: community}
  - {id: probation, sector: justice}
  - {id: jobs, sector: employment_and_skills}
people:
  - {id: p1, name: A Person, organisation: police, level: strategic, locality: south,
     influence: medium, interest: low, stance: sceptic}
  - {id: p2, name: B Person, organisation: council, level: operational}
  - {id: police-seat, organisation: police, level: strategic, title: Police representative,
     deputy: p1}
  - {id: dph, organisation: nhs, level: strategic, title: Director of Public Health, vacant: true}
meetings:
  - {id: hwb, level: strategic, frequency: quarterly, chairs: [dph], external: true,
     board: health_and_wellbeing}
  - {id: lscp, level: strategic, frequency: bimonthly, chairs: [p1], external: true,
     membership: partial}
  - {id: csp, level: strategic, frequency: quarterly, chairs: [police-seat]}
  - id: board
    level: strategic
    frequency: quarterly
    chairs: []
    chair_rotates: [council, nhs, police]
    members: [p1, p2, police-seat]
    non_voting: [p2]
    reports_to: [hwb, lscp]
    informs: [csp]
    locality: north
    starts: 2026-01-01
    ends: 2026-12-31
  - {id: summit, level: strategic, frequency: once, chairs: [p1], reports_to: board,
     revisits_purpose: once}
layout:
  organisations: {council: [0, 0], nhs: [120.5, -40]}
  people: {p1: [10, 20], hwb: [-300, 0]}
  governance: {hwb: [0, 0], summit: [860, 46]}
"""


def problems_of(text: str) -> list[tuple[int | None, str]]:
    with pytest.raises(InvalidMapError) as caught:
        parse_map(text)
    return [(p.line, p.message) for p in caught.value.problems]


def test_every_field_of_version_2_is_read():
    partnership = parse_map(V2)
    assert partnership.version == 2 and partnership.type == "safeguarding"
    assert [x.id for x in partnership.localities] == ["north", "south"]
    council = partnership.organisation_by_id["council"]
    assert council.locality == "north"
    assert (council.influence, council.interest, council.stance) == ("high", "high", "champion")
    p1 = partnership.person_by_id["p1"]
    assert p1.locality == "south"
    assert (p1.influence, p1.interest, p1.stance) == ("medium", "low", "sceptic")
    nhs = partnership.organisation_by_id["nhs"]
    assert (nhs.influence, nhs.interest, nhs.stance) == (None, None, None)  # not recorded
    dph = partnership.person_by_id["dph"]
    assert dph.vacant and dph.name is None and dph.label == "Director of Public Health"  # its title
    board = partnership.meeting_by_id["board"]
    assert board.chairs == () and board.chair_rotates == ("council", "nhs", "police")
    assert board.non_voting == ("p2",) and board.reports_to == ("hwb", "lscp")
    assert board.informs == ("csp",) and board.locality == "north"
    assert (board.starts.isoformat(), board.ends.isoformat()) == ("2026-01-01", "2026-12-31")
    assert partnership.meeting_by_id["hwb"].external
    summit = partnership.meeting_by_id["summit"]
    assert summit.reports_to == ("board",) and summit.hours_a_year == 1


def test_every_field_of_version_2_round_trips_through_a_saved_file():
    partnership = parse_map(V2)
    text = dump_map(partnership)
    assert text.startswith("version: 2\n")
    assert "reports_to: board\n" in text  # one meeting is written as version 1 wrote it
    assert "reports_to: [hwb, lscp]" in text
    assert parse_map(text) == partnership


def test_every_field_of_version_2_round_trips_through_the_spreadsheets():
    partnership = parse_map(V2)
    files = [(name, text.encode("utf-8")) for name, text in tables_csv(partnership).items()]
    back = import_sheets(files, partnership.name).partnership
    # the attendance sheet lists each person once: chairs are not repeated as members
    unplaced = partnership.model_copy(update={"layout": Layout()})
    assert back == unplaced  # the spreadsheets carry no positions...
    assert back.with_layout_of(partnership) == partnership  # ...the open map gives them back
    book = import_sheets([("map.xlsx", tables_workbook(partnership))], partnership.name)
    assert book.partnership == unplaced


def test_a_version_1_map_stays_version_1_through_the_spreadsheets():
    small = load_map(EXAMPLES / "small.yaml")
    files = [(name, text.encode("utf-8")) for name, text in tables_csv(small).items()]
    back = import_sheets(files, small.name).partnership
    assert back.version == 1 and back.type == "family_hubs"


def version_1_text(example: str) -> str:
    """The example's text; the county, a version 2 map, as its nearest version 1 map (what a
    version 1 author would have written: examples/real/as_version_1.py)."""
    text = (EXAMPLES / example).read_text(encoding="utf-8")
    if example != "county.yaml":
        return text
    import importlib.util

    import yaml

    spec = importlib.util.spec_from_file_location(
        "as_version_1", EXAMPLES / "real" / "as_version_1.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    converted = module.as_version_1(yaml.safe_load(text))
    return yaml.safe_dump(converted, sort_keys=False, allow_unicode=True, width=100)


@pytest.mark.parametrize("example", ["small.yaml", "county.yaml"])
def test_version_1_examples_mean_the_same_read_as_version_2(example, run_cli, map_file):
    text = version_1_text(example)
    assert "\nversion: 1\n" in f"\n{text}"
    old = parse_map(text)
    assert old.version == 1 and version_needed(old) == 1
    assert dump_map(old).startswith("version: 1\n")  # saved, it stays a version 1 file
    assert parse_map(dump_map(old)) == old
    new = parse_map(text.replace("version: 1\n", "version: 2\n", 1))
    assert new == old.model_copy(update={"version": 2})
    code, as_1, _ = run_cli("check", str(map_file(text, "as-1.yaml")), "--format", "json")
    code_2, as_2, _ = run_cli("check", str(map_file(dump_map(new))), "--format", "json")
    assert (code, json.loads(as_1)) == (code_2, json.loads(as_2))


# --- a version 1 file that uses version 2 is told to say so --------------------------------

FIX = "of version 2 of the format; to use it, make the first line of the file `version: 2`"


MEMBERS = "members: [ben-cole]"


def meeting_key(text: str) -> tuple[str, str]:
    """A key added to the meeting of MINIMAL (on line 15)."""
    return MEMBERS, f"{MEMBERS}\n    {text}"


@pytest.mark.parametrize(
    "old, new, line, message",
    [
        ("name: Test partnership\n", "name: T\ntype: safeguarding\n", 3, "type: is a key"),
        ("name: Test partnership\n", "name: T\ntype: family_hubs\n", 3, "type: is a key"),
        (
            "name: Test partnership\n",
            "name: T\nlocalities:\n  - {id: north}\n",
            3,
            "localities: is a key",
        ),
        (
            "sector: health}",
            "sector: community}",
            5,
            "organisation 'trust': sector: 'community' is",
        ),
        (
            "sector: health}",
            "sector: health, locality: x}",
            5,
            "organisation 'trust': locality: is a key",
        ),
        (
            "level: operational}",
            "level: operational, vacant: true}",
            8,
            "person 'ben-cole': vacant: is a key",
        ),
        ("frequency: monthly", "frequency: once", 12, "meeting 'board': frequency: 'once' is"),
        (*meeting_key("non_voting: [ben-cole]"), 15, "meeting 'board': non_voting: is a key"),
        (*meeting_key("external: false"), 15, "meeting 'board': external: is a key"),
        (*meeting_key("informs: [board2]"), 15, "meeting 'board': informs: is a key"),
        (*meeting_key("starts: 2026-01-01"), 15, "meeting 'board': starts: is a key"),
        (*meeting_key("chair_rotates: [nbc]"), 15, "meeting 'board': chair_rotates: is a key"),
        (
            *meeting_key("reports_to: [board2, board3]"),
            15,
            "meeting 'board': reports_to: naming more than one is",
        ),
    ],
)
def test_a_version_1_file_using_version_2_is_refused_on_its_line(old, new, line, message):
    extra = (
        "  - {id: board2, level: strategic, frequency: monthly, chairs: [amara-okafor]}\n"
        "  - {id: board3, level: strategic, frequency: monthly, chairs: [amara-okafor]}\n"
    )
    text = MINIMAL.replace(old, new, 1) + extra
    found = problems_of(text)
    if "locality: x" in new:  # (and no locality x is declared, as no locality can be)
        assert found[1] == (
            5,
            "organisation 'trust': locality: 'x' is not declared as a locality in this map",
        )
        del found[1]
    else:
        assert parse_map(text.replace("version: 1", "version: 2", 1))  # version 2 reads it
    assert found == [(line, f"{message} {FIX}")]


def test_a_list_of_one_meeting_is_still_version_1():
    text = MINIMAL.replace("members: [ben-cole]", "members: [ben-cole]\n    reports_to: [hwb]")
    text += "  - {id: hwb, level: strategic, frequency: quarterly, chairs: [amara-okafor]}\n"
    assert parse_map(text).meeting_by_id["board"].reports_to == ("hwb",)


def test_every_field_declared_new_is_refused_in_a_version_1_map():
    declared = {(n.section, n.key) for n in NEWER_FIELDS}
    assert {
        (None, "type"),
        (None, "localities"),
        ("organisations", "sector"),
        ("organisations", "locality"),
        ("organisations", "strategic_only"),
        ("organisations", "influence"),
        ("organisations", "interest"),
        ("organisations", "stance"),
        ("people", "vacant"),
        ("people", "locality"),
        ("people", "influence"),
        ("people", "interest"),
        ("people", "stance"),
        ("meetings", "frequency"),
        ("meetings", "chair_rotates"),
        ("meetings", "non_voting"),
        ("meetings", "reports_to"),
        ("meetings", "informs"),
        ("meetings", "external"),
        ("meetings", "board"),
        ("meetings", "membership"),
        ("meetings", "locality"),
        ("meetings", "starts"),
        ("meetings", "ends"),
        ("meetings", "revisits_purpose"),
        (None, "layout"),
    } == declared
    v2 = parse_map(V2)
    used = {(u.loc[0] if len(u.loc) > 1 else None, u.field.key) for u in v2_uses(v2)}
    assert used == declared  # V2 above uses each of them
    with pytest.raises(ValueError, match="is a key of version 2"):
        type(v2).model_validate({**dict(v2), "version": 1})


def v2_uses(partnership):
    from mapper.model import newer_uses

    return newer_uses(partnership)


# --- the rules of version 2, each refused on its line ----------------------------------------


def test_version_2_rules_are_refused_each_on_its_line():
    text = """\
version: 2
name: Broken
localities:
  - {id: north}
organisations:
  - {id: council, sector: local_authority, locality: nort}
  - {id: nhs, sector: health}
people:
  - {id: p1, organisation: council, level: strategic}
  - {id: p2, organisation: nhs, level: strategic}
  - {id: gone, name: Named, organisation: nhs, level: strategic, vacant: true}
  - {id: left, organisation: nhs, level: strategic, vacant: true, leaving: 2027-01-01}
meetings:
  - id: board
    level: strategic
    frequency: quarterly
    chairs: [p1]
    chair_rotates: [council, p2]
    non_voting: [p2]
    informs: [board, nowhere]
    reports_to: [group, elsewhere]
    starts: 2026-12-31
    ends: 2026-01-01
  - {id: group, level: operational, frequency: monthly, chairs: []}
"""
    assert problems_of(text) == [
        (
            6,
            "organisation 'council': locality: 'nort' is not declared as a locality in this "
            "map; did you mean north?",
        ),
        (
            11,
            "person 'gone': vacant: a vacant post has no holder, but this one has a name: "
            "remove `name:` (or `vacant: true`, if someone holds it)",
        ),
        (
            12,
            "person 'left': vacant: a vacant post has no holder, but this one has a leaving "
            "date: remove `leaving:` (or `vacant: true`, if someone holds it)",
        ),
        (
            18,
            "meeting 'board': chair_rotates[1]: 'p2' is a person, but this needs an organisation",
        ),
        (
            19,
            "meeting 'board': non_voting[0]: 'p2' sits without a vote but does not attend this "
            "meeting; list them among its members (or chairs) too, or take them off non_voting",
        ),
        (20, "meeting 'board': informs[0]: 'board' cannot refer to itself"),
        (20, "meeting 'board': informs[1]: 'nowhere' is not declared as a meeting in this map"),
        (
            21,
            "meeting 'board': reports_to[1]: 'elsewhere' is not declared as a meeting in this map",
        ),
        (
            23,
            "meeting 'board': ends: 2026-01-01 is before the meeting starts (2026-12-31); it "
            "ends on or after the day it starts",
        ),
        (
            24,
            "meeting 'group': chairs: a meeting needs a chair: list one person, or two "
            "co-chairs (or, when the chair rotates, the organisations it rotates between in "
            "`chair_rotates:`)",
        ),
    ]


# --- the app's forms and edits ---------------------------------------------------------------


def test_the_forms_carry_every_new_field():
    names = {section: {f.name for f in fields} for section, fields in FORMS.items()}
    assert {"id", "name"} == names["localities"]
    assert {"locality"} <= names["organisations"]
    assert {"vacant", "locality"} <= names["people"]
    assert {
        "chair_rotates",
        "non_voting",
        "reports_to",
        "informs",
        "external",
        "board",
        "membership",
        "locality",
        "starts",
        "ends",
    } <= names["meetings"]
    assert {"locality", "strategic_only"} <= names["organisations"]
    for section in ("organisations", "people"):
        assert {"influence", "interest", "stance"} <= names[section]
    stance = next(f for f in FORMS["people"] if f.name == "stance")
    assert stance.words == ("champion", "supporter", "neutral", "sceptic")
    assert record_from_values("people", {"id": "x", "influence": ""}) == {"id": "x"}
    vacant = next(f for f in FORMS["people"] if f.name == "vacant")
    assert widget_value(vacant, None) is False
    assert record_from_values("people", {"id": "x", "vacant": False}) == {"id": "x"}
    assert record_from_values("people", {"id": "x", "vacant": True}) == {"id": "x", "vacant": True}
    reports = next(f for f in FORMS["meetings"] if f.name == "reports_to")
    assert reports.kind == "choices" and widget_value(reports, "board") == ["board"]


def test_an_edit_using_version_2_makes_the_map_version_2_and_others_keep_it_at_1():
    small = load_map(EXAMPLES / "small.yaml")
    assert small.version == 1
    board = record_data(small, "meetings", small.meetings[0].id)
    assert put_record(small, "meetings", board, replacing=board["id"]).version == 1
    located = put_record(small, "localities", {"id": "north", "name": "North"})
    assert located.version == 2 and dump_map(located).startswith("version: 2\n")
    assert empty_map("New").version == FORMAT_VERSION == 2


# --- what the readers of reports_to make of several parents, externals and informs ------------


def test_a_meeting_with_two_parents_is_below_each_and_a_cycle_through_either_is_found():
    partnership = parse_map(V2)
    tree = Analysis(partnership).reporting
    assert {"board", "summit"} <= tree.below("hwb") and {"board", "summit"} <= tree.below("lscp")
    assert tree.cycles() == []
    text = V2.replace("reports_to: board,", "reports_to: [board, csp],").replace(
        "chairs: [police-seat]}", "chairs: [police-seat], reports_to: summit}"
    )
    assert Analysis(parse_map(text)).reporting.cycles() == [["csp", "summit"]]
    (cycle,) = reports_to_cycles(Analysis(parse_map(text)))
    assert cycle.subjects == ("csp", "summit")
    assert cycle.evidence["meetings_below"] == []


def test_external_boards_and_meetings_that_inform_are_never_outside_the_tree():
    analysis = Analysis(parse_map(V2))
    assert analysis.top_of_structure == "board"  # not an external board above it
    assert {d.subjects for d in outside_governance_tree(analysis)} == {("csp",)}
    informing = V2.replace("chairs: [police-seat]}", "chairs: [police-seat], informs: [board]}")
    assert list(outside_governance_tree(Analysis(parse_map(informing)))) == []


def test_what_if_hands_a_gone_meetings_group_to_each_of_its_parents():
    partnership = parse_map(
        V2.replace("chair_rotates: [council, nhs, police]", "chair_rotates: [council]")
    )
    # p1 alone sits in the summit and the safeguarding board: both go; the board stays,
    # reporting to the one of its two parents left
    remaining, _, emptied = remove_and_hand_on(partnership, ["p1"])
    assert {"summit", "lscp"} <= set(emptied) and "summit" not in remaining.meeting_by_id
    assert remaining.meeting_by_id["board"].reports_to == ("hwb",)


REAL = sorted(p for p in (EXAMPLES / "real").glob("*.yaml") if not p.name.endswith(".review.yaml"))


@pytest.mark.parametrize("path", [*REAL, EXAMPLES / "county.yaml"], ids=lambda p: p.stem)
def test_the_maps_of_real_partnerships_round_trip_through_a_file_and_the_sheets(path):
    """The maps of published structures, and the county example built like them."""
    partnership = load_map(path)
    assert parse_map(dump_map(partnership)) == partnership
    files = [(name, text.encode("utf-8")) for name, text in tables_csv(partnership).items()]
    back = import_sheets(files, partnership.name).partnership
    members = {
        m.id: tuple(p for p in m.members if p not in m.chairs and p != m.vice_chair)
        for m in partnership.meetings
    }  # the attendance sheet lists a chair once, as a chair
    assert back == partnership.model_copy(
        update={
            "meetings": tuple(
                m.model_copy(update={"members": members[m.id]}) for m in partnership.meetings
            )
        }
    )


def test_the_version_2_examples_of_the_format_doc_load_and_round_trip():
    from tests.test_docs import code_blocks

    doc = (EXAMPLES.parent / "docs" / "format.md").read_text(encoding="utf-8")
    complete = [b for b in code_blocks(doc, "yaml") if b.startswith("version: 2\n")]
    assert len(complete) >= 2
    for block in complete:
        partnership = parse_map(block)
        assert partnership.version == 2 and parse_map(dump_map(partnership)) == partnership


@pytest.mark.parametrize(
    "value, message",
    [
        ("5", 'should be text, but YAML read the unquoted 5 as the number 5; put it in quotes: '
         '"5"'),
        ("NO", 'should be text, but YAML read the unquoted NO as the yes/no value false; put it '
         'in quotes: "NO"'),
        ("{a: 1}", "should be text, not a mapping"),
    ],
)  # fmt: skip
def test_a_reports_to_that_is_no_id_is_told_so_as_version_1_told_it(value, message):
    text = MINIMAL.replace(MEMBERS, f"{MEMBERS}\n    reports_to: {value}")
    assert problems_of(text) == [(15, f"meeting 'board': reports_to: {message}")]


def test_a_yes_or_no_cell_takes_yes_an_excel_true_or_nothing_and_refuses_the_rest():
    import io

    import openpyxl

    from mapper.sheets import SheetError
    from mapper.sheets.export import map_tables

    partnership = parse_map(V2)
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in map_tables(partnership).items():
        sheet = book.create_sheet(name)
        for row in rows:  # Excel's own TRUE where the export wrote yes
            sheet.append([True if cell == "yes" else cell for cell in row])
    data = io.BytesIO()
    book.save(data)
    back = import_sheets([("map.xlsx", data.getvalue())], partnership.name).partnership
    assert back.person_by_id["dph"].vacant and back.meeting_by_id["hwb"].external
    files = tables_csv(partnership)
    assert "dph,,nhs,Director of Public Health,strategic,,,,yes," in files["people.csv"]
    files["people.csv"] = files["people.csv"].replace(",yes,", ",maybe,")
    with pytest.raises(SheetError) as caught:
        import_sheets([(n, t.encode("utf-8")) for n, t in files.items()], "x")
    assert str(caught.value) == (
        "people.csv, row 5, column vacant: 'maybe' is not yes or no; write yes, or leave it empty"
    )
