"""TinyDB extension points that make saves honest.

``AtomicJSONStorage`` writes a whole file the only safe way: a temp file in the same folder
(created 0600), flush, fsync, ``os.replace``, then fsync of the folder, so a crash leaves
either the old file or the new one. ``CachedBatchMiddleware`` keeps one in-memory copy per
open file (TinyDB otherwise re-reads and re-parses the file on every query) and lets several
table changes go to disk as one write (``with middleware.batch(): ...``). It is write-through:
nothing is held back, and after a failed write the copy is dropped and re-read from disk.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from tinydb.middlewares import Middleware
from tinydb.storages import Storage

from workbook.errors import DataFolderError

FILE_MODE = 0o600
FOLDER_MODE = 0o700

Data = dict[str, dict[str, Any]]


def fsync_folder(folder: Path) -> None:
    """Make a rename or a new file in ``folder`` durable."""
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_atomically(path: Path, payload: bytes) -> None:
    """Replace ``path`` with ``payload`` so a crash leaves the old or the new file, whole."""
    temp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE)
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise
    fsync_folder(path.parent)


class AtomicJSONStorage(Storage):
    """One JSON file, read whole and written atomically; ``read_only`` refuses every write."""

    def __init__(self, path: Path, read_only: bool = False) -> None:
        self.path = Path(path)
        self.read_only = read_only

    def read(self) -> Data | None:
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return None
        if not raw.strip():
            return None
        try:
            data = json.loads(raw)
        except ValueError as error:
            raise DataFolderError(
                f"{self.path} is damaged (not readable JSON), so the workbook left it untouched."
            ) from error
        if not isinstance(data, dict) or not all(isinstance(t, dict) for t in data.values()):
            raise DataFolderError(
                f"{self.path} is not a workbook file, so the workbook left it untouched."
            )
        return data

    def write(self, data: Data) -> None:
        if self.read_only:
            raise PermissionError(f"{self.path} was opened read-only")
        payload = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()
        write_atomically(self.path, payload)

    def close(self) -> None:
        """Nothing stays open between writes."""


class CachedBatchMiddleware(Middleware):
    """Write-through cache with batches: see the module docstring."""

    def __init__(self, storage_cls: type[Storage] = AtomicJSONStorage) -> None:
        super().__init__(storage_cls)
        self._cache: Data | None = None
        self._loaded = False
        self._batch_depth = 0
        self._dirty = False

    def read(self) -> Data | None:
        if not self._loaded:
            self._cache = self.storage.read()
            self._loaded = True
        return self._cache

    def write(self, data: Data) -> None:
        self._cache = data
        self._loaded = True
        if self._batch_depth:
            self._dirty = True
            return
        self._flush()

    def _flush(self) -> None:
        assert self._cache is not None
        try:
            self.storage.write(self._cache)
        except BaseException:
            self._loaded = False
            self._cache = None
            raise
        finally:
            self._dirty = False

    @contextlib.contextmanager
    def batch(self) -> Iterator[None]:
        """Send every change made inside the block to disk as one atomic write."""
        self._batch_depth += 1
        try:
            yield
        except BaseException:
            self._loaded = False
            self._cache = None
            self._dirty = False
            raise
        finally:
            self._batch_depth -= 1
        if not self._batch_depth and self._dirty:
            self._flush()

    def close(self) -> None:
        self.storage.close()
