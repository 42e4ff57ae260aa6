"""Charts for the report, drawn with matplotlib into PNG bytes.

`matplotlib.figure.Figure` is used directly, never pyplot: no global state, no GUI backend, so
charts can be drawn from the app's threads. DejaVu Sans, matplotlib's own font, draws names
such as Zoë, Łukasz and Siân.
"""

from __future__ import annotations

import io
import warnings
from collections.abc import Sequence

import matplotlib
from matplotlib.figure import Figure

__all__ = ["bar_chart", "png_of"]

# Every text these pictures draw is somebody's words: `$x^2$` in a name is a dollar sign and
# letters, never a formula (and an unbalanced `Council $x^{2$` must not stop the report).
# matplotlib reads this when each text is made; the reports are its only users here, and
# every module that draws imports this one (static_map takes png_of from it).
matplotlib.rcParams["text.parse_math"] = False

INK = "#222222"
BAR = "#2f6f9f"
OVER = "#c0392b"


def png_of(figure: Figure, dpi: int = 150) -> bytes:
    buffer = io.BytesIO()
    with warnings.catch_warnings():
        # A letter DejaVu lacks is drawn blank; mapper.render.pdf.undrawn_letters_note says
        # so to the person, once, instead of a warning per letter on the console.
        warnings.filterwarnings("ignore", message=r"Glyph \d+ .* missing from font")
        # zlib's fastest level: these flat-coloured pictures come out about the same size (the
        # large map's 3.6 MB either way) in less time than Pillow's default, level 6.
        figure.savefig(
            buffer,
            format="png",
            dpi=dpi,
            bbox_inches="tight",
            metadata={"Software": None},
            pil_kwargs={"compress_level": 1},
        )
    return buffer.getvalue()


def _short(text: str, most: int = 38) -> str:
    return text if len(text) <= most else text[: most - 1] + "…"


def bar_chart(
    labels: Sequence[str],
    values: Sequence[float],
    unit: str,
    limit: float | None = None,
    limit_label: str = "",
) -> bytes:
    """Horizontal bars, largest at the top; bars beyond `limit` are drawn in red, with the
    limit as a dashed line, so the chart reads without its caption."""
    # Drawn at the size it is printed (the A4 page's text width), bars a line of text apart.
    height = 0.8 + 0.2 * max(1, len(labels))
    figure = Figure(figsize=(7.2, height), layout="constrained")
    axes = figure.add_subplot()
    positions = list(range(len(labels)))[::-1]
    colours = [OVER if limit is not None and v > limit else BAR for v in values]
    axes.barh(positions, values, color=colours)
    axes.set_yticks(positions, [_short(label) for label in labels], fontsize=8, color=INK)
    axes.set_xlabel(unit, fontsize=8, color=INK)
    axes.tick_params(axis="x", labelsize=8)
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    for y, value in zip(positions, values, strict=True):
        axes.text(value, y, f" {value:,.1f}", va="center", fontsize=7.5, color=INK)
    if limit is not None:
        axes.axvline(limit, color=OVER, linestyle="--", linewidth=1)
        axes.text(
            limit, len(labels) - 0.4, f" {limit_label}", color=OVER, fontsize=7.5, va="bottom"
        )
    axes.set_xlim(0, max([*values, limit or 0]) * 1.18 or 1)
    return png_of(figure)
