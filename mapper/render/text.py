"""Safe text for interfaces that interpret markup: a name is always shown as written."""

from __future__ import annotations

import re

from mapper.model import slug
from mapper.vocabulary import readable

__all__ = [
    "WORD_JOINER",
    "escape_markdown",
    "counts_table",
    "problem_list",
    "report_file_name",
]

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~:$])")

#: U+2060 WORD JOINER: invisible, takes no space and does not let a line break there.
WORD_JOINER = "\u2060"
#: Where GitHub-flavoured markdown and remark-emoji would still see a link or an emoji: after
#: the ':' of 'http://' (any scheme), between 'www' and '.', after the '@' of an e-mail address,
#: and after the first ':' of an emoji or icon code such as ':smile:' or ':material/home:'.
_AUTOLINKED = re.compile(
    r"(?<=:)(?=//)|(?<=www)(?=\.)|(?<=@)(?=[-\w])|(?<=:)(?=[\w+-][\w+/-]*:)", re.IGNORECASE
)


def escape_markdown(text: str) -> str:
    """`text` with every markdown and HTML character escaped, so `**x**` or a link shows as typed.

    Streamlit renders markdown in titles and captions; a person named `[x](http://...)` must not
    become a link, nor `<img ...>` an image. Escaping is not enough for bare web and e-mail
    addresses: Streamlit's markdown (remark-gfm) finds `http://...`, `www....` and `a@b.c` in
    the text *after* escapes are undone, and remark-emoji turns `:smile:` into 😄 the same way.
    A word joiner, which shows as nothing, breaks each of those patterns where it starts; the
    name reads as typed (copied, it carries the invisible joiners).
    """
    return _MARKDOWN_SPECIAL.sub(r"\\\1", _break_links(text))


def _break_links(text: str) -> str:
    """`text` with a word joiner where a markdown renderer would find a web or e-mail address
    or an emoji code."""
    return _AUTOLINKED.sub(WORD_JOINER, text)


def counts_table(counts: dict[str, int], heading: str) -> list[dict[str, object]]:
    """Rows of (word, count), each word as a person would say it."""
    return [{heading: readable(word), "count": n} for word, n in counts.items()]


def problem_list(problems: list[object], most: int = 100) -> str:
    """Problems (anything whose str() says where and what) as a Markdown list a person reads
    whole, unlike a table cell that cuts a long message off; markup in them shows as typed."""
    lines = [f"- {escape_markdown(str(p))}" for p in problems[:most]]
    if len(problems) > most:
        lines.append(f"- … and {len(problems) - most} more")
    return "\n".join(lines)


def report_file_name(partnership_name: str, suffix: str, *, full: bool = False) -> str:
    """The file a report of the partnership is offered as: `harrowdale-report.pdf`, or
    `harrowdale-full-report.pdf`."""
    return f"{slug(partnership_name) or 'partnership'}-{'full-' if full else ''}report.{suffix}"
