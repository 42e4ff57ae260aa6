"""Saving to the workspace: atomic, with earlier versions kept, and never over someone's work."""

from __future__ import annotations

import multiprocessing
import os
import threading
from pathlib import Path

import pytest

from mapper import MapperError, dump_map, parse_map
from mapper import workspace as ws
from mapper.workspace import SaveConflict, list_maps, map_file_name, open_map, save_map, versions
from tests.conftest import MINIMAL


def renamed(name: str):
    return parse_map(MINIMAL.replace("Test partnership", name))


def test_a_new_map_is_saved_and_reads_back_the_same(tmp_path: Path):
    target = tmp_path / "new.yaml"
    digest = save_map(target, renamed("First"), None)
    opened = open_map(target)
    assert opened.partnership == renamed("First") and opened.digest == digest
    assert versions(target) == []


def test_saving_over_a_map_keeps_the_version_it_replaces(tmp_path: Path):
    target = tmp_path / "m.yaml"
    first = save_map(target, renamed("First"), None)
    second = save_map(target, renamed("Second"), first)
    save_map(target, renamed("Third"), second)
    assert open_map(target).partnership.name == "Third"
    kept = versions(target)
    assert [parse_map(p.read_bytes()).name for p in kept] == ["Second", "First"]


def test_saving_over_a_map_keeps_the_comments_at_its_top(tmp_path: Path):
    target = tmp_path / "m.yaml"
    header = (
        "# yaml-language-server: $schema=../docs/map.schema.json\n#\n# Drafted at the away day\n"
    )
    target.write_text(
        header + "\n" + MINIMAL.replace("version: 1", "version: 1  # a note"), encoding="utf-8"
    )
    digest = save_map(target, renamed("Second"), open_map(target).digest)
    text = target.read_text(encoding="utf-8")
    assert text.startswith(header + "\nversion: 1\n") and "# a note" not in text
    assert open_map(target).partnership == renamed("Second")
    save_map(target, renamed("Third"), digest)
    assert target.read_text(encoding="utf-8").count("Drafted at the away day") == 1


def test_only_the_newest_versions_are_kept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(ws, "KEEP_VERSIONS", 3)
    target = tmp_path / "m.yaml"
    digest = save_map(target, renamed("v0"), None)
    for n in range(1, 7):
        digest = save_map(target, renamed(f"v{n}"), digest)
    assert [parse_map(p.read_bytes()).name for p in versions(target)] == ["v5", "v4", "v3"]


def test_a_file_changed_since_it_was_opened_is_not_overwritten(tmp_path: Path):
    target = tmp_path / "m.yaml"
    save_map(target, renamed("Mine"), None)
    opened = open_map(target)
    target.write_text(dump_map(renamed("Theirs")), encoding="utf-8")  # someone else saves
    with pytest.raises(SaveConflict, match="changed by someone else"):
        save_map(target, renamed("Mine again"), opened.digest)
    assert open_map(target).partnership.name == "Theirs"


def test_a_new_map_never_overwrites_a_file_that_appeared_meanwhile(tmp_path: Path):
    target = tmp_path / "m.yaml"
    target.write_text(dump_map(renamed("Theirs")), encoding="utf-8")
    with pytest.raises(SaveConflict):
        save_map(target, renamed("Mine"), None)
    assert open_map(target).partnership.name == "Theirs"


def test_a_failed_write_leaves_the_old_file_whole_and_no_temporary_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    target = tmp_path / "m.yaml"
    digest = save_map(target, renamed("Safe"), None)
    before = target.read_bytes()

    def disk_full(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(ws.os, "replace", disk_full)
    with pytest.raises(MapperError, match="No space left on device"):  # a message, not a crash
        save_map(target, renamed("Lost"), digest)
    assert target.read_bytes() == before
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_two_sessions_saving_at_once_one_wins_and_the_other_is_told(tmp_path: Path):
    target = tmp_path / "m.yaml"
    digest = save_map(target, renamed("Start"), None)
    outcomes: list[str] = []
    barrier = threading.Barrier(8)

    def session(n: int) -> None:
        barrier.wait()
        try:
            save_map(target, renamed(f"Session {n}"), digest)
            outcomes.append(f"saved {n}")
        except SaveConflict:
            outcomes.append("refused")

    threads = [threading.Thread(target=session, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    saved = [o for o in outcomes if o.startswith("saved")]
    assert len(saved) == 1 and outcomes.count("refused") == 7
    assert open_map(target).partnership.name == f"Session {saved[0].split()[1]}"


def _save_from_another_process(path: str, name: str, digest: str, results) -> None:
    try:
        save_map(path, renamed(name), digest)
        results.put("saved")
    except SaveConflict:
        results.put("refused")


def test_two_processes_saving_at_once_one_wins(tmp_path: Path):
    target = tmp_path / "m.yaml"
    digest = save_map(target, renamed("Start"), None)
    context = multiprocessing.get_context("spawn")
    results = context.Queue()
    workers = [
        context.Process(
            target=_save_from_another_process, args=(str(target), f"Process {n}", digest, results)
        )
        for n in range(4)
    ]
    for w in workers:
        w.start()
    for w in workers:
        w.join(60)
    found = sorted(results.get(timeout=10) for _ in workers)
    assert found == ["refused", "refused", "refused", "saved"]
    assert len(versions(target)) == 1


def test_the_workspace_lists_map_files_only(tmp_path: Path):
    for name in ["b.yaml", "A.yml", ".hidden.yaml", "notes.txt"]:
        (tmp_path / name).write_text("x", encoding="utf-8")
    (tmp_path / "folder.yaml").mkdir()
    assert [p.name for p in list_maps(tmp_path)] == ["A.yml", "b.yaml"]
    assert list_maps(tmp_path / "missing") == []


def test_new_map_names_become_safe_file_names():
    assert map_file_name("Harrowdale Best Start") == "harrowdale-best-start.yaml"
    assert map_file_name("../../etc/passwd") == "etc-passwd.yaml"
    assert map_file_name("Zoë's map") == "zo-s-map.yaml"
    assert map_file_name("***") == "map.yaml"


def test_opening_a_missing_or_oversized_file_says_so(tmp_path: Path):
    with pytest.raises(MapperError, match="no such file"):
        open_map(tmp_path / "gone.yaml")
    big = tmp_path / "big.yaml"
    big.write_bytes(b"#" * 2000)
    with pytest.raises(MapperError, match="the most this tool reads"):
        open_map(big, max_bytes=1000)
    assert os.path.exists(big)


def test_a_save_into_a_missing_or_unwritable_folder_is_refused_and_makes_nothing(tmp_path):
    from mapper import parse_map
    from mapper.errors import MapperError
    from mapper.workspace import save_map
    from tests.conftest import MINIMAL

    partnership = parse_map(MINIMAL)
    missing = tmp_path / "not-there" / "deeper"
    with pytest.raises(MapperError, match="does not exist"):
        save_map(missing / "m.yaml", partnership, None)
    assert not (tmp_path / "not-there").exists()  # filelock made the folders before
    with pytest.raises(MapperError, match="does not let the tool write"):
        save_map("/proc/m.yaml", partnership, None)
