"""AppTest of names hidden for the wall (issue 14): with the switch on posts or initials, no
name of the map is in anything any page sends the browser (text, tables, charts, the map's
data), and an edit made so keeps the names in the map. Downloads, which AppTest does not
fetch, are read in the browser (tests/test_browser_names_hidden.py)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from mapper.app_state import AppState
from mapper.edit import add_person, delete_record
from mapper.store import FolderStore
from tests.test_app import APP, PAGES, by_label
from tests.test_pseudonyms import county


def _nodes(node) -> Iterator:
    yield node
    for child in getattr(node, "children", {}).values():
        yield from _nodes(child)


def sent(at: AppTest) -> bytes:
    """Everything the run would send the browser: each element as its message's bytes."""
    return b"".join(
        n.proto.SerializeToString() for n in _nodes(at._tree) if getattr(n, "proto", None)
    )


def names_of(partnership) -> list[bytes]:
    return [p.name.encode() for p in partnership.people if p.name]


def hidden_session(tmp_path: Path, mode: str, *, changed: bool = False) -> AppState:
    """The county example with names hidden; `changed`: with someone added and someone
    removed since it was opened, so that the changes are listed (by name, were they shown)."""
    state = AppState(store=FolderStore(tmp_path))
    state.show(county(), "the county example", key="example:county")
    state.hide_names(mode)
    if changed:
        shown = state.shown
        person = {"name": "Zed Quinn", "organisation": shown.organisations[0].id}
        added = add_person(
            shown, {**person, "level": "operational"}, {shown.meetings[0].id: "member"}
        )
        state.change(added.partnership, added.change)
        chairing = {c for m in state.shown.meetings for c in m.chairs}
        gone = next(p for p in state.shown.people if p.id not in chairing)
        state.change(delete_record(state.shown, "people", gone.id), f"delete {gone.label}")
    return state


@pytest.mark.parametrize("mode", ["posts", "initials"])
def test_no_page_sends_a_name_when_names_are_hidden(tmp_path: Path, mode: str):
    state = hidden_session(tmp_path, mode, changed=True)
    names = names_of(state.snapshot) + names_of(state.partnership)
    at = AppTest.from_file(APP, default_timeout=120)
    at.session_state["app"] = state
    at.run()
    for page in PAGES:
        at.switch_page(page).run()
        assert not at.exception, (page, at.exception)
        out = sent(at)
        assert len(out) > 1_000, page  # the page drew: a blank page would pass anything
        leaked = [n.decode() for n in names if n in out]
        assert leaked == [], (page, leaked[:5])


def test_the_same_pages_send_names_when_they_are_shown(tmp_path: Path):
    """The near miss: the scan above finds names when they are there to find."""
    state = AppState(store=FolderStore(tmp_path))
    state.show(county(), "the county example", key="example:county")
    at = AppTest.from_file(APP, default_timeout=120)
    at.session_state["app"] = state
    at.run()
    found = {}
    for page in ["pages/findings.py", "pages/map.py", "pages/meetings.py", "pages/edit.py"]:
        at.switch_page(page).run()
        out = sent(at)
        found[page] = sum(n in out for n in names_of(state.partnership))
    assert all(count >= 3 for count in found.values()), found


def flipped(state: AppState, mode: str) -> AppTest:
    """A run of the app on `state` with the sidebar's switch set to `mode`. (AppTest shows
    the main script's sidebar on a session's first page only, so each flip is a new run on
    the same state, as a reload is; the browser test flips it on the Map page.)"""
    at = AppTest.from_file(APP, default_timeout=120)
    at.session_state["app"] = state
    at.run()
    by_label(at.sidebar.radio, "People are shown by").set_value(mode).run()
    assert not at.exception, at.exception
    return at


