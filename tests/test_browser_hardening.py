"""Hardening (issue 11) as a person sees it in Chromium: names that look like web addresses,
e-mail addresses or markup show as plain text on every page, with no link off the machine,
and the error box carries no "Ask Google" or "Ask ChatGPT" links.

Uses the fixtures of test_browser.py (a `streamlit run` on a loopback port, Chromium, every
request checked); skips as it does when Chromium or Playwright is missing.
"""

# ruff: noqa: F811 - the tests take the fixtures imported from test_browser.py as arguments

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlparse

import pytest

from tests.conftest import ROOT
from tests.serving import streamlit_server
from tests.test_browser import (  # noqa: F401 - fixtures
    ARTIFACTS,
    LOOPBACK,
    _go,
    _map_frame,
    _settle,
    browser,
    page,
    server,
    workspace,
)

try:
    from playwright.sync_api import Browser, Page
except ImportError:  # pragma: no cover - the dev requirements install it
    pass

HOSTILE_LINKS = ROOT / "tests" / "data" / "hostile_links.yaml"
NAMES = [
    "http://evil.example/t",
    "www.evil.example",
    "[x](http://evil.example)",
    "<a href=x>y</a>",
    "amara@evil.example",
    ":smile: **bold**",
    "HTTPS://EVIL.EXAMPLE/x",
]
#: Each page, and a name it shows in text (tables are drawn on a canvas, so not all do).
PAGES = {
    "Home": "http://evil.example/t",
    "Map": "Map of http://evil.example/t",
    "Findings": "<a href=x>y</a> is linked to the partnership only through",
    "Meetings": "",
    "What if…": "amara@evil.example",
    "Self-assessment": "www.evil.example board",
    "Edit": "Edit http://evil.example/t",
    "Import": "",
}

#: Every <a> of a document that leads anywhere but this page or this machine.
LINKS_OUT = """() => [...document.querySelectorAll('a[href]')].map(a => a.href).filter(h => {
    const u = new URL(h, location.href);
    if (u.protocol === 'about:' || u.protocol === 'blob:' || u.protocol === 'data:') return false;
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return true;
    return !['127.0.0.1', 'localhost', '[::1]'].includes(u.hostname); })"""
#: The text of a document as a person reads it: invisible word joiners left out.
READ = "() => document.body.innerText.replaceAll('\\u2060', '')"


def _open_hostile_links(tab: Page) -> None:
    tab.get_by_text("Choose a map").click()
    tab.get_by_role("tab", name="Upload a file").click()
    tab.locator("input[type=file]").set_input_files(str(HOSTILE_LINKS))
    tab.get_by_role("button", name="Open uploaded file").click()
    tab.get_by_role("heading", name="evil").first.wait_for(timeout=30_000)
    _settle(tab)


def _links_out(tab: Page) -> list[str]:
    found = []
    for frame in tab.frames:
        found += frame.evaluate(LINKS_OUT)
    return found


def _shows(tab: Page, text: str) -> None:
    """Wait until the page reads `text` and its run has ended: on a busy machine a page can
    still be drawing when the status widget has not shown yet."""
    tab.wait_for_function(
        "text => document.body.innerText.replaceAll('\\u2060', '').includes(text)",
        arg=text,
        timeout=60_000,
    )
    _settle(tab)


def test_names_that_look_like_links_are_plain_text_on_every_page(page: Page):
    _open_hostile_links(page)
    for title in PAGES:
        _go(page, title)
        page.wait_for_timeout(1500)
        _settle(page)
        if title == "Map":
            _map_frame(page)
            page.frames[-1].wait_for_function("window.mapReady === true", timeout=30_000)
        if title == "What if…":
            page.get_by_label("People who leave").first.click()
            page.get_by_role("option").filter(has_text="amara@evil.example").first.click()
            page.keyboard.press("Escape")
            _settle(page)
        if PAGES[title]:
            _shows(page, PAGES[title])
        assert _links_out(page) == [], title
        assert PAGES[title] in page.evaluate(READ), title
    _go(page, "Home")
    _shows(page, "http://evil.example/t")  # the HTML-like name is on the Findings page above
    # the heading is the name as typed, and copying it gives the same letters
    heading = page.get_by_role("heading").filter(has_text="evil").first
    copied = heading.evaluate("""h => { const r = document.createRange();
        r.selectNodeContents(h); const s = getSelection(); s.removeAllRanges(); s.addRange(r);
        return s.toString(); }""")
    assert copied.replace("\u2060", "").strip() == "http://evil.example/t"
    # markup in a name shows as typed, emoji codes as typed (no 😄)
    _go(page, "Findings")
    page.get_by_role("heading", name="Action plan").wait_for(timeout=30_000)
    page.get_by_text("Key role without deputy", exact=False).first.click()  # ben's finding
    _settle(page)
    assert ":smile: **bold**" in page.evaluate(READ)
    assert "😄" not in page.evaluate("() => document.body.innerText")


