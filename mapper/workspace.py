"""The workspace: a folder of map files that the app opens and saves without losing anything.

`shared/ENGINEERING.md` ("Saving without losing anything") sets the rules followed here:

- a save writes a temporary file in the same folder, flushes and fsyncs it, then `os.replace`s
  it over the map, so a crash or a full disk leaves the old file or the new one, never half;
- the version being replaced is first kept under ``.history/<file name>/`` (the newest
  `KEEP_VERSIONS` of them), so an unwanted save can be undone (`restore_version` puts one
  back, byte for byte, under the same checks as a save);
- a lock file (filelock) is held around read-compare-write, for app sessions (threads of one
  process) and for other processes alike;
- each map is opened with the SHA-256 of its bytes; a save is refused with a clear message when
  the file on disk no longer has that hash, because someone else saved it meanwhile;
- the comment lines at the top of the file replaced are written again at the top of the new one;
- a file deleted or moved since it was opened is reported as such (`FileGone`), not as someone
  else's change: saving it again as a new file (`opened_digest=None`) recreates it;
- a symlinked map is written through: the link is resolved and the real file is replaced
  atomically in its own folder, with its lock and its history beside it;
- a read-only file is refused ("the file is read-only") and nothing is written, not even a
  version in the history (`os.replace` would ignore the file's mode);
- one rule (`map_name_problem`) says which names are map files: the list shows exactly the
  names a save accepts;
- temporary files a killed save left behind (older than `STALE_TEMPORARY_SECONDS`, and not
  of a save that holds its lock now) are removed when the folder is listed or a map opened.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import stat
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from filelock import FileLock, Timeout

from mapper.errors import FileGone, MapperError, SaveConflict
from mapper.load import DEFAULT_MAX_BYTES, parse_map, read_map_file
from mapper.model import Partnership, slug
from mapper.save import dump_map, leading_comments

__all__ = [
    "FileGone",
    "OpenedMap",
    "SaveConflict",
    "list_maps",
    "open_map",
    "save_map",
    "restore_version",
    "versions",
    "digest_of",
    "map_file_name",
    "map_name_problem",
    "check_map_name",
    "clean_temporaries",
    "history_folder",
    "real_path",
    "write_atomically",
]

KEEP_VERSIONS = 20
LOCK_TIMEOUT_SECONDS = 10
HISTORY = ".history"
DRAFTS = ".drafts"  # mapper.drafts keeps unsaved changes here; cleaned like the history
STALE_TEMPORARY_SECONDS = 10 * 60
MAP_SUFFIXES = (".yaml", ".yml")
MAX_NAME_LENGTH = 120
WINDOWS_RESERVED = frozenset(
    {
        "con",
        "prn",
        "aux",
        "nul",
        *(f"com{n}" for n in range(1, 10)),
        *(f"lpt{n}" for n in range(1, 10)),
    }
)
_NOT_ON_WINDOWS = set('<>:"|?*')
#: what `tempfile.mkstemp(prefix=".NAME.", suffix=".tmp")` makes: 8 random letters or digits
_TEMPORARY = re.compile(r"^\.(?P<name>.+)\.[a-z0-9_]{8}\.tmp$")
_VERSION = re.compile(r"^\d{8}T\d{12}Z\.yaml$")


@dataclass(frozen=True)
class OpenedMap:
    """A map as read from disk, with the hash its file had then (None: not on disk yet)."""

    path: Path
    partnership: Partnership
    digest: str | None


def digest_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def map_name_problem(name: str) -> str | None:
    """Why `name` cannot be a map's file name, as a plain sentence; None when it can.

    The one rule for map file names: `list_maps` shows exactly the files it accepts and
    `save_map` refuses the names it does not, so a saved map always appears in the list.
    """
    shown = repr(name) if name != name.strip() or not name else name
    if not name.strip():
        return "the file name is empty: give one such as ours.yaml"
    if "/" in name or "\\" in name or name in (".", ".."):
        return (
            f"{shown} is a path, not a file name: give just the name, such as ours.yaml "
            "(maps are saved in the workspace folder)"
        )
    if name.startswith("."):
        return (
            f"{shown} starts with a dot, which hides the file, so it would not be listed "
            "as a map: give a name such as ours.yaml"
        )
    if not name.lower().endswith(MAP_SUFFIXES):
        return f"{shown} does not end in .yaml or .yml, so it would not be listed as a map"
    if any(ord(c) < 32 or c in _NOT_ON_WINDOWS for c in name):
        return (
            f"{shown} holds a character Windows does not allow in file names "
            '(< > : " | ? * or a control character): leave it out'
        )
    if name.split(".")[0].strip().lower() in WINDOWS_RESERVED:
        return (
            f"{shown} is a name Windows keeps for a device (CON, PRN, AUX, NUL, COM1 to "
            "COM9, LPT1 to LPT9), so the file could not be opened there: choose another"
        )
    if len(name) > MAX_NAME_LENGTH:
        return (
            f"the file name is {len(name)} characters long, more than the "
            f"{MAX_NAME_LENGTH} this tool accepts: shorten it"
        )
    return None


def check_map_name(name: str) -> None:
    """Raise MapperError, saying why and what to do, when `name` cannot be a map file's name."""
    problem = map_name_problem(name)
    if problem:
        raise MapperError(f"Nothing was saved: {problem}.")


