"""The app's state for one session, as one typed object: the open map and where it came
from, its unsaved changes and their draft, the map waiting to open, and what is derived from
the map (worked out once per content of the map).

Plain Python, no Streamlit: `pages/session.py` keeps one `AppState` in the session and the
pages read and change it only through its fields and methods. Every store call goes through
the `mapper.store.Store` protocol, so a second store drops in.

The rules it keeps:
- a change (`change`) replaces the map, marks it unsaved and keeps it as this session's
  draft in the store at once, so a reload or a closed tab loses nothing;
- each map shown gets a fresh draft owner, so a draft left by the map open before is kept and
  offered back, never overwritten;
- opening another map while this one has unsaved changes holds it (`pending`) until the person
  says what happens to them (`settle_pending`);
- a save goes to the store the map came from, against the version it was opened at;
- each change is a step that can be undone (`undo`, then `redo`), the last `UNDO_STEPS` of
  them, for as long as the map is open; an undo is a change like any other (kept as the
  draft, and saved when saving is automatic);
- with `autosave` on, every change is saved at once by that same save (atomic, the version
  it replaces kept, refused over someone else's newer save): a refused save turns autosave
  off and says why (`autosave_note`), the changes kept as the draft meanwhile;
- with names hidden (`names`: "posts" or "initials", `mapper.pseudonyms`), the pages see
  the map with each person called by their post or initials (`shown`), and everything
  derived, shown or downloaded comes from that; the real map is what is kept as the
  draft, saved, undone and compared, and an edit made on the hidden map is taken back to it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from typing import Any, Literal, TypeVar, cast

from pydantic import ValidationError

from mapper.analysis import Analysis
from mapper.diagnosis import ChangesInWords, Diagnosis, compare, diagnose
from mapper.drafts import Draft, new_owner
from mapper.errors import FileGone, MapperError, SaveConflict
from mapper.model import Partnership
from mapper.pseudonyms import Mask, Mode, hide, mask_of, restore
from mapper.review import Review, review_maps
from mapper.store import Store

__all__ = [
    "AppState",
    "Pending",
    "Outcome",
    "Step",
    "UNDO_STEPS",
    "Choice",
    "draft_time",
    "file_key_of",
    "shared_map",
]

Choice = Literal["save", "keep", "discard", "cancel"]
T = TypeVar("T")


@dataclass(frozen=True)
class Pending:
    """A map waiting to open until the open map's unsaved changes are settled."""

    partnership: Partnership
    source: str
    store: Store | None = None  # the store holding it, when it is a stored map
    name: str | None = None  # its name there (or the name a new map will be saved as)
    version: str | None = None  # its version token when it was opened
    key: str | None = None  # the name its drafts are kept under
    then: str | None = None  # the page to go to once it is open


#: How many changes can be undone, the most recent.
UNDO_STEPS = 50


@dataclass(frozen=True)
class Step:
    """One change to the open map, as undo and redo need it: the map before and after, and
    the change in words ("add Sam Patel")."""

    change: str
    before: Partnership
    after: Partnership


@dataclass(frozen=True)
class Outcome:
    """What the last save did, to show once: "success", "error" or "gone" (the file was
    deleted or moved since: offer to save it again as new)."""

    kind: Literal["success", "error", "gone"]
    message: str


