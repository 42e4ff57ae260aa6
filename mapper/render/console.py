"""What the command line prints: plain functions from data to text, one per kind of output.

Every function returns whole lines, each ending in a newline, so the command line writes
them as they are and a test compares them as they are. Nothing here reads files, runs a
check or exits.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mapper.errors import InvalidMapError, MapperError, SheetError
from mapper.vocabulary import names, readable

if TYPE_CHECKING:  # for the annotations only: an error message needs none of the analysis
    from mapper.diagnosis import ChangesInWords, DeparturesInWords
    from mapper.findings import Finding
    from mapper.model import Partnership

__all__ = [
    "FIRST_SHOWN",
    "MOST_OF_A_KIND",
    "answers_taken",
    "check_summary",
    "departures",
    "diff",
    "error",
    "exported",
    "findings",
    "imported",
    "invalid_map",
    "json_text",
    "notes",
    "report_written",
    "sheet_problems",
    "slow_loader_note",
]

#: Findings of one kind shown before "... and N more" (high ones are always shown).
MOST_OF_A_KIND = 3
#: The findings with the highest priority, listed first in one line each.
FIRST_SHOWN = 10


def _text(lines: Iterable[str]) -> str:
    return "".join(f"{line}\n" for line in lines)


def _words(counts: Mapping[str, int]) -> str:
    shown = [f"{n} {readable(word)}" for word, n in counts.items() if n]
    return ", ".join(shown) if shown else "none"


def json_text(data: object) -> str:
    """Indented JSON and a newline, as `json.dumps(data, indent=2, ensure_ascii=False)`
    writes it.

    The standard library indents in pure Python (85 ms of a 1.4 s `check --format json` of
    the synthetic county, 1.6 MB); orjson writes the same bytes in 2 ms. What orjson refuses
    (an integer past 64 bits, a key that is not text) goes through the standard library.
    """
    import orjson

    try:
        return orjson.dumps(data, option=orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE).decode()
    except orjson.JSONEncodeError:
        import json

        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def slow_loader_note() -> str:
    return notes(["PyYAML has no libyaml here, so large maps load about 5 times slower"])


def notes(texts: Iterable[object]) -> str:
    """Things worth knowing that are not errors (skipped rows, letters a PDF cannot draw)."""
    return _text(f"note: {text}" for text in texts)


def check_summary(counts: Mapping[str, Any], metrics: Mapping[str, Any], path: str) -> str:
    """What a valid map holds, from `summarise` and the headline metrics."""
    return _text(
        [
            f"{counts['name']} ({path}): a valid map",
            f"  {counts['organisations']} organisations: "
            f"{_words(counts['organisations_by_sector'])}",
            f"  {counts['people']} people: {_words(counts['people_by_level'])}",
            f"  {counts['meetings']} meetings: {_words(counts['meetings_by_level'])}",
            f"  {counts['memberships']} meeting seats, {counts['relationships']} relationships, "
            f"{counts['outcomes']} shared outcomes",
            f"  Meetings take {metrics['person_hours_per_year']:,.0f} person-hours a year.",
        ]
    )


def findings(found: Sequence[Finding], set_aside: int = 0, no_longer_applying: int = 0) -> str:
    """The findings: a tally, the FIRST_SHOWN to act on first (by priority, one line each)
    when there are more than a glance takes in, then each finding, most severe first, with
    what to do and its source (after MOST_OF_A_KIND of a kind only the high ones). `found`
    leaves out the findings the partnership set aside; how many there were is said, and how
    many of its decisions match no finding any more."""
    from mapper.findings import SEVERITIES  # loaded already: these findings come from it

    tally = ", ".join(f"{n} {s}" for s in SEVERITIES if (n := sum(f.severity == s for f in found)))
    lines = ["", f"Findings: {tally or 'none'}"]
    if set_aside:
        lines.append(
            f"  and {set_aside} set aside by the partnership (not listed; the map's "
            "decisions say why)"
        )
    if no_longer_applying:
        verb = (
            "decision no longer applies" if no_longer_applying == 1 else "decisions no longer apply"
        )
        lines.append(
            f"  {no_longer_applying} {verb}: their findings are not found in this map (kept "
            "in the map's decisions)"
        )
    first = sorted(found, key=lambda f: f.priority)[:FIRST_SHOWN]
    if len(found) > MOST_OF_A_KIND:
        lines += ["", f"Act on these first ({len(first)} of {len(found)}, by priority):"]
        lines += [f"  {f.priority:>2}. {f.severity.upper():<6} {f.title}" for f in first]
    shown: dict[str, int] = {}
    hidden: dict[str, int] = {}
    for finding in found:
        shown[finding.kind] = shown.get(finding.kind, 0) + 1
        if shown[finding.kind] > MOST_OF_A_KIND and finding.severity != "high":
            hidden[finding.kind] = hidden.get(finding.kind, 0) + 1
            continue
        lines += [
            "",
            f"{finding.severity.upper():<6} {finding.title}",
            f"       What to do: {finding.recommendation}",
            f"       Source: {', '.join(finding.source)}",
        ]
    for kind, count in hidden.items():
        lines += [
            "",
            f"       ... and {count} more findings of the kind {readable(kind)} "
            "(--format json lists them all)",
        ]
    return _text(lines)


def departures(partnership: Partnership, gone: DeparturesInWords) -> str:
    """What changes if people or organisations leave, named from the map as it was (the
    leavers are not in the map after)."""
    lines = ["", f"What if {names(partnership, gone.gone)} left?"]
    if gone.cut_off:
        lines += [
            f"  - {names(partnership, group)} would be cut off from partners they reach today"
            for group in gone.cut_off
        ]
    else:
        lines.append("  - No organisation would be cut off from the others.")
    if gone.meetings_without_chair:
        lines.append(f"  - Left without a chair: {names(partnership, gone.meetings_without_chair)}")
    if gone.meetings_emptied:
        lines.append(f"  - Nobody left in: {', '.join(gone.meetings_emptied)}")
    new, vanish = len(gone.appear), len(gone.vanish)
    lines.append(
        f"  - {new} new finding{'' if new == 1 else 's'}; {vanish} would no longer apply"
        + (":" if new else "")
    )
    lines += [f"      new, {f.severity}: {f.title}" for f in gone.appear[: MOST_OF_A_KIND * 3]]
    return _text(lines)


def diff(
    old: Partnership, new: Partnership, changes: ChangesInWords, old_path: str, new_path: str
) -> str:
    """What changed from one snapshot of a map to another, findings included."""
    lines = [f"From {old_path} to {new_path}:"]
    for section in ("organisations", "people", "meetings", "outcomes"):
        if changes.added[section]:
            lines.append(f"  {section} added: {names(new, changes.added[section], most=10)}")
        if changes.removed[section]:
            lines.append(f"  {section} removed: {names(old, changes.removed[section], most=10)}")
    for meeting, seats in changes.seats.items():
        moves = []
        if seats["joined"]:
            moves.append(f"joined: {names(new, seats['joined'])}")
        if seats["left"]:
            moves.append(f"left: {names(old, seats['left'])}")
        lines.append(f"  {names(new, [meeting])}: {'; '.join(moves)}")
    for meeting, chair in changes.chairs.items():
        lines.append(
            f"  {names(new, [meeting])} chair: {names(old, chair['before'])} -> "
            f"{names(new, chair['after'])}"
        )
    lines += [
        "",
        f"{len(changes.new_findings)} new "
        f"{'finding' if len(changes.new_findings) == 1 else 'findings'}, "
        f"{len(changes.resolved_findings)} resolved, {len(changes.altered_findings)} changed:",
    ]
    lines += [f"  new, {f.severity}: {f.title}" for f in changes.new_findings]
    from mapper.render.changes import was_words  # the words the pages use too

    lines += [
        f"  changed, {now.severity}: {now.title} ({was_words(was, now)})"
        for was, now in changes.altered_findings
    ]
    lines += [f"  resolved, {f.severity}: {f.title}" for f in changes.resolved_findings]
    return _text(lines)


def report_written(target: Path, size: int, findings_count: int, actions: int) -> str:
    return _text(
        [
            f"Wrote {target} ({size / 1024:,.0f} KB): {findings_count} findings, "
            f"{actions} problem{'' if actions == 1 else 's'} to act on. It contains personal "
            "data."
        ]
    )


def imported(target: Path, counts: Mapping[str, Any]) -> str:
    """What an import wrote, from `summarise` of the new map, and how to check it."""
    return _text(
        [
            f"Wrote {target}: {counts['organisations']} organisations, {counts['people']} "
            f"people, {counts['meetings']} meetings, {counts['memberships']} meeting seats. "
            f"Check it with: python -m mapper check {target}"
        ]
    )


#: Sheets that name nobody (unless someone wrote a name into a note).
_NAMING_NOBODY = frozenset({"assessment", "settings"})


def exported(written: Sequence[Path], sheets: Iterable[str]) -> str:
    """The files an export wrote, and whether they hold personal data."""
    one = len(written) == 1
    if set(sheets) <= _NAMING_NOBODY:
        caution = f"{'It names' if one else 'They name'} nobody, unless the notes do."
    else:
        caution = f"{'It contains' if one else 'They contain'} personal data."
    return _text([f"Wrote {', '.join(str(w) for w in written)}. {caution}"])


def answers_taken(answered: int, changed: Sequence[str], target: Path) -> str:
    return _text(
        [
            f"Read {answered} answers; {len(changed)} changed the map"
            + (f" ({', '.join(changed)}), saved in {target}." if changed else ".")
        ]
    )


def invalid_map(problem: InvalidMapError) -> str:
    """Each problem as FILE:LINE: message, in file order, then how many were not shown."""
    lines = [str(p) for p in problem.problems]
    if problem.omitted:
        where = problem.problems[-1].file if problem.problems else "the map"
        lines.append(f"{where}: ... and {problem.omitted} more problems")
    return _text(lines)


def sheet_problems(problem: SheetError) -> str:
    """Each problem by sheet, row and column, then the notes that came with them."""
    return _text(str(p) for p in problem.problems) + notes(problem.warnings)


def error(problem: MapperError) -> str:
    """Any error the tool raises on purpose, in the words meant for the person who ran it."""
    if isinstance(problem, InvalidMapError):
        return invalid_map(problem)
    if isinstance(problem, SheetError):
        return sheet_problems(problem)
    return _text([str(problem)])
