"""missing_statutory_link (issue 13): a family hubs board with no line up to the Health and
Wellbeing Board or the safeguarding partnership, pinned on tiny maps with the near misses."""

from __future__ import annotations

from mapper.analysis import Analysis
from mapper.diagnosis import diagnose
from mapper.findings.statutory import missing_statutory_links
from mapper.guidance import GUIDANCE
from mapper.model import Partnership
from tests.conftest import tiny_map

ORGS = {"la": "local_authority", "nhs": "health", "police": "police"}
PEOPLE = {
    "dcs": ("la", "strategic"),
    "dn": ("nhs", "strategic"),
    "cc": ("police", "strategic"),
    "lead": ("la", "operational"),
}
#: A family hubs board, a children's partnership between it and the HWB, the HWB and the
#: safeguarding partnership, all strategic.
MEETINGS = {
    "fh": ("strategic", ["dcs", "dn", "lead"]),
    "cp": ("strategic", ["dcs", "dn", "cc"]),
    "hwb": ("strategic", ["dn", "dcs"]),
    "scp": ("strategic", ["cc", "dcs", "dn"]),
}
MARKED = {
    "fh": {"board": "family_hubs"},
    "hwb": {"board": "health_and_wellbeing", "external": True},
    "scp": {"board": "safeguarding", "external": True},
}


def statutory(**extra) -> dict[str, tuple[str, dict]]:
    """Each finding as {board: (severity, evidence)}, on the four meetings above changed by
    `extra` (fields by meeting id; `meetings=` to replace the meetings; `type=`)."""
    meetings = extra.pop("meetings", MEETINGS)
    kind = extra.pop("type", None)
    fields = {m: {**MARKED.get(m, {}), **extra.get(m, {})} for m in meetings}
    m = tiny_map(ORGS, PEOPLE, meetings, version=2, **fields)
    if kind:
        m = Partnership.model_validate({**m.model_dump(by_alias=True), "type": kind})
    return {
        d.subjects[0]: (d.severity, dict(d.evidence)) for d in missing_statutory_links(Analysis(m))
    }


def test_a_board_reaching_both_bodies_has_no_finding_even_through_a_meeting_between():
    # fh reports to the children's partnership, which reports to the HWB; fh informs the
    # safeguarding partnership
    assert statutory(fh={"reports_to": ["cp"], "informs": ["scp"]}, cp={"reports_to": "hwb"}) == {}
    # informs counts at every step: fh informs cp, which informs both
    assert statutory(fh={"informs": ["cp"]}, cp={"informs": ["hwb", "scp"]}) == {}


def test_a_body_on_the_map_with_no_line_to_it_is_high():
    found = statutory(fh={"reports_to": ["cp"]}, cp={"reports_to": "hwb"})
    assert found == {
        "fh": (
            "high",
            {
                "missing": ["safeguarding"],
                "on_map": {"safeguarding": "scp"},
                "lines": ["hwb"],
            },
        )
    }
    # Near miss: a line only down, from the body to the board, is not a line up to it.
    found = statutory(fh={"reports_to": ["hwb"]}, scp={"informs": ["fh"]})
    assert found["fh"][1]["missing"] == ["safeguarding"]
    # Near miss: a meeting below the board that reports to the body gives the board no line.
    found = statutory(fh={"reports_to": ["hwb"]}, cp={"reports_to": ["fh", "scp"]})
    assert found["fh"][1]["missing"] == ["safeguarding"]


def test_both_missing_are_listed_sorted_and_the_board_reaching_nothing_is_found():
    assert statutory() == {
        "fh": (
            "high",
            {
                "missing": ["health_and_wellbeing", "safeguarding"],
                "on_map": {"health_and_wellbeing": "hwb", "safeguarding": "scp"},
                "lines": [],
            },
        )
    }


def test_a_body_not_on_the_map_is_medium_and_said_to_be_not_shown():
    # No safeguarding partnership on the map; the line to the HWB is there.
    no_scp = {m: v for m, v in MEETINGS.items() if m != "scp"}
    found = statutory(meetings=no_scp, fh={"reports_to": ["hwb"]})
    assert found == {
        "fh": (
            "medium",
            {"missing": ["safeguarding"], "on_map": {"safeguarding": None}, "lines": ["hwb"]},
        )
    }
    # A meeting named like one but not marked is not the body (the map does not say it is).
    found = statutory(meetings=MEETINGS, fh={"reports_to": ["hwb"]}, scp={"board": None})
    assert found["fh"][0] == "medium"
    fh_map = tiny_map(
        ORGS,
        PEOPLE,
        no_scp,
        version=2,
        fh={"board": "family_hubs", "reports_to": ["hwb"]},
        hwb={"board": "health_and_wellbeing", "external": True},
    )
    finding = next(f for f in diagnose(fh_map).findings if f.kind == "missing_statutory_link")
    assert "not shown on the map" in finding.title
    assert "absent" not in finding.title
    # One body on the map with no line, the other not shown at all: high.
    found = statutory(meetings=no_scp)
    assert found["fh"][0] == "high"
    assert found["fh"][1]["on_map"] == {"health_and_wellbeing": "hwb", "safeguarding": None}


