"""Hostile map files: the loader either reads a value as it is written or names the problem.

Two kinds of case, drawn by hypothesis:
- a value typed into one field of a small valid map, unquoted or quoted, from a corpus of YAML's
  traps (octal, base 60, impossible dates, .inf, merge keys, format characters...) and from
  random text shaped like numbers and dates. If the map loads, the field must hold exactly what
  a person reads in the text (45 for `45`, the text itself for `"045"`), never YAML 1.1's
  reading of it;
- a whole file mangled: a hostile line inserted anywhere, the file cut at any byte, re-encoded,
  or random bytes appended.

Either way `parse_map` returns a map or raises InvalidMapError, whose problems each carry a
sentence for a person (no pydantic wording, no `None:` place) and a line inside the file.

    python -m tests.fuzz.yaml_maps --minutes 10     # a long run by hand
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import time
from dataclasses import dataclass
from typing import Any

from hypothesis import strategies as st

from mapper import InvalidMapError, Partnership, parse_map

__all__ = ["BASE", "FIELDS", "Case", "check_field", "check_file", "fields", "files"]

BASE = """\
version: 1
name: Fuzz partnership
organisations:
  - id: nbc
    name: Northbridge Council
    sector: local_authority
  - id: trust
    sector: health
people:
  - id: amara
    name: Amara Okafor
    organisation: nbc
    level: strategic
    leaving: 2027-03-31
  - id: ben
    organisation: trust
    level: operational
meetings:
  - id: board
    level: strategic
    frequency: monthly
    duration_minutes: 90
    revisits_purpose: biannual
    chairs: [amara]
    members: [ben]
settings:
  load_hours_per_month: 16
  duplicate_similarity: 0.6
