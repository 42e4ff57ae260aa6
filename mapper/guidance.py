"""The guidance behind the checks and the self-assessment: each document by its title, which is
what every face (the app, the command line, the report) cites. The file each came as in
shared/seeds is kept beside it, to find the document again; no face shows it."""

from __future__ import annotations

__all__ = ["GUIDANCE", "GUIDANCE_FILES"]

#: The guidance the checks and the self-assessment rest on, by title: what every face cites.
GUIDANCE = {
    "whole_system": "Collaborative leadership in a Best Start family hub system (toolkit module)",
    "succession": "Note from Collaborative Leadership in Place, Cell 2",
    "leadership_roles": "Leadership of family hubs (Strategic golden threads module)",
    "collective_impact": (
        "Sharing the learning from whole family support work: the role of collaboration"
    ),
    "depth": "Collaborative System Leadership for Social Purpose (St George's House, 2023)",
}
#: The file each came as (in shared/seeds): to find a document again, never to cite it.
GUIDANCE_FILES = {
    "whole_system": "000_7ab3818a98b34f54.txt",
    "succession": "001_3c1d20c405aabe14.txt",
    "leadership_roles": "002_a2e27855ff0c89a1.txt",
    "collective_impact": "003_ed8bcb76a249a612.txt",
    "depth": "004_5109af848b2a795c.txt",
}
