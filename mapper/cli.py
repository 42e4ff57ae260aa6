"""`python -m mapper`: the command line face of the library. Each command calls one function.

Exit status: 0 when the map is valid, 2 when it is not or cannot be read (messages go to
stderr as FILE:LINE: message), as for argparse's own usage errors.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TextIO

from pydantic import ValidationError

from mapper.assessment import changed_answers, with_answers
from mapper.diff import compare
from mapper.errors import InvalidMapError, MapperError
from mapper.findings import SEVERITIES, Diagnosis, diagnose
from mapper.integrity import closest
from mapper.load import DEFAULT_MAX_BYTES, FAST_LOADER, load_map, read_map_file
from mapper.model import Partnership, Settings
from mapper.recommend import missing_links_by_organisation
from mapper.schema import map_schema
from mapper.sheets import SheetError, import_sheets, read_answers
from mapper.sheets.export import tables_csv, tables_workbook
from mapper.sheets.read import MAX_FILE_BYTES
from mapper.sheets.templates import SHEETS
from mapper.summary import headline_metrics, summarise
from mapper.vocabulary import names, readable
from mapper.whatif import Departures, simulate_departures
from mapper.workspace import digest_of, open_map, save_map, write_atomically

__all__ = ["main"]

INVALID = 2


def _megabytes(text: str) -> float:
    """A size cap in MB: a plain positive number (not nan, inf or 0), at most 1 GB."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a number of MB, such as 20") from None
    if not 0 < value <= 1024:  # also false for nan
        raise argparse.ArgumentTypeError(
            f"{text} MB is not a size this tool can read up to; give a number of MB above 0 "
            "and at most 1024"
        )
    return value


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m mapper",
        description="Map and diagnose a local Best Start / family hub system.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    check = commands.add_parser(
        "check",
        help="validate a map and summarise it",
        description="Validate a map file and print what it holds.",
    )
    check.add_argument("map", metavar="MAP.yaml", help="the map file to check")
    check.add_argument(
        "--format",
        choices=("text", "json"),
        default="text",
        help="text for people (default), json for other programs",
    )
    check.add_argument(
        "--without",
        nargs="+",
        metavar="ID",
        default=[],
        help="diagnose the map as if these people or organisations had left",
    )
    check.add_argument(
        "--setting",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="change a threshold of the diagnosis for this run, e.g. "
        "duplicate_similarity=0.7 (see docs/findings.md); repeatable",
    )
    check.add_argument(
        "--max-size",
        type=_megabytes,
        default=DEFAULT_MAX_BYTES / 1_048_576,
        metavar="MB",
        help="refuse files larger than this (default: %(default)g)",
    )
    diff = commands.add_parser(
        "diff",
        help="what changed between two snapshots of a map",
        description="Compare two maps: people, meetings, seats, chairs and findings.",
    )
    diff.add_argument("old", metavar="OLD.yaml")
    diff.add_argument("new", metavar="NEW.yaml")
    diff.add_argument("--format", choices=("text", "json"), default="text")
    report = commands.add_parser(
        "report",
        help="write the report (HTML or PDF) for a partnership board",
        description="Write a report of the map: the partnership at a glance, the map, the "
        "findings by theme, the action plan, meeting load and the self-assessment.",
    )
    report.add_argument("map", metavar="MAP.yaml")
    report.add_argument(
        "-o",
        "--output",
        required=True,
        metavar="REPORT.html|REPORT.pdf",
        help="where to write it; .pdf gives a PDF, anything else HTML",
    )
    sheets_in = commands.add_parser(
        "import",
        help="make a map from spreadsheets (.xlsx or .csv in the templates)",
        description="Make a map from spreadsheets that follow the templates in "
        "examples/templates (organisations, people, meetings, attendance, and optionally "
        "outcomes, relationships, assessment and settings): one workbook with a sheet for "
        "each, or CSV files named after them.",
    )
    sheets_in.add_argument("files", nargs="+", metavar="FILE")
    sheets_in.add_argument("-o", "--output", required=True, metavar="MAP.yaml")
    sheets_in.add_argument(
        "--name",
        help="the partnership's name (default: the name of the "
        "map replaced, or else made from the output file's name)",
    )
    sheets_in.add_argument(
        "--replace",
        action="store_true",
        help="replace MAP.yaml if it exists (its old version is kept in .history beside it)",
    )
    sheets_out = commands.add_parser(
        "export",
        help="write a map into the spreadsheet templates",
        description="Write a map as an .xlsx workbook, or as CSV files in a folder, in the "
        "templates `import` reads, self-assessment and settings included.",
    )
    sheets_out.add_argument("map", metavar="MAP.yaml")
    sheets_out.add_argument("-o", "--output", required=True, metavar="FILE.xlsx|FOLDER")
    sheets_out.add_argument(
        "--only",
        action="append",
        choices=list(SHEETS),
        metavar="SHEET",
        help="write only this sheet (repeat for more): --only assessment "
        "gives the questionnaire alone, which names nobody, to send round",
    )
    answers = commands.add_parser(
        "answers",
        help="take self-assessment answers from a filled-in questionnaire",
        description="Read the assessment sheet of FILE (as written by export --only "
        "assessment) into MAP.yaml: its answers replace the map's answers to the same "
        "statements; statements it leaves unanswered keep theirs. The old map is kept in "
        ".history.",
    )
    answers.add_argument("map", metavar="MAP.yaml")
    answers.add_argument("files", nargs="+", metavar="FILE")
    commands.add_parser(
        "schema",
        help="print the JSON Schema of the map format",
        description="Print the JSON Schema of the map format, for editors that validate YAML.",
    )
    return parser


