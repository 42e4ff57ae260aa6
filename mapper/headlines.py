"""The four headline figures a board watches from one review to the next, worked out once.

The report, the review over time (`mapper.review`), the app and the command line all take
them from `headlines`, so a figure is the same wherever it is read:

- **succession resilience**: the fewest departures that would cut an organisation off
  (`mapper.findings.metrics.succession_resilience`); higher is better;
- **operational ties across sectors**: the share of pairs of organisations meeting at
  operational level that are of different sectors (`cross_sector_ties`); higher is better;
- **person-hours of meetings a year** (`mapper.summary.person_hours_a_year`); lower is better,
  since the guidance warns of meetings added on top of old ones;
- **hours a merger of the duplicate meetings would free**: what is left to gain; lower is
  better. Each pair of duplicate meetings carries the hours its merger frees (its evidence,
  `mapper.findings.duplicates.hours_freed_by_merging`). Pairs can share a meeting (A with B,
  B with C, perhaps A with C): adding up the pairs would count A's and B's hours more than
  once, though there is one A to merge. So pairs that share a meeting are one group, and
  each group is counted once, as the hours freed if all its meetings became one (everyone in
  any of them, as often and as long as the costliest): for a group of two, exactly its
  pair's evidence. Pairs the partnership set aside (it decided to keep both meetings) are
  not counted.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from mapper.diagnosis import Diagnosis
from mapper.findings import Finding
from mapper.findings.duplicates import hours_freed_by_merging
from mapper.findings.metrics import cross_sector_ties, succession_resilience
from mapper.model import Partnership
from mapper.summary import person_hours_a_year

__all__ = ["Better", "Figure", "Headlines", "FIGURES", "headlines", "merger_hours"]

Better = Literal["higher", "lower"]


@dataclass(frozen=True)
class Figure:
    """How one headline figure is read: its field on `Headlines`, a one-line label in plain
    English, which way is better and how its value is written."""

    name: str
    label: str
    better: Better
    unit: str  # "people", "share" (written as a percentage) or "hours"
    title: str = ""  # short, for a box on the report's first page
    meaning: str = ""  # what the short title stands for, under it

    def words(self, value: float | None) -> str:
        """The value as a person reads it: '2 people', '79%', '9,392 hours'; 'not measured'
        when the map cannot give it (no two organisations connected, no operational ties)."""
        if value is None:
            return "not measured"
        if self.unit == "share":
            return f"{value:.0%}"
        if self.unit == "people":
            return f"{value:g} {'person' if value == 1 else 'people'}"
        return f"{value:,.0f} hours"

    def change(self, then: float | None, now: float | None) -> str:
        """The change from `then` to `now` in a word: "better", "worse", "no change", or
        "not comparable" when either is not measured."""
        if then is None or now is None:
            return "not comparable"
        if then == now:
            return "no change"
        return "better" if (now > then) == (self.better == "higher") else "worse"


#: The four figures, in the order every face shows them.
FIGURES: tuple[Figure, ...] = (
    Figure(
        "succession_resilience",
        "Fewest departures that would cut an organisation off from its partners",
        "higher",
        "people",
        "Succession resilience",
        "the fewest people whose leaving would cut a partner off from the rest",
    ),
    Figure(
        "operational_cross_sector",
        "Share of operational ties between organisations that cross sectors",
        "higher",
        "share",
        "Operational ties across sectors",
        "of the pairs of organisations whose managers meet, the share of different sectors",
    ),
    Figure(
        "person_hours",
        "Person-hours spent in meetings a year",
        "lower",
        "hours",
        "Meeting time a year",
        "everyone's hours in the partnership's meetings together",
    ),
    Figure(
        "merger_hours",
        "Person-hours a year that merging duplicate meetings would free",
        "lower",
        "hours",
        "Time a merger would free",
        "hours a year, by merging the meetings that largely duplicate each other",
    ),
)


@dataclass(frozen=True)
class Headlines:
    """One map's four headline figures (`FIGURES` says how to read each); None where the map
    gives no value."""

    succession_resilience: int | None
    operational_cross_sector: float | None
    person_hours: float
    merger_hours: float

    def value(self, figure: Figure) -> float | None:
        value: float | None = getattr(self, figure.name)
        return value


def merger_hours(partnership: Partnership, duplicates: list[Finding]) -> float:
    """Hours a year the mergers of these duplicate-meeting findings would free, each group of
    pairs that share a meeting merged into one (the rule in the module's docstring)."""
    group_of: dict[str, set[str]] = {}
    for finding in duplicates:
        group = set(finding.subjects).union(*(group_of.get(m, ()) for m in finding.subjects))
        for meeting in group:
            group_of[meeting] = group
    groups = {id(g): g for g in group_of.values()}.values()
    by_id = partnership.meeting_by_id
    freed = sum(hours_freed_by_merging(*(by_id[m] for m in sorted(g))) for g in groups)
    return round(float(freed), 1)


def headlines(diagnosis: Diagnosis) -> Headlines:
    """The four figures of the map `diagnosis` is of, from the analysis it holds (nothing is
    computed again that the analysis keeps); kept on the analysis, so asking twice works once."""
    return diagnosis.analysis.once("headlines", lambda: _headlines(diagnosis))


def _headlines(diagnosis: Diagnosis) -> Headlines:
    analysis = diagnosis.analysis
    return Headlines(
        succession_resilience=succession_resilience(analysis),
        operational_cross_sector=cross_sector_ties(analysis)["operational"]["cross_sector_share"],
        person_hours=round(person_hours_a_year(analysis.partnership), 1),
        merger_hours=merger_hours(
            analysis.partnership,
            [f for f in diagnosis.open if f.kind == "duplicate_meetings"],
        ),
    )
