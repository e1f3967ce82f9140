"""What is under ``backups/``: the backup generations (newest first, each with its manifest)
and the keepings (files kept aside), read without changing anything. ``backups`` makes and
purges generations; ``restore`` puts one back. The layout is described in ``backups``.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from workbook.errors import BadFile
from workbook.layout import BACKUPS_FOLDER, data_file_names
from workbook.storage import read_raw

#: How many generations are kept; the oldest beyond these are deleted.
KEPT = 10
MANIFEST_FILE = "manifest.json"
#: Hidden scratch folders under ``backups/``: a generation being made, one being deleted.
MAKING = ".making-"
DROPPING = ".dropping-"
#: Why the data a restore replaces is kept (``backups/moved-aside-<UTC time>``).
MOVED_ASIDE = "moved-aside"

_GENERATION = re.compile(r"(\d{8}-\d{6})(?:-(\d+))?")


def is_generation(name: str) -> bool:
    """Whether a folder under ``backups/`` with this name is a generation (not a keeping)."""
    return _GENERATION.fullmatch(name) is not None


_STAMPED = re.compile(r".*?(\d{8}-\d{6})(?:-(\d+))?")
STAMP = "%Y%m%d-%H%M%S"


def sha256(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()


def in_time(name: str) -> tuple[str, int]:
    """How names sort in time: by their UTC stamp, then by the number after it."""
    match = _STAMPED.fullmatch(name)
    if match is None:
        return ("", 0)
    return (match.group(1), int(match.group(2) or 0))


@dataclass(frozen=True)
class Generation:
    """One backup generation: its folder, when it was made (UTC), each file's sha256 by its
    path inside the data folder, and which of those had changed since the one before."""

    name: str
    path: Path
    made_at: datetime
    files: dict[str, str]
    changed: tuple[str, ...]

    def holds(self, name: str, digest: str, size: int) -> bool:
        """Whether this generation's copy of ``name`` is one with that hash and size."""
        if self.files.get(name) != digest:
            return False
        try:
            return os.lstat(self.path / name).st_size == size
        except OSError:
            return False


# -- reading what is there ---------------------------------------------------------------------


def backups_folder(folder: Path) -> Path:
    return folder / BACKUPS_FOLDER


def backup_folders(folder: Path) -> list[Path]:
    """The folders under ``backups/`` a person may see (hidden scratch folders left out)."""
    backups = backups_folder(folder)
    if not backups.is_dir():
        return []
    return [
        p
        for p in backups.iterdir()
        if not p.name.startswith(".") and p.is_dir() and not p.is_symlink()
    ]


def read_manifest(path: Path) -> dict[str, Any] | None:
    """A generation's manifest, or ``None`` if it is missing or not one."""
    try:
        raw = read_raw(path / MANIFEST_FILE)
        manifest = json.loads(raw) if raw is not None else None
    except (BadFile, ValueError):
        return None
    if not isinstance(manifest, dict):
        return None
    files = manifest.get("files")
    if not isinstance(files, dict) or not all(isinstance(h, str) for h in files.values()):
        return None
    return manifest


def generation_at(path: Path) -> Generation:
    """The generation at ``path``; without a sound manifest, its files are hashed again."""
    manifest = read_manifest(path)
    made_at: datetime | None = None
    if manifest is not None:
        files: dict[str, str] = dict(manifest["files"])
        changed = manifest.get("changed")
        changed = tuple(changed) if isinstance(changed, list) else tuple(files)
        with contextlib.suppress(KeyError, TypeError, ValueError):
            made_at = datetime.fromisoformat(manifest["made_at"]).astimezone(UTC)
    else:
        files = {}
        for name in data_file_names(path):
            with contextlib.suppress(OSError, BadFile):
                raw = read_raw(path / name)
                if raw is not None:
                    files[name] = sha256(raw)
        changed = tuple(files)
    if made_at is None:
        try:
            made_at = datetime.strptime(in_time(path.name)[0], STAMP).replace(tzinfo=UTC)
        except ValueError:  # not a real time (a folder named by hand)
            made_at = datetime.fromtimestamp(path.stat().st_mtime, UTC)
    return Generation(path.name, path, made_at, files, changed)


def generations(folder: Path) -> list[Generation]:
    """Every backup generation of the data folder ``folder``, newest first."""
    found = [p for p in backup_folders(folder) if is_generation(p.name)]
    found.sort(key=lambda p: in_time(p.name), reverse=True)
    return [generation_at(p) for p in found]


def keepings(folder: Path) -> list[Path]:
    """Every other folder under ``backups/`` (files kept aside), newest first."""
    found = [p for p in backup_folders(folder) if not is_generation(p.name)]
    return sorted(found, key=lambda p: (in_time(p.name), p.name), reverse=True)


def newest(folder: Path) -> Generation | None:
    """The newest backup generation, if there is one."""
    return next(iter(generations(folder)), None)


def newest_good(folder: Path, is_good: Callable[[Path], bool]) -> Generation | None:
    """The newest generation whose folder ``is_good`` accepts (say, one ``workbook check``
    finds sound): what to offer when the data itself cannot be read."""
    return next((g for g in generations(folder) if is_good(g.path)), None)


def find(folder: Path, name: str) -> Path | None:
    """The generation or keeping called ``name`` under ``backups/``, if there is one."""
    return next((p for p in backup_folders(folder) if p.name == name), None)


# -- one lock per folder -----------------------------------------------------------------------

_LOCKS: dict[Path, threading.Lock] = {}
_LOCKS_GUARD = threading.Lock()


def lock_for(folder: Path) -> threading.Lock:
    key = folder.expanduser().resolve()
    with _LOCKS_GUARD:
        return _LOCKS.setdefault(key, threading.Lock())
