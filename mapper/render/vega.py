"""Charts for the app, as Vega-Lite specifications (plain data: the page hands them to
Streamlit, which draws them offline with the Vega it bundles).

Streamlit's own bar chart sorts the bars by name and drops labels that do not fit; these
keep the order given (largest first), give every bar its own row, tall enough for its label
to read on a projector, and write each bar's value at its end.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

__all__ = ["bars_spec", "distinct_labels"]

INK = "#222222"
BAR = "#2f6f9f"
OVER = "#c0392b"
ROW_PX = 28  # the height of one bar's row: a 14 px label with room around it


def distinct_labels(labels: Sequence[str]) -> list[str]:
    """The labels with repeats told apart ("Sam Lee", "Sam Lee (2)"): a chart gives one bar
    to each distinct label, so two people of one name would otherwise share a bar."""
    seen: dict[str, int] = {}
    out = []
    for text in labels:
        seen[text] = seen.get(text, 0) + 1
        out.append(text if seen[text] == 1 else f"{text} ({seen[text]})")
    return out


def bars_spec(
    rows: Sequence[dict[str, Any]],
    category: str,
    value: str,
    limit: float | None = None,
) -> dict[str, Any]:
    """Horizontal bars of `value` by `category`, in the order of `rows` (give them largest
    first), every bar labelled; bars above `limit` are red, with the limit as a dashed line."""
    labels = distinct_labels([str(r[category]) for r in rows])
    data = [{category: text, value: r[value]} for text, r in zip(labels, rows, strict=True)]
    y = {
        "field": category,
        "type": "nominal",
        "sort": None,  # the order of the rows: largest first
        "axis": {"title": None, "labelLimit": 360, "labelOverlap": False, "labelFontSize": 14},
    }
    x = {"field": value, "type": "quantitative", "title": value, "axis": {"labelFontSize": 13}}
    colour: dict[str, Any] = {"value": BAR}
    if limit is not None:
        colour = {"condition": {"test": f"datum['{value}'] > {limit}", "value": OVER}, "value": BAR}
    layers: list[dict[str, Any]] = [
        {"mark": {"type": "bar"}, "encoding": {"y": y, "x": x, "color": colour}},
        {
            "mark": {
                "type": "text",
                "align": "left",
                "dx": 6,
                "fontSize": 13,
                "fontWeight": "bold",
                "color": INK,
            },
            "encoding": {"y": y, "x": x, "text": {"field": value, "format": ",.1f"}},
        },
    ]
    if limit is not None:
        layers.append(
            {
                "mark": {"type": "rule", "color": OVER, "strokeDash": [4, 4], "opacity": 0.6},
                "encoding": {"x": {"datum": limit}},
            }
        )
    return {
        "data": {"values": data},
        "height": {"step": ROW_PX},
        "layer": layers,
    }
