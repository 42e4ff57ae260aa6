"""The workshop's add panel in a real browser, as a facilitator uses it beside the map: a
person added with two meetings, typed and picked by name, appears on the map (the People and
meetings view is drawn again with her in its data), is kept as a draft, and is
still there after a browser reload (restored from Home). Screenshots at 1280x720 and
1920x1080 go to `test-artifacts/`. Starts the app as tests/test_browser.py does."""

from __future__ import annotations

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


def _people_view(tab) -> str:
    """Show the People and meetings view; the map's page once drawn (with its data)."""
    tab.get_by_text("People and meetings", exact=True).first.click()
    _settle(tab)
    return _drawn(tab)


def _drawn(tab, name: str | None = None) -> str:
    """The page of the map drawn (`mapReady`), holding `name` when given one, within 30 s."""
    tab.locator("iframe").first.wait_for(timeout=30_000)
    content = ""
    for _ in range(60):
        for frame in tab.frames:
            try:
                if frame.evaluate("window.mapReady === true"):
                    content = frame.content()
                    if name is None or name in content:
                        return content
            except Exception:  # noqa: BLE001 - a frame replaced while it was read
                continue
        tab.wait_for_timeout(500)
    return content


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
    assert NAME not in _people_view(tab)

    sidebar = tab.get_by_test_id("stSidebar")
    sidebar.get_by_label("Person's name").fill(NAME)
    _pick(tab, "Their organisation", ["Early Help Serv"])  # the focus of the people view
    _pick(tab, "Meetings they attend, as a member", ["Family Hub Op", "Team Around"])
    _shoot_sizes(tab, "entry-map-filled")
    sidebar.get_by_label("Person's name").press("Enter")  # Enter submits the form
    tab.get_by_text(f"Added {NAME} (nadia-brook), in 2 meetings.").wait_for(timeout=30_000)
    _settle(tab)
    assert NAME in _drawn(tab, NAME)  # drawn: she works for the focus of the view
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
    assert NAME in _people_view(tab)
    context.close()


def test_one_click_on_add_after_picking_meetings_adds_the_person(
    browser,  # noqa: F811 - the fixture imported from test_browser
    entry_server: str,
):
    """The picker of meetings, left with the focus, once kept a row to type in that went when
    the click on "Add this person" took the focus away: the button jumped up under the
    mouse and the click landed on nothing. Nothing below a picker moves now."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    tab = context.new_page()
    tab.goto(entry_server)  # the county example, whose meetings have long names
    tab.get_by_text("Person-hours of meetings a year").wait_for(timeout=120_000)
    _go(tab, "Map")
    _drawn(tab)
    sidebar = tab.get_by_test_id("stSidebar")
    sidebar.get_by_label("Person's name").fill("Ola Brand")
    _pick(tab, "Their organisation", ["voluntary serv"])
    _pick(tab, "Meetings they attend, as a member", ["best start fam", "early years str"])
    add = sidebar.get_by_role("button", name="Add this person")
    before = add.bounding_box()
    sidebar.get_by_label("Job title or post (optional)").click()  # the focus leaves the picker
    assert add.bounding_box() == before
    add.click()  # once, as a person would
    tab.get_by_text("Added Ola Brand (ola-brand), in 2 meetings.").wait_for(timeout=30_000)
    context.close()
