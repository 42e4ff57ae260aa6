"""The report a partnership board reads: everything the tool found, as one document.

`build_report` gathers the content once (figures, the map as a picture, findings by theme,
the action plan, charts of meeting load, the self-assessment); `report_html` lays it out as one
self-contained HTML page and `mapper.render.pdf.report_pdf` as a PDF, so both say the same.
"""

from __future__ import annotations

import base64
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

import jinja2

from mapper.analysis import Analysis
from mapper.assessment import AssessedStatement, GroupScore, assess, group_scores, overall_score
from mapper.diagnosis import Diagnosis, diagnose
from mapper.findings import SEVERITIES, Finding
from mapper.findings.registry import by_theme
from mapper.model import Partnership
from mapper.questionnaire import DRAWN_FROM, GROUPS
from mapper.render.charts import bar_chart
from mapper.render.plan import action_plan
from mapper.render.review import ReviewSection, review_section
from mapper.render.stakeholder_grid import stakeholder_grid_png
from mapper.render.stakeholders import placed
from mapper.render.static_map import organisations_png
from mapper.render.tables import evidence_rows, load_by_organisation, load_by_person
from mapper.render.text import report_file_name
from mapper.review import Review
from mapper.summary import headline_metrics, summarise
from mapper.vocabulary import readable

__all__ = [
    "Chart",
    "Report",
    "ReportFinding",
    "ThemeSection",
    "build_report",
    "report_html",
    "html_report_file",
    "report_file_name",
    "PERSONAL_DATA_NOTE",
]

#: Findings of one kind shown in full under their theme; the rest are rows of the plan.
SHOWN_PER_KIND = 3
MOST_IN_CHART = 15

PERSONAL_DATA_NOTE = (
    "This report contains personal data: the names, jobs and meeting places of the people in "
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


@dataclass(frozen=True)
class SetAside:
    """A finding the partnership set aside, with its reason and when it decided."""

    title: str
    reason: str
    decided_on: str


@dataclass(frozen=True)
class ThemeSection:
    title: str
    question: str
    findings: tuple[ReportFinding, ...]
    more: tuple[tuple[str, int, bool], ...]  # kind in words, how many more, in the plan?
    total: int


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
    glance: tuple[tuple[str, str], ...]
    by_sector: tuple[tuple[str, int], ...]
    by_level: tuple[tuple[str, int], ...]
    meetings_by_level: tuple[tuple[str, int, float], ...]
    severity_counts: tuple[tuple[str, int], ...]
    map_picture: Chart
    themes: tuple[ThemeSection, ...]
    plan: tuple[dict[str, str], ...]
    information: tuple[ReportFinding, ...]  # info findings beyond those shown under themes
    charts: tuple[Chart, ...]
    statements: tuple[AssessedStatement, ...]
    scores: tuple[GroupScore, ...]
    overall: GroupScore
    stakeholder_picture: Chart | None = None  # when the map places anyone on the grid
    set_aside: tuple[SetAside, ...] = ()  # findings the partnership set aside, not listed above
    no_longer_applying: int = 0  # decisions in the map whose finding is not found now
    since: ReviewSection | None = None  # what changed since the last review, when given
    personal_data_note: str = PERSONAL_DATA_NOTE

    @property
    def findings_count(self) -> int:
        return sum(n for _, n in self.severity_counts)

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


def _report_finding(partnership: Partnership, finding: Finding) -> ReportFinding:
    rows = tuple((str(r["fact"]), str(r["value"])) for r in evidence_rows(partnership, finding))
    return ReportFinding(
        finding.severity,
        finding.kind,
        finding.title,
        rows,
        finding.recommendation,
        ", ".join(finding.source),
    )


def _themes(
    partnership: Partnership, findings: Sequence[Finding]
) -> tuple[list[ThemeSection], list[ReportFinding]]:
    sections, information = [], []
    for theme, found in by_theme(findings):
        shown: list[ReportFinding] = []
        more: list[tuple[str, int, bool]] = []
        for kind in dict.fromkeys(f.kind for f in found):
            of_kind = [f for f in found if f.kind == kind]
            shown += [_report_finding(partnership, f) for f in of_kind[:SHOWN_PER_KIND]]
            rest = of_kind[SHOWN_PER_KIND:]
            if rest:
                in_plan = rest[0].severity != "info"
                more.append((readable(kind), len(rest), in_plan))
                if not in_plan:
                    information += [_report_finding(partnership, f) for f in rest]
        sections.append(
            ThemeSection(theme.title, theme.question, tuple(shown), tuple(more), len(found))
        )
    return sections, information


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
) -> Report:
    """Everything the report shows, worked out once for both the HTML and the PDF; with
    `review` (`mapper.review.review_maps`, this map the newest), what changed since the last."""
    today = today or dt.date.today()
    diagnosis = diagnosis or diagnose(partnership, today=today)
    analysis = diagnosis.analysis
    counts = summarise(partnership)
    hours = headline_metrics(partnership)["person_hours_per_year"]
    findings = diagnosis.open  # those set aside are listed apart, with their reasons
    themes, information = _themes(partnership, findings)
    statements = assess(partnership, diagnosis.findings)
    glance = (
        ("Organisations", f"{counts['organisations']:,}"),
        ("People", f"{counts['people']:,}"),
        ("Meetings", f"{counts['meetings']:,}"),
        ("Meeting seats", f"{counts['memberships']:,}"),
        ("Person-hours in meetings a year", f"{hours:,.0f}"),
        ("Relationships outside meetings", f"{counts['relationships']:,}"),
        ("Shared outcomes", f"{counts['outcomes']:,}"),
        (
            "People whose leaving would cut partners off",
            f"{diagnosis.metrics['single_points_of_failure']:,}",
        ),
    )
    meeting_hours = {
        level: sum(m.person_hours_a_year for m in partnership.meetings if m.level == level)
        for level in counts["meetings_by_level"]
    }
    return Report(
        name=partnership.name,
        made_on=today,
        glance=glance,
        by_sector=tuple(
            (readable(s), n) for s, n in counts["organisations_by_sector"].items() if n
        ),
        by_level=tuple((readable(s), n) for s, n in counts["people_by_level"].items() if n),
        meetings_by_level=tuple(
            (readable(level), n, meeting_hours[level])
            for level, n in counts["meetings_by_level"].items()
            if n
        ),
        severity_counts=tuple((s, sum(f.severity == s for f in findings)) for s in SEVERITIES),
        map_picture=Chart(
            "The partnership's organisations",
            "Each box is an organisation, coloured by sector; a line joins two organisations "
            "whose people share a meeting or a declared relationship, thicker for more. "
            "Larger boxes connect more partners.",
            organisations_png(analysis),
        ),
        themes=tuple(themes),
        plan=tuple(action_plan(partnership, findings, diagnosis.decision_of)),
        information=tuple(information),
        charts=tuple(_charts(analysis)),
        statements=tuple(statements),
        scores=tuple(group_scores(statements)),
        overall=overall_score(statements),
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


def html_report_file(partnership: Partnership, diagnosis: Diagnosis | None = None) -> bytes:
    """The HTML report of `partnership` as the bytes of a file (the app's download), from the
    `diagnosis` the session already holds when given."""
    return report_html(build_report(partnership, diagnosis)).encode("utf-8")
