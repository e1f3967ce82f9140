"""TinyDB extension points that make saves honest.

``AtomicJSONStorage`` reads a file only if it is a regular file (never through a symlink) that
holds a workbook's tables, else raises ``BadFile`` and leaves it as it is; it writes a whole
file the only safe way: a temp file in the same folder
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
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Protocol

from tinydb.middlewares import Middleware
from tinydb.storages import Storage

from workbook.errors import BadFile

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


class Codec(Protocol):
    """How a file's bytes are kept on disk: as they are, or sealed (encrypted). ``name`` is
    the file's path inside the data folder, bound to it so sealed files cannot be swapped."""

    def seal(self, name: str, payload: bytes) -> bytes: ...

    def unseal(self, path: Path, name: str, raw: bytes) -> bytes: ...


#: How every sealed file begins (the rest is the sealing's own header and ciphertext).
SEALED_MARK = b"TWB-SEALED\n"


class Plain:
    """Files kept as they are. A sealed file met without a key is refused, never read as junk."""

    def seal(self, name: str, payload: bytes) -> bytes:
        return payload

    def unseal(self, path: Path, name: str, raw: bytes) -> bytes:
        if raw.startswith(SEALED_MARK):
            raise BadFile(path, "sealed")
        return raw


PLAIN = Plain()


def read_raw(path: Path) -> bytes | None:
    """The bytes of ``path``, ``None`` if it is not there; never through a symlink."""
    try:
        status = os.lstat(path)
    except FileNotFoundError:
        return None
    except OSError as error:
        raise BadFile(path, "unreadable", error.strerror or str(error)) from error
    if stat.S_ISLNK(status.st_mode):
        raise BadFile(path, "symlink")
    if not stat.S_ISREG(status.st_mode):
        raise BadFile(path, "foreign")
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW)
        with os.fdopen(fd, "rb") as handle:
            return handle.read()
    except OSError as error:
        raise BadFile(path, "unreadable", error.strerror or str(error)) from error


def parse(path: Path, text: bytes) -> Data:
    """A workbook file's tables, or ``BadFile`` saying how it is not one."""
    if not text.strip():
        raise BadFile(path, "truncated")
    try:
        data = json.loads(text)
    except UnicodeDecodeError as error:
        raise BadFile(path, "not_json") from error
    except json.JSONDecodeError as error:
        raise BadFile(path, "truncated" if _cut_short(text, error) else "not_json") from error
    except (ValueError, RecursionError) as error:  # a number too long, nesting too deep
        raise BadFile(path, "not_json") from error
    if not _tables(data):
        raise BadFile(path, "foreign")
    return data


def _cut_short(text: bytes, error: json.JSONDecodeError) -> bool:
    """Whether the JSON stops part way, as a save cut off would leave it: the parser ran out
    of text, at the end or inside a string that never closes."""
    return error.msg.startswith("Unterminated string") or error.pos >= len(
        text.decode(errors="replace").rstrip()
    )


def _tables(data: object) -> bool:
    """TinyDB's shape: tables by name, each holding documents (objects) by id."""
    return isinstance(data, dict) and all(
        isinstance(table, dict) and all(isinstance(doc, dict) for doc in table.values())
        for table in data.values()
    )


def read_data(path: Path, name: str, codec: Codec = PLAIN) -> Data | None:
    """The tables of the data file ``name`` at ``path``, ``None`` if it does not exist yet."""
    raw = read_raw(path)
    if raw is None:
        return None
    return parse(path, codec.unseal(path, name, raw))


def write_data(path: Path, name: str, data: Data, codec: Codec = PLAIN) -> None:
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()
    write_atomically(path, codec.seal(name, payload))


class AtomicJSONStorage(Storage):
    """One JSON file, read whole and written atomically through its ``codec``; ``read_only``
    refuses every write."""

    def __init__(
        self, path: Path, read_only: bool = False, name: str = "", codec: Codec = PLAIN
    ) -> None:
        self.path = Path(path)
        self.read_only = read_only
        self.name = name or self.path.name
        self.codec = codec

    def read(self) -> Data | None:
        return read_data(self.path, self.name, self.codec)

    def write(self, data: Data) -> None:
        if self.read_only:
            raise PermissionError(f"{self.path} was opened read-only")
        write_data(self.path, self.name, data, self.codec)

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
