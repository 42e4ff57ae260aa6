"""Evidence in words (issue 15): every line of every finding's evidence, on every map the
project keeps, reads as words a board reads, never as the map's codes; a few findings made by
hand give their exact lines; the JSON keeps the evidence as it is; no face names a seed file.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import re
from functools import cache
from pathlib import Path
from typing import Annotated, TypedDict

import pytest
from hypothesis import given, settings

from mapper import Partnership, load_map
from mapper.analysis import Analysis
from mapper.diagnosis import diagnose
from mapper.errors import MapperError
from mapper.findings import CHECKS, Finding
from mapper.findings.registry import check
from mapper.findings.shown import FORMS, Hidden, Shown
from mapper.guidance import GUIDANCE_FILES
from mapper.model import Settings
from mapper.pseudonyms import hide, mask_of
from mapper.render import console
from mapper.render.evidence import MOST_LINES, WORDED_FORMS, in_a_sentence
from mapper.render.report import build_report, report_html
from mapper.render.tables import evidence_rows
from tests.conftest import ROOT, tiny_map
from tests.strategies import partnerships

TODAY = dt.date(2026, 11, 22)


def kept_maps() -> list[Path]:
    """Every map the project keeps that loads: the examples, the maps built from published
    structures (`examples/real`) and the test data (a hostile map among them)."""
    paths = [
        *sorted((ROOT / "examples").glob("*.yaml")),
        *sorted((ROOT / "examples" / "real").glob("*.yaml")),
        *sorted((ROOT / "tests" / "data").glob("*.yaml")),
    ]
    found = []
    for path in paths:
        if path.name.endswith(".review.yaml"):
            continue  # a reviewer's verdicts (tests/review.py), not a map
        try:
            load_map(path)
        except MapperError:
            continue
        found.append(path)
    return found


MAPS = kept_maps()


@cache
def findings_of(path: Path, names: str = "names") -> tuple[Partnership, list[Finding]]:
    partnership = load_map(path)
    if names != "names":
        partnership = hide(partnership, mask_of(partnership, names))  # type: ignore[arg-type]
    return partnership, diagnose(Analysis(partnership, today=TODAY)).findings


SNAKE = re.compile(r"\b[a-z]+_[a-z0-9_]*\b")
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
LONG_FLOAT = re.compile(r"\d\.\d{3,}")
PYTHON_WORDS = re.compile(r"\b(True|False|None)\b")
REPR = re.compile(r"[\[{]'|'[\]}]|\{\}")
SEED_FILE = re.compile(r"\b\d{3}_[0-9a-f]{16}\.txt\b")


def records(partnership: Partnership):
    for table in (
        partnership.person_by_id,
        partnership.organisation_by_id,
        partnership.meeting_by_id,
        partnership.outcome_by_id,
        partnership.locality_by_id,
    ):
        yield from table.values()


def problems(partnership: Partnership, rows: list[tuple[str, str]]) -> list[str]:
    """What in `rows` (label, value) is a code, not words. The names of the map's records are
    taken out first (a name may hold anything, an underscore or a date), then nothing of what
    is left may be an id: one that reads as a code (letters with '-', '_' or a digit) nowhere,
    one that differs from its name never as a whole value or one name of a list."""
    labels = sorted({r.label for r in records(partnership)}, key=len, reverse=True)
    code_like = {  # a number alone is not told from a count
        r.id
        for r in records(partnership)
        if r.id != r.label and re.search(r"[-_\d]", r.id) and re.search(r"[a-z]", r.id)
    }
    unnamed = {r.id for r in records(partnership) if r.id != r.label and not r.id.isdigit()}
    found = []
    for number, (fact, value) in enumerate(rows):
        if not value.strip():
            found.append(f"an empty value: {fact!r}")
        if value.strip().lower() in ("none", "n/a", "[]", "{}"):
            found.append(f"a value that says nothing: {fact!r}: {value!r}")
        if not fact and number == 0:
            found.append(f"a first line with no label: {value!r}")
        for text in (fact, value):
            rest = text
            for name in labels:
                rest = rest.replace(name, "\u2063")
            for pattern in (SNAKE, ISO_DATE, LONG_FLOAT, PYTHON_WORDS, REPR, SEED_FILE):
                if pattern.search(rest):
                    found.append(f"{pattern.pattern} in {text!r}")
            for ident in code_like:
                if re.search(rf"(?<![\w-]){re.escape(ident)}(?![\w-])", rest):
                    found.append(f"the id {ident!r} in {text!r}")
            parts = {p.strip() for p in re.split(r",|;| and ", text)} | {text.strip()}
            parts -= set(labels)
            if parts & unnamed:
                found.append(f"the ids {parts & unnamed} in {text!r}")
    return found


def rows_of(partnership: Partnership, finding: Finding, most: int | None = 20):
    return [(r["fact"], r["value"]) for r in evidence_rows(partnership, finding, most)]


@pytest.mark.parametrize("path", MAPS, ids=[p.name for p in MAPS])
def test_every_line_of_evidence_on_every_kept_map_is_in_words(path: Path):
    partnership, found = findings_of(path)
    assert found
    for finding in found:
        for most in (20, None):
            assert problems(partnership, rows_of(partnership, finding, most)) == [], finding


@cache
def catalogue() -> tuple[tuple[Partnership, list[Finding]], ...]:
    """The catalogue's small maps for the kinds no kept map shows (`tests/test_findings_
    catalogue.py`, `tests/test_findings_network.py`), each with the settings that find it."""
    from tests.test_findings_catalogue import everyone_at_the_table

    schools = {f"s{i}": "education" for i in (1, 2, 3)}
    orgs = schools | {"la": "local_authority", "nhs": "health", "vcs": "vcfs"}
    pupils = [f"{s}-p" for s in schools]
    silo = tiny_map(
        orgs,
        {o + "-p": (o, "practitioner") for o in orgs},
        {f"tas{i}": ("practitioner", pupils) for i in (1, 2, 3)}
        | {f"mixed{i}": ("practitioner", ["la-p", "nhs-p", "vcs-p"]) for i in (1, 2)}
        | {"bridge": ("practitioner", ["s1-p", "la-p"])},
    )
    maps = [
        (everyone_at_the_table(board={"reports_to": "ops"}, ops={"reports_to": "board"}), None),
        (
            everyone_at_the_table(
                board={"chairs": ["dcs"], "members": ["dn", "head", "parent"]},
                ops={"level": "strategic", "chairs": ["dcs"], "members": ["ops1", "ops2"]},
            ),
            Settings(chair_limit=2),
        ),
        (
            everyone_at_the_table(
                outcomes=[{"id": "orphan-1", "name": "Children ready for school"}],
                ops={"reports_to": "board", "members": []},
            ),
            None,
        ),
        (silo, None),
    ]
    return tuple((p, diagnose(Analysis(p, settings, today=TODAY)).findings) for p, settings in maps)


def test_every_line_of_evidence_on_the_catalogue_s_small_maps_is_in_words():
    for partnership, found in catalogue():
        for finding in found:
            assert problems(partnership, rows_of(partnership, finding)) == [], finding


def test_the_maps_above_show_every_kind_and_every_form():
    """The maps above are the evidence of the tests just before: between them they hold every
    kind and every form of wording, so a form that says codes would be seen."""
    kinds = {f.kind for path in MAPS for f in findings_of(path)[1]}
    kinds |= {f.kind for _, found in catalogue() for f in found}
    assert kinds == set(CHECKS), set(CHECKS) - kinds
    used = {
        shown.form
        for kind in kinds
        for shown in CHECKS[kind].wording.values()
        if isinstance(shown, Shown)
    }
    assert used == set(FORMS) == WORDED_FORMS


def test_the_county_with_names_hidden_says_posts_not_ids():
    for mode in ("posts", "initials"):
        partnership, found = findings_of(ROOT / "examples" / "county.yaml", mode)
        for finding in found:
            assert problems(partnership, rows_of(partnership, finding)) == [], finding


@settings(max_examples=40, deadline=None)
@given(partnerships())
def test_every_line_of_evidence_on_any_map_is_in_words(p: Partnership):
    for finding in diagnose(Analysis(p, today=TODAY)).findings:
        assert problems(p, rows_of(p, finding, None)) == [], finding


def test_the_check_sees_codes():
    """The test above fails on what it is for: an id, a key, a date, a float, a flag."""
    p = load_map(ROOT / "examples" / "small.yaml")
    person = p.people[0]
    assert problems(p, [("Deputy", person.label)]) == []
    for bad in (
        [("Deputy", person.id)],
        [("days_left", "3")],
        [("Leaves on", "2027-03-31")],
        [("Routes", "0.0848")],
        [("Post", "False")],
        [("Deputy", "none")],
        [("Links", "meetings: ['a']")],
        [("", "a line with no label")],
        [("Label {}", "x")],
    ):
        assert problems(p, bad), bad


# Findings made by hand: their exact lines, and the near-misses beside them


ORGS = {"la": "local_authority", "nhs": "health", "vcs": "vcfs"}
NAMES = {
    "la": {"name": "Northbridge Council"},
    "nhs": {"name": "Northbridge NHS Trust"},
    "vcs": {"name": "Northbridge CVS"},
}


def person(name: str, **more: object) -> dict[str, object]:
    return {"name": name, **more}


def leaving_chair(**dcs: object) -> Partnership:
    return tiny_map(
        ORGS,
        {
            "dcs-1": ("la", "strategic"),
            "dn-2": ("nhs", "strategic"),
            "ceo-3": ("vcs", "strategic"),
        },
        {"board-1": ("strategic", ["dcs-1", "dn-2", "ceo-3"])},
        **NAMES,
        **{
            "dcs-1": person("Dana Cole", leaving="2027-06-30", **dcs),
            "dn-2": person("Dr Nia Evans"),
            "ceo-3": person("Cal Obi"),
            "board-1": {"name": "Best Start Board"},
        },
    )


def found(partnership: Partnership, kind: str) -> list[Finding]:
    return [f for f in diagnose(partnership, today=TODAY).findings if f.kind == kind]


def test_a_leaving_chair_says_when_for_how_long_what_and_that_nobody_deputises():
    (departure,) = found(leaving_chair(roles=["single_accountable_leader"]), "planned_departure")
    assert rows_of(leaving_chair(), departure) == [
        ("Leaves on", "30 June 2027"),
        ("Time left", "220 days (about 7 months)"),
        ("Chairs", "Best Start Board"),
        ("Key roles", "single accountable leader"),
        ("Deputy", "none named"),
    ]
    # near-misses: a named deputy is named; no key role and not the only link say nothing
    (deputised,) = found(leaving_chair(deputy="dn-2"), "planned_departure")
    assert rows_of(leaving_chair(), deputised) == [
        ("Leaves on", "30 June 2027"),
        ("Time left", "220 days (about 7 months)"),
        ("Chairs", "Best Start Board"),
        ("Deputy", "Dr Nia Evans"),
    ]
    assert departure.evidence["leaving"] == "2027-06-30"  # the evidence itself keeps the date


def two_groups(**extra: object) -> Partnership:
    members = ["a-1", "b-2", "c-3", "d-4"]
    return tiny_map(
        ORGS,
        {
            p: (org, "operational")
            for p, org in zip([*members, "e-5"], "la nhs vcs la nhs".split(), strict=True)
        }
        | {"dcs-1": ("la", "strategic")},
        {
            "board-1": ("strategic", ["dcs-1", "a-1"]),
            "group-1": ("operational", [*members, "e-5"]),
            "group-2": ("operational", members),
        },
        **NAMES,
        **{p: person(f"Person {p[0].upper()}") for p in [*members, "e-5"]},
        **{
            "board-1": {"name": "Best Start Board"},
            "group-1": {"name": "Early Help Group", "reports_to": "board-1", **extra},
            "group-2": {"name": "Family Support Group", "reports_to": "board-1"},
        },
    )


def test_a_duplicate_pair_says_the_overlap_who_sits_where_and_the_hours_merging_frees():
    (pair,) = found(two_groups(), "duplicate_meetings")
    assert rows_of(two_groups(), pair) == [
        ("Members in common", "80%"),
        ("In both", "Person A, Person B, Person C and Person D"),
        ("Only in Early Help Group", "Person E"),
        ("Only in Family Support Group", "nobody"),
        ("Both report to", "Best Start Board"),
        # 5 x 12 + 4 x 12 hours now, 5 x 12 merged
        ("Members' time merging them would free", "48 hours a year"),
    ]
    # near-miss: reporting to different meetings, the row that says so is left out
    apart = two_groups(reports_to=[])
    (pair,) = found(apart, "duplicate_meetings")
    assert "Both report to" not in dict(rows_of(apart, pair))
    assert pair.evidence["hours_freed_per_year"] == 48.0


def broker() -> Partnership:
    """Sam, of the CVS, is the only route between the council and the trust."""
    return tiny_map(
        ORGS,
        {
            "ann-1": ("la", "operational"),
            "sam-2": ("vcs", "operational"),
            "bo-3": ("nhs", "operational"),
        },
        {},
        **NAMES,
        **{"ann-1": person("Ann Lee"), "sam-2": person("Sam Roy"), "bo-3": person("Bo Kim")},
        relationships=[
            {"from": "ann-1", "to": "sam-2", "kind": "informal"},
            {"from": "sam-2", "to": "bo-3", "kind": "informal"},
        ],
    )


def test_a_broker_says_the_share_of_routes_through_them_and_nothing_internal():
    people = [f for f in found(broker(), "connector") if f.evidence["is"] == "person"]
    assert [f.subjects for f in people] == [("sam-2",)]
    assert rows_of(broker(), people[0]) == [
        ("Routes between partners through them", "33%")
    ]  # of the three pairs of organisations, the council and the trust's runs through Sam
    # near-misses: a tie, a share under one in a hundred, an estimate from a sample
    made = Finding(
        "connector",
        "info",
        ("ann-1", "bo-3"),
        "T",
        {
            "rank": 2,
            "brokerage": 0.0042,
            "is": "person",
            "recognised": True,
            "tied": 2,
            "estimated_from": 1000,
            "organisations": 12345,
        },
        "R",
        (),
    )
    assert rows_of(broker(), made) == [
        ("Routes between partners through them", "under 1%"),
        ("Estimated from the routes of this many organisations", "1,000"),
        ("Organisations on the map", "12,345"),
    ]


def test_nested_evidence_reads_one_line_per_link_or_group():
    p = leaving_chair()
    links = Finding(
        "links_between_meetings",
        "info",
        ("dcs-1",),
        "T",
        {
            "people": ["dcs-1", "dn-2"],
            "links": [
                {"meetings": ["board-1", "board-1"], "people": ["dcs-1"], "line": "reports_to"},
                {"meetings": ["board-1", "board-1"], "people": ["dn-2"], "line": "informs"},
                {
                    "meetings": ["board-1", "board-1"],
                    "people": ["dcs-1", "dn-2"],
                    "line": "separate_structures",
                },
            ],
        },
        "R",
        (),
    )
    assert rows_of(p, links) == [
        ("People carrying the links", "Dana Cole and Dr Nia Evans"),
        ("Links", "Best Start Board reports to Best Start Board, through Dana Cole"),
        ("", "Best Start Board informs Best Start Board, through Dr Nia Evans"),
        (
            "",
            "Best Start Board and Best Start Board, of separate structures, through Dana Cole "
            "and Dr Nia Evans",
        ),
    ]
    cut = Finding(
        "critical_organisation",
        "high",
        ("la",),
        "T",
        {"cut_off": [["nhs", "vcs"], ["la"]], "still_connected": 3},
        "R",
        (),
    )
    assert rows_of(p, cut) == [
        ("Would be cut off", "Northbridge NHS Trust and Northbridge CVS"),
        ("", "Northbridge Council"),
        ("Organisations still connected", "3"),
    ]
    many = Finding(
        "chairs_many_meetings", "medium", ("dcs-1",), "T", {"meetings": ["board-1"] * 25}, "R", ()
    )
    assert rows_of(p, many)[0][1].endswith("Best Start Board and 5 more")
    assert rows_of(p, many, None)[0][1].count("Best Start Board") == 25


def test_names_holding_commas_are_listed_with_semicolons():
    assert in_a_sentence(["A", "B", "C"]) == "A, B and C"
    assert in_a_sentence(["Education, SEND", "B", "C"]) == "Education, SEND; B; and C"
    assert in_a_sentence(["Education, SEND", "B"]) == "Education, SEND and B"
    assert in_a_sentence(["A"]) == "A"
    assert in_a_sentence([str(i) for i in range(4)], most=2) == "0, 1 and 2 more"


# The declarations: every key of every kind worded, and none can ship without


def test_every_registered_kind_words_every_key_of_its_evidence():
    for kind, c in CHECKS.items():
        assert set(c.wording) == set(c.evidence.__annotations__), kind
        for shown in c.wording.values():
            assert isinstance(shown, Shown | Hidden), kind
            if isinstance(shown, Hidden):
                assert shown.why, kind


class _Unworded(TypedDict):
    leaving: str


class _Worded(TypedDict):
    leaving: Annotated[str, Shown("Leaves on", "date")]


def test_a_kind_whose_evidence_has_an_unworded_key_is_refused():
    with pytest.raises(ValueError, match="'leaving' needs one wording"):
        check("unworded", theme="links", severities=("low",), severity_rule="", evidence=_Unworded)
    assert "unworded" not in CHECKS
    check("worded", theme="links", severities=("low",), severity_rule="", evidence=_Worded)
    assert "worded" not in CHECKS  # declared, but registered only when it decorates a check
    with pytest.raises(ValueError, match="unknown form"):
        Shown("Leaves on", "iso")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="flag"):
        Shown("Post", "flag")


# The faces: the JSON keeps the evidence; the report and the page show it in words


def test_the_json_keeps_the_evidence_as_the_checks_gave_it(run_cli):
    code, out, _ = run_cli("check", str(ROOT / "examples" / "county.yaml"), "--format", "json")
    assert code in (0, 1)
    findings = json.loads(out)["findings"]
    (departure,) = [f for f in findings if f["kind"] == "planned_departure"]
    assert departure["evidence"]["leaving"] == "2027-08-31"
    assert set(departure["evidence"]) == set(CHECKS["planned_departure"].wording)
    connector = next(f for f in findings if f["kind"] == "connector")
    assert {"rank", "is", "recognised", "brokerage"} <= set(connector["evidence"])


def test_the_report_shows_the_evidence_in_words_and_no_seed_file():
    partnership = load_map(ROOT / "examples" / "county.yaml")
    page = report_html(build_report(partnership, today=TODAY))
    rows = [
        (html.unescape(re.sub(r"<[^>]+>", "", fact)), html.unescape(re.sub(r"<[^>]+>", "", value)))
        for fact, value in re.findall(r'<th scope="row">(.*?)</th><td>(.*?)</td>', page)
    ]
    assert ("Leaves on", "31 August 2027") in rows
    assert problems(partnership, rows) == []
    assert not SEED_FILE.search(page)
    assert not any(name in page for name in GUIDANCE_FILES.values())


def test_the_command_line_names_no_seed_file_and_no_kind_by_its_code(run_cli):
    path = str(ROOT / "examples" / "county.yaml")
    code, out, _ = run_cli("check", path)
    assert "Source: " in out
    assert not SEED_FILE.search(out)
    assert not any(name in out for name in GUIDANCE_FILES.values())
    # a kind with more findings than are listed is said in words: 45 heavy loads at 5 hours
    county = load_map(path)
    strict = county.settings.model_copy(update={"load_hours_per_month": 5})
    text = console.findings(diagnose(Analysis(county, strict, today=TODAY)).findings)
    assert "more findings of the kind heavy meeting load (" in text


def test_the_findings_page_shows_the_evidence_in_words_and_no_seed_file():
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "streamlit_app.py"), default_timeout=90)
    at.run()
    at.switch_page("pages/findings.py").run()
    severity = next(m for m in at.multiselect if m.label == "Severity")
    severity.set_value(["high", "medium", "low", "info"]).run()
    for kind in ("planned_departure", "links_between_meetings"):
        next(b for b in at.button if re.fullmatch(rf"gk{kind}_\w+_evidence", str(b.key))).click()
        at.run()
        assert not at.exception, at.exception
        (table,) = [d for d in at.dataframe if d.key != "plan_editor"]
        rows = list(table.value.itertuples(index=False, name=None))
        partnership = at.session_state["app"].shown
        assert problems(partnership, rows) == []
        if kind == "planned_departure":
            assert ("Leaves on", "31 August 2027") in rows
        else:  # every link, none cut short: the page shows one finding's evidence whole
            _, county = findings_of(ROOT / "examples" / "county.yaml")
            links = next(f for f in county if f.kind == kind).evidence["links"]
            assert len(rows) == 1 + len(links) > 1 + MOST_LINES
    said = " ".join(e.value for e in [*at.markdown, *at.caption])
    assert "Guidance: " in said
    assert not SEED_FILE.search(said)
