"""reporting_line_rests_on_one_person (issue 13): a `reports_to` link between two meetings in
which exactly one person sits in both, pinned on maps small enough to check by eye, each with
the near misses that must not be found, and held to a brute-force count on any map."""

from __future__ import annotations

import datetime as dt

from hypothesis import given

from mapper import Partnership
from mapper.analysis import Analysis
from mapper.diagnosis import diagnose
from mapper.findings import Settings
from mapper.findings.reporting_lines import reporting_lines_on_one_person
from mapper.guidance import GUIDANCE
from tests.conftest import tiny_map
from tests.strategies import partnerships

KIND = "reporting_line_rests_on_one_person"
TODAY = dt.date(2026, 11, 22)
ORGS = {"la": "local_authority", "nhs": "health", "vcs": "vcfs"}
PEOPLE = {
    "dcs": ("la", "strategic"),
    "dn": ("nhs", "strategic"),
    "lead": ("la", "operational"),
    "hv": ("nhs", "operational"),
    "vol": ("vcs", "operational"),
    "dep": ("la", "operational"),
    "hwb-chair": ("la", "strategic"),
}


def board_and_group(**extra):
    """A board, and a locality group that reports to it whose chair (lead) alone sits on it;
    an external Health and Wellbeing Board nobody of the group sits on."""
    meetings = {
        "board": ("strategic", ["dcs", "dn", "lead"]),
        "group": ("operational", ["lead", "hv", "vol"]),
        "hwb": ("strategic", ["hwb-chair", "dcs", "dn"]),
    }
    extra.setdefault("group", {"reports_to": "board"})
    extra.setdefault("hwb", {"external": True})
    return tiny_map(ORGS, PEOPLE, meetings, version=2, **extra)


def found(m, settings=None, today=TODAY):
    """Each finding of the kind, by subjects: (severity, evidence)."""
    analysis = Analysis(m, settings, today)
    return {
        d.subjects: (d.severity, dict(d.evidence)) for d in reporting_lines_on_one_person(analysis)
    }


def severities(m, **kwargs):
    return {s: severity for s, (severity, _) in found(m, **kwargs).items()}


def with_group(**fields):
    return board_and_group(group={"reports_to": "board", **fields})


def test_a_line_through_one_person_with_no_deputy_is_high_with_its_evidence():
    assert found(board_and_group()) == {
        ("group", "board", "lead"): (
            "high",
            {
                "lower": "group",
                "upper": "board",
                "person": "lead",
                "seat_below": "chair",
                "seat_above": "member",
                "deputy": None,
                "leaving": None,
                "vacant": False,
                "recorded_in_part": False,
            },
        )
    }


def test_two_people_in_both_or_nobody_in_both_is_not_this_finding():
    two = with_group(members=["hv", "vol", "dn"])  # dn sits in both as well
    assert found(two) == {}
    nobody = board_and_group(board={"members": ["dn"]})
    assert found(nobody) == {}
    no_line = board_and_group(group={})
    assert found(no_line) == {}


def test_a_named_deputy_makes_it_medium_unless_the_deputy_is_a_vacant_post():
    named = board_and_group(lead={"deputy": "dep"})
    assert found(named)[("group", "board", "lead")][0] == "medium"
    assert found(named)[("group", "board", "lead")][1]["deputy"] == "dep"
    empty_deputy = board_and_group(lead={"deputy": "dep"}, dep={"vacant": True})
    assert found(empty_deputy)[("group", "board", "lead")][1]["deputy"] is None
    assert severities(empty_deputy) == {("group", "board", "lead"): "high"}


def test_a_chair_with_a_vice_chair_or_co_chair_below_is_medium():
    vice = with_group(vice_chair="vol", members=["hv"])
    assert found(vice)[("group", "board", "lead")][:1] == ("medium",)
    assert found(vice)[("group", "board", "lead")][1]["deputy"] == "vol"
    co_chair = with_group(chairs=["lead", "hv"], members=["vol"])
    assert found(co_chair)[("group", "board", "lead")][1]["deputy"] == "hv"
    assert severities(co_chair) == {("group", "board", "lead"): "medium"}
    # the named deputy comes first, then the vice chair, then the co-chair
    both = board_and_group(
        group={"reports_to": "board", "chairs": ["lead", "hv"], "vice_chair": "vol"},
        lead={"deputy": "dep"},
    )
    assert found(both)[("group", "board", "lead")][1]["deputy"] == "dep"
    # Near misses: a vice chair deputises for the chair, not for a member who sits above;
    # and a vacant vice chair deputises for no one.
    member = with_group(chairs=["hv"], vice_chair="vol", members=["lead"])
    assert found(member)[("group", "board", "lead")][1]["seat_below"] == "member"
    assert severities(member) == {("group", "board", "lead"): "high"}
    vacant_vice = board_and_group(
        group={"reports_to": "board", "vice_chair": "vol", "members": ["hv"]},
        vol={"vacant": True},
    )
    assert severities(vacant_vice) == {("group", "board", "lead"): "high"}


def test_a_vacant_post_in_both_is_high_even_with_a_deputy():
    vacant = board_and_group(lead={"vacant": True, "deputy": "dep"})
    severity, evidence = found(vacant)[("group", "board", "lead")]
    assert severity == "high" and evidence["vacant"] is True and evidence["deputy"] == "dep"


