"""The workshop's add panel in a real browser, as a facilitator uses it beside the map: a
person added with two meetings, typed and picked by name, appears on the map (the People and
meetings view draws one node more, with her name in its data), is kept as a draft, and is
still there after a browser reload (restored from Home). Screenshots at 1280x720 and
1920x1080 go to `test-artifacts/`. Starts the app as tests/test_browser.py does."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.test_browser import _go, _running_app, _settle, browser  # noqa: F401
from tests.test_browser_drafts import _open_ours, _shoot_sizes

NAME = "Nadia Brook"


@pytest.fixture(scope="module")
def entry_workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("entry-workspace")
    shutil.copy(ROOT / "examples" / "small.yaml", folder / "ours.yaml")
    return folder


@pytest.fixture(scope="module")
def entry_server(entry_workspace: Path) -> Iterator[str]:
    with _running_app(entry_workspace) as url:
        yield url


def _people_view(tab) -> tuple[int, str]:
    """Show the People and meetings view; its node count (said to screen readers) and the
    data it was drawn from, once drawn."""
    tab.get_by_text("People and meetings", exact=True).click()
    _settle(tab)
    return _drawn(tab)


def _drawn(tab) -> tuple[int, str]:
    tab.locator("iframe").first.wait_for(timeout=30_000)
    frame = tab.frames[-1]
    frame.wait_for_function("window.mapReady === true", timeout=30_000)
    label = frame.locator("#network").get_attribute("aria-label") or ""
    count = re.search(r"People and meetings: (\d+) nodes", label)
    assert count, label
    return int(count.group(1)), frame.content()


def _pick(tab, label: str, typed: list[str]) -> None:
    """Open the picker `label`, and for each text: type it, Enter takes the first match (a
    list of several is then closed with Escape)."""
    tab.get_by_label(label, exact=True).first.click()
    for text in typed:
        tab.keyboard.type(text)
        tab.get_by_role("option").first.wait_for(timeout=10_000)
        tab.keyboard.press("Enter")
    if len(typed) > 1:
        tab.keyboard.press("Escape")


def test_a_person_added_beside_the_map_is_drawn_and_survives_a_reload(
    browser,  # noqa: F811 - the fixture imported from test_browser
    entry_server: str,
    entry_workspace: Path,
):
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    tab = context.new_page()
    tab.goto(entry_server)
    tab.get_by_text("Person-hours of meetings a year").wait_for(timeout=120_000)
    _open_ours(tab)
    _go(tab, "Map")
    before, data = _people_view(tab)
    assert NAME not in data

    sidebar = tab.get_by_test_id("stSidebar")
    sidebar.get_by_label("Person's name").fill(NAME)
    _pick(tab, "Their organisation", ["Home-Start"])
    _pick(tab, "Meetings they attend, as a member", ["Family Hub Op", "Team Around"])
    _shoot_sizes(tab, "entry-map-filled")
    sidebar.get_by_label("Person's name").press("Enter")  # Enter submits the form
    tab.get_by_text(f"Added {NAME} (nadia-brook), in 2 meetings.").wait_for(timeout=30_000)
    _settle(tab)
    after, data = _drawn(tab)
    assert after == before + 1 and NAME in data
    assert sidebar.get_by_role("button", name="↶ Undo: add Nadia Brook").count() == 1
    assert sidebar.get_by_label("Person's name").input_value() == ""  # ready for the next
    _shoot_sizes(tab, "entry-map-added")
    [draft] = list((entry_workspace / ".drafts").glob("*.json"))
    assert NAME in draft.read_text(encoding="utf-8")

    tab.reload()  # a new session: nothing of the old one is in memory
    tab.get_by_text("Unsaved changes are kept from 1 earlier session").wait_for(timeout=120_000)
    _go(tab, "Home")
    tab.get_by_text("Person-hours of meetings a year").wait_for(timeout=120_000)
    _open_ours(tab)
    tab.get_by_role("button", name="Restore them").click()
    tab.get_by_text("Unsaved changes (kept as a draft meanwhile)").wait_for(timeout=30_000)
    _settle(tab)
    _go(tab, "Map")
    again, data = _people_view(tab)
    assert again == after and NAME in data
    context.close()
