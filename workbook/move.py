"""Moving a workbook to another computer: one archive file (``workbook backup --to``), opened
into an empty folder there (``workbook restore --from``).

The archive is an uncompressed POSIX (pax) tar: the standard library writes and reads it, any
system can list or unpack it, and each member's type is explicit, so a link or a device is
refused by its type (in a zip a link hides in the external attributes). It holds the data
files, ``key.json`` when the workbook is encrypted, and the couple's own ``exercises/*.toml``,
as raw bytes: a sealed workbook moves sealed, with only its wrapped keys, so the archive is as
encrypted as the folder and opens with the same passphrase. Not the lock, not ``exports/`` and
not ``backups/``: the archive is the move, not the history. The new computer starts its own
backups at the first open; ten generations and the copies kept aside would multiply the size
and carry the old computer's history further than anyone chose to.

The first member, ``manifest.json``, names the format and its version, the app and data
versions, and every other member with its size and sha256. Members come in a fixed order with a
fixed owner, mode (0600) and time, so the same workbook always makes the same bytes.

A restore reads the whole archive and checks it before writing a byte: the manifest first, then
only the names this format makes, each once, regular files only, exactly the files listed, each
with its hash. It writes into a hidden folder beside the target (0700, files 0600, each made
durable) and renames that folder into place last, so a crash leaves the target as it was
(missing or empty) or a whole workbook, never part of one. An empty folder given as the target
is replaced by the restored one, which is 0700 whatever the empty one was. Hidden folders left by
a restore that died are removed by the next restore into the same place.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import tarfile
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ValidationError

from workbook import __version__, vault
from workbook.aside import make_folder
from workbook.backup_list import sha256
from workbook.content import EXERCISES_FOLDER, own_exercise_files
from workbook.errors import WorkbookError
from workbook.folder import FolderLock
from workbook.layout import (
    INDEX_FILE,
    KEY_FILE,
    SESSIONS_FOLDER,
    WORKBOOK_FILE,
    data_file_names,
)
from workbook.models import SCHEMA_VERSION
from workbook.storage import FILE_MODE, FOLDER_MODE, fsync_folder, read_raw, write_atomically

FORMAT = "trust-workbook-archive"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
#: Where a restore writes before the rename: ``.<target name>.restoring-<random>``.
RESTORING = ".restoring-"
_TOP = frozenset({WORKBOOK_FILE, INDEX_FILE, KEY_FILE})
_FOLDERS = {SESSIONS_FOLDER: ".json", EXERCISES_FOLDER: ".toml"}
#: What reading a tar may raise when the archive is cut short or not a tar at all.
_TAR_ERRORS = (tarfile.TarError, EOFError, UnicodeError, ValueError)

RefusalKind = Literal[
    "exists",
    "inside",
    "unfinished",
    "unreadable",
    "foreign",
    "truncated",
    "tampered",
    "not_regular",
    "bad_name",
    "twice",
    "newer",
    "not_a_folder",
    "not_empty",
]


class MoveRefused(WorkbookError):
    """A backup or restore refused before changing anything: ``kind`` names why (the texts
    under ``move`` say it), ``detail`` the member, version or reason it is about."""

    def __init__(self, kind: RefusalKind, detail: str = "") -> None:
        self.kind = kind
        self.detail = detail
        super().__init__(f"{kind}: {detail}" if detail else kind)


class Member(BaseModel):
    name: str
    size: int
    sha256: str


class Manifest(BaseModel):
    """What the archive holds; ``schema_version`` is the data version its app writes (its
    files are at that version or an older one the app migrates at open)."""

    format: Literal["trust-workbook-archive"]
    version: int
    app_version: str
    schema_version: int
    encrypted: bool
    files: list[Member]


@dataclass(frozen=True)
class Moved:
    """What an archive held when written or restored: each file's name inside the folder."""

    names: tuple[str, ...]
    encrypted: bool

    def count(self, folder: str) -> int:
        """How many of the files are in ``folder`` (sessions, exercises)."""
        return sum(name.startswith(f"{folder}/") for name in self.names)


