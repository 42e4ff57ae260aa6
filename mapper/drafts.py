"""Drafts: the unsaved changes of an app session, kept on disk so that a reload, a closed tab
or opening another map loses nothing.

A draft is a small JSON file in the workspace's ``.drafts/`` folder (beside the map when the
map is a file, in the workspace folder the session uses otherwise), written atomically after
every change the app makes to the map, and removed once the map is saved or the draft is
discarded. It is never sent anywhere; like the map it holds personal data, and it is created
readable by its owner only.

Drafts are keyed on a name: ``file:ours.yaml`` for a map file, ``example:...``, ``upload:...``
or the like for a map that is not a file (the bundled example, an upload, an import). Each
session writes its own draft (``owner``), so two tabs on the same map never overwrite each
other's unsaved changes; opening a map offers every draft kept under its name.

A draft remembers the hash the map file had when the session opened it, so offering it can
say when the file was saved (or deleted) since: those changes do not include that save.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
from dataclasses import dataclass
from pathlib import Path

from mapper.errors import MapperError
from mapper.load import DEFAULT_MAX_BYTES, parse_map
from mapper.model import Partnership, slug
from mapper.save import dump_map
from mapper.workspace import DRAFTS, digest_of, write_atomically

__all__ = [
    "Draft",
    "drafts_in",
    "drafts_for",
    "write_draft",
    "remove_draft",
    "draft_file",
    "new_owner",
    "file_key",
]

FORMAT = 1
_OWNER = re.compile(r"^[0-9a-f]{8,32}$")


@dataclass(frozen=True)
class Draft:
    """One session's unsaved changes to one map, as kept on disk."""

    file: Path  # the draft's own file, in .drafts/
    key: str  # the name the draft is kept under
    owner: str  # the session that wrote it
    source: str  # where the map came from, as the app shows it
    path: Path | None  # the map file it belongs to, if any
    opened_digest: str | None  # that file's hash when the session opened it
    saved_at: dt.datetime  # when the draft was last written (UTC)
    text: str  # the map as YAML

    @property
    def map_name(self) -> str | None:
        """The name of the map file these changes belong to, in its store; None when the
        map is not a file (an example, an upload, an import)."""
        return self.path.name if self.path is not None else None

    def partnership(self) -> Partnership:
        return parse_map(self.text, filename=self.file.name)

    def file_since(self) -> str | None:
        """What happened to the map file since these changes were made, as a sentence, or
        None when it is as the session found it (or there is no file)."""
        if self.path is None:
            return None
        try:
            current = self.path.read_bytes()
        except FileNotFoundError:
            current = None
        except OSError:
            return f"{self.path.name} cannot be read now."
        if current is None:
            return (
                None
                if self.opened_digest is None
                else f"{self.path.name} has been deleted or moved since."
            )
        if digest_of(current) == self.opened_digest:
            return None
        when = dt.datetime.fromtimestamp(self.path.stat().st_mtime).strftime("%d %b %Y %H:%M")
        return (
            f"{self.path.name} has been saved since (at {when}), so these changes do not "
            "include that save and saving them over it would be refused: restore them to "
            "look at them and download what you need."
        )


def file_key(path: Path) -> str:
    """The name a map file's drafts are kept under."""
    return f"file:{path.name}"


def new_owner() -> str:
    """A fresh id for the session writing drafts."""
    return os.urandom(8).hex()


def draft_file(folder: str | os.PathLike[str], key: str, owner: str) -> Path:
    """The file that holds `owner`'s draft of the map kept under `key`."""
    if not _OWNER.match(owner):
        raise MapperError(f"{owner!r} is not a draft owner id")
    readable = slug(key.split(":", 1)[-1], 40) or "map"
    hashed = hashlib.sha256(key.encode("utf-8")).hexdigest()[:12]
    return Path(folder) / DRAFTS / f"{readable}-{hashed}.{owner}.json"


def write_draft(
    folder: str | os.PathLike[str],
    key: str,
    owner: str,
    partnership: Partnership,
    *,
    source: str,
    path: Path | None,
    opened_digest: str | None,
) -> Path:
    """Keep `partnership` as `owner`'s draft under `key` (replacing the one it had), atomically."""
    target = draft_file(folder, key, owner)
    target.parent.mkdir(parents=True, exist_ok=True)
    record = {
        "format": FORMAT,
        "key": key,
        "owner": owner,
        "source": source,
        "path": str(path) if path is not None else None,
        "opened_digest": opened_digest,
        "saved_at": dt.datetime.now(dt.UTC).isoformat(),
        "map": dump_map(partnership),
    }
    write_atomically(target, json.dumps(record, ensure_ascii=False, indent=1).encode("utf-8"))
    return target


def remove_draft(file: Path) -> None:
    file.unlink(missing_ok=True)


def drafts_in(folder: str | os.PathLike[str]) -> list[Draft]:
    """Every readable draft kept in `folder`, newest first. A file that is not a draft (or
    one too damaged to read) is left alone and not offered."""
    store = Path(folder) / DRAFTS
    try:
        files = [p for p in store.iterdir() if p.suffix == ".json" and not p.name.startswith(".")]
    except OSError:
        return []
    found = [draft for draft in map(_read, files) if draft is not None]
    return sorted(found, key=lambda d: d.saved_at, reverse=True)


def drafts_for(
    folder: str | os.PathLike[str], key: str, *, besides: Path | None = None
) -> list[Draft]:
    """The drafts kept under `key`, newest first, leaving out the file `besides` (the
    session's own draft, which holds what it shows already)."""
    return [d for d in drafts_in(folder) if d.key == key and d.file != besides]


def _read(file: Path) -> Draft | None:
    try:
        if file.stat().st_size > 2 * DEFAULT_MAX_BYTES:
            return None
        record = json.loads(file.read_text(encoding="utf-8"))
        if (
            record.get("format") != FORMAT
            or file.name != draft_file(file.parent.parent, record["key"], record["owner"]).name
        ):
            return None
        return Draft(
            file=file,
            key=record["key"],
            owner=record["owner"],
            source=str(record["source"]),
            path=Path(record["path"]) if record.get("path") else None,
            opened_digest=record.get("opened_digest"),
            saved_at=dt.datetime.fromisoformat(record["saved_at"]),
            text=str(record["map"]),
        )
    except (OSError, ValueError, KeyError, TypeError, AttributeError, MapperError):
        return None
