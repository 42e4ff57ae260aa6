"""The review over time in the report (HTML and PDF) and on the command line: `report NEW
--since OLD [--since ...]` and the problems view of `diff`."""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from mapper.render.report import build_report, report_html
from mapper.render.review import review_section
from mapper.review import review_maps
from mapper.save import dump_map
from tests.test_review_over_time import TODAY, last_review, merged_county, this_review


def written(path: Path, partnership, day: dt.date) -> Path:
    """The map saved to `path`, its file last changed on `day` (the snapshot's date)."""
    path.write_text(dump_map(partnership), encoding="utf-8")
    stamp = dt.datetime.combine(day, dt.time(12)).timestamp()
    os.utime(path, (stamp, stamp))
    return path


def test_report_since_an_older_map_shows_what_changed(run_cli, tmp_path):
    old = written(tmp_path / "july.yaml", last_review(), dt.date(2025, 7, 3))
    new = written(tmp_path / "now.yaml", this_review(today=dt.date.today()), dt.date(2026, 1, 8))
    code, out, err = run_cli(
        "report", str(new), "--since", str(old), "-o", str(tmp_path / "r.html")
    )
    assert (code, err) == (0, "")
    html = (tmp_path / "r.html").read_text(encoding="utf-8")
    section = html[html.index('<h2 id="since">') : html.index('<h2 id="map">')]
    assert "From “july”, 3 July 2025 to “now”, 8 January 2026" in section
    assert "1 problem resolved, 1 new, 3 still open, 1 set aside." in section
    assert re.search(r"<h3>Resolved \(1\)</h3>\s*<ul>\s*<li>post \(school\) is vacant", section)
    assert "(was medium, now high)" in section
    assert "<h3>Set aside by the partnership (1)</h3>" in section
    rows = re.findall(r"<tr><td>([^<]+)</td><td>([^<]+)</td><td>([^<]+)</td>", section)
    assert ("Person-hours spent in meetings a year", "96 hours", "96 hours") in rows
    assert "<img" not in section  # two snapshots: no trend


def test_without_since_the_report_has_no_review_section():
    report = build_report(last_review(), today=TODAY)
    assert report.since is None
    assert "Since the last review" not in report_html(report)


def pdf_pages(data: bytes) -> list[tuple[str, int]]:
    """Each page's text, spaces made single, and how many pictures it holds."""
    pages = PdfReader(io.BytesIO(data)).pages
    return [(" ".join(p.extract_text().split()), len(p.images)) for p in pages]


@pytest.mark.parametrize("given", ["oldest first", "last review first"])
def test_three_county_snapshots_give_a_one_page_section_with_a_trend(run_cli, tmp_path, given):
    county, after = merged_county()
    january = written(tmp_path / "jan.yaml", county, dt.date(2025, 1, 10))
    july = written(tmp_path / "jul.yaml", county, dt.date(2025, 7, 3))
    now = written(tmp_path / "now.yaml", after, dt.date(2026, 1, 8))
    target = tmp_path / "r.pdf"
    earlier = [january, july] if given == "oldest first" else [july, january]
    code, _, err = run_cli(
        "report",
        str(now),
        "--since",
        str(earlier[0]),
        "--since",
        str(earlier[1]),
        "-o",
        str(target),
    )
    assert (code, err) == (0, "")
    pages = pdf_pages(target.read_bytes())
    (page, pictures), *others = [p for p in pages if "Since the last review" in p[0]]
    assert others == []
    # the figures, the lists and the trend, all on that one page
    assert "From “jul”, 3 July 2025 to “now”, 8 January 2026" in page
    assert (
        "Person-hours a year that merging duplicate meetings would free 138 hours 0 hours better"
        in page
    )
    assert "Resolved (1)" in page and "Early Help Partnership Group and Family Support" in page
    assert "The headline figures over 3 reviews" in page and pictures == 1


