"""A review over time (mapper.review, mapper.headlines): the problems resolved, new, still open
and set aside since the last snapshot, and the headline figures of every snapshot."""

from __future__ import annotations

import datetime as dt

import pytest

from mapper import Partnership, load_map
from mapper.changes import renamed_ids
from mapper.decisions import decide, undecide
from mapper.diagnosis import diagnose
from mapper.headlines import FIGURES, Headlines, headlines
from mapper.review import Snapshot, review, review_maps
from tests.conftest import EXAMPLES, tiny_map

TODAY = dt.date(2026, 1, 1)
ORGS = {"nbc": "local_authority", "trust": "health", "school": "education"}
PEOPLE = {
    "amara": ("nbc", "strategic"),
    "ben": ("trust", "strategic"),
    "cara": ("school", "strategic"),
    "dev": ("nbc", "operational"),
    "eve": ("trust", "operational"),
    "fay": ("school", "operational"),
    "post": ("school", "operational"),
    "post2": ("trust", "operational"),
}


def last_review() -> Partnership:
    """Two vacant seats on the operations group (a medium vacancy each), and a board with
    no co-chair, no family voice and no one from the voluntary sector."""
    return tiny_map(
        ORGS,
        PEOPLE,
        {
            "board": ("strategic", ["amara", "ben", "cara"]),
            "ops": ("operational", ["dev", "eve", "fay", "post", "post2"]),
        },
        version=2,
        post={"vacant": True},
        post2={"vacant": True},
        ops={"reports_to": "board", "name": "Operations group"},
    )


def this_review(
    ops_id: str = "ops-group", ops_name: str = "Operations group", today: dt.date = TODAY
) -> Partnership:
    """Since: the first seat filled, the second vacant seat now chairs the operations group
    (its vacancy is high), the board's chair leaves in two months from `today`, the board's
    lack of a co-chair set aside, and the operations group's id changed to `ops_id`."""
    new = tiny_map(
        ORGS,
        PEOPLE,
        {
            "board": ("strategic", ["amara", "ben", "cara"]),
            ops_id: ("operational", ["post2", "dev", "eve", "fay", "post"]),
        },
        version=2,
        post={"name": "Gita Patel"},
        post2={"vacant": True},
        amara={"leaving": (today + dt.timedelta(days=59)).isoformat()},
        **{ops_id: {"reports_to": "board", "name": ops_name}},
    )
    return decide(new, "no_shared_chair", ["board"], "set_aside", "the chair rotates by design")


def keys(findings) -> set[tuple[str, tuple[str, ...]]]:
    return {(f.kind, f.subjects) for f in findings}


def test_problems_resolved_new_still_open_and_set_aside_between_two_snapshots():
    found = review_maps([last_review(), this_review()], today=TODAY)
    assert keys(found.resolved) == {("vacancy", ("post",))}  # the seat was filled
    assert keys(found.new) == {("planned_departure", ("amara",))}  # the chair leaves
    still = {(s.finding.kind, s.finding.subjects): s.was for s in found.still_open}
    assert still == {
        ("vacancy", ("post2",)): "medium",  # now high: a vacant chair
        ("no_family_voice", ("board", "ops-group")): "medium",  # ops renamed ops-group
        ("sector_absent_from_strategic_level", ()): "medium",
    }
    changed = [s for s in found.still_open if s.severity_changed]
    assert [(s.finding.subjects, s.was, s.finding.severity) for s in changed] == [
        (("post2",), "medium", "high")
    ]
    assert keys(found.set_aside) == {("no_shared_chair", ("board",))}
    # Information findings (map_incomplete here) are no problems: in none of the lists.
    listed = [*found.resolved, *found.new, *found.set_aside, *(s.finding for s in found.still_open)]
    assert all(f.severity != "info" for f in listed)
    assert any(f.severity == "info" for f in found.newest.diagnosis.findings)


def test_a_finding_set_aside_in_the_older_map_but_open_now_is_still_open_not_set_aside():
    older = decide(last_review(), "no_shared_chair", ["board"], "set_aside", "rotates")
    found = review_maps([older, undecide(this_review(), "no_shared_chair", ["board"])], today=TODAY)
    assert ("no_shared_chair", ("board",)) in {
        (s.finding.kind, s.finding.subjects) for s in found.still_open
    }
    assert found.set_aside == ()


def test_a_subject_whose_id_changed_is_followed_by_its_name_and_only_so():
    old, new = last_review(), this_review()
    assert renamed_ids(old, new) == {"ops": "ops-group"}
    # The near miss: the id changed and so did the name, so nothing says it is the same
    # meeting; its finding is one resolved and one new.
    other = this_review(ops_name="Locality leadership team")
    assert renamed_ids(old, other) == {}
    found = review_maps([old, other], today=TODAY)
    assert ("no_family_voice", ("board", "ops")) in keys(found.resolved)
    assert ("no_family_voice", ("board", "ops-group")) in keys(found.new)


