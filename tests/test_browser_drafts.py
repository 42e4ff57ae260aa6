"""Unsaved changes survive a browser reload, in a real browser: edit a workspace map, reload
the page (a new session), find the changes offered back on Home and restore them; then ask to
open another map and see the confirmation. Screenshots of both, at 1280x720 and 1920x1080, go
to `test-artifacts/`. Starts the app as tests/test_browser.py does."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.test_browser import (  # noqa: F401
    ARTIFACTS,
    _go,
    _open_from_workspace,
    _running_app,
    _settle,
    browser,
)

SIZES = [(1280, 720), (1920, 1080)]


@pytest.fixture(scope="module")
def drafts_workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("drafts-workspace")
    shutil.copy(ROOT / "examples" / "small.yaml", folder / "ours.yaml")
    return folder


@pytest.fixture(scope="module")
def drafts_server(drafts_workspace: Path) -> Iterator[str]:
    with _running_app(drafts_workspace) as url:
        yield url


def _shoot_sizes(tab, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    for width, height in SIZES:
        tab.set_viewport_size({"width": width, "height": height})
        tab.wait_for_timeout(600)
        tab.evaluate("window.scrollTo(0, 0)")
        tab.screenshot(path=str(ARTIFACTS / f"{name}-{width}x{height}.png"))
    tab.set_viewport_size({"width": SIZES[0][0], "height": SIZES[0][1]})


def _tab(tab, name: str) -> None:
    """Show the tab `name` of "Choose a map", opening the expander if it is closed."""
    if not tab.get_by_role("tab", name=name).is_visible():
        tab.get_by_text("Choose a map").click()
    tab.get_by_role("tab", name=name).click()


def _open_ours(tab) -> None:
    _open_from_workspace(tab, "Northbridge Best Start Partnership")
    _settle(tab)


def test_an_edit_survives_a_reload_and_is_restored(
    browser,  # noqa: F811 - the fixture imported from test_browser
    drafts_server: str,
    drafts_workspace: Path,
):
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    tab = context.new_page()
    tab.goto(drafts_server)
    tab.get_by_text("Person-hours of meetings a year").wait_for(timeout=120_000)
    _open_ours(tab)
    _go(tab, "Edit")
    tab.get_by_label("Name", exact=True).fill("Zoë Drafted Trust")
    tab.get_by_label("Name", exact=True).press("Enter")
    _settle(tab)
    tab.get_by_role("button", name="Save this organisation").click()
    tab.get_by_text("This map has changes that are not saved").wait_for(timeout=30_000)
    assert list((drafts_workspace / ".drafts").glob("*.json"))

    tab.reload()  # a new session on the Edit page: nothing of the old one is in memory
    tab.get_by_text("Unsaved changes are kept from 1 earlier session").wait_for(timeout=120_000)
    _go(tab, "Home")
    tab.get_by_text("Person-hours of meetings a year").wait_for(timeout=120_000)
    tab.get_by_text("Unsaved changes are also kept for ours.yaml").wait_for(timeout=30_000)
    _open_ours(tab)
    tab.get_by_text("This map has unsaved changes from").wait_for(timeout=30_000)
    _shoot_sizes(tab, "draft-offered")
    tab.get_by_role("button", name="Restore them").click()
    tab.get_by_text("Unsaved changes (kept as a draft meanwhile)").wait_for(timeout=30_000)
    _settle(tab)
    organisations = tab.get_by_test_id("stMetric").filter(has_text="Organisations")
    assert organisations.get_by_test_id("stMetricValue").inner_text() == "8"  # 7 and hers
    assert tab.get_by_text("This map has unsaved changes from").count() == 0

    _tab(tab, "Example")
    tab.get_by_role("button", name="Open example").click()
    tab.get_by_text("has changes that are not saved yet").wait_for(timeout=30_000)
    _settle(tab)
    _shoot_sizes(tab, "draft-confirm-open")
    tab.get_by_role("button", name="Keep them as a draft").click()
    tab.get_by_role("heading", name="Harrowdale Best Start Partnership").wait_for(timeout=60_000)
    drafts = list((drafts_workspace / ".drafts").glob("*.json"))
    assert len(drafts) == 1 and "Zoë Drafted Trust" in drafts[0].read_text(encoding="utf-8")
    context.close()
