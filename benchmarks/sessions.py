"""Browsers without the browser: a client of Streamlit's own WebSocket protocol that plays one
person's session against `streamlit run` on loopback, sending what the front end sends and
reading every message the server sends back, without drawing anything. Not a benchmark
itself: benchmarks/concurrency.py runs twelve of these at once (the server's view of a
workshop), and `python benchmarks/sessions.py` checks the client against a real browser.

What the client does, taken from Streamlit 1.67's front end (its messages were read off a
Chromium tab's WebSocket, see `check` below):
- connects to `/_stcore/stream` with the `streamlit` subprotocol, the Origin and Host a
  browser sends (the XSRF token is left out: it only guards uploads and signed-in users);
- asks for a run with a `BackMsg` `rerun_script`: its `ClientState` has the page's address
  as `page_name` when a session opens (nothing for Home) and the page's `page_script_hash`
  (from the server's `navigation` message) when a link is followed, the widget states the
  front end sends (none on these pages), the hashes of the big messages it already holds
  (`cached_message_hashes`, as the front end's cache does) and the browser's context;
- a run has ended, with all its deltas received, at the server's `script_finished` message
  other than FINISHED_EARLY_FOR_RERUN (a run cut short by a rerun, as `st.switch_page` does).

A run's seconds: from the start of the connection (a new session) or from sending the
`rerun_script` (a link followed) to that message. Every delta is parsed and counted by kind,
so a run can be compared with what a browser received for the same page.

    python benchmarks/sessions.py           # one browser and one client, Home, Map, Findings
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState
from websockets.asyncio.client import ClientConnection, connect

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

EARLY = ForwardMsg.ScriptFinishedStatus.FINISHED_EARLY_FOR_RERUN
BIGGEST = 64 * 1024 * 1024  # a message the client accepts (the Map page's is about 0.6 MB)


def delta_kind(message: ForwardMsg) -> str:
    """A delta's kind as counted on both sides: the element drawn, or the block opened."""
    delta = message.delta
    kind = delta.WhichOneof("type")
    if kind == "new_element":
        return delta.new_element.WhichOneof("type") or "element"
    return kind or "delta"


@dataclass
class Run:
    """One script run as the client received it."""

    seconds: float
    deltas: Counter[str] = field(default_factory=Counter)  # by kind (`delta_kind`)
    received: int = 0  # bytes of every message of the run
    session_id: str = ""

    @property
    def count(self) -> int:
        return sum(self.deltas.values())

    @property
    def broken(self) -> bool:
        return self.deltas["exception"] > 0


