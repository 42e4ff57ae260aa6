"""The report a partnership board reads: a summary on page one, then the rest by priority.

`build_report` gathers the content once: the summary (the partnership in a paragraph, four
headline figures, the problems to act on first, each with what to do), the action plan (one
row per problem), the problems told in full, the map as a picture, the meeting load, the
self-assessment and the guidance it rests on. The short report (the default) tells in full
the problems of the summary and lists the rest in the plan; the full one (`full=True`) adds
every finding in full and the self-assessment statement by statement, as an appendix.
`report_html` lays it out as one self-contained HTML page and `mapper.render.pdf.report_pdf`
as a PDF, so both say the same.
"""

from __future__ import annotations

import base64
import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache

import jinja2

from mapper.analysis import Analysis
from mapper.assessment import AssessedStatement, GroupScore, assess, group_scores, overall_score
from mapper.diagnosis import Diagnosis, diagnose
from mapper.findings import SEVERITIES, Finding
from mapper.findings.registry import CHECKS
from mapper.findings.themes import THEMES
from mapper.guidance import GUIDANCE, GUIDANCE_USES
from mapper.headlines import FIGURES, headlines
from mapper.model import Partnership
from mapper.questionnaire import DRAWN_FROM, GROUPS
from mapper.render.charts import bar_chart
from mapper.render.plan import action_plan, planned
from mapper.render.review import ReviewSection, review_section
from mapper.render.stakeholder_grid import stakeholder_grid_png
from mapper.render.stakeholders import placed
from mapper.render.static_map import governance_png, organisations_png
from mapper.render.tables import evidence_rows, load_by_organisation, load_by_person
from mapper.render.text import report_file_name
from mapper.review import Review
from mapper.summary import summarise
from mapper.vocabulary import readable

__all__ = [
    "Chart",
    "Headline",
    "Reference",
    "Report",
    "ReportFinding",
    "build_report",
    "report_html",
    "html_report_file",
    "report_file_name",
    "PERSONAL_DATA_NOTE",
]

#: The problems page one names, each with what to do; the short report tells these in full
#: and lists the rest in the action plan.
ON_PAGE_ONE = 5
MOST_IN_CHART = 15

PERSONAL_DATA_NOTE = (
    "It holds the names, jobs and meeting places of the people in "
    "the partnership. Share it only with those who need it for the partnership's work, keep "
    "it where your organisation keeps personal data, and delete old copies when a new one "
    "replaces them. It was made on this computer; nothing was sent anywhere."
)


@dataclass(frozen=True)
class ReportFinding:
    severity: str
    kind: str
    title: str
    evidence: tuple[tuple[str, str], ...]
    recommendation: str
    source: str
    action: str = ""  # what to do, in a line
    theme: str = ""  # the question it answers, by its theme's title
    number: int = 0  # its row in the action plan (0: not a row, information only)


@dataclass(frozen=True)
class Headline:
    """One of the figures a board watches from one review to the next."""

    value: str
    label: str
    meaning: str


@dataclass(frozen=True)
class Reference:
    """A source document by its title, and what the checks take from it."""

    title: str
    used_for: str


@dataclass(frozen=True)
class SetAside:
    """A finding the partnership set aside, with its reason and when it decided."""

    title: str
    reason: str
    decided_on: str


@dataclass(frozen=True)
class Chart:
    title: str
    caption: str
    png: bytes

    @property
    def data_uri(self) -> str:
        return "data:image/png;base64," + base64.b64encode(self.png).decode("ascii")


@dataclass(frozen=True)
class Report:
    name: str
    made_on: dt.date
    full: bool
    summary: str  # the partnership in a paragraph
    headlines: tuple[Headline, ...]
    first: tuple[ReportFinding, ...]  # the problems to act on first (page one)
    plan: tuple[dict[str, str], ...]  # one row per problem, by priority
    detailed: tuple[ReportFinding, ...]  # told in full: page one's (short) or all (full)
    information: tuple[ReportFinding, ...]  # strengths and notes on the map, not problems
    severity_counts: tuple[tuple[str, int], ...]
    map_picture: Chart
    charts: tuple[Chart, ...]
    statements: tuple[AssessedStatement, ...]
    scores: tuple[GroupScore, ...]
    overall: GroupScore
    references: tuple[Reference, ...]
    tree_picture: Chart | None = None  # when a meeting reports to another
    stakeholder_picture: Chart | None = None  # when the map places anyone on the grid
    set_aside: tuple[SetAside, ...] = ()  # findings the partnership set aside, not listed above
    no_longer_applying: int = 0  # decisions in the map whose finding is not found now
    since: ReviewSection | None = None  # what changed since the last review, when given
    personal_data_note: str = PERSONAL_DATA_NOTE

    @property
    def findings_count(self) -> int:
        return sum(n for _, n in self.severity_counts)

    @property
    def problems_count(self) -> int:
        return len(self.plan)

    @property
    def problem_counts(self) -> str:
        """'7 high, 5 medium and 4 low'."""
        counts = [f"{n} {s}" for s, n in self.severity_counts if n and s != "info"]
        return counts[0] if len(counts) == 1 else ", ".join(counts[:-1]) + " and " + counts[-1]

    @property
    def more_problems(self) -> int:
        """Problems in the plan that are not told in full in this report."""
        return len(self.plan) - sum(f.number > 0 for f in self.detailed)

    def statements_in(self, group: str) -> list[AssessedStatement]:
        return [s for s in self.statements if s.question.group == group]

    @property
    def groups(self) -> tuple[str, ...]:
        return GROUPS

    @property
    def all_scores(self) -> tuple[GroupScore, ...]:
        return (*self.scores, self.overall)

    @property
    def made_on_words(self) -> str:
        return f"{self.made_on.day} {self.made_on:%B %Y}"  # no %-d: Windows has none