def _check_report(partnership: Any, diagnosis: Diagnosis) -> dict[str, Any]:
    return {
        "map": summarise(partnership),
        "metrics": {**headline_metrics(partnership), **diagnosis.metrics},
        "findings": [f.to_dict() for f in diagnosis.findings],
    }


def _words(counts: dict[str, int]) -> str:
    shown = [f"{n} {readable(word)}" for word, n in counts.items() if n]
    return ", ".join(shown) if shown else "none"


def _print_text(report: dict[str, Any], path: str, out: TextIO) -> None:
    counts, metrics = report["map"], report["metrics"]
    print(f"{counts['name']} ({path}): a valid map", file=out)
    print(
        f"  {counts['organisations']} organisations: {_words(counts['organisations_by_sector'])}",
        file=out,
    )
    print(f"  {counts['people']} people: {_words(counts['people_by_level'])}", file=out)
    print(f"  {counts['meetings']} meetings: {_words(counts['meetings_by_level'])}", file=out)
    print(
        f"  {counts['memberships']} meeting seats, {counts['relationships']} relationships, "
        f"{counts['outcomes']} shared outcomes",
        file=out,
    )
    print(f"  Meetings take {metrics['person_hours_per_year']:,.0f} person-hours a year.", file=out)


MOST_ORGANISATIONS_LISTED = 10
MOST_OF_A_KIND = 3


def _print_findings(partnership: Any, diagnosis: Diagnosis, out: TextIO) -> None:
    findings = diagnosis.findings
    tally = ", ".join(
        f"{n} {s}" for s in SEVERITIES if (n := sum(f.severity == s for f in findings))
    )
    print(f"\nFindings: {tally or 'none'}", file=out)
    shown: dict[str, int] = {}
    hidden: dict[str, int] = {}
    for finding in findings:
        if finding.kind == "missing_operational_link":
            continue
        shown[finding.kind] = shown.get(finding.kind, 0) + 1
        if shown[finding.kind] > MOST_OF_A_KIND and finding.severity != "high":
            hidden[finding.kind] = hidden.get(finding.kind, 0) + 1
            continue
        print(f"\n{finding.severity.upper():<6} {finding.title}", file=out)
        print(f"       What to do: {finding.recommendation}", file=out)
        print(f"       Source: {', '.join(finding.source)}", file=out)
    for kind, count in hidden.items():
        print(
            f"\n       ... and {count} more findings of the kind {kind} "
            "(--format json lists them all)",
            file=out,
        )
    grouped = missing_links_by_organisation(partnership, findings)
    if grouped:
        pairs = len(diagnosis.of_kind("missing_operational_link"))
        print(f"\nMissing operational links ({pairs} pairs of organisations):", file=out)
        for _, sentence in grouped[:MOST_ORGANISATIONS_LISTED]:
            print(f"  - {sentence}", file=out)
        if len(grouped) > MOST_ORGANISATIONS_LISTED:
            print(
                f"  ... and {len(grouped) - MOST_ORGANISATIONS_LISTED} more organisations "
                "(--format json lists every pair)",
                file=out,
            )
        print(
            "  What to do: give the managers of these partners a shared operational meeting; "
            "integration that stops at the top table is not sustained.",
            file=out,
        )


