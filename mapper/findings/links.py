"""Missing operational links: partners who meet at the top table but never below it.

Seed 000 (`000_7ab3818a98b34f54.txt`): a shared purpose among strategic leaders does not sustain
a system unless integration reaches every level.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TypedDict

from mapper.analysis import LEVELS, Analysis
from mapper.findings.base import Detected
from mapper.findings.registry import check

__all__ = ["MissingLink", "LevelWithoutJointMeeting", "NoOperationalPresence"]


class MissingLink(TypedDict):
    strategic_meetings: list[str]


class NoOperationalPresence(TypedDict):
    pass


class LevelWithoutJointMeeting(TypedDict):
    level: str


@check(
    "missing_operational_link",
    theme="links",
    severities=("medium",),
    severity_rule="medium",
    evidence=MissingLink,
)
def missing_operational_links(analysis: Analysis) -> Iterator[Detected]:
    """One finding per pair A != B that shares a strategic meeting but no operational one."""
    strategic = analysis.organisation_pairs_at("strategic")
    operational = analysis.organisation_pairs_at("operational")
    for pair in sorted(strategic.keys() - operational.keys()):
        yield Detected(
            "missing_operational_link",
            "medium",
            pair,
            MissingLink(strategic_meetings=strategic[pair]),
        )


def _cross_organisation_meetings(analysis: Analysis, level: str) -> list[set[str]]:
    """The organisations present in each meeting at `level` that brings two or more together."""
    present = analysis.partnership.organisations_present
    return [
        set(present[m.id])
        for m in analysis.partnership.meetings
        if m.level == level and len(present[m.id]) > 1
    ]


@check(
    "no_operational_presence",
    theme="links",
    severities=("medium",),
    severity_rule="medium",
    evidence=NoOperationalPresence,
)
def absent_below_the_top_table(analysis: Analysis) -> Iterator[Detected]:
    """Organisations in a cross-organisation strategic meeting with no one in any
    cross-organisation operational meeting: present at the top table only."""
    strategic = set().union(*_cross_organisation_meetings(analysis, "strategic"))
    operational = set().union(*_cross_organisation_meetings(analysis, "operational"))
    for org in sorted(strategic - operational):
        yield Detected("no_operational_presence", "medium", (org,), NoOperationalPresence())


@check(
    "level_without_joint_meeting",
    theme="links",
    severities=("high", "medium"),
    severity_rule="high at strategic and operational level, medium at practitioner level",
    evidence=LevelWithoutJointMeeting,
)
def levels_without_joint_meetings(analysis: Analysis) -> Iterator[Detected]:
    """Levels where no meeting brings two organisations together (when the map has
    organisations at all)."""
    if len(analysis.partnership.organisations) < 2:
        return
    for level in LEVELS:
        if not _cross_organisation_meetings(analysis, level):
            yield Detected(
                "level_without_joint_meeting",
                "high" if level != "practitioner" else "medium",
                (),
                LevelWithoutJointMeeting(level=level),
            )