def list_maps(folder: str | os.PathLike[str]) -> list[Path]:
    """The map files directly in `folder` (the names `map_name_problem` accepts), by name.
    Listing also clears away temporary files a killed save left behind."""
    root = Path(folder)
    if not root.is_dir():
        return []
    clean_temporaries(root)
    return sorted(
        (p for p in root.iterdir() if map_name_problem(p.name) is None and p.is_file()),
        key=lambda p: p.name.lower(),
    )


def clean_temporaries(
    folder: str | os.PathLike[str], older_than: float = STALE_TEMPORARY_SECONDS
) -> list[Path]:
    """Remove the temporary files a killed save left in `folder`, its history and its drafts;
    return those removed.

    Only files named as `write_atomically` names them, older than `older_than` seconds, and
    (for a map's temporaries) only while no save holds that map's lock. Anything that cannot
    be looked at or removed is left alone: cleaning never stops a map from opening.
    """
    root = Path(folder)
    places: list[tuple[Path, str | None]] = [(root, None), (root / DRAFTS, "")]
    try:
        if (root / HISTORY).is_dir():
            places += [(p, p.name) for p in (root / HISTORY).iterdir() if p.is_dir()]
    except OSError:
        pass
    removed = []
    now = time.time()
    for place, owner in places:
        try:
            candidates = [(p, m) for p in place.iterdir() if (m := _TEMPORARY.match(p.name))]
        except OSError:
            continue
        for candidate, named in candidates:
            try:
                info = candidate.lstat()
                if not stat.S_ISREG(info.st_mode) or now - info.st_mtime < older_than:
                    continue
                map_name = named["name"] if owner is None else owner
                if map_name and _being_saved(root / f".{map_name}.lock"):
                    continue
                candidate.unlink()
                removed.append(candidate)
            except OSError:
                continue
    return removed


def _being_saved(lock_path: Path) -> bool:
    if not lock_path.exists():
        return False
    try:
        with FileLock(str(lock_path), timeout=0):
            return False
    except Timeout:
        return True


def map_file_name(name: str) -> str:
    """A safe file name for a new map called `name`: letters, digits and dashes only."""
    return f"{slug(name) or 'map'}.yaml"


def open_map(path: str | os.PathLike[str], *, max_bytes: int = DEFAULT_MAX_BYTES) -> OpenedMap:
    """Read and validate the map at `path`, remembering the hash of exactly the bytes read."""
    target = Path(path)
    clean_temporaries(target.parent)
    data = read_map_file(target, max_bytes=max_bytes)
    return OpenedMap(
        target, parse_map(data, filename=target.name, max_bytes=max_bytes), digest_of(data)
    )


def save_map(
    path: str | os.PathLike[str], partnership: Partnership, opened_digest: str | None
) -> str:
    """Write `partnership` to `path` atomically and return the new file's hash.

    `opened_digest` is the hash the file had when it was opened, or None for a file that did
    not exist. Raises SaveConflict, leaving the file alone, when the file on disk differs;
    FileGone when it was deleted or moved since; MapperError for a name that is not a map
    file's (`map_name_problem`) and for a read-only file. A symlink is written through.
    """
    given = Path(path)
    check_map_name(given.name)
    text = dump_map(partnership)
    if parse_map(text, filename=given.name) != partnership:  # never write what cannot be read
        raise MapperError("the map could not be written faithfully; nothing was saved")

    def with_header(current: bytes | None) -> bytes:
        header = leading_comments(current.decode("utf-8", errors="replace")) if current else ""
        return (header + text).encode("utf-8")

    return _replace(given, with_header, opened_digest)


def restore_version(path: str | os.PathLike[str], version: str, opened_digest: str | None) -> str:
    """Put the earlier version `version` (a name `versions` lists) back as the map at `path`,
    byte for byte, and return the file's new hash. The version it replaces is kept in the
    history like any save's, and the same refusals apply (SaveConflict, FileGone, read-only)."""
    given = Path(path)
    check_map_name(given.name)
    if not _VERSION.match(version):
        raise MapperError(f"{version!r} is not an earlier version of {given.name}")
    kept = history_folder(given) / version
    try:
        data = kept.read_bytes()
    except OSError:
        raise MapperError(
            f"the earlier version {version} of {given.name} is no longer kept; nothing was changed"
        ) from None
    parse_map(data, filename=given.name)  # an unreadable version is refused, not put back
    return _replace(given, lambda current: data, opened_digest)