def test_the_switch_hides_names_on_every_page_and_a_person_picked_stays_picked(tmp_path: Path):
    state = AppState(store=FolderStore(tmp_path))
    state.show(county(), "the county example", key="example:county")
    real = state.partnership
    at = AppTest.from_file(APP, default_timeout=120)
    at.session_state["app"] = state
    at.run()
    at.switch_page("pages/edit.py").run()
    by_label(at.radio, "What to edit").set_value("people").run()
    chosen = real.people[3]
    by_label(at.selectbox, "Choose a person").set_value(chosen.id).run()
    at = flipped(state, "posts")
    at.switch_page("pages/edit.py").run()
    shown = state.shown
    assert shown is not None and state.names == "posts"
    picked = by_label(at.selectbox, "Choose a person").value
    assert picked == state._hidden()[0].shown_id(chosen.id) != chosen.id
    assert shown.person_by_id[picked].title == chosen.title
    assert chosen.name.encode() not in sent(at)
    ident = next(t for t in at.text_input if t.label.startswith("Id"))
    assert ident.disabled and ident.value == picked  # an edit is matched to the map by id
    at = flipped(state, "names")  # back to names: the same person, by name
    at.switch_page("pages/edit.py").run()
    assert by_label(at.selectbox, "Choose a person").value == chosen.id
    assert chosen.name.encode() in sent(at)


def test_a_person_added_with_names_hidden_is_saved_by_name_and_shown_by_post(tmp_path: Path):
    state = hidden_session(tmp_path, "posts")
    at = AppTest.from_file(APP, default_timeout=120)
    at.session_state["app"] = state
    at.run()
    at.switch_page("pages/edit.py").run()
    form = "add_person:"
    at.text_input(key=form + "name").set_value("Zed Quinn")
    at.selectbox(key=form + "organisation").set_value(state.shown.organisations[0].id)
    next(b for b in at.button if b.label == "Add this person").click().run()
    assert not at.exception, at.exception
    assert state.partnership.people[-1].name == "Zed Quinn"
    out = sent(at)
    assert b"Zed Quinn" not in out  # the note and the undo button call her by her post
    assert b"Added Operational at Harrowdale County Council" in out
    state.save("county-workshop.yaml")
    saved = (tmp_path / "county-workshop.yaml").read_text(encoding="utf-8")
    assert "Zed Quinn" in saved and "Operational at Harrowdale County Council" not in saved


def _downloads_of_import_page(state: AppState, monkeypatch) -> dict[str, bytes]:
    """What each download of the Import page would give, by file name: AppTest fetches no
    download, so the callables the page hands Streamlit are caught and called here."""
    import io
    import zipfile

    from openpyxl import load_workbook
    from streamlit.runtime.media_file_manager import MediaFileManager

    caught = {}
    original = MediaFileManager.add_deferred

    def add(self, data_callable, mimetype, coordinates, file_name=None, **kwargs):
        caught[file_name] = data_callable
        return original(self, data_callable, mimetype, coordinates, file_name, **kwargs)

    monkeypatch.setattr(MediaFileManager, "add_deferred", add)
    at = AppTest.from_file(APP, default_timeout=120)
    at.session_state["app"] = state
    at.run()
    at.switch_page("pages/import_sheets.py").run()
    assert not at.exception, at.exception

    def text(data: bytes) -> bytes:
        if data[:2] != b"PK":
            return data
        with zipfile.ZipFile(io.BytesIO(data)) as parts:
            if "xl/workbook.xml" not in parts.namelist():
                return b"\n".join(parts.read(p) for p in parts.namelist())
        book = load_workbook(io.BytesIO(data))
        cells = [str(c.value) for s in book for row in s.iter_rows() for c in row]
        return "\n".join(cells).encode()

    return {name: text(work()) for name, work in caught.items()}


OTHER_TOOLS = {
    "map-graphml.graphml",
    "map-gexf.gexf",
    "map-kumu.json",
    "map-kumu.xlsx",
    "map-edges.zip",
}


@pytest.mark.parametrize("mode", ["posts", "initials"])
def test_the_maps_for_other_tools_hold_no_name_when_names_are_hidden(tmp_path, mode, monkeypatch):
    state = hidden_session(tmp_path, mode)
    downloads = _downloads_of_import_page(state, monkeypatch)
    assert OTHER_TOOLS <= set(downloads)
    for name in OTHER_TOOLS:
        leaked = [n.decode() for n in names_of(state.partnership) if n in downloads[name]]
        assert len(downloads[name]) > 10_000 and leaked == [], (name, leaked[:5])


def test_the_maps_for_other_tools_hold_the_names_when_they_are_shown(tmp_path, monkeypatch):
    """The near miss: the scan above finds names in each download when they are there."""
    state = AppState(store=FolderStore(tmp_path))
    state.show(county(), "the county example", key="example:county")
    downloads = _downloads_of_import_page(state, monkeypatch)
    names = names_of(state.partnership)
    for name in OTHER_TOOLS:
        assert sum(n in downloads[name] for n in names) > len(names) // 2, name