def test_a_subject_renamed_but_keeping_its_id_keeps_its_finding_in_the_new_words():
    old = last_review()
    new = this_review(ops_id="ops", ops_name="Family hub operations group")
    found = review_maps([old, new], today=TODAY)
    voice = next(s.finding for s in found.still_open if s.finding.kind == "no_family_voice")
    assert "Family hub operations group" in voice.title


def test_whole_system_findings_are_told_apart_by_their_words_not_their_numbers():
    # A missing key role has no subjects: two missing roles are two findings, told apart
    # by the role their evidence names.
    board = {"board": ("strategic", ["amara", "ben", "cara"])}
    one = tiny_map(ORGS, PEOPLE, board, amara={"roles": ["single_accountable_leader"]})
    other = tiny_map(
        ORGS,
        PEOPLE,
        board,
        amara={"roles": ["single_accountable_leader"]},
        ben={"roles": ["data_lead"]},
    )
    found = review_maps([one, other], today=TODAY)
    roles = [f.evidence["role"] for f in found.resolved if f.kind == "missing_key_role"]
    assert roles == ["data_lead"]
    assert {
        s.finding.evidence["role"] for s in found.still_open if s.finding.kind == "missing_key_role"
    } == {"senior_sponsor", "transformation_lead"}


def test_a_review_needs_two_snapshots():
    with pytest.raises(ValueError, match="at least two snapshots"):
        review([Snapshot(diagnose(last_review(), today=TODAY))])


# --- the headline figures ------------------------------------------------------------------

HEADLINE_ORGS = {**ORGS, "housing": "local_authority"}
HEADLINE_PEOPLE = {
    "a": ("nbc", "operational"),
    "d": ("nbc", "operational"),
    "b": ("trust", "operational"),
    "e": ("trust", "operational"),
    "c": ("school", "operational"),
    "h": ("school", "operational"),
    "f": ("housing", "operational"),
    "g": ("housing", "operational"),
}


def headline_map(**meetings: list[str]) -> Partnership:
    """Operational meetings, monthly for an hour (12 hours a year a seat)."""
    return tiny_map(
        HEADLINE_ORGS, HEADLINE_PEOPLE, {m: ("operational", p) for m, p in meetings.items()}
    )


def test_headline_figures_of_a_hand_made_map():
    # m1, m2 and m3 are three pairs of duplicates, each pair freeing 48 hours; m4 brings
    # housing in through two people of two organisations.
    partnership = headline_map(
        m1=["a", "b", "c", "d"],
        m2=["a", "b", "c", "d"],
        m3=["a", "b", "c", "d", "h"],
        m4=["d", "e", "f", "g"],
    )
    diagnosis = diagnose(partnership, today=TODAY)
    pairs = diagnosis.of_kind("duplicate_meetings")
    assert [f.evidence["hours_freed_per_year"] for f in pairs] == [48.0, 48.0, 48.0]
    assert headlines(diagnosis) == Headlines(
        # every organisation has two people linked to its partners, and no one alone links it
        succession_resilience=2,
        # operational pairs: nbc-trust, nbc-school, trust-school, trust-housing cross;
        # nbc-housing (both the council) does not: 4 of 5
        operational_cross_sector=0.8,
        person_hours=12.0 * (4 + 4 + 5 + 4),
        # the three pairs are one group: one meeting of five, 12 x 5 = 60 hours, for the 156
        # the three take now; not 3 x 48 = 144, which counts m1, m2 and m3 twice each
        merger_hours=96.0,
    )


def test_duplicates_sharing_no_meeting_add_up_and_a_pair_set_aside_is_not_counted():
    partnership = headline_map(
        m1=["a", "b", "c", "d"],
        m2=["a", "b", "c", "d"],
        m3=["e", "f", "g", "h"],
        m4=["e", "f", "g", "h", "a"],
    )
    assert headlines(diagnose(partnership, today=TODAY)).merger_hours == 48.0 + 48.0
    kept = decide(partnership, "duplicate_meetings", ["m1", "m2"], "set_aside", "both needed")
    assert headlines(diagnose(kept, today=TODAY)).merger_hours == 48.0


def test_headline_figures_not_measured_when_the_map_cannot_give_them():
    alone = tiny_map({"nbc": "local_authority"}, {"a": ("nbc", "strategic")}, {})
    figures = headlines(diagnose(alone, today=TODAY))
    assert figures == Headlines(None, None, 0.0, 0.0)
    assert [f.words(figures.value(f)) for f in FIGURES] == [
        "not measured",
        "not measured",
        "0 hours",
        "0 hours",
    ]


def test_each_figure_says_which_way_is_better():
    resilience, share, hours, merger = FIGURES
    assert (resilience.change(1, 2), resilience.change(2, 1)) == ("better", "worse")
    assert share.change(0.5, 0.75) == "better"
    assert (hours.change(200, 150), hours.change(150, 200)) == ("better", "worse")
    assert merger.change(96, 0) == "better"
    assert (merger.change(48, 48), share.change(None, 0.5)) == ("no change", "not comparable")
    assert [resilience.words(1), share.words(0.79), hours.words(9392.2)] == [
        "1 person",
        "79%",
        "9,392 hours",
    ]


