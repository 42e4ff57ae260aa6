"""The stakeholder map: each record's quarter of the grid, and the three findings that read
influence, interest and stance, each on a tiny map with the near miss that must not fire."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given, settings

from mapper import Partnership, load_map, parse_map
from mapper.analysis import Analysis
from mapper.diagnosis import diagnose
from mapper.findings import detect
from mapper.model import STAKEHOLDER_FIELDS
from mapper.stakeholders import QUARTERS, quarter, stakeholders
from tests.conftest import EXAMPLES, tiny_map
from tests.strategies import partnerships
from tests.test_registry import assert_well_formed

TODAY = dt.date(2026, 11, 22)
KINDS = ("influential_not_at_table", "unconnected_sceptic", "champion_single_point")
ORGS = {"la": "local_authority", "nhs": "health", "vcs": "vcfs", "police": "police"}


def found(partnership: Partnership, kind: str, settings=None) -> dict[tuple[str, ...], str]:
    """The subjects of each finding of `kind`, with its severity."""
    findings = diagnose(partnership, settings, today=TODAY).findings
    return {f.subjects: f.severity for f in findings if f.kind == kind}


def only(partnership: Partnership, kind: str):
    (finding,) = [f for f in diagnose(partnership, today=TODAY).findings if f.kind == kind]
    return finding


def board_and_ops(**extra):
    """A council, a trust and a charity at a board; their managers in an operational group;
    a police force whose inspector sits nowhere, unless `extra` seats them."""
    people = {
        "dcs": ("la", "strategic"),
        "dn": ("nhs", "strategic"),
        "ceo": ("vcs", "strategic"),
        "ops1": ("la", "operational"),
        "ops2": ("nhs", "operational"),
        "inspector": ("police", "operational"),
    }
    meetings = {
        "board": ("strategic", ["dcs", "dn", "ceo"]),
        "ops": ("operational", ["ops1", "ops2"]),
    }
    return tiny_map(ORGS, people, meetings, version=2, **extra)


# --- the grid --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "influence, interest, expected",
    [
        ("high", "high", "manage_closely"),
        ("high", "medium", "keep_satisfied"),
        ("high", "low", "keep_satisfied"),
        ("medium", "high", "keep_informed"),
        ("low", "high", "keep_informed"),
        ("medium", "medium", "monitor"),
        ("low", "medium", "monitor"),
        ("medium", "low", "monitor"),
        ("low", "low", "monitor"),
        ("high", None, None),
        (None, "high", None),
    ],
)
def test_medium_falls_below_the_line_on_both_axes(influence, interest, expected):
    assert quarter(influence, interest) == expected
    assert expected is None or expected in QUARTERS


def test_the_stakeholders_are_the_records_that_record_a_field_organisations_first():
    m = board_and_ops(
        ops1={"stance": "neutral"},
        police={"influence": "high", "interest": "low"},
        la={"interest": "high"},
    )
    listed = [(s.record, s.id, s.quarter) for s in stakeholders(m)]
    assert listed == [
        ("organisation", "la", None),  # interest alone: not on the grid
        ("organisation", "police", "keep_satisfied"),
        ("person", "ops1", None),
    ]
    assert Analysis(m).stakeholders == stakeholders(m)
    assert stakeholders(board_and_ops()) == ()


# --- none of them without the fields ----------------------------------------------------------


def test_no_stakeholder_finding_on_the_examples_which_record_no_stakeholder_fields():
    for name in ("small.yaml", "county.yaml"):
        findings = diagnose(load_map(EXAMPLES / name), today=TODAY).findings
        assert not [f for f in findings if f.kind in KINDS], name


def without_stakeholder_fields(p: Partnership) -> Partnership:
    blank = dict.fromkeys(STAKEHOLDER_FIELDS)
    return p.with_sections(
        organisations=[o.model_copy(update=blank) for o in p.organisations],
        people=[q.model_copy(update=blank) for q in p.people],
    )


@settings(max_examples=60, deadline=None)
@given(partnerships())
def test_on_any_map_they_fire_only_on_what_is_recorded(p: Partnership):
    findings = diagnose(p, today=TODAY).findings
    recorded = {s.id: s for s in stakeholders(p)}
    for f in findings:
        if f.kind in KINDS:
            s = recorded[f.subjects[0]]
            assert s.influence == "high" or f.kind == "champion_single_point"
            assert s.stance == "sceptic" or f.kind != "unconnected_sceptic"
            assert s.stance == "champion" or f.kind != "champion_single_point"
    assert_well_formed(tuple(d for d in detect(Analysis(p)).detected if d.kind in KINDS))
    bare = diagnose(without_stakeholder_fields(p), today=TODAY).findings
    assert not [f for f in bare if f.kind in KINDS]


# --- influential_not_at_table ----------------------------------------------------------------


def test_an_influential_organisation_with_no_seat_at_the_table_is_found():
    m = board_and_ops(police={"influence": "high", "stance": "neutral"})
    assert found(m, "influential_not_at_table") == {("police",): "medium"}
    f = only(m, "influential_not_at_table")
    assert dict(f.evidence) == {
        "interest": None,
        "stance": "neutral",
        "strategic_tables": ["board"],
        "represented_at": [],
    }
    assert f.title == "police has high influence but sits at no strategic table"
    # near misses: not high, or at the table
    assert found(board_and_ops(police={"influence": "medium"}), "influential_not_at_table") == {}
    seated = board_and_ops(
        police={"influence": "high"}, board={"members": ["dn", "ceo", "inspector"]}
    )
    assert found(seated, "influential_not_at_table") == {}


def test_keep_satisfied_is_low_and_manage_closely_is_medium():
    low = board_and_ops(police={"influence": "high", "interest": "medium"})
    assert found(low, "influential_not_at_table") == {("police",): "low"}
    assert "briefing" in only(low, "influential_not_at_table").recommendation
    close = board_and_ops(police={"influence": "high", "interest": "high"})
    assert found(close, "influential_not_at_table") == {("police",): "medium"}
    assert "Invite police to board" in only(close, "influential_not_at_table").recommendation


def test_a_person_sits_where_they_attend_and_their_organisation_is_said_to_be_there():
    m = board_and_ops(ops1={"influence": "high"}, dcs={"influence": "high"})
    assert found(m, "influential_not_at_table") == {("ops1",): "medium"}  # dcs is at the board
    f = only(m, "influential_not_at_table")
    assert f.evidence["represented_at"] == ["board"]  # the council, through dcs
    assert "their organisation sits at board through others" in f.title


def test_only_the_partnership_s_own_tables_held_often_enough_count():
    # The police sit only at an external board: still at no table of the partnership.
    external = board_and_ops(
        police={"influence": "high"},
        board={"members": ["dn", "ceo"]},
        ops={"members": ["ops2"]},
    )
    hwb = external.with_sections(
        meetings=[
            *external.meetings,
            {
                "id": "hwb",
                "level": "strategic",
                "frequency": "quarterly",
                "chairs": ["inspector"],
                "members": ["dcs"],
                "external": True,
            },
        ]
    )
    assert found(hwb, "influential_not_at_table") == {("police",): "medium"}
    # A map whose only strategic meeting is a two-yearly assembly has no table: nothing said.
    rare = board_and_ops(police={"influence": "high"}, board={"frequency": 0.5})
    assert found(rare, "influential_not_at_table") == {}
    lower = Analysis(rare).settings.with_changes({"strategic_table_min_per_year": 0.5})
    assert found(rare, "influential_not_at_table", lower) == {("police",): "medium"}


def test_a_council_sits_where_its_service_does_but_not_a_service_where_its_council_does():
    orgs = {**ORGS, "early-help": "local_authority"}
    people = {
        "dcs": ("la", "strategic"),
        "dn": ("nhs", "strategic"),
        "eh-lead": ("early-help", "operational"),
    }
    meetings = {"board": ("strategic", ["dn", "eh-lead"])}
    m = tiny_map(
        orgs,
        people,
        meetings,
        version=2,
        **{"early-help": {"part_of": "la"}, "la": {"influence": "high"}},
    )
    assert found(m, "influential_not_at_table") == {}  # the council, through its service
    flipped = tiny_map(
        orgs,
        people,
        {"board": ("strategic", ["dn", "dcs"])},
        version=2,
        **{"early-help": {"part_of": "la", "influence": "high"}},
    )
    assert found(flipped, "influential_not_at_table") == {("early-help",): "medium"}
    f = only(flipped, "influential_not_at_table")
    assert f.evidence["represented_at"] == ["board"]
    assert "the organisation it is part of sits at board" in f.title


def test_a_vacant_post_is_left_to_the_vacancy_finding():
    m = board_and_ops(inspector={"influence": "high", "vacant": True, "title": "Chief constable"})
    assert found(m, "influential_not_at_table") == {}
    assert found(m, "unconnected_sceptic") == {}


# --- unconnected_sceptic -----------------------------------------------------------------------


def test_an_influential_sceptic_nobody_meets_is_found():
    m = board_and_ops(police={"influence": "high", "stance": "sceptic", "interest": "low"})
    assert found(m, "unconnected_sceptic") == {("police",): "high"}
    f = only(m, "unconnected_sceptic")
    assert dict(f.evidence) == {"interest": "low", "meetings": []}
    assert f.title.startswith("police is a sceptic with high influence")
    # near misses: not high, not a sceptic
    for near in (
        {"influence": "medium", "stance": "sceptic"},
        {"influence": "high", "stance": "neutral"},
    ):
        assert found(board_and_ops(police=near), "unconnected_sceptic") == {}


def test_a_shared_meeting_or_a_relationship_with_another_organisation_is_a_tie():
    sceptic = {"influence": "high", "stance": "sceptic"}
    met = board_and_ops(police=sceptic, ops={"members": ["ops2", "inspector"]})
    assert found(met, "unconnected_sceptic") == {}
    tied = board_and_ops(
        police=sceptic, relationships=[{"from": "police", "to": "la", "kind": "informal"}]
    )
    assert found(tied, "unconnected_sceptic") == {}
    through_a_person = board_and_ops(
        police=sceptic, relationships=[{"from": "inspector", "to": "dcs", "kind": "informal"}]
    )
    assert found(through_a_person, "unconnected_sceptic") == {}


def test_meeting_only_colleagues_is_no_tie_to_the_partnership():
    people = {
        "dcs": ("la", "strategic"),
        "dn": ("nhs", "strategic"),
        "chief": ("police", "strategic"),
        "inspector": ("police", "operational"),
    }
    meetings = {
        "board": ("strategic", ["dcs", "dn"]),
        "command": ("operational", ["chief", "inspector"]),
    }
    m = tiny_map(
        ORGS,
        people,
        meetings,
        version=2,
        chief={"influence": "high", "stance": "sceptic"},
        relationships=[{"from": "chief", "to": "police", "kind": "informal"}],  # their own force
    )
    assert found(m, "unconnected_sceptic") == {("chief",): "high"}
    assert only(m, "unconnected_sceptic").evidence["meetings"] == ["command"]
    with_a_parent = tiny_map(
        {**ORGS, "forum": "families"},
        {**people, "parent": (None, "family")},
        {**meetings, "command": ("operational", ["chief", "inspector", "parent"])},
        version=2,
        chief={"influence": "high", "stance": "sceptic"},
    )
    assert found(with_a_parent, "unconnected_sceptic") == {}  # a family member is another


# --- champion_single_point -----------------------------------------------------------------------


def bridge(**extra):
    """The trust's director is the council's only way to the charity and the school: a
    single point of failure, and the trust a critical organisation."""
    people = {
        "dcs": ("la", "strategic"),
        "dn": ("nhs", "strategic"),
        "ceo": ("vcs", "strategic"),
        "head": ("school", "strategic"),
    }
    meetings = {
        "board": ("strategic", ["dcs", "dn"]),
        "forum": ("strategic", ["dn", "ceo", "head"]),
    }
    return tiny_map({**ORGS, "school": "education"}, people, meetings, version=2, **extra)


def test_a_champion_who_is_a_single_point_of_failure_is_found():
    m = bridge(dn={"stance": "champion"})
    assert found(m, "champion_single_point") == {("dn",): "high"}
    f = only(m, "champion_single_point")
    spof = only(m, "single_point_of_failure")  # which still stands beside it
    assert f.evidence == spof.evidence
    assert f.title == (
        "dn (nhs), a champion of the change, is the only link from la to the rest of the "
        "partnership"
    )
    assert found(bridge(dn={"stance": "supporter"}), "champion_single_point") == {}  # near miss
    linked = bridge(dn={"stance": "champion"}, board={"members": ["dn", "ceo"]})
    assert found(linked, "champion_single_point") == {}  # not the only link


def test_a_champion_with_a_deputy_is_medium_unless_leaving():
    deputy = {"stance": "champion", "deputy": "dcs"}
    assert found(bridge(dn=deputy), "champion_single_point") == {("dn",): "medium"}
    leaving = bridge(dn={**deputy, "leaving": "2027-03-31"})
    assert found(leaving, "champion_single_point") == {("dn",): "high"}
    words = only(leaving, "champion_single_point").recommendation
    assert "Involve dcs, the named deputy" in words and "31 March 2027" in words


def test_a_champion_organisation_the_others_depend_on_is_found():
    m = bridge(nhs={"stance": "champion"}, la={"stance": "champion"})
    assert found(m, "champion_single_point") == {("nhs",): "high"}  # the council cuts no one off
    assert dict(only(m, "champion_single_point").evidence) == {
        "cut_off": [["la"]],
        "still_connected": 2,
        "deputy": None,
        "leaving": None,
    }


def test_the_format_doc_s_stakeholder_example_finds_what_it_says():
    from tests.test_docs import code_blocks

    doc = (EXAMPLES.parent / "docs" / "format.md").read_text(encoding="utf-8")
    (block,) = [b for b in code_blocks(doc, "yaml") if "stance: sceptic" in b]
    example = parse_map(block)
    assert [s.quarter for s in stakeholders(example)] == [
        "manage_closely",
        "keep_satisfied",
        "keep_informed",
        "manage_closely",
    ]
    assert {k: found(example, k) for k in KINDS} == {
        "influential_not_at_table": {("police",): "low"},
        "unconnected_sceptic": {("police",): "high"},
        "champion_single_point": {},
    }


def test_a_champion_organisation_is_not_named_again_beside_its_own_champion():
    both = bridge(nhs={"stance": "champion"}, dn={"stance": "champion"})
    assert found(both, "champion_single_point") == {("dn",): "high"}
    # its champion elsewhere, not the one who links: the organisation is named
    other = bridge(nhs={"stance": "champion"}, dcs={"stance": "champion"})
    assert found(other, "champion_single_point") == {("nhs",): "high"}


def test_the_test_map_finds_what_its_header_plants():
    eastmere = load_map(Path(__file__).parent / "data" / "stakeholders.yaml")
    assert {k: found(eastmere, k) for k in KINDS} == {
        "influential_not_at_table": {("police",): "low", ("leader",): "medium"},
        "unconnected_sceptic": {("police",): "high"},
        "champion_single_point": {("vcs-ceo",): "high"},  # not Eastmere Voluntary Action again
    }
