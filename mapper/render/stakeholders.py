"""The stakeholder map in words: each quarter's name and how to engage it, the colours of
the stances, and every stakeholder as a row of the table beside the grid
(`mapper.render.stakeholder_grid` draws the grid; `mapper.stakeholders` decides the quarter).
"""

from __future__ import annotations

from mapper.analysis import Analysis
from mapper.model import Partnership, slug
from mapper.stakeholders import Quarter, Stakeholder
from mapper.vocabulary import label, person_with_organisation

__all__ = ["QUARTER_WORDS", "STANCE_COLOURS", "grid_file_name", "placed", "stakeholder_rows"]

#: Each quarter's name and, in a few words, how to engage those in it.
QUARTER_WORDS: dict[Quarter, tuple[str, str]] = {
    "manage_closely": ("Manage closely", "involve them in decisions, meet often"),
    "keep_satisfied": ("Keep satisfied", "consult them on what touches them"),
    "keep_informed": ("Keep informed", "tell them regularly, draw them in"),
    "monitor": ("Monitor", "tell them what they need to know"),
}
#: Stance colours (Okabe and Ito's, told apart by colour-blind readers); None: not recorded.
STANCE_COLOURS: dict[str | None, str] = {
    "champion": "#007a5a",
    "supporter": "#56b4e9",
    "neutral": "#9a9a9a",
    "sceptic": "#d55e00",
    None: "#ffffff",
}


def placed(subject: Partnership | Analysis) -> tuple[Stakeholder, ...]:
    """The stakeholders recording both influence and interest: those on the grid."""
    return tuple(s for s in Analysis.of(subject).stakeholders if s.quarter is not None)


def stakeholder_rows(subject: Partnership | Analysis) -> list[dict[str, str]]:
    """Every stakeholder as a row of words: its name (a person's with their organisation),
    its ratings and stance (or "not recorded") and its quarter of the grid."""
    analysis = Analysis.of(subject)
    p = analysis.partnership
    return [
        {
            "name": person_with_organisation(p, s.id) if s.record == "person" else label(p, s.id),
            "influence": s.influence or "not recorded",
            "interest": s.interest or "not recorded",
            "stance": s.stance or "not recorded",
            "quarter": QUARTER_WORDS[s.quarter][0] if s.quarter else "not on the grid",
        }
        for s in analysis.stakeholders
    ]


def grid_file_name(partnership_name: str) -> str:
    """The file the grid is offered as: `eastmere-family-hubs-partnership-stakeholders.png`."""
    return f"{slug(partnership_name) or 'partnership'}-stakeholders.png"
