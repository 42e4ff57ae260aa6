"""The PDF's "Since the last review" page (`mapper.render.review.ReviewSection`), drawn with
the building blocks of the PDF report (`mapper.render.pdf`), which calls `since_last_review`
once, after the partnership at a glance."""

from __future__ import annotations

import io
import struct
from typing import TYPE_CHECKING

from mapper.render.report import Report

if TYPE_CHECKING:
    from mapper.render.pdf import _Document

__all__ = ["since_last_review"]


def since_last_review(pdf: _Document, report: Report) -> None:
    """A page of its own: the headline figures then and now, the problems resolved, new and
    still open, and the trend of each figure over three reviews or more. Nothing without a
    review."""
    since = report.since
    if since is None:
        return
    pdf.add_page()
    pdf.heading("Since the last review")
    pdf.paragraph(
        f"From {since.since} to {since.now}: {since.summary} A problem is a finding that "
        "asks for action (information findings are left out, as in the action plan); it is "
        "the same problem in both maps when it is of the same kind about the same people, "
        "meetings or organisations.",
        size=9.5,
    )
    pdf.rows(
        ("Headline figure", "Then", "Now", "Change"),
        [(r.label, r.then, r.now, r.change) for r in since.figures],
        (5, 1.4, 1.4, 1.2),
        size=8.5,
    )
    lists = list(since.lists)
    for pair in (lists[i : i + 2] for i in range(0, len(lists), 2)):
        cells = [
            "\n".join(f"• {t}" for t in p.titles) + (f"\n… and {p.more} more" if p.more else "")
            for p in pair
        ]
        headings = [f"{p.heading} ({p.count})" for p in pair]
        if len(pair) == 1:  # a lone list keeps the width of one column
            headings, cells = [*headings, ""], [*cells, ""]
        pdf.rows(tuple(headings), [tuple(cells)], (1, 1), size=8)
    if since.trend:
        width, height = struct.unpack(">II", since.trend[16:24])  # from the PNG header
        shown = pdf.epw * 0.8
        if pdf.will_page_break(shown * height / width + 14):
            pdf.add_page()
        pdf.paragraph(f"The headline figures over {since.snapshots} reviews", "B", 10)
        pdf.image(io.BytesIO(since.trend), w=shown, x=pdf.l_margin + (pdf.epw - shown) / 2)
        pdf.paragraph(
            "One point per snapshot, oldest on the left; the last point is green when the "
            "figure moved the better way since the review before, red when the worse.",
            "I",
            8.5,
        )
