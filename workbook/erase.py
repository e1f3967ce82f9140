"""Deleting everything under the data folder (``workbook delete --all``, and Settings in the
app), counted by kind so the couple is told what will go and then what went.

Everything under the folder goes: the data files and every session; ``backups/`` whole (every
generation, and every keeping: data moved aside by a restore, damaged files, copies from before
an update); the key file; ``exports/`` (summaries the couple wrote there: they hold private
words, and the confirmation names them); the couple's own ``exercises/``; anything else found
there. Symlinks are removed, never followed.

The folder itself stays, empty: the app may not have made it (it takes an empty folder it is
pointed at), and it never removes a folder it did not make. The key file goes first, so if
deleting is cut short, what is left of an encrypted workbook can no longer be opened by anyone;
``workbook.json`` goes last, so what is left is still known as a workbook, and deleting again
finishes the job. The caller holds the folder's lock; the lock file goes too (the hold lasts
until it is let go).
"""

from __future__ import annotations

import os
import shutil
from collections import Counter
from dataclasses import astuple, dataclass, fields
from pathlib import Path

from workbook.backup_list import is_generation
from workbook.content import EXERCISES_FOLDER, Library
from workbook.export_markdown import EXPORTS_FOLDER
from workbook.layout import (
    BACKUPS_FOLDER,
    INDEX_FILE,
    KEY_FILE,
    LOCK_FILE,
    SESSIONS_FOLDER,
    WORKBOOK_FILE,
)
from workbook.storage import fsync_folder


@dataclass(frozen=True)
class Removed:
    """What deleting everything removes, by kind, in the order the couple reads them."""

    data: int = 0
    """``workbook.json`` and ``index.json``."""
    sessions: int = 0
    backups: int = 0
    """Backup generations."""
    kept_aside: int = 0
    """Keepings under ``backups/``."""
    key: int = 0
    exports: int = 0
    exercises: int = 0
    other: int = 0
    """Files found there that are none of the above."""

    def counts(self) -> list[tuple[str, int]]:
        """Each kind there is any of, with how many."""
        return [(f.name, n) for f, n in zip(fields(self), astuple(self), strict=True) if n]

    def said(self, library: Library) -> list[str]:
        """A line for each kind there is any of, as the couple reads it."""
        return [library.say(f"delete.kind_{kind}", count=str(n)) for kind, n in self.counts()]


def _files(path: Path) -> int:
    """How many files are at or under ``path`` (a symlink is one file, never followed)."""
    if path.is_symlink() or not path.is_dir():
        return 1
    return sum(len(found) for _, _, found in os.walk(path))


def _counted(entry: Path) -> Counter[str]:
    """What one entry of the data folder holds, by kind."""
    real_dir = entry.is_dir() and not entry.is_symlink()
    name = entry.name
    if name == LOCK_FILE:
        return Counter()
    if name in (WORKBOOK_FILE, INDEX_FILE) and not real_dir:
        return Counter(data=1)
    if name == KEY_FILE and not real_dir:
        return Counter(key=1)
    if name == SESSIONS_FOLDER and real_dir:
        return Counter(sessions=sum(1 for p in entry.iterdir() if p.suffix == ".json"))
    if name == BACKUPS_FOLDER and real_dir:
        held = [p for p in entry.iterdir() if p.is_dir() and not p.name.startswith(".")]
        made = sum(1 for p in held if is_generation(p.name))
        return Counter(backups=made, kept_aside=len(held) - made)
    if name == EXPORTS_FOLDER and real_dir:
        return Counter(exports=_files(entry))
    if name == EXERCISES_FOLDER and real_dir:
        return Counter(exercises=_files(entry))
    return Counter(other=_files(entry))


def survey(folder: Path) -> Removed:
    """What deleting everything in ``folder`` would remove, by kind."""
    counts: Counter[str] = Counter()
    for entry in folder.iterdir():
        counts.update(_counted(entry))
    return Removed(**counts)


def _remove(entry: Path) -> None:
    if entry.is_dir() and not entry.is_symlink():
        shutil.rmtree(entry)
    elif os.path.lexists(entry):
        entry.unlink()


def erase(folder: Path) -> Removed:
    """Delete everything under ``folder`` (see the module), leaving it empty; what went.
    ``OSError`` if something cannot be deleted: running it again finishes the job."""
    removed = survey(folder)
    last = (WORKBOOK_FILE, LOCK_FILE)
    _remove(folder / KEY_FILE)
    for entry in sorted(folder.iterdir()):
        if entry.name not in last:
            _remove(entry)
    for name in last:
        _remove(folder / name)
    fsync_folder(folder)
    return removed
