"""The reports-to tree: cycles, and meetings that do not lead up to the top of the structure.

Seed 000 (`000_7ab3818a98b34f54.txt`) asks a new system to review all its meetings; a meeting
that reports nowhere, or round in a circle, holds nobody to account.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Annotated, Literal, TypedDict

from mapper.analysis import Analysis
from mapper.findings.base import Detected
from mapper.findings.registry import check
from mapper.findings.shown import Shown

__all__ = ["Cycle", "OutsideTree", "TreeStep", "walk_reporting_tree"]


class Cycle(TypedDict):
    meetings_below: Annotated[
        list[str], Shown("Meetings below the circle", "records", empty="nothing reports to it")
    ]


class OutsideTree(TypedDict):
    top: Annotated[str | None, Shown("Top of the structure", "record")]
    meetings_below: Annotated[
        list[str], Shown("Meetings below it", "records", empty="nothing reports to it")
    ]


@check(
    "reports_to_cycle",
    theme="governance",
    severities=("medium",),
    severity_rule="medium",
    evidence=Cycle,
)
def reports_to_cycles(analysis: Analysis) -> Iterator[Detected]:
    """Each circle of meetings reporting to one another (a meeting reporting to itself too),
    with the meetings hanging below it."""
    tree = analysis.reporting
    for cycle in tree.cycles():
        below = set().union(*(tree.below(m) for m in cycle)) - set(cycle)
        yield Detected(
            "reports_to_cycle", "medium", tuple(cycle), Cycle(meetings_below=sorted(below))
        )


@check(
    "outside_governance_tree",
    theme="governance",
    severities=("medium", "low"),
    severity_rule="medium when meetings hang below it or it is strategic, else low",
    evidence=OutsideTree,
)
def outside_governance_tree(analysis: Analysis) -> Iterator[Detected]:
    """Meetings reporting nowhere that are not the top, with everything that hangs below them.
    An `external` board sits outside the partnership's tree by design, and a meeting that
    `informs` others is linked to them: neither is said to be outside, nor is a one-off event
    or a group that has ended (`Analysis.standing`)."""
    top = analysis.top_of_structure
    for meeting in analysis.partnership.meetings:
        if meeting.external or meeting.informs or meeting.id not in analysis.standing:
            continue
        if not meeting.reports_to and meeting.id != top:
            below = sorted(analysis.reporting.below(meeting.id))
            yield Detected(
                "outside_governance_tree",
                "medium" if below or meeting.level == "strategic" else "low",
                (meeting.id,),
                OutsideTree(top=top, meetings_below=below),
            )


@dataclass(frozen=True)
class TreeStep:
    """One meeting met walking the tree: how far below its root, what it hangs from, and
    whether its root is the top, outside the tree, or a meeting only in a circle."""

    meeting: str
    depth: int
    parent: str | None
    root: Literal["top", "outside", "circle"]


def walk_reporting_tree(analysis: Analysis) -> list[TreeStep]:
    """Every meeting once, depth-first down the reports-to tree: from the top of the
    structure, then from each other meeting reporting nowhere, then from meetings reached
    only round a circle. Iterative, so a long chain cannot overflow the stack."""
    partnership = analysis.partnership
    below = {
        parent: children
        for parent, children in analysis.reporting.children.items()
        if parent in partnership.meeting_by_id
    }
    top = analysis.top_of_structure
    starts: list[tuple[str, Literal["top", "outside", "circle"]]] = [
        (m.id, "outside") for m in partnership.meetings if not m.reports_to and m.id != top
    ]
    first: list[tuple[str, Literal["top", "outside", "circle"]]] = [(top, "top")] if top else []
    last: list[tuple[str, Literal["top", "outside", "circle"]]] = [
        (m.id, "circle") for m in partnership.meetings
    ]
    starts = first + starts + last
    steps: list[TreeStep] = []
    seen: set[str] = set()
    for root, kind in starts:
        stack: list[tuple[str, int, str | None]] = [(root, 0, None)]
        while stack:
            meeting, depth, parent = stack.pop()
            if meeting in seen:
                continue
            seen.add(meeting)
            steps.append(TreeStep(meeting, depth, parent, kind))
            stack.extend((c, depth + 1, meeting) for c in reversed(below.get(meeting, [])))
    return steps
