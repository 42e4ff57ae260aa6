"""Taking the self-assessment's answers, once for every face (mapper.answers)."""

from __future__ import annotations

import pytest

from mapper.answers import answer_statement, take_answers
from mapper.errors import MapperError, SheetError
from mapper.load import parse_map
from mapper.model import AssessmentAnswer
from tests.conftest import MINIMAL

HEADER = "id,group,statement,answer,note\n"
ANSWERED = MINIMAL + (
    "assessment:\n"
    "  clear_story: {answer: partly, note: we are getting there}\n"
    "  developing_leaders: {answer: yes}\n"
)


def sheet(*rows: str, name: str = "assessment.csv") -> list[tuple[str, bytes]]:
    return [(name, (HEADER + "".join(f"{r}\n" for r in rows)).encode("utf-8"))]


def test_answers_replace_the_same_statements_and_leave_the_others_alone():
    before = parse_map(ANSWERED)
    taken = take_answers(before, sheet("clear_story,,,yes,", "shared_vision,,,not_yet,soon"))
    assert taken.changed == ("clear_story", "shared_vision")
    assert taken.answers == {
        "clear_story": AssessmentAnswer(answer="yes"),
        "shared_vision": AssessmentAnswer(answer="not_yet", note="soon"),
    }
    after = taken.partnership.assessment
    assert after["clear_story"] == AssessmentAnswer(answer="yes")
    assert after["developing_leaders"] == before.assessment["developing_leaders"]
    # In questionnaire order, as a saved file lists them, and nothing else of the map changed.
    assert list(after) == ["clear_story", "developing_leaders", "shared_vision"]
    assert taken.partnership.model_dump(exclude={"assessment"}) == before.model_dump(
        exclude={"assessment"}
    )


def test_answers_that_change_nothing_give_back_the_same_map():
    before = parse_map(ANSWERED)
    taken = take_answers(before, sheet("developing_leaders,,,yes,", "clear_story,,,,"))
    assert taken.changed == ()
    assert taken.partnership is before


def test_other_sheets_are_named_in_a_warning_and_left_alone():
    files = [
        *sheet("clear_story,,,yes,"),
        ("people.csv", b"id,name,organisation,level\nzed,Zed,nbc,strategic\n"),
    ]
    taken = take_answers(parse_map(MINIMAL), files)
    assert [str(w) for w in taken.warnings] == [
        "people.csv: holds people; only the self-assessment is read here, so it was left alone"
    ]
    assert [p.id for p in taken.partnership.people] == ["amara-okafor", "ben-cole"]


def test_a_bad_answer_is_a_sheet_problem_and_nothing_is_taken():
    with pytest.raises(SheetError) as raised:
        take_answers(parse_map(MINIMAL), sheet("clear_story,,,maybe,"))
    assert [str(p) for p in raised.value.problems] == [
        "assessment.csv, row 2, column answer: 'maybe' is not allowed here; "
        "use one of: not_yet, partly, yes"
    ]


def test_files_without_a_questionnaire_say_what_to_send():
    with pytest.raises(SheetError, match="hold no assessment sheet"):
        take_answers(parse_map(MINIMAL), [("people.csv", b"id,name,organisation,level\n")])


def test_one_statement_answered_or_its_answer_taken_back():
    answered = answer_statement(parse_map(MINIMAL), "clear_story", "yes", "  ")
    assert answered.assessment == {"clear_story": AssessmentAnswer(answer="yes")}
    assert answer_statement(answered, "clear_story", None).assessment == {}


def test_a_bad_answer_to_one_statement_is_our_error_not_the_librarys():
    with pytest.raises(MapperError) as raised:
        answer_statement(parse_map(MINIMAL), "clear_story", "yes", "x" * 20_000)
    assert type(raised.value) is MapperError
    assert "at most" in str(raised.value)
    with pytest.raises(MapperError, match="'nope' is not a statement of the self-assessment"):
        answer_statement(parse_map(MINIMAL), "nope", "yes")
