"""Shared fixtures: tiny maps written inline, and the CLI run in-process."""

from __future__ import annotations

import io
import os
import re
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from mapper import Partnership
from mapper.cli import main

# Property tests: 300 examples each in the suite; `HYPOTHESIS_PROFILE=thorough` hunts longer.
settings.register_profile(
    "suite", max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile(
    "thorough", max_examples=5000, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "suite"))

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"

# The app keeps drafts of unsaved work in its workspace folder (./maps by default). Tests that
# do not name a workspace get a folder of this run's own, so no test leaves drafts where a
# person opening the app afterwards would be offered them. Set before any page is imported.
os.environ.setdefault("MAPPER_WORKSPACE", tempfile.mkdtemp(prefix="mapper-tests-"))


def shown(markdown: str) -> str:
    """What a person reads of markdown the app escaped: backslash escapes undone, and the
    invisible joiners that keep addresses from becoming links left out."""
    return re.sub(r"\\(.)", r"\1", markdown).replace("\u2060", "")


#: The smallest useful valid map; tests append or replace lines to make the case they need.
MINIMAL = """\
version: 1
name: Test partnership
organisations:
  - {id: nbc, name: Northbridge Council, sector: local_authority}
  - {id: trust, sector: health}
people:
  - {id: amara-okafor, name: Amara Okafor, organisation: nbc, level: strategic}
  - {id: ben-cole, organisation: trust, level: operational}
meetings:
  - id: board
    level: strategic
    frequency: monthly
    chairs: [amara-okafor]
    members: [ben-cole]
"""


@pytest.fixture
def run_cli() -> Callable[..., tuple[int, str, str]]:
    """Run `python -m mapper ARGS` in-process; return (exit status, stdout, stderr)."""

    def run(*argv: str) -> tuple[int, str, str]:
        out, err = io.StringIO(), io.StringIO()
        code = main(list(argv), out=out, err=err)
        return code, out.getvalue(), err.getvalue()

    return run


@pytest.fixture
def map_file(tmp_path: Path) -> Callable[[str | bytes], Path]:
    """Write a map's text (or raw bytes) to a file and return its path."""

    def write(content: str | bytes, name: str = "map.yaml") -> Path:
        path = tmp_path / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        return path

    return write


def tiny_map(
    organisations: dict[str, str],
    people: dict[str, tuple[str | None, str]],
    meetings: dict[str, tuple[str, list[str]]],
    **extra: object,
) -> Partnership:
    """A map in one line per record: {org: sector}, {person: (org, level)},
    {meeting: (level, [chair, *members])}; `extra` adds fields to organisations, meetings or
    people by id (`board={"reports_to": "hwb"}`) or top-level sections (`relationships=[...]`,
    `settings={...}`); `version=2` for a map using version 2 of the format."""

    def with_extra(record: dict[str, object]) -> dict[str, object]:
        return {**record, **extra.get(str(record["id"]), {})}  # type: ignore[dict-item]

    return Partnership.model_validate(
        {
            "version": extra.get("version", 1),
            "name": "tiny",
            "organisations": [with_extra({"id": o, "sector": s}) for o, s in organisations.items()],
            "people": [
                with_extra({"id": p, "organisation": org, "level": level})
                for p, (org, level) in people.items()
            ],
            "meetings": [
                with_extra(
                    {
                        "id": m,
                        "level": level,
                        "frequency": "monthly",
                        "chairs": attendees[:1],
                        "members": attendees[1:],
                    }
                )
                for m, (level, attendees) in meetings.items()
            ],
            **{k: v for k, v in extra.items() if k in ("relationships", "outcomes", "settings")},
        }
    )
