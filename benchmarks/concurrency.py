"""Many people at once (issue 12), by hand: N sessions (12 by default) start together against
one `streamlit run` on loopback, each opening Home, then Map, then Findings of the county
example, as a partnership meeting would. Seen two ways, printed one after the other:

    python benchmarks/concurrency.py                  # both views, 12 sessions
    python benchmarks/concurrency.py --view server    # the server's view only (seconds)
    python benchmarks/concurrency.py --view server --cold   # ... at a server just started
    python benchmarks/concurrency.py --sessions 4 --pages home findings
    python benchmarks/concurrency.py --tree /tmp/snapshot

**The server's view** (the target's): N clients of Streamlit's own WebSocket protocol
(benchmarks/sessions.py) in this process, each a real session that receives every message a
browser gets for the page and draws nothing: what the server gives N people who each have a
laptop of their own. A page is served when its run has ended (the server's "script finished")
with no exception and with as many deltas as a session alone received for it; its time runs
from the start of the connection (Home) or from following the link to that end. Then each
page once more, opened at its address by N new sessions at once (from the connection), and
the Map's people view chosen by N sessions on the Map page at once (from the change). The
floor: N sessions of a trivial Streamlit app (benchmarks/browser.py) opened at once, then
rerun by a click on its button, through the same client.

**The browser's view**: N browser contexts in one headless Chromium (Debian's) on the same 2
cores as the server: what one person sees who opens twelve tabs on this machine, the browsers
taking most of the time. "Drawn" is defined in benchmarks/browser.py; the floor is the same
number of tabs of the trivial app.

In both, a first session (Home, Map, Findings), not counted, has the server import the app
(the facilitator's, before the meeting); with --cold the server's view has none, and the N
sessions arrive at a server nobody has opened yet.
Printed per page: for how many sessions it was served (drawn), the median and the slowest.
Target: every page of every session served within 10 s, in the server's view.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.browser import (  # noqa: E402
    PAGES,
    floor,
    floor_served,
    launch,
    new_tab,
    open_page,
    served,
    visit,
)
from benchmarks.sessions import Run, Session  # noqa: E402

TARGET = 10.0
ORDER = ["home", "map", "findings"]
Seen = tuple[str, float, str]  # a page, its seconds, and "served"/"drawn" or what went wrong


# The server's view: protocol clients (benchmarks/sessions.py)


def outcome(run: Run, expected: int | None) -> str:
    if run.broken:
        return "exception"
    if expected is not None and run.count != expected:
        return f"{run.count} deltas, not {expected}"
    return "served"


def same_count(seen: Seen, counts: dict[str, int], expected: dict[str, int]) -> Seen:
    name, seconds, said = seen
    if said == "served" and counts.get(name) != expected[name]:
        said = f"{counts.get(name)} deltas, not {expected[name]}"
    return name, seconds, said


async def client_session(
    url: str, names: list[str], timeout_s: float, expected: dict[str, int] | None = None
) -> tuple[list[Seen], dict[str, int]]:
    """One person: Home by its address, then each page by its link; what each page took, and
    how many deltas each run brought."""
    seen: list[Seen] = []
    counts: dict[str, int] = {}
    session = None
    try:
        session, run = await Session.open(url, PAGES["home"].path, timeout_s)
        for name in names:
            if name != "home":
                run = await session.follow(PAGES[name].path, timeout_s)
            counts[name] = run.count
            seen.append((name, run.seconds, outcome(run, (expected or {}).get(name))))
    except Exception as error:  # noqa: BLE001 - a session that failed is a figure too
        failed = f"failed: {type(error).__name__}"
        seen += [(n, 0.0, failed) for n in names if n not in {s[0] for s in seen}]
    finally:
        if session is not None:
            await session.close()
    return seen, counts


async def client_opens(url: str, name: str, timeout_s: float, expected: int) -> Seen:
    """A new session opening the page at its address: from the connection to its run's end."""
    try:
        session, run = await Session.open(url, PAGES[name].path, timeout_s)
        await session.close()
        return name, run.seconds, outcome(run, expected)
    except Exception as error:  # noqa: BLE001
        return name, 0.0, f"failed: {type(error).__name__}"


async def client_floor(url: str, timeout_s: float = 120) -> tuple[float, float]:
    """A new session of the trivial app, and its rerun on a click of its button, in seconds."""
    from streamlit.proto.WidgetStates_pb2 import WidgetState

    session, first = await Session.open(url, "", timeout_s)
    click = WidgetState(id=session.widget_id("button", "Again"), trigger_value=True)
    again = await session.rerun([click], timeout_s)
    await session.close()
    return first.seconds, again.seconds


