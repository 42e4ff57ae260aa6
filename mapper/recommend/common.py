"""What every piece of wording needs: the guidance files and the shape of a kind's wording."""

from __future__ import annotations

from collections.abc import Callable

from mapper.findings.base import Detected
from mapper.model import Partnership

__all__ = ["SOURCES", "Wording"]

#: The guidance behind the checks (files in shared/seeds), by what they say.
SOURCES = {
    "whole_system": "000_7ab3818a98b34f54.txt",  # collaborative leadership at every level
    "succession": "001_3c1d20c405aabe14.txt",  # relationships at all levels, succession
    "leadership_roles": "002_a2e27855ff0c89a1.txt",  # one leader, the roles a system needs
    "collective_impact": "003_ed8bcb76a249a612.txt",  # non-siloed working, backbone support
    "depth": "004_5109af848b2a795c.txt",  # communicate, co-ordinate, collaborate
}


#: A kind's wording: (title, recommendation, source files) from the map and what was detected.
Wording = Callable[[Partnership, Detected], tuple[str, str, tuple[str, ...]]]
