"""Connectors: the people and organisations that hold the network together.

Seed 001 (`001_3c1d20c405aabe14.txt`) asks for the connector role to be recognised and funded;
seed 003 (`003_ed8bcb76a249a612.txt`) for backbone support. What a partnership needs from a
connector is a route between partner organisations, so a person's brokerage counts the shortest
routes *between organisations* that pass through them (betweenness restricted to organisation
endpoints, `Analysis.brokerage`), not routes between every pair of people, and only those
between organisations outside the person's own `part_of` tree: the routes of an organisation
to its own staff run through its only representative, who connects nobody by them. That is
also what keeps it fast: one breadth-first search per organisation instead of one per node.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated, Literal, NotRequired, TypedDict

from mapper.analysis import Analysis, Shares
from mapper.findings.base import Detected
from mapper.findings.registry import check
from mapper.findings.shown import Hidden, Shown

__all__ = ["Connector", "TOP_PEOPLE", "TOP_ORGANISATIONS"]

TOP_PEOPLE = 5  # with the organisations, ten in all: a list a room can read
TOP_ORGANISATIONS = 5


# `is` is a Python keyword, so this TypedDict is declared in its functional form.
Connector = TypedDict(
    "Connector",
    {
        "rank": Annotated[int, Hidden("orders the connectors; the title says it")],
        "brokerage": Annotated[float, Shown("Routes between partners through them", "share")],
        "is": Annotated[
            Literal["person", "organisation"], Hidden("the title says whom it is about")
        ],
        "recognised": Annotated[bool, Hidden("the title says so when they are named one")],
        # When several broker equally: how many share the rank (they are the finding's
        # subjects).
        "tied": NotRequired[Annotated[int, Hidden("the title says they link equally")]],
        # On a map too big to count every route: how many organisations they were counted
        # from (a sample), and of how many.
        "estimated_from": NotRequired[
            Annotated[int, Shown("Estimated from the routes of this many organisations", "count")]
        ],
        "organisations": NotRequired[Annotated[int, Shown("Organisations on the map", "count")]],
    },
)


@check(
    "connector",
    theme="connections",
    severities=("info",),
    severity_rule="information to act on",
    evidence=Connector,
)
def connectors(analysis: Analysis) -> Iterator[Detected]:
    """The people, then the organisations, who broker most, as information to act on.

    People are ranked by the routes between organisations outside their own tree in the whole
    network; organisations in the network of organisations (joined by shared meetings and
    relationships), which is where an organisation brokers.
    """
    partnership = analysis.partnership
    recognised = {p.id for p in partnership.people if "connector" in p.roles}
    yield from _top(
        "person",
        analysis.brokerage,
        [p.id for p in partnership.people],
        TOP_PEOPLE,
        recognised,
        len(partnership.organisations),
    )
    yield from _top(
        "organisation",
        analysis.organisation_brokerage,
        [o.id for o in partnership.organisations],
        TOP_ORGANISATIONS,
        set(),
        len(partnership.organisations),
    )


def _top(
    what: Literal["person", "organisation"],
    scores: Shares,
    ids: list[str],
    most: int,
    recognised: set[str],
    organisations: int,
) -> Iterator[Detected]:
    """The `most` highest-scoring of `ids` through whom some shortest route runs, by rank.

    The list never cuts through a tie: those who broker equally are one finding, at the rank
    they share, so that the order of ids never picks who is shown. A tie reaching past the
    last place is shown whole when it has no more members than the list has places; a larger
    one is left out, since nobody in it stands out.
    """
    ranked = sorted((i for i in ids if scores.get(i, 0) > 0), key=lambda i: (-scores[i], i))
    tied: list[list[str]] = []
    for ident in ranked:
        if tied and scores[tied[-1][0]] == scores[ident]:
            tied[-1].append(ident)
        else:
            tied.append([ident])
    rank = 1
    for group in tied:
        if rank > most or (rank + len(group) - 1 > most and len(group) > most):
            break
        evidence = Connector(
            {
                "rank": rank,
                "brokerage": round(scores[group[0]], 4),
                "is": what,
                "recognised": all(i in recognised for i in group),
            }
        )
        if len(group) > 1:
            evidence["tied"] = len(group)
        if scores.sampled:
            evidence["estimated_from"] = scores.sampled
            evidence["organisations"] = organisations
        yield Detected("connector", "info", tuple(group), evidence)
        rank += len(group)
