"""What a person sees, in a real browser: Playwright drives Debian's headless Chromium against
`streamlit run` on a loopback port.

Every request the browser makes is recorded, and any that leaves the machine fails the test.
Screenshots go to `test-artifacts/`; with MAPPER_UPDATE_SCREENSHOTS=1 the map and findings
screenshots also replace the README's in `docs/screenshots/`. Outside CI these tests skip,
saying why, when Chromium or Playwright is missing; under CI=true they fail instead.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlparse

import pytest

from mapper.render.stakeholder_grid import LABEL_PT, SCREEN_DPI
from tests.conftest import ROOT
from tests.serving import streamlit_server

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = ROOT / "test-artifacts"
SCREENSHOTS = ROOT / "docs" / "screenshots"
LOOPBACK = {"127.0.0.1", "localhost", "::1"}
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _missing(reason: str) -> None:
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason}; CI must run the browser tests (see .ci/run)")
    pytest.skip(reason)


try:
    from playwright.sync_api import Browser, Page, sync_playwright
    from playwright.sync_api import TimeoutError as PlaywrightTimeout
except ImportError:  # pragma: no cover - the dev requirements install it
    sync_playwright = None


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("workspace")
    shutil.copy(ROOT / "examples" / "small.yaml", folder / "ours.yaml")
    shutil.copy(ROOT / "tests" / "data" / "stakeholders.yaml", folder / "stakeholders.yaml")
    return folder


@contextmanager
def _running_app(workspace: Path) -> Iterator[str]:
    """The app on a free loopback port with `workspace` as its folder; its address."""
    with streamlit_server(env={"MAPPER_WORKSPACE": str(workspace)}) as running:
        yield running.url


@pytest.fixture(scope="module")
def server(workspace: Path) -> Iterator[str]:
    with _running_app(workspace) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if sync_playwright is None:
        _missing("Playwright is not installed")
    if not Path(CHROMIUM).exists():
        _missing("Chromium is not installed (apt-get install chromium)")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Browser, server: str) -> Iterator[Page]:
    """A fresh tab that records every request and every dialog; both checked at the end."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    tab = context.new_page()
    requests: list[str] = []
    dialogs: list[str] = []
    tab.on("request", lambda r: requests.append(r.url))
    tab.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    tab.goto(server)
    tab.get_by_text("Person-hours of meetings a year").wait_for(timeout=60_000)
    yield tab
    context.close()
    outside = [
        u
        for u in requests
        if urlparse(u).scheme in ("http", "https", "ws", "wss")
        and urlparse(u).hostname not in LOOPBACK
    ]
    assert outside == [], f"requests left the machine: {outside}"
    assert dialogs == [], f"a script opened a dialog: {dialogs}"


def _shoot(tab: Page, name: str, readme: bool = False) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    tab.screenshot(path=str(ARTIFACTS / f"{name}.png"))
    if readme and os.environ.get("MAPPER_UPDATE_SCREENSHOTS") == "1":
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        shutil.copy(ARTIFACTS / f"{name}.png", SCREENSHOTS / f"{name}.png")


def _go(tab: Page, title: str) -> None:
    tab.get_by_role("link", name=title).click()


def _map_frame(tab: Page):
    tab.locator("iframe").first.wait_for(timeout=30_000)
    frame = tab.frame_locator("iframe").first
    frame.locator("#network canvas").wait_for(timeout=30_000)
    return frame


def _drawn(tab: Page, holds=lambda html: True) -> str:
    """The map's page once drawn (`mapReady`) with what `holds` looks for in its HTML, within
    30 s (a frame drawn before the last rerun is replaced or redrawn); else the last read."""
    tab.locator("iframe").first.wait_for(timeout=30_000)
    content = ""
    for _ in range(60):
        for frame in tab.frames[1:]:
            try:
                if frame.evaluate("window.mapReady === true"):
                    content = frame.content()
                    if holds(content):
                        return content
            except Exception:  # noqa: BLE001 - a frame replaced while it was read
                continue
        tab.wait_for_timeout(500)
    return content