def _replace(given: Path, data_for: Callable[[bytes | None], bytes], opened: str | None) -> str:
    """Replace the file at `given` with `data_for(what it holds now)` under its lock, after
    checking it still has the hash `opened` (None: it must not exist yet)."""
    target = real_path(given)
    # Before the lock: filelock makes a missing folder for its lock file (a save to
    # /nonexistent/m.yaml made /nonexistent), and a folder it cannot write in looked like a
    # lock held by someone else until it timed out.
    if not target.parent.is_dir():
        raise MapperError(
            f"the folder {target.parent} does not exist, so {given.name} was not saved; "
            "choose a folder that exists"
        )
    try:  # a file made and removed: what the lock and the save are about to do
        probe, probe_name = tempfile.mkstemp(prefix=".probe-", dir=target.parent)
        os.close(probe)
        os.unlink(probe_name)
    except OSError:
        raise MapperError(
            f"this computer does not let the tool write in {target.parent}, so {given.name} "
            "was not saved; choose another folder"
        ) from None
    lock = FileLock(str(target.with_name(f".{target.name}.lock")), timeout=LOCK_TIMEOUT_SECONDS)
    try:
        with lock:
            current = target.read_bytes() if target.exists() else None
            if current is None and opened is not None:
                raise FileGone(
                    f"{given.name} was deleted or moved after you opened it, so nothing was "
                    "saved. Save it again as a new file to put your version back, or download "
                    "it."
                )
            if current is not None and opened is None:
                raise SaveConflict(
                    f"{given.name} already exists: a file of that name was saved after you "
                    "started this map, and saving would overwrite it. Choose another file "
                    "name, or download your version to keep it."
                )
            if (digest_of(current) if current is not None else None) != opened:
                raise SaveConflict(
                    f"{given.name} was changed by someone else after you opened it, so "
                    "saving now would overwrite their work. Download your version to keep it, "
                    "then reload the file and make your changes again."
                )
            _refuse_read_only(target, given.name)
            data = data_for(current)
            if current is not None:
                _keep_version(target, current)
            write_atomically(target, data)
    except Timeout:
        raise SaveConflict(
            f"{target.name} is being saved by someone else; try again in a moment"
        ) from None
    return digest_of(data)


def versions(path: str | os.PathLike[str]) -> list[Path]:
    """Earlier versions of the map at `path`, newest first (never a temporary file)."""
    folder = history_folder(path)
    if not folder.is_dir():
        return []
    return sorted((p for p in folder.iterdir() if _VERSION.match(p.name)), reverse=True)


def history_folder(path: str | os.PathLike[str]) -> Path:
    """Where the earlier versions of the map at `path` are kept: beside the real file."""
    return _history_folder(real_path(Path(path)))


def _history_folder(target: Path) -> Path:
    return target.parent / HISTORY / target.name


def real_path(path: Path) -> Path:
    """`path` with symlinks resolved, so a save replaces the file a link points to rather than
    the link (which `os.replace` would turn into a copy, leaving the real file as it was)."""
    return Path(os.path.realpath(path)) if path.is_symlink() else path


def _refuse_read_only(target: Path, shown: str) -> None:
    try:
        mode = target.stat().st_mode
    except FileNotFoundError:
        return
    if not mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH) or not os.access(target, os.W_OK):
        raise MapperError(
            f"{shown} is read-only, so nothing was saved. Make the file writable (or ask "
            "whoever looks after it), or save the map under another name."
        )


def _keep_version(target: Path, data: bytes) -> None:
    folder = _history_folder(target)
    folder.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S%fZ")
    write_atomically(folder / f"{stamp}.yaml", data)
    for old in versions(target)[KEEP_VERSIONS:]:
        old.unlink(missing_ok=True)


def write_atomically(target: Path, data: bytes) -> None:
    """Temporary file in the same folder, flushed and fsynced, then renamed over `target`.

    A symlink is written through (the file it points to is replaced, in that file's folder);
    a read-only file is refused with MapperError, and nothing is written.
    """
    shown = target.name
    target = real_path(Path(target))
    _refuse_read_only(target, shown)
    # Only a file is ever replaced: renaming over a folder fails, and over a device (as root,
    # `-o /dev/full`) it would put a file where the device was.
    if target.exists() and not target.is_file():
        kind = "a folder" if target.is_dir() else "not an ordinary file (a device or a pipe)"
        raise MapperError(
            f"{target} is {kind}, so nothing was written; give the name of a file to write"
        )
    if not target.parent.is_dir():
        raise MapperError(
            f"the folder {target.parent} does not exist, so nothing was written; "
            "create it first or write somewhere else"
        )
    try:
        handle, temporary = tempfile.mkstemp(
            dir=target.parent, prefix=f".{target.name}.", suffix=".tmp"
        )
    except OSError as error:
        raise MapperError(
            f"{target} could not be written ({error.strerror}); nothing was changed"
        ) from None
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        if target.exists():
            os.chmod(temporary, target.stat().st_mode & 0o777)
        os.replace(temporary, target)
    except OSError as error:
        Path(temporary).unlink(missing_ok=True)
        raise MapperError(
            f"{target} could not be written ({error.strerror}); nothing was "
            "changed, and the file as it was is still there"
        ) from None
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
