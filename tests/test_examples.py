"""Every bundled example is valid, and the county example is the size the issue promised."""

from __future__ import annotations

import datetime as dt
import importlib.util
from pathlib import Path

import pytest

from mapper import load_map, summarise
from mapper.analysis import Analysis
from tests.conftest import EXAMPLES

MAPS = sorted(p for p in EXAMPLES.glob("*.yaml") if not p.name.endswith(".review.yaml"))


@pytest.mark.parametrize("path", MAPS, ids=lambda p: p.name)
def test_every_example_is_a_valid_map(path: Path):
    assert load_map(path).name


def test_the_small_example_is_short_enough_to_read_in_two_minutes():
    lines = (EXAMPLES / "small.yaml").read_text(encoding="utf-8").splitlines()
    assert len(lines) < 120
    counts = summarise(load_map(EXAMPLES / "small.yaml"))
    assert counts["people"] <= 12 and counts["meetings"] <= 6


def test_the_county_example_is_a_realistic_county():
    partnership = load_map(EXAMPLES / "county.yaml")
    counts = summarise(partnership)
    assert counts["organisations"] >= 40
    assert all(n > 0 for n in counts["organisations_by_sector"].values())
    assert counts["people"] >= 300
    assert counts["meetings"] >= 60
    assert all(n >= 10 for n in counts["meetings_by_level"].values())
    analysis = Analysis(partnership)
    assert analysis.top_of_structure == "best-start-board"
    assert analysis.boards["family_hubs"] == ("best-start-board",)
    statutory = {m.board: m for m in partnership.meetings if m.external}
    assert {"health_and_wellbeing", "safeguarding"} <= set(statutory)
    assert "Health and Wellbeing Board" in statutory["health_and_wellbeing"].name


def test_the_county_example_has_the_shapes_of_a_real_partnership():
    """Version 2 and what published structures have (docs/validation.md): services and a
    company within the council, commissioners, hub areas, seats, a vacant post, statutory
    boards outside the tree, and the cadences of real meetings."""
    p = load_map(EXAMPLES / "county.yaml")
    assert (p.version, p.type) == (2, "family_hubs")
    assert "\ntype: family_hubs\n" in (EXAMPLES / "county.yaml").read_text(encoding="utf-8")
    assert 3 <= len(p.localities) <= 4
    services = {o.id for o in p.organisations if o.part_of == "hcc"}
    assert {"hcc-social-care", "hcc-family-hubs", "hcc-public-health", "hcc-education"} <= services
    assert "hcc-adult-social-care" in services and "active-harrowdale" in services  # a company
    commissioning = {(r.source, r.target) for r in p.relationships if r.kind == "commissioning"}
    assert ("hcc-public-health", "community-trust") in commissioning  # the 0-19 service
    assert {("hcc-family-hubs", "homestart"), ("hcc-family-hubs", "brightpath")} <= commissioning
    located = {o.locality for o in p.organisations} | {m.locality for m in p.meetings}
    assert {loc.id for loc in p.localities} <= located
    assert any(o.strategic_only for o in p.organisations)
    seats = [x for x in p.people if x.name is None and not x.vacant]
    assert "police-representative" in {x.id for x in seats} and all(x.title for x in seats)
    vacant = [x.id for x in p.people if x.vacant]
    assert vacant and any(set(vacant) & m.attendees for m in p.meetings)
    meetings = p.meeting_by_id
    assert any(m.membership == "partial" for m in p.meetings)
    assert any(m.informs for m in p.meetings) and any(len(m.reports_to) > 1 for m in p.meetings)
    assert any(m.chair_rotates and not m.chairs for m in p.meetings)
    assert any(m.frequency == "once" for m in p.meetings)
    assert any(m.starts and m.ends and m.frequency != "once" for m in p.meetings)
    assert meetings["best-start-board"].board == "family_hubs"


def test_the_county_file_is_what_its_builder_writes():
    spec = importlib.util.spec_from_file_location("build_county", EXAMPLES / "build_county.py")
    assert spec and spec.loader
    builder = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(builder)
    committed = (EXAMPLES / "county.yaml").read_text(encoding="utf-8")
    assert builder.county_yaml() == committed, "run: python examples/build_county.py"


#: The date the county's review was written: its departures are counted from it.
REVIEWED = dt.date(2026, 12, 1)


def county_diagnosis():
    from mapper.diagnosis import diagnose

    return diagnose(load_map(EXAMPLES / "county.yaml"), today=REVIEWED)


def test_the_county_s_first_ten_findings_are_what_its_reviewer_puts_first():
    """The ten findings to act on first (by priority) are the ten the review lists first: the
    planted problems a reviewer of a family hubs partnership would raise before any other."""
    from tests.review import read_review

    review = read_review(EXAMPLES / "county.review.yaml")
    first = county_diagnosis().first(10)
    reviewer_first = review.expects[:10]
    assert all(any(e.matches(f) for f in first) for e in reviewer_first)
    assert all(any(e.matches(f) for e in reviewer_first) for f in first)
    assert {(f.kind, tuple(f.subjects[:3])) for f in first} == {
        ("planned_departure", ("margaret-osei",)),
        ("missing_statutory_link", ("best-start-board",)),
        ("vacancy", ("millford-hub-manager",)),
        (
            "reporting_line_rests_on_one_person",
            ("riverside-llt", "best-start-board", "carys-lloyd"),
        ),
        ("no_family_voice", ("best-start-board", "early-years-strategic", "start-for-life-board")),
        ("missing_operational_link", ("police",)),
        ("missing_operational_link", ("acute-trust",)),
        ("single_point_of_failure", ("sian-pritchard",)),
        ("critical_organisation", ("cvs",)),
        ("duplicate_meetings", ("early-help-partnership", "family-support-steering")),
    }


def test_no_kind_gives_more_than_ten_findings_on_the_county():
    """Each planted problem is one finding or a few, and the rest is healthy: no kind lists
    more than ten items, the connectors included (the five people and five organisations who
    broker most, those tied at a rank one item, `mapper.findings.connectors`)."""
    from collections import Counter

    counts = Counter(f.kind for f in county_diagnosis().findings)
    assert max(counts.values()) <= 10, counts


def test_the_county_s_diagnosis_is_what_its_reviewer_signs():
    """As for the published structures (tests/test_review.py): at least 80% of the findings
    shown are ones the reviewer expects, no high one is one they would not sign, and nothing
    they expect is missed."""
    from tests.review import judge, read_review

    verdicts = judge(county_diagnosis().findings, read_review(EXAMPLES / "county.review.yaml"))
    assert verdicts.precision is not None and verdicts.precision >= 0.8, verdicts.false
    assert verdicts.high_false == ()
    assert [(e.kind, sorted(e.subjects)) for e in verdicts.missed] == []
