"""The stakeholder map: where each organisation and person sits on the influence-interest grid.

Seed 000 (`000_7ab3818a98b34f54.txt`) sends leaders to the civil service analysis function's
stakeholder mapping: rate each stakeholder's influence and interest, place them in one of four
quarters and engage each quarter its own way. A map records `influence`, `interest` and
`stance` on organisations and people (version 2); what is left out is not recorded.

The quarter is decided here and nowhere else. Only `high` is above the line on either axis:
`medium` falls with `low`, so that "manage closely" stays the short list a partnership can give
its time to (docs/format.md, Stakeholders, says the same to the person).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Literal, get_args

from mapper.model import STAKEHOLDER_FIELDS, Organisation, Partnership, Person, Rating

__all__ = [
    "QUARTERS",
    "Quarter",
    "Stakeholder",
    "quarter",
    "stakeholders",
]

#: The four quarters of the grid: how to engage the stakeholders in each.
Quarter = Literal["manage_closely", "keep_satisfied", "keep_informed", "monitor"]
QUARTERS: tuple[Quarter, ...] = get_args(Quarter)

#: The rating above the line, on either axis.
_ABOVE: Rating = "high"


def quarter(influence: str | None, interest: str | None) -> Quarter | None:
    """The quarter of the grid for `influence` and `interest` (`low`, `medium`, `high`); None
    when either is not recorded. `medium` is below the line on both axes."""
    if influence is None or interest is None:
        return None
    high_influence, high_interest = influence == _ABOVE, interest == _ABOVE
    if high_influence:
        return "manage_closely" if high_interest else "keep_satisfied"
    return "keep_informed" if high_interest else "monitor"


@dataclass(frozen=True)
class Stakeholder:
    """One organisation or person with at least one stakeholder field recorded (`record` is
    "organisation" or "person"); the fields left out are None."""

    id: str
    record: Literal["organisation", "person"]
    influence: str | None
    interest: str | None
    stance: str | None

    @property
    def quarter(self) -> Quarter | None:
        return quarter(self.influence, self.interest)


def stakeholders(partnership: Partnership) -> tuple[Stakeholder, ...]:
    """Every organisation, then every person, that records influence, interest or stance, in
    the map's order; a map that records none has none."""
    return (
        *_recording("organisation", partnership.organisations),
        *_recording("person", partnership.people),
    )


def _recording(
    record: Literal["organisation", "person"], records: Iterable[Organisation | Person]
) -> Iterator[Stakeholder]:
    for r in records:
        influence, interest, stance = (getattr(r, name) for name in STAKEHOLDER_FIELDS)
        if (influence, interest, stance) != (None, None, None):
            yield Stakeholder(r.id, record, influence, interest, stance)
