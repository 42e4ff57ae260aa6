"""The action plan: one row per problem, with what to do, who acts on it and by when.

Findings become rows in the order given (the report and the app give them by priority);
information-only findings and those the partnership set aside are not rows. "Action" is
what to do in a line; "recommendation" says it in full, with why. Owner and due date come
from the finding's decision in the map, where the app's action plan writes them; one
accepted is "agreed".
The plan leaves the workspace as CSV (for a spreadsheet) and Markdown (for minutes); in
CSV, any cell a spreadsheet would run as a formula (starting `=`, `+`, `-`, `@`, a tab or a
carriage return) is prefixed with `'` so a name like ``=HYPERLINK(...)`` stays text.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable

from mapper.findings.base import Finding
from mapper.model import Decision, Partnership
from mapper.render.text import escape_markdown
from mapper.sheets.cells import neutralise
from mapper.vocabulary import label, readable

__all__ = ["PLAN_COLUMNS", "action_plan", "plan_csv", "plan_markdown", "planned"]

PLAN_COLUMNS = (
    "number",
    "severity",
    "finding",
    "about",
    "action",
    "recommendation",
    "source",
    "owner",
    "due by",
    "status",
)


def action_plan(
    partnership: Partnership,
    findings: Iterable[Finding],
    decision_of: Callable[[Finding], Decision | None] = lambda finding: None,
) -> list[dict[str, str]]:
    """One row per finding that asks for action: information-only findings, and those the
    partnership set aside, are left out. `decision_of` gives a finding's decision
    (`Diagnosis.decision_of`), whose owner and due date fill the row."""
    rows: list[dict[str, str]] = []
    for finding in planned(findings, decision_of):
        decision = decision_of(finding)
        rows.append(
            {
                "number": str(len(rows) + 1),
                "severity": finding.severity,
                "finding": finding.title,
                "about": ", ".join(label(partnership, s) for s in finding.subjects),
                "action": finding.action,
                "recommendation": finding.recommendation,
                "source": ", ".join(finding.source),
                "owner": (decision.owner or "") if decision else "",
                "due by": decision.due.isoformat() if decision and decision.due else "",
                "status": "agreed" if decision else "not started",
            }
        )
    return rows


def planned(
    findings: Iterable[Finding],
    decision_of: Callable[[Finding], Decision | None] = lambda finding: None,
) -> list[Finding]:
    """The findings that are rows of the plan, in its order: all but information-only
    findings and those set aside."""
    return [
        f
        for f in findings
        if f.severity != "info"
        and not ((d := decision_of(f)) is not None and d.decision == "set_aside")
    ]


def plan_csv(rows: list[dict[str, str]]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=PLAN_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: neutralise(v) for k, v in row.items()})
    return buffer.getvalue()


def plan_markdown(rows: list[dict[str, str]], partnership_name: str) -> str:
    """A Markdown table; pipes, backslashes and line breaks in cells cannot break its shape,
    and markup in names is escaped so it shows as typed (a web address in a name included)."""

    def cell(text: str) -> str:
        return escape_markdown(" ".join(text.split()))  # the app's own escaping, one place

    lines = [
        f"# Action plan: {cell(partnership_name)}",
        "",
        "| " + " | ".join(readable(c).capitalize() for c in PLAN_COLUMNS) + " |",
        "|" + "---|" * len(PLAN_COLUMNS),
    ]
    lines += ["| " + " | ".join(cell(row[c]) for c in PLAN_COLUMNS) + " |" for row in rows]
    return "\n".join(lines) + "\n"
