"""The map as a still picture for reports: the organisations view drawn with matplotlib.

It uses the display graph of the app's interactive map (`build_view`: colours by sector,
sizes by brokerage), so the report shows what the partnership saw in the room. On a printed
page there is no zooming, so the sectors stand in two rows of columns, each column wide enough
for its names, instead of the app's circle. Nothing is random: the same map, the same image.
"""

from __future__ import annotations

import bisect
import textwrap
from collections.abc import Sequence
from typing import Any

from matplotlib.collections import LineCollection
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from mapper.analysis import Analysis
from mapper.model import Partnership
from mapper.render.charts import png_of
from mapper.render.network import build_view, sector_columns

__all__ = [
    "PRINT_DPI",
    "governance_figure",
    "governance_png",
    "organisations_figure",
    "organisations_png",
    "touching",
]

#: A name's letters on a line, and the lines it may take (the rest is cut with an ellipsis).
LINE_LETTERS = 24
#: The pictures' resolution on paper: their text is measured at it (a font's hinting makes a
#: name wider at 160 dpi than at 100), so no two names may touch there.
PRINT_DPI = 160
PRINTED_INCHES = 7.2  # the PDF's text width, 182 mm
ROW_INCHES = 0.31


def _two_lines(name: str) -> str:
    """The name in one line or two of `LINE_LETTERS`, cut with an ellipsis beyond."""
    lines = textwrap.wrap(name, LINE_LETTERS) or [""]
    if len(lines) <= 2:
        return "\n".join(lines)
    second = " ".join(lines[1:])
    return lines[0] + "\n" + second[: LINE_LETTERS - 1].rstrip() + "…"


def _ink_on(colour: str) -> str:
    red, green, blue = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return "#ffffff" if 0.299 * red + 0.587 * green + 0.114 * blue < 150 else "#111111"