def test_in_a_family_hubs_partnership_with_no_board_marked_its_top_is_the_board():
    only = {"fh": MEETINGS["fh"], "cp": MEETINGS["cp"], "csp": MEETINGS["cp"]}
    marked = {"fh": {"board": None}, "cp": {"reports_to": "fh"}}
    found = statutory(meetings=only, **marked, csp={"board": "community_planning"})
    assert set(found) == {"fh"}  # the top (cp reports to it)
    assert found["fh"][0] == "medium"
    # Near miss: a map that says of no meeting which body it is does not record them: it is
    # told so once, and no link is said to be missing.
    assert statutory(meetings=only, **marked) == {}
    # Near miss: another partnership type has no family hubs board unless one is marked.
    assert statutory(meetings=only, fh={"board": None}, type="community_planning") == {}
    # Near miss: a marked board is the board; the top is not taken as well.
    found = statutory(fh={"reports_to": ["hwb"]}, cp={"reports_to": "fh"})
    assert set(found) == {"fh"}


def test_a_type_other_map_has_none():
    assert statutory(type="other") == {}
    assert statutory(type="other", fh={"reports_to": ["cp"]}) == {}


def test_a_safeguarding_map_s_top_is_its_safeguarding_body():
    """A safeguarding partnership's map (after Worcestershire): its top is the safeguarding
    body, unmarked; its HWB is marked and external; the family hubs body is marked and reaches
    the HWB only, through the children's partnership."""
    meetings = {
        "scp": ("strategic", ["cc", "dcs", "dn"]),
        "scp-exec": ("strategic", ["cc", "dn"]),
        "hwb": ("strategic", ["dn", "dcs"]),
        "cp": ("strategic", ["dcs", "dn", "cc"]),
        "fh": ("operational", ["lead", "dn"]),
    }
    found = statutory(
        meetings=meetings,
        type="safeguarding",
        scp={"board": None, "external": False, "informs": ["hwb"]},
        **{"scp-exec": {"reports_to": "scp"}},
        cp={"reports_to": "hwb"},
        fh={"reports_to": ["cp"]},
    )
    assert found == {
        "fh": (
            "high",
            {"missing": ["safeguarding"], "on_map": {"safeguarding": "scp"}, "lines": ["hwb"]},
        )
    }
    # Near miss: the family hubs body reporting to the executive reaches the partnership too.
    found = statutory(
        meetings=meetings,
        type="safeguarding",
        scp={"board": None, "external": False},
        **{"scp-exec": {"reports_to": "scp"}},
        cp={"reports_to": "hwb"},
        fh={"reports_to": ["cp", "scp-exec"]},
    )
    assert found == {}
    # Near miss: in a family hubs map the same top is not a safeguarding body.
    found = statutory(
        meetings=meetings,
        scp={"board": None, "external": False},
        **{"scp-exec": {"reports_to": "scp"}},
        cp={"reports_to": "hwb"},
        fh={"reports_to": ["cp", "scp-exec"]},
    )
    assert found["fh"] == (
        "medium",
        {"missing": ["safeguarding"], "on_map": {"safeguarding": None}, "lines": ["hwb"]},
    )


def test_a_circle_of_lines_ends_and_the_board_is_not_its_own_body():
    found = statutory(fh={"reports_to": ["cp"]}, cp={"reports_to": "fh"})
    assert found["fh"][1]["lines"] == []
    assert found["fh"][1]["missing"] == ["health_and_wellbeing", "safeguarding"]


def test_every_family_hubs_board_is_judged_and_the_wording_names_the_bodies():
    meetings = {**MEETINGS, "fh2": ("strategic", ["dn", "cc"])}
    found = statutory(
        meetings=meetings,
        fh={"reports_to": ["hwb", "scp"]},
        fh2={"board": "family_hubs", "reports_to": ["hwb"]},
    )
    assert set(found) == {"fh2"}
    m = tiny_map(
        ORGS,
        PEOPLE,
        MEETINGS,
        version=2,
        fh={"board": "family_hubs", "name": "Family Hubs Board", "reports_to": ["hwb"]},
        hwb={
            "board": "health_and_wellbeing",
            "external": True,
            "name": "Health and Wellbeing Board",
        },
        scp={"board": "safeguarding", "external": True, "name": "Safeguarding Partnership"},
    )
    finding = next(f for f in diagnose(m).findings if f.kind == "missing_statutory_link")
    assert finding.title == (
        "No line from Family Hubs Board to Safeguarding Partnership is shown on the map"
    )
    assert "It already reaches Health and Wellbeing Board." in finding.recommendation
    assert finding.source == (GUIDANCE["leadership_roles"], GUIDANCE["succession"])
