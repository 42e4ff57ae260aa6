"""The typed app state (mapper/app_state.py) without Streamlit, and the lines the pages keep
around it: no page touches st.session_state, and what is derived from a map is worked out
once per content of the map."""

from __future__ import annotations

import ast
import re
import threading
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

import mapper.app_state
import mapper.findings
from mapper import MapperError, Partnership, parse_map
from mapper.app_state import AppState, Pending
from mapper.store import FolderStore
from tests.conftest import MINIMAL, ROOT

PAGES = ROOT / "pages"
APP = str(ROOT / "streamlit_app.py")


def renamed(name: str):
    return parse_map(MINIMAL.replace("Test partnership", name))


@pytest.fixture
def state(tmp_path: Path) -> AppState:
    store = FolderStore(tmp_path)
    store.save("ours.yaml", renamed("Ours"), None)
    opened = store.open("ours.yaml")
    state = AppState(store=store)
    state.show(
        opened.partnership, "ours.yaml", store=store, name="ours.yaml", version=opened.version
    )
    return state


# The lines the pages keep


def test_no_page_touches_the_session_state_but_the_binding():
    touching = {
        path.name
        for path in [*PAGES.glob("*.py"), ROOT / "streamlit_app.py"]
        if path.name != "session.py"
        and re.search(r"\bsession_state\b", path.read_text(encoding="utf-8"))
    }
    assert touching == set()


def test_the_binding_keeps_one_session_key():
    text = (PAGES / "session.py").read_text(encoding="utf-8")
    keys = set(re.findall(r"session_state\[\s*\"(\w+)\"", text))
    keys |= set(re.findall(r"session_state\.(?!get|setdefault|pop)(\w+)", text))
    assert keys == set()  # only STATE and the pages' own widget keys, passed by name


def test_no_page_calls_the_workspace_or_drafts_modules_directly():
    for path in [*PAGES.glob("*.py"), ROOT / "streamlit_app.py"]:
        imported = {
            node.module
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
            if isinstance(node, ast.ImportFrom)
        }
        assert not imported & {"mapper.workspace", "mapper.drafts"}, path.name
        if path.name != "session.py":  # the binding alone chooses which store it is
            assert "FolderStore" not in path.read_text(encoding="utf-8"), path.name


def test_the_diagnosis_is_asked_for_in_one_method():
    for path in [*PAGES.glob("*.py"), ROOT / "streamlit_app.py"]:
        assert not re.search(r"\bdiagnose\b", path.read_text(encoding="utf-8")), path.name
    tree = ast.parse((ROOT / "mapper" / "app_state.py").read_text(encoding="utf-8"))
    using = {
        function.name
        for function in ast.walk(tree)
        if isinstance(function, ast.FunctionDef)
        for node in ast.walk(function)
        if isinstance(node, ast.Name) and node.id == "diagnose"
    }
    assert using == {"diagnosis"}


# What is derived, once per content


def test_derived_things_are_worked_out_once_per_content(state: AppState):
    calls: list[str] = []

    def work(p):
        calls.append(p.name)
        return len(p.people)

    assert state.derived("people", work) == state.derived("people", work) == 2
    assert calls == ["Ours"]
    state.partnership = parse_map(MINIMAL.replace("Test partnership", "Ours"))  # same content
    assert state.derived("people", work) == 2 and calls == ["Ours"]
    state.change(renamed("Changed"))
    assert state.derived("people", work) == 2 and calls == ["Ours", "Changed"]


def test_a_filter_change_on_the_findings_page_diagnoses_nothing_again(
    monkeypatch: pytest.MonkeyPatch,
):
    calls: list[str] = []
    real = mapper.findings._detect

    def counted(analysis):
        calls.append(analysis.partnership.name)
        return real(analysis)

    monkeypatch.setattr(mapper.findings, "_detect", counted)
    monkeypatch.setattr(mapper.app_state, "_ANALYSES", type(mapper.app_state._ANALYSES)())
    at = AppTest.from_file(APP, default_timeout=90)
    at.run()
    at.switch_page("pages/findings.py").run()
    next(m for m in at.multiselect if m.label == "Severity").set_value(["high"]).run()
    at.switch_page("pages/map.py").run()
    assert not at.exception
    assert calls == ["Harrowdale Best Start Partnership"]


