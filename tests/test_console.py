"""What the command line prints, as pure functions: data in, text out (mapper.render.console)."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from types import SimpleNamespace

from mapper import parse_map
from mapper.errors import InvalidMapError, MapperError, Problem, SheetError, SheetProblem
from mapper.findings.base import Finding
from mapper.render import console
from tests.conftest import MINIMAL

MAP = parse_map(MINIMAL)


def finding(kind: str, severity: str = "medium", title: str = "T", subjects=()) -> Finding:
    return Finding(kind, severity, tuple(subjects), title, {}, f"do {title}", ("seed 000",))


def test_the_check_summary_names_the_map_and_counts_only_what_it_holds():
    counts = {
        "name": "Test",
        "organisations": 2,
        "organisations_by_sector": {"local_authority": 1, "health": 1, "police": 0},
        "people": 0,
        "people_by_level": {"strategic": 0},
        "meetings": 1,
        "meetings_by_level": {"strategic": 1},
        "memberships": 2,
        "relationships": 0,
        "outcomes": 0,
    }
    assert console.check_summary(counts, {"person_hours_per_year": 1234.4}, "m.yaml") == (
        "Test (m.yaml): a valid map\n"
        "  2 organisations: 1 local authority, 1 health\n"
        "  0 people: none\n"
        "  1 meetings: 1 strategic\n"
        "  2 meeting seats, 0 relationships, 0 shared outcomes\n"
        "  Meetings take 1,234 person-hours a year.\n"
    )


def test_findings_are_tallied_and_a_kind_is_cut_short_after_three_unless_high():
    found = [
        finding("a", "high", "A1"),
        *(finding("b", "low", f"B{i}") for i in range(5)),
        finding("a", "high", "A2"),
        finding("a", "high", "A3"),
        finding("a", "high", "A4"),
    ]
    text = console.findings(found[:3])  # few enough to read at a glance: no list of the first
    assert text.startswith("\nFindings: 1 high, 2 low\n\nHIGH   A1\n       What to do: do A1\n")
    text = console.findings(found)
    assert "\nHIGH   A1\n       What to do: do A1\n" in text
    assert "       Source: seed 000\n" in text
    assert "HIGH   A4" in text  # high ones are never hidden
    assert "\nLOW    B2\n" in text and "\nLOW    B3\n" not in text
    assert text.endswith(
        "\n       ... and 2 more findings of the kind b (--format json lists them all)\n"
    )


def test_no_findings_reads_none():
    assert console.findings([]) == "\nFindings: none\n"


def test_departures_name_the_leavers_from_the_map_as_it_was():
    gone = SimpleNamespace(
        gone=("ben-cole",),
        cut_off=[["trust"]],
        meetings_without_chair=["board"],
        meetings_emptied=[],
        appear=[finding("k", "high", "New one")],
        vanish=[],
    )
    assert console.departures(MAP, gone) == (
        "\nWhat if ben-cole left?\n"
        "  - trust would be cut off from partners they reach today\n"
        "  - Left without a chair: board\n"
        "  - 1 new finding; 0 would no longer apply:\n"
        "      new, high: New one\n"
    )


def test_departures_that_cut_nobody_off_say_so():
    gone = SimpleNamespace(
        gone=("ben-cole",),
        cut_off=[],
        meetings_without_chair=[],
        meetings_emptied=["board"],
        appear=[],
        vanish=[finding("k")],
    )
    text = console.departures(MAP, gone)
    assert "  - No organisation would be cut off from the others.\n" in text
    assert "  - Nobody left in: board\n" in text
    assert text.endswith("  - 0 new findings; 1 would no longer apply\n")


def test_a_diff_lists_what_was_added_moved_and_found():
    changes = SimpleNamespace(
        added={"organisations": [], "people": ["ben-cole"], "meetings": [], "outcomes": []},
        removed={"organisations": [], "people": [], "meetings": [], "outcomes": []},
        seats={"board": {"joined": ["ben-cole"], "left": []}},
        chairs={"board": {"before": ["amara-okafor"], "after": ["ben-cole"]}},
        new_findings=[finding("k", "low", "Fresh")],
        resolved_findings=[],
        altered_findings=[(finding("j", "high", "Two short"), finding("j", "medium", "One"))],
    )
    assert console.diff(MAP, MAP, changes, "old.yaml", "new.yaml") == (
        "From old.yaml to new.yaml:\n"
        "  people added: ben-cole\n"
        "  board: joined: ben-cole\n"
        "  board chair: Amara Okafor -> ben-cole\n"
        "\n1 new finding, 0 resolved, 1 changed:\n"
        "  new, low: Fresh\n"
        "  changed, medium: One (was high: Two short)\n"
    )


def test_an_invalid_map_is_each_problem_then_how_many_more():
    problems = [Problem("m.yaml", 3, "people[0]", "bad"), Problem("m.yaml", None, "", "worse")]
    assert console.error(InvalidMapError(problems, omitted=4)) == (
        "m.yaml:3: bad\nm.yaml: worse\nm.yaml: ... and 4 more problems\n"
    )
    assert console.invalid_map(InvalidMapError(problems[:1])) == "m.yaml:3: bad\n"


def test_sheet_problems_come_with_their_notes():
    error = SheetError(
        [SheetProblem("people.csv", 2, "level", "is empty")],
        [SheetProblem("people.csv", 5, None, "was empty and skipped")],
    )
    assert console.error(error) == (
        "people.csv, row 2, column level: is empty\n"
        "note: people.csv, row 5: was empty and skipped\n"
    )


def test_any_other_error_is_its_own_sentence():
    assert console.error(MapperError("x.yaml: no such file")) == "x.yaml: no such file\n"


def test_what_was_written_says_whether_it_holds_personal_data():
    assert console.exported([Path("q.xlsx")], ["assessment"]) == (
        "Wrote q.xlsx. It names nobody, unless the notes do.\n"
    )
    assert console.exported([Path("a.csv"), Path("b.csv")], ["people", "settings"]) == (
        "Wrote a.csv, b.csv. They contain personal data.\n"
    )
    assert console.report_written(Path("r.pdf"), 2048, 5, 3) == (
        "Wrote r.pdf (2 KB): 5 findings, 3 problems to act on. It contains personal data.\n"
    )
    assert console.answers_taken(3, [], Path("m.yaml")) == "Read 3 answers; 0 changed the map.\n"
    assert console.answers_taken(3, ["q1", "q2"], Path("m.yaml")) == (
        "Read 3 answers; 2 changed the map (q1, q2), saved in m.yaml.\n"
    )
    assert console.notes([]) == ""


def test_json_is_written_as_the_standard_library_indents_it():
    import json

    from hypothesis import given
    from hypothesis import strategies as st

    leaves = st.none() | st.booleans() | st.integers(-(2**63), 2**63 - 1) | st.text()
    values = st.recursive(
        leaves, lambda inner: st.lists(inner) | st.dictionaries(st.text(), inner), max_leaves=30
    )
    numbers = st.floats(allow_nan=False, allow_infinity=False)

    @given(values, numbers)
    def same(data, number):
        assert console.json_text(data) == json.dumps(data, indent=2, ensure_ascii=False) + "\n"
        # A float is the same number, though a small one may be written 1e-7 for 1e-07.
        assert json.loads(console.json_text({"x": [number]})) == {"x": [number]}

    same()
    for refused_by_orjson in ({1: "a key that is not text"}, {"n": 2**70}):
        expected = json.dumps(refused_by_orjson, indent=2, ensure_ascii=False) + "\n"
        assert console.json_text(refused_by_orjson) == expected


def test_the_ten_to_act_on_first_are_listed_by_priority_one_line_each():
    found = [dataclasses.replace(finding("k", "low", f"F{i}"), priority=12 - i) for i in range(12)]
    text = console.findings(found)
    block = text.split("Act on these first (10 of 12, by priority):\n")[1].split("\n\n")[0]
    assert block.splitlines() == [f"  {12 - i:>2}. LOW    F{i}" for i in range(11, 1, -1)]