@dataclass
class AppState:
    """One session of the app. `store` is the workspace the session lists maps in and saves
    new maps to; `map_store` is the store the open map belongs to (None: not stored yet)."""

    store: Store
    set_up: bool = False  # the session's first run has opened a map (or failed to)
    partnership: Partnership | None = None
    source: str = ""  # where the map came from, as the pages say it
    load_error: str | None = None
    map_store: Store | None = None
    map_name: str | None = None  # its name in map_store (set for a new map too: `new_name`)
    version: str | None = None  # map_store's version token when it was opened or saved
    stored: bool = False  # the map is in map_store (a new map is not, until saved)
    unsaved: bool = False
    highlight: tuple[str, ...] = ()  # ids the map page highlights (any page may set them)
    pending: Pending | None = None
    save_outcome: Outcome | None = None
    draft_key: str = "source:"
    draft_owner: str = field(default_factory=new_owner)
    draft_store: Store | None = None  # where this session's draft goes (None: `store`)
    draft_error: str | None = None
    #: widget values kept across pages (`pages.session.kept`), and form messages (Edit)
    kept: dict[str, Any] = field(default_factory=dict)
    edit_errors: dict[str, dict[str, list[str]]] = field(default_factory=dict)
    #: what the Import page read last (an ImportResult or the SheetError refusing it)
    import_outcome: Any = None
    #: what the Self-assessment page read from a questionnaire (with the answers it changed),
    #: and the note each statement refused
    answers_outcome: Any = None
    answer_problems: dict[str, str] = field(default_factory=dict)
    #: the changes that can be undone (the last one last), and those undone that can be redone
    undo_steps: list[Step] = field(default_factory=list)
    redo_steps: list[Step] = field(default_factory=list)
    #: save every change at once (the facilitator's choice, kept when another map opens)
    autosave: bool = False
    autosave_note: Outcome | None = None  # what the last automatic save did
    entry_note: str | None = None  # what the workshop's add panel did last, said once
    #: how the pages call people: by name, or by post or initials for the wall (kept when
    #: another map opens, as the facilitator's choice)
    names: Mode = "names"
    _saved: Partnership | None = field(default=None, repr=False)  # the map as last saved
    #: where each view drawn since the last change put its nodes: kept in the map at the
    #: next change, so an edit moves no node the room has seen (`mapper.model.Layout`)
    drawn_positions: dict[str, dict[str, tuple[float, float]]] = field(default_factory=dict)
    #: the map as it was opened, or when the facilitator last took a snapshot, and when
    snapshot: Partnership | None = None
    snapshot_taken: dt.datetime | None = None
    _hashed: tuple[Partnership, str] | None = field(default=None, repr=False)
    #: the real map, the mode, the mask and the map shown with names hidden
    _masked: tuple[Partnership, Mode, Mask, Partnership] | None = field(default=None, repr=False)
    #: the ids an edit made on the shown map gave its records, and their ids shown now
    _renamed: dict[str, str] = field(default_factory=dict, repr=False)
    _derived: dict[str, dict[str, Any]] = field(default_factory=dict, repr=False)

    # The open map

    def show(
        self,
        partnership: Partnership | None,
        source: str,
        *,
        error: str | None = None,
        store: Store | None = None,
        name: str | None = None,
        version: str | None = None,
        key: str | None = None,
        unsaved: bool = False,
    ) -> None:
        """Make `partnership` the open map, with nothing unsaved (or, `unsaved`, all of it:
        a map imported, not a file yet). A stored map (`store`, `name`, `version`) is saved
        back there against that version; a new map given a `name` only (and no version) will
        be saved under it in `store`. Its drafts are kept under `key` (by default the map's
        name, or its source) by a fresh owner."""
        self.partnership = partnership
        self.source = source
        self.load_error = error
        if name is not None and store is None:
            store = self.store
        self.map_store = store if name is not None else None
        self.map_name = name
        self.version = version
        self.stored = version is not None
        self.unsaved = False
        self.highlight = ()
        self.save_outcome = None
        self.kept = {}  # choices and typing made on the map that was open
        self.edit_errors = {}
        self.import_outcome = self.answers_outcome = None
        self.answer_problems = {}
        self.undo_steps, self.redo_steps = [], []
        self.autosave_note = self.entry_note = None
        self._saved = partnership if version is not None else None
        self.draft_key = key or (file_key_of(name) if name else f"source:{source}")
        self.draft_store = store if name is not None else None
        self.draft_owner = new_owner()
        self.draft_error = None
        self.drawn_positions = {}
        self._renamed = {}
        self.snapshot, self.snapshot_taken = partnership, None
        self.set_up = True
        if unsaved and partnership is not None:
            self._change_real(partnership)

    def change(self, partnership: Partnership, change: str = "the last change") -> None:
        """An edit: the new map replaces the old one until it is saved, and is kept as this
        session's draft meanwhile (or saved at once, with `autosave`). The nodes of the
        views drawn keep their places in it. It can be undone; `change` says it in words
        ("add Sam Patel")."""
        before = self.partnership
        partnership = partnership.placed(self.drawn_positions)
        self.drawn_positions = {}
        self._renamed = {}
        if before is not None and self.names != "names":
            mask, shown = self._hidden()
            restored = restore(before, mask, shown, partnership)
            partnership = restored.partnership
            self._renamed = dict(restored.ids)
        self._change_real(partnership, change)

    def _change_real(self, partnership: Partnership, change: str = "the last change") -> None:
        before = self.partnership
        if before is not None and before is not partnership:
            self.undo_steps = [*self.undo_steps, Step(change, before, partnership)][-UNDO_STEPS:]
            self.redo_steps = []
        self._put(partnership)

    def shown_id(self, ident: str) -> str:
        """The id the pages see now for `ident`, an id of the map the last change was made
        on (with names hidden, a new person's id is made from their post or initials)."""
        real = self._renamed.get(ident, ident)
        return self._hidden()[0].shown_id(real) if self.names != "names" else real

    @property
    def can_undo(self) -> str | None:
        """The change an undo would take back, in words; None when there is none."""
        return self._step_words(self.undo_steps[-1]) if self.undo_steps else None

    @property
    def can_redo(self) -> str | None:
        return self._step_words(self.redo_steps[-1]) if self.redo_steps else None

    def _step_words(self, step: Step) -> str:
        if self.names == "names":
            return step.change
        key = f"step-words:{id(step)}"  # with the names of the maps before and after hidden
        return self.derived(
            key,
            lambda _: mask_of(self._real(), self.names, step.before, step.after).text(step.change),
        )

    def say(self, text: str) -> str:
        """`text` (a page's words about the map, which may name people) as the pages may
        show it: with names hidden, each name is replaced by what the wall calls them."""
        return self._hidden()[0].text(text) if self.names != "names" else text

    def undo(self) -> None:
        """Take back the last change: the map as it was before it."""
        if self.undo_steps:
            step = self.undo_steps.pop()
            self.redo_steps.append(step)
            self._put(step.before)

    def redo(self) -> None:
        """Make again the last change undone."""
        if self.redo_steps:
            step = self.redo_steps.pop()
            self.undo_steps.append(step)
            self._put(step.after)

    def _put(self, partnership: Partnership) -> None:
        self.partnership = partnership
        if partnership is self._saved and self.unsaved:  # undone back to the saved map
            self.unsaved = False
            self.forget_draft()
            return
        self.unsaved = True
        self.keep_draft()
        if self.autosave:
            self.save_automatically()

    def set_autosave(self, on: bool) -> None:
        """Save every change at once from now on (saving what is unsaved now), or not."""
        self.autosave = on
        self.autosave_note = None
        if on and self.unsaved and self.partnership is not None:
            self.save_automatically()

    def save_automatically(self) -> None:
        """Save as "Save" does; a refusal turns autosave off, keeps the draft and says why."""
        self.save()
        outcome, self.save_outcome = self.save_outcome, None
        if outcome is None:
            return
        if outcome.kind == "success":
            when = dt.datetime.now().strftime("%H:%M:%S")
            self.autosave_note = Outcome("success", f"Saved to {self.map_name} at {when}.")
            return
        self.autosave = False
        self.autosave_note = Outcome(
            "error",
            f"Saving automatically stopped: {outcome.message} Nothing is lost: the changes "
            "are kept as a draft here. Download the map, or save it under another name.",
        )

    def move(self, view: str, node: str, x: float, y: float) -> None:
        """A node dragged to (x, y) in `view`: a change like any other (unsaved, kept as a
        draft, written on save). A position the map refuses (NaN, far off) changes nothing."""
        partnership = self._open()  # the map as shown: `node` is an id the page drew
        shown = self.drawn_positions.get(view, {}).get(node) or partnership.layout.of(view).get(
            node
        )
        if shown == (round(x, 1), round(y, 1)):
            return  # a click, or a drop where it was
        try:
            moved = partnership.placed({view: {node: (x, y)}}, moved=True)
        except ValidationError:
            return
        if moved is not partnership:
            self.change(moved, f"move {node}")

    def compared_with(self, earlier: Partnership) -> ChangesInWords:
        """What changed from `earlier` to the open map, findings included (both diagnosed
        with the open map's settings), worked out once per pair of contents."""
        key = f"compared-with:{_digest(earlier)}"

        def work(_: Partnership) -> ChangesInWords:
            shown = self.as_shown(earlier)
            return compare(shared_analysis(_digest(shown), shown), self.analysis())

        return self.derived(key, work)

    def reviewed_since(
        self, earlier: Partnership, name: str = "", taken: dt.date | None = None
    ) -> Review:
        """The review of the open map since `earlier` (called `name`, of the day `taken` when
        known): the problems resolved, new and still open, and the headline figures then and
        now; once per pair of contents."""
        key = f"reviewed-since:{_digest(earlier)}:{name}:{taken}"

        def work(_: Partnership) -> Review:
            shown = self.as_shown(earlier)
            then = shared_analysis(_digest(shown), shown)
            return review_maps(
                [then, self.analysis()], [taken, None], names=[name, "the map open now"]
            )

        return cast("Review", self.derived(key, work))

    def changes_since_snapshot(self) -> ChangesInWords | None:
        """What changed since the snapshot (the map as opened, or as the facilitator last
        marked it); None when nothing did, not even a position."""
        snapshot, partnership = self.snapshot, self._real()
        if snapshot is None or snapshot is partnership or snapshot == partnership:
            return None
        return self.compared_with(snapshot)

    def take_snapshot(self) -> None:
        """What the map shows as changed is counted from now."""
        self.snapshot, self.snapshot_taken = self._real(), dt.datetime.now(dt.UTC)

    # Names hidden for the wall

    @property
    def shown(self) -> Partnership | None:
        """The open map as the pages show it: with names hidden when `names` says so."""
        return None if self.partnership is None else self._open()

    def hide_names(self, mode: Mode) -> Callable[[Any], Any]:
        """Call people by name ("names"), or by post or initials ("posts", "initials") on
        every page, in tables and in downloads, from now on. Returns what a choice made
        among the ids shown before (a person picked in a form) becomes: the pages pass their
        widgets' values through it; the state's own are passed already."""
        if mode == self.names or self.partnership is None:
            self.names = mode
            return lambda value: value
        before = self._hidden()[0] if self.names != "names" else None
        self.names = mode
        after = self._hidden()[0] if mode != "names" else None
        people = {p.id for p in self.partnership.people}

        def renamed(value: Any) -> Any:
            if isinstance(value, list | tuple):
                return type(value)(renamed(v) for v in value)
            if not isinstance(value, str):
                return value
            real = before.person_of(value) if before is not None else value
            if real is None or real not in people:
                return value
            return after.shown_id(real) if after is not None else real

        self.highlight = renamed(self.highlight)
        self.kept = {k: renamed(v) for k, v in self.kept.items()}
        self.drawn_positions = {
            view: {renamed(k): v for k, v in positions.items()}
            for view, positions in self.drawn_positions.items()
        }
        self._renamed = {}
        return renamed

    def as_shown(self, earlier: Partnership) -> Partnership:
        """Another version of the open map (its snapshot, a saved version) as the pages show
        it: with names hidden, each person is called as in the open map (someone there no
        longer, as the wall would have called them)."""
        if self.names == "names":
            return earlier
        if earlier is self.partnership:
            return self._open()
        return self.derived(
            f"as-shown:{_digest(earlier)}",
            lambda _: hide(earlier, mask_of(self._real(), self.names, earlier)),
        )

    def _hidden(self) -> tuple[Mask, Partnership]:
        """The mask and the hidden map of the open map, made once per map and mode."""
        real = self._real()
        held = self._masked
        if held is None or held[0] is not real or held[1] != self.names:
            mask = mask_of(real, self.names)
            held = self._masked = (real, self.names, mask, hide(real, mask))
        return held[2], held[3]

    def use_store(self, store: Store) -> None:
        """List and save new maps in `store` from now on (the open map keeps its own)."""
        if store != self.store:
            self.store = store

    # What is derived from the map, worked out once per content

    def content_hash(self) -> str:
        """SHA-256 of the open map's content: the key of everything derived from it."""
        partnership = self._open()
        if self._hashed is None or self._hashed[0] is not partnership:
            self._hashed = (partnership, _digest(partnership))
        return self._hashed[1]

    def derived(self, name: str, work: Callable[[Partnership], Any]) -> Any:
        """`work(map)`, worked out once per content of the open map: a rerun that changes
        only a filter, or an edit undone, finds it done. Only the current map's are kept."""
        key = self.content_hash()
        held = self._derived.get(key)
        if held is None:
            held = self._derived = {key: {}}
            held = self._derived[key]
        if name not in held:
            held[name] = work(self._open())
        return held[name]

    def shared(self, name: str, work: Callable[[Analysis], T]) -> T:
        """`work(analysis)` of the open map, worked out once for the whole app per content of
        the map (and day, as the analysis): what sessions showing the same map share, such as
        where a view's nodes are drawn. `work` must depend on nothing but the analysis, and
        what it returns is never changed (a page that keeps changing something, like the
        views it has drawn, keeps it in `derived`)."""
        analysis = self.analysis()
        key = (self.content_hash(), dt.date.today(), name)
        return _SHARED.get(key, lambda: work(analysis))

    def analysis(self) -> Analysis:
        """The open map's analysis (graphs, brokerage, the diagnosis), one per content of a
        map in the whole app: twelve sessions showing the county example share one."""
        return shared_analysis(self.content_hash(), self._open())

    def diagnosis(self) -> Diagnosis:
        """The diagnosis of the open map: the one place the app asks for it."""
        return diagnose(self.analysis())

    def _open(self) -> Partnership:
        """The open map as shown (names hidden or not): what is derived comes from it."""
        return self._hidden()[1] if self.names != "names" else self._real()

    def _real(self) -> Partnership:
        """The open map as it is: what is kept, saved and undone."""
        if self.partnership is None:
            raise MapperError("No map is open.")
        return self.partnership

    # Drafts: the session's unsaved changes, kept in a store

    @property
    def drafts_in(self) -> Store:
        """The store this session's draft of the open map is kept in."""
        return self.draft_store or self.store

    def keep_draft(self) -> None:
        """Keep the map as this session's draft; a failure is said (`draft_error`)."""
        try:
            self.drafts_in.keep_draft(
                self.draft_key,
                self.draft_owner,
                self._real(),
                source=self.source,
                name=self.map_name,
                opened=self.version if self.stored else None,
            )
            self.draft_error = None
        except (OSError, MapperError) as error:
            self.draft_error = (
                f"The unsaved changes could not be kept as a draft in {self.drafts_in.where} "
                f"({error}), so a reload would lose them: save the map or download it."
            )

    def forget_draft(self) -> None:
        try:
            self.drafts_in.drop_own_draft(self.draft_key, self.draft_owner)
        except (OSError, MapperError):
            pass  # a draft left behind is offered back, never lost

    def is_own(self, draft: Draft) -> bool:
        return draft.key == self.draft_key and draft.owner == self.draft_owner

    def offered_drafts(self) -> list[Draft]:
        """Drafts of the open map left by other sessions (a reload, another tab), newest
        first."""
        return [
            d for d in self.drafts_in.drafts() if d.key == self.draft_key and not self.is_own(d)
        ]

    def drafts_of_other_maps(self) -> list[Draft]:
        """Drafts kept in the workspace (and beside the open map) for other maps."""
        found: list[Draft] = []
        stores = [self.store] + ([self.drafts_in] if self.drafts_in != self.store else [])
        for store in stores:
            same = store == self.drafts_in
            found += [d for d in store.drafts() if not (same and d.key == self.draft_key)]
        return sorted(found, key=lambda d: d.saved_at, reverse=True)

    def kept_draft_count(self) -> int:
        """How many drafts other sessions left here (any map): said on every page."""
        own = (self.draft_key, self.draft_owner)
        stores = [self.store] + ([self.drafts_in] if self.drafts_in != self.store else [])
        return sum(store.count_drafts(own if store == self.drafts_in else None) for store in stores)

    def draft_since(self, draft: Draft) -> str | None:
        return self.drafts_in.draft_since(draft)

    def restore_draft(self, draft: Draft) -> None:
        """Make the draft's map the open one, unsaved, against the version it was made on
        (so a save over a map saved since is refused); the session takes the draft over."""
        partnership = draft.partnership()
        store = self.drafts_in
        name = draft.map_name
        self.show(
            partnership,
            draft.source,
            store=store if name else None,
            name=name,
            version=draft.opened_digest if name else None,
            key=draft.key,
        )
        self.draft_store = store  # the session takes over the draft where it was kept
        self._saved = None  # the draft is not what the file holds
        self._change_real(partnership)
        if not self.is_own(draft):
            store.drop_draft(draft)

    def discard_draft(self, draft: Draft) -> None:
        self.drafts_in.drop_draft(draft)

    # Opening another map: ask first when this one has unsaved changes

    def open_asking(self, pending: Pending) -> bool:
        """Open the map now, or hold it while the open map has unsaved changes until the
        person chooses what happens to them (`settle_pending`). True when it was opened."""
        if self.unsaved:
            self.pending = pending
            return False
        self._open_pending(pending)
        return True

    def _open_pending(self, pending: Pending) -> None:
        self.pending = None
        self.show(
            pending.partnership,
            pending.source,
            store=pending.store,
            name=pending.name,
            version=pending.version,
            key=pending.key,
        )

    def save_first_name(self) -> str:
        """Where "save them first" saves the open map: its name, or a new one."""
        return self.map_name or self.store.name_for(self._real().name)

    def settle_pending(self, choice: Choice) -> Pending | None:
        """Do what the person chose for the unsaved changes, then open the map held back.
        Returns it once opened; None otherwise (a refused save says why in save_outcome)."""
        pending = self.pending
        if pending is None or choice == "cancel":
            self.pending = None
            return None
        if choice == "save":
            self.save(self.save_first_name())
            if self.unsaved:
                return None
        elif choice == "keep":
            self.keep_draft()
            if self.draft_error:
                return None
        elif choice == "discard":
            self.forget_draft()
        self.save_outcome = None
        self._open_pending(pending)
        return pending

    # Saving

    def save_target(self, name: str | None = None) -> tuple[Store, str]:
        """The store and name a save goes to: the map's own, or `name` in the workspace
        (by default a name made from the map's)."""
        if name is None or name == self.map_name:
            if self.map_name is not None:
                return self.map_store or self.store, self.map_name
            return self.store, self.store.name_for(self._real().name)
        return self.store, name

    def save(self, name: str | None = None, *, as_new: bool = False) -> None:
        """Save the map (to its store, or under `name` in the workspace); what happened is
        in `save_outcome`. `as_new`: the map was deleted or moved since it was opened, and
        saving puts it back as a new one."""
        store, name = self.save_target(name)
        own = (store, name) == (self.map_store, self.map_name) and self.stored and not as_new
        try:
            version = store.save(name, self._real(), self.version if own else None)
        except FileGone as error:
            self.save_outcome = Outcome("gone", str(error))
            return
        except SaveConflict as error:
            self.save_outcome = Outcome("error", str(error))
            return
        except MapperError as error:
            message = str(error)
            if "nothing was saved" not in message.lower():
                message = f"Nothing was saved: {message}"
            self.save_outcome = Outcome("error", message)
            return
        except OSError as error:
            self.save_outcome = Outcome("error", f"Nothing was saved: {error}")
            return
        self.forget_draft()
        self.map_store, self.map_name, self.version, self.stored = store, name, version, True
        self.source, self.unsaved, self._saved = name, False, self._real()
        self.draft_store, self.draft_key = store, file_key_of(name)
        earlier = len(store.history(name))
        self.save_outcome = Outcome(
            "success",
            f"Saved {name}. {earlier} earlier versions are kept in {store.history_where(name)}.",
        )

    def restore_version(self, version: str) -> None:
        """Put an earlier version of the open (stored, saved) map back as its current one,
        through the store's checks, and show it; what happened is in `save_outcome`."""
        if self.map_store is None or self.map_name is None or not self.stored or self.unsaved:
            self.save_outcome = Outcome(
                "error", "Save or discard the changes first: nothing was put back."
            )
            return
        store, name = self.map_store, self.map_name
        try:
            store.restore(name, version, self.version)
            opened = store.open(name)
        except MapperError as error:
            self.save_outcome = Outcome("error", str(error))
            return
        self.show(opened.partnership, name, store=store, name=name, version=opened.version)
        when = next((v.saved_at for v in store.history(name) if v.id == version), None)
        self.save_outcome = Outcome(
            "success",
            f"Put back the version of {name} from "
            f"{when.astimezone().strftime('%d %b %Y at %H:%M') if when else version}; "
            "the version it replaced is kept among the earlier versions.",
        )