def _report_finding(partnership: Partnership, finding: Finding, number: int = 0) -> ReportFinding:
    rows = tuple((str(r["fact"]), str(r["value"])) for r in evidence_rows(partnership, finding))
    return ReportFinding(
        finding.severity,
        finding.kind,
        finding.title,
        rows,
        finding.recommendation,
        ", ".join(finding.source),
        finding.action,
        THEME_TITLES[CHECKS[finding.kind].theme],
        number,
    )


THEME_TITLES = {t.key: t.title for t in THEMES}


def _listed(items: Iterable[str]) -> str:
    """'A, B and C'."""
    shown = list(items)
    return shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + " and " + shown[-1]


def _in_words(counts: Mapping[str, int], one: str, many: str) -> str:
    """'10 strategic, 20 operational and 30 practitioner meetings' (none left out)."""
    shown = [f"{n:,} {readable(word)}" for word, n in counts.items() if n]
    if not shown:
        return f"no {many}"
    return f"{_listed(shown)} {one if sum(counts.values()) == 1 else many}"


#: A person's level as a noun, one and many.
_PEOPLE_WORDS = {
    "strategic": ("strategic leader", "strategic leaders"),
    "operational": ("operational manager", "operational managers"),
    "practitioner": ("practitioner", "practitioners"),
    "family": ("family representative", "family representatives"),
}


def _summary(partnership: Partnership, hours: float) -> str:
    """The partnership in a paragraph: who is in it, where they meet and for how long."""
    counts = summarise(partnership)
    sectors = sum(1 for n in counts["organisations_by_sector"].values() if n)
    organisations, people = counts["organisations"], counts["people"]
    if not organisations and not people:
        return f"{partnership.name} has nothing on its map yet."
    levels = [
        f"{n:,} {_PEOPLE_WORDS[level][n != 1]}"
        for level, n in counts["people_by_level"].items()
        if n
    ]
    who = f"{people:,} {'person' if people == 1 else 'people'}" + (
        f" ({_listed(levels)})" if levels else ""
    )
    meetings = counts["meetings"]
    levels_met = _in_words(counts["meetings_by_level"], "", "").strip()
    met = (
        f" They meet in {meetings:,} meeting{'' if meetings == 1 else 's'} ({levels_met}), "
        f"which take {hours:,.0f} person-hours a year"
        if meetings
        else " No meeting is on the map yet"
    )
    ties = counts["relationships"]
    outside = (
        f"; {ties:,} working relationship{' runs' if ties == 1 else 's run'} outside the meetings"
        if ties
        else ""
    )
    return (
        f"{partnership.name} brings together {organisations:,} "
        f"organisation{'' if organisations == 1 else 's'} from {sectors} "
        f"sector{'' if sectors == 1 else 's'} and {who}.{met}{outside}."
    )


def _headlines(diagnosis: Diagnosis) -> tuple[Headline, ...]:
    figures = headlines(diagnosis)
    return tuple(Headline(f.words(figures.value(f)), f.title, f.meaning) for f in FIGURES)


def _charts(analysis: Analysis) -> list[Chart]:
    limit = analysis.settings.load_hours_per_month
    people = load_by_person(analysis, MOST_IN_CHART)
    organisations = load_by_organisation(analysis)[:MOST_IN_CHART]
    charts = []
    if people:
        charts.append(
            Chart(
                "Who spends longest in meetings",
                f"Hours a month each person spends in the meetings on the map, the "
                f"{len(people)} longest. Red bars are above the limit of {limit:g} hours a month "
                "set for this map.",
                bar_chart(
                    [r["person"] for r in people],
                    [r["hours a month"] for r in people],
                    "hours a month in meetings",
                    limit,
                    f"limit: {limit:g} hours a month",
                ),
            )
        )
    if organisations:
        charts.append(
            Chart(
                "Meeting time by organisation",
                "Hours a month all of an organisation's people spend in partnership meetings: "
                "the time each partner gives to the system.",
                bar_chart(
                    [r["organisation"] for r in organisations],
                    [r["hours a month"] for r in organisations],
                    "hours a month, all staff",
                ),
            )
        )
    return charts


