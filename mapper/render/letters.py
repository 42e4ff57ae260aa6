"""Which letters the reports' font can draw: DejaVu, the font matplotlib ships, which the PDF
embeds and the report's pictures use. A letter it lacks is drawn blank, so the app and the
command line say so before a report is made.

Kept apart from `mapper.render.pdf` so that asking costs only the font's character map, not
the PDF and drawing libraries: the Findings page asks on its first draw.
"""

from __future__ import annotations

import dataclasses
import functools
import importlib.util
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any

__all__ = [
    "FONT_FILES",
    "font_file",
    "letters_the_pdf_cannot_draw",
    "texts_in",
    "undrawn_letters_note",
]

FONT_FILES = {"": "DejaVuSans.ttf", "B": "DejaVuSans-Bold.ttf", "I": "DejaVuSans-Oblique.ttf"}


def font_file(style: str = "") -> Path:
    """DejaVu in `style` ("", "B" bold, "I" italic), from matplotlib's data, found without
    importing matplotlib (its data folder sits beside its package, as get_data_path says)."""
    spec = importlib.util.find_spec("matplotlib")
    if spec is None or spec.origin is None:
        raise FileNotFoundError("matplotlib, which ships the reports' font, is not installed")
    return Path(spec.origin).parent / "mpl-data" / "fonts" / "ttf" / FONT_FILES[style]


@functools.cache
def _drawable() -> frozenset[int]:
    from fontTools.ttLib import TTFont  # fpdf2's own dependency

    with TTFont(font_file(), lazy=True) as font:
        return frozenset(font.getBestCmap())


def texts_in(value: Any) -> Iterator[str]:
    """Every text in a map or a report, however deep."""
    if isinstance(value, str):
        yield value
    elif hasattr(value, "model_dump"):
        yield from texts_in(value.model_dump())
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for field in dataclasses.fields(value):
            yield from texts_in(getattr(value, field.name))
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from texts_in(key)
            yield from texts_in(item)
    elif isinstance(value, (list, tuple, set, frozenset)):
        for item in value:
            yield from texts_in(item)


def letters_the_pdf_cannot_draw(content: Any) -> list[str]:
    """The characters in `content` (a map, a report) that the PDF's font lacks, in the order
    they first appear; spaces and invisible marks aside."""
    drawable = _drawable()
    missing: dict[str, None] = {}
    for text in texts_in(content):
        for char in text:
            if ord(char) not in drawable and unicodedata.category(char)[0] not in "CZ":
                missing.setdefault(char)
    return list(missing)


def undrawn_letters_note(content: Any, most: int = 8) -> str | None:
    """A sentence for the person making a report, when some letters would be blank: in the
    PDF, and in the pictures of either report (matplotlib draws them with the same font)."""
    missing = letters_the_pdf_cannot_draw(content)
    if not missing:
        return None
    shown = " ".join(missing[:most]) + (" …" if len(missing) > most else "")
    return (
        f"Some letters in this map ({shown}) are not in the report's font: they show as "
        "blanks in the PDF and in the report's pictures. The text of the HTML report "
        "shows them, and prints to PDF from the browser."
    )
