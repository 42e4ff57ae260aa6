"""Many people at once (issue 12), by hand: N browser sessions (12 by default) start together
against one `streamlit run` on loopback, each opening Home, then Map, then Findings of the
county example, as a partnership meeting would.

    python benchmarks/concurrency.py                  # 12 sessions
    python benchmarks/concurrency.py --sessions 4 --pages home findings
    python benchmarks/concurrency.py --tree /tmp/snapshot

Every session is its own browser context in one headless Chromium (Debian's); the browser
shares the 2 cores with the server, as it would if people opened the app on the same
machine. A first session, not counted, has the server import the app. "Drawn" is defined in
benchmarks/browser.py. Printed per page: how many sessions it was drawn for, the median and
the slowest time from the click (or, for Home, the address) to drawn. Target: every page of
every session served within 10 s. Before them, as a floor, the same number of sessions of a
trivial Streamlit app (benchmarks/browser.py) open at once and rerun on a click.
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

from playwright.async_api import async_playwright  # noqa: E402

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

TARGET = 10.0
ORDER = ["home", "map", "findings"]


async def session(browser, url: str, names: list[str], timeout_s: float):
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


async def measure(options: argparse.Namespace) -> None:
    print(
        f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, code in {options.tree}, "
        f"{options.sessions} sessions at once"
        + (f", {' '.join(options.config)}" if options.config else "")
    )
    with served(options.tree, settings=options.config) as url, floor_served(options.tree) as bare:
        async with async_playwright() as playwright:
            browser = await launch(playwright)
            floors: list[tuple[float, float]] = []
            if options.floor:  # the same number of sessions of a trivial app, at once
                await floor(browser, bare)  # its server's first session
                floors = await asyncio.gather(
                    *(floor(browser, bare) for _ in range(options.sessions))
                )
            await session(browser, url, ["home"], 300)  # the server imports the app
            start = time.perf_counter()
            results = await asyncio.gather(
                *(
                    session(browser, url, options.pages, options.timeout)
                    for _ in range(options.sessions)
                )
            )
            everything = time.perf_counter() - start
            await browser.close()
    print(f"{'page':<12}{'drawn':>7}{'median':>9}{'slowest':>9}  target")
    for name in options.pages:
        rows = [r for result in results for r in result if r[0] == name]
        good = [seconds for _, seconds, outcome in rows if outcome == "drawn"]
        bad = sorted({outcome for _, _, outcome in rows if outcome != "drawn"})
        if good:
            slowest = max(good)
            met = "met" if slowest <= TARGET and len(good) == options.sessions else "NOT met"
            figures = f"{statistics.median(good):>8.2f}s{slowest:>8.2f}s"
        else:
            met, figures = "NOT met", f"{'-':>9}{'-':>9}"
        note = f"; {', '.join(bad)}" if bad else ""
        print(
            f"{PAGES[name].title:<12}{len(good):>4}/{options.sessions:<2}{figures}  "
            f"{met} (each within {TARGET:.0f} s){note}"
        )
    for i, label in enumerate(["trivial app, new session", "trivial app, rerun on a click"]):
        if floors:
            times = [f[i] for f in floors]
            print(f"{label:<30}{statistics.median(times):>8.2f}s{max(times):>8.2f}s  floor")
    print(f"all {options.sessions} sessions done in {everything:.1f} s")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sessions", type=int, default=12)
    parser.add_argument("--pages", nargs="+", choices=list(PAGES), default=ORDER)
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
    options = parser.parse_args(argv)
    options.tree = options.tree.resolve()
    if options.pages[0] != "home":
        options.pages = ["home", *[p for p in options.pages if p != "home"]]
    asyncio.run(measure(options))


if __name__ == "__main__":
    main()
