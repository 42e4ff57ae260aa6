"""Tables for the PDF report, laid out a word at a time.

fpdf2's `FPDF.table` lays every cell out twice (once to measure the row, once to draw it) with
the line breaker of `multi_cell`, which adds a line's letters one at a time and measures the
whole line again for each (fpdf2 2.8.9): the 5,000 rows of a large map's action plan took
130 s of a 135 s PDF. `table` draws what `FPDF.table` drew (a border round every cell in the
current line colour and width, a shaded bold heading row repeated at the top of each page,
1 mm of padding, text centred in the height of its row, no row split across pages) and
breaks lines where its line breaker did (after the last word that fits the column, a word
longer than the column cut between letters), but measures each distinct word once per font
and size and draws each line with `FPDF.text`. Text shaping (Arabic and Hebrew names) is done
by fpdf2's own `cell`, a line at a time, when the document has it switched on.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from fpdf import FPDF

__all__ = ["Measure", "table", "wrap"]

HEADING_FILL = (238, 243, 247)
PADDING = 1.0
TOLERANCE = 1e-9  # fpdf2's own, for a line that fits to the last letter


def wrap(text: str, width: float, measure: Callable[[str], float]) -> list[str]:
    """The lines `text` takes in `width`: each as many words as fit (`measure` gives a text's
    width), a word too long for a line cut between letters, `\\n` a new line."""
    space = measure(" ")
    lines: list[str] = []
    paragraphs = text.split("\n")
    if len(paragraphs) > 1 and paragraphs[-1] == "":
        paragraphs.pop()  # a closing line break ends the last line, it does not add one
    for paragraph in paragraphs:
        line: list[str] = []
        used = 0.0
        for word in paragraph.split(" "):
            size = measure(word)
            if line and used + space + size <= width + TOLERANCE:
                line.append(word)
                used += space + size
                continue
            if line:
                lines.append(" ".join(line))
            line, used = [word], size
            while used > width + TOLERANCE and len(line[0]) > 1:
                head, rest = _cut(line[0], width, measure)
                lines.append(head)
                line, used = [rest], measure(rest)
        lines.append(" ".join(line))
    return lines


def _cut(word: str, width: float, measure: Callable[[str], float]) -> tuple[str, str]:
    """The most letters of `word` that fit in `width` (at least one), and the rest."""
    end = 1
    while end < len(word) and measure(word[: end + 1]) <= width + TOLERANCE:
        end += 1
    return word[:end], word[end:]


class Measure:
    """Widths of words in the document's current font, remembered per font and size."""

    def __init__(self, pdf: FPDF) -> None:
        self.pdf = pdf
        self.known: dict[tuple[str, float], dict[str, float]] = {}

    def __call__(self, text: str) -> float:
        key = (self.pdf.font_family + self.pdf.font_style, self.pdf.font_size_pt)
        widths = self.known.setdefault(key, {})
        width = widths.get(text)
        if width is None:
            width = widths[text] = self.pdf.get_string_width(text)
        return width


def _draw_lines(pdf: FPDF, lines: Sequence[str], x: float, y: float, line_height: float) -> None:
    """Lines from the top left corner (`x`, `y`), placed as `multi_cell` places them."""
    if pdf.text_shaping:
        for line in lines:
            pdf.set_xy(x - pdf.c_margin, y)
            pdf.cell(0, line_height, line)
            y += line_height
        return
    baseline = y + 0.5 * line_height + 0.3 * pdf.font_size
    for line in lines:
        pdf.text(x, baseline, line)
        baseline += line_height


def table(
    pdf: FPDF,
    header: Sequence[str],
    rows: Sequence[Sequence[str]],
    widths: Sequence[float],
    size: float,
    measure: Measure | None = None,
) -> None:
    """`header` and `rows` at `size` points across the page, the columns in the proportions
    of `widths`; the cursor ends at the left margin beneath the table."""
    measure = measure or Measure(pdf)
    family = pdf.font_family
    line_height = size * 0.5
    columns = [w / sum(widths) * pdf.epw for w in widths]
    lefts = [pdf.l_margin + sum(columns[:j]) for j in range(len(columns))]

    def laid_out(cells: Sequence[str], style: str) -> tuple[float, list[list[str]]]:
        pdf.set_font(family, style, size)
        texts = [
            wrap(text, width - 2 * PADDING, measure) if text else []
            for text, width in zip(cells, columns, strict=True)
        ]
        height = max(
            (len(lines) * line_height + 2 * PADDING for lines in texts if lines), default=0
        )
        return height or line_height, texts

    def draw(height: float, texts: list[list[str]], style: str) -> None:
        pdf.set_font(family, style, size)
        top = pdf.y
        for left, width, lines in zip(lefts, columns, texts, strict=True):
            pdf.rect(left, top, width, height, style="DF" if style else "D")
            if lines:
                tall = len(lines) * line_height + 2 * PADDING
                _draw_lines(
                    pdf, lines, left + PADDING, top + (height - tall) / 2 + PADDING, line_height
                )
        pdf.set_xy(pdf.l_margin, top + height)

    fill = pdf.fill_color
    pdf.set_fill_color(*HEADING_FILL)
    head = laid_out(header, "B")
    body = [laid_out(row, "") for row in rows]
    if body and pdf.will_page_break(head[0] + body[0][0]):
        pdf.add_page()
    draw(*head, "B")
    for height, texts in body:
        if pdf.will_page_break(height):
            pdf.add_page()
            draw(*head, "B")
        draw(height, texts, "")
    if fill is not None:
        pdf.set_fill_color(fill)
    pdf.set_font(family, "", size)
