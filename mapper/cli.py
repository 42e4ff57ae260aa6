"""`python -m mapper`: the command line face of the library. Each command calls one function.

A command is one function: its arguments in, a call into the package, the text from
`mapper.render.console` out, an exit status back. Exit status: 0 when the map is valid, 2 when
it is not or cannot be read (messages go to stderr as FILE:LINE: message), as for argparse's
own usage errors. Every error comes as a `MapperError` and is written by `main`.

Each command imports what it uses inside its function: a `check` must not pay for the
reports, the spreadsheets or the drawing libraries (see tests/test_startup.py).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from mapper.errors import MapperError
from mapper.load import DEFAULT_MAX_BYTES

if TYPE_CHECKING:
    from mapper.interchange import Read
    from mapper.model import Decision, Settings
    from mapper.review import Review
    from mapper.sheets import Imported

__all__ = ["COMMANDS", "main"]

INVALID = 2

Command = Callable[[argparse.Namespace, TextIO, TextIO], int]


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


class _SheetNames(Sequence[str]):
    """The sheets `export --only` accepts, read from the templates only when argparse asks
    (a value given to --only): building the parser for a `check` must not import the
    spreadsheet code."""

    def _names(self) -> tuple[str, ...]:
        from mapper.sheets.templates import SHEETS

        return tuple(SHEETS)

    def __getitem__(self, index: Any) -> Any:
        return self._names()[index]

    def __len__(self) -> int:
        return len(self._names())

    def __contains__(self, name: object) -> bool:
        return name in self._names()

    def __iter__(self) -> Iterator[str]:
        return iter(self._names())


def check(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Validate a map file and print what it holds."""
    from mapper.diagnosis import diagnose
    from mapper.load import FAST_LOADER, load_map
    from mapper.render import console
    from mapper.summary import headline_metrics, summarise

    if not FAST_LOADER and args.format == "text":
        err.write(console.slow_loader_note())
    partnership = load_map(args.map, max_bytes=int(args.max_size * 1_048_576))
    settings = _with_overrides(partnership.settings, args.setting)
    departures = None
    if args.without:
        from mapper.diagnosis import simulate_departures

        departures = simulate_departures(partnership, args.without, settings)
    after = departures.partnership if departures is not None else partnership
    diagnosis = departures.diagnosis if departures is not None else diagnose(after, settings)
    counts = summarise(after)
    metrics = {**headline_metrics(after), **diagnosis.metrics}
    if args.format == "json":
        report = {
            "map": counts,
            "metrics": metrics,
            "findings": [
                {**f.to_dict(), **_decision_dict(diagnosis.decision_of(f))}
                for f in diagnosis.findings
            ],
            "set_aside": len(diagnosis.set_aside),
            "decisions_no_longer_applying": [
                _decision_dict(d)["decision"] for d in diagnosis.no_longer_applying
            ],
        }
        if departures is not None:
            report["whatif"] = departures.to_dict()
        out.write(console.json_text(report))
        return 0
    out.write(console.check_summary(counts, metrics, args.map))
    if departures is not None:
        out.write(console.departures(partnership, departures))
    out.write(
        console.findings(
            diagnosis.open, len(diagnosis.set_aside), len(diagnosis.no_longer_applying)
        )
    )
    return 0


def _decision_dict(decision: Decision | None) -> dict[str, Any]:
    """A finding's decision for the JSON output (none: not decided)."""
    if decision is None:
        return {}
    return {"decision": decision.model_dump(mode="json", exclude_none=True)}


def _with_overrides(settings: Settings, pairs: list[str]) -> Settings:
    """The map's settings with `NAME=VALUE` overrides from the command line, validated.

    Validated even with no overrides: that turns a default such as 2 into the 2.0 its field
    declares, as the JSON output has always shown it.
    """
    from mapper.integrity import closest
    from mapper.model import Settings

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
        return settings.with_changes(changes)
    except MapperError as error:
        raise MapperError(f"--setting {error}") from None


def _review(earlier: Sequence[str], newest: str) -> Review:
    """The review of the map file `newest` since the `earlier` ones, put in order of their
    dates (`mapper.review.file_snapshots`)."""
    from mapper.load import load_map
    from mapper.review import file_snapshots, map_words, review_maps

    # A file that cannot be read says so, by name, before any is dated.
    loaded = {Path(path): load_map(path) for path in (*earlier, newest)}
    files = file_snapshots([Path(p) for p in earlier], Path(newest))
    maps = [loaded[path] for path, _ in files]
    return review_maps(
        maps, [day for _, day in files], [map_words(path.name)[0] for path, _ in files]
    )


