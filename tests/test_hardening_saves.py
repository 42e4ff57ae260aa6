"""Hardening saves (issue 11): unsaved changes survive a reload and opening another map, and
each odd state of the file being saved (deleted, symlinked, read-only, badly named, a killed
save's temporaries) gets the behaviour a person expects. Each test failed before its fix."""

from __future__ import annotations

import os
import stat
import time
from pathlib import Path

import pytest
from filelock import FileLock
from streamlit.testing.v1 import AppTest

from mapper import MapperError, dump_map, parse_map
from mapper import workspace as ws
from mapper.app_state import AppState
from mapper.store import FolderStore
from mapper.workspace import SaveConflict, list_maps, open_map, save_map, versions
from tests.conftest import MINIMAL, ROOT

APP = str(ROOT / "streamlit_app.py")


def renamed(name: str):
    return parse_map(MINIMAL.replace("Test partnership", name))


def leftovers(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*.tmp"))


# A file deleted (or moved) since it was opened


def test_a_file_deleted_since_it_was_opened_is_said_so_and_can_be_saved_again(tmp_path: Path):
    target = tmp_path / "m.yaml"
    first = save_map(target, renamed("First"), None)
    save_map(target, renamed("Second"), first)
    opened = open_map(target)
    target.unlink()  # someone deletes (or moves) it while the map is open
    with pytest.raises(MapperError, match="was deleted or moved after you opened it") as caught:
        save_map(target, renamed("Mine"), opened.digest)
    assert not isinstance(caught.value, SaveConflict) and "someone else" not in str(caught.value)
    assert not target.exists()
    save_map(target, renamed("Mine"), None)  # "save it again as a new file"
    assert open_map(target).partnership.name == "Mine"
    assert [parse_map(p.read_bytes()).name for p in versions(target)] == ["First"]


# A symlinked map: written through to the real file


def test_a_symlinked_map_is_written_through_to_the_real_file(tmp_path: Path):
    shared, workspace = tmp_path / "shared", tmp_path / "workspace"
    shared.mkdir()
    workspace.mkdir()
    real = shared / "real.yaml"
    real.write_text(MINIMAL, encoding="utf-8")
    link = workspace / "ours.yaml"
    link.symlink_to(real)
    opened = open_map(link)
    digest = save_map(link, renamed("Through the link"), opened.digest)
    assert link.is_symlink() and link.resolve() == real
    assert parse_map(real.read_bytes()).name == "Through the link"
    assert open_map(link).digest == digest
    assert [p.parent for p in versions(link)] == [shared / ".history" / "real.yaml"]
    assert parse_map(versions(link)[0].read_bytes()).name == "Test partnership"
    save_map(link, renamed("Again"), digest)  # the hash from the save is the real file's
    assert parse_map(real.read_bytes()).name == "Again" and link.is_symlink()
    assert [p.name for p in list_maps(workspace)] == ["ours.yaml"]
    assert leftovers(tmp_path) == []


def test_a_link_two_names_share_is_one_file_with_one_lock(tmp_path: Path):
    real = tmp_path / "real.yaml"
    real.write_text(MINIMAL, encoding="utf-8")
    (tmp_path / "a.yaml").symlink_to(real)
    (tmp_path / "b.yaml").symlink_to(real)
    opened = open_map(tmp_path / "a.yaml")
    save_map(tmp_path / "b.yaml", renamed("Through b"), opened.digest)
    with pytest.raises(SaveConflict, match="changed by someone else"):
        save_map(tmp_path / "a.yaml", renamed("Through a"), opened.digest)
    assert parse_map(real.read_bytes()).name == "Through b"


# A read-only map: refused, nothing saved


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
def test_a_read_only_map_is_refused_and_nothing_is_saved(tmp_path: Path):
    target = tmp_path / "m.yaml"
    digest = save_map(target, renamed("Kept"), None)
    target.chmod(0o444)
    before = target.read_bytes()
    with pytest.raises(MapperError, match="m.yaml is read-only, so nothing was saved"):
        save_map(target, renamed("Lost"), digest)
    assert target.read_bytes() == before and versions(target) == []
    assert stat.S_IMODE(target.stat().st_mode) == 0o444
    assert leftovers(tmp_path) == []
    with pytest.raises(MapperError, match="read-only"):  # any writer of the workspace
        ws.write_atomically(target, b"x")
    assert target.read_bytes() == before


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
def test_putting_an_earlier_version_back_over_a_read_only_map_is_refused(tmp_path: Path):
    target = tmp_path / "m.yaml"
    digest = save_map(target, renamed("First"), None)
    digest = save_map(target, renamed("Second"), digest)
    target.chmod(0o444)
    [earlier] = versions(target)
    with pytest.raises(MapperError, match="read-only"):
        ws.restore_version(target, earlier.name, digest)
    assert parse_map(target.read_bytes()).name == "Second" and len(versions(target)) == 1
    with pytest.raises(MapperError, match="not an earlier version"):
        ws.restore_version(target, "../m.yaml", digest)


# File names: the list and the accepted names are one rule

REFUSED = {
    ".hidden.yaml": "starts with a dot",
    "notes.txt": "does not end in .yaml",
    "map.yaml.bak": "does not end in .yaml",
    "CON.yaml": "Windows keeps for a device",
    "nul.yml": "Windows keeps for a device",
    "Com3.tasks.yaml": "Windows keeps",
    "a:b.yaml": "character Windows does not allow",
    "why?.yaml": "Windows does not",
    "x" * 200 + ".yaml": "more than the 120",
    " ": "empty",
}


@pytest.mark.parametrize("name", list(REFUSED))
def test_a_name_that_would_not_be_listed_is_refused_with_a_reason(tmp_path: Path, name: str):
    with pytest.raises(MapperError, match=REFUSED[name]):
        save_map(tmp_path / name, renamed("Nowhere"), None)
    assert [p for p in tmp_path.iterdir() if not p.name.endswith(".lock")] == []


def test_a_path_is_not_a_file_name():
    assert "empty" in ws.map_name_problem("")
    assert "is a path, not a file name" in ws.map_name_problem("../elsewhere.yaml")
    assert "is a path, not a file name" in ws.map_name_problem("sub\\map.yaml")


def test_the_list_shows_exactly_the_names_a_save_accepts(tmp_path: Path):
    names = [
        "b.yaml",
        "A.yml",
        "Best Start 2025.YAML",
        ".hidden.yaml",
        "notes.txt",
        "CON.yaml",
        "lpt1.yml",
        "why?.yaml",
        "x" * 130 + ".yaml",
        "console.yaml",
    ]
    for name in names:
        (tmp_path / name).write_text(MINIMAL, encoding="utf-8")
    accepted = {n for n in names if ws.map_name_problem(n) is None}
    assert accepted == {"b.yaml", "A.yml", "Best Start 2025.YAML", "console.yaml"}
    assert {p.name for p in list_maps(tmp_path)} == accepted
    for name in accepted:
        target = tmp_path / name
        save_map(target, renamed("Resaved"), open_map(target).digest)


# Temporary files a killed save left behind


def _left_by_a_killed_save(path: Path, age_seconds: float) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"half a map")
    old = time.time() - age_seconds
    os.utime(path, (old, old))
    return path