def _settle(tab: Page) -> None:
    """Wait until the app has finished the rerun a change set off: a click during a rerun
    can be lost, as a person clicking too fast would find."""
    tab.wait_for_timeout(400)
    tab.locator("[data-testid='stStatusWidget']").wait_for(state="hidden", timeout=30_000)


def _open_from_workspace(tab: Page, heading: str, file: str | None = None) -> None:
    """Open a map of the workspace folder from Home's "Choose a map" (`file`, or the one
    chosen), until its name heads the page. A click the page took while a rerun was
    redrawing it is lost, as a person's would be, who clicks again: so does this, once."""
    for attempt in range(2):
        _settle(tab)
        if not tab.get_by_role("tab", name="Workspace folder").is_visible():
            tab.get_by_text("Choose a map").click()
        tab.get_by_role("tab", name="Workspace folder").click()
        if file is not None:
            _choose(tab, "Map file", file)
        tab.get_by_role("button", name="Open from workspace").click()
        try:
            tab.get_by_role("heading", name=heading).wait_for(timeout=30_000)
            return
        except PlaywrightTimeout:
            if attempt:
                raise


def _choose(tab: Page, label: str, option: str | int) -> None:
    """Pick `option` (its text, or its position) in the selectbox labelled `label`."""
    select = tab.get_by_label(label, exact=True).first
    select.wait_for(timeout=30_000)
    options = tab.get_by_role("option")
    wanted = options.nth(option) if isinstance(option, int) else options.filter(has_text=option)
    for _ in range(3):  # a select clicked while a rerun redraws the page closes again
        _settle(tab)
        select.click()
        try:
            wanted.first.wait_for(timeout=10_000)
            break
        except PlaywrightTimeout:
            tab.keyboard.press("Escape")
    wanted.first.click()
    _settle(tab)


def test_the_app_opens_on_the_county_example_and_the_map_draws(page: Page):
    assert page.get_by_role("heading", name="Harrowdale Best Start Partnership").is_visible()
    _shoot(page, "home")
    _go(page, "Map")
    frame = _map_frame(page)
    drawn = page.frames[-1].wait_for_function("window.mapReady === true", timeout=30_000)
    assert drawn
    # the canvas has pixels that are not background: something was drawn
    inked = page.frames[-1].evaluate("""() => {
        const c = document.querySelector('#network canvas');
        const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
        let n = 0; for (let i = 0; i < d.length; i += 4) if (d[i] < 200) n++; return n; }""")
    assert inked > 1000
    assert frame.get_by_text("local authority").first.is_visible()
    page.get_by_text("Presentation mode").click()  # as a facilitator would, for the wall
    _settle(page)
    _map_frame(page)
    page.frames[-1].wait_for_function("window.mapReady === true", timeout=30_000)
    page.locator("iframe").first.scroll_into_view_if_needed()
    page.wait_for_timeout(500)
    _shoot(page, "map", readme=True)


def test_the_findings_page_shows_recommendations(page: Page):
    _go(page, "Findings")
    page.get_by_text("What to do:").first.wait_for(timeout=30_000)
    page.get_by_role("heading", name="Action plan").wait_for(timeout=30_000)
    _shoot(page, "findings", readme=True)


@pytest.mark.parametrize("width, height", [(1280, 720), (1920, 1080)])
def test_the_findings_page_reads_on_a_projector(
    browser: Browser, server: str, width: int, height: int
):
    """Findings at a projector's sizes: each kind's first findings with what to do, and one
    finding's evidence opened on request. Screenshots for a person to look at."""
    context = browser.new_context(viewport={"width": width, "height": height})
    tab = context.new_page()
    tab.goto(server)
    tab.get_by_text("Person-hours of meetings a year").wait_for(timeout=60_000)
    _go(tab, "Findings")
    tab.get_by_text("What to do:").first.wait_for(timeout=60_000)
    _settle(tab)
    size = tab.get_by_text("What to do:").first.evaluate(
        "e => parseFloat(getComputedStyle(e).fontSize)"
    )
    assert size >= 16  # readable at the back of a room
    assert tab.get_by_text("Guidance:").count() == 0  # no evidence until asked
    ARTIFACTS.mkdir(exist_ok=True)
    tab.screenshot(path=str(ARTIFACTS / f"findings-{width}x{height}.png"))
    tab.get_by_role("button", name="Show the evidence").first.click()
    tab.get_by_text("Guidance:").first.wait_for(timeout=30_000)
    _settle(tab)
    tab.get_by_role("button", name="Show on the map").first.scroll_into_view_if_needed()
    tab.wait_for_timeout(300)
    tab.screenshot(path=str(ARTIFACTS / f"findings-evidence-{width}x{height}.png"))
    context.close()


