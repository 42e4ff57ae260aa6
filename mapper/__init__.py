"""Map and diagnose a local Best Start / family hub system.

The public surface, pinned by tests/test_architecture.py: read a map, write it back, summarise it.
Each name is imported when it is first used (`import mapper` itself loads only the errors), so
that `python -m mapper schema` or `--help` does not pay for the loader, and no command pays for
the writer it does not use.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from mapper.errors import InvalidMapError, MapperError, Problem

if TYPE_CHECKING:
    from mapper.load import load_map, parse_map
    from mapper.model import Meeting, Organisation, Outcome, Partnership, Person, Relationship
    from mapper.save import dump_map
    from mapper.schema import map_schema
    from mapper.summary import headline_metrics, summarise

__all__ = [
    "InvalidMapError",
    "MapperError",
    "Meeting",
    "Organisation",
    "Outcome",
    "Partnership",
    "Person",
    "Problem",
    "Relationship",
    "dump_map",
    "headline_metrics",
    "load_map",
    "map_schema",
    "parse_map",
    "summarise",
]

#: Where each lazily loaded name of the surface lives.
_HOME = {
    "Meeting": "mapper.model",
    "Organisation": "mapper.model",
    "Outcome": "mapper.model",
    "Partnership": "mapper.model",
    "Person": "mapper.model",
    "Relationship": "mapper.model",
    "dump_map": "mapper.save",
    "headline_metrics": "mapper.summary",
    "load_map": "mapper.load",
    "map_schema": "mapper.schema",
    "parse_map": "mapper.load",
    "summarise": "mapper.summary",
}


def __getattr__(name: str) -> Any:
    home = _HOME.get(name)
    if home is None:
        raise AttributeError(f"module 'mapper' has no attribute {name!r}")
    value = getattr(import_module(home), name)
    globals()[name] = value  # asked once: the next use is an ordinary attribute
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
