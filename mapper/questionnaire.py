"""The self-assessment: short statements a partnership rates itself against.

Three groups, each rewritten in plain words from the guidance: the checklist for leading change
and the checklist for system leadership in seed 002, and the five conditions of collective
impact in seed 003. Each statement names the structural findings that bear on it, so the app
and the report can set what people say about their system beside what the map shows.

Plain data: the model validates `assessment:` keys against it, the analysis scores it.
"""

from __future__ import annotations

from dataclasses import dataclass

from mapper.guidance import GUIDANCE

__all__ = [
    "ANSWERS",
    "DRAWN_FROM",
    "ANSWER_POINTS",
    "GROUPS",
    "QUESTIONS",
    "QUESTION_IDS",
    "Question",
]

#: Each statement is answered with one of these, weakest first.
ANSWERS: tuple[str, ...] = ("not_yet", "partly", "yes")
ANSWER_POINTS: dict[str, int] = {"not_yet": 0, "partly": 1, "yes": 2}

LEADING = GUIDANCE["leadership_roles"]
IMPACT = GUIDANCE["collective_impact"]
#: Where the statements come from, by the guidance's titles, for the faces to say.
DRAWN_FROM = (
    f"the checklists for leading change and system leadership (“{LEADING}”) and the five "
    f"conditions of collective impact (“{IMPACT}”)"
)


@dataclass(frozen=True)
class Question:
    """One statement. `related` lists finding kinds that contradict a confident "yes";
    `roles` narrows `missing_key_role` and `key_role_without_deputy` findings to those roles."""

    id: str
    group: str
    statement: str
    source: str
    related: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()


GROUPS: tuple[str, ...] = ("Leading change", "System leadership", "Collective impact")

QUESTIONS: tuple[Question, ...] = (
    Question(
        "clear_story",
        "Leading change",
        "The leadership team tells one clear story of why and how services for families "
        "are changing.",
        LEADING,
        ("purpose_not_revisited",),
    ),
    Question(
        "developing_leaders",
        "Leading change",
        "There is a deliberate plan to grow leaders, including the next ones.",
        LEADING,
        ("key_role_without_deputy", "single_point_of_failure"),
    ),
    Question(
        "visible_leaders",
        "Leading change",
        "Leaders are seen and heard by staff and families, and keep going when it is hard.",
        LEADING,
        ("missing_key_role",),
        ("single_accountable_leader", "senior_sponsor"),
    ),
    Question(
        "timely_decisions",
        "Leading change",
        "Difficult decisions are made and explained without delay.",
        LEADING,
        ("reports_to_cycle", "outside_governance_tree"),
    ),
    Question(
        "whole_system_leaders",
        "Leading change",
        "Leaders give time to the whole system, not only to their own organisation.",
        LEADING,
        ("missing_operational_link", "sector_absent_from_strategic_level"),
    ),
    Question(
        "lasting_commitment",
        "Leading change",
        "The commitment to joined-up family help has lasted beyond the early enthusiasm.",
        LEADING,
        ("planned_departure",),
    ),
    Question(
        "measured_progress",
        "Leading change",
        "A few agreed measures are used to see and steer progress.",
        LEADING,
        ("missing_key_role",),
        ("data_lead",),
    ),
    Question(
        "shared_vision",
        "System leadership",
        "Partners agree what services should look like in future.",
        LEADING,
        ("purpose_not_revisited", "outcome_not_held"),
    ),
    Question(
        "frequent_contact",
        "System leadership",
        "Leaders from different partners meet often enough to know and trust each other.",
        LEADING,
        ("missing_operational_link", "level_without_joint_meeting", "isolated_organisation"),
    ),
    Question(
        "conflict_surfaced",
        "System leadership",
        "Disagreements are brought into the open and worked through, not avoided.",
        LEADING,
        ("chairing_dominated", "no_shared_chair"),
    ),
    Question(
        "succeed_together",
        "System leadership",
        "Partners ask how everyone can succeed, not how their own organisation can win.",
        LEADING,
        ("chairing_dominated", "chairs_many_meetings", "sector_silo"),
    ),
    Question(
        "long_term",
        "System leadership",
        "Partners have committed to working together for years, not months.",
        LEADING,
        ("single_point_of_failure", "critical_organisation"),
    ),
    Question(
        "common_agenda",
        "Collective impact",
        "Partners share one understanding of the problem and one plan for change.",
        IMPACT,
        ("purpose_not_revisited", "outcome_not_held"),
    ),
    Question(
        "shared_measurement",
        "Collective impact",
        "Partners collect and report a small set of the same measures.",
        IMPACT,
        ("missing_key_role", "key_role_without_deputy"),
        ("data_lead",),
    ),
    Question(
        "reinforcing_activities",
        "Collective impact",
        "Each partner plans its work to fit with what the others do.",
        IMPACT,
        ("duplicate_meetings", "sector_silo"),
    ),
    Question(
        "continuous_communication",
        "Collective impact",
        "There are regular, planned ways for partners to talk, learn and give feedback, "
        "at every level.",
        IMPACT,
        ("missing_operational_link", "level_without_joint_meeting", "map_incomplete"),
    ),
    Question(
        "backbone_support",
        "Collective impact",
        "A named team co-ordinates the partnership, its data and its meetings.",
        IMPACT,
        ("missing_key_role", "key_role_without_deputy"),
        ("transformation_lead", "data_lead"),
    ),
)

QUESTION_IDS: tuple[str, ...] = tuple(q.id for q in QUESTIONS)
