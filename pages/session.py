"""What every page shares: the map being looked at, kept in session state (never in a widget,
so moving between pages or a rerun loses nothing), and derivations cached against it.

Not a page itself: `streamlit_app.py` declares the pages with `st.navigation`.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import streamlit as st

from mapper import MapperError, Partnership, dump_map
from mapper.findings import Diagnosis, diagnose
from mapper.render.network import layout
from mapper.workspace import OpenedMap, SaveConflict, map_file_name, open_map, save_map, versions

APP_DIR = Path(__file__).resolve().parent.parent
EXAMPLES = {"County example (Harrowdale, 300 people)": APP_DIR / "examples" / "county.yaml",
            "Small example (10 people)": APP_DIR / "examples" / "small.yaml"}
DEFAULT_WORKSPACE = Path(os.environ.get("MAPPER_WORKSPACE", "maps"))


def start() -> None:
    """First run of a session: open the county example, nothing to configure."""
    if "partnership" not in st.session_state:
        try:
            opened = open_map(EXAMPLES["County example (Harrowdale, 300 people)"])
            show_map(opened.partnership, "the county example", error=None)
        except MapperError as error:
            show_map(None, "the county example", error=str(error))
    for key, value in {"map_source": "", "load_error": None, "map_path": None,
                       "map_digest": None, "unsaved": False, "highlight": (),
                       "workspace": str(DEFAULT_WORKSPACE)}.items():
        st.session_state.setdefault(key, value)


def through_the_app() -> None:
    """Send a page opened on its own back through `streamlit_app.py`.

    Streamlit runs the very first session of a fresh server, when it asks for a page such as
    /edit, straight from the `pages/` folder (its legacy multipage mode), before
    `st.navigation` has ever run: the page would find no map and a sidebar listing every
    file. A session the app set up always has a map entry (even None), so its absence
    means the set-up was skipped; switching to the main script runs it.
    """
    if "partnership" not in st.session_state:
        st.switch_page("streamlit_app.py")


def kept(key: str, default: Any) -> dict[str, Any]:
    """Arguments for a widget whose value outlives a visit to another page.

    Streamlit forgets a widget's value when a run does not draw it, that is, on any other
    page. The value is also kept in a plain store: put back before the widget is drawn, and
    updated whenever the person changes it. Use as ``st.radio(..., **kept("k", default))``.
    """
    store = st.session_state.setdefault("_kept", {})
    if key not in st.session_state:
        st.session_state[key] = store.get(key, default)
    return {"key": key, "on_change": _remember, "args": (key,)}


def _remember(key: str) -> None:
    st.session_state._kept[key] = st.session_state[key]


def show_map(partnership: Partnership | None, source: str, *, error: str | None,
             opened: OpenedMap | None = None, path: Path | None = None) -> None:
    """Make `partnership` the map every page shows. A workspace file also remembers its path
    and hash, so saving can refuse to overwrite someone else's change."""
    st.session_state.partnership = partnership
    st.session_state.map_source = source
    st.session_state.load_error = error
    st.session_state.map_path = opened.path if opened else path
    st.session_state.map_digest = opened.digest if opened else None
    st.session_state.unsaved = False
    st.session_state.highlight = ()
    st.session_state._kept = {}  # choices and typing made on the map that was open
    st.session_state.edit_errors = {}


def current_map() -> Partnership:
    """The map, or a clear message (and the page stops) when none could be opened."""
    partnership = st.session_state.get("partnership")
    if partnership is None:
        st.error("No map is open.")
        problems = st.session_state.get("load_error")
        if problems:
            st.code(problems, language=None)
        st.page_link("pages/home.py", label="Choose or start a map on the Home page")
        st.stop()
    return partnership


def change_map(partnership: Partnership) -> None:
    """An edit: the new map replaces the old one in the session until it is saved."""
    st.session_state.partnership = partnership
    st.session_state.unsaved = True


def current_diagnosis() -> Diagnosis:
    """The diagnosis of the current map, worked out once per version of the map."""
    return _memo("diagnosis", "", lambda p: diagnose(p))


def positions(view: str) -> dict[str, tuple[float, float]]:
    return _memo("positions", view, lambda p: layout(p, view))


def _memo(name: str, key: str, work: Any) -> Any:
    partnership = current_map()
    store = st.session_state.setdefault(f"_memo_{name}", {})
    held = store.get(key)
    if held is None or held[0] is not partnership:
        held = (partnership, work(partnership))
        store[key] = held
    return held[1]


def save_panel(name_key: str) -> None:
    """The "Save the map" section: save to the workspace (atomically, earlier versions kept,
    refused over someone else's change) or download the YAML."""
    partnership = current_map()
    st.header("Save the map")
    path = st.session_state.map_path
    if st.session_state.unsaved:
        st.warning("This map has changes that are not saved to a file yet.")
    if path is None:
        folder = Path(st.session_state.workspace)
        st.caption(f"Not yet a file in the workspace ({folder}).")
        name = st.text_input("File name", value=map_file_name(partnership.name), key=name_key)
        path = folder / Path(name).name
    st.button(f"Save to {path}", on_click=_save_file, args=(path,),
              disabled=not st.session_state.unsaved and st.session_state.map_path is not None)
    outcome = st.session_state.pop("save_outcome", None)
    if outcome:
        (st.success if outcome[0] == "success" else st.error)(outcome[1])
    st.download_button("Download the map as YAML", dump_map(partnership),
                       file_name=Path(path).name, mime="application/x-yaml")


def _save_file(path: Path) -> None:
    """Runs before the page is drawn again, so the page shows the state after the save."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        digest = save_map(path, st.session_state.partnership, st.session_state.map_digest
                          if st.session_state.map_path is not None else None)
        st.session_state.map_path, st.session_state.map_digest = path, digest
        st.session_state.map_source, st.session_state.unsaved = path.name, False
        st.session_state.save_outcome = ("success", (
            f"Saved {path.name}. {len(versions(path))} earlier versions are kept in "
            f"{path.parent / '.history' / path.name}."))
    except SaveConflict as error:
        st.session_state.save_outcome = ("error", str(error))
    except (MapperError, OSError) as error:
        st.session_state.save_outcome = ("error", f"Nothing was saved: {error}")