def _digest(partnership: Partnership) -> str:
    return hashlib.sha256(partnership.model_dump_json().encode("utf-8")).hexdigest()


def file_key_of(name: str) -> str:
    """The name a stored map's drafts are kept under (as `mapper.drafts.file_key`)."""
    return f"file:{name}"


def draft_time(draft: Draft) -> str:
    """When a draft was last written, in the reader's local time."""
    return draft.saved_at.astimezone().strftime("%d %b %Y at %H:%M")


#: How many maps' analyses the app keeps at once, the most recently used.
KEPT_ANALYSES = 8
_ANALYSES: OrderedDict[tuple[str, dt.date], Analysis] = OrderedDict()
_ANALYSES_LOCK = threading.Lock()


def shared_analysis(content_hash: str, partnership: Partnership) -> Analysis:
    """The analysis of the map with this content, made by the first session to ask today
    (planned departures count from today, so a new day starts a new one)."""
    key = (content_hash, dt.date.today())
    with _ANALYSES_LOCK:
        if key in _ANALYSES:
            _ANALYSES.move_to_end(key)
            return _ANALYSES[key]
        analysis = _ANALYSES[key] = Analysis(partnership)
        while len(_ANALYSES) > KEPT_ANALYSES:
            _ANALYSES.popitem(last=False)
        return analysis


