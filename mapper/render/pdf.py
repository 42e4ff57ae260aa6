"""The report as a PDF, from the same content as the HTML report.

fpdf2 is pure Python (nothing to install on a locked-down laptop) and embeds the TrueType
font it is given: DejaVu Sans, which matplotlib ships, so names such as Zoë, Łukasz and Siân
are drawn and can be searched and copied. Names in Arabic or Hebrew script are shaped with
HarfBuzz (uharfbuzz), so letters join and run right to left inside an English sentence; that
costs about three times the time, so it is switched on only for reports that need it.
Characters DejaVu lacks (Chinese, Bengali, emoji) are drawn as blanks rather than stopping the
report; `letters_the_pdf_cannot_draw` names them, so the app and the command line can say so
and point to the HTML report, which the browser draws with the computer's own fonts.
"""

from __future__ import annotations

import datetime as dt
import io
import logging
import struct
import unicodedata
from collections.abc import Sequence

from fpdf import FPDF

from mapper.diagnosis import Diagnosis
from mapper.model import Partnership
from mapper.questionnaire import DRAWN_FROM
from mapper.render.letters import (
    FONT_FILES,
    font_file,
    letters_the_pdf_cannot_draw,
    texts_in,
    undrawn_letters_note,
)
from mapper.render.pdf_table import Measure, table
from mapper.render.report import Chart, Headline, Report, ReportFinding, build_report
from mapper.render.review_pdf import since_last_review
from mapper.vocabulary import readable

__all__ = [
    "report_pdf",
    "pdf_report_file",
    "font_file",
    "letters_the_pdf_cannot_draw",
    "undrawn_letters_note",
]

FONT = "DejaVu"
_SEVERITY_COLOURS = {
    "high": (176, 58, 46),
    "medium": (185, 119, 14),
    "low": (47, 111, 159),
    "info": (102, 102, 102),
}


def _needs_shaping(report: Report) -> bool:
    """Arabic (AL) and Hebrew (R) letters: joined forms and right-to-left runs."""
    letters = set("".join(texts_in(report)))  # each letter once: the large map has 1.7 million
    return any(unicodedata.bidirectional(char) in ("AL", "R") for char in letters)


