"""The self-assessment: stored in the map, scored, and set beside the findings that bear on it."""

from __future__ import annotations

import pytest

from mapper.assessment import assess, group_scores, overall_score
from mapper.diagnosis import diagnose
from mapper.errors import InvalidMapError
from mapper.findings.registry import kinds_of
from mapper.findings.themes import THEMES
from mapper.load import parse_map
from mapper.questionnaire import GROUPS, QUESTION_IDS, QUESTIONS
from mapper.save import dump_map
from tests.conftest import MINIMAL

# Roles recorded (a senior sponsor with a deputy), so a role nobody holds is missing.
SPONSOR = "level: operational, roles: [senior_sponsor], deputy: amara-okafor}"
WITH_ASSESSMENT = (
    MINIMAL.replace("level: operational}", SPONSOR, 1)
    + """\
assessment:
  shared_measurement: {answer: yes, note: "Zoë keeps a dashboard"}
  common_agenda: {answer: partly}
  clear_story: {answer: not_yet}
"""
)


def statement(statements, ident):
    return next(s for s in statements if s.question.id == ident)


def test_the_questionnaire_covers_both_checklists_and_the_five_conditions() -> None:
    counts = {g: sum(q.group == g for q in QUESTIONS) for g in GROUPS}
    assert counts == {"Leading change": 7, "System leadership": 5, "Collective impact": 5}
    assert len(set(QUESTION_IDS)) == len(QUESTIONS)
    kinds = {k for theme in THEMES for k in kinds_of(theme)}
    assert all(set(q.related) <= kinds for q in QUESTIONS)  # no misspelt finding kind


def test_answers_are_stored_in_the_map_and_saved_back() -> None:
    partnership = parse_map(WITH_ASSESSMENT)
    assert partnership.assessment["shared_measurement"].answer == "yes"  # unquoted yes
    assert partnership.assessment["shared_measurement"].note == "Zoë keeps a dashboard"
    assert parse_map(dump_map(partnership)) == partnership
    assert list(partnership.assessment) == [
        "clear_story",
        "common_agenda",
        "shared_measurement",
    ]  # questionnaire order


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ("shared_measurment: {answer: yes}", "did you mean shared_measurement?"),
        ("clear_story: {answer: maybe}", "'maybe' is not allowed here"),
        ("clear_story: {answer: partly, notes: x}", "did you mean 'note'?"),
        ("clear_story: {note: x}", "answer: is missing"),
    ],
)
def test_a_wrong_assessment_entry_gets_a_clear_message(entry: str, message: str) -> None:
    with pytest.raises(InvalidMapError) as caught:
        parse_map(MINIMAL + "assessment:\n  " + entry + "\n")
    assert message in str(caught.value)
    assert caught.value.problems[0].line is not None


def test_scores_count_answered_statements_only() -> None:
    partnership = parse_map(WITH_ASSESSMENT)
    statements = assess(partnership, diagnose(partnership).findings)
    scores = {s.group: s for s in group_scores(statements)}
    impact = scores["Collective impact"]
    assert (impact.answered, impact.statements, impact.points) == (2, 5, 3)
    assert impact.percent == 75
    assert scores["Leading change"].percent == 0
    assert scores["System leadership"].percent is None  # nothing answered is not 0%
    overall = overall_score(statements)
    assert (overall.answered, overall.points, overall.percent) == (3, 3, 50)


def test_a_yes_to_shared_measurement_without_a_data_lead_is_questioned() -> None:
    partnership = parse_map(WITH_ASSESSMENT)
    statements = assess(partnership, diagnose(partnership).findings)
    measurement = statement(statements, "shared_measurement")
    assert [f.evidence["role"] for f in measurement.related] == ["data_lead"]
    assert measurement.questioned


def test_a_data_lead_without_a_deputy_still_questions_the_yes() -> None:
    lead = "level: strategic, roles: [data_lead]}"
    partnership = parse_map(WITH_ASSESSMENT.replace("level: strategic}", lead, 1))
    measurement = statement(
        assess(partnership, diagnose(partnership).findings), "shared_measurement"
    )
    assert [f.kind for f in measurement.related] == ["key_role_without_deputy"]
    assert measurement.questioned


def test_a_data_lead_with_a_deputy_leaves_the_yes_unquestioned() -> None:
    lead = "level: strategic, roles: [data_lead], deputy: ben-cole}"
    partnership = parse_map(WITH_ASSESSMENT.replace("level: strategic}", lead, 1))
    measurement = statement(
        assess(partnership, diagnose(partnership).findings), "shared_measurement"
    )
    assert measurement.answer == "yes" and measurement.related == ()
    assert not measurement.questioned


def test_a_partly_is_never_questioned_and_other_roles_do_not_bear_on_it() -> None:
    partnership = parse_map(
        WITH_ASSESSMENT.replace(
            "shared_measurement: {answer: yes", "shared_measurement: {answer: partly"
        )
    )
    statements = assess(partnership, diagnose(partnership).findings)
    assert not statement(statements, "shared_measurement").questioned
    backbone = statement(statements, "backbone_support")  # transformation and data lead
    assert {f.evidence["role"] for f in backbone.related} == {"transformation_lead", "data_lead"}
    assert backbone.answer is None and not backbone.questioned
