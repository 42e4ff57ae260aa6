"""The workspace: a folder of map files that the app opens and saves without losing anything.

`shared/ENGINEERING.md` ("Saving without losing anything") sets the rules followed here:

- a save writes a temporary file in the same folder, flushes and fsyncs it, then `os.replace`s
  it over the map, so a crash or a full disk leaves the old file or the new one, never half;
- the version being replaced is first kept under ``.history/<file name>/`` (the newest
  `KEEP_VERSIONS` of them), so an unwanted save can be undone by hand;
- a lock file (filelock) is held around read-compare-write, for app sessions (threads of one
  process) and for other processes alike;
- each map is opened with the SHA-256 of its bytes; a save is refused with a clear message when
  the file on disk no longer has that hash, because someone else saved it meanwhile;
- the comment lines at the top of the file replaced are written again at the top of the new one.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from filelock import FileLock, Timeout

from mapper.errors import MapperError
from mapper.load import DEFAULT_MAX_BYTES, parse_map, read_map_file
from mapper.model import Partnership, slug
from mapper.save import dump_map, leading_comments

__all__ = ["OpenedMap", "SaveConflict", "list_maps", "open_map", "save_map", "versions",
           "digest_of", "map_file_name", "write_atomically"]

KEEP_VERSIONS = 20
LOCK_TIMEOUT_SECONDS = 10
HISTORY = ".history"


class SaveConflict(MapperError):
    """The file changed on disk after it was opened: saving would overwrite someone's work."""


@dataclass(frozen=True)
class OpenedMap:
    """A map as read from disk, with the hash its file had then (None: not on disk yet)."""

    path: Path
    partnership: Partnership
    digest: str | None


def digest_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def list_maps(folder: str | os.PathLike[str]) -> list[Path]:
    """The map files (``.yaml``/``.yml``, not hidden) directly in `folder`, by name."""
    root = Path(folder)
    if not root.is_dir():
        return []
    return sorted((p for p in root.iterdir() if p.suffix.lower() in {".yaml", ".yml"}
                   and not p.name.startswith(".") and p.is_file()), key=lambda p: p.name.lower())


def map_file_name(name: str) -> str:
    """A safe file name for a new map called `name`: letters, digits and dashes only."""
    return f"{slug(name) or 'map'}.yaml"


def open_map(path: str | os.PathLike[str], *, max_bytes: int = DEFAULT_MAX_BYTES) -> OpenedMap:
    """Read and validate the map at `path`, remembering the hash of exactly the bytes read."""
    target = Path(path)
    data = read_map_file(target, max_bytes=max_bytes)
    return OpenedMap(target, parse_map(data, filename=target.name, max_bytes=max_bytes),
                     digest_of(data))


def save_map(path: str | os.PathLike[str], partnership: Partnership,
             opened_digest: str | None) -> str:
    """Write `partnership` to `path` atomically and return the new file's hash.

    `opened_digest` is the hash the file had when it was opened, or None for a file that did
    not exist. Raises SaveConflict, leaving the file alone, when the file on disk differs.
    """
    target = Path(path)
    text = dump_map(partnership)
    if parse_map(text, filename=target.name) != partnership:  # never write what cannot be read
        raise MapperError("the map could not be written faithfully; nothing was saved")
    lock = FileLock(str(target.with_name(f".{target.name}.lock")), timeout=LOCK_TIMEOUT_SECONDS)
    try:
        with lock:
            current = target.read_bytes() if target.exists() else None
            if (digest_of(current) if current is not None else None) != opened_digest:
                raise SaveConflict(
                    f"{target.name} was changed by someone else after you opened it, so "
                    "saving now would overwrite their work. Download your version to keep it, "
                    "then reload the file and make your changes again.")
            header = ""
            if current is not None:
                _keep_version(target, current)
                header = leading_comments(current.decode("utf-8", errors="replace"))
            data = (header + text).encode("utf-8")
            write_atomically(target, data)
    except Timeout:
        raise SaveConflict(f"{target.name} is being saved by someone else; try again in a "
                           "moment") from None
    return digest_of(data)


def versions(path: str | os.PathLike[str]) -> list[Path]:
    """Earlier versions of the map at `path`, newest first."""
    folder = _history_folder(Path(path))
    return sorted(folder.glob("*.yaml"), reverse=True) if folder.is_dir() else []


def _history_folder(target: Path) -> Path:
    return target.parent / HISTORY / target.name


def _keep_version(target: Path, data: bytes) -> None:
    folder = _history_folder(target)
    folder.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S%fZ")
    write_atomically(folder / f"{stamp}.yaml", data)
    for old in versions(target)[KEEP_VERSIONS:]:
        old.unlink(missing_ok=True)


def write_atomically(target: Path, data: bytes) -> None:
    """Temporary file in the same folder, flushed and fsynced, then renamed over `target`."""
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.",
                                         suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        if target.exists():
            os.chmod(temporary, target.stat().st_mode & 0o777)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    _sync_folder(target.parent)


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX); Windows has no directory handles to sync."""
    if os.name != "posix":
        return
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
