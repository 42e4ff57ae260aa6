"""The one place map files are read: the file, then its YAML (`mapper.yaml_text`), then
validation, cross-references and line numbers.

Each record is validated on its own, then the map's integrity rules run, so that one run
reports every problem, each with the line it is on; what the YAML stage noted (a value it could
not build, a number YAML 1.1 changed, a merge key) is reported beside them.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from types import SimpleNamespace
from typing import Any

from pydantic import BaseModel, ValidationError

from mapper.errors import InvalidMapError, MapperError, Problem
from mapper.integrity import find_integrity_problems, format_loc
from mapper.messages import explain
from mapper.model import (
    HEADER_ONLY,
    AssessmentAnswer,
    Layout,
    Partnership,
    Settings,
    newer_uses,
    unknown_statement,
)
from mapper.model import SECTIONS as MAP_SECTIONS
from mapper.yaml_text import (
    FAST_LOADER,
    MAX_DEPTH,
    RAISE_CAP,
    UNREADABLE,
    FileRefused,
    Loc,
    changed_by_yaml,
    compose_and_construct,
    decode,
    line_of,
    prescan,
    read_plainly,
    size_text,
    source_text,
    too_big,
)

__all__ = [
    "load_map",
    "parse_map",
    "read_map_file",
    "validate_data",
    "DEFAULT_MAX_BYTES",
    "MAX_DEPTH",
    "FAST_LOADER",
]

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
MAX_PROBLEMS = 100
#: Each section of a map and the model of its records (validated one by one).
SECTIONS: dict[str, type[BaseModel]] = {name: s.model for name, s in MAP_SECTIONS.items()}


def load_map(path: str | os.PathLike[str], *, max_bytes: int = DEFAULT_MAX_BYTES) -> Partnership:
    """Read and validate the map at `path`; raise InvalidMapError listing every problem."""
    return parse_map(
        read_map_file(path, max_bytes=max_bytes), filename=os.fspath(path), max_bytes=max_bytes
    )


def read_map_file(
    path: str | os.PathLike[str], *, max_bytes: int = DEFAULT_MAX_BYTES, raise_cap: str = RAISE_CAP
) -> bytes:
    """The bytes of the file at `path`, refusing a file larger than `max_bytes`.

    The one way the tool reads a file a user names (maps, spreadsheets). The size is checked
    before reading and again while reading, so a device or a pipe that never ends (/dev/zero,
    a FIFO) or a file that grows is refused at the cap, whatever its stated size.
    """
    name = os.fspath(path)
    try:
        with open(path, "rb") as stream:
            size = os.fstat(stream.fileno()).st_size
            if size > max_bytes:
                raise InvalidMapError(
                    [Problem(name, None, "", too_big(size, max_bytes, raise_cap))]
                )
            data = stream.read(max_bytes + 1)
    except IsADirectoryError:
        raise MapperError(f"{name} is a folder, not a file") from None
    except FileNotFoundError:
        raise MapperError(f"{name}: no such file") from None
    except OSError as error:
        raise MapperError(f"{name}: cannot be read ({error.strerror})") from None
    if len(data) > max_bytes:
        raise InvalidMapError(
            [
                Problem(
                    name,
                    None,
                    "",
                    (
                        f"the file goes on past {size_text(max_bytes)}, the most this tool reads "
                        "(it may be a "
                        f"device or a stream rather than a file){raise_cap}"
                    ),
                )
            ]
        )
    return data


def parse_map(
    source: str | bytes, *, filename: str = "<text>", max_bytes: int = DEFAULT_MAX_BYTES
) -> Partnership:
    """Validate a map given as YAML text or bytes; raise InvalidMapError listing every problem.

    A map that reads plainly and validates is done in one pass (`read_plainly`); any other is
    read again, carefully, so each problem is named with its line.
    """
    try:
        text = decode(source, max_bytes)
    except FileRefused as refused:
        raise InvalidMapError([Problem(filename, refused.line, "", refused.message)]) from None
    plain = read_plainly(text)
    if plain is not None:
        partnership, located = _validate(plain, lambda loc: None)
        if partnership is not None and not located:
            return partnership
    try:
        prescan(text)
        root, data, loader = compose_and_construct(text)
    except FileRefused as refused:
        raise InvalidMapError([Problem(filename, refused.line, "", refused.message)]) from None
    found: list[Problem] = [
        Problem(
            filename,
            second,
            "",
            f"the key '{key}' appears twice in this mapping (also at "
            f"line {first}); YAML would silently keep only the last one, so remove one",
        )
        for key, first, second in loader.duplicate_keys
    ]
    found += [Problem(filename, line, "", message) for line, message in loader.refused]
    partnership, located = _validate(data, lambda loc: source_text(root, loc))
    for loc, message, first in located:
        if first is not None:
            message += f" (first declared at line {line_of(root, first)})"
        found.append(Problem(filename, line_of(root, loc), format_loc(loc), message))
    found += changed_by_yaml(root, loader.traps, [loc for loc, _, _ in located], filename)
    if found:
        found.sort(key=lambda p: p.line or 0)
        raise InvalidMapError(found[:MAX_PROBLEMS], omitted=max(0, len(found) - MAX_PROBLEMS))
    assert partnership is not None
    return partnership


def validate_data(data: dict[str, Any], *, filename: str = "the map") -> Partnership:
    """Validate a map given as plain data (what the app's forms build), with the loader's own
    checks and messages; problems carry no line, only where in the map they are."""
    partnership, located = _validate(data, lambda loc: None)
    if located:
        found = [Problem(filename, None, format_loc(loc), message) for loc, message, _ in located]
        raise InvalidMapError(found[:MAX_PROBLEMS], omitted=max(0, len(found) - MAX_PROBLEMS))
    assert partnership is not None
    return partnership


#: (where, message, where it was first declared — for duplicate ids)
Located = list[tuple[Loc, str, Loc | None]]


def _validate(
    data: dict[Any, Any], source_at: Callable[[Loc], str | None]
) -> tuple[Partnership | None, Located]:
    """Validate each record alone, then the whole map's integrity; collect every problem."""
    located: Located = []
    header = {k: v for k, v in data.items() if k not in SECTIONS}
    valid_header: Partnership | None = None  # version, name and settings, without sections
    try:
        valid_header = Partnership.model_validate(header, context=HEADER_ONLY)
    except ValidationError as error:
        for e in error.errors():
            if e.get("input") is UNREADABLE or e["type"] == "unknown_question":
                continue
            loc = tuple(e["loc"])
            model = (
                Settings
                if loc[:1] == ("settings",)
                else AssessmentAnswer
                if loc[:1] == ("assessment",) and len(loc) > 2
                else Layout
                if loc[:1] == ("layout",)
                else Partnership
            )
            located.append((loc, explain(e, model, data, source_at(loc)), None))
    answers = data.get("assessment")
    for key in answers if isinstance(answers, dict) else ():
        reason = unknown_statement(key)
        if reason:
            located.append((("assessment", key), f"assessment: {reason}", None))
    valid: dict[str, list[Any]] = {}
    raw_index: dict[str, list[int]] = {}  # position among valid records -> index in the file
    broken_ids: dict[str, str] = {}
    for section, record_model in SECTIONS.items():
        raw = data.get(section)
        valid[section], raw_index[section] = [], []
        if raw is None:
            continue
        if not isinstance(raw, list):
            located.append(
                (
                    (section,),
                    f"{section}: should be a list of entries, each starting with '- ', or left out",
                    None,
                )
            )
            continue
        for index, item in enumerate(raw):
            try:
                record = record_model.model_validate(item)
            except ValidationError as error:
                context = _record_context(section, item, index)
                for e in error.errors():
                    if e.get("input") is UNREADABLE:
                        continue
                    loc = (section, index, *e["loc"])
                    message = explain(e, record_model, item, source_at(loc))
                    located.append((loc, context + message, None))
                record = _salvage(record_model, item, error)
                if (
                    record is None
                    and MAP_SECTIONS[section].has_ids
                    and isinstance(item, dict)
                    and isinstance(item.get("id"), str)
                ):
                    broken_ids.setdefault(item["id"], section)
            if record is not None:
                valid[section].append(record)
                raw_index[section].append(index)
    # What the file uses of a later version than it declares (a version it does not
    # declare, or one refused, is reported as such, and nothing more of it).
    declared = valid_header.version if valid_header is not None else 0
    for use in newer_uses(data) if declared else ():
        if use.version > declared:
            context = (
                _record_context(str(use.loc[0]), data[use.loc[0]][use.loc[1]])
                if len(use.loc) > 1
                else ""
            )
            located.append((use.loc, f"{context}{use.field.key}: {use.message}", None))
    sections = SimpleNamespace(**valid)

    def in_file(loc: Loc) -> Loc:
        section, position = str(loc[0]), int(loc[1])
        return (section, raw_index[section][position], *loc[2:])

    for problem in find_integrity_problems(sections, broken_ids):
        record = valid[str(problem.loc[0])][int(problem.loc[1])]
        raw_record = record.model_dump(by_alias=True, include={"id", "source", "target"})
        message = (
            f"{_record_context(str(problem.loc[0]), raw_record)}"
            f"{format_loc(problem.loc[2:])}: {problem.message}"
        )
        located.append(
            (in_file(problem.loc), message, in_file(problem.first) if problem.first else None)
        )
    if located or valid_header is None:
        return None, located
    # Everything but the sections as the header validated it (so a part added to the map
    # later comes through too), and the records validated one by one above.
    parts: dict[str, Any] = {
        n: getattr(valid_header, n) for n in Partnership.model_fields if n not in SECTIONS
    }
    parts |= {section: tuple(records) for section, records in valid.items()}
    parts["layout"] = parts["layout"].keeping(sections)  # positions of records gone: dropped
    partnership = Partnership.model_construct(**parts)
    return partnership, located


def _salvage(model: type[BaseModel], item: Any, error: ValidationError) -> Any:
    """The record without its faulty keys, so its other references can still be checked.

    It never reaches the map (a map with problems is refused); it only lets one run report
    a bad `organisation:` in a record whose `level:` is also wrong.
    """
    faulty = {e["loc"][0] for e in error.errors() if e["loc"]}
    if not isinstance(item, dict) or not faulty or any(not e["loc"] for e in error.errors()):
        return None
    try:
        return model.model_validate({k: v for k, v in item.items() if k not in faulty})
    except ValidationError:
        return None


def _record_context(section: str, item: Any, index: int | None = None) -> str:
    if not isinstance(item, dict):
        return f"{section} entry {index + 1}: " if index is not None else ""
    if isinstance(item.get("id"), str):
        return f"{MAP_SECTIONS[section].record} '{item['id']}': "
    ends = item.get("from"), item.get("to")
    if all(isinstance(end, str) for end in ends):
        return f"relationship {ends[0]} - {ends[1]}: "
    return ""
