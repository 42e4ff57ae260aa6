"""The one place map files are written: YAML text that reads back as the same map.

Values are written in the format's own shape: records in block style, short lists of ids in
flow style (`members: [a, b]`), defaults and empty values left out so a saved map stays as
short as one written by hand. The dumper quotes text YAML would misread (`"NO"`, `"14:30"`).
"""

from __future__ import annotations

from typing import Any

import yaml

from mapper.model import Partnership

__all__ = ["dump_map", "leading_comments"]

_BaseDumper: Any = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


class _Dumper(_BaseDumper):
    pass


def _represent_tuple(dumper: yaml.SafeDumper, data: tuple[Any, ...]) -> yaml.Node:
    flat = all(isinstance(item, (str, int, float)) for item in data)
    return dumper.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=flat)


_Dumper.add_representer(tuple, _represent_tuple)


def dump_map(partnership: Partnership) -> str:
    """The map as YAML text, ready to save; `parse_map(dump_map(p)) == p`."""
    data = partnership.model_dump(
        mode="python", by_alias=True, exclude_none=True, exclude_defaults=True
    )
    # Empty sections (and settings left at their defaults) are left out, whatever the map
    # holds: a section added to the model is written like the others.
    data = {
        "version": partnership.version,
        **{k: v for k, v in data.items() if not (isinstance(v, (tuple, list, dict)) and not v)},
    }
    return yaml.dump(
        data,
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        width=100,
        default_flow_style=False,
    )


def leading_comments(text: str) -> str:
    """The comment lines at the top of a map file (a description of the map, an editor's
    schema line), which a save over that file keeps: dumping the map cannot carry comments,
    and these are the ones people write. Comments further down are not kept."""
    lines = text.splitlines(keepends=True)
    header = []
    for line in lines:
        if not line.lstrip().startswith("#") and line.strip():
            break
        header.append(line)
    while header and not header[-1].strip():  # blank lines before the first key
        header.pop()
    if not header:
        return ""
    return "".join(header).rstrip("\n") + "\n\n"