def test_three_snapshots_give_three_points_of_each_figure_oldest_first():
    first = headline_map(m1=["a", "b", "c", "d"], m2=["a", "b", "c", "d"])
    second = headline_map(m1=["a", "b", "c", "d"], m2=["a", "b", "c", "d"], m3=["e", "f"])
    third = headline_map(m1=["a", "b", "c", "d", "e", "f"])
    dates = [dt.date(2025, 1, 1), dt.date(2025, 7, 1), dt.date(2026, 1, 1)]
    found = review_maps([first, second, third], taken=dates, names=["jan", "jul", "now"])
    assert [s.taken for s in found.snapshots] == dates
    assert [s.name for s in found.snapshots] == ["jan", "jul", "now"]
    assert [h.person_hours for h in found.figures] == [96.0, 120.0, 72.0]
    assert [h.merger_hours for h in found.figures] == [48.0, 48.0, 0.0]
    # problems compare the newest with the one before: the duplicate pair went
    assert ("duplicate_meetings", ("m1", "m2")) in keys(found.resolved)


# --- the county example, and a variant of it after a merger ---------------------------------


def merged_county() -> tuple[Partnership, Partnership]:
    """The county example, and the county after the Family Support Steering Group merged
    into the Early Help Partnership Group (its one other member joining)."""
    county = load_map(EXAMPLES / "county.yaml")
    keep = county.meeting_by_id["early-help-partnership"]
    merged = keep.model_copy(update={"members": (*keep.members, "isla-foster")})
    after = county.without(["family-support-steering"])
    meetings = tuple(merged if m.id == keep.id else m for m in after.meetings)
    return county, after.with_sections(meetings=meetings)


def test_the_county_after_merging_its_duplicate_meetings():
    county, after = merged_county()
    found = review_maps([county, after], today=TODAY)
    then, now = found.figures
    # What a reviewer would say: the duplicate is resolved, nothing new went wrong, and the
    # merger freed what the finding said it would (216 + 162 hours became 240).
    assert keys(found.resolved) == {
        ("duplicate_meetings", ("early-help-partnership", "family-support-steering"))
    }
    assert found.new == ()
    assert (then.merger_hours, now.merger_hours) == (138.0, 0.0)
    assert now.person_hours == pytest.approx(then.person_hours - 138.0)
    assert (then.succession_resilience, now.succession_resilience) == (1, 1)
    words = {f.name: f.change(then.value(f), now.value(f)) for f in FIGURES}
    assert words["person_hours"] == words["merger_hours"] == "better"
    assert words["succession_resilience"] == "no change"
    assert len(found.still_open) == len(
        [f for f in diagnose(after, today=TODAY).open if f.severity != "info"]
    )


def test_a_list_of_subjects_that_shrank_is_the_same_problem_but_another_pair_is_not():
    county, after = merged_county()
    found = review_maps([county, after], today=TODAY)
    voice = next(s.finding for s in found.still_open if s.finding.kind == "no_family_voice")
    assert "family-support-steering" not in voice.subjects  # merged away: the list shrank
    # The near miss: m1 duplicated m2 before and duplicates m3 now; neither pair holds the
    # other, so one is resolved and one is new.
    before = headline_map(m1=["a", "b", "c", "d"], m2=["a", "b", "c", "d"])
    now = headline_map(m1=["a", "b", "c", "d"], m3=["a", "b", "c", "d"])
    found = review_maps([before, now], today=TODAY)
    assert ("duplicate_meetings", ("m1", "m2")) in keys(found.resolved)
    assert ("duplicate_meetings", ("m1", "m3")) in keys(found.new)


def test_diff_and_the_review_agree_on_what_came_went_and_stayed():
    """One comparison (`mapper.changes`): among the problems, what `diff` and the Compare
    page list as appeared and went are the review's new and resolved, and a problem they list
    as changed (a list that grew or shrank, another severity) is one the review still has
    open, never new and resolved at once."""
    from mapper.diagnosis import compare

    def problems(findings):
        return sorted((f.kind, f.subjects) for f in findings if f.severity != "info")

    county, after = merged_county()
    pairs = [(last_review(), this_review(today=TODAY)), (county, after), (after, county)]
    for old, new in pairs:
        changes = compare(old, new, today=TODAY)
        found = review_maps([old, new], today=TODAY)
        assert problems(changes.new_findings) == problems(found.new)
        assert problems(changes.resolved_findings) == problems(found.resolved)
        still = problems(s.finding for s in found.still_open)
        altered = problems(now for _, now in changes.altered_findings)
        assert altered and set(altered) <= set(still)
    # the merger: the line of meetings without a family voice lost a meeting, one finding
    (voice,) = [pair for pair in compare(county, after).altered_findings if pair[0].kind
                == "no_family_voice"]  # fmt: skip
    was, now = voice
    assert set(was.subjects) - set(now.subjects) == {"family-support-steering"}
    # the vacant seat that now chairs: the same finding, high now
    (seat,) = compare(last_review(), this_review(today=TODAY), today=TODAY).altered_findings
    assert (seat[0].kind, seat[0].severity, seat[1].severity) == ("vacancy", "medium", "high")
