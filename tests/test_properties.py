"""Properties of the loader that must hold for every map, not just the ones we thought of."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from mapper import InvalidMapError, Partnership, dump_map, parse_map
from tests.conftest import EXAMPLES
from tests.strategies import partnerships

SMALL = (EXAMPLES / "small.yaml").read_text(encoding="utf-8")


@given(partnerships())
def test_any_valid_map_survives_dump_and_load_unchanged(partnership: Partnership):
    text = dump_map(partnership)
    assert parse_map(text) == partnership
    assert dump_map(parse_map(text)) == text


def _mutate(text: str, data: st.DataObject) -> str:
    lines = text.splitlines(keepends=True)
    if not lines:  # an earlier mutation emptied the file
        return data.draw(st.sampled_from(["", "\n", ":", "- x\n"]))
    kind = data.draw(
        st.sampled_from(["delete", "duplicate", "swap", "replace", "insert", "truncate", "indent"])
    )
    i = data.draw(st.integers(0, len(lines) - 1))
    j = data.draw(st.integers(0, len(lines) - 1))
    if kind == "delete":
        del lines[i]
    elif kind == "duplicate":
        lines.insert(j, lines[i])
    elif kind == "swap":
        lines[i], lines[j] = lines[j], lines[i]
    elif kind == "indent":
        lines[i] = data.draw(st.sampled_from([" ", "  ", "\t", ""])) + lines[i].lstrip(" ")
    else:
        flat = "".join(lines)
        at = data.draw(st.integers(0, len(flat)))
        piece = data.draw(
            st.sampled_from(
                [
                    ":",
                    "-",
                    "[",
                    "]",
                    "{",
                    "}",
                    ",",
                    "&a",
                    "*a",
                    "!!python/name:os.system",
                    "#",
                    "'",
                    '"',
                    "\t",
                    "\x00",
                    "\ufeff",
                    "\u202e",
                    "é",
                    "NO",
                    "14:30",
                    "0123",
                    "---\n",
                    "- ",
                    "memebers: [x]",
                    "\n  x: 1",
                    "~",
                    "null",
                    "<<: {}",
                    "!!binary aGk=",
                    "%YAML 1.1\n",
                ]
            )
        )
        if kind == "replace":
            return flat[:at] + piece + flat[at + 1 :]
        if kind == "insert":
            return flat[:at] + piece + flat[at:]
        return flat[:at]
    return "".join(lines)


@given(st.data())
def test_a_mutated_file_gives_a_map_or_clean_problems_never_a_crash(data: st.DataObject):
    text = SMALL
    for _ in range(data.draw(st.integers(1, 3))):
        text = _mutate(text, data)
    n_lines = text.count("\n") + 1
    try:
        parse_map(text, filename="mutant.yaml")
    except InvalidMapError as error:
        assert error.problems
        for problem in error.problems:
            assert problem.message and "Traceback" not in problem.message
            assert problem.line is None or 1 <= problem.line <= n_lines
            assert str(problem).startswith("mutant.yaml")
