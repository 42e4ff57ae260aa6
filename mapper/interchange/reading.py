"""Reading another tool's file safely: XML without entities or a DTD, JSON within bounds.

XML is parsed with defusedxml (already installed to guard openpyxl), which refuses a
document type declaration, and so every entity: a billion-laughs bomb or an external entity
never expands. A file is refused above `MAX_BYTES` before it is parsed, and every refusal is
a `MapperError` saying what is wrong with the file, never a traceback.
"""

from __future__ import annotations

import json
import re
from typing import Any
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from mapper.errors import MapperError
from mapper.load import DEFAULT_MAX_BYTES

__all__ = ["MAX_BYTES", "xml_root", "json_document", "local_name"]

MAX_BYTES = DEFAULT_MAX_BYTES
_MAX_JSON_DEPTH = 32


def _sized(data: bytes, file: str, what: str) -> None:
    if not data.strip():
        raise MapperError(f"{file} is empty: it holds no {what}")
    if len(data) > MAX_BYTES:
        raise MapperError(
            f"{file} is {len(data) / 1_048_576:,.1f} MB, more than the "
            f"{MAX_BYTES / 1_048_576:,.0f} MB this tool reads"
        )


def xml_root(data: bytes, file: str, what: str) -> Element:
    """The root element of the XML document `data` (`what` names the format, for messages)."""
    _sized(data, file, what)
    try:
        return fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException:
        raise MapperError(
            f"{file} declares a document type or entities, which {what} files do not need "
            "and this tool does not read (they can make a small file expand without end)"
        ) from None
    except ParseError as error:
        line, column = error.position
        raise MapperError(
            f"{file} is not well-formed XML (line {line}, column {column + 1}): it is not a "
            f"{what} file, or it was cut short or saved in an encoding its first line does "
            "not declare"
        ) from None


def local_name(element: Element) -> str:
    """The tag without its namespace (`{http://...}node` -> `node`)."""
    return element.tag.rpartition("}")[2] if isinstance(element.tag, str) else ""


def _not_a_number(word: str) -> Any:
    raise ValueError(word)


def json_document(data: bytes, file: str, what: str) -> Any:
    """The JSON value in `data`: UTF-8 text (a byte order mark allowed), nested no deeper than
    a map needs, with no NaN or Infinity."""
    _sized(data, file, what)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise MapperError(
            f"{file} is not UTF-8 text (byte {error.start + 1} cannot be read): save it as "
            "UTF-8 and try again"
        ) from None
    if _depth(text) > _MAX_JSON_DEPTH:
        raise MapperError(f"{file} is nested deeper than a {what} file ever is")
    try:
        return json.loads(text, parse_constant=_not_a_number)
    except ValueError as error:
        where = (
            f" (line {error.lineno}, column {error.colno})"
            if isinstance(error, json.JSONDecodeError)
            else f" ({error} is not a number JSON allows)"
        )
        raise MapperError(f"{file} is not JSON{where}: it is not a {what} file") from None


def _depth(text: str) -> int:
    """How deeply brackets nest in `text`, strings skipped: checked before parsing, because
    Python's JSON parser recurses and a deep enough file would exhaust the stack."""
    deepest = depth = 0
    for bracket in _BRACKETS.findall(_STRINGS.sub("", text)):
        depth += 1 if bracket in "[{" else -1
        deepest = max(deepest, depth)
    return deepest


_STRINGS = re.compile(r'"(?:[^"\\]|\\.)*"')
_BRACKETS = re.compile(r"[\[\]{}]")