def test_temporaries_a_killed_save_left_are_cleared_when_the_folder_is_listed(tmp_path: Path):
    save_map(tmp_path / "ours.yaml", renamed("Ours"), None)
    hour = 3600
    stale = [
        _left_by_a_killed_save(tmp_path / ".ours.yaml.k1ll3d_x.tmp", hour),
        _left_by_a_killed_save(
            tmp_path / ".history" / "ours.yaml" / ".20250101T120000000000Z.yaml.ab12cd34.tmp", hour
        ),
        _left_by_a_killed_save(
            tmp_path / ".drafts" / ".ours-1a2b.0011aabb.json.zz99yy88.tmp", hour
        ),
    ]
    fresh = _left_by_a_killed_save(tmp_path / ".ours.yaml.s4ving00.tmp", 5)  # a save running
    not_ours = _left_by_a_killed_save(tmp_path / "notes.tmp", hour)  # not a save's temporary
    assert [p.name for p in list_maps(tmp_path)] == ["ours.yaml"]
    assert [p.exists() for p in stale] == [False, False, False]
    assert fresh.exists() and not_ours.exists()
    assert all(p.suffix == ".yaml" for p in versions(tmp_path / "ours.yaml"))


def test_a_temporary_of_a_save_holding_its_lock_is_left_alone(tmp_path: Path):
    target = tmp_path / "ours.yaml"
    save_map(target, renamed("Ours"), None)
    slow = _left_by_a_killed_save(tmp_path / ".ours.yaml.sl0wsave.tmp", 3600)
    with FileLock(str(tmp_path / ".ours.yaml.lock")):  # a (very slow) save is still writing
        open_map(target)
        assert slow.exists()
    open_map(target)  # opening a map clears its folder too
    assert not slow.exists()


