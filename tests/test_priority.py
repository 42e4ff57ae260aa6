"""A priority for every finding (1 = act first), from its severity and its reach."""

from __future__ import annotations

from mapper.analysis import Analysis
from mapper.diagnosis import diagnose
from mapper.findings.base import Detected
from mapper.findings.priority import Reach, prioritised, reach
from tests.conftest import EXAMPLES, tiny_map

ORGS = {"a": "health", "b": "police", "c": "vcfs", "d": "education"}
MAP = tiny_map(
    ORGS,
    {
        "a1": ("a", "strategic"),
        "b1": ("b", "strategic"),
        "c1": ("c", "operational"),
        "d1": ("d", "operational"),
        "parent": (None, "family"),
    },
    {
        "board": ("strategic", ["a1", "b1", "parent"]),
        "ops": ("operational", ["c1", "d1"]),
    },
    board={"duration_minutes": 120},
)


def test_what_a_finding_touches_follows_from_the_ids_it_names():
    analysis = Analysis(MAP)
    # A meeting brings its attendees and their organisations, and its hours a year.
    board = reach(analysis, Detected("k", "low", ("board",)))
    assert board == Reach(organisations=2, people=3, meeting_hours_a_year=12 * 2 * 3)
    # Ids in the evidence count; words that are no id do not.
    person = reach(analysis, Detected("k", "low", ("c1",), {"partners": ["d"], "level": "x"}))
    assert person == Reach(organisations=2, people=1, meeting_hours_a_year=0)
    # Naming nothing in particular is about the whole partnership.
    whole = reach(analysis, Detected("k", "low", (), {"role": "data_lead"}))
    assert (whole.organisations, whole.people) == (4, 5)


def test_severity_comes_first_then_reach_then_the_checks_order():
    analysis = Analysis(MAP)
    found = [
        Detected("small", "medium", ("c1",)),
        Detected("wide", "medium", ("board",)),
        Detected("severe", "high", ("d1",)),
        Detected("also-small", "medium", ("d1",)),
        Detected("aside", "info", ()),
    ]
    ranked = {d.kind: d.priority for d in prioritised(analysis, found)}
    assert ranked == {"severe": 1, "wide": 2, "small": 3, "also-small": 4, "aside": 5}


def test_every_finding_of_the_examples_has_its_own_priority_and_check_lists_the_first():
    from mapper import load_map

    diagnosis = diagnose(load_map(EXAMPLES / "county.yaml"))
    priorities = sorted(f.priority for f in diagnosis.findings)
    assert priorities == list(range(1, len(diagnosis.findings) + 1))
    first = diagnosis.first(10)
    assert [f.priority for f in first] == list(range(1, 11))
    assert all(f.severity == "high" for f in first[:7])  # the county's seven high ones lead
    assert all(f.to_dict()["priority"] == f.priority for f in diagnosis.findings)