def test_leaving_within_the_window_is_high_later_is_not():
    soon = board_and_group(lead={"deputy": "dep", "leaving": "2027-06-30"})
    severity, evidence = found(soon)[("group", "board", "lead")]
    assert severity == "high" and evidence["leaving"] == "2027-06-30"
    later = board_and_group(lead={"deputy": "dep", "leaving": "2028-06-30"})
    assert severities(later) == {("group", "board", "lead"): "medium"}
    assert found(later)[("group", "board", "lead")][1]["leaving"] == "2028-06-30"
    wider = Settings(departure_window_days=730)
    assert severities(later, settings=wider) == {("group", "board", "lead"): "high"}
    gone = board_and_group(lead={"deputy": "dep", "leaving": "2026-01-31"})  # already past
    assert severities(gone) == {("group", "board", "lead"): "high"}


def test_a_one_off_or_ended_meeting_at_either_end_carries_no_line():
    assert found(with_group(frequency="once")) == {}
    assert found(board_and_group(board={"frequency": "once"})) == {}
    assert found(with_group(starts="2025-01-01", ends="2026-06-30")) == {}
    assert found(board_and_group(board={"ends": "2026-11-21"})) == {}
    # near misses: still held today, or ended later than today
    assert severities(with_group(ends="2026-11-22")) == {("group", "board", "lead"): "high"}
    assert severities(with_group(frequency="ad_hoc")) == {("group", "board", "lead"): "high"}


def test_a_meeting_reporting_to_several_gives_one_finding_per_line():
    hwb = {"external": True, "members": ["dcs", "lead"]}
    two = board_and_group(group={"reports_to": ["board", "hwb"]}, hwb=hwb)
    assert severities(two) == {
        ("group", "board", "lead"): "high",
        ("group", "hwb", "lead"): "high",  # an external board's line counts
    }
    # near miss: a second person of the group on the HWB; that line does not rest on one
    crowded = board_and_group(
        group={"reports_to": ["board", "hwb"]},
        hwb={"external": True, "members": ["dcs", "lead", "vol"]},
    )
    assert set(found(crowded)) == {("group", "board", "lead")}


def test_only_lines_from_the_partnership_s_own_meetings_are_read():
    assert found(with_group(external=True)) == {}  # an external board's own reporting
    # A membership recorded in part still shows the route the report takes; the finding says
    # the person is the only one recorded in both.
    ((_, evidence),) = found(with_group(membership="partial")).values()
    assert evidence["recorded_in_part"]
    ((_, evidence),) = found(board_and_group(board={"membership": "partial"})).values()
    assert evidence["recorded_in_part"]
    (title,) = [
        f.title
        for f in diagnose(with_group(membership="partial"), today=TODAY).findings
        if f.kind == "reporting_line_rests_on_one_person"
    ]
    assert title.endswith("(of the members recorded)")
    assert severities(with_group(membership="complete")) == {("group", "board", "lead"): "high"}
    # a meeting reporting to itself has everyone in both: a cycle, not this finding
    selfish = tiny_map(
        ORGS, PEOPLE, {"solo": ("operational", ["lead"])}, version=2, solo={"reports_to": "solo"}
    )
    assert found(selfish) == {}


def test_the_finding_in_words():
    (line,) = [
        f
        for f in diagnose(
            board_and_group(group={"reports_to": "board", "vice_chair": "vol"}), today=TODAY
        ).findings
        if f.kind == KIND
    ]
    assert line.subjects == ("group", "board", "lead")
    assert line.title == "group reaches board, which it reports to, only through lead (la)"
    assert line.recommendation.startswith(
        "Confirm that vol (its vice chair) would carry the report up when lead cannot"
    )
    assert line.source == (GUIDANCE["succession"], GUIDANCE["whole_system"])
    vacant = diagnose(board_and_group(lead={"vacant": True}), today=TODAY).findings
    (line,) = [f for f in vacant if f.kind == KIND]
    assert line.title.endswith("only through lead (la), a post that is vacant")
    assert line.recommendation.startswith("Nobody carries the report up to board")
    leaving = diagnose(board_and_group(lead={"leaving": "2027-06-30"}), today=TODAY).findings
    (line,) = [f for f in leaving if f.kind == KIND]
    assert line.title.endswith("who is due to leave on 30 June 2027")
    assert "Name a deputy for lead who could carry the report up before 30 June 2027" in (
        line.recommendation
    )


# --- against brute force ----------------------------------------------------------------

ORACLE_TODAY = dt.date(2030, 6, 1)  # inside the strategies' dates, so both sides are drawn


def by_hand(p: Partnership, today: dt.date) -> dict[tuple[str, str, str], str]:
    """Every line resting on one person, and its severity, straight from the definition."""
    people = {x.id: x for x in p.people}
    meetings = {m.id: m for m in p.meetings}
    window = p.settings.departure_window_days

    def sits(m) -> set[str]:
        return set(m.chairs) | set(m.members) | ({m.vice_chair} if m.vice_chair else set())

    def standing(m) -> bool:
        return m.frequency != "once" and not (m.ends is not None and m.ends < today)

    lines = {}
    for low in p.meetings:
        if low.external or not standing(low):
            continue
        for up_id in low.reports_to:
            up = meetings[up_id]
            if up_id == low.id or not standing(up):
                continue
            both = sits(low) & sits(up)
            if len(both) != 1:
                continue
            who = people[next(iter(both))]
            deputies = [who.deputy]
            if who.id in low.chairs:
                deputies += [low.vice_chair] + [c for c in low.chairs if c != who.id]
            has_deputy = any(d is not None and not people[d].vacant for d in deputies)
            leaving = who.leaving is not None and (who.leaving - today).days <= window
            high = who.vacant or leaving or not has_deputy
            lines[(low.id, up.id, who.id)] = "high" if high else "medium"
    return lines


@given(partnerships())
def test_the_lines_found_are_exactly_those_of_the_definition(p: Partnership):
    assert severities(p, today=ORACLE_TODAY) == by_hand(p, ORACLE_TODAY)
