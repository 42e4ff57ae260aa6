"""The stakeholder map as a picture: the influence-interest grid, for the app's Stakeholders
page and the report.

Influence runs up, interest across; the line between the halves of each axis is between
medium and high (`mapper.stakeholders` decides the quarter), so the lower and left halves
are split again, `low` at the outer edge and `medium` by the line. Each organisation (a
square) and person (a circle) is listed in its cell, coloured by stance, its name wrapped
to the cell as measured in the font (cut only when it needs more than four lines), so no
two labels overlap; a cell with more than it can hold says how many more, which the table
lists. Nothing is random: the same map, the same picture.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle
from matplotlib.textpath import TextPath

from mapper.analysis import Analysis
from mapper.model import Partnership
from mapper.render.charts import png_of
from mapper.render.stakeholders import QUARTER_WORDS, STANCE_COLOURS, placed
from mapper.stakeholders import Quarter
from mapper.vocabulary import label

__all__ = ["LABEL_PT", "SCREEN_DPI", "stakeholder_grid_png"]

_TINTS: dict[Quarter, str] = {
    "manage_closely": "#e8eef8",
    "keep_satisfied": "#f1eef8",
    "keep_informed": "#eaf5ee",
    "monitor": "#f4f4f4",
}
INK, MUTED, EDGE = "#1a1a1a", "#4a4a4a", "#5a5a5a"

# Sizes in inches and points. The picture is 9 inches wide: the app shows it about 770
# pixels wide on a 1280 by 720 screen (13.5 pt labels are then 16 pixels high) and at
# SCREEN_DPI on a larger one, where the whole grid fits a 1080-pixel-high screen; the report
# prints it across an A4 page (labels of about 10.5 pt).
WIDTH, LEFT, RIGHT, TOP, BOTTOM = 9.0, 1.3, 0.1, 0.1, 1.45
LABEL_PT, TITLE_PT, HINT_PT, TICK_PT = 13.5, 15.5, 12, 13
SCREEN_DPI = 100
LINE, HEADER, PAD = 0.25, 0.66, 0.12
MARK_AT, TEXT_AT = 0.16, 0.32  # the marker's centre and the label's start, from a column's edge
MOST_LINES = 12  # lines a column of a cell holds before it says how many more
FEW = 6  # names a cell as wide as half the grid lists in one column
LEAST_HALF = 2.3  # the smallest height of half the grid, so an empty map still reads as a grid
_FONT = FontProperties(family="DejaVu Sans", size=LABEL_PT)


def _width(text: str) -> float:
    """`text`'s width in inches, in the labels' font."""
    return TextPath((0, 0), text, prop=_FONT).get_extents().width / 72


def _wrapped(text: str, room: float, most: int = 4) -> list[str]:
    """`text` in at most `most` lines no wider than `room` inches, by words; the last line
    (or a word wider than a line) ends in an ellipsis when something is left out."""
    lines: list[str] = []
    words = text.split()
    while words and len(lines) < most:
        line = words.pop(0)
        while words and _width(f"{line} {words[0]}") <= room:
            line = f"{line} {words.pop(0)}"
        lines.append(line)
    if words:
        lines[-1] += "…"
    return [_fit(line, room) for line in lines]


def _fit(line: str, room: float) -> str:
    while _width(line) > room and len(line) > 2:
        line = line[:-2].rstrip() + "…"
    return line


@dataclass(frozen=True)
class _Entry:
    lines: list[str]
    marker: str
    colour: str


@dataclass
class _Cell:
    """One cell of the grid: its columns of entries, and how many did not fit."""

    width: float
    columns: list[list[_Entry]]
    more: int = 0

    @property
    def lines(self) -> int:
        """The lines its longest column takes (the last one's count says how many more)."""
        taken = [sum(len(e.lines) for e in c) for c in self.columns]
        taken[-1] += 1 if self.more else 0
        return max(taken)


# A cell for each (influence, interest): its rows are influence high (the top half), then
# medium and low (the bottom half); its columns interest low, medium (the left half), high.
_LEVELS = ("low", "medium", "high")


def _cell_x(interest: str, half: float) -> tuple[float, float]:
    """Where the cell of `interest` starts, from the grid's left edge, and how wide it is."""
    return {"low": (0.0, half / 2), "medium": (half / 2, half / 2), "high": (half, half)}[interest]


def _cells(analysis: Analysis, half: float) -> dict[tuple[str, str], _Cell]:
    p = analysis.partnership
    on_grid = placed(analysis)
    cells: dict[tuple[str, str], _Cell] = {}
    for influence in _LEVELS:
        for interest in _LEVELS:
            width = _cell_x(interest, half)[1]
            here = [s for s in on_grid if (s.influence, s.interest) == (influence, interest)]
            # A whole half's width takes two columns once it holds more than a few names.
            count = 2 if width > half * 0.75 and len(here) > FEW else 1
            room = width / count - TEXT_AT - 0.14
            entries = [
                _Entry(
                    _wrapped(label(p, s.id), room),
                    "s" if s.record == "organisation" else "o",
                    STANCE_COLOURS[s.stance],
                )
                for s in here
            ]
            cells[(influence, interest)] = _fill(entries, width, count)
    return cells


def _fill(entries: Sequence[_Entry], width: float, count: int) -> _Cell:
    """Entries in order down `count` columns of about the same length, at most MOST_LINES
    lines each; when some do not fit, the last column keeps a line to say how many more."""
    lines = [len(e.lines) for e in entries]
    even = min(MOST_LINES, max(-(-sum(lines) // count), max(lines, default=0)))
    columns: list[list[_Entry]] = [[] for _ in range(count)]
    column, used, shown = 0, 0, 0
    for entry in entries:
        last = column == count - 1
        if used + len(entry.lines) > (MOST_LINES if last else even) and not last:
            column, used, last = column + 1, 0, column + 1 == count - 1
        if used + len(entry.lines) > (MOST_LINES if last else even):
            break
        columns[column].append(entry)
        used, shown = used + len(entry.lines), shown + 1
    if shown < len(entries):  # room for the line that says how many more
        while columns[-1] and sum(len(e.lines) for e in columns[-1]) + 1 > MOST_LINES:
            columns[-1].pop()
            shown -= 1
    return _Cell(width, columns, len(entries) - shown)


def stakeholder_grid_png(subject: Partnership | Analysis, dpi: int = 150) -> bytes:
    """The influence-interest grid with every placed stakeholder in its cell (see the
    module's docstring), `dpi` pixels to the inch: 150 prints sharp; the app draws it at
    SCREEN_DPI."""
    analysis = Analysis.of(subject)
    half = (WIDTH - LEFT - RIGHT) / 2
    cells = _cells(analysis, half)

    def row_lines(influence: str) -> int:
        return max(cells[(influence, i)].lines for i in _LEVELS)

    top = max(LEAST_HALF, HEADER + row_lines("high") * LINE + PAD)
    medium = row_lines("medium") * LINE + PAD
    low = row_lines("low") * LINE + PAD
    bottom = max(LEAST_HALF, HEADER + medium + low)
    if max(top, bottom) <= 1.6 * min(top, bottom):  # halves of one height, the classic grid
        top = bottom = max(top, bottom)
    spare = bottom - HEADER - medium - low
    medium, low = medium + spare / 2, low + spare / 2
    height = BOTTOM + bottom + top + TOP
    figure = Figure(figsize=(WIDTH, height))
    axes = figure.add_axes((0, 0, 1, 1))
    axes.set_axis_off()
    axes.set_xlim(0, WIDTH)
    axes.set_ylim(0, height)
    rows = {  # influence -> (the top of its cell's content, the middle of its row)
        "high": (BOTTOM + bottom + top - HEADER, BOTTOM + bottom + (top - HEADER) / 2),
        "medium": (BOTTOM + low + medium, BOTTOM + low + medium / 2),
        "low": (BOTTOM + low, BOTTOM + low / 2),
    }
    _quarters(axes, half, bottom, top, low)
    for (influence, interest), cell in cells.items():
        x, _ = _cell_x(interest, half)
        _draw_cell(axes, cell, LEFT + x, rows[influence][0])
    _axes_words(axes, half, rows)
    _legend(figure)
    return png_of(figure, dpi=dpi)


def _quarters(axes: Axes, half: float, bottom: float, top: float, low: float) -> None:
    """The four quarters, tinted and named, the lines between them, and dotted lines
    between low and medium where a half is split."""
    spans: dict[Quarter, tuple[float, float, float]] = {
        "keep_satisfied": (LEFT, BOTTOM + bottom, top),
        "manage_closely": (LEFT + half, BOTTOM + bottom, top),
        "monitor": (LEFT, BOTTOM, bottom),
        "keep_informed": (LEFT + half, BOTTOM, bottom),
    }
    for quarter, (x, y, tall) in spans.items():
        axes.add_patch(Rectangle((x, y), half, tall, facecolor=_TINTS[quarter], zorder=0))
        title, hint = QUARTER_WORDS[quarter]
        at = y + tall - 0.1
        axes.text(x + 0.12, at, title, fontsize=TITLE_PT, weight="bold", color=INK, va="top")
        axes.text(x + 0.12, at - 0.3, hint, fontsize=HINT_PT, style="italic", color=MUTED, va="top")
    dotted: dict[str, Any] = {
        "color": "#8a8a8a",
        "linewidth": 1,
        "linestyle": (0, (2, 3)),
        "zorder": 1,
    }
    middle = LEFT + half / 2
    axes.plot([middle, middle], [BOTTOM + bottom, BOTTOM + bottom + top - HEADER], **dotted)
    axes.plot([middle, middle], [BOTTOM, BOTTOM + bottom - HEADER], **dotted)
    split = BOTTOM + low
    axes.plot([LEFT, LEFT + 2 * half], [split, split], **dotted)
    solid: dict[str, Any] = {"color": "#333333", "linewidth": 2.2, "zorder": 1}
    axes.plot([LEFT + half, LEFT + half], [BOTTOM, BOTTOM + bottom + top], **solid)
    axes.plot([LEFT, LEFT + 2 * half], [BOTTOM + bottom, BOTTOM + bottom], **solid)
    axes.add_patch(
        Rectangle(
            (LEFT, BOTTOM), 2 * half, bottom + top, fill=False, edgecolor="#333333", linewidth=1.2
        )
    )


def _draw_cell(axes: Axes, cell: _Cell, x: float, top: float) -> None:
    """The cell's entries from `top` down, each a marker in its stance's colour and its
    name; the last line says how many more there are, when some did not fit."""
    column_width = cell.width / len(cell.columns)
    for index, column in enumerate(cell.columns):
        left, y = x + index * column_width, top - PAD / 2
        for entry in column:
            centre = y - LINE / 2
            axes.plot(
                [left + MARK_AT],
                [centre],
                marker=entry.marker,
                markersize=10 if entry.marker == "o" else 9,
                markerfacecolor=entry.colour,
                markeredgecolor=EDGE,
                markeredgewidth=1,
                zorder=3,
            )
            for line in entry.lines:
                axes.text(
                    left + TEXT_AT, y - LINE / 2, line, fontsize=LABEL_PT, color=INK, va="center"
                )
                y -= LINE
        if cell.more and index == len(cell.columns) - 1:
            more = f"+ {cell.more} more (in the table)"
            if _width(more) * 1.05 > column_width - 0.3:
                more = f"+ {cell.more} more"
            axes.text(
                left + 0.06,
                y - LINE / 2,
                more,
                fontsize=LABEL_PT,
                style="italic",
                color=MUTED,
                va="center",
            )


def _axes_words(axes: Axes, half: float, rows: dict[str, tuple[float, float]]) -> None:
    """The levels beside and under the grid, and the names of the two axes."""
    for level, (_, middle) in rows.items():
        axes.text(LEFT - 0.1, middle, level, fontsize=TICK_PT, color=INK, ha="right", va="center")
    for level in _LEVELS:
        start, wide = _cell_x(level, half)
        axes.text(
            LEFT + start + wide / 2,
            BOTTOM - 0.08,
            level,
            fontsize=TICK_PT,
            color=INK,
            ha="center",
            va="top",
        )
    grid_middle = (BOTTOM + axes.get_ylim()[1] - TOP) / 2
    axes.text(  # at the far left: clear of the longest level beside the grid, "medium"
        0.04,
        grid_middle,
        "Influence  →",
        fontsize=TICK_PT + 1,
        weight="bold",
        color=INK,
        rotation=90,
        ha="left",
        va="center",
    )
    axes.text(
        LEFT + half,
        BOTTOM - 0.42,
        "Interest  →",
        fontsize=TICK_PT + 1,
        weight="bold",
        color=INK,
        ha="center",
        va="top",
    )


def _legend(figure: Figure) -> None:
    """Stance by colour on one line under the grid, organisation or person by shape below."""

    def mark(shape: str, colour: str, words: str) -> Line2D:
        return Line2D(
            [],
            [],
            marker=shape,
            linestyle="",
            markersize=10 if shape == "o" else 9,
            markerfacecolor=colour,
            markeredgecolor=EDGE,
            label=words,
        )

    heading = Line2D([], [], linestyle="", label="Stance:")
    stances = [mark("o", c, stance or "not recorded") for stance, c in STANCE_COLOURS.items()]
    shapes = [
        Line2D([], [], linestyle="", label="Shape:"),
        mark("s", "#ffffff", "organisation"),
        mark("o", "#ffffff", "person"),
    ]
    height = figure.get_figheight()
    for handles, above in (([heading, *stances], 0.36), (shapes, 0.02)):
        legend = figure.legend(
            handles=handles,
            loc="lower center",
            ncol=len(handles),
            frameon=False,
            fontsize=HINT_PT,
            handletextpad=0.3,
            handlelength=1.0,
            columnspacing=1.0,
            bbox_to_anchor=(0.5, above / height),
        )
        legend.get_texts()[0].set_fontweight("bold")