def _allowed(name: str) -> bool:
    """Whether ``name`` is one this format makes: a top-level data file, or one plain name
    with the right ending in ``sessions/`` or ``exercises/``. Absolute names, ``..``,
    backslashes and deeper paths are none of these."""
    if name in _TOP:
        return True
    folder, _, file = name.partition("/")
    ending = _FOLDERS.get(folder)
    return (
        ending is not None
        and file.endswith(ending)
        and "/" not in file
        and "\\" not in file
        and file not in (".", "..")
    )


# -- writing an archive --------------------------------------------------------------------


def pack(folder: Path, target: Path, force: bool = False) -> Moved:
    """Write the workbook at ``folder`` into the archive ``target`` (0600, atomically).

    Takes the folder's lock while reading, so the files are one consistent workbook:
    ``AlreadyOpenError`` (nothing written) while the app runs. ``MoveRefused`` when ``target``
    exists (unless ``force``) or lies inside ``folder``, or an encryption change was cut short
    (the files would not all be sealed alike); ``BadFile`` for a file that is a link."""
    folder = folder.expanduser().absolute()
    target = target.expanduser().absolute()
    if target.resolve().is_relative_to(folder.resolve()):
        raise MoveRefused("inside", str(target))
    if not force and os.path.lexists(target):
        raise MoveRefused("exists", str(target))
    lock = FolderLock(folder)
    lock.acquire()
    try:
        encrypted = vault.is_encrypted(folder)
        if encrypted and vault.read_key_file(folder).state != "sealed":
            raise MoveRefused("unfinished")
        names = data_file_names(folder) + ([KEY_FILE] if encrypted else [])
        names += [f"{EXERCISES_FOLDER}/{path.name}" for path in own_exercise_files(folder)]
        files = {name: raw for name in names if (raw := read_raw(folder / name)) is not None}
    finally:
        lock.release()
    manifest = Manifest(
        format=FORMAT,
        version=FORMAT_VERSION,
        app_version=__version__,
        schema_version=SCHEMA_VERSION,
        encrypted=encrypted,
        files=[Member(name=n, size=len(raw), sha256=sha256(raw)) for n, raw in files.items()],
    )
    members = {MANIFEST: manifest.model_dump_json(indent=2).encode(), **files}
    write_atomically(target, tar_bytes(members))
    return Moved(tuple(files), encrypted)


def tar_bytes(members: dict[str, bytes]) -> bytes:
    """A tar of ``members`` in the order given: regular files, 0600, owner 0, time 0."""
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w", format=tarfile.PAX_FORMAT) as tar:
        for name, payload in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(payload)
            info.mode = FILE_MODE
            tar.addfile(info, io.BytesIO(payload))
    return buffer.getvalue()


# -- reading one back ----------------------------------------------------------------------


def read_archive(archive: Path) -> tuple[Manifest, dict[str, bytes]]:
    """The manifest and files of ``archive``, every check passed; ``MoveRefused`` otherwise.
    Only reads."""
    try:
        raw = archive.expanduser().read_bytes()
    except OSError as error:
        raise MoveRefused("unreadable", error.strerror or str(error)) from error
    try:
        with tarfile.open(fileobj=io.BytesIO(raw), mode="r:") as tar:
            members = _members(tar)
            first = next(members, None)
            if first is None or first[0] != MANIFEST:
                raise MoveRefused("foreign")
            manifest = _manifest(first[1])
            return manifest, _verified(manifest, members)
    except _TAR_ERRORS as error:
        raise MoveRefused("foreign") from error