"""


@dataclass(frozen=True)
class Field:
    line: str  # the line of BASE whose value is replaced
    kind: str  # "text", "int", "number", "frequency", "date"

    def get(self, partnership: Partnership) -> Any:
        key = self.line.split(":")[0].strip()
        if self.line.startswith("name: Fuzz"):
            return partnership.name
        if key == "name":
            return partnership.organisation_by_id["nbc"].name
        if key == "leaving":
            return partnership.person_by_id["amara"].leaving
        if key in ("frequency", "duration_minutes", "revisits_purpose"):
            return getattr(partnership.meeting_by_id["board"], key)
        return getattr(partnership.settings, key)


FIELDS = (
    Field("name: Fuzz partnership", "text"),
    Field("    name: Northbridge Council", "text"),
    Field("    leaving: 2027-03-31", "date"),
    Field("    frequency: monthly", "frequency"),
    Field("    duration_minutes: 90", "int"),
    Field("    revisits_purpose: biannual", "frequency"),
    Field("  load_hours_per_month: 16", "number"),
    Field("  duplicate_similarity: 0.6", "number"),
)

TRAPS = [
    "045",
    "012",
    "0o17",
    "0x2D",
    "0b101",
    "1_000",
    "1:30",
    "1:30.5",
    "190:20:30",
    "+45",
    "-0",
    "00",
    ".inf",
    "-.inf",
    ".NaN",
    "1.0e+999",
    "1e3",
    "1.5e+3",
    "8.5",
    ".5",
    "5.",
    "1" + "0" * 5000,
    "2027-02-30",
    "2027-13-01",
    "0000-01-01",
    "2024-02-29",
    "2027-04-31",
    "2027-3-1",
    "2027-03-31T25:00:00",
    "2001-12-14t21:59:43.10-05:00",
    "2027-03-31 10:00",
    "yes",
    "No",
    "on",
    "OFF",
    "y",
    "~",
    "null",
    "true",
    "=",
    "<<",
    "[]",
    "{}",
    "<<: {a: b}",
    "&a x",
    "*a",
    "!!str 1",
    "!!int 1",
    "!!float 1",
    "!!binary aGk=",
    "!!timestamp 2027-01-01",
    "!!python/name:os.system",
    "|\n      x",
    ">-\n      y",
    "Ann\u200bLee",
    "Ann\u200fLee",
    "Ann\u061cLee",
    "Zo\u00adë",
    "\u202eevil",
    "\ufeffx",
    "\U0001f469\u200d\U0001f467",
    "Ann\u200d",
    "http://evil.example/t",
    "[x](http://e.x)",
    "<img src=x onerror=alert(1)>",
    "$x^{2$",
    "'single",
    '"double',
    "a: b",
    "a #b",
    "- x",
    "Locality hub #2",
    "a # comment",
    "a\t#b",
    "#1 Family Hub",
    "# nothing",
]
HOSTILE_LINES = [
    "<<: {sector: education}",
    "1: x",
    "? [a]\n: b",
    "&anchor x: y",
    "x: *alias",
    "!!python/object/apply:os.system ['echo x']",
    "---",
    "...",
    "%YAML 1.1",
    "%TAG ! tag:x,2:",
    "\t- tab",
    "  - {id: x",
    "  - [",
    '  name: "unclosed',
    "x: " + "[" * 40,
    "\x00",
    "\x1b[31m",
    "\ud7ff",
    "version: 2",
    "assessment: {shared_visoin: {answer: yes}}",
    "relationships: [{from: nbc, to: trust, kind: informal}, {from: trust, to: nbc, "
    "kind: informal}]",
]
_JARGON = re.compile(r"Input should|type=|pydantic|\bNone:|Traceback|object at 0x")


@dataclass(frozen=True)
class Case:
    text: str | bytes
    field: Field | None = None
    value: str | None = None


def _plain_reading(field: Field, written: str) -> tuple[bool, Any]:
    """(True, the value a person reads in `written`) or (False, None) when there is no single
    plain reading, in which case the loader may do anything but rewrite it silently."""
    text = written.strip(" \t")  # unquoted, YAML drops the spaces round a value, as a reader does
    if not text.strip() or text.strip() in ("~", "null", "Null", "NULL"):
        return True, None  # nothing written: the field is not given
    quoted = len(text) >= 2 and text[0] == text[-1] and text[0] in "'\""
    if quoted:
        inner = text[1:-1]
        if "\\" in inner or text[0] in inner:
            return False, None
        if field.kind == "text" or field.kind == "frequency" and re.fullmatch(r"[a-z_]+", inner):
            return True, inner  # a word in quotes is that word
        if field.kind == "date" and re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", inner):
            try:
                return True, dt.date.fromisoformat(inner)  # a date in quotes is that date
            except ValueError:
                return False, None
        if field.kind == "number" and re.fullmatch(r"-?[0-9]+(\.[0-9]+)?|-?\.[0-9]+", inner):
            return True, float(inner)  # settings read plain digits in quotes, as --setting does
        return False, None
    # Block scalars and tags have readings of their own (the lines, the tagged type).
    if text.startswith(("|", ">", "!!")):
        return False, None
    comment = re.search(r"(^|[ \t])#", text)
    if comment:  # "a # b" is "a" and a comment; in text, "a #2" and "#2" must be refused
        follows = text[comment.end() : comment.end() + 1]
        if follows and not follows.isspace() and field.kind == "text":
            return False, None
        text = text[: comment.start()].rstrip()
        if not text:
            return True, None  # "# x" alone: no value
    if field.kind == "text":
        return True, text
    if field.kind == "date":
        try:
            return (re.fullmatch(r"\d{4}-\d\d-\d\d", text) is not None, dt.date.fromisoformat(text))
        except ValueError:
            return False, None
    if re.fullmatch(r"[-+]?[0-9]{1,30}", text):  # 08 is eight to a person, 045 forty-five
        return True, int(text, 10)
    # Decimals as YAML 1.2 and JSON read them too (1.5, .5, 1.5e+3): the same value everywhere.
    if re.fullmatch(
        r"[-+]?((0|[1-9][0-9]*)?\.[0-9]+|(0|[1-9][0-9]*)\.[0-9]*)"
        r"([eE][-+]?[0-9]+)?",
        text,
    ):
        return True, float(text)
    if field.kind == "frequency" and re.fullmatch(r"[a-z_]+", text):
        return True, text
    return False, None


def check_problems(text: str | bytes, error: InvalidMapError) -> None:
    lines = (text.decode("utf-8", "replace") if isinstance(text, bytes) else text).count("\n")
    assert error.problems, "refused with no problem"
    for problem in error.problems:
        assert problem.message.strip(), problem
        assert not _JARGON.search(problem.message), f"not written for a person: {problem}"
        assert problem.line is None or 1 <= problem.line <= lines + 1, problem


def check_field(case: Case) -> None:
    """The field holds what its text says, or the map is refused with a readable problem."""
    assert case.field is not None and case.value is not None
    try:
        partnership = parse_map(case.text)
    except InvalidMapError as error:
        check_problems(case.text, error)
        return
    plain, reading = _plain_reading(case.field, case.value)
    got = case.field.get(partnership)
    if plain:
        assert (
            got == reading
            and type(got) is type(reading)
            or (isinstance(got, float) and got == reading)
        ), (case.value, got)
    elif case.value.startswith("!!"):
        pass  # an explicit tag says how to read it (!!timestamp 2027-01-01 is that date)
    else:
        # Accepted without a plain reading: only text fields may hold such a value, as written
        # (a block scalar such as `|` gives its lines).
        assert case.field.kind == "text" and isinstance(got, str), (case.value, got)
        assert case.value.startswith(("|", ">", "!!str", "'", '"')) or got == case.value, (
            case.value,
            got,
        )


def check_file(case: Case) -> None:
    """A mangled file loads, or is refused with readable problems on lines it has."""
    try:
        parse_map(case.text)
    except InvalidMapError as error:
        check_problems(case.text, error)


_CHARS = st.characters(codec="utf-8", exclude_categories=("Cs",))
_NUMBERISH = st.from_regex(
    r"[-+]?[0-9_]{0,6}[.:]?[0-9_]{0,4}([eE][-+]?[0-9]{1,3})?", fullmatch=True
)
_DATEISH = st.from_regex(r"[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}", fullmatch=True)


@st.composite
def fields(draw: st.DrawFn) -> Case:
    field = draw(st.sampled_from(FIELDS))
    value = draw(
        st.one_of(
            st.sampled_from(TRAPS), _NUMBERISH, _DATEISH, st.text(_CHARS, min_size=1, max_size=12)
        )
    )
    # One line: YAML folds a line break inside quotes into a space (its reading, not ours).
    if not value.startswith(("|", ">")):
        value = re.sub("[\r\n\x85\u2028\u2029]", " ", value)
    if draw(st.booleans()) and "\n" not in value:
        value = (
            '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
            if draw(st.booleans())
            else "'" + value.replace("'", "''") + "'"
        )
    key, _, _ = field.line.partition(":")
    return Case(BASE.replace(field.line, f"{key}: {value}", 1), field, value)


@st.composite
def files(draw: st.DrawFn) -> Case:
    text = BASE
    lines = text.splitlines(keepends=True)
    for _ in range(draw(st.integers(1, 3))):
        at = draw(st.integers(0, len(lines)))
        indent = draw(st.sampled_from(["", "  ", "    "]))
        lines.insert(at, indent + draw(st.sampled_from(HOSTILE_LINES)) + "\n")
    text = "".join(lines)
    data: str | bytes = text
    how = draw(st.sampled_from(["text", "cut", "utf-16", "utf-32", "latin-1", "bytes", "bom"]))
    if how == "cut":
        raw = text.encode("utf-8")
        data = raw[: draw(st.integers(0, len(raw)))]
    elif how in ("utf-16", "utf-32", "latin-1"):
        data = text.encode(how, "replace")
    elif how == "bytes":
        data = text.encode() + draw(st.binary(max_size=40))
    elif how == "bom":
        data = b"\xef\xbb\xbf" + text.encode()
    return Case(data)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Fuzz the map loader for a while.")
    parser.add_argument("--minutes", type=float, default=5)
    parser.add_argument("--batch", type=int, default=500, help="examples per round and kind")
    args = parser.parse_args(argv)
    from hypothesis import HealthCheck, given, settings

    budget = settings(
        max_examples=args.batch,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    slowest = [0.0]

    def timed(check: Any) -> Any:
        def run(case: Case) -> None:
            start = time.perf_counter()
            check(case)
            slowest[0] = max(slowest[0], time.perf_counter() - start)

        return run

    run_fields = budget(given(fields())(timed(check_field)))
    run_files = budget(given(files())(timed(check_file)))
    end = time.monotonic() + args.minutes * 60
    rounds = 0
    while time.monotonic() < end:
        run_fields()
        run_files()
        rounds += 1
        print(
            f"round {rounds}: {rounds * args.batch} field cases and as many file cases; "
            f"slowest case {slowest[0]:.3f} s",
            flush=True,
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
