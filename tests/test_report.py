"""The report: every finding, nothing fetched from outside, names drawn in the PDF."""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path

import pytest
from fpdf import FPDF
from markupsafe import escape
from pypdf import PdfReader

from mapper.diagnosis import diagnose
from mapper.findings.registry import kinds_of
from mapper.findings.themes import THEMES
from mapper.load import load_map, parse_map
from mapper.recommend import WORDED_KINDS
from mapper.render.letters import font_file
from mapper.render.pdf import letters_the_pdf_cannot_draw, report_pdf, undrawn_letters_note
from mapper.render.pdf_table import wrap
from mapper.render.report import PERSONAL_DATA_NOTE, SHOWN_PER_KIND, build_report, report_html
from tests.conftest import EXAMPLES, MINIMAL

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


def test_the_county_report_contains_every_finding(county) -> None:
    partnership, report = county
    html = report_html(report)
    findings = diagnose(partnership, today=TODAY).findings
    missing = [f.title for f in findings if str(escape(f.title)) not in html]
    assert missing == []
    assert report.findings_count == len(findings)
    actions = [f for f in findings if f.severity != "info"]
    assert [row["finding"] for row in report.plan] == [f.title for f in actions]


def test_the_report_fetches_nothing(county) -> None:
    html = report_html(county[1])
    text = re.sub(r"data:image/png;base64,[A-Za-z0-9+/=]+", "", html)
    assert not re.search(r"https?:|//[a-z]|@import", text, re.IGNORECASE)
    sources = re.findall(r"""(?:src|href|url)\s*[=(]\s*["']?([^"')\s>]+)""", html)
    assert sources and all(s.startswith("data:image/png;base64,") for s in sources)
    assert "<script" not in html
    assert "default-src 'none'" in html


def test_the_report_has_each_section(county) -> None:
    html = report_html(county[1])
    for heading in (
        "The partnership at a glance",
        "The map",
        "Findings by theme",
        "Action plan",
        "Meeting load",
        "Self-assessment",
    ):
        assert f">{heading}</h2>" in html
    assert html.count(str(escape(PERSONAL_DATA_NOTE))) == 2  # at the top and at the end
    assert html.count("data:image/png;base64,") == 3  # the map and two load charts
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
    for title in (f.title for f in diagnose(partnership, today=TODAY).findings[:10]):
        assert " ".join(title.split()) in extracted


def test_the_pdf_holds_every_action_and_what_to_do_in_its_tables() -> None:
    """The action plan and the information table are laid out by mapper.render.pdf_table."""
    partnership = parse_map(MINIMAL)
    report = build_report(partnership, today=TODAY)
    extracted = " ".join(pdf_text(report_pdf(report)).split())
    findings = diagnose(partnership, today=TODAY).findings
    assert len(report.plan) == sum(f.severity != "info" for f in findings) > SHOWN_PER_KIND
    for finding in findings:
        assert " ".join(finding.title.split()) in extracted
        assert " ".join(finding.recommendation.split()) in extracted
    assert "No. Severity Finding What to do Owner Due by" in extracted


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