def _tree_picture(analysis: Analysis) -> Chart | None:
    """The governance tree, when some meeting reports to another."""
    if not any(m.reports_to for m in analysis.partnership.meetings):
        return None
    return Chart(
        "The governance tree",
        "Each meeting, coloured by level, joined to the meeting it reports to, the top of the "
        "structure at the top. Meetings that report nowhere stand apart at the foot.",
        governance_png(analysis),
    )


def _stakeholder_picture(analysis: Analysis) -> Chart | None:
    """The stakeholder grid, when the map records someone's influence and interest."""
    on_grid = placed(analysis)
    if not on_grid:
        return None
    rest = len(analysis.stakeholders) - len(on_grid)
    also = (
        f" {rest} more record{'s' if rest == 1 else ''} a stance or one rating only, and "
        f"{'is' if rest == 1 else 'are'} not placed."
        if rest
        else ""
    )
    return Chart(
        "Influence and interest",
        "Each organisation (a square) and person (a circle) whose influence and interest the "
        "map records, in the quarter that says how to engage them, coloured by its stance. "
        "Only a high rating is above the line: medium counts with low." + also,
        stakeholder_grid_png(analysis),
    )


def build_report(
    partnership: Partnership,
    diagnosis: Diagnosis | None = None,
    today: dt.date | None = None,
    review: Review | None = None,
    *,
    full: bool = False,
) -> Report:
    """Everything the report shows, worked out once for both the HTML and the PDF: short by
    default, every finding in full with `full`; with `review` (`mapper.review.review_maps`,
    this map the newest), what changed since the last review."""
    today = today or dt.date.today()
    diagnosis = diagnosis or diagnose(partnership, today=today)
    analysis = diagnosis.analysis
    hours = headlines(diagnosis).person_hours
    still_open = {id(f) for f in diagnosis.open}  # those set aside are listed apart
    by_priority = [f for f in diagnosis.by_priority if id(f) in still_open]
    problems = planned(by_priority)
    number = {id(f): n for n, f in enumerate(problems, start=1)}
    worded = [_report_finding(partnership, f, number.get(id(f), 0)) for f in by_priority]
    first = tuple(w for w in worded if w.number)[:ON_PAGE_ONE]
    information = tuple(w for w in worded if not w.number)
    statements = assess(partnership, diagnosis.findings)
    return Report(
        name=partnership.name,
        made_on=today,
        full=full,
        summary=_summary(partnership, hours),
        headlines=_headlines(diagnosis),
        first=first,
        plan=tuple(action_plan(partnership, problems, diagnosis.decision_of)),
        detailed=tuple(worded) if full else first,
        information=information,
        severity_counts=tuple((s, sum(f.severity == s for f in by_priority)) for s in SEVERITIES),
        map_picture=Chart(
            "The partnership's organisations",
            "Each box is an organisation, coloured by sector; a line joins two organisations "
            "whose people share a meeting or a declared relationship, thicker for more. "
            "Larger boxes connect more partners.",
            organisations_png(analysis),
        ),
        charts=tuple(_charts(analysis)),
        tree_picture=_tree_picture(analysis),
        statements=tuple(statements),
        scores=tuple(group_scores(statements)),
        overall=overall_score(statements),
        references=tuple(Reference(GUIDANCE[k], GUIDANCE_USES[k]) for k in GUIDANCE),
        stakeholder_picture=_stakeholder_picture(analysis),
        set_aside=tuple(
            SetAside(f.title, d.reason or "", d.date.isoformat() if d.date else "")
            for f, d in diagnosis.set_aside
        ),
        no_longer_applying=len(diagnosis.no_longer_applying),
        since=review_section(review) if review is not None else None,
    )


@cache
def _environment() -> jinja2.Environment:
    environment = jinja2.Environment(
        loader=jinja2.PackageLoader("mapper.render", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    environment.filters["readable"] = readable
    return environment


def report_html(report: Report) -> str:
    """One HTML file with nothing outside it: styles inline, pictures as data URIs, no
    scripts, and a Content-Security-Policy that forbids fetching anything."""
    return (
        _environment().get_template("report.html.j2").render(report=report, drawn_from=DRAWN_FROM)
    )


def html_report_file(
    partnership: Partnership, diagnosis: Diagnosis | None = None, *, full: bool = False
) -> bytes:
    """The HTML report of `partnership` as the bytes of a file (the app's download), from the
    `diagnosis` the session already holds when given."""
    return report_html(build_report(partnership, diagnosis, full=full)).encode("utf-8")