def test_sessions_showing_the_same_map_share_one_analysis(monkeypatch: pytest.MonkeyPatch):
    """Twelve people opening the county example make one diagnosis, not twelve; another
    content is analysed on its own."""
    calls: list[str] = []
    real = mapper.findings._detect
    monkeypatch.setattr(
        mapper.findings, "_detect", lambda a: calls.append(a.partnership.name) or real(a)
    )
    monkeypatch.setattr(mapper.app_state, "_ANALYSES", type(mapper.app_state._ANALYSES)())
    first, second = AppTest.from_file(APP, default_timeout=90), AppTest.from_file(APP)
    for session in (first, second):
        session.run()
        session.switch_page("pages/findings.py").run()
        assert not session.exception
    assert calls == ["Harrowdale Best Start Partnership"]
    other = mapper.app_state.shared_analysis("another content", parse_map(MINIMAL))
    assert other is not mapper.app_state.shared_analysis(
        next(iter(mapper.app_state._ANALYSES))[0], parse_map(MINIMAL)
    )


def test_sessions_opening_the_same_file_share_one_reading(monkeypatch: pytest.MonkeyPatch):
    """Every session opens the county example first: two sessions read it once, and are
    given the same map; each still has its own state."""
    import pages.session

    calls: list[str] = []
    real = pages.session.parse_map
    monkeypatch.setattr(
        pages.session, "parse_map", lambda *a, **k: calls.append(k["filename"]) or real(*a, **k)
    )
    monkeypatch.setattr(mapper.app_state, "_MAPS", mapper.app_state.Kept(8))
    first, second = AppTest.from_file(APP, default_timeout=90), AppTest.from_file(APP)
    for session in (first, second):
        session.run()
        assert not session.exception
    assert calls == ["county.yaml"]
    ours, theirs = first.session_state["app"], second.session_state["app"]
    assert ours is not theirs and ours.partnership is theirs.partnership
    assert ours.draft_owner != theirs.draft_owner


def test_a_file_is_read_once_per_content_and_a_failure_is_not_kept(
    monkeypatch: pytest.MonkeyPatch,
):
    monkeypatch.setattr(mapper.app_state, "_MAPS", mapper.app_state.Kept(8))
    calls: list[bytes] = []

    def parse(source: bytes):
        calls.append(source)
        if source == b"broken":
            raise MapperError("cannot read it")
        return parse_map(source)

    one, other = MINIMAL.encode(), MINIMAL.replace("Test partnership", "Other").encode()
    assert mapper.app_state.shared_map(one, parse) is mapper.app_state.shared_map(one, parse)
    assert mapper.app_state.shared_map(other, parse).name == "Other"
    for _ in range(2):
        with pytest.raises(MapperError):
            mapper.app_state.shared_map(b"broken", parse)
    assert calls == [one, other, b"broken", b"broken"]


