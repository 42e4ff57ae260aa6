"""Map and diagnose a local Best Start / family hub system.

The public surface, pinned by tests/test_architecture.py: read a map, write it back, summarise it.
"""

from mapper.errors import InvalidMapError, MapperError, Problem
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
