"""The map drawn in the page, and a node dragged on it sent back to the app.

`st.iframe` cannot answer, so the map page (`mapper/render/map_html.py`, unchanged and still
self-contained) is put in a frame by a custom component of Streamlit's own (components v2:
no build step, nothing fetched). When a node is dropped, the map page posts its id and new
place to this frame's parent; the component checks the message comes from its own frame and
hands it to the app as a trigger value, which `AppState.move` records as an ordinary change.

The frame is sandboxed (scripts, downloads of the PNG, full screen; no same origin): a name
in the map, even one escaping the page's own escaping, cannot reach the app. A new page of
the same view and shape (a person added, a node dropped, names hidden) is not loaded: it is
sent to the page drawn, which takes its data and words and redraws in place, where the room
is looking, without reading vis-network again. Another view, or the first page, is loaded
whole; when the same view is loaded again the component gives it the zoom and centre the
room was looking at. Not a page itself: the Map page calls `draw_map`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable
from typing import Any

import streamlit as st

from mapper.app_state import AppState
from mapper.diagnosis import ChangesInWords
from mapper.model import Partnership
from mapper.render.changes import finding_rows, record_rows, summary_line
from mapper.render.text import escape_markdown
from pages.session import widget

__all__ = ["draw_map", "changes_panel", "changes_since_words", "snapshot_words", "show_changes"]

_JS = """
export default function (component) {
  const { data, parentElement, setTriggerValue } = component;
  let frame = parentElement.querySelector("iframe.mapper-map");
  if (!frame) {
    frame = document.createElement("iframe");
    frame.className = "mapper-map";
    frame.setAttribute("sandbox", "allow-scripts allow-downloads");
    frame.setAttribute("allow", "fullscreen");
    frame.setAttribute("allowfullscreen", "");
    frame.style.width = "100%";
    frame.style.border = "0";
    frame.style.display = "block";
    parentElement.appendChild(frame);
  }
  frame.title = data.title;
  frame.style.height = data.height + "px";
  const said = /<meta name="mapper-shell" content="([^"]*)"/.exec(data.page);
  const shell = said ? said[1] : "";
  // One listener per frame, reading what the latest run gave (the function runs again for
  // each new page; the cleanup runs when the map leaves the page).
  frame.mapperData = data;
  frame.mapperTrigger = setTriggerValue;
  const load = () => {
    frame.dataset.ready = "";
    frame.dataset.loading = data.digest;
    frame.dataset.view = data.view;
    frame.dataset.shell = shell;
    // From a blob, not `srcdoc`: a page redrawn in place must leave nothing of the last one
    // in the app's own HTML (names hidden means hidden there too).
    if (frame.mapperBlob) URL.revokeObjectURL(frame.mapperBlob);
    frame.mapperBlob = URL.createObjectURL(new Blob([data.page], { type: "text/html" }));
    frame.src = frame.mapperBlob;
  };
  const onMessage = (event) => {
    if (event.source !== frame.contentWindow) return;
    const m = event.data || {};
    const data = frame.mapperData;
    if (m.kind === "mapper-view" && m.view && typeof m.view.scale === "number") {
      frame.mapperView = { page: frame.dataset.view, view: m.view };
    }
    if (m.kind === "mapper-ready") {
      // Drawn: the page whose digest this is has settled (read by benchmarks/browser.py,
      // which cannot look into the sandboxed frame). A page loaded says nothing of its
      // digest; one redrawn in place says which it drew.
      const drawn = typeof m.digest === "string" ? m.digest : frame.dataset.loading;
      frame.dataset.ready = "1";
      frame.dataset.drawn = drawn;
      if (typeof m.digest !== "string" && frame.mapperView &&
          frame.mapperView.page === data.view) {
        const view = frame.mapperView.view;
        frame.contentWindow.postMessage({ kind: "mapper-set-view", view: view }, "*");
      }
    }
    if (m.kind === "mapper-reload" && m.digest === frame.dataset.digest) load();
    if (m.kind === "mapper-moved" && typeof m.id === "string" &&
        Number.isFinite(m.x) && Number.isFinite(m.y)) {
      frame.mapperTrigger("moved", { view: data.view, id: m.id, x: m.x, y: m.y });
    }
  };
  if (frame.mapperListener) window.removeEventListener("message", frame.mapperListener);
  frame.mapperListener = onMessage;
  window.addEventListener("message", onMessage);
  if (frame.dataset.digest !== data.digest) {
    frame.dataset.digest = data.digest;
    frame.mapperPage = data.page;  // what the frame shows once drawn (read by benchmarks)
    if (frame.dataset.ready === "1" && frame.dataset.view === data.view &&
        frame.dataset.shell === shell) {
      // The same view with new data: redrawn in place, where the room is looking, without
      // loading and reading vis-network again (a quarter of a second on a laptop).
      frame.contentWindow.postMessage(
        { kind: "mapper-update", page: data.page, digest: data.digest }, "*");
    } else {
      if (frame.dataset.view !== data.view) frame.mapperView = null;  // another view: fit it
      load();
    }
  }
  return () => {
    window.removeEventListener("message", onMessage);
    if (frame.mapperListener === onMessage) frame.mapperListener = null;
  };
}
"""

_component = st.components.v2.component("mapper_map", js=_JS, isolate_styles=False)


def draw_map(
    page: str,
    *,
    view: str,
    title: str,
    height: int,
    key: str,
    on_move: Callable[[str, str, float, float], None],
) -> Any:
    """Draw the map `page` (of `view`), `height` pixels tall; a node dropped calls
    `on_move(view, id, x, y)` before the rerun that follows."""

    def moved() -> None:
        dropped = (widget(key) or {}).get("moved")
        if isinstance(dropped, dict):
            try:
                x, y = float(dropped["x"]), float(dropped["y"])
                on_move(str(dropped["view"]), str(dropped["id"]), x, y)
            except (KeyError, TypeError, ValueError):
                return  # not what our frame sends: nothing to record

    digest = hashlib.sha256(page.encode("utf-8")).hexdigest()
    data = {"page": page, "view": view, "title": title, "height": height, "digest": digest}
    return _component(data=data, key=key, on_moved_change=moved, height=height)


def changes_since_words(taken: dt.datetime | None) -> str:
    """What changes are counted from: 'the map was opened', or 'the snapshot of 14:32'."""
    if taken is None:
        return "the map was opened"
    return f"the snapshot of {taken.astimezone().strftime('%H:%M')}"


def snapshot_words(taken: dt.datetime | None) -> str:
    """The snapshot as a thing: 'the map as it was opened', or 'the snapshot of 14:32'."""
    return "the map as it was opened" if taken is None else changes_since_words(taken)


def show_changes(old: Partnership, new: Partnership, changes: ChangesInWords) -> None:
    """The summary, a table of the records that changed, and the findings that appeared and
    went (as a list: a finding's title is too long for a table's cell)."""
    st.write(summary_line(old, new, changes))
    rows = record_rows(old, new, changes)
    if rows:
        st.dataframe(rows, hide_index=True, width="stretch")
    found = finding_rows(changes)
    if found:
        st.markdown(
            "\n".join(
                f"- **{row['']}** ({row['severity']}): {escape_markdown(row['finding'])}"
                for row in found
            )
        )


def changes_panel(state: AppState, changed: ChangesInWords | None, since: str) -> None:
    """Beside the map: what changed since the snapshot (records, seats, findings that
    appeared, changed and went), and the button that takes a new snapshot."""
    now = state.shown
    then = state.as_shown(state.snapshot) if state.snapshot is not None else None
    anything = (
        changed is not None
        and then is not None
        and now is not None
        and summary_line(then, now, changed) != "No change."
    )
    with st.expander(f"Changes since {since}", expanded=anything):
        if changed is None or then is None or now is None:
            st.write("Nothing has changed yet.")
        else:
            show_changes(then, now, changed)
        st.button(
            "Mark changes from now (take a snapshot)",
            on_click=state.take_snapshot,
            help="The map marks what is added or changed after this; the Compare page too.",
        )