class _Document(FPDF):
    def __init__(self, report: Report) -> None:
        super().__init__(format="A4")
        self.report = report
        self.measure = Measure(self)  # word widths, shared by every table
        for style in FONT_FILES:
            self.add_font(FONT, style, str(font_file(style)))
        self.set_margins(14, 16, 14)
        self.set_auto_page_break(True, margin=16)
        self.set_title(f"{report.name}: system map report")
        self.set_creator("Best Start system mapper")
        self.set_lang("en-GB")
        self.set_creation_date(dt.datetime.combine(report.made_on, dt.time(), tzinfo=dt.UTC))
        if _needs_shaping(report):
            # The paragraph stays left to right: an Arabic name inside an English sentence.
            self.set_text_shaping(True, direction="ltr")

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font(FONT, "I", 8)
        self.set_text_color(90, 90, 90)
        self.cell(
            0, 5, f"{self.report.name} · contains personal data · page {self.page_no()}", align="C"
        )
        self.set_text_color(0, 0, 0)

    # --- building blocks -------------------------------------------------------------------

    def heading(self, text: str, level: int = 1) -> None:
        size = {1: 16, 2: 12.5}[level]
        if self.will_page_break(size * 2.2):
            self.add_page()
        self.ln(3 if level == 1 else 2)
        self.set_font(FONT, "B", size)
        self.multi_cell(0, size * 0.5, text, align="L", new_x="LMARGIN", new_y="NEXT")
        if level == 1:
            self.set_draw_color(47, 111, 159)
            self.set_line_width(0.6)
            self.line(self.l_margin, self.get_y() + 1, self.w - self.r_margin, self.get_y() + 1)
            self.ln(3)
        self.set_font(FONT, "", 10)

    def paragraph(self, text: str, style: str = "", size: float = 10) -> None:
        self.set_font(FONT, style, size)
        self.multi_cell(0, size * 0.5, text, align="L", new_x="LMARGIN", new_y="NEXT")
        self.ln(1.5)
        self.set_font(FONT, "", 10)

    def boxed_note(self, text: str) -> None:
        self.set_fill_color(251, 238, 238)
        self.set_font(FONT, "", 9.5)
        self.multi_cell(
            0,
            5,
            f"Contains personal data. {text}",
            fill=True,
            padding=2,
            align="L",
            new_x="LMARGIN",
            new_y="NEXT",
        )
        self.set_fill_color(255, 255, 255)  # tables fill with the current colour
        self.ln(2)
        self.set_font(FONT, "", 10)

    def rows(
        self,
        header: tuple[str, ...],
        rows: Sequence[tuple[str, ...]],
        widths: tuple[float, ...],
        size: float = 8.5,
    ) -> None:
        self.set_font(FONT, "", size)
        table(self, header, rows, widths, size, self.measure)
        self.ln(2)
        self.set_font(FONT, "", 10)

    def picture_height(self, chart: Chart) -> float:
        """The height a picture takes with its title and caption."""
        width, height = struct.unpack(">II", chart.png[16:24])  # from the PNG header
        return self.epw * height / width + 18

    def picture(self, chart: Chart) -> None:
        if self.will_page_break(self.picture_height(chart)):
            self.add_page()
        self.set_font(FONT, "B", 10)
        self.multi_cell(0, 5, chart.title, new_x="LMARGIN", new_y="NEXT")
        self.image(io.BytesIO(chart.png), w=self.epw)
        self.paragraph(chart.caption, "I", 8.5)

    def finding(self, finding: ReportFinding) -> None:
        if self.will_page_break(30):
            self.add_page()
        self.badge(finding.severity)
        self.set_font(FONT, "B", 10)
        self.multi_cell(0, 5, finding.title, align="L", new_x="LMARGIN", new_y="NEXT")
        self.paragraph(
            (f"Problem {finding.number} of the action plan · " if finding.number else "")
            + finding.theme,
            "I",
            8,
        )
        if finding.evidence:
            self.rows(("Evidence", ""), list(finding.evidence), (1, 3), size=8.5)
        self.paragraph(f"What to do: {finding.recommendation}", size=9.5)
        self.paragraph(f"Guidance: {finding.source}", "I", 8)

    def badge(self, severity: str) -> None:
        red, green, blue = _SEVERITY_COLOURS[severity]
        self.set_fill_color(red, green, blue)
        self.set_text_color(255, 255, 255)
        self.set_font(FONT, "B", 7.5)
        self.cell(self.get_string_width(severity.upper()) + 3, 4.5, severity.upper(), fill=True)
        self.set_text_color(0, 0, 0)
        self.set_fill_color(255, 255, 255)
        self.set_x(self.get_x() + 2)

    def headlines(self, headlines: Sequence[Headline]) -> None:
        """The headline figures in a row of boxes: the figure, what it is, what it means."""
        gap, height = 3.0, 30.0
        width = (self.epw - gap * (len(headlines) - 1)) / len(headlines)
        top = self.get_y()
        self.set_draw_color(160, 170, 180)
        self.set_line_width(0.3)
        for n, figure in enumerate(headlines):
            left = self.l_margin + n * (width + gap)
            self.rect(left, top, width, height)
            self.set_xy(left + 2, top + 2)
            size = 17.0
            self.set_font(FONT, "B", size)
            while self.get_string_width(figure.value) > width - 5 and size > 9:
                size -= 0.5  # a long figure is set smaller, never past its box
                self.set_font(FONT, "B", size)
            self.cell(width - 4, 8, figure.value, new_x="LEFT", new_y="NEXT")
            self.set_font(FONT, "B", 8.5)
            self.multi_cell(width - 4, 4, figure.label, align="L", new_x="LEFT", new_y="NEXT")
            self.set_font(FONT, "", 7.5)
            self.set_text_color(70, 70, 70)
            self.multi_cell(width - 4, 3.4, figure.meaning, align="L", new_x="LEFT", new_y="NEXT")
            self.set_text_color(0, 0, 0)
        self.set_xy(self.l_margin, top + height + 3)
        self.set_font(FONT, "", 10)


