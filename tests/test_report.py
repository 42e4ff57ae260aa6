"""The report: a summary on page one, the rest by priority, short by default and every
finding with --full; nothing fetched from outside, names drawn in the PDF, words not codes."""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import subprocess
import tempfile
from pathlib import Path

import pytest
from fpdf import FPDF
from hypothesis import given, settings
from hypothesis import strategies as st
from markupsafe import escape
from pypdf import PdfReader

from mapper.diagnosis import diagnose
from mapper.findings.registry import kinds_of
from mapper.findings.themes import THEMES
from mapper.headlines import FIGURES, headlines
from mapper.load import load_map, parse_map
from mapper.recommend import WORDED_KINDS
from mapper.render.letters import font_file
from mapper.render.pdf import letters_the_pdf_cannot_draw, report_pdf, undrawn_letters_note
from mapper.render.pdf_table import wrap
from mapper.render.report import ON_PAGE_ONE, PERSONAL_DATA_NOTE, build_report, report_html
from tests.conftest import EXAMPLES, MINIMAL, ROOT

TODAY = dt.date(2026, 11, 22)
HOSTILE = Path(__file__).parent / "data" / "hostile.yaml"


@pytest.fixture(scope="module")
def county():
    partnership = load_map(EXAMPLES / "county.yaml")
    return partnership, build_report(partnership, today=TODAY)


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_every_kind_of_finding_has_a_theme() -> None:
    themed = [kind for theme in THEMES for kind in kinds_of(theme)]
    assert sorted(themed) == sorted(WORDED_KINDS)  # each kind once, none left out


def test_the_county_report_names_every_finding_and_plans_every_problem_by_priority(county):
    partnership, report = county
    html = report_html(report)
    findings = diagnose(partnership, today=TODAY).by_priority
    missing = [f.title for f in findings if str(escape(f.title)) not in html]
    assert missing == []  # problems as rows of the plan, the rest as strengths and notes
    assert report.findings_count == len(findings)
    problems = [f for f in findings if f.severity != "info"]
    assert [row["finding"] for row in report.plan] == [f.title for f in problems]
    assert [row["action"] for row in report.plan] == [f.action for f in problems]
    assert [row["number"] for row in report.plan] == [str(n) for n in range(1, 17)]
    # page one's problems are the plan's first rows, numbered alike
    assert [(f.number, f.title) for f in report.first] == [
        (n, f.title) for n, f in enumerate(problems[:ON_PAGE_ONE], start=1)
    ]


def test_the_report_fetches_nothing(county) -> None:
    html = report_html(county[1])
    text = re.sub(r"data:image/png;base64,[A-Za-z0-9+/=]+", "", html)
    assert not re.search(r"https?:|//[a-z]|@import", text, re.IGNORECASE)
    sources = re.findall(r"""(?:src|href|url)\s*[=(]\s*["']?([^"')\s>]+)""", html)
    inside = [s for s in sources if not s.startswith("#")]  # links within the page itself
    assert inside and all(s.startswith("data:image/png;base64,") for s in inside)
    assert "<script" not in html
    assert "default-src 'none'" in html


def test_the_report_has_each_section(county) -> None:
    html = report_html(county[1])
    for heading in (
        "Summary",
        "Action plan",
        "The problems to act on first, in full",
        "The map",
        "Meeting load",
        "Self-assessment",
    ):
        assert f">{heading}</h2>" in html
    assert html.count(str(escape(PERSONAL_DATA_NOTE))) == 1  # at the end; page one says so
    assert "the note at the end says how to keep it" in html
    assert html.count("data:image/png;base64,") == 4  # the map, the tree, two load charts
    assert "Who spends longest in meetings" in html


def test_hostile_names_are_text_in_the_html_report() -> None:
    html = report_html(build_report(load_map(HOSTILE), today=TODAY))
    assert "<script>window.pwned" not in html and "<img src=x" not in html
    assert "&lt;script&gt;window.pwned" in html
    assert "<script" not in html