def _with_overrides(settings: Settings, pairs: list[str]) -> Settings:
    """The map's settings with `NAME=VALUE` overrides from the command line, validated."""
    changes: dict[str, str] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or name not in Settings.model_fields:
            hint = closest(name, Settings.model_fields)
            raise MapperError(
                f"--setting {pair}: use NAME=VALUE with NAME one of "
                f"{', '.join(Settings.model_fields)}"
                + (f" (did you mean {hint}?)" if hint and sep else "")
            )
        changes[name] = value
    try:
        return Settings.model_validate({**settings.model_dump(), **changes})
    except ValidationError as error:
        problem = error.errors()[0]
        raise MapperError(f"--setting {problem['loc'][0]}: {problem['msg']}") from None


def _load_or_report(
    path: str, err: TextIO, max_bytes: int = DEFAULT_MAX_BYTES
) -> Partnership | None:
    """The map at `path`, or None after printing each problem as FILE:LINE: message."""
    try:
        return load_map(path, max_bytes=max_bytes)
    except InvalidMapError as error:
        _print_invalid(error, path, err)
        return None


def _print_invalid(error: InvalidMapError, path: str, err: TextIO) -> None:
    for problem in error.problems:
        print(problem, file=err)
    if error.omitted:
        print(f"{path}: ... and {error.omitted} more problems", file=err)