class Kept:
    """Values worked out once for the whole app, by key, the `size` most recently used kept.
    A session asking for a key that another is working out waits for its value; other keys
    are not held up. A failure is not kept: the next session asking tries again."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._values: OrderedDict[Hashable, Any] = OrderedDict()
        self._lock = threading.Lock()
        self._working: dict[Hashable, threading.Lock] = {}  # one lock per key being worked out

    def get(self, key: Hashable, work: Callable[[], T]) -> T:
        with self._lock:
            if key in self._values:
                self._values.move_to_end(key)
                return cast(T, self._values[key])
            working = self._working.setdefault(key, threading.Lock())
        with working:
            with self._lock:
                if key in self._values:
                    return cast(T, self._values[key])
            try:
                value = work()
            finally:
                with self._lock:
                    self._working.pop(key, None)
            with self._lock:
                self._values[key] = value
                while len(self._values) > self.size:
                    self._values.popitem(last=False)
            return value

    def __len__(self) -> int:
        return len(self._values)


#: The maps read from a file, for the sessions that open the same file.
_MAPS = Kept(8)
#: What sessions showing the same map share (`AppState.shared`): a few things per kept analysis.
_SHARED = Kept(8 * KEPT_ANALYSES)


def shared_map(source: bytes, parse: Callable[[bytes], Partnership]) -> Partnership:
    """`parse(source)`, done once for the whole app per content of the file: every session
    opens the county example first, and twelve of them at once read it once, not twelve
    times. A map is never changed in place (a change replaces it), so sessions can share it
    as they share its analysis. A file that fails to read is tried again by the next session."""
    return _MAPS.get(hashlib.sha256(source).hexdigest(), lambda: parse(source))
