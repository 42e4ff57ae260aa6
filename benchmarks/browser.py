"""What the page benchmarks share: the app served on loopback, a headless Chromium, and when
a page counts as drawn. Not a benchmark itself (see pages.py and concurrency.py).

"Drawn" is decided from what the app says, not by sleeping: the server's "script finished"
messages are counted on the tab's WebSocket (the DOM's running state alone can miss a fast
rerun, whose two changes React may paint as none). A page is drawn when a run that ended after
the click or the address has been announced, the root element's `data-test-script-state` is
`notRunning`, nothing on screen is still marked stale, and the page's own landmark is there
(for the Map page: its map has been drawn, the frame's `data-drawn` set by pages/drawing.py
when the sandboxed map page says it has settled); then two
animation frames are let pass so that what arrived is painted. An exception box ends
the wait too, and is reported as the page being broken. Times are read on the page's own clock:
from the start of the navigation, or from the press of the mouse button (a capturing
`pointerdown` listener), to that paint; the check runs every 50 ms.
"""

from __future__ import annotations

import asyncio
import shutil
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
POLL_MS = 50  # the resolution of every page figure

# Each page: its link in the sidebar, its path, and a landmark that only it draws, in JS.
HEADING = "[...document.querySelectorAll('h1,h2,h3')].some(h => h.textContent.startsWith({!r}))"
MAP_DRAWN = """(() => { const f = document.querySelector('iframe.mapper-map');
    return !!f && !!f.dataset.digest && f.dataset.drawn === f.dataset.digest; })()
    || [...document.querySelectorAll('[data-testid="stAlert"]')]
       .some(a => a.textContent.includes('more than a browser draws'))"""


@dataclass(frozen=True)
class Page:
    title: str  # the link in the sidebar
    path: str  # its address under the app
    landmark: str  # JS, true once this page is on screen


PAGES = {
    "home": Page("Home", "", HEADING.format("Needs attention now")),
    "map": Page("Map", "map", MAP_DRAWN),
    "findings": Page("Findings", "findings", HEADING.format("Action plan")),
    "meetings": Page("Meetings", "meetings", HEADING.format("Meetings")),
    "whatif": Page("What if…", "whatif", HEADING.format("What if")),
    "assessment": Page("Self-assessment", "assessment", HEADING.format("Self-assessment")),
    "edit": Page("Edit", "edit", HEADING.format("Edit")),
    "import": Page("Import", "import_sheets", HEADING.format("Export the open map")),
}

CLICKS = """document.addEventListener('pointerdown',
    () => { window.__clicked = performance.now(); }, true);"""

DONE = """() => {
  const app = document.querySelector('[data-testid="stApp"]');
  if (!app || app.getAttribute('data-test-script-state') !== 'notRunning') return false;
  if (document.querySelector('[data-testid="stException"]')) return 'exception';
  if (document.querySelector('[data-stale="true"]')) return false;
  return (LANDMARK) ? 'drawn' : false;
}"""
PAINTED = """new Promise(r => requestAnimationFrame(() => requestAnimationFrame(
    () => r(performance.now()))))"""


FLOOR_APP = """import streamlit as st

st.title("Floor")
st.button("Again")
st.dataframe({"a": [1, 2, 3]})
"""
FLOOR = Page("Floor", "", HEADING.format("Floor"))


def config_env(settings: list[str]) -> dict[str, str]:
    """Streamlit settings given as `section.optionName=value`, as the environment variables
    Streamlit reads them from (STREAMLIT_SECTION_OPTION_NAME), to try one without editing
    .streamlit/config.toml."""
    from streamlit.string_util import to_snake_case  # the conversion Streamlit itself uses

    env = {}
    for setting in settings:
        name, _, value = setting.partition("=")
        env[f"STREAMLIT_{to_snake_case(name.replace('.', '_')).upper()}"] = value
    return env


@contextmanager
def served(
    tree: Path, workspace: Path | None = None, settings: list[str] | None = None
) -> Iterator[str]:
    """`streamlit run streamlit_app.py` of the code in `tree`, on loopback; its address.
    Started and stopped by tests/serving.py, the one way the project starts a real server."""
    sys.path.insert(0, str(tree))
    from tests.serving import streamlit_server

    env = {"MAPPER_WORKSPACE": str(workspace)} if workspace else {}
    with streamlit_server(cwd=tree, env={**env, **config_env(settings or [])}) as server:
        yield server.url


