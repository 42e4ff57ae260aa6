"""What every piece of wording needs: the guidance by title and the shape of a kind's wording."""

from __future__ import annotations

from collections.abc import Callable

from mapper.findings.base import Detected
from mapper.guidance import GUIDANCE
from mapper.model import Partnership

__all__ = ["SOURCES", "Wording", "Words"]

#: The guidance behind the checks, by what they say: each cited by its title
#: (`mapper.guidance.GUIDANCE`, where the file each came as is kept too).
SOURCES = GUIDANCE


#: A finding in words: its title, the recommendation (what to do and why, in full), the
#: guidance titles it rests on, and the action (what to do, in a short line: the summary's
#: and the action plan's words).
Words = tuple[str, str, tuple[str, ...], str]
#: A kind's wording: its words from the map and what was detected.
Wording = Callable[[Partnership, Detected], Words]