def test_the_pdf_draws_names_in_any_latin_alphabet() -> None:
    text = (
        MINIMAL.replace("name: Amara Okafor", "name: Zoë Łukasz-Siân Ngọc")
        if "name: Amara Okafor" in MINIMAL
        else None
    )
    assert text is not None, "the minimal map changed; update this test"
    partnership = parse_map(text)
    data = report_pdf(build_report(partnership, today=TODAY))
    assert data.startswith(b"%PDF")
    extracted = pdf_text(data)
    for name in ("Zoë", "Łukasz", "Siân", "Ngọc"):
        assert name in extracted


def test_arabic_names_are_shaped_and_letters_the_font_lacks_are_named() -> None:
    text = MINIMAL.replace("name: Amara Okafor", "name: فاطمة الزهراء").replace(
        "name: Test partnership", "name: 王 partnership"
    )
    report = build_report(parse_map(text), today=TODAY)
    extracted = pdf_text(report_pdf(report))
    # Shaped by HarfBuzz, the glyphs carry the name as written; unshaped, fpdf2 only reorders
    # the letters right to left and extraction gives them back reversed (ءارهزلا ةمطاف).
    assert "فاطمة الزهراء" in extracted
    assert "Northbridge Council is linked to the partnership only through" in " ".join(
        extracted.split()
    )
    assert letters_the_pdf_cannot_draw(report) == ["王"]
    assert "(王)" in undrawn_letters_note(report)
    assert undrawn_letters_note(build_report(parse_map(MINIMAL), today=TODAY)) is None


def test_the_county_pdf_has_the_findings_and_the_personal_data_note(county) -> None:
    partnership, report = county
    extracted = " ".join(pdf_text(report_pdf(report)).split())
    assert "Contains personal data." in extracted
    for title in (f.title for f in diagnose(partnership, today=TODAY).by_priority[:10]):
        assert " ".join(title.split()) in extracted


def _page_one_png(data: bytes, target: Path) -> None:
    with tempfile.TemporaryDirectory() as folder:
        pdf = Path(folder) / "report.pdf"
        pdf.write_bytes(data)
        subprocess.run(
            [
                "pdftoppm",
                "-r",
                "80",
                "-png",
                "-f",
                "1",
                "-l",
                "1",
                "-singlefile",
                str(pdf),
                str(Path(folder) / "page"),
            ],
            check=True,
        )
        target.write_bytes((Path(folder) / "page.png").read_bytes())


