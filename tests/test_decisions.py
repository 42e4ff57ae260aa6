"""Decisions about findings: a finding accepted (with owner and due date) or set aside (with a
reason), kept in the map's `decisions:`, matched to its finding by kind and subjects, and
carried by every face (the diagnosis, the plan, the report, check, sheets, saving)."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from mapper import InvalidMapError, Partnership, dump_map, parse_map
from mapper.decisions import decide, plan_for, undecide
from mapper.diagnosis import diagnose
from mapper.errors import MapperError
from mapper.guidance import GUIDANCE
from mapper.model import DecisionWord, allowed_values
from mapper.render.plan import action_plan, plan_csv, plan_markdown
from mapper.render.report import build_report, report_html
from mapper.sheets import import_sheets
from mapper.sheets.export import tables_csv, tables_workbook
from tests.conftest import EXAMPLES, MINIMAL
from tests.strategies import ids, names, partnerships
from tests.test_report import pdf_text
from tests.test_sheets import comparable, texts_kept_as_typed

# Two organisations at the board, the trust's person at no operational meeting: the
# diagnosis finds, among others, the board with no co-chair from another organisation.
TWO = parse_map(MINIMAL.replace("version: 1", "version: 2"))
TODAY = dt.date(2026, 12, 1)


def kinds_and_subjects(partnership: Partnership) -> set[tuple[str, tuple[str, ...]]]:
    return {(f.kind, f.subjects) for f in diagnose(partnership).findings}


def a_finding(partnership: Partnership, kind: str):
    return next(f for f in diagnose(partnership).findings if f.kind == kind)


def with_decisions(text: str) -> Partnership:
    return parse_map(MINIMAL.replace("version: 1", "version: 2") + text)


def test_the_minimal_map_has_the_finding_these_tests_decide_on():
    assert ("no_shared_chair", ("board",)) in kinds_and_subjects(TWO)


# --- matching a decision to its finding ----------------------------------------------------


def test_a_decision_matches_its_finding_by_kind_and_subjects():
    decided = decide(TWO, "no_shared_chair", ["board"], "set_aside", "By statute", today=TODAY)
    diagnosis = diagnose(decided)
    finding = a_finding(decided, "no_shared_chair")
    assert diagnosis.decision_of(finding).reason == "By statute"
    assert [f.kind for f, _ in diagnosis.set_aside] == ["no_shared_chair"]
    assert finding not in diagnosis.open and finding not in diagnosis.first(10)
    assert diagnosis.no_longer_applying == []
    assert len(diagnosis.open) == len(diagnosis.findings) - 1


def test_subjects_in_another_order_still_match():
    two_subjects = next(f for f in diagnose(load_county()).findings if len(f.subjects) == 3)
    reordered = list(reversed(two_subjects.subjects))
    county = decide(load_county(), two_subjects.kind, reordered, "accepted", owner="Jo")
    diagnosis = diagnose(county)
    assert diagnosis.decision_of(two_subjects).owner == "Jo"
    assert diagnosis.no_longer_applying == []


def test_a_decision_about_a_renamed_subject_no_longer_applies_and_is_kept():
    decided = decide(TWO, "no_shared_chair", ["board"], "set_aside", "By statute", today=TODAY)
    renamed = parse_map(dump_map(decided).replace("- id: board", "- id: main-board"))
    diagnosis = diagnose(renamed)
    assert ("no_shared_chair", ("main-board",)) in kinds_and_subjects(renamed)
    assert diagnosis.set_aside == []  # the finding about main-board is open again
    assert [d.subjects for d in diagnosis.no_longer_applying] == [("board",)]
    assert renamed.decisions == decided.decisions  # nothing is dropped


def test_a_decision_whose_finding_went_no_longer_applies():
    decided = decide(TWO, "no_shared_chair", ["board"], "set_aside", "By statute", today=TODAY)
    # a vice chair from the trust: the board now shares its chair, the finding goes
    fixed = parse_map(
        dump_map(decided).replace("  chairs: [amara-okafor]", "  chairs: [amara-okafor, ben-cole]")
    )
    assert ("no_shared_chair", ("board",)) not in kinds_and_subjects(fixed)
    diagnosis = diagnose(fixed)
    assert [d.kind for d in diagnosis.no_longer_applying] == ["no_shared_chair"]
    assert diagnosis.set_aside == []


def test_near_misses_do_not_match():
    for kind, subjects in (
        ("no_shared_chair", ["board", "nbc"]),  # one subject more
        ("vacancy", ["board"]),  # another kind about the same meeting
        ("sole_representative", ["trust"]),  # some of the subjects only
        ("no_shared_chair", []),  # no subjects at all
    ):
        decided = decide(TWO, kind, subjects, "set_aside", "No", today=TODAY)
        diagnosis = diagnose(decided)
        assert diagnosis.set_aside == [], (kind, subjects)
        assert len(diagnosis.no_longer_applying) == 1


def test_a_decision_with_no_subjects_covers_the_findings_about_the_whole_system():
    whole = [f for f in diagnose(TWO).findings if not f.subjects]
    assert whole
    decided = decide(TWO, whole[0].kind, [], "set_aside", "Known", today=TODAY)
    set_aside = [f for f, _ in diagnose(decided).set_aside]
    assert set_aside == [f for f in whole if f.kind == whole[0].kind]


# --- deciding: an ordinary change of the map ------------------------------------------------


def test_deciding_makes_a_version_1_map_version_2_and_replaces_an_earlier_decision():
    old = parse_map(MINIMAL)
    assert old.version == 1
    decided = decide(old, "no_shared_chair", ["board"], "accepted", today=TODAY)
    assert decided.version == 2 and len(decided.decisions) == 1
    again = decide(decided, "no_shared_chair", ["board"], "set_aside", "Changed our mind")
    assert [d.decision for d in again.decisions] == ["set_aside"]
    assert undecide(again, "no_shared_chair", ["board"]).decisions == ()


def test_owner_and_due_date_accept_a_finding_and_keep_an_earlier_decision():
    planned = plan_for(TWO, "no_shared_chair", ["board"], "Amara", dt.date(2027, 3, 31), TODAY)
    (decision,) = planned.decisions
    assert (decision.decision, decision.owner, decision.due) == (
        "accepted",
        "Amara",
        dt.date(2027, 3, 31),
    )
    replanned = plan_for(planned, "no_shared_chair", ["board"], "Ben", None)
    assert [(d.owner, d.due, d.date) for d in replanned.decisions] == [("Ben", None, TODAY)]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("set_aside", ""), "a finding set aside needs a reason, so the next workshop knows why"),
        (("maybe", None), "decision: Input should be 'accepted' or 'set_aside'"),
    ],
)
def test_a_bad_decision_is_refused_with_a_message(args, message):
    with pytest.raises(MapperError) as error:
        decide(TWO, "no_shared_chair", ["board"], *args)
    assert str(error.value) == message


# --- the file ------------------------------------------------------------------------------


def test_decisions_in_a_version_1_file_are_refused_with_the_line():
    text = (
        MINIMAL + "decisions:\n  - {kind: no_shared_chair, subjects: [board], decision: accepted}\n"
    )
    with pytest.raises(InvalidMapError) as error:
        parse_map(text)
    assert "decisions: is a key of version 2 of the format" in str(error.value)


def test_two_decisions_about_one_finding_are_refused():
    with pytest.raises(InvalidMapError) as error:
        with_decisions(
            "decisions:\n"
            "  - {kind: no_shared_chair, subjects: [board, nbc], decision: accepted}\n"
            "  - {kind: no_shared_chair, subjects: [nbc, board], decision: accepted}\n"
        )
    assert "two decisions about the same finding (no_shared_chair: nbc, board)" in str(error.value)


def test_a_decision_naming_someone_not_in_the_map_is_kept():
    partnership = with_decisions(
        "decisions:\n  - {kind: vacancy, subjects: [gone-person], decision: set_aside, "
        "reason: Filled}\n"
    )
    assert diagnose(partnership).no_longer_applying == list(partnership.decisions)


decision_records = st.builds(
    dict,
    kind=st.sampled_from(["no_shared_chair", "vacancy", "map_incomplete", "connector"]),
    subjects=st.lists(ids, unique=True, max_size=3),
    decision=st.sampled_from(allowed_values(DecisionWord)),
    reason=names,
    date=st.none() | st.dates(dt.date(2020, 1, 1), dt.date(2035, 12, 31)),
    owner=st.none() | names,
    due=st.none() | st.dates(dt.date(2020, 1, 1), dt.date(2035, 12, 31)),
)


@st.composite
def decided_maps(draw: st.DrawFn) -> Partnership:
    partnership = draw(partnerships(max_people=6))
    records = draw(st.lists(decision_records, max_size=4))
    unique = {(r["kind"], frozenset(r["subjects"])): r for r in records}
    plain = [{k: v for k, v in r.items() if v is not None} for r in unique.values()]
    return partnership.with_sections(version=2 if plain else partnership.version, decisions=plain)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(decided_maps())
def test_decisions_survive_save_and_load(partnership: Partnership):
    assert parse_map(dump_map(partnership)).decisions == partnership.decisions


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(decided_maps(), st.booleans())
def test_decisions_survive_a_spreadsheet_round_trip(partnership: Partnership, workbook: bool):
    texts = [t for d in partnership.decisions for t in (d.reason, d.owner)]
    assume(texts_kept_as_typed(partnership) and all(t is None or t == t.strip() for t in texts))
    if workbook:
        files = [("m.xlsx", tables_workbook(partnership))]
    else:
        files = [(n, t.encode("utf-8")) for n, t in tables_csv(partnership).items()]
    back = import_sheets(files, partnership.name).partnership
    assert back.decisions == partnership.decisions
    assert back == comparable(partnership)


# --- the faces -----------------------------------------------------------------------------


def load_county() -> Partnership:
    from mapper import load_map

    return load_map(EXAMPLES / "county.yaml")


def test_the_plan_and_the_report_follow_the_decisions():
    county = load_county()
    findings = diagnose(county).first(3)
    county = decide(county, findings[0].kind, findings[0].subjects, "set_aside", "Done already")
    county = plan_for(county, findings[1].kind, findings[1].subjects, "Jo Bloggs", TODAY)
    diagnosis = diagnose(county)
    plan = action_plan(county, diagnosis.findings, diagnosis.decision_of)
    assert findings[0].title not in [r["finding"] for r in plan]
    row = next(r for r in plan if r["finding"] == findings[1].title)
    assert (row["owner"], row["due by"], row["status"]) == ("Jo Bloggs", "2026-12-01", "agreed")
    report = build_report(county, diagnosis, today=TODAY)
    assert [(s.title, s.reason) for s in report.set_aside] == [(findings[0].title, "Done already")]
    html = report_html(report)
    assert "Findings set aside" in html and "Done already" in html
    assert "1 was set aside by the partnership" in html
    assert findings[0].title not in {f.title for f in (*report.detailed, *report.first)}
    assert findings[0].title not in [r["finding"] for r in report.plan]


def test_check_says_how_many_were_set_aside(tmp_path, run_cli):
    county = load_county()
    first = diagnose(county).first(1)[0]
    county = decide(county, first.kind, first.subjects, "set_aside", "Known")
    county = decide(county, "vacancy", ["nobody-now"], "accepted")
    path = tmp_path / "county.yaml"
    path.write_text(dump_map(county), encoding="utf-8")
    code, out, _ = run_cli("check", str(path))
    assert code == 0
    assert "and 1 set aside by the partnership" in out
    assert "1 decision no longer applies" in out
    assert first.title not in out


# --- guidance cited by title -----------------------------------------------------------------

SEED_FILE = re.compile(r"\d{3}_[0-9a-f]{16}(\.txt)?")


def test_no_face_cites_a_seed_file_name(tmp_path, run_cli):
    county = load_county()
    diagnosis = diagnose(county)
    assert {s for f in diagnosis.findings for s in f.source} <= set(GUIDANCE.values())
    code, text, _ = run_cli("check", str(EXAMPLES / "county.yaml"))
    _, as_json, _ = run_cli("check", str(EXAMPLES / "county.yaml"), "--format", "json")
    plan = action_plan(county, diagnosis.findings)
    html = report_html(build_report(county, diagnosis, today=TODAY))
    for face in (text, as_json, html, plan_csv(plan), plan_markdown(plan, county.name)):
        assert not SEED_FILE.search(face)
    assert "Note from Collaborative Leadership in Place, Cell 2" in html


def test_the_pdf_cites_titles_not_seed_files():
    from mapper.render.pdf import pdf_report_file

    county = load_county()
    first = diagnose(county).first(1)[0]
    county = decide(county, first.kind, first.subjects, "set_aside", "Known since June")
    text = " ".join(pdf_text(pdf_report_file(county, diagnose(county))).split())
    assert not SEED_FILE.search(text)
    assert "Guidance: Note from Collaborative Leadership in Place, Cell 2" in text
    assert "Findings set aside" in text and "Known since June" in text
