"""A node dragged on the map stays where it was put, through a save and a reopen, in a real
browser: open a workspace map, drag a node of the organisations view, save it on the Edit
page, open the map again (a fresh start) and find the node where it was dropped. Starts the
app as tests/test_browser.py does; screenshots of the map with the change highlighted go to
`test-artifacts/`."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from tests.conftest import ROOT
from tests.test_browser import ARTIFACTS, _go, _running_app, _settle, browser  # noqa: F401
from tests.test_browser_drafts import _open_ours


@pytest.fixture(scope="module")
def layout_workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("layout-workspace")
    shutil.copy(ROOT / "examples" / "small.yaml", folder / "ours.yaml")
    return folder


@pytest.fixture(scope="module")
def layout_server(layout_workspace: Path) -> Iterator[str]:
    with _running_app(layout_workspace) as url:
        yield url


def _map(tab):
    """The map's frame, once drawn."""
    element = tab.locator("iframe.mapper-map").first
    try:
        element.wait_for(timeout=30_000)
    except Exception:
        ARTIFACTS.mkdir(exist_ok=True)
        tab.screenshot(path=str(ARTIFACTS / "layout-debug.png"), full_page=True)
        raise
    frame = element.element_handle().content_frame()
    assert frame
    frame.wait_for_function("window.mapReady === true", timeout=30_000)
    return frame


def _node_on_screen(tab, frame, node: str) -> tuple[float, float]:
    box = tab.locator("iframe.mapper-map").first.bounding_box()
    assert box
    inner = frame.evaluate(
        """(id) => { const n = window.mapNetwork; const p = n.getPositions([id])[id];
                     const d = n.canvasToDOM(p);
                     const r = document.querySelector('#network').getBoundingClientRect();
                     return [d.x + r.left, d.y + r.top]; }""",
        node,
    )
    return box["x"] + inner[0], box["y"] + inner[1]


def test_a_dragged_node_stays_through_save_and_reopen(browser, layout_server, layout_workspace):  # noqa: F811
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    tab = context.new_page()
    tab.goto(layout_server)
    tab.get_by_text("Person-hours of meetings a year").wait_for(timeout=60_000)
    _open_ours(tab)
    _go(tab, "Map")
    frame = _map(tab)
    tab.locator("iframe.mapper-map").first.scroll_into_view_if_needed()
    _settle(tab)
    node = "homestart"
    x, y = _node_on_screen(tab, frame, node)
    tab.mouse.move(x, y)
    tab.mouse.down()
    for step in range(1, 11):
        tab.mouse.move(x + 12 * step, y + 8 * step)
    tab.mouse.up()
    dropped = frame.evaluate("(id) => window.mapNetwork.getPositions([id])[id]", node)
    _settle(tab)
    frame = _map(tab)  # the map drawn again from the app, with the node where it was dropped
    again = frame.evaluate("(id) => window.mapNetwork.getPositions([id])[id]", node)
    assert abs(again["x"] - dropped["x"]) <= 0.1 and abs(again["y"] - dropped["y"]) <= 0.1
    _go(tab, "Edit")
    tab.get_by_role("button", name="Save to").first.click()
    tab.get_by_text("Saved ours.yaml").wait_for(timeout=30_000)
    saved = yaml.safe_load((layout_workspace / "ours.yaml").read_text(encoding="utf-8"))
    kept = saved["layout"]["organisations"][node]
    assert abs(kept[0] - dropped["x"]) <= 0.1 and abs(kept[1] - dropped["y"]) <= 0.1
    context.close()

    fresh = browser.new_context(viewport={"width": 1280, "height": 720})
    tab = fresh.new_page()
    tab.goto(layout_server)
    tab.get_by_text("Person-hours of meetings a year").wait_for(timeout=60_000)
    _open_ours(tab)
    _go(tab, "Map")
    frame = _map(tab)
    back = frame.evaluate("(id) => window.mapNetwork.getPositions([id])[id]", node)
    assert abs(back["x"] - dropped["x"]) <= 0.1 and abs(back["y"] - dropped["y"]) <= 0.1
    fresh.close()


def _shoot_sizes(tab, name: str, target=None) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    for width, height in [(1280, 720), (1920, 1080)]:
        tab.set_viewport_size({"width": width, "height": height})
        tab.wait_for_timeout(800)
        if target is not None:
            target.scroll_into_view_if_needed()
        tab.screenshot(path=str(ARTIFACTS / f"{name}-{width}x{height}.png"))


def test_an_organisation_added_is_marked_on_the_map_and_listed(browser, layout_server):  # noqa: F811
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    tab = context.new_page()
    tab.goto(layout_server)
    tab.get_by_text("Person-hours of meetings a year").wait_for(timeout=60_000)
    _open_ours(tab)
    _go(tab, "Edit")
    tab.get_by_label("Name", exact=True).fill("Zoë Added Trust")
    tab.get_by_label("Name", exact=True).press("Enter")
    _settle(tab)
    tab.get_by_role("button", name="Save this organisation").click()
    tab.get_by_text("This map has changes that are not saved").wait_for(timeout=30_000)
    _go(tab, "Map")
    frame = _map(tab)
    legend = frame.get_by_text("added or changed since the map was opened")
    legend.wait_for(timeout=30_000)
    marked = frame.evaluate(
        "() => window.mapNetwork.body.data.nodes.get().filter(n => n.borderWidth === 6)"
        ".map(n => n.label)"
    )
    assert marked == ["Zoë Added Trust"]
    listed = tab.get_by_text("Changes since the map was opened")
    assert listed.is_visible()
    _shoot_sizes(tab, "map-changed", tab.locator("iframe.mapper-map").first)
    listed.scroll_into_view_if_needed()
    tab.get_by_text("1 record added").wait_for(timeout=30_000)
    _shoot_sizes(tab, "map-changes-list", listed)
    _go(tab, "Compare")
    tab.get_by_text("1 record added").wait_for(timeout=30_000)
    _settle(tab)
    _shoot_sizes(tab, "compare")
    context.close()
