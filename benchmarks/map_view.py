"""Time to build and draw map views, by hand: python benchmarks/map_view.py

For each view: nodes, the time to lay it out and build the page in Python, the page's size,
and the time from opening the page in headless Chromium to vis-network's first drawing
(issue 4: a 500-node view settles in under 3 seconds). Needs Playwright and Debian's chromium.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from playwright.sync_api import sync_playwright  # noqa: E402

from benchmarks.generate import ensure  # noqa: E402
from mapper import load_map  # noqa: E402
from mapper.render.map_html import map_html  # noqa: E402
from mapper.render.network import MapFilter, build_view  # noqa: E402

ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
CASES = [
    ("county example", ROOT / "examples" / "county.yaml", "organisations", MapFilter()),
    ("county example", ROOT / "examples" / "county.yaml", "people", MapFilter()),
    ("county example", ROOT / "examples" / "county.yaml", "governance", MapFilter()),
    ("synthetic county", None, "organisations", MapFilter()),
    ("synthetic county", None, "people", MapFilter(levels=frozenset({"strategic"}))),
    ("synthetic county", None, "people", MapFilter(levels=frozenset({"operational"}))),
]


def main() -> None:
    synthetic = ensure("county")
    print(f"{'map':<18}{'view':<30}{'nodes':>7}{'python':>9}{'page KB':>9}{'first draw':>12}")
    with sync_playwright() as playwright, tempfile.TemporaryDirectory() as folder:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        for name, path, view, chosen in CASES:
            partnership = load_map(path or synthetic, max_bytes=50_000_000)
            start = time.perf_counter()
            shown = build_view(partnership, view, chosen)
            page_text = map_html(shown, partnership_name=partnership.name)
            built = time.perf_counter() - start
            file = Path(folder) / "view.html"
            file.write_text(page_text, encoding="utf-8")
            tab = browser.new_page(viewport={"width": 1400, "height": 900})
            start = time.perf_counter()
            tab.goto(file.as_uri())
            tab.wait_for_function("window.mapReady === true", timeout=120_000)
            drawn = time.perf_counter() - start
            tab.close()
            label = view + (f" ({', '.join(sorted(chosen.levels))})" if chosen.levels else "")
            print(
                f"{name:<18}{label:<30}{len(shown.nodes):>7}{built:>8.2f}s"
                f"{len(page_text) / 1024:>9.0f}{drawn:>11.2f}s",
                flush=True,
            )
        browser.close()


if __name__ == "__main__":
    main()
