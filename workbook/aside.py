"""Keeping copies of the couple's files under ``backups/`` before anything replaces them: a
damaged file the app cannot use, the data a restore replaces, the files a migration rewrites.

Each keeping is one new folder ``backups/<why>-<UTC time>`` (0700) holding the files with their
paths inside the data folder, so it reads like a data folder of its own. Files keep their mode.
"""

from __future__ import annotations

import os
import shutil
from datetime import UTC, datetime
from pathlib import Path

from workbook.layout import BACKUPS_FOLDER
from workbook.storage import FILE_MODE, FOLDER_MODE, fsync_folder


def make_folder(path: Path) -> None:
    """Make ``path`` and any missing parents inside the data folder, each 0700 exactly."""
    if path.is_dir():
        return
    make_folder(path.parent)
    os.mkdir(path, FOLDER_MODE)
    os.chmod(path, FOLDER_MODE)


def new_keeping(folder: Path, why: str, now: datetime | None = None) -> Path:
    """A new, empty folder under ``backups/`` for one keeping; its name says why and when."""
    stamp = (now or datetime.now(UTC)).astimezone(UTC).strftime("%Y%m%d-%H%M%S")
    backups = folder / BACKUPS_FOLDER
    make_folder(backups)
    for attempt in range(1000):
        target = backups / (f"{why}-{stamp}" + (f"-{attempt}" if attempt else ""))
        try:
            os.mkdir(target, FOLDER_MODE)
        except FileExistsError:
            continue
        os.chmod(target, FOLDER_MODE)
        fsync_folder(backups)
        return target
    raise FileExistsError(backups / f"{why}-{stamp}")


def move_aside(folder: Path, names: list[str], keeping: Path) -> None:
    """Move each file ``name`` (relative to ``folder``) into ``keeping``, same relative path."""
    for name in names:
        target = keeping / name
        make_folder(target.parent)
        os.replace(folder / name, target)
        fsync_folder(target.parent)
    fsync_folder(folder)


def copy_aside(folder: Path, names: list[str], keeping: Path) -> None:
    """Copy each file ``name`` (relative to ``folder``) into ``keeping``, durably, 0600."""
    for name in names:
        target = keeping / name
        make_folder(target.parent)
        with open(folder / name, "rb") as source:
            fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
            with os.fdopen(fd, "wb") as copy:
                shutil.copyfileobj(source, copy)
                copy.flush()
                os.fsync(copy.fileno())
        fsync_folder(target.parent)
