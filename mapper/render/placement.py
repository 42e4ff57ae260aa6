"""Placing new nodes on a picture without moving any node already on it.

A room reading a projected map loses its bearings when the map re-lays itself after an edit:
a fresh force layout of a map with one person more moved the median node a fifth of the
map's width (issue 14). So a map keeps its positions (`mapper.model.Layout`) and only the
nodes without one are placed, here, each where the view's own rule puts it and then on the
nearest free spot: a node already placed is never moved. Deterministic: the same map and
the same known positions give the same picture.

The rules, one per view (`mapper.render.network.layout` chooses):
- ``near_neighbours`` (the people view): at the mean of its placed neighbours, then on the
  nearest free spot of a spiral round it; a node with no placed neighbour goes in a column
  at the right edge of the picture.
- ``below_its_column`` (the organisations view, sectors stacked in columns): at the
  foot of its sector; the first organisation of a sector not yet on the map starts
  a column of its own at the right edge.
- ``below_its_parent`` (the governance tree, drawn top down): a level below the meeting it
  reports to, on the first free spot from there down; a meeting reporting to none placed goes
  a level above the meetings that report to it, or else below the whole tree.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping, Sequence

__all__ = ["Point", "place", "near_neighbours", "below_its_column", "below_its_parent"]

Point = tuple[float, float]
#: Where a node should go, given the positions placed so far (None: the view's fallback).
Rule = Callable[[str, Mapping[str, Point]], Point]


def place(
    nodes: Sequence[str],
    neighbours: Callable[[str], Iterable[str]],
    known: Mapping[str, Point],
    rule: Rule,
    room: Point,
    *,
    spiral: bool,
) -> dict[str, Point]:
    """`known` with every node of `nodes` that it lacks placed by `rule`, then moved to the
    nearest spot at least `room` (across, down) from every node placed: round a spiral, or
    straight down when not `spiral`. The node with the most neighbours placed goes first
    (ties in `nodes`' order), so a chain of new nodes grows from the picture outwards."""
    placed = {n: known[n] for n in known}
    grid = _Grid(room)
    for point in placed.values():
        grid.add(point)
    waiting = [n for n in nodes if n not in placed]
    order = {n: i for i, n in enumerate(waiting)}
    while waiting:
        node = max(waiting, key=lambda n: (sum(m in placed for m in neighbours(n)), -order[n]))
        waiting.remove(node)
        target = rule(node, placed)
        spot = grid.free_near(target, spiral=spiral)
        placed[node] = spot
        grid.add(spot)
    return placed


def near_neighbours(neighbours: Callable[[str], Iterable[str]], room: Point) -> Rule:
    """The mean of the node's placed neighbours; with none, a column at the right edge."""

    def rule(node: str, placed: Mapping[str, Point]) -> Point:
        around = [placed[m] for m in neighbours(node) if m in placed]
        if around:
            return (
                sum(p[0] for p in around) / len(around),
                sum(p[1] for p in around) / len(around),
            )
        return _right_edge(placed, room)

    return rule


def below_its_column(group_of: Callable[[str], str], room: Point) -> Rule:
    """The foot of the column of the node's group (its sector); a group with nothing placed
    yet starts a new column at the right edge."""

    def rule(node: str, placed: Mapping[str, Point]) -> Point:
        group = group_of(node)
        column = [p for n, p in placed.items() if group_of(n) == group]
        if column:
            lowest = max(column, key=lambda p: (p[1], p[0]))
            return lowest[0], lowest[1] + room[1]
        return _right_edge(placed, room)

    return rule


def below_its_parent(
    parents: Callable[[str], Iterable[str]],
    children: Callable[[str], Iterable[str]],
    step: float,
    room: Point,
) -> Rule:
    """`step` below the lowest placed meeting it reports to; else `step` above the middle of
    the meetings that report to it; else below everything, at the left."""

    def rule(node: str, placed: Mapping[str, Point]) -> Point:
        above = [placed[m] for m in parents(node) if m in placed]
        if above:
            x, y = max(above, key=lambda p: (p[1], p[0]))
            return x, y + step
        below = [placed[m] for m in children(node) if m in placed]
        if below:
            return sum(p[0] for p in below) / len(below), min(p[1] for p in below) - step
        if not placed:
            return 0.0, 0.0
        return min(p[0] for p in placed.values()), max(p[1] for p in placed.values()) + 2 * room[1]

    return rule


def _right_edge(placed: Mapping[str, Point], room: Point) -> Point:
    if not placed:
        return 0.0, 0.0
    xs = [p[0] for p in placed.values()]
    ys = [p[1] for p in placed.values()]
    return max(xs) + 2 * room[0], min(ys)


class _Grid:
    """The points placed, bucketed by `room`, to find a free spot without scanning them all."""

    def __init__(self, room: Point) -> None:
        self.room = (max(room[0], 1.0), max(room[1], 1.0))
        self.cells: dict[tuple[int, int], list[Point]] = {}

    def _cell(self, point: Point) -> tuple[int, int]:
        return math.floor(point[0] / self.room[0]), math.floor(point[1] / self.room[1])

    def add(self, point: Point) -> None:
        self.cells.setdefault(self._cell(point), []).append(point)

    def free(self, point: Point) -> bool:
        cx, cy = self._cell(point)
        across, down = self.room
        for dx in (-1, 0, 1):
            for dy in (-1, 0, 1):
                for other in self.cells.get((cx + dx, cy + dy), ()):
                    if abs(other[0] - point[0]) < across and abs(other[1] - point[1]) < down:
                        return False
        return True

    def free_near(self, target: Point, *, spiral: bool) -> Point:
        """The first free spot from `target`: round a widening spiral, or straight down."""
        target = (round(target[0], 1), round(target[1], 1))
        if self.free(target):
            return target
        across, down = self.room
        for ring in range(1, 10_000):
            if not spiral:
                spot = (target[0], round(target[1] + ring * down, 1))
                if self.free(spot):
                    return spot
                continue
            steps = 6 * ring
            for k in range(steps):
                angle = 2 * math.pi * k / steps
                spot = (
                    round(target[0] + ring * across * math.cos(angle), 1),
                    round(target[1] + ring * down * math.sin(angle), 1),
                )
                if self.free(spot):
                    return spot
        return target  # not reached: a ring wider than the picture is always free