def test_sessions_arriving_together_read_a_file_once(monkeypatch: pytest.MonkeyPatch):
    """Twelve sessions asking for the same file at the same moment: one reads it while the
    others wait for its map."""
    monkeypatch.setattr(mapper.app_state, "_MAPS", mapper.app_state.Kept(8))
    calls: list[str] = []
    together = threading.Barrier(12)
    got: list[Partnership] = []

    def parse(source: bytes) -> Partnership:
        calls.append("read")
        return parse_map(source)

    def session() -> None:
        together.wait()
        got.append(mapper.app_state.shared_map(MINIMAL.encode(), parse))

    threads = [threading.Thread(target=session) for _ in range(12)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert calls == ["read"] and len(got) == 12 and all(m is got[0] for m in got)


def test_sessions_showing_the_same_map_lay_out_a_view_once(monkeypatch: pytest.MonkeyPatch):
    """Where the nodes of a view go (0.5 s for the county example's people) is worked out by
    the first session to draw that view; the next finds it done, and another map has its own."""
    import pages.session

    calls: list[str] = []
    real = pages.session.layout
    monkeypatch.setattr(pages.session, "layout", lambda a, v: calls.append(v) or real(a, v))
    monkeypatch.setattr(mapper.app_state, "_SHARED", mapper.app_state.Kept(64))
    first, second = AppTest.from_file(APP, default_timeout=90), AppTest.from_file(APP)
    for session in (first, second):
        session.run()
        session.switch_page("pages/map.py").run()
        next(r for r in session.segmented_control if r.label == "View").set_value("people").run()
        assert not session.exception
        assert session.get("bidi_component")
    assert calls == ["organisations", "people"]
    other = AppState(store=FolderStore("maps"))
    other.show(parse_map(MINIMAL), "minimal")
    assert other.shared("positions:people", lambda a: a.partnership.name) == "Test partnership"


def test_what_sessions_share_is_worked_out_once_while_they_wait(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(mapper.app_state, "_SHARED", mapper.app_state.Kept(64))
    calls: list[str] = []
    together = threading.Barrier(12)
    states = [AppState(store=FolderStore("maps")) for _ in range(12)]
    for state in states:
        state.show(parse_map(MINIMAL), "minimal")  # twelve copies of one content
    got: list[object] = []

    def work(analysis) -> object:
        calls.append(analysis.partnership.name)
        return object()

    def session(state: AppState) -> None:
        together.wait()
        got.append(state.shared("thing", work))

    threads = [threading.Thread(target=session, args=(s,)) for s in states]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert calls == ["Test partnership"] and all(g is got[0] for g in got)
    assert states[0].shared("another thing", work) is not got[0]


# Opening, changing and saving


def test_a_change_is_kept_as_a_draft_at_once_and_a_save_removes_it(state: AppState):
    state.change(renamed("Edited"))
    assert state.unsaved and state.draft_error is None
    [draft] = state.store.drafts()
    assert draft.partnership().name == "Edited" and state.is_own(draft)
    assert state.offered_drafts() == []  # its own draft is not offered back to itself
    state.save()
    assert state.save_outcome.kind == "success" and "Saved ours.yaml" in state.save_outcome.message
    assert not state.unsaved and state.store.drafts() == []
    assert state.store.open("ours.yaml").partnership.name == "Edited"


def test_another_session_is_offered_the_draft_and_takes_it_over(state: AppState):
    state.change(renamed("Edited"))
    other = AppState(store=state.store)
    opened = state.store.open("ours.yaml")
    other.show(
        opened.partnership, "ours.yaml", store=state.store, name="ours.yaml", version=opened.version
    )
    [offered] = other.offered_drafts()
    other.restore_draft(offered)
    assert other.partnership.name == "Edited" and other.unsaved
    assert [d.owner for d in state.store.drafts()] == [other.draft_owner]
    other.save()
    assert state.store.open("ours.yaml").partnership.name == "Edited"


def test_a_save_over_someone_elses_is_refused_and_said(state: AppState):
    state.change(renamed("Mine"))
    state.store.save("ours.yaml", renamed("Theirs"), state.version)
    state.save()
    assert state.save_outcome.kind == "error"
    assert "changed by someone else" in state.save_outcome.message and state.unsaved
    assert state.store.open("ours.yaml").partnership.name == "Theirs"


def test_a_save_of_a_removed_map_offers_to_put_it_back(state: AppState, tmp_path: Path):
    state.change(renamed("Mine"))
    (tmp_path / "ours.yaml").unlink()
    state.save()
    assert state.save_outcome.kind == "gone"
    state.save(as_new=True)
    assert state.save_outcome.kind == "success"
    assert state.store.open("ours.yaml").partnership.name == "Mine"


def test_a_map_that_is_not_stored_is_saved_under_a_name_in_the_workspace(tmp_path: Path):
    state = AppState(store=FolderStore(tmp_path))
    state.show(renamed("Imported"), "imported spreadsheets")
    assert state.save_target() == (state.store, "imported.yaml")
    state.save("bad name.txt")
    assert state.save_outcome.kind == "error" and "Nothing was saved" in state.save_outcome.message
    state.save("kept.yaml")
    assert state.save_outcome.kind == "success" and state.map_name == "kept.yaml"
    assert state.save_target() == (state.store, "kept.yaml")


def test_opening_another_map_waits_while_changes_are_unsaved(state: AppState):
    waiting = Pending(renamed("Other"), "other.yaml", key="upload:other.yaml")
    state.change(renamed("Edited"))
    assert not state.open_asking(waiting) and state.pending == waiting
    assert state.settle_pending("cancel") is None and state.partnership.name == "Edited"
    state.open_asking(waiting)
    assert state.settle_pending("keep") == waiting
    assert state.partnership.name == "Other" and not state.unsaved and state.pending is None
    assert [d.partnership().name for d in state.store.drafts()] == ["Edited"]


def test_opening_another_map_can_save_first_or_discard(state: AppState):
    state.change(renamed("Edited"))
    state.open_asking(Pending(renamed("Other"), "other.yaml"))
    assert state.settle_pending("save") is not None
    assert state.store.open("ours.yaml").partnership.name == "Edited"
    state.change(renamed("Thrown away"))
    state.open_asking(Pending(renamed("Third"), "third.yaml"))
    state.settle_pending("discard")
    assert state.partnership.name == "Third" and state.store.drafts() == []


def test_a_new_map_gets_a_fresh_draft_owner_and_forgets_the_last_ones_choices(
    state: AppState,
):
    owner = state.draft_owner
    state.kept["map_view"] = "people"
    state.highlight = ("trust",)
    state.show(renamed("Other"), "other.yaml")
    assert state.draft_owner != owner and state.kept == {} and state.highlight == ()
    assert state.map_name is None and not state.stored


def test_a_draft_that_cannot_be_kept_is_said(tmp_path: Path):
    (tmp_path / "file").write_text("not a folder", encoding="utf-8")
    state = AppState(store=FolderStore(tmp_path / "file"))
    state.show(renamed("Ours"), "the example")
    state.change(renamed("Edited"))
    assert state.draft_error and "a reload would lose them" in state.draft_error
