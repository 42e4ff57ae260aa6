"""YAML text to plain data, safely: what a map file may hold before any model sees it.

Bytes go through, in order, and the file is refused at the first stage that fails:

1. bytes: size cap, NUL bytes, UTF-16 / UTF-32 / other encodings (a UTF-8 BOM is fine);
2. a pre-scan of YAML events: one document, no anchors or aliases (which the format never
   needs, and which make alias bombs possible), no tags beyond the plain YAML ones (nothing is
   ever constructed or run), no nesting deeper than `MAX_DEPTH`. It must come first: libyaml's
   composer recurses and crashes the interpreter on very deep nesting;
3. one compose + construct pass (libyaml when present) with `Reader`, which notes, with their
   lines, duplicate keys, merge keys, keys that are not words, values YAML cannot build and
   values YAML 1.1 reads otherwise than a person does, instead of raising or keeping them.

Most files hold nothing any of that is about. `read_plainly` reads such a file in one pass
over YAML's events, building the values as it goes, without the tree of nodes (with their
line marks) that the stages above need only to place a problem: a third of the reading of a
valid county map. It gives up at the first thing that would need a stage above (an anchor, a
tag, a duplicate key, a number YAML 1.1 reads otherwise, a syntax error...), and the file is
then read by the stages above, which say what is wrong and where.

`mapper.load` validates the data and turns what is noted here into problems.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterator
from typing import Any

import yaml

from mapper.errors import Problem
from mapper.memory import collection_paused

__all__ = [
    "FAST_LOADER",
    "MAX_DEPTH",
    "RAISE_CAP",
    "UNREADABLE",
    "FileRefused",
    "Loc",
    "Reader",
    "changed_by_yaml",
    "compose_and_construct",
    "decode",
    "line_of",
    "node_at",
    "prescan",
    "read_plainly",
    "size_text",
    "source_text",
    "too_big",
]

#: The format nests four deep (map > list > record > list); leave room, refuse the absurd.
MAX_DEPTH = 32
FAST_LOADER: bool = bool(getattr(yaml, "__with_libyaml__", False))

_BaseLoader: Any = yaml.CSafeLoader if FAST_LOADER else yaml.SafeLoader
_PLAIN_TAGS = {
    f"tag:yaml.org,2002:{t}"
    for t in ("str", "int", "float", "bool", "null", "seq", "map", "timestamp")
}

Loc = tuple[str | int, ...]

RAISE_CAP = " (a larger cap can be set with --max-size)"


class FileRefused(Exception):
    """Internal: the file as a whole cannot be read; carries one line and one sentence."""

    def __init__(self, line: int | None, message: str) -> None:
        self.line, self.message = line, message


class _Unreadable:
    """What the loader puts where YAML could not build a value; the problem is already noted."""

    __slots__ = ()


UNREADABLE = _Unreadable()


class Reader(_BaseLoader):
    """Safe loader that reads each value as written, or notes why it cannot.

    It notes duplicate keys instead of silently keeping the last one; refuses merge keys and
    keys that are not text; refuses values YAML cannot build (2027-02-30, a number of 5,000
    digits) with their line instead of raising; and notes numbers whose YAML 1.1 reading differs
    from what a person reads (045 is octal 37, 1:30 is 90), so a value the model accepts is
    still refused if YAML changed it.
    """

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._text = stream
        # Most files have no "text #2" at all: look once, not at every string.
        self._hash_after_text = _HASH_AFTER_TEXT.search(stream) is not None
        self.duplicate_keys: list[tuple[str, int, int]] = []
        #: (line, message) of values that cannot be read at all
        self.refused: list[tuple[int, str]] = []
        #: node -> (as written, what YAML read): values YAML 1.1 reads differently
        self.traps: dict[int, tuple[yaml.Node, str]] = {}

    def flatten_mapping(self, node: yaml.MappingNode) -> None:
        kept = []
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                self.refused.append(
                    (
                        key_node.start_mark.line + 1,
                        (
                            "'<<' is a YAML merge key, which copies keys in from another mapping "
                            "and "
                            "lets the mapping's own keys quietly win; a map file does not use it: "
                            "write the keys out in full"
                        ),
                    )
                )
            else:
                kept.append((key_node, value_node))
        node.value = kept
        super().flatten_mapping(node)

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> Any:
        seen: dict[tuple[str, str], int] = {}
        not_text = False
        for key_node, _ in node.value:
            if isinstance(key_node, yaml.ScalarNode):
                key = (key_node.tag, key_node.value)
                line = key_node.start_mark.line + 1
                if (
                    key_node.tag != "tag:yaml.org,2002:str"
                    and key_node.tag != "tag:yaml.org,2002:merge"
                ):
                    self.refused.append((line, _not_a_text_key(key_node)))
                    not_text = True
                elif key in seen:
                    self.duplicate_keys.append((key_node.value, seen[key], line))
                else:
                    seen[key] = line
            else:
                self.refused.append(
                    (
                        key_node.start_mark.line + 1,
                        "a key here is a list or a mapping; keys are words, like `name:`",
                    )
                )
        data = super().construct_mapping(node, deep=deep)
        # Keys already refused are left out, so validation does not report them again; the
        # copy is made only for such a mapping, not for every mapping of every file.
        return {k: v for k, v in data.items() if isinstance(k, str)} if not_text else data

    def construct_yaml_str(self, node: yaml.ScalarNode) -> Any:
        # `name: Locality hub #2` is the name "Locality hub" and a comment "2" to YAML. A
        # comment is written "# words"; "#2" straight after text is meant as part of it.
        if (
            self._hash_after_text
            and not node.style
            and _HASH_AFTER_TEXT.match(self._text, node.end_mark.index)
        ):
            self.refused.append(
                (
                    node.start_mark.line + 1,
                    (
                        f"the text goes on after '{node.value}' with ' #', which YAML reads as the "
                        "start of a comment, so everything from the # on would be dropped; put the "
                        'whole text in quotes ("... #2"), or leave a space after # for a comment'
                    ),
                )
            )
        return super().construct_yaml_str(node)

    def construct_yaml_timestamp(self, node: yaml.ScalarNode) -> Any:
        try:
            return super().construct_yaml_timestamp(node)
        except (ValueError, OverflowError) as error:
            return self._unbuildable(node, error)

    def _unbuildable(self, node: yaml.ScalarNode, error: Exception) -> _Unreadable:
        # Only the scalar constructors can fail on a value (a date out of range, a number
        # past Python's 4,300 digits); they are caught there, not around every node.
        self.refused.append((node.start_mark.line + 1, _unbuildable(node, error)))
        return UNREADABLE

    def construct_yaml_null(self, node: yaml.ScalarNode) -> Any:
        # `name: #1 Family Hub` is an empty name and a comment to YAML.
        if (
            self._hash_after_text
            and not node.value
            and _HASH_AFTER_TEXT.match(self._text, node.end_mark.index)
        ):
            self.refused.append(
                (
                    node.start_mark.line + 1,
                    (
                        "this value starts with '#', which YAML reads as the start of a comment, "
                        "so the "
                        "value would be empty and the text dropped; put the whole text in quotes "
                        '("#1 ...")'
                    ),
                )
            )
            return UNREADABLE
        return super().construct_yaml_null(node)

    def construct_yaml_int(self, node: yaml.ScalarNode) -> Any:
        written = node.value
        try:
            value = super().construct_yaml_int(node)
        except (ValueError, OverflowError) as error:
            return self._unbuildable(node, error)
        if not _PLAIN_INT.match(written):
            self.traps[id(node)] = (node, f"the number {value}")
        return value

    def construct_yaml_float(self, node: yaml.ScalarNode) -> Any:
        written = node.value
        try:
            value = super().construct_yaml_float(node)
        except (ValueError, OverflowError) as error:
            return self._unbuildable(node, error)
        if value != value or value in (_INF, -_INF):  # .inf, .nan: never a value in a map
            read = "not a number" if value != value else "infinity"
            self.refused.append(
                (
                    node.start_mark.line + 1,
                    (
                        f"YAML reads the unquoted {written} as {read}, which no value in a map "
                        "can be; "
                        f"write a number in plain digits, or put it in quotes if it is text: "
                        f'"{written}"'
                    ),
                )
            )
            return UNREADABLE
        if not _PLAIN_FLOAT.match(written):
            self.traps[id(node)] = (node, f"the number {value}")
        return value


Reader.add_constructor("tag:yaml.org,2002:str", Reader.construct_yaml_str)
Reader.add_constructor("tag:yaml.org,2002:null", Reader.construct_yaml_null)
Reader.add_constructor("tag:yaml.org,2002:int", Reader.construct_yaml_int)
Reader.add_constructor("tag:yaml.org,2002:float", Reader.construct_yaml_float)
Reader.add_constructor("tag:yaml.org,2002:timestamp", Reader.construct_yaml_timestamp)
_INF = float("inf")
_HASH_AFTER_TEXT = re.compile(r"[ \t]+#[^\s#]")
#: Numbers as a person writes them; YAML 1.1 also reads 0x1F, 0o17, 017, 0b11, 1_000, 1:30
#: and .inf as numbers, which no map means.
_PLAIN_INT = re.compile(r"[-+]?(0|[1-9][0-9]*)\Z")
_PLAIN_FLOAT = re.compile(
    r"[-+]?(0|[1-9][0-9]*)?\.[0-9]+([eE][-+]?[0-9]+)?\Z|"
    r"[-+]?(0|[1-9][0-9]*)\.([0-9]*)([eE][-+]?[0-9]+)?\Z"
)


def _not_a_text_key(node: yaml.ScalarNode) -> str:
    kind = node.tag.removeprefix("tag:yaml.org,2002:")
    read = {
        "int": "a number",
        "float": "a number",
        "bool": "a yes/no value",
        "null": "nothing (an empty key)",
        "timestamp": "a date",
    }.get(kind, "not text")
    return (
        f"the key {node.value or '~'} is {read} to YAML, not a word; keys are words such "
        f'as `name:`; if it is meant as text, put it in quotes: "{node.value}"'
    )


def _unbuildable(node: yaml.Node, error: Exception) -> str:
    """Why YAML could not build the value of `node`, in words, with the fix."""
    written = node.value if isinstance(node, yaml.ScalarNode) else ""
    if node.tag == "tag:yaml.org,2002:timestamp":
        return (
            f"{written} is not a date: {_date_fault(written)}; write a real date as "
            "YYYY-MM-DD, or put it in quotes if it is text"
        )
    if node.tag in ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float"):
        digits = sum(c.isdigit() for c in written)
        return (
            f"this number has {digits:,} digits, far more than any value in a map; write "
            "the number you mean, or put it in quotes if it is text"
        )
    return f"YAML cannot read this value ({error}); put it in quotes if it is text"


def _date_fault(written: str) -> str:
    found = re.match(r"(\d{4})-(\d{1,2})-(\d{1,2})", written)
    if not found:
        return "the day, month or time is out of range"
    year, month, day = (int(part) for part in found.groups())
    if year == 0:
        return "there is no year 0"
    if not 1 <= month <= 12:
        return f"there is no month {month}"
    longest = calendar.monthrange(year, month)[1]
    if not 1 <= day <= longest:
        if month == 2:
            return f"February {year} has {longest} days"
        return f"{calendar.month_name[month]} has {longest} days"
    return "the time in it is out of range"


def size_text(count: int) -> str:
    return f"{count / 1_048_576:g} MB"


def too_big(size: int, max_bytes: int, raise_cap: str = RAISE_CAP) -> str:
    cap = f"{size_text(max_bytes)}{raise_cap}"
    for decimals in (1, 2, 3):  # as many as it takes to tell the two apart
        if f"{size / 1_048_576:.{decimals}f}" != f"{max_bytes / 1_048_576:.{decimals}f}":
            return (
                f"the file is {size / 1_048_576:.{decimals}f} MB; the most this tool reads is {cap}"
            )
    return f"the file is {size:,} bytes; the most this tool reads is {max_bytes:,} bytes, {cap}"


def decode(source: str | bytes, max_bytes: int) -> str:
    if isinstance(source, str):
        if len(source) > max_bytes:
            raise FileRefused(None, too_big(len(source.encode("utf-8", "replace")), max_bytes))
        text = source
    else:
        if len(source) > max_bytes:
            raise FileRefused(None, too_big(len(source), max_bytes))
        encoding = _wide_encoding(source)
        if encoding:
            raise FileRefused(
                None, f"the file is saved as {encoding}; save it as UTF-8 and try again"
            )
        if b"\x00" in source:
            raise FileRefused(
                source[: source.index(b"\x00")].count(b"\n") + 1,
                "the file contains NUL bytes: it looks like a binary file, not a YAML map",
            )
        try:
            text = source.decode("utf-8")
        except UnicodeDecodeError as error:
            line = source[: error.start].count(b"\n") + 1
            raise FileRefused(
                line,
                f"the file is not UTF-8 text (byte 0x{source[error.start]:02X}"
                " here); it may have been saved as Latin-1 or Windows-1252: save "
                "it as UTF-8 and try again",
            ) from None
    text = text.removeprefix("\ufeff")
    if "\x00" in text:
        raise FileRefused(
            text[: text.index("\x00")].count("\n") + 1,
            "the text contains NUL characters: it is not a YAML map",
        )
    return text


def _wide_encoding(source: bytes) -> str | None:
    """UTF-32 or UTF-16, told by a byte-order mark or, without one, by where the zero bytes
    fall in the first characters (ASCII letters of a map: `version: 1`)."""
    if source.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        return "UTF-32"
    if source.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "UTF-16"
    head = source[:64]
    if len(head) >= 8 and head[1:4] == b"\x00\x00\x00" or head[:3] == b"\x00\x00\x00":
        return "UTF-32"
    if len(head) >= 4 and (
        head[1::2].count(0) == len(head[1::2]) or head[0::2].count(0) == len(head[0::2])
    ):
        return "UTF-16"
    return None


def _yaml_refusal(error: yaml.YAMLError, text: str) -> FileRefused:
    if isinstance(error, yaml.reader.ReaderError):
        return FileRefused(
            text[: error.position].count("\n") + 1,
            f"the file contains a character YAML does not allow "
            f"(U+{error.character:04X}); remove it"
            if isinstance(error.character, int)
            else "the file contains a character YAML does not allow; remove it",
        )
    mark: Any = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    last_line = text.count("\n") + 1
    # At the end of a file without a final newline, YAML points one line past the last.
    line = min(mark.line + 1, last_line) if mark is not None else None
    problem = getattr(error, "problem", None) or str(error)
    context = getattr(error, "context", None)
    opened = getattr(error, "context_mark", None)
    detail = problem
    if context and opened is not None and line is not None and opened.line + 1 != line:
        if context.startswith(("while parsing a flow", "while scanning a quoted")):
            # An unclosed bracket or quote: the fix is where it opened, not where YAML gave up.
            detail = f"{problem} {context} that starts on this line (YAML noticed at line {line})"
            line = min(opened.line + 1, last_line)
        else:
            detail = f"{problem} ({context} that starts at line {opened.line + 1})"
    elif context:
        detail = f"{problem} ({context})"
    return FileRefused(
        line,
        f"this is not valid YAML: {detail}. Check the indentation and put "
        "text containing ': ' or '#' in quotes",
    )


def prescan(text: str) -> None:
    """Refuse what the format never needs before anything builds a tree from it."""
    depth = 0
    documents = 0
    # Events are told apart by exact type (faster than isinstance on a national map), which
    # mypy cannot follow: each is read as Any.
    events: Iterator[Any] = yaml.parse(text, Loader=_BaseLoader)
    try:
        for event in events:
            kind = type(event)
            if (
                kind is yaml.ScalarEvent
                or kind is yaml.MappingStartEvent
                or kind is yaml.SequenceStartEvent
            ):
                if event.anchor is not None:
                    raise _anchor_refused(event)
                if event.tag is not None and event.tag not in _PLAIN_TAGS and event.tag != "!":
                    raise FileRefused(
                        event.start_mark.line + 1,
                        f"the tag '{_short_tag(event.tag)}' is not allowed in a map file; "
                        "nothing in it was run. Remove the tag and write the plain value",
                    )
                if kind is not yaml.ScalarEvent:
                    depth += 1
                    if depth > MAX_DEPTH:
                        raise FileRefused(
                            event.start_mark.line + 1,
                            f"the file nests lists or mappings more than "
                            f"{MAX_DEPTH} deep; a map never needs that",
                        )
            elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
                depth -= 1
            elif kind is yaml.AliasEvent:
                raise _anchor_refused(event)
            elif kind is yaml.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    raise FileRefused(
                        event.start_mark.line + 1,
                        "the file holds more than one YAML document (a second "
                        "'---'); keep one map per file",
                    )
    except yaml.YAMLError as error:
        raise _yaml_refusal(error, text) from None


def _short_tag(tag: str) -> str:
    return "!!" + tag.removeprefix("tag:yaml.org,2002:") if tag.startswith("tag:yaml.org") else tag


def _anchor_refused(event: Any) -> FileRefused:
    return FileRefused(
        event.start_mark.line + 1,
        "the file uses a YAML anchor (&name) or alias (*name); a map file does "
        "not use them: write the values out in full",
    )


_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_BOOL = "tag:yaml.org,2002:bool"
_NULL = "tag:yaml.org,2002:null"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"


class _NeedsCare(Exception):
    """Internal: the file holds something only the careful reading can handle or place."""


def read_plainly(text: str) -> dict[str, Any] | None:
    """The file's data, read in one pass over YAML's events, when nothing in it needs the
    careful reading (`prescan`, then `compose_and_construct`); None when something does.

    What it builds is what the careful reading builds from the same text: the same
    resolver decides what each unquoted value is, and a value is built here only when YAML
    reads it as written (text, plain digits, yes/no, nothing, a valid date).
    """
    loader = Reader(text)
    try:
        if loader._hash_after_text:  # "#2" straight after text: the careful reading words it
            return None
        with collection_paused():  # the data is acyclic and large
            data = _build_from_events(loader)
    except (_NeedsCare, yaml.YAMLError):
        return None
    finally:
        loader.dispose()
    return data if isinstance(data, dict) and data else None


def _build_from_events(loader: Reader) -> Any:
    """The values, built as the events come; raises _NeedsCare at anything unusual.

    Iterative, with a stack of open collections, so no nesting depth can exhaust one; past
    `MAX_DEPTH` the careful reading refuses the file."""
    next_event = loader.get_event
    resolve = loader.resolve
    tags: dict[str, str] = {}  # what YAML reads each distinct unquoted value as
    # Each open collection: [the list or dict, its pending key (a mapping's), is a mapping]
    open_: list[list[Any]] = []
    root: Any = None
    documents = 0
    while True:
        event: Any = next_event()
        kind = type(event)
        if kind is yaml.ScalarEvent:
            if event.anchor is not None or event.tag is not None:
                raise _NeedsCare
            value: Any = event.value
            if event.implicit[0]:  # unquoted: YAML decides what it is
                tag = tags.get(value)
                if tag is None:
                    tag = tags[value] = resolve(yaml.ScalarNode, value, (True, False))
                if tag == _STR:
                    pass
                elif tag == _INT and _PLAIN_INT.match(value) and len(value) < 100:
                    value = int(value)
                elif tag == _FLOAT and _PLAIN_FLOAT.match(value) and len(value) < 100:
                    value = float(value)
                    if value in (_INF, -_INF):  # 1.0e+999: the careful reading refuses it
                        raise _NeedsCare
                elif tag == _BOOL:
                    value = loader.bool_values[value.lower()]
                elif tag == _NULL:
                    value = None
                elif tag == _TIMESTAMP:
                    node = yaml.ScalarNode(tag, value, event.start_mark, event.end_mark)
                    value = loader.construct_yaml_timestamp(node)
                    if loader.refused:
                        raise _NeedsCare
                else:  # 045, 1_000, 1:30, .inf, <<, =: words the careful reading has
                    raise _NeedsCare
        elif kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
            if event.anchor is not None or event.tag is not None:
                raise _NeedsCare
            if len(open_) >= MAX_DEPTH:
                raise _NeedsCare
            mapping = kind is yaml.MappingStartEvent
            open_.append([{} if mapping else [], None, mapping])
            continue
        elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
            value = open_.pop()[0]
        elif kind is yaml.StreamEndEvent:
            return root
        elif kind is yaml.DocumentStartEvent:
            documents += 1
            if documents > 1:
                raise _NeedsCare
            continue
        elif kind is yaml.AliasEvent:
            raise _NeedsCare
        else:  # the stream's start, a document's end
            continue
        if not open_:
            root = value
            continue
        top = open_[-1]
        if not top[2]:
            top[0].append(value)
        elif top[1] is None:  # a key: text, and new in its mapping
            if type(value) is not str or value in top[0]:
                raise _NeedsCare
            top[1] = value
        else:
            top[0][top[1]] = value
            top[1] = None


def compose_and_construct(text: str) -> tuple[yaml.Node, Any, Reader]:
    loader = Reader(text)
    try:
        with collection_paused():  # the tree is acyclic and large
            root = loader.get_single_node()
            data = loader.construct_document(root) if root is not None else None
    except yaml.YAMLError as error:
        raise _yaml_refusal(error, text) from None
    finally:
        loader.dispose()
    if data is None:
        raise FileRefused(None, "the file is empty; a map starts with `version: 1` and `name:`")
    if not isinstance(data, dict):
        raise FileRefused(
            root.start_mark.line + 1,
            "the top of the file must be a mapping of keys such as `version:`, "
            "`name:`, `organisations:`, not a "
            f"{'list' if isinstance(data, list) else 'single value'}",
        )
    return root, data, loader


def changed_by_yaml(
    root: yaml.Node, traps: dict[int, tuple[yaml.Node, str]], refused_at: list[Loc], filename: str
) -> list[Problem]:
    """A problem for each number YAML 1.1 read differently from how it is written, unless
    validation refused that value already (a text field says "put it in quotes" itself)."""
    if not traps:
        return []
    already = {id(node_at(root, loc)[0]) for loc in refused_at}
    found = []
    for key, (node, read) in traps.items():
        if key in already:
            continue
        written = node.value
        plain = written.lstrip("+-0") or "0"
        fix = (
            f"write {plain}"
            if written.lstrip("+-").startswith("0") and plain.isdigit()
            else "write the number you mean in plain digits"
        )
        message = (
            f"YAML 1.1 reads the unquoted {written} as {read}, which is not what it "
            f'says; {fix}, or put it in quotes if it is text: "{written}"'
        )
        found.append(Problem(filename, node.start_mark.line + 1, "", message))
    return found


def node_at(root: yaml.Node, loc: Loc) -> tuple[yaml.Node, bool]:
    """The node a validation location points at, and whether the whole path was found.

    For the last step of a path into a mapping, an unknown or non-scalar value answers with
    its key, so a message about a bad key points at the key's line.
    """
    node = root
    for step, part in enumerate(loc):
        if isinstance(node, yaml.MappingNode):
            for key_node, value_node in node.value:
                if isinstance(key_node, yaml.ScalarNode) and key_node.value == str(part):
                    last = step == len(loc) - 1
                    if last and not isinstance(value_node, yaml.ScalarNode):
                        return key_node, True
                    node = value_node
                    break
            else:
                return node, False
        elif (
            isinstance(node, yaml.SequenceNode)
            and isinstance(part, int)
            and 0 <= part < len(node.value)
        ):
            node = node.value[part]
        else:
            return node, False
    return node, True


def line_of(root: yaml.Node, loc: Loc) -> int:
    return node_at(root, loc)[0].start_mark.line + 1


def source_text(root: yaml.Node, loc: Loc) -> str | None:
    """The value exactly as written (`14:30`, not 870), for messages about YAML's traps."""
    node, found = node_at(root, loc)
    return node.value if found and isinstance(node, yaml.ScalarNode) else None
