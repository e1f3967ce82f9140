"""Choosing, creating and locking the data folder.

The app creates its folder 0700 and never changes the mode of a folder it did not create.
It uses an existing folder only if it is empty or already a workbook, so pointing it at the
wrong place (a home folder, a project) cannot scatter private files there. One writer at a
time: ``fcntl.flock`` on a 0600 lock file, which the kernel frees when the process dies, so a
killed app never leaves a stale lock behind.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
from pathlib import Path

from workbook.content import EXERCISES_FOLDER
from workbook.errors import AlreadyOpenError, BadFile, DataFolderError
from workbook.layout import LOCK_FILE, SESSIONS_FOLDER, WORKBOOK_FILE
from workbook.storage import FILE_MODE, FOLDER_MODE

#: Entries that may stand in a folder before it is a workbook: a lock from a start that never
#: finished, and the couple's own exercises, which they may put there before the first run.
_ALLOWED_BEFORE = frozenset({LOCK_FILE, EXERCISES_FOLDER})


def is_workbook(folder: Path) -> bool:
    return (folder / WORKBOOK_FILE).is_file()


def prepare_folder(folder: Path) -> Path:
    """Return ``folder`` ready for use, creating it (0700) if missing.

    Raises ``DataFolderError`` if it exists but is neither empty nor a workbook.
    """
    folder = folder.expanduser().absolute()
    if folder.exists() and not folder.is_dir():
        raise DataFolderError(f"{folder} is a file, not a folder.")
    if not folder.exists():
        folder.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.mkdir(folder, FOLDER_MODE)
        except FileExistsError:
            pass
        else:
            os.chmod(folder, FOLDER_MODE)  # the umask may have taken bits away; make it exact
        return folder
    entries = {entry.name for entry in folder.iterdir() if not _is_temp(entry)}
    if entries and not is_workbook(folder) and not entries <= _ALLOWED_BEFORE:
        raise DataFolderError(
            f"{folder} already holds other files, so the workbook will not use it. "
            "Choose an empty folder or a new name."
        )
    return folder


def _is_temp(entry: Path) -> bool:
    """A temp file of ours (``write_atomically``): left only by a writer that died mid-save,
    the very first save included, which must not make the folder look like someone else's."""
    return entry.name.startswith(".") and entry.name.endswith(".tmp") and entry.is_file()


def sweep_temp_files(folder: Path) -> int:
    """Remove temp files left by writers that died mid-save; call with the lock held, so
    none of them can still be in use. Returns how many went."""
    swept = 0
    for place in (folder, folder / SESSIONS_FOLDER):
        if place.is_dir():
            for entry in place.iterdir():
                if _is_temp(entry):
                    entry.unlink(missing_ok=True)
                    swept += 1
    return swept


class FolderLock:
    """An exclusive hold on the data folder for the life of one app."""

    def __init__(self, folder: Path) -> None:
        self.path = folder / LOCK_FILE
        self._fd: int | None = None

    def acquire(self) -> None:
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW, FILE_MODE)
        except OSError as error:  # a folder, a link or no right to it: said, never a trace
            raise BadFile(self.path, "unreadable", error.strerror or str(error)) from error
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as error:
            os.close(fd)
            raise AlreadyOpenError(str(self.path)) from error
        self._fd = fd

    def release(self) -> None:
        if self._fd is not None:
            with contextlib.suppress(OSError):
                fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None

    @property
    def held(self) -> bool:
        return self._fd is not None