CUT_LABELS = """() => [...document.querySelectorAll('button')].filter(b => b.offsetParent)
  .flatMap(b => [b, ...b.querySelectorAll('*')]
    .filter(e => e.scrollWidth > e.clientWidth + 1 && e.clientWidth > 0
      && getComputedStyle(e).textOverflow === 'ellipsis')
    .map(() => b.innerText.trim()))"""


def test_no_button_label_is_cut_short_on_a_projector(browser: Browser, server: str):
    """At 1280x720 every button on every page reads whole: a label cut with "..." (three
    download buttons to a row did that on the Import page) is a button nobody can choose."""
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    tab = context.new_page()
    tab.goto(server)
    tab.get_by_text("Person-hours of meetings a year").wait_for(timeout=60_000)
    links = tab.get_by_test_id("stSidebarNav").get_by_role("link").all_inner_texts()
    titles = [text.split("\n")[-1].strip() for text in links]  # after the page's icon
    assert len(titles) >= 10
    cut = {}
    for title in titles:
        _go(tab, title)
        _settle(tab)
        tab.wait_for_timeout(1_000)
        if found := tab.evaluate(CUT_LABELS):
            cut[title] = sorted(set(found))
    assert cut == {}
    context.close()


@pytest.mark.parametrize("width, height", [(1280, 720), (1920, 1080)])
def test_the_meetings_page_reads_on_a_projector(
    browser: Browser, server: str, width: int, height: int
):
    """Meetings at a projector's sizes: who sits where opens on the people who link meetings,
    and the load chart gives every one of its 25 bars a row tall enough for its label.
    Screenshots for a person to look at."""
    context = browser.new_context(viewport={"width": width, "height": height})
    tab = context.new_page()
    tab.goto(server)
    tab.get_by_text("Person-hours of meetings a year").wait_for(timeout=60_000)
    _go(tab, "Meetings")
    tab.get_by_text("people and").first.wait_for(timeout=60_000)
    _settle(tab)
    tab.get_by_text("Only people in 2+ meetings").wait_for(timeout=30_000)  # the default filter
    ARTIFACTS.mkdir(exist_ok=True)
    tab.screenshot(path=str(ARTIFACTS / f"meetings-{width}x{height}.png"))
    tab.get_by_role("tab", name="Meeting load").click()
    chart = tab.locator("[data-testid='stVegaLiteChart']").first
    chart.wait_for(timeout=30_000)
    _settle(tab)
    box = chart.bounding_box()
    assert box is not None and box["height"] >= 25 * 28  # a row of its own for every bar
    tab.screenshot(path=str(ARTIFACTS / f"meetings-load-{width}x{height}.png"))
    context.close()


