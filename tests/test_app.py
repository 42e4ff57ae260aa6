"""AppTest for every page: it opens on the county example with nothing to configure."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from mapper import parse_map
from tests.conftest import MINIMAL, ROOT

APP = str(ROOT / "streamlit_app.py")


def test_home_opens_the_county_example_and_shows_its_counts():
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception
    assert at.title[0].value == "Harrowdale Best Start Partnership"
    shown = {m.label: m.value for m in at.metric}
    assert shown["Organisations"] == "43"
    assert shown["People"] == "300"
    assert shown["Meetings"] == "60"
    urgent = " ".join(m.value for m in at.markdown)
    assert "Early Help Partnership Group and Family Support Steering Group have largely" in urgent
    assert at.subheader[-1].value.startswith("Needs attention now (9 of ")


def test_a_hostile_map_name_is_shown_as_text_not_markup():
    at = AppTest.from_file(APP, default_timeout=60)
    hostile = "**bold** [link](http://example.com) <img src=x onerror=alert(1)>"
    at.session_state.partnership = parse_map(MINIMAL.replace("Test partnership", f"'{hostile}'"))
    at.session_state.map_source = "hostile.yaml"
    at.run()
    assert not at.exception
    title = at.title[0].value
    assert "\\*\\*bold\\*\\*" in title and "\\[link\\]" in title and "\\<img" in title


def test_a_map_that_failed_to_load_shows_its_problems(tmp_path: Path):
    at = AppTest.from_file(APP, default_timeout=60)
    at.session_state.partnership = None
    at.session_state.load_error = "county.yaml:3: version: should be 1"
    at.run()
    assert not at.exception
    assert at.error[0].value == "The map could not be opened."
    assert at.code[0].value == "county.yaml:3: version: should be 1"
