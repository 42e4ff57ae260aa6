"""What every page shares: the map being looked at, kept in session state (never in a widget,
so moving between pages or a rerun loses nothing), and derivations cached against it.

Unsaved changes are kept as a draft on disk after every change (`change_map`, see
`mapper.drafts`), so a reload or a closed tab loses nothing: Home offers them back when the
map is next opened. Opening another map while this one has unsaved changes asks first
(`open_asking`, settled by `settle_pending`).

Not a page itself: `streamlit_app.py` declares the pages with `st.navigation`.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import streamlit as st

from mapper import MapperError, Partnership, dump_map
from mapper.drafts import Draft, draft_file, drafts_for, drafts_in, file_key, new_owner, write_draft
from mapper.findings import Diagnosis, diagnose
from mapper.render.network import layout
from mapper.render.text import escape_markdown
from mapper.workspace import (
    FileGone,
    OpenedMap,
    SaveConflict,
    history_folder,
    map_file_name,
    map_name_problem,
    open_map,
    save_map,
    versions,
)

APP_DIR = Path(__file__).resolve().parent.parent
EXAMPLES = {
    "County example (Harrowdale, 300 people)": APP_DIR / "examples" / "county.yaml",
    "Small example (10 people)": APP_DIR / "examples" / "small.yaml",
}
DEFAULT_WORKSPACE = Path(os.environ.get("MAPPER_WORKSPACE", "maps"))
FIRST_EXAMPLE = "County example (Harrowdale, 300 people)"


def start() -> None:
    """First run of a session: open the county example, nothing to configure."""
    st.session_state.setdefault("workspace", str(DEFAULT_WORKSPACE))
    if "partnership" not in st.session_state:
        key = f"example:{FIRST_EXAMPLE}"
        try:
            opened = open_map(EXAMPLES[FIRST_EXAMPLE])
            show_map(opened.partnership, "the county example", error=None, key=key)
        except MapperError as error:
            show_map(None, "the county example", error=str(error), key=key)
    for key, value in {
        "map_source": "",
        "load_error": None,
        "map_path": None,
        "map_digest": None,
        "unsaved": False,
        "highlight": (),
        "draft_error": None,
    }.items():
        st.session_state.setdefault(key, value)
    if "draft_owner" not in st.session_state:  # a session set up without show_map
        _draft_for(st.session_state.map_path, st.session_state.map_source, None)
    _note_kept_drafts()


def _note_kept_drafts() -> None:
    """Say on every page (in the sidebar) that unsaved changes of other sessions are kept, so a
    reload on any page leads back to them. Counts file names only: cheap on every run."""
    own = own_draft()
    folders = {Path(st.session_state.workspace), Path(st.session_state.draft_folder)}
    try:
        count = sum(
            1
            for folder in folders
            if (folder / ".drafts").is_dir()
            for p in (folder / ".drafts").glob("*.json")
            if p != own
        )
    except OSError:
        return
    if count:
        st.sidebar.info(
            f"Unsaved changes are kept from {count} earlier session"
            f"{'' if count == 1 else 's'}: Home offers them back."
        )


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


def show_map(
    partnership: Partnership | None,
    source: str,
    *,
    error: str | None,
    opened: OpenedMap | None = None,
    path: Path | None = None,
    key: str | None = None,
) -> None:
    """Make `partnership` the map every page shows. A workspace file also remembers its path
    and hash, so saving can refuse to overwrite someone else's change.

    The session starts a new draft for it, kept under `key` (by default the file's name, or
    the source for a map that is not a file); a draft of the map open before stays on disk.
    """
    _draft_for(opened.path if opened else path, source, key)
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
    """An edit: the new map replaces the old one in the session until it is saved, and is
    kept as this session's draft on disk meanwhile."""
    st.session_state.partnership = partnership
    st.session_state.unsaved = True
    keep_draft()


# Drafts: the session's unsaved changes, on disk


def _draft_for(file: Path | None, source: str, key: str | None) -> None:
    """Where this session's drafts of the map about to be shown go: a fresh owner id, so a
    draft left by the map open before is kept and offered, never overwritten."""
    st.session_state.draft_key = key or (file_key(file) if file else f"source:{source}")
    st.session_state.draft_folder = str(
        Path(file).parent if file else Path(st.session_state.get("workspace", DEFAULT_WORKSPACE))
    )
    st.session_state.draft_owner = new_owner()
    st.session_state.draft_error = None


def own_draft() -> Path:
    """The file this session keeps its unsaved changes in (there only once it made some)."""
    return draft_file(
        st.session_state.draft_folder, st.session_state.draft_key, st.session_state.draft_owner
    )


def keep_draft() -> None:
    """Write the session's map as its draft; a failure is said, never raised."""
    folder = st.session_state.draft_folder
    try:
        write_draft(
            folder,
            st.session_state.draft_key,
            st.session_state.draft_owner,
            st.session_state.partnership,
            source=st.session_state.map_source,
            path=st.session_state.map_path,
            opened_digest=st.session_state.map_digest
            if st.session_state.map_path is not None
            else None,
        )
        st.session_state.draft_error = None
    except (OSError, MapperError) as error:
        st.session_state.draft_error = (
            f"The unsaved changes could not be kept as a draft in {Path(folder) / '.drafts'} "
            f"({error}), so a reload would lose them: save the map or download it."
        )


def forget_draft() -> None:
    own_draft().unlink(missing_ok=True)


def offered_drafts() -> list[Draft]:
    """Drafts of the open map left by other sessions (a reload, another tab), newest first."""
    return drafts_for(
        st.session_state.draft_folder, st.session_state.draft_key, besides=own_draft()
    )