def _members(tar: tarfile.TarFile) -> Iterator[tuple[str, bytes]]:
    """Each member's name and bytes, in order; a link, folder or device is refused."""
    for member in tar:
        if not member.isreg():
            raise MoveRefused("not_regular", member.name)
        handle = tar.extractfile(member)
        assert handle is not None  # a regular file always has one
        yield member.name, handle.read()


def _manifest(raw: bytes) -> Manifest:
    """The manifest, if it is one this app can follow; one of a newer format or data version
    is refused as such, before its shape is held against this one."""
    try:
        data = json.loads(raw)
    except ValueError as error:
        raise MoveRefused("foreign") from error
    if isinstance(data, dict) and data.get("format") == FORMAT:
        known = {"version": FORMAT_VERSION, "schema_version": SCHEMA_VERSION}
        if any(isinstance(data.get(k), int) and data[k] > v for k, v in known.items()):
            raise MoveRefused("newer", str(data.get("app_version", "")))
    try:
        manifest = Manifest.model_validate(data)
    except ValidationError as error:
        raise MoveRefused("foreign") from error
    names = [member.name for member in manifest.files]
    for name in names:
        if not _allowed(name):
            raise MoveRefused("bad_name", name)
    if len(set(names)) != len(names):
        raise MoveRefused("twice", next(n for n in names if names.count(n) > 1))
    if WORKBOOK_FILE not in names or manifest.encrypted != (KEY_FILE in names):
        raise MoveRefused("foreign")
    return manifest


def _verified(manifest: Manifest, members: Iterator[tuple[str, bytes]]) -> dict[str, bytes]:
    """Every member after the manifest, each one listed, once, with its size and hash; the
    archive ends too soon (cut short) if a listed file is missing or its data stops."""
    listed = {member.name: member for member in manifest.files}
    files: dict[str, bytes] = {}
    try:
        for name, payload in members:
            if name == MANIFEST or name in files:
                raise MoveRefused("twice", name)
            if not _allowed(name):
                raise MoveRefused("bad_name", name)
            entry = listed.get(name)
            if entry is None or entry.size != len(payload) or entry.sha256 != sha256(payload):
                raise MoveRefused("tampered", name)
            files[name] = payload
    except _TAR_ERRORS as error:
        raise MoveRefused("truncated") from error
    missing = [name for name in listed if name not in files]
    if missing:
        raise MoveRefused("truncated", missing[0])
    return files


# -- restoring into an empty folder --------------------------------------------------------


def unpack(archive: Path, folder: Path) -> Moved:
    """Restore ``archive`` into ``folder``, which must be missing or empty: ``MoveRefused``
    (nothing written) if it is not, or if the archive fails a check; ``OSError`` if writing
    fails, the target then left as it was."""
    manifest, files = read_archive(archive)
    target = Path(os.path.realpath(folder.expanduser()))
    if target.exists() and not target.is_dir():
        raise MoveRefused("not_a_folder", str(folder))
    if target.is_dir() and any(target.iterdir()):
        raise MoveRefused("not_empty", str(folder))
    target.parent.mkdir(parents=True, exist_ok=True)
    _sweep(target)
    scratch = Path(tempfile.mkdtemp(prefix=f".{target.name}{RESTORING}", dir=target.parent))
    try:
        os.chmod(scratch, FOLDER_MODE)
        for name, payload in files.items():
            make_folder((scratch / name).parent)
            write_atomically(scratch / name, payload)
        fsync_folder(scratch)
        os.rename(scratch, target)  # over an empty folder too; never over a non-empty one
    except BaseException:
        shutil.rmtree(scratch, ignore_errors=True)
        raise
    fsync_folder(target.parent)
    return Moved(tuple(files), manifest.encrypted)


def _sweep(target: Path) -> None:
    """Remove what a restore into ``target`` that died left beside it: a hidden copy of the
    couple's words that nothing else would ever find or delete."""
    prefix = f".{target.name}{RESTORING}"
    for entry in target.parent.iterdir():
        if entry.name.startswith(prefix) and entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry)
