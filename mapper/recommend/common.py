"""What every piece of wording needs: the guidance by title and the shape of a kind's wording."""

from __future__ import annotations

from collections.abc import Callable

from mapper.findings.base import Detected
from mapper.guidance import GUIDANCE
from mapper.model import Partnership

__all__ = ["SOURCES", "Wording"]

#: The guidance behind the checks, by what they say: each cited by its title
#: (`mapper.guidance.GUIDANCE`, where the file each came as is kept too).
SOURCES = GUIDANCE


#: A kind's wording: (title, recommendation, guidance titles) from the map and what was detected.
Wording = Callable[[Partnership, Detected], tuple[str, str, tuple[str, ...]]]