def test_a_temporary_in_the_history_is_never_a_version(tmp_path: Path):
    target = tmp_path / "ours.yaml"
    digest = save_map(target, renamed("One"), None)
    save_map(target, renamed("Two"), digest)
    history = tmp_path / ".history" / "ours.yaml"
    (history / ".20990101T000000000000Z.yaml.fresh000.tmp").write_text(MINIMAL)
    (history / "notes.yaml").write_text(MINIMAL)  # a person's copy, not a version
    assert [p.name.endswith("Z.yaml") for p in versions(target)] == [True]


# The app: unsaved changes survive a reload (a new session on the same workspace folder)


def session(workspace: Path) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=90)
    at.session_state["app"] = AppState(store=FolderStore(workspace))
    at.run()
    assert not at.exception, at.exception
    return at


def button(at: AppTest, label: str):
    return next(b for b in at.button if b.label == label)


def open_from_workspace(at: AppTest, name: str = "ours.yaml") -> None:
    at.switch_page("pages/home.py").run()
    next(s for s in at.selectbox if s.label == "Map file").set_value(name)
    button(at, "Open from workspace").click()
    at.run()
    assert not at.exception, at.exception


def add_organisation(at: AppTest, name: str) -> None:
    at.switch_page("pages/edit.py").run()
    next(t for t in at.text_input if t.label.rstrip(" *") == "Name").set_value(name)
    at.run()
    button(at, "Save this organisation").click()
    at.run()
    assert not at.exception and at.session_state["app"].unsaved


def offers(at: AppTest) -> list[str]:
    return [
        w.value.replace("\\", "")
        for w in at.warning
        if w.value.startswith("This map has unsaved changes")
    ]


def organisations(at: AppTest) -> set[str]:
    return {o.name for o in at.session_state["app"].partnership.organisations}


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    (tmp_path / "ours.yaml").write_text(MINIMAL, encoding="utf-8")
    return tmp_path


def drafts(folder: Path) -> list[Path]:
    return sorted((folder / ".drafts").glob("*.json"))


def test_unsaved_edits_are_offered_back_after_a_reload_and_restored(workspace: Path):
    first = session(workspace)
    open_from_workspace(first)
    add_organisation(first, "Ashby Trust")
    reloaded = session(workspace)  # the browser reloads: a new session, nothing in memory
    assert any("ours\\.yaml" in i.value for i in reloaded.info)  # named on Home at once
    open_from_workspace(reloaded)
    assert "Ashby Trust" not in organisations(reloaded)
    assert len(offers(reloaded)) == 1 and "Restore them" in [b.label for b in reloaded.button]
    button(reloaded, "Restore them").click()
    reloaded.run()
    assert "Ashby Trust" in organisations(reloaded) and reloaded.session_state["app"].unsaved
    assert offers(reloaded) == []
    reloaded.switch_page("pages/edit.py").run()
    next(b for b in reloaded.button if b.label.startswith("Save to ")).click()
    reloaded.run()
    assert reloaded.success and "Ashby Trust" in (workspace / "ours.yaml").read_text()
    assert drafts(workspace) == []  # saved: no draft left
    assert offers(session(workspace)) == []


def test_unsaved_edits_to_the_example_are_offered_at_once_after_a_reload(tmp_path: Path):
    first = session(tmp_path)
    add_organisation(first, "Drafted Trust")
    assert len(drafts(tmp_path)) == 1  # the example is not a file: kept under its name
    reloaded = session(tmp_path)
    assert len(offers(reloaded)) == 1
    button(reloaded, "Discard them").click()
    reloaded.run()
    assert offers(reloaded) == [] and drafts(tmp_path) == []
    assert "Drafted Trust" not in organisations(reloaded)


def test_an_upload_with_unsaved_changes_is_offered_when_uploaded_again(tmp_path: Path):
    def upload(at: AppTest) -> None:
        at.file_uploader[0].set_value(("mine.yaml", MINIMAL.encode(), "application/x-yaml"))
        at.run()
        button(at, "Open uploaded file").click()
        at.run()

    first = session(tmp_path)
    upload(first)
    add_organisation(first, "Uploaded Trust")
    again = session(tmp_path)
    first_offer = offers(again)
    upload(again)
    assert first_offer == [] and len(offers(again)) == 1
    button(again, "Restore them").click()
    again.run()
    assert "Uploaded Trust" in organisations(again)


