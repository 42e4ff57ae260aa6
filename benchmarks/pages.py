"""Pages as a person meets them (issue 12), by hand: Playwright's headless Chromium (Debian's)
against `streamlit run` on loopback.

    python benchmarks/pages.py                           # county example, then the large map
    python benchmarks/pages.py --map county --runs 5     # only the county example
    python benchmarks/pages.py --map large --pages home meetings findings
    python benchmarks/pages.py --direct                  # each page as a session's first address
    python benchmarks/pages.py --tree /tmp/snapshot      # the code of a `git archive` instead

County example (examples/county.yaml, which the app opens on start): each run is a new
session (a new browser context) that opens the app (the Home figure: the session's start and
the county example's diagnosis included; a first session, not counted, has the server import
the app), then clicks each page's link in turn and times its
first draw. With --direct each page is instead the address a new session opens. Then, on the
Findings page of the last session, the rerun after a filter change: the "low" severity taken
off and put back, `--runs` times each. Large map (benchmarks/generate.py "large", 300
organisations, 5,000 people): the file is put in a temporary workspace folder (MAPPER_WORKSPACE)
and opened on the Home page (the Home figure), then every page is visited, `--large-runs`
times (1: its Findings page took minutes when issue 12 was written).

"Drawn" is defined in benchmarks/browser.py. Figures are medians with their spread, in seconds
(resolution 50 ms), and the ratio to a floor measured in the same run, before each run: a
trivial Streamlit app's first draw in a new session (for Home and --direct) or its rerun after
a click (for pages reached by their link and for the filter change). Targets: county example
first draw under 1.5 s a page, Findings rerun under 0.5 s, every page of the large map under 3 s.
"""

from __future__ import annotations

import argparse
import asyncio
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from playwright.async_api import async_playwright  # noqa: E402

from benchmarks.browser import (  # noqa: E402
    HEADING,
    PAGES,
    Page,
    click_and_wait,
    floor,
    floor_served,
    launch,
    new_tab,
    open_page,
    served,
    visit,
)
from benchmarks.generate import ensure  # noqa: E402

# Home once it shows the large map (the click's run shows the map open before, then reruns)
LARGE_HOME = Page(
    "Home", "", f"{HEADING.format('Synthetic large')} && {HEADING.format('Needs attention now')}"
)
TARGETS = {"first draw": 1.5, "rerun": 0.5, "large": 3.0}


class Table:
    """Rows printed as they come; each with its ratio to the floor of its kind measured in
    the same run: a new session of a trivial app ("session"), or its rerun on a click."""

    def __init__(self) -> None:
        self.floors: dict[str, list[float]] = {"session": [], "rerun": []}

    def add_floor(self, first: float, rerun: float) -> None:
        self.floors["session"].append(first)
        self.floors["rerun"].append(rerun)

    def add(self, where, what, times: list[float], outcomes: list[str], target: float | None, kind):
        self.show(where, what, times, outcomes, target, self.floors[kind])

    def show_floors(self) -> None:
        for kind, label in [("session", "new session"), ("rerun", "rerun on a click")]:
            n = len(self.floors[kind])
            self.show("trivial app", f"floor: {label}", self.floors[kind], ["drawn"] * n, None, [])

    @staticmethod
    def header() -> None:
        print(
            f"{'map':<16}{'page':<34}{'runs':>5}{'median':>9}{'min-max':>13}{'x floor':>9}  target"
        )

    @staticmethod
    def show(where, what, times, outcomes, target, floors) -> None:
        bad = sorted({o for o in outcomes if o != "drawn"})
        good = [t for t, o in zip(times, outcomes, strict=True) if o == "drawn"]
        judged = "recorded" if target is None else f"(under {target} s)"
        if good:
            median = statistics.median(good)
            spread = f"{min(good):.2f}-{max(good):.2f}"
            ratio = f"{median / statistics.median(floors):.1f}x" if floors else "-"
            if target is not None:
                judged = f"{'met' if median < target and not bad else 'NOT met'} {judged}"
            line = f"{median:>8.2f}s{spread:>13}{ratio:>9}  {judged}"
        else:
            line = f"{'-':>9}{'-':>13}{'-':>9}  {'NOT met ' if target else ''}{judged}"
        if bad:
            line += f"; {len(outcomes) - len(good)} run(s): {', '.join(bad)}"
        print(f"{where:<16}{what:<34}{len(times):>5}{line}", flush=True)


async def set_low(tab, on: bool, timeout_s: float) -> tuple[float, str]:
    """Take the "low" severity off the Findings page's filter, or put it back: the rerun."""
    box = tab.locator('[data-testid="stMultiSelect"]').filter(has_text="Severity")
    if on:
        await box.locator("input").click()  # opens the list of options: no rerun yet
        target = tab.get_by_role("option", name="low", exact=True)
    else:
        target = box.get_by_role("button", name="Remove low")
    result = await click_and_wait(tab, target, PAGES["findings"], timeout_s)
    await tab.keyboard.press("Escape")  # close the list of options, if it stayed open
    return result