def _pages(data: bytes, name: str = "Harrowdale Best Start Partnership") -> list[str]:
    """Each page's text, its footer taken off (so that a paragraph across two pages reads
    on when the pages are joined)."""
    pages = [" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(data)).pages]
    footer = re.compile(rf" ?{re.escape(name)} · contains personal data · page \d+$")
    return [footer.sub("", page) for page in pages]


def test_page_one_of_the_county_pdf_is_the_summary(county) -> None:
    """The partnership in a paragraph, the four headline figures, and the five problems to
    act on first, each with what to do; the short report fits eight pages, the full one is
    longer and tells every finding in full."""
    partnership, report = county
    data = report_pdf(report)
    pages = _pages(data)
    assert len(pages) <= 8
    if os.environ.get("MAPPER_UPDATE_SCREENSHOTS") == "1":  # the README's picture of page one
        _page_one_png(data, ROOT / "docs" / "screenshots" / "report-page-1.png")
    first = pages[0]
    assert first.startswith("Harrowdale Best Start Partnership")
    assert "brings together 45 organisations from 10 sectors and 300 people" in first
    assert "They meet in 60 meetings (10 strategic, 20 operational and 30 practitioner)" in first
    diagnosis = diagnose(partnership, today=TODAY)
    figures = headlines(diagnosis)
    for figure in FIGURES:
        assert f"{figure.words(figures.value(figure))} {figure.title}" in first, figure
    assert "1 person Succession resilience" in first and "138 hours" in first  # county's own
    problems = [f for f in diagnosis.by_priority if f.severity != "info"]
    for n, finding in enumerate(problems[:ON_PAGE_ONE], start=1):
        assert f"{n}. HIGH {' '.join(finding.title.split())}" in first
        assert f"What to do: {' '.join(finding.action.split())}." in first
    assert " ".join(problems[ON_PAGE_ONE].title.split()) not in first  # the sixth: the plan's
    assert "found 16 problems to act on (7 high, 5 medium and 4 low)" in first
    plan = next(n for n, page in enumerate(pages) if page.startswith("Action plan"))
    assert plan == 1  # the plan follows on page two, and fits there
    assert all(" ".join(f.title.split()) in pages[plan] for f in problems)

    full = _pages(report_pdf(build_report(partnership, diagnosis, today=TODAY, full=True)))
    assert len(full) > len(pages)
    every = " ".join(full)
    for finding in diagnosis.findings:
        assert " ".join(finding.recommendation.split()) in every, finding.title
    assert "Every finding in full" in every
    short = " ".join(pages)
    told = sum(" ".join(f.recommendation.split()) in short for f in problems)
    assert told == ON_PAGE_ONE  # the short report tells page one's problems in full


#: A word of the format a reader should never see: snake_case keys, `key: value`, a file.
_CODE = re.compile(r"\b[a-z]+_[a-z_]+\b|`|\b\d{3}_[0-9a-f]{16}\.txt\b|\.ya?ml\b")


def test_no_page_of_the_county_report_carries_an_id_a_key_or_a_file_name(county) -> None:
    partnership, report = county
    ids = {
        r.id
        for section in ("organisations", "people", "meetings", "outcomes")
        for r in getattr(partnership, section)
        if "-" in r.id  # ids made of words: "harrowdale-cvs" is no word a reader uses
    }
    for full in (False, True):
        built = report if not full else build_report(partnership, today=TODAY, full=True)
        for number, page in enumerate(_pages(report_pdf(built)), start=1):
            words = set(re.findall(r"[a-z0-9]+(?:-[a-z0-9]+)+", page))
            assert words & ids == set(), (full, number, sorted(words & ids)[:5])
            assert not _CODE.search(page), (full, number, _CODE.search(page))


def test_the_pdf_holds_every_problem_and_what_to_do_in_its_tables() -> None:
    """The action plan is laid out by mapper.render.pdf_table: every problem with what to do
    in a line; the problems of page one told in full, the rest not."""
    partnership = parse_map(MINIMAL)
    report = build_report(partnership, today=TODAY)
    extracted = " ".join(pdf_text(report_pdf(report)).split())
    findings = diagnose(partnership, today=TODAY).by_priority
    problems = [f for f in findings if f.severity != "info"]
    assert len(report.plan) == len(problems) > ON_PAGE_ONE
    for finding in findings:
        assert " ".join(finding.title.split()) in extracted
    for finding in problems:
        assert " ".join(finding.action.split()) in extracted
    told = [" ".join(f.recommendation.split()) in extracted for f in problems]
    assert told == [True] * ON_PAGE_ONE + [False] * (len(problems) - ON_PAGE_ONE)
    assert "No. Severity Problem What to do Owner Due by" in extracted


@pytest.mark.parametrize("width", [6.0, 25.0, 61.3])
def test_table_lines_break_where_fpdf2_breaks_them(width: float) -> None:
    pdf = FPDF()
    pdf.add_font("DejaVu", "", str(font_file("")))
    pdf.add_page()
    pdf.set_font("DejaVu", "", 8.5)
    texts = (
        "Ask Organisation 206 and Organisation 240 to name the managers who should work together",
        "5065",
        "Zoë Łukasz-Siân Ngọc, a Supercalifragilisticexpialidocious name, and a short one",
        "two lines\nof sectors: 4\n\nafter a blank line  with two spaces",
        " leading space and a closing line break\n",
    )
    for text in texts:
        fpdf_lines = pdf.multi_cell(width + 2, 5, text, dry_run=True, output="LINES", padding=1)
        ours = wrap(text, width, pdf.get_string_width)
        assert [line.rstrip() for line in ours] == [line.rstrip() for line in fpdf_lines], text
    pdf.output()  # which closes the font file


def test_a_pdf_of_the_hostile_map_renders() -> None:
    data = report_pdf(build_report(load_map(HOSTILE), today=TODAY))
    assert "<script>window.pwned" in pdf_text(data)  # text, drawn as typed


def test_an_empty_map_still_makes_a_report() -> None:
    partnership = parse_map("version: 1\nname: Just started\n")
    report = build_report(partnership, today=TODAY)
    html = report_html(report)
    assert "The map has no meetings yet." in html
    assert "has not been filled in yet" in html
    assert report_pdf(report).startswith(b"%PDF")


def test_cli_report_writes_html_and_pdf(run_cli, tmp_path: Path) -> None:
    code, out, _ = run_cli("report", str(EXAMPLES / "small.yaml"), "-o", str(tmp_path / "r.html"))
    assert code == 0 and "personal data" in out
    assert (tmp_path / "r.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    code, _, err = run_cli("report", str(EXAMPLES / "small.yaml"), "-o", str(tmp_path / "r.pdf"))
    assert code == 0 and (tmp_path / "r.pdf").read_bytes().startswith(b"%PDF")
    assert err == ""


def test_cli_says_when_the_report_cannot_draw_letters_of_the_map(
    run_cli, map_file, tmp_path: Path
) -> None:
    path = map_file(MINIMAL.replace("name: Amara Okafor", "name: Amara 王"))
    code, _, err = run_cli("report", str(path), "-o", str(tmp_path / "r.pdf"))
    assert code == 0 and "note: Some letters in this map (王) are not in the report's font" in err
    code, _, err = run_cli("report", str(path), "-o", str(tmp_path / "r.html"))
    assert code == 0 and "blanks in the PDF and in the report's pictures" in err


def test_cli_report_of_an_invalid_map_gives_messages(run_cli, map_file) -> None:
    code, out, err = run_cli("report", str(map_file("version: 1\n")), "-o", "x.html")
    assert code == 2 and out == "" and "name" in err


def test_the_report_downloads_use_the_diagnosis_the_session_holds(monkeypatch):
    """The Findings page's report buttons ran the whole diagnosis a second time."""
    from mapper import load_map
    from mapper.diagnosis import diagnose
    from mapper.render import report
    from mapper.render.pdf import pdf_report_file
    from mapper.render.report import html_report_file
    from tests.conftest import EXAMPLES

    small = load_map(EXAMPLES / "small.yaml")
    held = diagnose(small)

    def again(*args, **kwargs):
        raise AssertionError("the report diagnosed the map again")

    monkeypatch.setattr(report, "diagnose", again)
    assert html_report_file(small, held).startswith(b"<!DOCTYPE html>")
    assert pdf_report_file(small, held).startswith(b"%PDF")


def _drawn_touching(figure) -> list[tuple[str, str]]:
    """The pairs of names whose boxes overlap once the figure is drawn as printed (160 dpi,
    where hinting makes text wider than at 100), every box compared with every other: what
    a reader of the page would see, independent of how the report measured it."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    from mapper.render.static_map import PRINT_DPI

    figure.set_dpi(PRINT_DPI)
    canvas = FigureCanvasAgg(figure)
    canvas.draw()  # lays the name boxes out where the picture has them
    texts = list(figure.axes[0].texts)
    boxes = [t.get_bbox_patch().get_window_extent(canvas.get_renderer()) for t in texts]
    return [
        (texts[i].get_text(), texts[j].get_text())
        for i in range(len(boxes))
        for j in range(i + 1, len(boxes))
        if boxes[i].overlaps(boxes[j])
    ]


def test_the_map_on_paper_names_every_organisation_and_no_name_touches_another() -> None:
    """The organisations picture is drawn at its printed size: every organisation's name is
    there (in two lines at most, cut only past that), at 6 pt or more, and no two name boxes
    overlap; one line per pair of organisations."""
    from mapper.analysis import Analysis
    from mapper.render.network import build_view
    from mapper.render.static_map import organisations_figure

    for name in ("county.yaml", "small.yaml"):
        partnership = load_map(EXAMPLES / name)
        figure = organisations_figure(partnership)
        assert _drawn_touching(figure) == []
        axes = figure.axes[0]
        texts = axes.texts
        assert figure.get_figwidth() == pytest.approx(7.2)  # the page's width: 6 pt is 6 pt
        assert len(texts) == len(partnership.organisations)
        assert min(t.get_fontsize() for t in texts) >= 6
        shown = {t.get_text().replace("\n", " ").rstrip("…") for t in texts}
        for organisation in partnership.organisations:
            assert any(organisation.label.startswith(s) for s in shown), organisation.label
            if len(organisation.label) <= 40:  # two lines hold it whole
                assert organisation.label in shown, organisation.label
        view = build_view(Analysis(partnership), "organisations")
        pairs = [frozenset((e.source, e.target)) for e in view.edges]
        assert len(pairs) == len(set(pairs))  # each tie drawn once
        assert len(axes.collections[0].get_segments()) == len(pairs)


def test_the_governance_tree_on_paper_names_every_meeting_and_no_name_touches_another() -> None:
    """The reports-to tree at its printed width: every meeting by name (five lines at most,
    cut past that), no two name boxes overlapping, one line per reporting line; on the
    county example and the published structures."""
    from mapper.render.static_map import governance_figure

    maps = [EXAMPLES / "county.yaml", EXAMPLES / "small.yaml", *(EXAMPLES / "real").glob("*.yaml")]
    drawn = 0
    for path in maps:
        if path.name.endswith(".review.yaml"):
            continue
        partnership = load_map(path)
        if not any(m.reports_to for m in partnership.meetings):
            continue
        figure = governance_figure(partnership)
        assert _drawn_touching(figure) == [], path.name
        texts = figure.axes[0].texts
        assert figure.get_figwidth() == pytest.approx(7.2)
        assert len(texts) == len(partnership.meetings), path.name
        assert min(t.get_fontsize() for t in texts) >= 5
        shown = [t.get_text().replace("\n", " ").rstrip("…") for t in texts]
        for meeting in partnership.meetings:
            assert any(meeting.label.startswith(s) for s in shown), meeting.label
        lines = sum(len(m.reports_to) for m in partnership.meetings)
        assert len(figure.axes[0].collections[0].get_segments()) == lines, path.name
        drawn += 1
    assert drawn >= 6


# Edges on a coarse grid, so that boxes meeting exactly at an edge (which matplotlib counts as
# overlapping) and boxes a step apart (which it does not) both come up often.
_edge = st.integers(0, 12).map(float)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(_edge, _edge, _edge, _edge), max_size=25))
def test_boxes_found_overlapping_are_those_matplotlib_says_overlap(corners) -> None:
    """`static_map._overlapping` (a sweep by left edges) finds exactly the pairs that
    comparing every box with every other by `Bbox.overlaps` finds, in the same order."""
    from matplotlib.transforms import Bbox

    from mapper.render.static_map import _overlapping

    boxes = [Bbox.from_extents(*c) for c in corners]
    extents = [(min(x0, x1), max(x0, x1), min(y0, y1), max(y0, y1)) for x0, y0, x1, y1 in corners]
    assert _overlapping(extents) == [
        (i, j)
        for i in range(len(boxes))
        for j in range(i + 1, len(boxes))
        if boxes[i].overlaps(boxes[j])
    ]


def test_names_touching_are_measured_as_a_drawing_places_them() -> None:
    """`touching` measures the name boxes without drawing the figure: the same pairs as the
    boxes of the figure drawn at the printed resolution, on a tree crowded enough that many
    names touch (county240's, in the narrowest shape tried) and on one where none do."""
    from mapper.render.static_map import governance_figure, touching

    crowded = _county240()
    for partnership, some in ((crowded, True), (load_map(EXAMPLES / "county.yaml"), False)):
        figure = governance_figure(partnership)
        found = touching(figure)
        assert found == _drawn_touching(figure)
        assert bool(found) == some


def _county240():
    """The benchmarks' generated county of 240 organisations (370 meetings), made in memory."""
    from benchmarks.generate import generate

    return parse_map(generate("county240"))


def test_a_review_since_an_earlier_map_carries_no_id_key_or_file_name(run_cli, tmp_path: Path):
    """`report --since`: the page on what changed names each map in words, not by its file."""
    earlier = tmp_path / "2026-06 review.yaml"
    earlier.write_text(
        (EXAMPLES / "county.yaml").read_text(encoding="utf-8").replace("leaving:", "# leaving:"),
        encoding="utf-8",
    )
    target = tmp_path / "r.pdf"
    code, _, err = run_cli(
        "report", str(EXAMPLES / "county.yaml"), "--since", str(earlier), "-o", str(target)
    )
    assert code == 0, err
    pages = _pages(target.read_bytes())
    since = next(page for page in pages if page.startswith("Since the last review"))
    assert "From “2026-06 review”" in since and "to “county”" in since
    for number, page in enumerate(pages, start=1):
        assert not _CODE.search(page), (number, _CODE.search(page))