async def server_view(options: argparse.Namespace, url: str, bare: str) -> list[str]:
    n = options.sessions
    floors: list[tuple[float, float]] = []
    if options.floor:
        await client_floor(bare)  # its server's first session
        floors = await asyncio.gather(*(client_floor(bare) for _ in range(n)))
    expected: dict[str, int] | None = None
    if not options.cold:
        _, expected = await client_session(url, options.pages, 300)  # the server imports the app
    cpu, start = time.process_time(), time.perf_counter()
    results = await asyncio.gather(
        *(client_session(url, options.pages, options.timeout, expected) for _ in range(n))
    )
    everything, cpu = time.perf_counter() - start, time.process_time() - cpu
    if expected is None:  # what a session alone receives, asked once they are done
        _, expected = await client_session(url, options.pages, 300)
        results = [
            ([same_count(s, counts, expected) for s in seen], counts) for seen, counts in results
        ]
    lines = [
        f"The server's view: {n} sessions at once, each a protocol client "
        f"(benchmarks/sessions.py) that draws nothing, as if on {n} laptops"
        + (", on a server nobody has opened yet" if options.cold else ""),
        *table([s for seen, _ in results for s in seen], options.pages, n, "served"),
    ]
    lines += floor_lines(floors)
    lines.append(
        f"all {n} sessions done in {everything:.1f} s; the clients used {cpu:.1f} s of CPU"
    )
    if options.each and expected is not None:
        lines.append(f"Each page opened at its address by {n} new sessions at once:")
        opened: list[Seen] = []
        for name in options.pages:
            opened += await asyncio.gather(
                *(client_opens(url, name, options.timeout, expected[name]) for _ in range(n))
            )
        lines += table(opened, options.pages, n, "served")[1:]
    if options.people and "map" in options.pages:
        lines.append(f"The Map's people view, chosen by {n} sessions on the Map page at once:")
        lines += table(await people_view(url, n, options.timeout), ["map"], n, "served")[1:]
    return lines


async def people_view(url: str, n: int, timeout_s: float) -> list[Seen]:
    """N sessions on the Map page (Home, then its link) all choose the people view at once:
    the run each change starts, timed from sending it."""
    from streamlit.proto.WidgetStates_pb2 import WidgetState

    async def on_the_map() -> tuple[Session, WidgetState]:
        session, _ = await Session.open(url, "", timeout_s)
        await session.follow(PAGES["map"].path, timeout_s)
        choice = WidgetState(id=session.widget_id("button_group", "View"))
        # a segmented control sends its chosen options' labels
        choice.string_array_value.data[:] = ["People and meetings"]
        return session, choice

    people = await asyncio.gather(*(on_the_map() for _ in range(n)))
    runs = await asyncio.gather(*(s.rerun([choice], timeout_s) for s, choice in people))
    for session, _ in people:
        await session.close()
    # the map is drawn by the Map page's own component (pages/drawing.py): one a run, sent
    # anew because the view changed (a cached one would be the organisations view still)
    drawn = [run.deltas["bidi_component"] for run in runs]
    return [
        ("map", run.seconds, outcome(run, None) if shown == 1 else "no map drawn")
        for run, shown in zip(runs, drawn, strict=True)
    ]


# The browser's view: Chromium tabs on this machine


async def session(browser, url: str, names: list[str], timeout_s: float) -> list[Seen]:
    """One person: Home by its address, then each page by its link; (page, seconds, outcome)."""
    tab = await new_tab(browser)
    seen = []
    try:
        seconds, outcome = await open_page(tab, url, PAGES["home"], timeout_s)
        seen.append(("home", seconds, outcome))
        for name in names:
            if name != "home":
                seconds, outcome = await visit(tab, PAGES[name], timeout_s)
                seen.append((name, seconds, outcome))
    except Exception as error:  # noqa: BLE001 - a session that failed is a figure too
        failed = f"failed: {type(error).__name__}"
        seen += [(n, 0.0, failed) for n in names if n not in {s[0] for s in seen}]
    finally:
        await tab.context.close()
    return [s for s in seen if s[0] in names]


