"""The questions a partnership board asks, in the order of the guidance table in DOMAIN.md:
each theme is one thing that goes wrong in a Best Start system. Each check names its theme
when it registers (`mapper.findings.registry`), so a theme's kinds are never listed by hand.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["THEMES", "Theme"]


@dataclass(frozen=True)
class Theme:
    key: str
    title: str
    question: str


THEMES: tuple[Theme, ...] = (
    Theme(
        "links",
        "Links at every level",
        "Do partners who meet at the top table also work together below it?",
    ),
    Theme(
        "succession",
        "Single-person dependencies and succession",
        "Who holds the system together alone, and what happens when they leave?",
    ),
    Theme(
        "meetings",
        "Duplicated meetings and meeting load",
        "Which meetings could be merged, and who spends too long in meetings?",
    ),
    Theme(
        "governance",
        "Governance and shared power",
        "Is the structure clear, and is chairing shared across partners?",
    ),
    Theme(
        "voice",
        "The voice of families and every sector",
        "Are families and every sector in the rooms where decisions are made?",
    ),
    Theme(
        "purpose",
        "Shared purpose and outcomes",
        "Is the shared purpose revisited, and is every shared outcome held somewhere?",
    ),
    Theme(
        "connections",
        "Connectors, silos and isolation",
        "Who connects the partnership, and who is left outside it?",
    ),
)
