"""The guidance behind the checks and the self-assessment: each document by its title, which is
what every face (the app, the command line, the report) cites. The file each came as in
shared/seeds is kept beside it, to find the document again; no face shows it."""

from __future__ import annotations

__all__ = ["GUIDANCE", "GUIDANCE_FILES", "GUIDANCE_USES"]

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
#: What the checks take from each document, in our words (the report's references page).
GUIDANCE_USES = {
    "whole_system": (
        "That integration must reach every level, not stop at the top table (missing links "
        "between operational staff, levels with no joint meeting); that new meetings should "
        "replace old ones rather than pile up (duplicate meetings, meeting load); that the "
        "shared purpose is revisited at least twice a year; and that chairing can be shared "
        "beyond one organisation."
    ),
    "succession": (
        "That collaboration survives a key person's leaving only where relationships exist at "
        "many levels: single points of failure, organisations linked through one person, "
        "deputies for chairs and key roles, planned departures and vacant posts; and that the "
        "connecting work of a few people deserves to be recognised and funded."
    ),
    "leadership_roles": (
        "The leadership roles a family hub system needs (an accountable leader, a senior "
        "sponsor, a transformation lead, a data lead) and the links between the board that "
        "governs the hubs and the statutory boards."
    ),
    "collective_impact": (
        "That joint work needs backbone support and people who connect partners, less "
        "imbalance of power between them, families taking part, and working across sectors "
        "rather than in silos."
    ),
    "depth": (
        "The depth of working together, from communicating to collaborating; the silos "
        "between sectors it looks for; and the participation of families and young people."
    ),
}
#: The file each came as (in shared/seeds): to find a document again, never to cite it.
GUIDANCE_FILES = {
    "whole_system": "000_7ab3818a98b34f54.txt",
    "succession": "001_3c1d20c405aabe14.txt",
    "leadership_roles": "002_a2e27855ff0c89a1.txt",
    "collective_impact": "003_ed8bcb76a249a612.txt",
    "depth": "004_5109af848b2a795c.txt",
}
