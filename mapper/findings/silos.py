"""Silos: clusters of organisations that mostly work with their own sector.

Seeds 003 and 004 (`003_ed8bcb76a249a612.txt`, `004_5109af848b2a795c.txt`): non-siloed working,
and the stereotypes that grow between sectors that rarely meet.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from typing import Annotated, TypedDict

from mapper.analysis import Analysis
from mapper.findings.base import Detected
from mapper.findings.registry import check
from mapper.findings.shown import Shown

__all__ = ["Silo"]


class Silo(TypedDict):
    sector: Annotated[str, Shown("Sector", "word")]
    share: Annotated[float, Shown("Of the cluster's organisations, in that sector", "share")]
    ties_inside: Annotated[int, Shown("Ties within the cluster", "count")]
    ties_outside: Annotated[int, Shown("Ties to the rest of the partnership", "count")]


@check(
    "sector_silo",
    theme="connections",
    severities=("low",),
    severity_rule="low",
    evidence=Silo,
    settings=("silo_share", "silo_min_organisations"),
)
def sector_silos(analysis: Analysis) -> Iterator[Detected]:
    """Communities (Louvain) of `silo_min_organisations` or more organisations where one
    sector holds `silo_share` or more, in the organisation network of the map; not a sector
    `other` (no sector recorded), nor one whose organisations there are all `strategic_only`."""
    graph, settings = analysis.organisations, analysis.settings
    if graph.number_of_edges() == 0:
        return
    sector = {o.id: o.sector for o in analysis.partnership.organisations}
    for community in sorted(analysis.communities, key=lambda c: sorted(c)):
        if len(community) < settings.silo_min_organisations:
            continue
        main, count = Counter(sector[o] for o in community).most_common(1)[0]
        # A cluster of `other` says nothing of sectors; one whose sector's members all plan
        # without an operational role (`strategic_only`) meets by design, not in a silo.
        planners = {o for o in community if sector[o] == main} <= analysis.strategic_only
        if main != "other" and not planners and count / len(community) >= settings.silo_share:
            inside, outward = graph.weight_inside_and_out(community)
            yield Detected(
                "sector_silo",
                "low",
                tuple(sorted(community)),
                Silo(
                    sector=main,
                    share=round(count / len(community), 2),
                    ties_inside=inside,
                    ties_outside=outward,
                ),
            )