def test_the_trend_has_a_point_per_snapshot_and_none_for_two():
    county, after = merged_county()
    two = review_section(review_maps([county, after], today=TODAY))
    three = review_section(review_maps([county, county, after], today=TODAY))
    assert two.trend is None
    assert three.trend is not None and three.trend.startswith(b"\x89PNG")
    assert [r.change for r in three.figures] == ["no change", "no change", "better", "better"]


def test_the_maps_of_a_review_are_put_in_order_of_their_dates(tmp_path):
    from mapper.review import file_snapshots

    small = merged_county()[0]
    # Copied today, all three: the dates in their names order them.
    june = written(tmp_path / "2025-06 review.yaml", small, TODAY)
    january = written(tmp_path / "2025-01 review.yaml", small, TODAY)
    dated = written(tmp_path / "map 2025-03-14.yaml", small, TODAY)
    now = written(tmp_path / "now.yaml", small, TODAY)
    assert file_snapshots([june, january, dated], now) == [
        (january, TODAY),  # a month orders it; the day it was taken is not in the name
        (dated, dt.date(2025, 3, 14)),  # a whole date in the name is the date shown
        (june, TODAY),
        (now, TODAY),  # the newest stays last whatever its date
    ]
    # Near misses: no date in these names (a longer number, a thirteenth month), so each
    # file's last change orders them, those of one date in the order given.
    later = written(tmp_path / "v20250-01.yaml", small, dt.date(2025, 9, 1))
    odd = written(tmp_path / "2025-13.yaml", small, dt.date(2025, 2, 1))
    same = written(tmp_path / "b.yaml", small, dt.date(2025, 2, 1))
    assert [p for p, _ in file_snapshots([later, same, odd], now)] == [same, odd, later, now]


@pytest.mark.parametrize(
    ("content", "says"),
    [
        ("a: [\n", "this is not valid YAML"),
        ("version: 1\n", "name: is missing"),
        (b"\x00\xff", "NUL bytes"),
    ],
)
def test_an_unreadable_older_map_is_a_message_not_a_traceback(run_cli, map_file, content, says):
    old = map_file(content, "old.yaml")
    new = written(old.parent / "new.yaml", last_review(), TODAY)
    target = old.parent / "r.pdf"
    code, out, err = run_cli("report", str(new), "--since", str(old), "-o", str(target))
    assert (code, out) == (2, "")
    assert err.startswith(f"{old}:") and says in err and "Traceback" not in err
    assert not target.exists()


def test_a_missing_older_map_is_named(run_cli, tmp_path):
    new = written(tmp_path / "new.yaml", last_review(), TODAY)
    code, _, err = run_cli("report", str(new), "--since", str(tmp_path / "gone.yaml"), "-o", "x")
    assert (code, err) == (2, f"{tmp_path / 'gone.yaml'}: no such file\n")


def test_diff_shows_the_problems_and_the_figures_then_and_now(run_cli, tmp_path):
    old = written(tmp_path / "july.yaml", last_review(), dt.date(2025, 7, 3))
    new = written(tmp_path / "now.yaml", this_review(today=dt.date.today()), dt.date(2026, 1, 8))
    code, out, _ = run_cli("diff", str(old), str(new))
    assert code == 0
    lines = out.splitlines()
    assert (
        "Since “july”, 3 July 2025: 1 problem resolved, 1 new, 3 still open, 1 set aside." in lines
    )
    assert "    Person-hours spent in meetings a year: 96 hours -> 96 hours (no change)" in lines
    assert "  Resolved (1):" in lines and "  New (1):" in lines
    code, out, _ = run_cli("diff", str(old), str(new), "--format", "json")
    found = json.loads(out)["review"]
    assert [f["subjects"] for f in found["resolved"]] == [["post"]]
    assert [(f["subjects"], f["was"], f["severity"]) for f in found["still_open"]][0] == (
        ["post2"],
        "medium",
        "high",
    )
    assert [s["taken"] for s in found["snapshots"]] == ["2025-07-03", "2026-01-08"]
    assert found["snapshots"][0]["headlines"]["person_hours"] == 96.0