@pytest.mark.parametrize("width, height", [(1280, 720), (1920, 1080)])
def test_the_stakeholders_page_reads_on_a_projector(
    browser: Browser, server: str, width: int, height: int
):
    """The grid of a map that rates its stakeholders, at a projector's sizes: drawn whole,
    its labels at least 14 pixels high on the screen; and the note of a map that rates no
    one. Screenshots for a person to look at."""
    context = browser.new_context(viewport={"width": width, "height": height})
    tab = context.new_page()
    tab.goto(server)
    tab.get_by_text("Person-hours of meetings a year").wait_for(timeout=60_000)
    _go(tab, "Stakeholders")  # the county example rates no one: how to record them
    tab.get_by_text("Where to record them").wait_for(timeout=60_000)
    _settle(tab)
    ARTIFACTS.mkdir(exist_ok=True)
    tab.screenshot(path=str(ARTIFACTS / f"stakeholders-none-{width}x{height}.png"))
    tab.get_by_text("In a map file").scroll_into_view_if_needed()
    tab.wait_for_timeout(300)
    tab.screenshot(path=str(ARTIFACTS / f"stakeholders-none-below-{width}x{height}.png"))
    _go(tab, "Home")
    _open_from_workspace(tab, "Eastmere Family Hubs Partnership", "stakeholders.yaml")
    _go(tab, "Stakeholders")
    grid = tab.locator("[data-testid='stImage'] img").first
    grid.wait_for(timeout=60_000)
    _settle(tab)
    shown, drawn = grid.evaluate("i => [i.clientWidth, i.naturalWidth]")
    label_px = LABEL_PT / 72 * SCREEN_DPI * shown / drawn  # as high as the text beside it
    assert label_px >= 16, label_px
    box = grid.bounding_box()
    assert box and box["x"] >= 0 and box["x"] + box["width"] <= width  # none of it cut off
    if height >= 1080:  # on a large screen, the whole grid and its key without scrolling
        assert box["y"] + box["height"] <= height, box
    tab.screenshot(path=str(ARTIFACTS / f"stakeholders-{width}x{height}.png"))
    # The app scrolls inside its main block: each part in view in turn, as a person scrolls.
    for part, where in (
        ("legend", tab.get_by_role("button", name="Download the grid as PNG")),
        ("findings", tab.get_by_role("heading", name="What the map shows about them")),
        ("table", tab.locator("[data-testid='stDataFrame']").first),
    ):
        where.scroll_into_view_if_needed()
        tab.wait_for_timeout(300)
        tab.screenshot(path=str(ARTIFACTS / f"stakeholders-{part}-{width}x{height}.png"))
    context.close()


def _edit_people_of_the_workspace_map(tab: Page) -> None:
    """Open ours.yaml from the workspace folder and go to the people form."""
    _open_from_workspace(tab, "Northbridge Best Start Partnership")
    _go(tab, "Edit")
    tab.get_by_text("People", exact=True).click()
    tab.get_by_label("Choose a person").first.wait_for(timeout=30_000)
    _settle(tab)  # the organisation form's fields are gone once the run has finished
    tab.wait_for_function("document.querySelectorAll('input[aria-label=\"Name\"]').length === 1")


def test_a_person_added_through_the_form_is_saved_and_found_after_a_reload(
    page: Page, server: str, workspace: Path
):
    _edit_people_of_the_workspace_map(page)
    page.get_by_label("Name", exact=True).fill("Zoë Brightwater")
    page.get_by_label("Name", exact=True).press("Enter")
    _settle(page)
    _choose(page, "Level *", "practitioner")
    _choose(page, "Organisation", 1)  # the first organisation, after "(none)"
    page.get_by_role("button", name="Save this person").click()
    page.get_by_text("This map has changes that are not saved").wait_for(timeout=30_000)
    page.get_by_role("button", name="Save to").click()
    page.get_by_text("Saved ours.yaml").wait_for(timeout=30_000)
    _shoot(page, "edit-saved")
    assert "Zoë Brightwater" in (workspace / "ours.yaml").read_text(encoding="utf-8")
    # a new session: reload, open the file again, and find her
    page.goto(server)
    page.get_by_text("Person-hours of meetings a year").wait_for(timeout=60_000)
    _edit_people_of_the_workspace_map(page)
    page.get_by_label("Choose a person").first.click()
    page.keyboard.type("Brightwater")  # as a person finds one name among many: by typing it
    found = page.get_by_role("option", name="Zoë Brightwater (zo-brightwater)")
    found.wait_for(timeout=10_000)
    assert found.is_visible()


def test_a_map_full_of_hostile_names_runs_no_script(page: Page):
    page.get_by_text("Choose a map").click()
    page.get_by_role("tab", name="Upload a file").click()
    page.locator("input[type=file]").set_input_files(str(ROOT / "tests" / "data" / "hostile.yaml"))
    page.get_by_role("button", name="Open uploaded file").click()
    page.get_by_text("<script>window.pwned = 1</script> Board").first.wait_for(timeout=30_000)
    for title in ["Map", "Findings", "Meetings", "Edit"]:
        _go(page, title)
        page.wait_for_timeout(1500)
    _go(page, "Map")
    page.get_by_text("People and meetings").click()
    _map_frame(page)
    page.frames[-1].wait_for_function("window.mapReady === true", timeout=30_000)
    page.wait_for_timeout(500)
    _shoot(page, "hostile-map")
    for frame in page.frames:
        assert frame.evaluate("typeof window.pwned") == "undefined"