def _summary(pdf: _Document, report: Report) -> None:
    """Page one: the partnership, its headline figures, and what to act on first."""
    pdf.set_font(FONT, "B", 20)
    pdf.multi_cell(0, 9, report.name, new_x="LMARGIN", new_y="NEXT")
    pdf.paragraph(
        f"The partnership's system map and what it shows, {report.made_on_words}. "
        "Contains personal data: the note at the end says how to keep it.",
        "I",
        9,
    )
    pdf.heading("Summary")
    pdf.paragraph(report.summary, size=10)
    pdf.headlines(report.headlines)
    if report.first:
        pdf.heading(
            f"The {len(report.first)} problem{'s' if len(report.first) != 1 else ''} to act "
            "on first",
            2,
        )
        for finding in report.first:
            pdf.set_font(FONT, "B", 9.5)
            pdf.cell(6, 5, f"{finding.number}.")
            pdf.badge(finding.severity)
            pdf.set_font(FONT, "B", 9.5)
            pdf.multi_cell(0, 4.8, finding.title, align="L", new_x="LMARGIN", new_y="NEXT")
            pdf.set_x(pdf.l_margin + 6)
            pdf.set_font(FONT, "", 9.5)
            pdf.multi_cell(
                0, 4.8, f"What to do: {finding.action}.", align="L", new_x="LMARGIN", new_y="NEXT"
            )
            pdf.ln(1.5)
    pdf.paragraph(_tally(report), size=9.5)


def _tally(report: Report) -> str:
    """What else the report holds, after page one."""
    if not report.plan:
        problems = "The diagnosis found no problem to act on."
    else:
        rest = (
            f" The action plan lists all {report.problems_count}, with who acts and by when."
            if report.problems_count > len(report.first)
            else " The action plan says who acts on each and by when."
        )
        problems = (
            f"The diagnosis found {report.problems_count} problem"
            f"{'s' if report.problems_count != 1 else ''} to act on "
            f"({report.problem_counts}).{rest}"
        )
    notes = len(report.information)
    also = (
        f" {notes} more finding{'s' if notes != 1 else ''} recognise strengths or note gaps "
        "in the map."
        if notes
        else ""
    )
    aside = (
        f" {len(report.set_aside)} {'was' if len(report.set_aside) == 1 else 'were'} set aside "
        "by the partnership, with its reasons (after the plan)."
        if report.set_aside
        else ""
    )
    return problems + also + aside


def _plan(pdf: _Document, report: Report) -> None:
    pdf.add_page()
    pdf.heading("Action plan")
    pdf.paragraph(
        "One row per problem, the one to act on first first. Owner and due date are those "
        "the partnership agreed (kept in the map with its decisions); an empty cell is still "
        "for the board to agree.",
        size=9,
    )
    if report.plan:
        pdf.rows(
            ("No.", "Severity", "Problem", "What to do", "Owner", "Due by"),
            [
                (r["number"], r["severity"], r["finding"], r["action"], r["owner"], r["due by"])
                for r in report.plan
            ],
            (0.6, 1.1, 5.2, 4.0, 1.15, 1.0),
            size=7,
        )
    else:
        pdf.paragraph("Nothing to act on: the diagnosis found no problem.")
    if report.set_aside:
        pdf.heading("Findings set aside", 2)
        pdf.paragraph(
            "The partnership looked at these findings and decided not to act on them, for "
            "the reasons given. They are kept in the map so they do not come back.",
            size=9,
        )
        pdf.rows(
            ("Finding", "Reason", "Decided on"),
            [(f.title, f.reason, f.decided_on) for f in report.set_aside],
            (4, 4, 1.2),
            size=7.5,
        )


def _detail(pdf: _Document, report: Report) -> None:
    pdf.add_page()
    if report.full:
        pdf.heading("Every finding in full")
        pdf.paragraph(
            "Each problem of the action plan, then the findings that recognise strengths or "
            "note gaps in the map, in the order to act on them.",
            size=9,
        )
    else:
        pdf.heading("The problems to act on first, in full")
    for finding in report.detailed:
        pdf.finding(finding)
    if not report.full and report.more_problems:
        pdf.paragraph(
            f"The other {report.more_problems} problems are rows of the action plan; the full "
            "report tells each of them in full, with its evidence.",
            "I",
            9,
        )


