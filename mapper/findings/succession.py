"""Who the system depends on: people and organisations whose departure cuts partners apart.

Seed 001 (`001_3c1d20c405aabe14.txt`): when a key leader left suddenly, collaboration survived
only where relationships had been built at many levels; succession planning is often neglected.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated, TypedDict

from mapper.analysis import Analysis
from mapper.findings.base import Detected
from mapper.findings.registry import check
from mapper.findings.shown import Shown
from mapper.graph import Separation

__all__ = ["CriticalOrganisation", "SinglePoint"]


class CriticalOrganisation(TypedDict):
    cut_off: Annotated[list[list[str]], Shown("Would be cut off", "groups")]
    still_connected: Annotated[int, Shown("Organisations still connected", "count")]


class SinglePoint(CriticalOrganisation):
    deputy: Annotated[str | None, Shown("Deputy", "record", empty="none named")]
    leaving: Annotated[str | None, Shown("Leaves on", "date")]


def _cut_off(separation: Separation) -> CriticalOrganisation:
    return CriticalOrganisation(
        cut_off=[sorted(map(str, group)) for group in separation.cut_off],
        still_connected=separation.rest,
    )


@check(
    "single_point_of_failure",
    theme="succession",
    severities=("high", "medium"),
    severity_rule="high when the person has no deputy or is leaving, else medium",
    evidence=SinglePoint,
)
def single_points_of_failure(analysis: Analysis) -> Iterator[Detected]:
    """People whose removal disconnects organisations that are otherwise connected."""
    found = analysis.single_points
    for person_id in sorted(found):
        person = analysis.partnership.person_by_id[person_id]
        exposed = person.deputy is None or person.leaving is not None
        yield Detected(
            "single_point_of_failure",
            "high" if exposed else "medium",
            (person_id,),
            SinglePoint(
                **_cut_off(found[person_id]),
                deputy=person.deputy,
                leaving=person.leaving.isoformat() if person.leaving else None,
            ),
        )


@check(
    "critical_organisation",
    theme="succession",
    severities=("high",),
    severity_rule="high",
    evidence=CriticalOrganisation,
)
def critical_organisations(analysis: Analysis) -> Iterator[Detected]:
    """Organisations whose withdrawal, with their people, disconnects the remaining ones."""
    found = analysis.critical
    for org_id in sorted(found):
        yield Detected("critical_organisation", "high", (org_id,), _cut_off(found[org_id]))