@contextmanager
def floor_served(tree: Path) -> Iterator[str]:
    """A trivial Streamlit app (a title, a button, a three-row table) with the app's own
    settings, on loopback: the floor the app's pages are compared with in the same run."""
    import tempfile

    sys.path.insert(0, str(tree))
    from tests.serving import streamlit_server

    with tempfile.TemporaryDirectory() as folder:
        shutil.copytree(tree / ".streamlit", Path(folder) / ".streamlit")
        (Path(folder) / "floor.py").write_text(FLOOR_APP, encoding="utf-8")
        with streamlit_server("floor.py", cwd=Path(folder)) as server:
            yield server.url


async def floor(browser, url: str, timeout_s: float = 120) -> tuple[float, float]:
    """A new session's first draw of the floor app, and a rerun after a click, in seconds."""
    tab = await new_tab(browser)
    try:
        first, _ = await open_page(tab, url, FLOOR, timeout_s)
        again = tab.get_by_role("button", name="Again")
        rerun, _ = await click_and_wait(tab, again, FLOOR, timeout_s)
        return first, rerun
    finally:
        await tab.context.close()


async def launch(playwright):
    return await playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)


_RUNS: dict[int, list[int]] = {}  # per tab: how many script runs the server said had ended


def _count_runs(tab) -> None:
    """Count the server's "script finished" messages on the tab's WebSocket (a run cut short
    by st.rerun is not an end). Read from the wire, they are never missed, however fast."""
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    early = ForwardMsg.ScriptFinishedStatus.FINISHED_EARLY_FOR_RERUN
    ended = _RUNS.setdefault(id(tab), [0])

    def frame(payload) -> None:
        if isinstance(payload, str) or len(payload) > 4096:  # a delta, not a run's end
            return
        try:
            message = ForwardMsg.FromString(payload)
        except Exception:  # noqa: BLE001 - not one of Streamlit's messages
            return
        if message.WhichOneof("type") == "script_finished" and message.script_finished != early:
            ended[0] += 1

    tab.on("websocket", lambda socket: socket.on("framereceived", frame))


async def new_tab(browser):
    context = await browser.new_context(viewport={"width": 1400, "height": 1000})
    await context.add_init_script(CLICKS)
    tab = await context.new_page()
    _count_runs(tab)
    return tab


async def runs_so_far(tab) -> int:
    return _RUNS[id(tab)][0]


async def drawn(tab, page: Page, before: int, timeout_s: float) -> tuple[str, float | None]:
    """Wait until `page` is drawn by a run after `before`: 'drawn', 'exception' or 'timeout',
    and the page's clock (ms since it was opened) once that was painted."""
    deadline = time.perf_counter() + timeout_s
    try:
        while _RUNS[id(tab)][0] <= before:
            if time.perf_counter() > deadline:
                return "timeout", None
            await asyncio.sleep(POLL_MS / 1000)
        handle = await tab.wait_for_function(
            DONE.replace("LANDMARK", page.landmark),
            polling=POLL_MS,
            timeout=max(1.0, deadline - time.perf_counter()) * 1000,
        )
        outcome = await handle.json_value()
        return outcome, await tab.evaluate(PAINTED)
    except Exception as error:  # noqa: BLE001 - a page broken mid-change is a figure too
        return ("timeout" if "Timeout" in type(error).__name__ else f"error: {error}"[:80]), None


async def open_page(tab, url: str, page: Page, timeout_s: float) -> tuple[float, str]:
    """A fresh session straight to `page`'s address: seconds from the start of the navigation
    (the page's own clock) until drawn, and the outcome."""
    start = time.perf_counter()
    await tab.goto(f"{url}/{page.path}", wait_until="commit", timeout=timeout_s * 1000)
    outcome, end = await drawn(tab, page, await runs_so_far(tab), timeout_s)
    return (end / 1000 if end is not None else time.perf_counter() - start), outcome


async def click_and_wait(tab, target, page: Page, timeout_s: float) -> tuple[float, str]:
    """Click `target` (a locator): seconds from the press (the page's own clock, so that
    Playwright's own steps are not counted) until `page` is drawn again, and the outcome."""
    await target.wait_for(timeout=timeout_s * 1000)
    before = await runs_so_far(tab)
    await tab.evaluate("window.__clicked = null")
    start = time.perf_counter()
    await target.click()
    outcome, end = await drawn(tab, page, before, timeout_s)
    clicked = await tab.evaluate("window.__clicked")
    if end is None or clicked is None:
        return time.perf_counter() - start, outcome
    return (end - clicked) / 1000, outcome


async def visit(tab, page: Page, timeout_s: float) -> tuple[float, str]:
    """Click `page`'s link in the sidebar: seconds until it is drawn, and the outcome."""
    link = tab.get_by_role("link", name=page.title, exact=True)
    return await click_and_wait(tab, link, page, timeout_s)
