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
from tests.test_browser import _drawn, _go, _running_app, _settle, browser  # noqa: F401
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
    # drawn: she works for the focus of the view
    assert NAME in _drawn(tab, lambda html: NAME in html)
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


_POSITIONS = "() => window.mapNetwork.getPositions()"
_VIEW = """() => { const pane = document.getElementById('network'), n = window.mapNetwork;
    return [n.getScale(), n.getViewPosition(), pane.clientWidth, pane.clientHeight]; }"""


def _kept(before: list, after: list) -> None:
    """The room's view is kept: the same centre, and the same scale but for what vis-network
    does when the legend's new key takes a line from the map (it keeps in sight all that was:
    the scale times the smaller ratio of the sizes)."""
    (scale, centre, width, height), (scale_now, centre_now, width_now, height_now) = before, after
    assert centre_now == pytest.approx(centre, abs=0.01)
    assert scale_now == pytest.approx(scale * min(width_now / width, height_now / height), rel=1e-3)


def _redrawn(frame, wanted: str, present: bool) -> None:
    """Wait until the frame's map is drawn with (or without) the node labelled `wanted`."""
    frame.wait_for_function(
        """([wanted, present]) => window.mapReady === true &&
             window.mapNetwork.body.data.nodes.get().some(n => n.label === wanted) === present""",
        arg=[wanted, present],
        timeout=30_000,
    )


def test_a_person_added_is_drawn_into_the_map_on_the_wall_without_reloading_it(
    browser,  # noqa: F811 - the fixture imported from test_browser
    entry_server: str,
):
    """The room looks at a zoomed map; a person is added and undone. The page in the frame is
    the same page throughout (redrawn in place, not loaded again): the view stays where the
    room was looking, no node moves, the new one is marked as added, and what the frame and
    the app's page hold is the new map's, nothing of the last (a near miss: the frame's data
    element holds the name while she is on the map, and not once she is undone)."""
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    tab = context.new_page()
    tab.goto(entry_server)  # the county example
    tab.get_by_text("Person-hours of meetings a year").wait_for(timeout=120_000)
    _go(tab, "Map")
    _people_view(tab)
    frame = tab.locator("iframe.mapper-map").first.element_handle().content_frame()
    assert frame
    frame.wait_for_function("window.mapReady === true", timeout=30_000)
    frame.evaluate("() => { window.mapperMark = 'the page first drawn'; }")
    frame.get_by_role("button", name="Zoom in").click()  # the room zooms in
    frame.wait_for_function("window.mapReady === true", timeout=30_000)
    _settle(tab)
    before, view = frame.evaluate(_POSITIONS), frame.evaluate(_VIEW)

    sidebar = tab.get_by_test_id("stSidebar")
    sidebar.get_by_label("Person's name").fill("Ola Brand")
    _pick(tab, "Their organisation", ["voluntary serv"])  # the people view's focus
    _pick(tab, "Meetings they attend, as a member", ["best start fam", "early years str"])
    sidebar.get_by_role("button", name="Add this person").click()
    tab.get_by_text("Added Ola Brand (ola-brand), in 2 meetings.").wait_for(timeout=30_000)
    _redrawn(frame, "Ola Brand", True)
    assert frame.evaluate("() => window.mapperMark") == "the page first drawn"
    after = frame.evaluate(_POSITIONS)
    seats = {"best-start-board", "early-years-strategic"}  # hers: they join the view with her
    assert set(before) < set(after) <= set(before) | {"ola-brand"} | seats
    assert "ola-brand" in after
    moved = [
        i
        for i in before
        if abs(after[i]["x"] - before[i]["x"]) > 0.01 or abs(after[i]["y"] - before[i]["y"]) > 0.01
    ]
    assert moved == []
    _kept(view, frame.evaluate(_VIEW))
    marked = frame.evaluate(
        "() => window.mapNetwork.body.data.nodes.get().filter(n => n.borderWidth === 6)"
        ".map(n => n.id)"
    )
    assert "ola-brand" in marked and set(marked) <= {"ola-brand"} | seats  # seats changed
    assert "Ola Brand" in frame.locator("#mapper-data").text_content()
    assert frame.get_by_text("added or changed since the map was opened").count() == 1
    assert "srcdoc" not in tab.content()  # the page is not kept in the app's own HTML

    sidebar.get_by_role("button", name="↶ Undo: add Ola Brand").click()
    _redrawn(frame, "Ola Brand", False)
    assert frame.evaluate("() => window.mapperMark") == "the page first drawn"
    assert frame.evaluate(_POSITIONS) == before
    _kept(view, frame.evaluate(_VIEW))
    assert "Ola Brand" not in frame.locator("#mapper-data").text_content()
    assert frame.get_by_text("added or changed since the map was opened").count() == 0
    context.close()