def test_two_tabs_on_one_map_keep_a_draft_each(workspace: Path):
    one, two = session(workspace), session(workspace)
    open_from_workspace(one)
    open_from_workspace(two)
    add_organisation(one, "From tab one")
    add_organisation(two, "From tab two")
    assert len(drafts(workspace)) == 2
    third = session(workspace)
    open_from_workspace(third)
    assert len(offers(third)) == 2


def test_a_draft_older_than_the_file_says_so_and_its_save_is_refused(workspace: Path):
    first = session(workspace)
    open_from_workspace(first)
    add_organisation(first, "Ashby Trust")
    (workspace / "ours.yaml").write_text(
        dump_map(parse_map(MINIMAL.replace("Test partnership", "Saved elsewhere"))),
        encoding="utf-8",
    )
    later = session(workspace)
    open_from_workspace(later)
    assert "ours.yaml has been saved since" in offers(later)[0]
    button(later, "Restore them").click()
    later.run()
    later.switch_page("pages/edit.py").run()
    next(b for b in later.button if b.label.startswith("Save to ")).click()
    later.run()
    assert any("changed by someone else" in e.value for e in later.error)
    assert open_map(workspace / "ours.yaml").partnership.name == "Saved elsewhere"


# The app: opening another map while this one has unsaved changes asks first


def ask_to_open_the_example(at: AppTest) -> None:
    at.switch_page("pages/home.py").run()
    button(at, "Open example").click()
    at.run()
    assert not at.exception


def test_opening_another_map_asks_first_and_keeping_a_draft_offers_it_back(workspace: Path):
    at = session(workspace)
    open_from_workspace(at)
    add_organisation(at, "Ashby Trust")
    ask_to_open_the_example(at)
    asked = [w.value for w in at.warning if "has changes that are not saved yet" in w.value]
    assert asked and "saving them first writes them to **ours\\.yaml**" in asked[0]
    assert at.title[0].value == "Test partnership"  # nothing opened yet
    button(at, "Keep them as a draft").click()
    at.run()
    assert at.title[0].value == "Harrowdale Best Start Partnership"
    assert not at.session_state["app"].unsaved
    open_from_workspace(at)
    assert len(offers(at)) == 1
    button(at, "Restore them").click()
    at.run()
    assert "Ashby Trust" in organisations(at)


def test_opening_another_map_can_save_first_discard_or_cancel(workspace: Path):
    at = session(workspace)
    open_from_workspace(at)
    add_organisation(at, "Ashby Trust")
    ask_to_open_the_example(at)
    button(at, "Stay on this map").click()
    at.run()
    assert at.title[0].value == "Test partnership" and at.session_state["app"].unsaved
    ask_to_open_the_example(at)
    button(at, "Save them first").click()
    at.run()
    assert at.title[0].value == "Harrowdale Best Start Partnership"
    assert "Ashby Trust" in (workspace / "ours.yaml").read_text() and drafts(workspace) == []
    open_from_workspace(at)
    add_organisation(at, "Brook Trust")
    ask_to_open_the_example(at)
    button(at, "Discard them").click()
    at.run()
    assert at.title[0].value == "Harrowdale Best Start Partnership" and drafts(workspace) == []
    assert "Brook Trust" not in (workspace / "ours.yaml").read_text()


# The app: the saving behaviours as the save panel shows them


def test_the_app_offers_to_save_a_deleted_file_again(workspace: Path):
    at = session(workspace)
    open_from_workspace(at)
    add_organisation(at, "Ashby Trust")
    (workspace / "ours.yaml").unlink()
    next(b for b in at.button if b.label.startswith("Save to ")).click()
    at.run()
    assert any("deleted or moved after you opened it" in e.value for e in at.error)
    assert not any("someone else" in e.value for e in at.error)
    button(at, "Save it again as a new file").click()
    at.run()
    assert at.success and "Ashby Trust" in (workspace / "ours.yaml").read_text()


def test_the_save_panel_refuses_a_name_the_list_would_not_show(tmp_path: Path):
    at = session(tmp_path)
    add_organisation(at, "Ashby Trust")  # the example: not a file yet, so a name is asked
    for name in [".hidden.yaml", "notes.txt", "CON.yaml"]:
        next(t for t in at.text_input if t.label == "File name").set_value(name)
        at.run()
        assert any(e.value.startswith("Choose another file name") for e in at.error), name
        assert next(b for b in at.button if b.label.startswith("Save to ")).disabled
    assert list(tmp_path.glob("*.yaml")) == [] and list(tmp_path.glob("*.txt")) == []