async def county(browser, url, floor_url, names: list[str], runs: int, direct: bool, table):
    times: dict[str, list[float]] = {n: [] for n in names}
    outcomes: dict[str, list[str]] = {n: [] for n in names}
    tab = None
    for _ in range(runs):
        if tab is not None:
            await tab.context.close()
        table.add_floor(*await floor(browser, floor_url))
        if direct:
            for name in names:
                tab = await new_tab(browser)
                seconds, outcome = await open_page(tab, url, PAGES[name], 120)
                times[name].append(seconds)
                outcomes[name].append(outcome)
                if name != names[-1]:
                    await tab.context.close()
            continue
        tab = await new_tab(browser)
        seconds, outcome = await open_page(tab, url, PAGES["home"], 120)
        if "home" in names:
            times["home"].append(seconds)
            outcomes["home"].append(outcome)
        for name in names:
            if name != "home":
                seconds, outcome = await visit(tab, PAGES[name], 120)
                times[name].append(seconds)
                outcomes[name].append(outcome)
    how = "first draw, own address" if direct else "first draw"
    for name in names:
        kind = "session" if direct or name == "home" else "rerun"
        what = f"{PAGES[name].title} ({how})"
        table.add("county example", what, times[name], outcomes[name], TARGETS["first draw"], kind)
    if "findings" in names and tab is not None:
        if tab.url.rstrip("/").split("/")[-1] != "findings":
            await visit(tab, PAGES["findings"], 120)
        reruns, results = [], []
        for _ in range(runs):
            for on in (False, True):
                seconds, outcome = await set_low(tab, on, 120)
                reruns.append(seconds)
                results.append(outcome)
        what = "Findings, filter changed"
        table.add("county example", what, reruns, results, TARGETS["rerun"], "rerun")
    if tab is not None:
        await tab.context.close()


async def large(browser, url: str, floor_url: str, names: list[str], runs: int, table: Table):
    times: dict[str, list[float]] = {n: [] for n in names}
    outcomes: dict[str, list[str]] = {n: [] for n in names}
    for _ in range(runs):
        table.add_floor(*await floor(browser, floor_url))
        tab = await new_tab(browser)
        await open_page(tab, url, PAGES["home"], 120)  # the county example first
        await tab.get_by_text("Choose a map").click()
        await tab.get_by_role("tab", name="Workspace folder").click()
        button = tab.get_by_role("button", name="Open from workspace")
        await button.wait_for(timeout=30_000)
        seconds, outcome = await click_and_wait(tab, button, LARGE_HOME, 600)
        if "home" in names:
            times["home"].append(seconds)
            outcomes["home"].append(outcome)
        for name in names:
            if name != "home":
                seconds, outcome = await visit(tab, PAGES[name], 600)
                times[name].append(seconds)
                outcomes[name].append(outcome)
        await tab.context.close()
    for name in names:
        what = f"{PAGES[name].title}" + (" (opening the map)" if name == "home" else "")
        table.add("large", what, times[name], outcomes[name], TARGETS["large"], "rerun")


async def measure(options: argparse.Namespace) -> None:
    table = Table()
    print(
        f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, code in {options.tree}, "
        f"pages: {' '.join(options.pages)}"
        + (f", {' '.join(options.config)}" if options.config else "")
    )
    with tempfile.TemporaryDirectory() as folder:
        if "large" in options.map:
            shutil.copy(ensure("large"), Path(folder) / "large.yaml")
        served_app = served(options.tree, Path(folder), options.config)
        with served_app as url, floor_served(options.tree) as bare:
            async with async_playwright() as playwright:
                browser = await launch(playwright)
                Table.header()
                await floor(browser, bare)  # its server's first session, not counted
                table.add_floor(*await floor(browser, bare))
                tab = await new_tab(browser)  # the server's first session imports the app
                seconds, outcome = await open_page(tab, url, PAGES["home"], 300)
                what = "Home, a fresh server"
                table.add("county example", what, [seconds], [outcome], None, "session")
                await tab.context.close()
                if "county" in options.map:
                    await county(
                        browser, url, bare, options.pages, options.runs, options.direct, table
                    )
                if "large" in options.map:
                    await large(browser, url, bare, options.pages, options.large_runs, table)
                table.show_floors()
                await browser.close()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--map", nargs="+", choices=["county", "large"], default=["county", "large"]
    )
    parser.add_argument("--pages", nargs="+", choices=list(PAGES), default=list(PAGES))
    parser.add_argument("--runs", type=int, default=5, help="county example runs (default 5)")
    parser.add_argument("--large-runs", type=int, default=1, help="large map runs (default 1)")
    parser.add_argument("--direct", action="store_true", help="each page opened by its address")
    parser.add_argument("--tree", type=Path, default=ROOT, help="the copy of the code to serve")
    parser.add_argument(
        "--config",
        action="append",
        default=[],
        metavar="SECTION.OPTION=VALUE",
        help="a Streamlit setting for the app's server, e.g. runner.postScriptGC=false",
    )
    options = parser.parse_args(argv)
    options.tree = options.tree.resolve()
    asyncio.run(measure(options))


if __name__ == "__main__":
    main()
