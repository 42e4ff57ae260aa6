"""The review over time as the report, the app and the command line show it: the headline
figures then and now with the change in a word, the problems resolved, new and still open as
short lists of titles, and a trend chart of each figure when there are three snapshots or more.

`review_section` gathers it once from a `mapper.review.Review`; the HTML report's
`review.html.j2`, the PDF's `mapper.render.review_pdf` and the app's Compare page lay it out.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass

from mapper.headlines import FIGURES
from mapper.review import Review, Snapshot

__all__ = [
    "FigureRow",
    "Problems",
    "ReviewSection",
    "review_section",
    "review_lines",
    "review_text",
    "snapshot_words",
    "trend_png",
]

#: Titles shown of each list; the rest are counted, so the section keeps to one page.
SHOWN = 6
_GREEN = "#1e7b4d"


@dataclass(frozen=True)
class FigureRow:
    label: str
    then: str
    now: str
    change: str  # "better", "worse", "no change", "not comparable"


@dataclass(frozen=True)
class Problems:
    """One list of the review: its heading, the titles shown and how many more there are."""

    heading: str
    titles: tuple[str, ...]
    more: int

    @property
    def count(self) -> int:
        return len(self.titles) + self.more


@dataclass(frozen=True)
class ReviewSection:
    since: str  # the previous snapshot, in words
    now: str  # the newest, in words
    figures: tuple[FigureRow, ...]
    lists: tuple[Problems, ...]  # resolved, new, still open, set aside (those not empty)
    summary: str
    trend: bytes | None = None  # a PNG, with three snapshots or more
    snapshots: int = 2

    @property
    def table(self) -> list[dict[str, str]]:
        """The figures as rows of a table (the app's)."""
        return [
            {"headline figure": r.label, "then": r.then, "now": r.now, "change": r.change}
            for r in self.figures
        ]

    @property
    def trend_uri(self) -> str:
        return "data:image/png;base64," + base64.b64encode(self.trend or b"").decode("ascii")


def snapshot_words(snapshot: Snapshot, place: int) -> str:
    """'old.yaml, 1 July 2025', or 'snapshot 2' for a map known only by its place."""
    when = f"{snapshot.taken.day} {snapshot.taken:%B %Y}" if snapshot.taken else ""
    return ", ".join(part for part in (snapshot.name, when) if part) or f"snapshot {place}"


def _short_date(snapshot: Snapshot, place: int) -> str:
    return f"{snapshot.taken:%b %Y}" if snapshot.taken else f"snapshot {place}"


def _problems(heading: str, titles: list[str]) -> Problems:
    return Problems(heading, tuple(titles[:SHOWN]), max(0, len(titles) - SHOWN))


def review_section(review: Review) -> ReviewSection:
    """Everything the section shows, worked out once for the HTML, the PDF and the app."""
    then, now = review.figures[-2], review.figures[-1]
    rows = tuple(
        FigureRow(
            f.label,
            f.words(then.value(f)),
            f.words(now.value(f)),
            f.change(then.value(f), now.value(f)),
        )
        for f in FIGURES
    )
    still = [
        s.finding.title
        + (f" (was {s.was}, now {s.finding.severity})" if s.severity_changed else "")
        for s in review.still_open
    ]
    lists = [
        _problems("Resolved", [f.title for f in review.resolved]),
        _problems("New", [f.title for f in review.new]),
        _problems("Still open", still),
        _problems("Set aside by the partnership", [f.title for f in review.set_aside]),
    ]
    summary = (
        f"{len(review.resolved)} problem{'s' if len(review.resolved) != 1 else ''} resolved, "
        f"{len(review.new)} new, {len(review.still_open)} still open"
        + (f", {len(review.set_aside)} set aside" if review.set_aside else "")
        + "."
    )
    count = len(review.snapshots)
    return ReviewSection(
        since=snapshot_words(review.previous, count - 1),
        now=snapshot_words(review.newest, count),
        figures=rows,
        lists=tuple(p for p in lists if p.count),
        summary=summary,
        trend=trend_png(review) if count >= 3 else None,
        snapshots=count,
    )


def trend_png(review: Review) -> bytes:
    """One small line chart per headline figure, a point per snapshot, oldest on the left;
    the last step is green when it went the better way, red when the worse."""
    # Drawn only for the report: the app's Compare page shows the rest without matplotlib.
    from matplotlib.figure import Figure as Picture
    from matplotlib.ticker import MaxNLocator

    from mapper.render.charts import BAR, INK, OVER, png_of

    labels = [_short_date(s, i + 1) for i, s in enumerate(review.snapshots)]
    figure = Picture(figsize=(8, 3.6))
    places = list(range(len(labels)))
    for index, headline in enumerate(FIGURES):
        axes = figure.add_subplot(2, 2, index + 1)
        values = [h.value(headline) for h in review.figures]
        known = [(x, v) for x, v in zip(places, values, strict=True) if v is not None]
        scale = 100 if headline.unit == "share" else 1
        if known:
            xs, ys = zip(*known, strict=True)
            shown = [y * scale for y in ys]
            axes.plot(xs, shown, color=BAR, marker="o", linewidth=1.6)
            last = headline.change(values[-2], values[-1])
            colour = {"better": _GREEN, "worse": OVER}.get(last, BAR)
            axes.plot(xs[-1:], shown[-1:], color=colour, marker="o", markersize=8, clip_on=False)
            axes.set_ylim(0, max(shown) * 1.25 or 1)
        axes.set_title(_wrapped(headline.label), fontsize=8.5, color=INK, loc="left")
        axes.set_xticks(places, labels, fontsize=7.5, color=INK)
        axes.tick_params(axis="y", labelsize=7.5, colors=INK)
        axes.set_xlim(-0.3, len(labels) - 0.7)
        if headline.unit == "share":
            axes.set_ylabel("%", fontsize=7.5, color=INK)
        axes.yaxis.set_major_locator(MaxNLocator(nbins=4, integer=True))
        for side in ("top", "right"):
            axes.spines[side].set_visible(False)
    figure.tight_layout(h_pad=1.2, w_pad=2.0)
    return png_of(figure)


def _wrapped(label: str, width: int = 48) -> str:
    words, lines, line = label.split(), [], ""
    for word in words:
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return "\n".join([*lines, line])


def review_text(section: ReviewSection) -> str:
    """The section as text, for the command line."""
    return "".join(f"{line}\n" for line in review_lines(section))


def review_lines(section: ReviewSection) -> list[str]:
    """The section as lines of text."""
    lines = [f"Since {section.since}: {section.summary}", "  Headline figures, then -> now:"]
    lines += [f"    {r.label}: {r.then} -> {r.now} ({r.change})" for r in section.figures]
    for problems in section.lists:
        lines.append(f"  {problems.heading} ({problems.count}):")
        lines += [f"    - {title}" for title in problems.titles]
        if problems.more:
            lines.append(f"    … and {problems.more} more")
    return lines