def drafts_of_other_maps() -> list[Draft]:
    """Drafts kept in the workspace folder for maps other than the open one."""
    folders = {Path(st.session_state.workspace), Path(st.session_state.draft_folder)}
    found = [d for folder in folders for d in drafts_in(folder)]
    return [
        d
        for d in found
        if d.key != st.session_state.draft_key
        or Path(st.session_state.draft_folder) != d.file.parent.parent
    ]


def restore_draft(draft: Draft) -> None:
    """Make the draft's map the open one, unsaved, with the file hash it was made against
    (so a save over a file saved since is refused); the session takes the draft over."""
    partnership = draft.partnership()
    show_map(partnership, draft.source, error=None, path=draft.path, key=draft.key)
    st.session_state.draft_folder = str(draft.file.parent.parent)
    st.session_state.map_digest = draft.opened_digest if draft.path is not None else None
    change_map(partnership)
    if draft.file != own_draft():
        draft.file.unlink(missing_ok=True)


def draft_time(draft: Draft) -> str:
    return draft.saved_at.astimezone().strftime("%d %b %Y at %H:%M")


# Opening another map: ask first when this one has unsaved changes


def open_asking(
    partnership: Partnership,
    source: str,
    *,
    opened: OpenedMap | None = None,
    path: Path | None = None,
    key: str | None = None,
    then: str | None = None,
) -> bool:
    """Open the map now, or, when the open map has unsaved changes, hold it until the person
    chooses what happens to them (`settle_pending`). True when it was opened."""
    pending = {
        "partnership": partnership,
        "source": source,
        "opened": opened,
        "path": path,
        "key": key,
        "then": then,
    }
    if st.session_state.get("unsaved"):
        st.session_state.pending_open = pending
        return False
    _open_pending(pending)
    return True


def _open_pending(pending: dict[str, Any]) -> None:
    show_map(
        pending["partnership"],
        pending["source"],
        error=None,
        opened=pending["opened"],
        path=pending["path"],
        key=pending["key"],
    )


def save_first_target() -> Path:
    """Where "save them first" saves the open map: its file, or a new one in the workspace."""
    return st.session_state.map_path or (
        Path(st.session_state.workspace) / map_file_name(current_map().name)
    )


def settle_pending(choice: str) -> dict[str, Any] | None:
    """Do what the person chose for the unsaved changes ("save", "keep", "discard" or
    "cancel"), then open the map held back. Returns it once opened, None otherwise (a save
    refused says why in `save_outcome`; the choice is offered again)."""
    pending = st.session_state.get("pending_open")
    if pending is None or choice == "cancel":
        st.session_state.pop("pending_open", None)
        return None
    if choice == "save":
        _save_file(save_first_target())
        if st.session_state.unsaved:
            return None
    elif choice == "keep":
        keep_draft()
        if st.session_state.draft_error:
            return None
    elif choice == "discard":
        forget_draft()
    st.session_state.pop("pending_open")
    st.session_state.pop("save_outcome", None)
    _open_pending(pending)
    return pending


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
        st.warning(
            "This map has changes that are not saved to a file yet. They are kept as "
            "a draft in the workspace until you save or discard them."
        )
    if st.session_state.get("draft_error"):
        st.error(escape_markdown(st.session_state.draft_error))
    problem = None
    if path is None:
        folder = Path(st.session_state.workspace)
        st.caption(f"Not yet a file in the workspace ({escape_markdown(str(folder))}).")
        name = st.text_input(
            "File name", value=map_file_name(partnership.name), key=name_key
        ).strip()
        problem = map_name_problem(name)
        if problem:
            st.error(f"Choose another file name: {escape_markdown(problem)}.")
        path = folder / (name if not problem else map_file_name(partnership.name))
    st.button(
        f"Save to {escape_markdown(str(path))}",
        on_click=_save_file,
        args=(path,),
        disabled=problem is not None
        or (not st.session_state.unsaved and st.session_state.map_path is not None),
    )
    outcome = st.session_state.pop("save_outcome", None)
    if outcome:
        (st.success if outcome[0] == "success" else st.error)(escape_markdown(outcome[1]))
        if outcome[0] == "gone":
            st.button("Save it again as a new file", on_click=_save_file, args=(path, True))
    st.download_button(
        "Download the map as YAML",
        dump_map(partnership),
        file_name=Path(path).name,
        mime="application/x-yaml",
    )


def _save_file(path: Path, as_new: bool = False) -> None:
    """Runs before the page is drawn again, so the page shows the state after the save.
    `as_new`: the file was deleted or moved since it was opened; saving recreates it."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        digest = save_map(
            path,
            st.session_state.partnership,
            st.session_state.map_digest
            if st.session_state.map_path is not None and not as_new
            else None,
        )
        forget_draft()
        st.session_state.map_path, st.session_state.map_digest = path, digest
        st.session_state.map_source, st.session_state.unsaved = path.name, False
        st.session_state.draft_key, st.session_state.draft_folder = file_key(path), str(path.parent)
        st.session_state.save_outcome = (
            "success",
            (
                f"Saved {path.name}. {len(versions(path))} earlier versions are kept in "
                f"{history_folder(path)}."
            ),
        )
    except FileGone as error:
        st.session_state.save_outcome = ("gone", str(error))
    except SaveConflict as error:
        st.session_state.save_outcome = ("error", str(error))
    except MapperError as error:
        message = str(error)
        st.session_state.save_outcome = (
            "error",
            message if "nothing was saved" in message.lower() else f"Nothing was saved: {message}",
        )
    except OSError as error:
        st.session_state.save_outcome = ("error", f"Nothing was saved: {error}")
