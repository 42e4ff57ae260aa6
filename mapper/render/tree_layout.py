"""The governance view's layout: the reports-to tree top down, wrapped to a landscape screen
(the view that `mapper.render.network` draws as ``governance``)."""

from __future__ import annotations

import math

from mapper.analysis import Analysis
from mapper.findings.governance import walk_reporting_tree

__all__ = ["governance_positions", "COLUMN_PIXELS", "LEVEL_PIXELS", "STACK_PIXELS"]

#: The governance tree drawn top down (`governance_positions`): a column per branch, a level
#: per step down, meetings at the end of a branch in columns of at most `STACK`.
COLUMN_PIXELS, LEVEL_PIXELS, STACK_PIXELS, STACK = 300.0, 150.0, 70.0, 6


def governance_positions(analysis: Analysis) -> dict[str, tuple[float, float]]:
    """The reports-to tree top down, wrapped to a landscape screen.

    Under a meeting, those with none of their own below them stand in a column (`STACK` to a
    column), the others side by side, each parent above the middle of what reports to it.
    The top meeting stands above rows of its branches, the rows as wide as makes the whole
    about twice as wide as tall; trees of meetings outside the main one and meetings that
    report nowhere follow as blocks of their own. Iterative: a chain of thousands of
    meetings is one column.
    """
    steps = walk_reporting_tree(analysis)
    children: dict[str, list[str]] = {}
    for step in steps:
        if step.parent is not None:
            children.setdefault(step.parent, []).append(step.meeting)

    def leaves(node: str) -> list[str]:
        return [c for c in children.get(node, []) if c not in children]

    def branches(node: str) -> list[str]:
        return [c for c in children.get(node, []) if c in children]

    width: dict[str, int] = {}
    for step in reversed(steps):  # children before their parent
        node = step.meeting
        width[node] = max(1, _columns(len(leaves(node))) + sum(width[c] for c in branches(node)))

    def subtree(root: str) -> dict[str, tuple[float, float]]:
        """`root`'s tree with `root` at the top of column 0, in columns and pixels down."""
        placed: dict[str, tuple[float, float]] = {}
        todo = [(root, 0, 0.0)]
        while todo:
            node, column, y = todo.pop()
            placed.update(_stack(leaves(node), column, y + LEVEL_PIXELS))
            at = column + _columns(len(leaves(node)))
            for child in branches(node):
                todo.append((child, at, y + LEVEL_PIXELS))
                at += width[child]
            placed[node] = (column + (width[node] - 1) / 2 if node in children else column, y)
        return placed

    roots = [step.meeting for step in steps if step.parent is None]
    main = [r for r in roots[:1] if r in children]
    blocks = []  # (positions in columns and pixels, columns wide)
    if main:
        top = main[0]
        if leaves(top):
            blocks.append((_stack(leaves(top), 0, 0.0), _columns(len(leaves(top)))))
        blocks += [(subtree(b), width[b]) for b in branches(top)]
    blocks += [(subtree(r), width[r]) for r in roots if r in children and r not in main]
    alone = [r for r in roots if r not in children]
    if alone:
        blocks.append((_stack(alone, 0, 0.0), _columns(len(alone))))
    return _wrapped(blocks, main[0] if main else None)


def _columns(stacked: int) -> int:
    return math.ceil(stacked / STACK)


def _stack(ids: list[str], column: float, y: float) -> dict[str, tuple[float, float]]:
    """`ids` in columns of `STACK` from `column`, the first at `y`."""
    return {
        ident: (column + i // STACK, y + (i % STACK) * STACK_PIXELS) for i, ident in enumerate(ids)
    }


def _wrapped(
    blocks: list[tuple[dict[str, tuple[float, float]], int]], top: str | None
) -> dict[str, tuple[float, float]]:
    """`blocks` in rows, left to right, below `top` (centred above the first row): of the
    row widths tried, the one whose picture is nearest twice as wide as tall."""
    if not blocks and top is None:
        return {}

    def rows(limit: int) -> list[list[int]]:
        packed: list[list[int]] = [[]]
        used = 0
        for i, (_, wide) in enumerate(blocks):
            if packed[-1] and used + wide > limit:
                packed.append([])
                used = 0
            packed[-1].append(i)
            used += wide
        return packed

    def tall(i: int) -> float:
        return max(y for _, y in blocks[i][0].values()) + LEVEL_PIXELS

    def shape(limit: int) -> float:
        packed = rows(limit)
        across = max(sum(blocks[i][1] for i in row) for row in packed) * COLUMN_PIXELS
        down = LEVEL_PIXELS + sum(max(tall(i) for i in row) for row in packed)
        return abs(math.log(across / down / 2))

    widest = max((wide for _, wide in blocks), default=1)
    total = sum(wide for _, wide in blocks) or 1
    limit = min(range(widest, total + 1), key=shape) if blocks else 1
    positions: dict[str, tuple[float, float]] = {}
    y = LEVEL_PIXELS if top is not None else 0.0
    first_row = 0
    for n, row in enumerate(rows(limit) if blocks else []):
        column = 0
        for i in row:
            placed, wide = blocks[i]
            for ident, (c, dy) in placed.items():
                positions[ident] = ((column + c) * COLUMN_PIXELS, y + dy)
            column += wide
        if n == 0:
            first_row = column
        y += max(tall(i) for i in row)
    if top is not None:
        positions[top] = ((first_row - 1) / 2 * COLUMN_PIXELS, 0.0)
    return positions
