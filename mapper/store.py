"""Where maps are kept: the `Store` protocol the app opens, saves and lists maps through,
and `FolderStore`, its implementation on a workspace folder of YAML files.

A store holds maps under names, each with a version token (for the folder, the SHA-256 of the
file's bytes) taken when it is opened. Every implementation makes the same promises:

- `save` is atomic and keeps the version it replaces; it refuses (`SaveConflict`) to replace
  a map whose version is no longer the one the caller opened (someone else saved it), and a
  new map (`opened=None`) over one that exists; a map removed since it was opened raises
  `FileGone`, and saving it again as new (`opened=None`) puts it back;
- `history` lists the earlier versions, newest first, and `restore` puts one back under the
  same checks as a save (the version it replaces is kept in turn);
- drafts (a session's unsaved changes, `mapper.drafts.Draft`) are kept per map name and per
  owner (the session), so two sessions never overwrite each other's.

Pages and the app state use only this protocol; a database for several people editing at
once will be a second implementation. `tests/test_store.py` holds every implementation to
the same suite.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol, runtime_checkable

from mapper import drafts as _drafts
from mapper import workspace as _ws
from mapper.drafts import Draft
from mapper.errors import MapperError
from mapper.load import DEFAULT_MAX_BYTES, parse_map, read_map_file
from mapper.model import Partnership

__all__ = ["Store", "StoredMap", "Version", "FolderStore"]


@dataclass(frozen=True)
class StoredMap:
    """A map as a store gave it out: its name there, the map, and its version token."""

    name: str
    partnership: Partnership
    version: str


@dataclass(frozen=True)
class Version:
    """An earlier version of a map, as `Store.history` lists it."""

    id: str  # what `restore` and `open_version` take
    saved_at: dt.datetime  # when it stopped being the current version (UTC)


@runtime_checkable
class Store(Protocol):
    """Maps kept under names, opened with a version token and saved against it."""

    @property
    def where(self) -> str:
        """Where the maps are, as a person reads it (a folder's path)."""
        ...

    def names(self) -> list[str]:
        """The maps kept, by name (case-insensitive order)."""
        ...

    def location(self, name: str) -> str:
        """Where the map `name` is (or would be) kept, as a person reads it."""
        ...

    def name_problem(self, name: str) -> str | None:
        """Why `name` cannot name a map here, as a sentence; None when it can."""
        ...

    def name_for(self, title: str) -> str:
        """An acceptable name for a new map called `title`."""
        ...

    def open(self, name: str) -> StoredMap:
        """The map kept under `name`, validated; MapperError saying why when it cannot be."""
        ...

    def version_of(self, name: str) -> str | None:
        """The version token the map has now; None when there is no such map."""
        ...

    def save(self, name: str, partnership: Partnership, opened: str | None) -> str:
        """Keep `partnership` under `name` and return its new version token. `opened` is the
        token the caller opened (None: a new map). SaveConflict, FileGone or MapperError
        when refused; then nothing is changed."""
        ...

    def history(self, name: str) -> list[Version]:
        """The earlier versions of the map, newest first."""
        ...

    def history_where(self, name: str) -> str:
        """Where the earlier versions of the map are kept, as a person reads it."""
        ...

    def open_version(self, name: str, version: str) -> Partnership:
        """An earlier version of the map, to look at."""
        ...

    def restore(self, name: str, version: str, opened: str | None) -> str:
        """Make an earlier version the current one, checked as `save` is; its new token."""
        ...

    def drafts(self) -> list[Draft]:
        """Every draft kept here, newest first."""
        ...

    def keep_draft(
        self,
        key: str,
        owner: str,
        partnership: Partnership,
        *,
        source: str,
        name: str | None,
        opened: str | None,
    ) -> None:
        """Keep `partnership` as `owner`'s draft of the map known as `key` (replacing the
        one it had). `name` is the stored map it belongs to, if any, opened at `opened`."""
        ...

    def count_drafts(self, besides: tuple[str, str] | None = None) -> int:
        """How many drafts are kept, leaving out the one of `besides` (key, owner). Cheap:
        the app says it on every page."""
        ...

    def drop_draft(self, draft: Draft) -> None:
        """Forget a draft (restored, discarded, or its map saved)."""
        ...

    def drop_own_draft(self, key: str, owner: str) -> None:
        """Forget `owner`'s draft of `key`, if it made one."""
        ...

    def draft_since(self, draft: Draft) -> str | None:
        """What happened to the draft's map since the draft was made, as a sentence; None
        when nothing did (or the draft is not of a stored map)."""
        ...


class FolderStore:
    """A workspace folder of YAML map files (`mapper.workspace`), with `.history/` and
    `.drafts/` beside them. The folder need not exist until something is saved in it (the
    app's workspace), unless `make_folder` is False (the command line, which writes where it
    is told and refuses a folder that is not there)."""

    def __init__(
        self, folder: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES, make_folder: bool = True
    ) -> None:
        if "\0" in str(folder):  # no system call takes it; say so rather than fail later
            raise MapperError("a folder name cannot hold a NUL character: type it again")
        self.folder = Path(folder)
        self.max_bytes = max_bytes
        self.make_folder = make_folder

    def __repr__(self) -> str:
        return f"FolderStore({str(self.folder)!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, FolderStore) and other.folder == self.folder

    def __hash__(self) -> int:
        return hash(self.folder)

    @property
    def where(self) -> str:
        return str(self.folder)

    def path(self, name: str) -> Path:
        """The file a map name stands for; refuses a name that is not a map file's."""
        _ws.check_map_name(name)
        return self.folder / name

    def location(self, name: str) -> str:
        return str(self.folder / name)

    def names(self) -> list[str]:
        try:
            return [p.name for p in _ws.list_maps(self.folder)]
        except OSError as error:
            raise MapperError(
                f"the folder {self.folder} cannot be read ({error.strerror})"
            ) from None

    def name_problem(self, name: str) -> str | None:
        return _ws.map_name_problem(name)

    def name_for(self, title: str) -> str:
        return _ws.map_file_name(title)

    def open(self, name: str) -> StoredMap:
        problem = _ws.map_name_problem(name)
        if problem:
            raise MapperError(f"{problem}.")
        opened = _ws.open_map(self.folder / name, max_bytes=self.max_bytes)
        assert opened.digest is not None
        return StoredMap(name, opened.partnership, opened.digest)

    def version_of(self, name: str) -> str | None:
        try:
            return _ws.digest_of(self.path(name).read_bytes())
        except FileNotFoundError:
            return None
        except OSError as error:
            raise MapperError(f"{name} cannot be read ({error.strerror})") from None

    def save(self, name: str, partnership: Partnership, opened: str | None) -> str:
        _ws.check_map_name(name)
        try:
            if self.make_folder:
                self.folder.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise MapperError(
                f"Nothing was saved: the folder {self.folder} cannot be made ({error.strerror})."
            ) from None
        return _ws.save_map(self.folder / name, partnership, opened)

    def history(self, name: str) -> list[Version]:
        return [
            Version(
                p.name,
                dt.datetime.strptime(p.stem, "%Y%m%dT%H%M%S%fZ").replace(tzinfo=dt.UTC),
            )
            for p in _ws.versions(self.path(name))
        ]

    def history_place(self, name: str) -> Path:
        """Where the earlier versions of `name` are kept (beside the real file)."""
        return _ws.history_folder(self.path(name))

    def history_where(self, name: str) -> str:
        return str(self.history_place(name))

    def open_version(self, name: str, version: str) -> Partnership:
        if version not in {v.id for v in self.history(name)}:
            raise MapperError(f"{version!r} is not an earlier version of {name}")
        file = self.history_place(name) / version
        data = read_map_file(file, max_bytes=self.max_bytes)
        return parse_map(data, filename=f"{name} ({version})", max_bytes=self.max_bytes)

    def restore(self, name: str, version: str, opened: str | None) -> str:
        return _ws.restore_version(self.path(name), version, opened)

    def drafts(self) -> list[Draft]:
        return _drafts.drafts_in(self.folder)

    def keep_draft(
        self,
        key: str,
        owner: str,
        partnership: Partnership,
        *,
        source: str,
        name: str | None,
        opened: str | None,
    ) -> None:
        _drafts.write_draft(
            self.folder,
            key,
            owner,
            partnership,
            source=source,
            path=self.folder / name if name is not None else None,
            opened_digest=opened if name is not None else None,
        )

    def count_drafts(self, besides: tuple[str, str] | None = None) -> int:
        own = _drafts.draft_file(self.folder, *besides) if besides else None
        try:
            return sum(1 for p in (self.folder / _ws.DRAFTS).glob("*.json") if p != own)
        except OSError:
            return 0

    def drop_draft(self, draft: Draft) -> None:
        _drafts.remove_draft(draft.file)

    def drop_own_draft(self, key: str, owner: str) -> None:
        _drafts.remove_draft(_drafts.draft_file(self.folder, key, owner))

    def draft_since(self, draft: Draft) -> str | None:
        return draft.file_since()