def diff(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Compare two maps: people, meetings, seats, chairs and findings, and the problems
    resolved, new and still open with the headline figures then and now."""
    from mapper.diagnosis import compare
    from mapper.render import console
    from mapper.render.review import review_section, review_text

    found = _review([args.old], args.new)
    old, new = found.previous.diagnosis.analysis, found.newest.diagnosis.analysis
    changes = compare(old, new)
    if args.format == "json":
        out.write(console.json_text({**changes.to_dict(), "review": found.to_dict()}))
    else:
        out.write(console.diff(old.partnership, new.partnership, changes, args.old, args.new))
        out.write("\n" + review_text(review_section(found)))
    return 0


def report(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Write the report of a map, HTML or PDF."""
    from mapper.load import load_map
    from mapper.render import console
    from mapper.workspace import write_atomically

    partnership = load_map(args.map)
    found = _review(args.since, args.map) if args.since else None
    # Only this command draws and writes PDFs: matplotlib and fpdf2 take half a second.
    from mapper.render.pdf import report_pdf, undrawn_letters_note
    from mapper.render.report import build_report, report_html

    built = build_report(
        partnership, found.newest.diagnosis if found else None, review=found, full=args.full
    )
    target = Path(args.output)
    as_pdf = target.suffix.lower() == ".pdf"
    data = report_pdf(built) if as_pdf else report_html(built).encode("utf-8")
    write_atomically(target, data)
    if note := undrawn_letters_note(built):  # the pictures of either report miss them too
        err.write(console.notes([note]))
    out.write(console.report_written(target, len(data), built.findings_count, len(built.plan)))
    return 0


def _sheet_files(paths: Sequence[str]) -> list[tuple[str, bytes]]:
    """Each spreadsheet file named on the command line, as (file name, content)."""
    from mapper.load import read_map_file
    from mapper.sheets.read import MAX_FILE_BYTES

    return [
        (Path(path).name, read_map_file(path, max_bytes=MAX_FILE_BYTES, raise_cap=""))
        for path in paths
    ]


def import_(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Make a map from spreadsheets in the templates, or from a GraphML, GEXF or Kumu file."""
    from mapper.interchange import format_for_reading, read_map
    from mapper.render import console
    from mapper.sheets import import_sheets
    from mapper.store import FolderStore
    from mapper.summary import summarise

    target = Path(args.output)
    store = FolderStore(target.parent, make_folder=False)
    files = _sheet_files(args.files)
    other = [name for name, _ in files if format_for_reading(name)]
    if other and len(files) > 1:
        raise MapperError(
            f"{other[0]} is a whole map in another tool's format: import it on its own, "
            "not with other files"
        )
    given = args.name or (_name_kept(target) if args.replace else None)
    made_up = target.stem.replace("-", " ").replace("_", " ").strip().title()
    imported: Read | Imported
    if other:
        imported = read_map(
            files[0][1], files[0][0], name=given, otherwise=made_up or "Imported partnership"
        )
    else:
        imported = import_sheets(files, given or made_up or "Imported partnership")
    err.write(console.notes(imported.warnings))
    existing = store.version_of(target.name)
    if existing is not None and not args.replace:
        raise MapperError(
            f"{target} already exists; choose another name, or add --replace "
            "(the old file is kept in .history)"
        )
    store.save(target.name, imported.partnership, existing)
    out.write(console.imported(target, summarise(imported.partnership)))
    return 0


def _name_kept(target: Path) -> str | None:
    """The name of the map an import replaces, so a map sent out to a spreadsheet and back
    keeps it; None when there is no readable map there."""
    from mapper.load import load_map

    try:
        return load_map(target).name if target.exists() else None
    except MapperError:
        return None


#: Names that read as a file of some other kind: `export -o map.txt` would otherwise make a
#: folder called map.txt.
_NOT_A_FOLDER = frozenset(
    {
        ".xls",
        ".xlsm",
        ".ods",
        ".doc",
        ".docx",
        ".pdf",
        ".html",
        ".htm",
        ".txt",
        ".yaml",
        ".yml",
        ".zip",
        ".xml",
    }
)
#: What `export --format` takes, and the file ending that chooses each when it is not given.
EXPORT_FORMATS = {
    "workbook": ".xlsx",
    "csv": "",
    "graphml": ".graphml",
    "gexf": ".gexf",
    "kumu": ".json",
    "kumu-xlsx": ".xlsx",
    "edges": ".csv",
}


def _export_format(target: Path, given: str | None) -> str:
    if given:
        return given
    suffix = target.suffix.lower()
    if target.is_dir() or not suffix:
        return "csv"
    chosen = next((name for name, ending in EXPORT_FORMATS.items() if ending == suffix), None)
    if chosen is None or suffix in _NOT_A_FOLDER:
        raise MapperError(
            f"{target}: export writes a workbook (a name ending .xlsx) or a folder of CSV "
            "files (a folder name), or the map for another tool: .graphml, .gexf, .json "
            "(Kumu) or .csv (an edge list); give one of those, or choose with --format"
        )
    return chosen


def export(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Write a map into the spreadsheet templates (a workbook, or CSV files in a folder), or
    for another tool (GraphML, GEXF, Kumu, an edge list)."""
    from mapper.load import load_map
    from mapper.render import console
    from mapper.workspace import write_atomically

    partnership = load_map(args.map)
    target = Path(args.output)
    chosen = _export_format(target, args.format)
    if chosen not in ("workbook", "csv"):
        if args.only:
            raise MapperError(f"--only chooses sheets of the templates, not of --format {chosen}")
        from mapper.interchange import export_files

        written = []
        for path, data in export_files(partnership, chosen, target).items():
            write_atomically(path, data)
            written.append(path)
        out.write(console.exported(written, ["the map"]))
        return 0
    from mapper.sheets.export import tables_csv, tables_workbook
    from mapper.sheets.templates import SHEETS

    sheets = args.only or list(SHEETS)
    if chosen == "workbook":
        write_atomically(target, tables_workbook(partnership, sheets))
        written = [target]
    else:
        if target.exists() and not target.is_dir():
            raise MapperError(
                f"{target} is a file, not a folder; CSV files are written into "
                "a folder (give a folder name), a workbook to a name ending .xlsx"
            )
        try:
            target.mkdir(parents=True, exist_ok=True)
        except OSError as error:  # this command's own step, so its own message
            raise MapperError(
                f"{target}: the folder for the CSV files cannot be made here "
                f"({error.strerror or error}); write somewhere else"
            ) from None
        written = []
        for file_name, text in tables_csv(partnership, sheets).items():
            write_atomically(target / file_name, text.encode("utf-8"))
            written.append(target / file_name)
    out.write(console.exported(written, sheets))
    return 0


def answers(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Take the self-assessment answers of a filled-in questionnaire into a map."""
    from mapper.answers import take_answers
    from mapper.render import console
    from mapper.store import FolderStore

    target = Path(args.map)
    store = FolderStore(target.parent, make_folder=False)
    opened = store.open(target.name)
    taken = take_answers(opened.partnership, _sheet_files(args.files))
    err.write(console.notes(taken.warnings))
    if taken.changed:
        store.save(target.name, taken.partnership, opened.version)
    out.write(console.answers_taken(len(taken.answers), taken.changed, target))
    return 0


def schema(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Print the JSON Schema of the map format."""
    import json

    from mapper.schema import map_schema

    json.dump(map_schema(), out, indent=2)
    out.write("\n")
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m mapper",
        description="Map and diagnose a local Best Start / family hub system.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    checking = commands.add_parser(
        "check",
        help="validate a map and summarise it",
        description="Validate a map file and print what it holds.",
    )
    checking.add_argument("map", metavar="MAP.yaml", help="the map file to check")
    checking.add_argument(
        "--format",
        choices=("text", "json"),
        default="text",
        help="text for people (default), json for other programs",
    )
    checking.add_argument(
        "--without",
        nargs="+",
        metavar="ID",
        default=[],
        help="diagnose the map as if these people or organisations had left",
    )
    checking.add_argument(
        "--setting",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="change a threshold of the diagnosis for this run, e.g. "
        "duplicate_similarity=0.7 (see docs/findings.md); repeatable",
    )
    checking.add_argument(
        "--max-size",
        type=_megabytes,
        default=DEFAULT_MAX_BYTES / 1_048_576,
        metavar="MB",
        help="refuse files larger than this (default: %(default)g)",
    )
    diffing = commands.add_parser(
        "diff",
        help="what changed between two snapshots of a map",
        description="Compare two maps: people, meetings, seats, chairs and findings.",
    )
    diffing.add_argument("old", metavar="OLD.yaml")
    diffing.add_argument("new", metavar="NEW.yaml")
    diffing.add_argument("--format", choices=("text", "json"), default="text")
    reporting = commands.add_parser(
        "report",
        help="write the report (HTML or PDF) for a partnership board",
        description="Write a report of the map for a board: a summary on page one (the "
        "partnership, four headline figures, the problems to act on first), the action plan "
        "(one row per problem), those problems in full, the map, meeting load, the "
        "self-assessment and the guidance behind the checks. Short by default; --full adds "
        "every finding in full and the self-assessment statement by statement; --since, what "
        "changed since the last review.",
    )
    reporting.add_argument("map", metavar="MAP.yaml")
    reporting.add_argument(
        "--full",
        action="store_true",
        help="every finding in full, and every self-assessment statement (an appendix)",
    )
    reporting.add_argument(
        "-o",
        "--output",
        required=True,
        metavar="REPORT.html|REPORT.pdf",
        help="where to write it; .pdf gives a PDF, anything else HTML",
    )
    reporting.add_argument(
        "--since",
        action="append",
        default=[],
        metavar="OLD.yaml",
        help="an earlier map of the same partnership (the last review): the report adds what "
        "changed since, with the headline figures then and now; repeat it for older ones, in "
        "any order (a date in a file's name, such as 2026-06, or else its last change, puts "
        "them in order), for a trend of the figures over three reviews or more",
    )
    sheets_in = commands.add_parser(
        "import",
        help="make a map from spreadsheets (.xlsx or .csv in the templates), or from "
        "GraphML, GEXF or Kumu JSON",
        description="Make a map from spreadsheets that follow the templates in "
        "examples/templates (organisations, people, meetings, attendance, and optionally "
        "outcomes, relationships, assessment and settings): one workbook with a sheet for "
        "each, or CSV files named after them. Or from one file that export wrote for "
        "another tool (.graphml, .gexf, or a Kumu blueprint .json), perhaps edited there: "
        "its organisations, people, meetings, relationships, outcomes and localities.",
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
        help="write a map into the spreadsheet templates, or for another tool",
        description="Write a map as an .xlsx workbook, or as CSV files in a folder, in the "
        "templates `import` reads, self-assessment and settings included; or for another "
        "tool: GraphML (.graphml: Gephi, Cytoscape, yEd), GEXF 1.3 (.gexf: Gephi), a Kumu "
        "blueprint (.json) or workbook (--format kumu-xlsx), or an edge list (.csv, with "
        "its node list beside it in NAME-nodes.csv). The output's ending chooses the "
        "format; --format chooses it whatever the ending. The files hold personal data "
        "(names and roles). See docs/format.md, The map in other tools.",
    )
    sheets_out.add_argument("map", metavar="MAP.yaml")
    sheets_out.add_argument(
        "-o",
        "--output",
        required=True,
        metavar="OUTPUT",
        help="FILE.xlsx or a FOLDER (the templates), or FILE.graphml, FILE.gexf, FILE.json "
        "(Kumu) or FILE.csv (an edge list)",
    )
    sheets_out.add_argument(
        "--format",
        choices=tuple(EXPORT_FORMATS),
        help="workbook (.xlsx) or csv (a folder): the templates; graphml, gexf, kumu "
        "(JSON), kumu-xlsx (Kumu's Elements and Connections sheets) or edges (CSV): "
        "the map for another tool (default: chosen by the output's ending)",
    )
    sheets_out.add_argument(
        "--only",
        action="append",
        choices=_SheetNames(),
        metavar="SHEET",
        help="write only this sheet (repeat for more): --only assessment "
        "gives the questionnaire alone, which names nobody, to send round",
    )
    answering = commands.add_parser(
        "answers",
        help="take self-assessment answers from a filled-in questionnaire",
        description="Read the assessment sheet of FILE (as written by export --only "
        "assessment) into MAP.yaml: its answers replace the map's answers to the same "
        "statements; statements it leaves unanswered keep theirs. The old map is kept in "
        ".history.",
    )
    answering.add_argument("map", metavar="MAP.yaml")
    answering.add_argument("files", nargs="+", metavar="FILE")
    commands.add_parser(
        "schema",
        help="print the JSON Schema of the map format",
        description="Print the JSON Schema of the map format, for editors that validate YAML.",
    )
    return parser


#: Each command's name and the function that runs it, as the parser dispatches them.
COMMANDS: dict[str, Command] = {
    "check": check,
    "diff": diff,
    "report": report,
    "import": import_,
    "export": export,
    "answers": answers,
    "schema": schema,
}


def main(
    argv: Sequence[str] | None = None, out: TextIO | None = None, err: TextIO | None = None
) -> int:
    """Run one command; return the exit status instead of exiting, so tests can call it."""
    out, err = out or sys.stdout, err or sys.stderr
    args = _parser().parse_args(argv)
    try:
        return COMMANDS[args.command](args, out, err)
    except MapperError as error:
        from mapper.render import console

        err.write(console.error(error))
        return INVALID
