"""The reports-to tree: cycles, and meetings that do not lead up to the top of the structure.

Seed 000 (`000_7ab3818a98b34f54.txt`) asks a new system to review all its meetings; a meeting
that reports nowhere, or round in a circle, holds nobody to account.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

import networkx as nx

from mapper.findings.base import Detected
from mapper.model import Partnership

__all__ = [
    "reports_to_cycles",
    "outside_governance_tree",
    "top_of_structure",
    "TreeStep",
    "walk_reporting_tree",
]


def _reports_to_graph(partnership: Partnership) -> nx.DiGraph:
    graph = nx.DiGraph()
    graph.add_nodes_from(m.id for m in partnership.meetings)
    graph.add_edges_from((m.id, m.reports_to) for m in partnership.meetings if m.reports_to)
    return graph


def reports_to_cycles(partnership: Partnership) -> Iterator[Detected]:
    """Each circle of meetings reporting to one another (a meeting reporting to itself too).

    Each meeting reports to one other at most, so every cycle is simple and found in linear
    time; the meetings hanging below a cycle are given as evidence.
    """
    graph = _reports_to_graph(partnership)
    for cycle in sorted(sorted(c) for c in nx.simple_cycles(graph)):
        below = set().union(*(nx.ancestors(graph, m) for m in cycle)) - set(cycle)
        yield Detected(
            "reports_to_cycle", "medium", tuple(cycle), {"meetings_below": sorted(below)}
        )


def top_of_structure(partnership: Partnership) -> str | None:
    """The meeting at the top: of the meetings reporting nowhere, the one with most below it
    (a strategic one first when two tie)."""
    graph = _reports_to_graph(partnership)
    roots = [(order, m) for order, m in enumerate(partnership.meetings) if m.reports_to is None]
    if not roots:
        return None
    _, top = max(
        roots,
        key=lambda root: (
            len(nx.ancestors(graph, root[1].id)),
            root[1].level == "strategic",
            -root[0],
        ),
    )
    return top.id


def outside_governance_tree(partnership: Partnership) -> Iterator[Detected]:
    """Meetings reporting nowhere that are not the top, with everything that hangs below them."""
    top = top_of_structure(partnership)
    graph = _reports_to_graph(partnership)
    for meeting in partnership.meetings:
        if meeting.reports_to is None and meeting.id != top:
            below = sorted(nx.ancestors(graph, meeting.id))
            yield Detected(
                "outside_governance_tree",
                "medium" if below or meeting.level == "strategic" else "low",
                (meeting.id,),
                {"top": top, "meetings_below": below},
            )


@dataclass(frozen=True)
class TreeStep:
    """One meeting met walking the tree: how far below its root, what it hangs from, and
    whether its root is the top, outside the tree, or a meeting only in a circle."""

    meeting: str
    depth: int
    parent: str | None
    root: Literal["top", "outside", "circle"]


def walk_reporting_tree(partnership: Partnership) -> list[TreeStep]:
    """Every meeting once, depth-first down the reports-to tree: from the top of the
    structure, then from each other meeting reporting nowhere, then from meetings reached
    only round a circle. Iterative, so a long chain cannot overflow the stack."""
    below: dict[str, list[str]] = {}
    for m in partnership.meetings:
        if m.reports_to in partnership.meeting_by_id:
            below.setdefault(m.reports_to, []).append(m.id)
    top = top_of_structure(partnership)
    starts = [
        (m.id, "outside") for m in partnership.meetings if m.reports_to is None and m.id != top
    ]
    starts = (
        ([(top, "top")] if top else []) + starts + [(m.id, "circle") for m in partnership.meetings]
    )
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