def _pictures(pdf: _Document, report: Report) -> None:
    if pdf.will_page_break(pdf.picture_height(report.map_picture) + 16 * 2.2):
        pdf.add_page()  # the map with its heading, on the page before when there is room
    pdf.heading("The map")
    pdf.picture(report.map_picture)
    if report.tree_picture:
        pdf.picture(report.tree_picture)  # on the map's page when it fits, else the next
    if report.stakeholder_picture:
        if pdf.will_page_break(pdf.picture_height(report.stakeholder_picture) + 16 * 2.2):
            pdf.add_page()  # the heading goes with its picture, not alone at a page's foot
        pdf.heading("The stakeholder map")
        pdf.picture(report.stakeholder_picture)
    first = pdf.picture_height(report.charts[0]) if report.charts else 20
    if pdf.will_page_break(first + 16 * 2.2):
        pdf.add_page()  # the heading goes with its first chart
    pdf.heading("Meeting load")
    for chart in report.charts:
        if pdf.will_page_break(90):
            pdf.add_page()
        pdf.picture(chart)
    if not report.charts:
        pdf.paragraph("The map has no meetings yet.")


def _strengths(pdf: _Document, report: Report) -> None:
    """In the short report, the information findings by title (the full one tells them)."""
    if report.full or not report.information:
        return
    pdf.heading("Strengths, and notes on the map", 2)
    pdf.paragraph(
        "Not problems: the people and organisations that hold the partnership together, whose "
        "connecting work deserves recognition, and what the map may be missing.",
        size=9,
    )
    for finding in report.information:
        pdf.paragraph(f"• {finding.title}", size=8.5)


def _references(pdf: _Document, report: Report) -> None:
    pdf.heading("The guidance behind the checks", 2)
    pdf.rows(
        ("Document", "What the checks take from it"),
        [(r.title, r.used_for) for r in report.references],
        (1.2, 2.6),
        size=8,
    )


def _assessment(pdf: _Document, report: Report) -> None:
    if report.full or pdf.will_page_break(80) or report.charts:
        pdf.add_page()
    pdf.heading("Self-assessment")
    pdf.paragraph(
        f"How the partnership rates itself against {DRAWN_FROM}, beside what the map "
        "shows. Not yet scores 0, partly 1, yes 2.",
        size=9.5,
    )
    if not report.overall.answered:
        pdf.paragraph(
            "The self-assessment has not been filled in yet. The statements are "
            "listed so the board can answer them.",
            "B",
            9.5,
        )
    pdf.rows(
        ("Group", "Answered", "Score"),
        [
            (
                s.group,
                f"{s.answered} of {s.statements}",
                f"{s.percent}%" if s.percent is not None else "not answered",
            )
            for s in report.all_scores
        ],
        (3, 1, 1),
        size=9,
    )
    if not report.full:
        pdf.paragraph(
            "The full report lists every statement, with the answer, the note and what the "
            "map shows beside it.",
            "I",
            8.5,
        )
        return
    for group in report.groups:
        pdf.heading(group, 2)
        rows = []
        for s in report.statements_in(group):
            shows = (
                (
                    f"{len(s.related)} related finding{'s' if len(s.related) != 1 else ''}"
                    + "".join(f"; {f.title}" for f in s.related[:2])
                    + ("; …" if len(s.related) > 2 else "")
                )
                if s.related
                else "Nothing in the map bears against it."
            )
            if s.questioned:
                shows = "The map questions this “yes”. " + shows
            rows.append(
                (
                    s.question.statement,
                    readable(s.answer) if s.answer else "not answered",
                    s.note or "",
                    shows,
                )
            )
        pdf.rows(
            ("Statement", "Answer", "Note", "What the map shows"), rows, (4, 1.3, 3, 3.4), size=8
        )


def report_pdf(report: Report) -> bytes:
    """The report as PDF bytes: A4, the same sections as the HTML report."""
    pdf = _Document(report)
    pdf.add_page()
    _summary(pdf, report)
    since_last_review(pdf, report)
    _plan(pdf, report)
    _detail(pdf, report)
    _strengths(pdf, report)
    _pictures(pdf, report)
    _assessment(pdf, report)
    _references(pdf, report)
    pdf.boxed_note(report.personal_data_note)
    # fpdf2 logs each glyph DejaVu lacks; the report still renders, so keep the log quiet.
    logging.getLogger("fpdf").setLevel(logging.ERROR)
    return bytes(pdf.output())


def pdf_report_file(
    partnership: Partnership, diagnosis: Diagnosis | None = None, *, full: bool = False
) -> bytes:
    """The PDF report of `partnership` (the app's download), from the `diagnosis` the session
    already holds when given."""
    return report_pdf(build_report(partnership, diagnosis, full=full))
