"""Names reach markdown-rendering widgets escaped, so they show exactly as typed."""

from __future__ import annotations

import re

import pytest

from mapper.render.text import counts_table, escape_markdown


@pytest.mark.parametrize(
    "name",
    [
        "**bold**",
        "[link](http://example.com)",
        "<img src=x onerror=alert(1)>",
        "# heading",
        "`code`",
        "a_b_c",
        "1. not a list",
        "- not a bullet",
        "$x$ maths",
        ":material/home:",
    ],
)
def test_every_markup_character_is_escaped(name):
    escaped = escape_markdown(name)
    # each special character is preceded by a backslash; removing them (and the invisible word
    # joiners that keep addresses and emoji codes from turning into links) gives the name back
    assert re.sub(r"\\(.)", r"\1", escaped).replace("\u2060", "") == name
    assert not re.search(r"(?<!\\)[*\[\]<>`#_$:]", escaped)


def test_plain_names_are_unchanged():
    assert escape_markdown("Zoë Siân Łukasz") == "Zoë Siân Łukasz"


def test_counts_table_uses_readable_words():
    assert counts_table({"local_authority": 2, "vcfs": 0}, "sector") == [
        {"sector": "local authority", "count": 2},
        {"sector": "voluntary, community and faith", "count": 0},
    ]


def test_a_section_shows_what_its_file_would_hold_and_no_defaults():
    from mapper import load_map
    from mapper.render.tables import section_rows
    from tests.conftest import EXAMPLES

    rows = section_rows(load_map(EXAMPLES / "small.yaml"), "meetings")
    keys = set().union(*rows)
    assert {"id", "level", "frequency", "chairs"} <= keys
    assert not keys & {"external", "informs", "non_voting", "chair_rotates", "starts"}
