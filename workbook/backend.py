"""Where the store's TinyDB files live: a folder (through our atomic, optionally sealed
storage, one cached copy per file), or memory for property tests."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from tinydb import TinyDB
from tinydb.storages import MemoryStorage

from workbook.errors import BadFile
from workbook.layout import SESSIONS_FOLDER, data_file_names
from workbook.storage import (
    FOLDER_MODE,
    PLAIN,
    AtomicJSONStorage,
    CachedBatchMiddleware,
    Codec,
    fsync_folder,
)


class Backend:
    """Where the store's TinyDB files live: a folder, or memory."""

    def __init__(self, folder: Path | None, read_only: bool = False, codec: Codec = PLAIN) -> None:
        self.folder = folder
        self.read_only = read_only
        self.codec = codec
        self._open: dict[str, TinyDB] = {}

    def db(self, name: str) -> TinyDB:
        """The one open TinyDB for ``name`` (a path relative to the folder)."""
        if name not in self._open:
            if self.folder is None:
                self._open[name] = TinyDB(storage=CachedBatchMiddleware(MemoryStorage))
            else:
                path = self.folder / name
                self._open[name] = TinyDB(
                    path,
                    storage=CachedBatchMiddleware(AtomicJSONStorage),
                    read_only=self.read_only,
                    name=name,
                    codec=self.codec,
                )
        return self._open[name]

    def session_names(self) -> list[str]:
        """The session files there are, as names for ``db``."""
        if self.folder is None:
            names = self._open
        else:
            names = data_file_names(self.folder)
        return [n for n in names if n.startswith(f"{SESSIONS_FOLDER}/")]

    def ensure_sessions_folder(self) -> None:
        """``sessions/`` made if missing; something else by that name is refused, not
        passed over (the index would lose every session)."""
        if self.folder is not None:
            sessions = self.folder / SESSIONS_FOLDER
            with contextlib.suppress(FileExistsError):
                os.mkdir(sessions, FOLDER_MODE)
            if sessions.is_symlink() or not sessions.is_dir():
                raise BadFile(sessions, "foreign", "not a folder")

    def use_codec(self, codec: Codec) -> None:
        """Keep files the new way from now on (encryption turned on, changed or off); every
        open copy is dropped and read again through it."""
        self.codec = codec
        self.close()

    def forget(self, name: str) -> None:
        """Drop the open copy of ``name`` so the next use reads the disk again."""
        db = self._open.pop(name, None)
        if db is not None:
            db.close()

    def remove(self, name: str) -> None:
        """Delete the file ``name`` (its open copy too), durably."""
        self.forget(name)
        if self.folder is not None:
            path = self.folder / name
            path.unlink(missing_ok=True)
            fsync_folder(path.parent)

    def close(self) -> None:
        for db in self._open.values():
            db.close()
        self._open.clear()
