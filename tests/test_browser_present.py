"""Presentation mode on a projector's screen, in a real browser: the map fills the screen,
nothing covers a button, labels never overlap, the wheel scrolls the page, a name is found,
and the other pages are a click away."""

from __future__ import annotations

import os
import shutil

import pytest

from tests.test_browser import (  # noqa: F401 (fixtures)
    ARTIFACTS,
    SCREENSHOTS,
    _map_frame,
    _settle,
    browser,
    server,
    workspace,
)

try:
    from playwright.sync_api import Browser, Frame, Page
except ImportError:  # pragma: no cover - the dev requirements install it
    pass

#: Every label drawn, every button and the legend, in the map page's own pixels: the label
#: boxes are vis-network's (the node's label module, in canvas coordinates, turned into
#: the page's by `canvasToDOM` and the canvas's place).
BOXES = """() => {
  const canvas = document.querySelector('#network canvas').getBoundingClientRect();
  const labels = [];
  for (const id of network.body.nodeIndices) {
    const node = network.body.nodes[id];
    if (!node.options.label || node.options.font.color === 'rgba(0,0,0,0)') continue;
    const s = node.labelModule.size;
    const a = network.canvasToDOM({x: s.left, y: s.top});
    const b = network.canvasToDOM({x: s.left + s.width, y: s.top + s.height});
    labels.push({id: id, left: canvas.left + a.x, top: canvas.top + a.y,
                 right: canvas.left + b.x, bottom: canvas.top + b.y});
  }
  const box = e => { const r = e.getBoundingClientRect();
    return {id: e.id, left: r.left, top: r.top, right: r.right, bottom: r.bottom}; };
  return {canvas: box(document.querySelector('#network canvas')), labels: labels,
          legend: box(document.getElementById('legend')),
          buttons: [...document.querySelectorAll('#bar button, #bar input')].map(box)};
}"""


def _meet(a: dict, b: dict) -> bool:
    return (
        a["left"] < b["right"]
        and b["left"] < a["right"]
        and a["top"] < b["bottom"]
        and (b["top"] < a["bottom"])
    )


def _presenting(browser: Browser, server: str, width: int, height: int) -> tuple[Page, Frame]:  # noqa: F811
    tab = browser.new_context(viewport={"width": width, "height": height}).new_page()
    tab.goto(server)
    tab.get_by_text("Person-hours of meetings a year").wait_for(timeout=60_000)
    tab.get_by_role("link", name="Map").click()
    _map_frame(tab)
    _settle(tab)
    tab.get_by_text("Presentation mode").click()
    _settle(tab)
    _map_frame(tab)
    frame = tab.frames[-1]
    frame.wait_for_function("window.mapReady === true", timeout=30_000)
    tab.wait_for_timeout(300)
    return tab, frame


@pytest.mark.parametrize("width, height", [(1280, 720), (1920, 1080)])
@pytest.mark.parametrize("view", ["Organisations", "People and meetings", "Governance tree"])
def test_presentation_mode_fills_the_screen_with_a_map_whose_labels_cover_nothing(
    browser: Browser,  # noqa: F811
    server: str,  # noqa: F811
    view: str,
    width: int,
    height: int,
):
    tab, frame = _presenting(browser, server, width, height)
    if view != "Organisations":
        tab.get_by_text(view, exact=True).first.click()
        _settle(tab)
        drawn = tab.frame_locator("iframe").first.locator(f"#network[aria-label*='{view}']")
        drawn.wait_for(timeout=60_000)  # the new view's map, not the last one's
        frame = tab.frames[-1]
        frame.wait_for_function("window.mapReady === true", timeout=30_000)
        tab.wait_for_timeout(300)
    name = f"map-presentation-{view.split()[0].lower()}-{width}x{height}"
    ARTIFACTS.mkdir(exist_ok=True)
    tab.screenshot(path=str(ARTIFACTS / f"{name}.png"))
    if width == 1280 and view == "Organisations" and os.environ.get("MAPPER_UPDATE_SCREENSHOTS"):
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        shutil.copy(ARTIFACTS / f"{name}.png", SCREENSHOTS / "map-presentation.png")
    iframe = tab.locator("iframe").first.bounding_box()
    assert iframe is not None
    found = frame.evaluate(BOXES)
    canvas = found["canvas"]
    shown = min(canvas["right"], width - iframe["x"]) - canvas["left"]
    tall = min(canvas["bottom"], height - iframe["y"]) - canvas["top"]
    assert shown * tall >= 0.7 * width * height, (shown, tall)
    assert not tab.get_by_text("Map of").is_visible()  # no title: the bar, then the map
    labels, buttons = found["labels"], found["buttons"]
    assert len(labels) >= 8  # labels are shown, not all hidden to pass
    for button in buttons:
        assert not _meet(button, found["legend"]), button
        assert not _meet(button, canvas), button  # the map is below the bar: no label reaches
        for label in labels:
            assert not _meet(label, button), (label, button)
    for i, label in enumerate(labels):
        assert canvas["left"] <= label["left"] and label["right"] <= canvas["right"] + 1
        assert canvas["top"] <= label["top"] and label["bottom"] <= canvas["bottom"] + 1
        for other in labels[i + 1 :]:
            assert not _meet(label, other), (label, other)
    size = frame.evaluate(
        "() => parseFloat(network.body.nodes[network.body.nodeIndices[0]].options.font.size)"
        " * network.getScale()"
    )
    assert size >= 17  # on the screen, at any zoom (22 px for a whole label)
    tab.context.close()


def test_the_wheel_scrolls_the_page_ctrl_and_buttons_zoom_and_a_name_is_found(
    browser: Browser,  # noqa: F811
    server: str,  # noqa: F811
):
    tab, frame = _presenting(browser, server, 1280, 720)
    scale = frame.evaluate("() => network.getScale()")
    box = tab.locator("iframe").first.bounding_box()
    assert box is not None
    tab.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    tab.mouse.wheel(0, -300)
    tab.wait_for_timeout(300)
    assert frame.evaluate("() => network.getScale()") == scale  # a plain wheel never zooms
    tab.keyboard.down("Control")
    tab.mouse.wheel(0, -300)
    tab.keyboard.up("Control")
    tab.wait_for_timeout(300)
    zoomed = frame.evaluate("() => network.getScale()")
    assert zoomed > scale
    frame.locator("#zoom-out").click()
    tab.wait_for_timeout(300)
    assert frame.evaluate("() => network.getScale()") < zoomed
    frame.locator("#search").fill("Harrowdale Homes")
    frame.locator("#search").press("Enter")
    assert frame.evaluate("() => network.getSelectedNodes()") == ["harrowdale-homes"]
    frame.wait_for_function(  # centred on the map (once the move has finished)
        """() => { const c = document.querySelector('#network');
          const p = network.canvasToDOM(network.getPosition('harrowdale-homes'));
          return Math.abs(p.x - c.clientWidth / 2) < 40
            && Math.abs(p.y - c.clientHeight / 2) < 40; }""",
        timeout=10_000,
    )
    frame.locator("#search").fill("Nobody Of That Name")
    frame.locator("#search").press("Enter")
    assert frame.get_by_text("not in this view: widen the filters").is_visible()
    # Another page, without leaving presentation mode
    tab.get_by_role("button", name="Pages").click()
    tab.get_by_role("link", name="Findings").click()
    tab.get_by_text("What to do:").first.wait_for(timeout=30_000)
    tab.context.close()
