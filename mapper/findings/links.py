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
from mapper.model import Meeting, times_a_year

__all__ = [
    "LevelWithoutJointMeeting",
    "MissingLinks",
    "operational_presence",
    "strategic_tables",
]


class MissingLinks(TypedDict):
    partners: list[str]
    partners_at_table: int
    strategic_meetings: list[str]
    through_commissioning: list[str]
    absent_below: bool


class LevelWithoutJointMeeting(TypedDict):
    level: str


def strategic_tables(analysis: Analysis, least: float) -> list[Meeting]:
    """The strategic meetings where partners are expected to meet again below: the
    partnership's own (not an `external` statutory board, whose members are that board's),
    held at least `least` times a year (`strategic_table_min_per_year`), and ad hoc ones."""
    return [
        m
        for m in analysis.partnership.meetings
        if m.level == "strategic"
        and not m.external
        and (m.frequency == "ad_hoc" or times_a_year(m.frequency) >= least)
    ]


def operational_presence(analysis: Analysis) -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """For each organisation, the operational meetings it is present in, and the
    organisations it commissions through which it is present in some of them: a
    commissioner is present where what it commissions is."""
    commissioned = analysis.commissioned_by
    meetings: dict[str, set[str]] = {}
    through: dict[str, set[str]] = {}
    for m in analysis.partnership.meetings:
        if m.level != "operational":
            continue
        present = analysis.present_in[m.id]
        for org in present:
            meetings.setdefault(org, set()).add(m.id)
        for commissioner, them in commissioned.items():
            if commissioner not in present and present & them:
                meetings.setdefault(commissioner, set()).add(m.id)
                through.setdefault(commissioner, set()).update(present & them)
    return meetings, through


@check(
    "missing_operational_link",
    theme="links",
    severities=("medium",),
    severity_rule="medium",
    evidence=MissingLinks,
    settings=("strategic_table_min_per_year",),
)
def missing_operational_links(analysis: Analysis) -> Iterator[Detected]:
    """One finding per organisation A whose partners at a strategic table (see
    `strategic_tables`) include organisations B that share no operational meeting with A;
    organisations of one `part_of` tree are never each other's partners. `absent_below`
    says A is in no operational meeting with any other organisation at all; such a B is said
    once, on its own finding, not again among the partners every other A misses. The most
    telling come first: cut off from all its partners below, then the most partners missed."""
    tree = analysis.tree_of
    sits_with: dict[str, dict[str, set[str]]] = {}  # A -> B -> the tables they share
    for m in strategic_tables(analysis, analysis.settings.strategic_table_min_per_year):
        present = analysis.present_in[m.id]
        for a in present:
            for b in present:
                if tree[a] != tree[b]:
                    sits_with.setdefault(a, {}).setdefault(b, set()).add(m.id)
    at_operational, through = operational_presence(analysis)

    def with_others(meeting: str, org: str) -> bool:
        return any(tree[other] != tree[org] for other in analysis.present_in[meeting])

    absent = {
        org: org not in through
        and not any(with_others(m, org) for m in at_operational.get(org, ()))
        for org in sits_with
    }
    found = []
    for a in sits_with:
        mine = at_operational.get(a, set())
        partners = sorted(
            b
            for b in sits_with[a]
            if not mine & at_operational.get(b, set()) and (absent[a] or not absent[b])
        )
        if partners:
            found.append((a, partners))
    # The most telling first: cut off from every partner below, then the most partners missed.
    found.sort(key=lambda f: (len(f[1]) < len(sits_with[f[0]]), -len(f[1]), f[0]))
    for a, partners in found:
        yield Detected(
            "missing_operational_link",
            "medium",
            (a,),
            MissingLinks(
                partners=partners,
                partners_at_table=len(sits_with[a]),
                strategic_meetings=sorted(set().union(*(sits_with[a][b] for b in partners))),
                through_commissioning=sorted(through.get(a, ())),
                absent_below=absent[a],
            ),
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