def _check(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    if not FAST_LOADER and args.format == "text":
        print("note: PyYAML has no libyaml here, so large maps load about 5 times slower", file=err)
    partnership = _load_or_report(args.map, err, int(args.max_size * 1_048_576))
    if partnership is None:
        return INVALID
    settings = _with_overrides(partnership.settings, args.setting)
    departures = simulate_departures(partnership, args.without, settings) if args.without else None
    before = partnership
    if departures is not None:
        partnership = departures.partnership
        diagnosis = departures.diagnosis
    else:
        diagnosis = diagnose(partnership, settings)
    report = _check_report(partnership, diagnosis)
    if departures is not None:
        report["whatif"] = departures.to_dict()
    if args.format == "json":
        # dumps, not dump: dump writes piece by piece through the pure-Python encoder (3x slower)
        out.write(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    else:
        _print_text(report, args.map, out)
        if departures is not None:
            _print_departures(before, departures, out)
        _print_findings(partnership, diagnosis, out)
    return 0


def _print_departures(partnership: Any, departures: Departures, out: TextIO) -> None:
    """What changes, named from the map as it was (the leavers are not in the new one)."""
    print(f"\nWhat if {names(partnership, departures.gone)} left?", file=out)
    if departures.cut_off:
        for group in departures.cut_off:
            print(
                f"  - {names(partnership, group)} would be cut off from partners they reach today",
                file=out,
            )
    else:
        print("  - No organisation would be cut off from the others.", file=out)
    if departures.meetings_without_chair:
        print(
            f"  - Left without a chair: {names(partnership, departures.meetings_without_chair)}",
            file=out,
        )
    if departures.meetings_emptied:
        print(f"  - Nobody left in: {', '.join(departures.meetings_emptied)}", file=out)
    new, gone = len(departures.appear), len(departures.vanish)
    print(
        f"  - {new} new finding{'' if new == 1 else 's'}; {gone} would no longer apply"
        + (":" if new else ""),
        file=out,
    )
    for finding in departures.appear[: MOST_OF_A_KIND * 3]:
        print(f"      new, {finding.severity}: {finding.title}", file=out)


def _diff(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    old = _load_or_report(args.old, err)
    new = _load_or_report(args.new, err) if old is not None else None
    if old is None or new is None:
        return INVALID
    changes = compare(old, new)
    if args.format == "json":
        json.dump(changes.to_dict(), out, indent=2, ensure_ascii=False)
        out.write("\n")
        return 0
    print(f"From {args.old} to {args.new}:", file=out)
    for section in ("organisations", "people", "meetings", "outcomes"):
        if changes.added[section]:
            print(f"  {section} added: {names(new, changes.added[section], most=10)}", file=out)
        if changes.removed[section]:
            print(f"  {section} removed: {names(old, changes.removed[section], most=10)}", file=out)
    for meeting, seats in changes.seats.items():
        moves = []
        if seats["joined"]:
            moves.append(f"joined: {names(new, seats['joined'])}")
        if seats["left"]:
            moves.append(f"left: {names(old, seats['left'])}")
        print(f"  {names(new, [meeting])}: {'; '.join(moves)}", file=out)
    for meeting, chair in changes.chairs.items():
        print(
            f"  {names(new, [meeting])} chair: {names(old, chair['before'])} -> "
            f"{names(new, chair['after'])}",
            file=out,
        )
    print(
        f"\n{len(changes.new_findings)} new findings, {len(changes.resolved_findings)} resolved:",
        file=out,
    )
    for finding in changes.new_findings:
        print(f"  new, {finding.severity}: {finding.title}", file=out)
    for finding in changes.resolved_findings:
        print(f"  resolved, {finding.severity}: {finding.title}", file=out)
    return 0


def _report(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    partnership = _load_or_report(args.map, err)
    if partnership is None:
        return INVALID
    # Here, not at the top: matplotlib and fpdf2 take half a second to import, which every
    # `check` would otherwise pay.
    from mapper.render.pdf import report_pdf, undrawn_letters_note
    from mapper.render.report import build_report, report_html

    report = build_report(partnership)
    target = Path(args.output)
    as_pdf = target.suffix.lower() == ".pdf"
    data = report_pdf(report) if as_pdf else report_html(report).encode("utf-8")
    write_atomically(target, data)
    if note := undrawn_letters_note(report):
        print(f"note: {note}", file=err)
    print(
        f"Wrote {target} ({len(data) / 1024:,.0f} KB): {report.findings_count} findings, "
        f"{len(report.plan)} actions. It contains personal data.",
        file=out,
    )
    return 0


def _read_sheet_files(names: list[str], err: TextIO) -> list[tuple[str, bytes]] | None:
    files = []
    for name in names:
        try:
            files.append(
                (Path(name).name, read_map_file(name, max_bytes=MAX_FILE_BYTES, raise_cap=""))
            )
        except InvalidMapError as error:
            _print_invalid(error, name, err)
            return None
        except MapperError as error:
            print(error, file=err)
            return None
    return files


def _print_sheet_error(error: SheetError, err: TextIO) -> None:
    for problem in error.problems:
        print(problem, file=err)
    for warning in error.warnings:
        print(f"note: {warning}", file=err)


def _import(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    target = Path(args.output)
    files = _read_sheet_files(args.files, err)
    if files is None:
        return INVALID
    name = (
        args.name
        or (_name_kept(target) if args.replace else None)
        or target.stem.replace("-", " ").replace("_", " ").strip().title()
    )
    try:
        imported = import_sheets(files, name or "Imported partnership")
    except SheetError as error:
        _print_sheet_error(error, err)
        return INVALID
    for warning in imported.warnings:
        print(f"note: {warning}", file=err)
    if target.exists() and not args.replace:
        raise MapperError(
            f"{target} already exists; choose another name, or add --replace "
            "(the old file is kept in .history)"
        )
    existing = digest_of(target.read_bytes()) if target.exists() else None
    save_map(target, imported.partnership, existing)
    counts = summarise(imported.partnership)
    print(
        f"Wrote {target}: {counts['organisations']} organisations, {counts['people']} "
        f"people, {counts['meetings']} meetings, {counts['memberships']} meeting seats. "
        f"Check it with: python -m mapper check {target}",
        file=out,
    )
    return 0


def _name_kept(target: Path) -> str | None:
    """The name of the map an import replaces, so a map sent out to a spreadsheet and back
    keeps it; None when there is no readable map there."""
    try:
        return load_map(target).name if target.exists() else None
    except MapperError:
        return None


#: Names that read as a file of some other kind: `export -o map.csv` would otherwise make a
#: folder called map.csv.
_NOT_A_FOLDER = frozenset(
    {
        ".csv",
        ".xls",
        ".xlsm",
        ".ods",
        ".doc",
        ".docx",
        ".pdf",
        ".html",
        ".htm",
        ".txt",
        ".json",
        ".yaml",
        ".yml",
        ".zip",
    }
)


def _export(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    partnership = _load_or_report(args.map, err)
    if partnership is None:
        return INVALID
    target = Path(args.output)
    sheets = args.only or list(SHEETS)
    if target.suffix.lower() in _NOT_A_FOLDER and not target.is_dir():
        raise MapperError(
            f"{target}: export writes a workbook (a name ending .xlsx) or a folder "
            "of CSV files (a folder name); give one of those"
        )
    if target.suffix.lower() == ".xlsx":
        write_atomically(target, tables_workbook(partnership, sheets))
        written = [target]
    else:
        if target.exists() and not target.is_dir():
            raise MapperError(
                f"{target} is a file, not a folder; CSV files are written into "
                "a folder (give a folder name), a workbook to a name ending .xlsx"
            )
        target.mkdir(parents=True, exist_ok=True)
        written = []
        for file_name, text in tables_csv(partnership, sheets).items():
            write_atomically(target / file_name, text.encode("utf-8"))
            written.append(target / file_name)
    one = len(written) == 1
    if set(sheets) <= {"assessment", "settings"}:
        caution = f"{'It names' if one else 'They name'} nobody, unless the notes do."
    else:
        caution = f"{'It contains' if one else 'They contain'} personal data."
    print(f"Wrote {', '.join(str(w) for w in written)}. {caution}", file=out)
    return 0


def _answers(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    target = Path(args.map)
    try:
        opened = open_map(target)
    except InvalidMapError as error:
        _print_invalid(error, args.map, err)
        return INVALID
    files = _read_sheet_files(args.files, err)
    if files is None:
        return INVALID
    try:
        read = read_answers(files)
    except SheetError as error:
        _print_sheet_error(error, err)
        return INVALID
    for warning in read.warnings:
        print(f"note: {warning}", file=err)
    answered = with_answers(opened.partnership, read.answers)
    changed = changed_answers(opened.partnership, answered)
    if changed:
        save_map(target, answered, opened.digest)
    print(
        f"Read {len(read.answers)} answers; {len(changed)} changed the map"
        + (f" ({', '.join(changed)}), saved in {target}." if changed else "."),
        file=out,
    )
    return 0


def main(
    argv: Sequence[str] | None = None, out: TextIO | None = None, err: TextIO | None = None
) -> int:
    """Run one command; return the exit status instead of exiting, so tests can call it."""
    out, err = out or sys.stdout, err or sys.stderr
    args = _parser().parse_args(argv)
    try:
        if args.command == "check":
            return _check(args, out, err)
        if args.command == "diff":
            return _diff(args, out, err)
        if args.command == "report":
            return _report(args, out, err)
        if args.command == "import":
            return _import(args, out, err)
        if args.command == "export":
            return _export(args, out, err)
        if args.command == "answers":
            return _answers(args, out, err)
        json.dump(map_schema(), out, indent=2)
        out.write("\n")
        return 0
    except MapperError as error:
        print(error, file=err)
        return INVALID