async def browser_view(options: argparse.Namespace, url: str, bare: str) -> list[str]:
    from playwright.async_api import async_playwright

    n = options.sessions
    async with async_playwright() as playwright:
        browser = await launch(playwright)
        floors: list[tuple[float, float]] = []
        if options.floor:  # the same number of sessions of a trivial app, at once
            await floor(browser, bare)  # its server's first session
            floors = await asyncio.gather(*(floor(browser, bare) for _ in range(n)))
        await session(browser, url, options.pages, 300)  # the first session of this view
        start = time.perf_counter()
        results = await asyncio.gather(
            *(session(browser, url, options.pages, options.timeout) for _ in range(n))
        )
        everything = time.perf_counter() - start
        await browser.close()
    return [
        f"The browser's view: {n} tabs of one headless Chromium on this machine, sharing its "
        "2 cores with the server (what one person with all the tabs sees)",
        *table([s for seen in results for s in seen], options.pages, n, "drawn"),
        *floor_lines(floors),
        f"all {n} sessions done in {everything:.1f} s",
    ]


# Printing


def table(seen: list[Seen], names: list[str], n: int, good_word: str) -> list[str]:
    lines = [f"{'page':<30}{good_word:>7}{'median':>9}{'slowest':>9}  target"]
    for name in names:
        rows = [r for r in seen if r[0] == name]
        good = [seconds for _, seconds, outcome in rows if outcome == good_word]
        bad = sorted({outcome for _, _, outcome in rows if outcome != good_word})
        if good:
            slowest = max(good)
            met = "met" if slowest <= TARGET and len(good) == n else "NOT met"
            figures = f"{statistics.median(good):>8.2f}s{slowest:>8.2f}s"
        else:
            met, figures = "NOT met", f"{'-':>9}{'-':>9}"
        note = f"; {', '.join(bad)}" if bad else ""
        lines.append(
            f"{PAGES[name].title:<30}{len(good):>4}/{n:<2}{figures}  "
            f"{met} (each within {TARGET:.0f} s){note}"
        )
    return lines


def floor_lines(floors: list[tuple[float, float]]) -> list[str]:
    lines = []
    for i, label in enumerate(["trivial app, new session", "trivial app, rerun on a click"]):
        if floors:
            times = [f[i] for f in floors]
            lines.append(
                f"{label:<30}{len(times):>4}/{len(times):<2}"
                f"{statistics.median(times):>8.2f}s{max(times):>8.2f}s  floor"
            )
    return lines


async def measure(options: argparse.Namespace) -> None:
    print(
        f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, code in {options.tree}, "
        f"{options.sessions} sessions at once"
        + (f", {' '.join(options.config)}" if options.config else "")
    )
    views = {"server": server_view, "browser": browser_view}
    for name in ["server", "browser"] if options.view == "both" else [options.view]:
        # a fresh server for each view, so that neither finds the other's sessions
        with (
            served(options.tree, settings=options.config) as url,
            floor_served(options.tree) as bare,
        ):
            lines = await views[name](options, url, bare)
        print("\n".join(lines), flush=True)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sessions", type=int, default=12)
    parser.add_argument("--pages", nargs="+", choices=list(PAGES), default=ORDER)
    parser.add_argument(
        "--view",
        choices=["server", "browser", "both"],
        default="both",
        help="protocol clients (the server's view), Chromium tabs, or one after the other",
    )
    parser.add_argument("--timeout", type=float, default=300, help="seconds a page may take")
    parser.add_argument("--tree", type=Path, default=ROOT, help="the copy of the code to serve")
    parser.add_argument(
        "--config",
        action="append",
        default=[],
        metavar="SECTION.OPTION=VALUE",
        help="a Streamlit setting for the app's server, e.g. runner.postScriptGC=false",
    )
    parser.add_argument(
        "--no-floor", dest="floor", action="store_false", help="skip the trivial app's sessions"
    )
    parser.add_argument(
        "--cold",
        action="store_true",
        help="no first session before them (server's view): the sessions import the app",
    )
    parser.add_argument(
        "--no-people",
        dest="people",
        action="store_false",
        help="skip the Map's people view chosen by every session at once (server's view)",
    )
    parser.add_argument(
        "--no-each",
        dest="each",
        action="store_false",
        help="skip the pages opened at their address (server's view)",
    )
    options = parser.parse_args(argv)
    options.tree = options.tree.resolve()
    if options.pages[0] != "home":
        options.pages = ["home", *[p for p in options.pages if p != "home"]]
    asyncio.run(measure(options))


if __name__ == "__main__":
    main()