def sector_rows(partnership: Partnership) -> dict[str, tuple[float, float]]:
    """Each sector a column of its organisations; the first half of the sectors in a top row
    of columns, the rest beneath, one unit per column and per name (y runs down)."""
    columns = sector_columns(partnership)
    sectors = list(columns)
    top, bottom = sectors[: (len(sectors) + 1) // 2], sectors[(len(sectors) + 1) // 2 :]
    top_height = max((len(columns[s]) for s in top), default=0)
    positions = {}
    for tier, start in ((top, 0.0), (bottom, top_height + 1.5)):
        offset = (len(top) - len(tier)) / 2
        for x, sector in enumerate(tier):
            for row, ident in enumerate(columns[sector]):
                positions[ident] = (x + offset, start + row)
    return positions


def _name_box(
    axes: Any, at: tuple[float, float], label: str, colour: str, size: float, pad: float = 0.3
) -> None:
    """A name in a box of its colour, its ink dark or light to read on it."""
    axes.text(
        *at,
        label,
        ha="center",
        va="center",
        zorder=2,
        fontsize=size,
        color=_ink_on(colour),
        bbox={
            "boxstyle": f"round,pad={pad}",
            "facecolor": colour,
            "edgecolor": "#333333",
            "linewidth": 0.4,
        },
    )


def touching(figure: Figure) -> list[tuple[str, str]]:
    """The pairs of names whose boxes overlap in the figure's first axes, measured as printed
    (`PRINT_DPI`): each pair once, in the order of the names in the axes.

    Nothing is drawn: each box is put where drawing would put it (matplotlib's
    `update_bbox_position_size`, which its `Text.draw` calls first) and measured, and only
    the boxes that meet left to right are compared (a sweep), so a tree of a thousand
    meetings is measured in a fraction of a second rather than a pass of the renderer and
    half a million comparisons for each shape of name tried."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    shown = figure.dpi
    figure.set_dpi(PRINT_DPI)
    renderer = FigureCanvasAgg(figure).get_renderer()
    # Every name is drawn in a box (`_name_box`); a text without one is measured by itself.
    texts = list(figure.axes[0].texts)
    extents = []
    for text in texts:
        patch = text.get_bbox_patch()
        if patch is not None:
            text.update_bbox_position_size(renderer)
        x0, y0, x1, y1 = (patch if patch is not None else text).get_window_extent(renderer).extents
        extents.append((min(x0, x1), max(x0, x1), min(y0, y1), max(y0, y1)))
    figure.set_dpi(shown)
    return [(texts[i].get_text(), texts[j].get_text()) for i, j in _overlapping(extents)]


def _overlapping(extents: list[tuple[float, float, float, float]]) -> list[tuple[int, int]]:
    """The pairs (i < j) of boxes (left, right, bottom, top) that overlap or touch, as
    matplotlib's `Bbox.overlaps` says: by their left edges, each box is compared only with
    the boxes that start between its own left and right edges."""
    order = sorted(range(len(extents)), key=lambda i: extents[i][0])
    lefts = [extents[i][0] for i in order]
    pairs = []
    for k, i in enumerate(order):
        _, right, bottom, top = extents[i]
        for j in order[k + 1 : bisect.bisect_right(lefts, right)]:
            if extents[j][2] <= top and bottom <= extents[j][3]:
                pairs.append((min(i, j), max(i, j)))
    return sorted(pairs)


def _legend(figure: Figure, keys: Sequence[tuple[str, str]], columns: int) -> None:
    """The colours' key under the picture, a square of each colour and its words."""
    handles = [
        Line2D(
            [],
            [],
            marker="s",
            linestyle="",
            markersize=9,
            markerfacecolor=colour,
            markeredgecolor="#333333",
            label=name,
        )
        for name, colour in keys
    ]
    if handles:
        figure.legend(
            handles=handles,
            loc="lower center",
            ncol=min(columns, len(handles)),
            frameon=False,
            fontsize=7,
        )


def organisations_png(subject: Partnership | Analysis) -> bytes:
    """Organisations coloured by sector, lines for shared meetings and ties (thicker for
    more), larger labels for the organisations that connect the most partners."""
    return png_of(organisations_figure(subject), dpi=PRINT_DPI)


def organisations_figure(subject: Partnership | Analysis) -> Figure:
    """The picture `organisations_png` draws, as a matplotlib figure (the tests measure its
    labels)."""
    analysis = Analysis.of(subject)
    positions = sector_rows(analysis.partnership)
    view = build_view(analysis, "organisations", positions=positions)
    rows = max((y for _, y in positions.values()), default=0) + 1
    # Drawn at the size it is printed (the A4 page's width), so 7 pt on the screen is 7 pt on
    # paper: each row holds a name in two lines at most.
    figure = Figure(figsize=(PRINTED_INCHES, min(9.5, max(2.5, 0.9 + ROW_INCHES * rows))))
    axes = figure.add_axes((0, 0.06, 1, 0.94))
    axes.set_axis_off()
    where = {n.id: (n.x, -n.y) for n in view.nodes}  # the screen's y runs down
    # One collection of every tie (one plot call per tie was most of a large map's report).
    axes.add_collection(
        LineCollection(
            [(where[e.source], where[e.target]) for e in view.edges],
            colors="#9aa5b1",
            linewidths=[e.width * 0.25 for e in view.edges],
            alpha=0.4,
            zorder=1,
            capstyle="round",
        )
    )
    for node in view.nodes:
        _name_box(axes, where[node.id], _two_lines(node.label), node.colour, 6.2 + node.size / 25)
    if where:
        xs, ys = zip(*where.values(), strict=True)
        pad_x, pad_y = 0.55, 0.8
        axes.set_xlim(min(xs) - pad_x, max(xs) + pad_x)
        axes.set_ylim(min(ys) - pad_y, max(ys) + pad_y)
    _legend(figure, view.legend, columns=6)
    return figure


#: The governance tree on paper: the screen's layout (`tree_layout`) scaled to the page's
#: width, its rows stretched so that a name in four lines fits between two stacked meetings.
TREE_STRETCH = 2.0
#: The names' shapes tried, widest first (letters a line, lines at most): the first with which
#: no two names touch on paper is drawn, so a tree with room shows long names whole and a
#: crowded one narrows them rather than overlap.
TREE_SHAPES = ((20, 4), (18, 4), (16, 4), (14, 5), (12, 5))


def governance_png(subject: Partnership | Analysis) -> bytes:
    """The reports-to tree top down: each meeting by name, coloured by level, a line from
    each to the meeting it reports to."""
    return png_of(governance_figure(subject), dpi=PRINT_DPI)


def governance_figure(subject: Partnership | Analysis) -> Figure:
    """The picture `governance_png` draws, as a matplotlib figure."""
    analysis = Analysis.of(subject)
    view = build_view(analysis, "governance")
    where = {n.id: (n.x, -n.y * TREE_STRETCH) for n in view.nodes}
    if not where:
        figure = Figure(figsize=(PRINTED_INCHES, 1.0))
        figure.text(0.5, 0.5, "No meeting reports to another yet.", ha="center", fontsize=9)
        return figure
    xs, ys = zip(*where.values(), strict=True)
    span_x, span_y = max(xs) - min(xs) or 1.0, max(ys) - min(ys) or 1.0
    # A small tree keeps the size of a large one's boxes (at most 0.9 in a column of 300 px).
    inches_per_unit = min(PRINTED_INCHES / (span_x + 300), 0.003)
    height = min(9.5, max(1.5, (span_y + 150) * inches_per_unit + 0.6))
    half_width = PRINTED_INCHES / inches_per_unit / 2
    middle = (min(xs) + max(xs)) / 2
    figure = Figure(figsize=(PRINTED_INCHES, height))
    axes = figure.add_axes((0, 0.05, 1, 0.95))
    axes.set_axis_off()
    axes.add_collection(
        LineCollection(
            [(where[e.source], where[e.target]) for e in view.edges],
            colors="#8a96a3",
            linewidths=0.7,
            zorder=1,
        )
    )
    axes.set_xlim(middle - half_width, middle + half_width)
    axes.set_ylim(min(ys) - 75, max(ys) + 75)
    for letters, most in TREE_SHAPES:
        for text in list(axes.texts):
            text.remove()
        for node in view.nodes:
            lines = textwrap.wrap(node.label, letters) or [""]
            label = "\n".join(lines[:most]) + ("…" if len(lines) > most else "")
            _name_box(axes, where[node.id], label, node.colour, 5.2, pad=0.25)
        if not touching(figure):
            break
    # the shapes' key says nothing on paper, where each meeting is a box
    _legend(figure, [(n, c) for n, c in view.legend if c.upper() != "#FFFFFF"], columns=6)
    return figure
