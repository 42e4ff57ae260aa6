"""The family hubs board's lines to the statutory boards: the Health and Wellbeing Board and
the safeguarding children partnership.

National family hubs governance guidance expects the board that governs the hubs to be linked
into both; seed 002 (`002_a2e27855ff0c89a1.txt`) asks for clear structures of accountability
that include the partners, and seed 001 (`001_3c1d20c405aabe14.txt`) for work that reaches the
agenda of existing boards such as Health and Wellbeing Boards.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated, Literal, TypedDict

from mapper.analysis import Analysis
from mapper.findings.base import Detected
from mapper.findings.registry import check
from mapper.findings.shown import Shown
from mapper.model import Partnership

__all__ = ["STATUTORY_BODIES", "StatutoryLink", "boards_recorded"]

Body = Literal["health_and_wellbeing", "safeguarding"]

#: The statutory bodies a family hubs board needs a line to.
STATUTORY_BODIES: tuple[Body, ...] = ("health_and_wellbeing", "safeguarding")


#: The bodies as the guidance names them.
_BODIES = {
    "health_and_wellbeing": "the Health and Wellbeing Board",
    "safeguarding": "the safeguarding children partnership",
}
#: The same at the head of a line of evidence.
_BODIES_FIRST = {body: words[0].upper() + words[1:] for body, words in _BODIES.items()}


class StatutoryLink(TypedDict):
    missing: Annotated[list[Body], Shown("No line to", "words", words=_BODIES)]
    on_map: Annotated[
        dict[Body, str | None],
        Shown("{} on the map", "by_word", empty="not on the map", words=_BODIES_FIRST),
    ]
    lines: Annotated[list[str], Shown("Has a line to", "records")]


def boards_recorded(partnership: Partnership) -> bool:
    """Whether the map says of any meeting which body of the guidance it is (`board:`)."""
    return any(m.board is not None for m in partnership.meetings)


@check(
    "missing_statutory_link",
    theme="governance",
    severities=("high", "medium"),
    severity_rule=(
        "high when a body it has no line to is on the map, medium when no missing body is on "
        "the map at all"
    ),
    evidence=StatutoryLink,
)
def missing_statutory_links(analysis: Analysis) -> Iterator[Detected]:
    """Each family hubs board that reaches, going up its `reports_to` and `informs` links, no
    meeting that is the Health and Wellbeing Board, or none that is the safeguarding
    partnership. Not on a `type: other` map, nor on a map that says of no meeting which body
    it is (`board:`): that is not recorded, not missing (`map_incomplete` says so)."""
    if analysis.partnership.type == "other" or not boards_recorded(analysis.partnership):
        return
    boards = analysis.boards
    for board in boards["family_hubs"]:
        up = analysis.reached_up(board)
        lines = sorted(m for body in STATUTORY_BODIES for m in boards[body] if m in up)
        missing = [body for body in STATUTORY_BODIES if not up.intersection(boards[body])]
        if not missing:
            continue
        on_map = {body: next(iter(boards[body]), None) for body in missing}
        yield Detected(
            "missing_statutory_link",
            "high" if any(on_map.values()) else "medium",
            (board,),
            StatutoryLink(missing=missing, on_map=on_map, lines=lines),
        )
