"""Plain-language messages for validation errors, written for people who do not program.

pydantic says "Input should be a valid string"; a family hub lead needs to hear that YAML read
their unquoted ``NO`` as a yes/no value and that quotes fix it. Each message names the key,
says what was found and what to write instead, with a "did you mean" where one is close.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import BaseModel
from pydantic_core import ErrorDetails

from mapper.integrity import closest
from mapper.model import FORMAT_VERSION, VERSIONS

__all__ = ["explain"]


def _allowed_keys(model: type[BaseModel]) -> list[str]:
    return [field.alias or name for name, field in model.model_fields.items()]


def _what_yaml_read(value: Any) -> str:
    if isinstance(value, bool):
        return f"the yes/no value {str(value).lower()}"
    if isinstance(value, float) and value != value:
        return "'not a number' (nan)"
    if isinstance(value, float) and value in (float("inf"), float("-inf")):
        return "infinity" if value > 0 else "minus infinity"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, (dt.date, dt.datetime)):
        return f"the date {value.isoformat()}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    if value is None:
        return "nothing (an empty value)"
    return repr(value)


def _not_text(field: str, value: Any, source: str | None) -> str:
    if isinstance(value, (list, dict)) or value is None:
        return f"{field}: should be text, not {_what_yaml_read(value)}"
    written = source if source is not None else str(value)
    return (
        f"{field}: should be text, but YAML read the unquoted {written} as "
        f'{_what_yaml_read(value)}; put it in quotes: "{written}"'
    )


def explain(
    error: ErrorDetails, model: type[BaseModel], raw: Any, source: str | None = None
) -> str:
    """One sentence for one pydantic error on a record of `model` read from `raw`.

    `source` is the value exactly as written in the file, when the loader knows it.
    """
    loc = error["loc"]
    kind = error["type"]
    value = error.get("input")
    ctx = error.get("ctx") or {}
    field = ".".join(str(p) for p in loc if not isinstance(p, int)) or "this entry"
    position = next((p for p in reversed(loc) if isinstance(p, int)), None)
    item = f"{field}[{position}]" if position is not None and loc and loc[-1] == position else field

    if kind == "extra_forbidden":
        key = str(loc[-1])
        allowed = _allowed_keys(model)
        suggestion = closest(key, allowed)
        hint = f"did you mean '{suggestion}'? " if suggestion else ""
        return (
            f"unknown key '{key}': {hint}The keys allowed here are: {', '.join(allowed)}. "
            "Nothing under an unknown key is read"
        )
    if kind == "missing" and field == "version":
        return f"version: is missing; the first line of a map is `version: {FORMAT_VERSION}`"
    if kind == "missing":
        return f"{field}: is missing; add `{loc[-1]}:`"
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        if field.startswith("assessment.") and len(loc) == 2:
            return (
                f"{field}: should be an answer with its own key, like "
                f"`{loc[1]}: {{answer: partly}}`, not {_what_yaml_read(value)}"
            )
        where = "" if field == "this entry" else f"{field}: "
        return f"{where}should be a mapping of keys (like `id: ...`), not {_what_yaml_read(value)}"
    if kind == "literal_error":
        expected = ctx.get("expected", "")
        options = [o.strip().strip("'") for o in expected.replace(" or ", ", ").split(",")]
        if field == "version":
            versions = " or ".join(map(str, VERSIONS))
            return (
                f"version: should be {versions}, the versions of the format this tool reads "
                f"(write {FORMAT_VERSION} for a new map)"
            )
        suggestion = closest(str(value), options) if isinstance(value, str) else None
        hint = f"did you mean {suggestion}? " if suggestion else ""
        return f"{item}: '{value}' is not allowed here; {hint}use one of: {', '.join(options)}"
    if kind == "string_type":
        return _not_text(item, value, source)
    if kind == "string_pattern_mismatch":
        return (
            f"{item}: '{value}' is not a valid id; an id uses only the letters a-z and "
            "A-Z without accents, digits, '-' and '_', starts with a letter or digit and has "
            "no spaces (like 'sam-patel'); accents belong in `name:`"
        )
    if kind == "string_too_short":
        return f"{item}: is empty"
    if kind == "string_too_long":
        return (
            f"{item}: is {len(value)} characters long; the most allowed is {ctx.get('max_length')}"
        )
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return f"{field}: should be a whole number (like 90), not {_what_yaml_read(value)}"
    if kind in ("float_type", "float_parsing"):
        return f"{field}: should be a number (like 0.7 or 16), not {_what_yaml_read(value)}"
    if kind == "finite_number":
        return f"{field}: should be an ordinary number, not {_what_yaml_read(value)}"
    if kind == "greater_than":
        return f"{field}: must be more than {ctx.get('gt')}, not {value}"
    if kind == "less_than_equal":
        why = " (a whole day)" if field == "duration_minutes" else ""
        return f"{field}: must be at most {ctx.get('le')}{why}, not {value}"
    if kind == "too_short" and field == "chairs":
        return "chairs: a meeting needs a chair: list one person, or two co-chairs"
    if kind == "too_long" and field == "chairs":
        return (
            f"chairs: lists {ctx.get('actual_length')} people; a meeting has one chair or "
            "two co-chairs (others can be vice_chair or members)"
        )
    if kind in ("tuple_type", "list_type"):
        return f"{field}: should be a list, like [first-id, second-id]"
    if kind.startswith("date"):  # date_parsing, date_type, date_from_datetime_..., date_text
        return f"{field}: should be a date written as YYYY-MM-DD (like 2027-03-31)"
    if kind == "value_error":
        return f"{field}: {error['msg'].removeprefix('Value error, ')}"
    # Our own PydanticCustomError messages are already written for people.
    return f"{field}: {error['msg']}" if field != "this entry" else error["msg"]