def test_the_map_downloads_as_a_png_image(page: Page):
    _go(page, "Map")
    frame = _map_frame(page)
    page.frames[-1].wait_for_function("window.mapReady === true", timeout=30_000)
    with page.expect_download(timeout=30_000) as caught:
        frame.get_by_role("button", name="Save PNG").click()
    download = caught.value
    assert download.suggested_filename == "harrowdale-best-start-partnership-organisations.png"
    ARTIFACTS.mkdir(exist_ok=True)
    saved = ARTIFACTS / download.suggested_filename
    download.save_as(saved)
    assert saved.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and saved.stat().st_size > 20_000


def test_a_page_asked_for_first_on_a_fresh_server_goes_through_the_app(
    browser: Browser, workspace: Path
):
    # Streamlit runs the first session's page straight from pages/ before st.navigation has
    # ever run; the page must not show "No map is open" and a list of files
    with _running_app(workspace) as url:
        tab = browser.new_page()
        tab.goto(url + "/edit")
        tab.get_by_text("Person-hours of meetings a year").wait_for(timeout=60_000)
        assert tab.get_by_role("link", name="Edit").is_visible()
        assert tab.get_by_text("session", exact=True).count() == 0
        tab.close()


def test_the_report_downloads_from_the_findings_page_and_fetches_nothing(
    page: Page, browser: Browser
):
    _go(page, "Findings")
    page.get_by_role("heading", name="Report for the board").wait_for(timeout=30_000)
    with page.expect_download(timeout=60_000) as caught:
        page.get_by_role("button", name="Download the report (HTML, opens offline)").click()
    download = caught.value
    assert download.suggested_filename == "harrowdale-best-start-partnership-report.html"
    ARTIFACTS.mkdir(exist_ok=True)
    saved = ARTIFACTS / download.suggested_filename
    download.save_as(saved)
    # Open the report as a person would, from disk, and check it asks for nothing.
    context = browser.new_context(viewport={"width": 1200, "height": 1600})
    report = context.new_page()
    requests: list[str] = []
    report.on("request", lambda r: requests.append(r.url))
    report.goto(saved.as_uri())
    report.get_by_role("heading", name="Summary").wait_for(timeout=30_000)
    images = report.evaluate("() => [...document.images].map(i => i.naturalWidth)")
    assert len(images) == 4 and all(width > 500 for width in images)  # all four drawn
    _shoot(report, "report", readme=True)
    context.close()
    assert [u for u in requests if not u.startswith(("file:", "data:"))] == []
    with page.expect_download(timeout=90_000) as caught:
        page.get_by_role("button", name="Download the report (PDF)").click()
    pdf = ARTIFACTS / caught.value.suggested_filename
    caught.value.save_as(pdf)
    assert pdf.read_bytes()[:5] == b"%PDF-"


def test_spreadsheets_with_a_mistake_are_refused_row_by_row(page: Page, tmp_path: Path):
    templates = ROOT / "examples" / "templates"
    for source in templates.glob("*.csv"):
        data = source.read_bytes()
        if source.name == "people.csv":
            data = data.replace(b",strategic,", b",strat,", 1)
        (tmp_path / source.name).write_bytes(data)
    _go(page, "Import")
    page.get_by_role("heading", name="Import from spreadsheets").wait_for(timeout=30_000)
    page.locator("input[type=file]").set_input_files(sorted(tmp_path.glob("*.csv")))
    page.get_by_text("people.csv").first.wait_for(timeout=30_000)
    _settle(page)
    page.get_by_role("button", name="Read the spreadsheets").click()
    page.get_by_text("1 problem: nothing was imported").wait_for(timeout=30_000)
    _settle(page)
    _shoot(page, "import-problems")
