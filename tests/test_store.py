"""The Store protocol: every implementation keeps the same promises (see mapper/store.py).

`Backend` says how to make a store, a second handle on the same maps (another session or
process), and how to take a map away behind the store's back; a second store (a database)
adds its own Backend to BACKENDS and passes the same suite. The folder store's own odd
states (symlinks, read-only files, killed saves) are in test_workspace.py and
test_hardening_saves.py."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from mapper import MapperError, parse_map
from mapper.errors import FileGone, SaveConflict
from mapper.store import FolderStore, Store
from tests.conftest import MINIMAL


def renamed(name: str):
    return parse_map(MINIMAL.replace("Test partnership", name))


@dataclass
class Backend:
    store: Store
    twin: Callable[[], Store]  # another handle on the same maps
    remove: Callable[[str], None]  # someone deletes or moves the map
    change: Callable[[str, str], None]  # someone else writes the map (as text) directly


def folder_backend(tmp_path: Path) -> Backend:
    folder = tmp_path / "workspace"
    return Backend(
        FolderStore(folder),
        lambda: FolderStore(folder),
        lambda name: (folder / name).unlink(),
        lambda name, text: (folder / name).write_text(text, encoding="utf-8"),
    )


BACKENDS = {"folder": folder_backend}


@pytest.fixture(params=list(BACKENDS))
def backend(request: pytest.FixtureRequest, tmp_path: Path) -> Backend:
    return BACKENDS[request.param](tmp_path)


class TestEveryStore:
    def test_it_is_a_store(self, backend: Backend):
        assert isinstance(backend.store, Store)

    def test_a_saved_map_opens_as_saved_with_its_version(self, backend: Backend):
        store = backend.store
        assert store.names() == [] and store.version_of("ours.yaml") is None
        version = store.save("ours.yaml", renamed("First"), None)
        opened = store.open("ours.yaml")
        assert (opened.name, opened.partnership, opened.version) == (
            "ours.yaml",
            renamed("First"),
            version,
        )
        assert store.version_of("ours.yaml") == version
        assert store.history("ours.yaml") == []

    def test_the_list_holds_the_saved_maps_by_name(self, backend: Backend):
        for name in ["b.yaml", "A.yml", "c.yaml"]:
            backend.store.save(name, renamed(name), None)
        assert backend.store.names() == ["A.yml", "b.yaml", "c.yaml"]
        assert backend.twin().names() == ["A.yml", "b.yaml", "c.yaml"]

    def test_a_name_it_would_not_list_is_refused_and_nothing_saved(self, backend: Backend):
        store = backend.store
        for name in ["", ".hidden.yaml", "notes.txt", "../out.yaml", "CON.yaml"]:
            assert store.name_problem(name)
            with pytest.raises(MapperError):
                store.save(name, renamed("Nowhere"), None)
        assert store.names() == []
        assert store.name_problem(store.name_for("Riverside Family Hubs")) is None

    def test_saving_keeps_each_version_it_replaces_newest_first(self, backend: Backend):
        store = backend.store
        version = store.save("m.yaml", renamed("v1"), None)
        version = store.save("m.yaml", renamed("v2"), version)
        store.save("m.yaml", renamed("v3"), version)
        history = store.history("m.yaml")
        assert [store.open_version("m.yaml", v.id).name for v in history] == ["v2", "v1"]
        assert history[0].saved_at >= history[1].saved_at
        assert store.history_where("m.yaml")

    def test_a_map_someone_else_saved_since_is_not_overwritten(self, backend: Backend):
        store, other = backend.store, backend.twin()
        version = store.save("m.yaml", renamed("Mine"), None)
        opened = other.open("m.yaml")
        assert opened.version == version
        other.save("m.yaml", renamed("Theirs"), opened.version)
        with pytest.raises(SaveConflict, match="changed by someone else"):
            store.save("m.yaml", renamed("Mine again"), version)
        assert store.open("m.yaml").partnership.name == "Theirs"

    def test_a_change_made_outside_the_store_is_a_conflict_too(self, backend: Backend):
        version = backend.store.save("m.yaml", renamed("Mine"), None)
        backend.change("m.yaml", MINIMAL.replace("Test partnership", "Edited by hand"))
        with pytest.raises(SaveConflict):
            backend.store.save("m.yaml", renamed("Mine again"), version)
        assert backend.store.open("m.yaml").partnership.name == "Edited by hand"

    def test_a_new_map_never_replaces_one_of_the_same_name(self, backend: Backend):
        backend.store.save("m.yaml", renamed("Theirs"), None)
        with pytest.raises(SaveConflict, match="already exists"):
            backend.twin().save("m.yaml", renamed("Mine"), None)
        assert backend.store.open("m.yaml").partnership.name == "Theirs"

    def test_a_map_removed_since_it_was_opened_is_said_so_and_can_be_put_back(
        self, backend: Backend
    ):
        version = backend.store.save("m.yaml", renamed("First"), None)
        backend.remove("m.yaml")
        with pytest.raises(FileGone, match="deleted or moved"):
            backend.store.save("m.yaml", renamed("Mine"), version)
        assert backend.store.version_of("m.yaml") is None
        backend.store.save("m.yaml", renamed("Mine"), None)  # "save it again as new"
        assert backend.store.open("m.yaml").partnership.name == "Mine"

    def test_opening_a_missing_map_is_a_message(self, backend: Backend):
        with pytest.raises(MapperError):
            backend.store.open("missing.yaml")
        with pytest.raises(MapperError):
            backend.store.open("../etc/passwd")

    def test_an_earlier_version_is_restored_and_the_one_it_replaces_kept(self, backend: Backend):
        store = backend.store
        first = store.save("m.yaml", renamed("First"), None)
        second = store.save("m.yaml", renamed("Second"), first)
        [earlier] = store.history("m.yaml")
        restored = store.restore("m.yaml", earlier.id, second)
        assert store.open("m.yaml").partnership.name == "First"
        assert store.version_of("m.yaml") == restored
        names = [store.open_version("m.yaml", v.id).name for v in store.history("m.yaml")]
        assert names == ["Second", "First"]

    def test_a_restore_over_a_newer_save_is_refused(self, backend: Backend):
        store = backend.store
        first = store.save("m.yaml", renamed("First"), None)
        store.save("m.yaml", renamed("Second"), first)
        [earlier] = store.history("m.yaml")
        with pytest.raises(SaveConflict):
            store.restore("m.yaml", earlier.id, first)  # opened before "Second" was saved
        with pytest.raises(MapperError):
            store.restore("m.yaml", "not-a-version", store.version_of("m.yaml"))
        assert store.open("m.yaml").partnership.name == "Second"

    def test_sessions_saving_at_once_one_wins_and_the_others_are_told(self, backend: Backend):
        version = backend.store.save("m.yaml", renamed("Start"), None)
        outcomes: list[str] = []
        barrier = threading.Barrier(6)

        def session(n: int) -> None:
            store = backend.twin()
            barrier.wait()
            try:
                store.save("m.yaml", renamed(f"Session {n}"), version)
                outcomes.append(f"Session {n}")
            except SaveConflict:
                outcomes.append("refused")

        threads = [threading.Thread(target=session, args=(n,)) for n in range(6)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        [winner] = [o for o in outcomes if o != "refused"]
        assert outcomes.count("refused") == 5
        assert backend.store.open("m.yaml").partnership.name == winner

    def test_drafts_are_kept_per_map_and_per_session(self, backend: Backend):
        store = backend.store
        store.keep_draft(
            "file:m.yaml", "0011aabb", renamed("One"), source="m.yaml", name="m.yaml", opened=None
        )
        store.keep_draft(
            "file:m.yaml", "2233ccdd", renamed("Two"), source="m.yaml", name="m.yaml", opened=None
        )
        store.keep_draft(
            "file:m.yaml",
            "0011aabb",
            renamed("One again"),
            source="m.yaml",
            name="m.yaml",
            opened=None,
        )
        store.keep_draft(
            "example:x", "0011aabb", renamed("Example"), source="x", name=None, opened=None
        )
        drafts = backend.twin().drafts()
        assert sorted(d.partnership().name for d in drafts) == ["Example", "One again", "Two"]
        assert {(d.key, d.map_name) for d in drafts} == {
            ("file:m.yaml", "m.yaml"),
            ("example:x", None),
        }
        assert store.count_drafts() == 3
        assert store.count_drafts(("file:m.yaml", "0011aabb")) == 2
        store.drop_own_draft("file:m.yaml", "0011aabb")
        [two] = [d for d in store.drafts() if d.key == "file:m.yaml"]
        assert two.owner == "2233ccdd"
        store.drop_draft(two)
        assert [d.key for d in store.drafts()] == ["example:x"]

    def test_a_draft_says_when_its_map_was_saved_since(self, backend: Backend):
        store = backend.store
        version = store.save("m.yaml", renamed("Mine"), None)
        store.keep_draft(
            "file:m.yaml",
            "0011aabb",
            renamed("Draft"),
            source="m.yaml",
            name="m.yaml",
            opened=version,
        )
        [draft] = store.drafts()
        assert draft.opened_digest == version and store.draft_since(draft) is None
        backend.twin().save("m.yaml", renamed("Theirs"), version)
        assert "has been saved since" in store.draft_since(store.drafts()[0])
        backend.remove("m.yaml")
        assert "deleted or moved" in store.draft_since(store.drafts()[0])


def test_the_folder_store_is_the_workspace_folder(tmp_path: Path):
    store = FolderStore(tmp_path)
    store.save("ours.yaml", renamed("Ours"), None)
    assert (tmp_path / "ours.yaml").is_file()
    assert store.location("ours.yaml") == str(tmp_path / "ours.yaml")
    assert store.history_where("ours.yaml") == str(tmp_path / ".history" / "ours.yaml")
    assert FolderStore(tmp_path) == store and FolderStore(tmp_path / "x") != store
    assert store.name_for("Harrowdale Best Start") == "harrowdale-best-start.yaml"


def test_a_restored_version_comes_back_byte_for_byte(tmp_path: Path):
    store = FolderStore(tmp_path)
    (tmp_path / "m.yaml").write_text("# written by hand\n\n" + MINIMAL, encoding="utf-8")
    original = (tmp_path / "m.yaml").read_bytes()
    store.save("m.yaml", renamed("Second"), store.version_of("m.yaml"))
    [earlier] = store.history("m.yaml")
    store.restore("m.yaml", earlier.id, store.version_of("m.yaml"))
    assert (tmp_path / "m.yaml").read_bytes() == original


def test_a_store_in_a_folder_that_cannot_be_made_says_so(tmp_path: Path):
    (tmp_path / "file").write_text("not a folder", encoding="utf-8")
    store = FolderStore(tmp_path / "file" / "maps")
    assert store.names() == []
    with pytest.raises(MapperError, match="Nothing was saved"):
        store.save("m.yaml", renamed("Nowhere"), None)
