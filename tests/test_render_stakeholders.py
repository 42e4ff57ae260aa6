"""The stakeholder grid as a picture and a table, and in the report: drawn when the map
places someone on it, the same every time, whatever the names."""

from __future__ import annotations

import datetime as dt
import io
import random
from pathlib import Path

from PIL import Image
from pypdf import PdfReader

from mapper import load_map
from mapper.render.pdf import report_pdf
from mapper.render.report import build_report, report_html
from mapper.render.stakeholder_grid import (
    MOST_LINES,
    _fill,
    _width,
    _wrapped,
    stakeholder_grid_png,
)
from mapper.render.stakeholders import grid_file_name, placed, stakeholder_rows
from tests.conftest import EXAMPLES

TODAY = dt.date(2026, 11, 22)
STAKEHOLDERS = Path(__file__).parent / "data" / "stakeholders.yaml"


def test_the_grid_is_a_picture_drawn_the_same_every_time():
    eastmere = load_map(STAKEHOLDERS)
    png = stakeholder_grid_png(eastmere)
    assert png == stakeholder_grid_png(eastmere)
    width, height = Image.open(io.BytesIO(png)).size
    assert 1300 <= width <= 1450 and height > width / 2  # 9 inches at 150 dots, and a grid
    assert len(placed(eastmere)) == 22
    assert grid_file_name(eastmere.name) == "eastmere-family-hubs-partnership-stakeholders.png"


def test_the_table_lists_everyone_rated_with_what_is_not_recorded():
    rows = {r["name"]: r for r in stakeholder_rows(load_map(STAKEHOLDERS))}
    assert len(rows) == 24
    assert rows["Eastmere Constabulary"] == {
        "name": "Eastmere Constabulary",
        "influence": "high",
        "interest": "low",
        "stance": "sceptic",
        "quarter": "Keep satisfied",
    }
    assert rows["Priya Raman (Eastmere Early Help and Family Hubs Service)"]["quarter"] == (
        "not on the grid"
    )


def test_a_long_name_wraps_by_words_and_is_cut_only_past_four_lines():
    name = "Eastmere Community Health NHS Foundation Trust"
    lines = _wrapped(name, 2.0)
    assert " ".join(lines) == name and len(lines) == 3  # whole words, nothing left out
    assert all(_width(line) <= 2.0 for line in lines)
    cut = _wrapped("word " * 40, 1.0)
    assert len(cut) == 4 and cut[-1].endswith("…")
    assert _wrapped("Supercalifragilisticexpialidocious-Partnership", 1.0)[0].endswith("…")


def test_a_full_cell_says_how_many_more_and_keeps_them_in_order():
    from mapper.render.stakeholder_grid import _Entry

    entries = [_Entry([f"name {i}"], "o", "#ffffff") for i in range(40)]
    cell = _fill(entries, 4.0, 2)
    shown = [e.lines[0] for column in cell.columns for e in column]
    assert shown == [f"name {i}" for i in range(len(shown))]  # the first ones, in order
    assert cell.more == 40 - len(shown) and cell.lines <= MOST_LINES
    few = _fill(entries[:3], 4.0, 2)
    assert few.more == 0 and [len(c) for c in few.columns] == [2, 1]


def test_any_names_on_a_crowded_grid_draw_without_error():
    county = load_map(EXAMPLES / "county.yaml")
    chosen = random.Random(0)
    ratings, stances = ("low", "medium", "high"), (None, "champion", "sceptic")
    organisations = [
        o.model_copy(
            update={
                "name": "$x^{2$ **" + (o.name or o.id) + "** \\frac",
                "influence": chosen.choice(ratings),
                "interest": chosen.choice(ratings),
                "stance": chosen.choice(stances),
            }
        )
        for o in county.organisations
    ]
    people = [
        q.model_copy(update={"influence": "high", "interest": "high", "stance": "champion"})
        for q in county.people
    ]
    crowded = county.model_copy(
        update={"version": 2, "organisations": tuple(organisations), "people": tuple(people)}
    )
    assert Image.open(io.BytesIO(stakeholder_grid_png(crowded))).size[1] < 3500


def test_the_report_draws_the_grid_only_when_someone_is_placed():
    eastmere = build_report(load_map(STAKEHOLDERS), today=TODAY)
    assert eastmere.stakeholder_picture is not None
    assert "2 more record a stance or one rating only" in eastmere.stakeholder_picture.caption
    html = report_html(eastmere)
    assert '<h2 id="stakeholders">The stakeholder map</h2>' in html
    # the map, the governance tree, the grid, two load charts
    assert html.count("data:image/png;base64,") == 5
    pages = [p.extract_text() for p in PdfReader(io.BytesIO(report_pdf(eastmere))).pages]
    (page,) = [p for p in pages if "The stakeholder map" in p]
    assert "Influence and interest" in page  # the heading on the page of its picture
    small = build_report(load_map(EXAMPLES / "small.yaml"), today=TODAY)
    assert small.stakeholder_picture is None
    assert 'id="stakeholders"' not in report_html(small)


def test_the_axis_name_stands_clear_of_the_levels_beside_the_grid():
    from matplotlib.font_manager import FontProperties
    from matplotlib.textpath import TextPath

    from mapper.render.stakeholder_grid import LEFT, TICK_PT

    def extent(text: str, size: float, weight: str = "normal"):
        font = FontProperties(family="DejaVu Sans", size=size, weight=weight)
        return TextPath((0, 0), text, prop=font).get_extents()

    level_starts = LEFT - 0.1 - extent("medium", TICK_PT).width / 72
    name_ends = 0.04 + extent("Influence", TICK_PT + 1, "bold").height / 72 * 1.4  # with descent
    assert name_ends < level_starts