class Session:
    """One person's session: `await Session.open(url, path)`, then `follow(path)` per link."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.pages: dict[str, str] = {}  # address under the app -> page_script_hash
        self.elements: dict[str, list[Any]] = {}  # delta kind -> the last run's elements
        self.cached: set[str] = set()
        self.session_id = ""
        self.page_hash = ""  # the page the last run showed
        self._socket: ClientConnection | None = None

    @classmethod
    async def open(cls, url: str, path: str = "", timeout_s: float = 300) -> tuple[Session, Run]:
        """A new session opened at `path` (a page's address, "" for Home), and its first run
        timed from the start of the connection."""
        session = cls(url)
        start = time.perf_counter()
        parts = urlsplit(url)
        session._socket = await connect(
            f"ws://{parts.netloc}/_stcore/stream",
            subprotocols=["streamlit"],  # type: ignore[list-item]
            origin=f"http://{parts.netloc}",  # type: ignore[arg-type]
            max_size=BIGGEST,
            # permessage-deflate offered, as a browser does; Streamlit accepts it only with
            # server.enableWebsocketCompression (off by default)
            open_timeout=timeout_s,
            ping_interval=None,
        )
        run = await session._run(start, page_name=path, timeout_s=timeout_s)
        return session, run

    async def follow(self, path: str, timeout_s: float = 300) -> Run:
        """Follow the sidebar's link to the page at `path`: the run it starts."""
        return await self._run(
            time.perf_counter(), page_script_hash=self.pages[path], timeout_s=timeout_s
        )

    async def rerun(self, widgets: Sequence[WidgetState] = (), timeout_s: float = 300) -> Run:
        """Run the page again with these widget states (a click, a change of a widget)."""
        return await self._run(
            time.perf_counter(),
            page_script_hash=self.page_hash,
            widgets=widgets,
            timeout_s=timeout_s,
        )

    async def close(self) -> None:
        if self._socket is not None:
            await self._socket.close()

    async def _run(
        self,
        start: float,
        page_name: str = "",
        page_script_hash: str = "",
        widgets: Sequence[WidgetState] = (),
        timeout_s: float = 300,
    ) -> Run:
        message = BackMsg()
        state = message.rerun_script
        state.page_name = page_name
        state.page_script_hash = page_script_hash
        state.widget_states.widgets.extend(widgets)
        state.cached_message_hashes.extend(sorted(self.cached))
        context = state.context_info
        context.timezone, context.timezone_offset, context.locale = "UTC", 0, "en-US"
        context.url, context.is_embedded, context.color_scheme = self.url + "/", False, "light"
        assert self._socket is not None
        await self._socket.send(message.SerializeToString())
        run = Run(0.0)
        elements: dict[str, list[Any]] = {}
        async with asyncio.timeout(timeout_s):
            while True:
                payload = await self._socket.recv()
                assert isinstance(payload, bytes), "Streamlit sends binary messages only"
                run.received += len(payload)
                received = ForwardMsg.FromString(payload)
                kind = received.WhichOneof("type")
                if kind == "new_session":
                    self.session_id = received.new_session.initialize.session_id or (
                        self.session_id
                    )
                elif kind == "navigation":  # the pages, and which one this run shows
                    self.page_hash = received.navigation.page_script_hash
                    self.pages = {
                        p.url_pathname: p.page_script_hash for p in received.navigation.app_pages
                    }
                elif kind == "delta":
                    what = delta_kind(received)
                    run.deltas[what] += 1
                    if received.delta.WhichOneof("type") == "new_element":
                        elements.setdefault(what, []).append(
                            getattr(received.delta.new_element, what)
                        )
                    if received.metadata.cacheable:
                        self.cached.add(received.hash)
                elif kind == "ref_hash":  # a message the client said it holds: still a delta
                    run.deltas["cached"] += 1
                elif kind == "script_finished" and received.script_finished != EARLY:
                    break
        run.seconds = time.perf_counter() - start
        run.session_id = self.session_id
        self.elements = elements
        return run

    def widget_id(self, kind: str, label: str) -> str:
        """The id of the last run's widget of this kind (e.g. "checkbox") with this label."""
        for element in self.elements.get(kind, []):
            if element.label == label:
                return element.id
        raise LookupError(f"no {kind} labelled {label!r} in the last run")


# Checking the client against a browser


async def browser_counts(url: str, paths: list[str]) -> list[Counter[str]]:
    """What a Chromium tab receives for each page (Home by its address, then each link):
    the deltas of the run that drew it, by kind, read off the tab's WebSocket."""
    from playwright.async_api import async_playwright

    from benchmarks.browser import PAGES, launch, new_tab, open_page, visit

    by_path = {page.path: page for page in PAGES.values()}
    runs: list[Counter[str]] = [Counter()]

    def frame(payload) -> None:
        message = ForwardMsg.FromString(payload)
        kind = message.WhichOneof("type")
        if kind == "delta":
            runs[-1][delta_kind(message)] += 1
        elif kind == "ref_hash":
            runs[-1]["cached"] += 1
        elif kind == "script_finished" and message.script_finished != EARLY:
            runs.append(Counter())

    async with async_playwright() as playwright:
        browser = await launch(playwright)
        tab = await new_tab(browser)
        tab.on("websocket", lambda socket: socket.on("framereceived", frame))
        for i, path in enumerate(paths):
            if i == 0:
                await open_page(tab, url, by_path[path], 300)
            else:
                await visit(tab, by_path[path], 300)
        await browser.close()
    return runs[: len(paths)]


async def client_counts(url: str, paths: list[str]) -> list[Run]:
    session, first = await Session.open(url, paths[0])
    runs = [first] + [await session.follow(path) for path in paths[1:]]
    await session.close()
    return runs


async def separate_sessions(url: str) -> list[str]:
    """Two clients on the Map page; one turns presentation mode on. Problems found, if any:
    the two must have their own session ids, and only the one that asked loses the title."""
    problems = []
    one, _ = await Session.open(url, "map")
    two, _ = await Session.open(url, "map")
    if one.session_id == two.session_id or not one.session_id:
        problems.append(f"the sessions share an id ({one.session_id!r})")
    toggle = WidgetState(id=one.widget_id("checkbox", "Presentation mode"))
    toggle.bool_value = True
    presenting = await one.rerun([toggle])
    other = await two.rerun()
    if presenting.deltas["heading"] != 0:
        problems.append("the session that asked for presentation mode still has its title")
    if other.deltas["heading"] != 1:
        problems.append("the other session lost its title: the sessions share state")
    await one.close()
    await two.close()
    return problems


async def check(url: str, paths: list[str]) -> bool:
    seen = await browser_counts(url, paths)
    runs = await client_counts(url, paths)
    same = True
    print(f"{'page':<12}{'browser':>9}{'client':>8}  deltas received for the page's run")
    for path, browser_run, client_run in zip(paths, seen, runs, strict=True):
        equal = browser_run == client_run.deltas
        same &= equal
        print(
            f"{path or 'home':<12}{sum(browser_run.values()):>9}{client_run.count:>8}  "
            + (
                "the same, kind by kind"
                if equal
                else f"DIFFERENT: {browser_run - client_run.deltas} "
                f"/ {client_run.deltas - browser_run}"
            )
        )
    problems = await separate_sessions(url)
    for problem in problems:
        print(f"NOT separate: {problem}")
    if not problems:
        print("two clients are two sessions: their own ids, their own widget state")
    return same and not problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--tree", type=Path, default=ROOT, help="the copy of the code to serve")
    options = parser.parse_args(argv)
    from benchmarks.browser import served

    with served(options.tree.resolve()) as url:
        return 0 if asyncio.run(check(url, ["", "map", "findings"])) else 1


if __name__ == "__main__":
    sys.exit(main())