def test_names_show_as_typed_in_the_edit_form_and_findings(page: Page):
    _open_hostile_links(page)
    _go(page, "Edit")
    page.get_by_role("heading", name="Edit").first.wait_for(timeout=30_000)
    page.get_by_text("People", exact=True).click()
    _settle(page)
    # The list draws only the options it has room for: each name is found by typing part of
    # it, as a person does, and must read as typed.
    names = {"evil": "amara@evil.example (amara)", "bold": ":smile: **bold** (ben)"}
    for typed, shown in names.items():
        page.get_by_label("Choose a person").first.click()
        page.keyboard.type(typed)
        page.get_by_role("option").first.wait_for(timeout=10_000)
        options = page.get_by_role("option").all_inner_texts()
        page.keyboard.press("Escape")
        assert shown in options, options
    assert _links_out(page) == []
    _go(page, "Findings")
    page.get_by_role("heading", name="Action plan").wait_for(timeout=30_000)
    assert _links_out(page) == []


@pytest.mark.parametrize("width, height", [(1280, 720), (1920, 1080)])
def test_screenshots_of_the_hostile_links_map(
    browser: Browser, server: str, width: int, height: int
):
    """Home, Findings and Edit where they show the names, for a person to look at."""
    context = browser.new_context(viewport={"width": width, "height": height})
    tab = context.new_page()
    tab.goto(server)
    tab.get_by_text("Person-hours of meetings a year").wait_for(timeout=60_000)
    _open_hostile_links(tab)
    ARTIFACTS.mkdir(exist_ok=True)

    def shoot(name: str) -> None:
        tab.wait_for_timeout(500)
        tab.screenshot(path=str(ARTIFACTS / f"hostile-links-{name}-{width}.png"))
        assert _links_out(tab) == [], name

    tab.get_by_text("Choose a map").click()  # folded away, as after opening a map
    _settle(tab)
    shoot("home")
    tab.get_by_role("heading", name="Needs attention now").scroll_into_view_if_needed()
    shoot("home-attention")
    _settle(tab)
    _go(tab, "Findings")
    tab.get_by_role("heading", name="Action plan").wait_for(timeout=60_000)
    tab.locator(
        "[data-testid='stMarkdownContainer']", has_text="evil"
    ).first.scroll_into_view_if_needed()
    shoot("findings")
    _settle(tab)
    _go(tab, "Edit")
    tab.get_by_text("People", exact=True).click()
    _settle(tab)
    tab.get_by_label("Choose a person").first.click()
    tab.keyboard.type("evil")  # the list draws the options it has room for: found by typing
    tab.get_by_role("option", name="amara@evil.example (amara)").click()
    _settle(tab)
    shoot("edit")
    context.close()


@contextmanager
def _serving(folder: Path) -> Iterator[str]:
    """`streamlit run streamlit_app.py` in `folder` (its own .streamlit/config.toml)."""
    with streamlit_server(cwd=folder) as running:
        yield running.url


BROKEN = """import streamlit as st

st.title("A page that fails")
raise ValueError("Amara Okafor-Zzyzx is not a level")
"""


def test_the_error_box_has_no_links_to_search_engines(browser: Browser, tmp_path: Path):
    """A tiny script of our own, with the app's config, raises: the box says so, no more."""
    (tmp_path / ".streamlit").mkdir()
    shutil.copy(ROOT / ".streamlit" / "config.toml", tmp_path / ".streamlit" / "config.toml")
    (tmp_path / "streamlit_app.py").write_text(BROKEN, encoding="utf-8")
    with _serving(tmp_path) as url:
        tab = browser.new_page()
        requests: list[str] = []
        tab.on("request", lambda r: requests.append(r.url))
        tab.goto(url)
        tab.get_by_role("heading", name="A page that fails").wait_for(timeout=60_000)
        tab.locator("[data-testid='stException'], [data-testid='stAlert']").first.wait_for(
            timeout=30_000
        )
        tab.wait_for_timeout(1000)
        ARTIFACTS.mkdir(exist_ok=True)
        tab.screenshot(path=str(ARTIFACTS / "error-box.png"))
        shown = tab.evaluate("() => document.body.innerText")
        assert "Zzyzx" not in shown
        assert "Google" not in shown and "ChatGPT" not in shown
        assert _links_out(tab) == []
        tab.close()
    assert [u for u in requests if urlparse(u).hostname not in LOOPBACK] == []
