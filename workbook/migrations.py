"""Bringing a data folder written by an older app up to this app's ``SCHEMA_VERSION``, at open.

A migration is a plain function from every data file's tables, keyed by the file's name in the
folder (``layout.data_file_names``), to the new ones; it may add or drop files. ``MIGRATIONS``
holds them by the version they migrate from (1 -> 2 is key 1). Any change to a stored model
bumps ``SCHEMA_VERSION`` and adds one here, with the new version's fixture (see ``models``).

Nothing is lost to a crash. Before anything is written, every data file is copied into a keeping
under ``backups/before-v<new>-<time>/``, ``workbook.json`` last, and the migration reads its
input from that keeping, never from the folder. It writes ``workbook.json`` (with the new
version) last. So a crash anywhere leaves the old version in ``workbook.json``, and the next open
migrates again from the same keeping, whatever the crash had half rewritten: that keeping is the
one whose ``workbook.json`` is byte for byte the folder's, which also shows its copying finished.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from workbook import models
from workbook.aside import copy_aside, make_folder, new_keeping
from workbook.errors import BadFile
from workbook.layout import BACKUPS_FOLDER, WORKBOOK_FILE, data_file_names
from workbook.storage import Codec, Data, fsync_folder, read_data, read_raw, write_data

Migration = Callable[[dict[str, Data]], dict[str, Data]]


def _to_v2(files: dict[str, Data]) -> dict[str, Data]:
    """Version 2 adds the answers their authors hide (a table of its own, empty until one is
    hidden) and discreet mode to the meta record, off: every file of a version has one shape."""
    return _meta_with(files, discreet=False)


def _to_v3(files: dict[str, Data]) -> dict[str, Data]:
    """Version 3 adds check-ins, a table of their own, empty until the first one is finished:
    nothing stored before changes shape."""
    return files


def _to_v4(files: dict[str, Data]) -> dict[str, Data]:
    """Version 4 adds the look chosen in settings and the time-out's first offer to the meta:
    the calm theme, and no choice yet (the content's first break time)."""
    return _meta_with(files, theme="calm", break_minutes=None)


def _meta_with(files: dict[str, Data], **added: object) -> dict[str, Data]:
    """``files`` with each field of ``added`` written into the meta record, as the model's
    default: a field added to the meta is in every file of its version."""
    for meta in files.get(WORKBOOK_FILE, {}).get("meta", {}).values():
        for field, value in added.items():
            meta.setdefault(field, value)
    return files


MIGRATIONS: dict[int, Migration] = {1: _to_v2, 2: _to_v3, 3: _to_v4}
"""The migration from each version to the next, keyed by the version it migrates from."""

#: What a migration's keeping is called, before the new version's number.
BEFORE = "before-v"


def migrate(folder: Path, codec: Codec, now: datetime) -> Path | None:
    """Bring the workbook in ``folder`` up to this app's version (see the module docstring);
    return the keeping of its files as they were, or None if there was nothing to do (a
    current workbook, or none yet). A workbook from a newer app raises ``BadFile`` ("newer"),
    and one claiming a version there never was ``BadFile`` ("foreign"), both before anything is
    touched."""
    target = models.SCHEMA_VERSION
    book_path = folder / WORKBOOK_FILE
    found = written_version(read_data(book_path, WORKBOOK_FILE, codec) or {})
    if found is None or found == target:
        return None
    if found > target:
        raise BadFile(book_path, "newer", str(found))
    if any(version not in MIGRATIONS for version in range(found, target)):
        raise BadFile(book_path, "foreign", f"schema_version {found}")
    keeping = _unfinished(folder, target) or _keep(folder, target, now)
    files = {
        name: read_data(keeping / name, name, codec) or {} for name in data_file_names(keeping)
    }
    for version in range(found, target):
        files = MIGRATIONS[version](files)
    _write(folder, files, target, codec)
    return keeping


def written_version(book: Data) -> int | None:
    """The version ``workbook.json``'s meta says; None if it says none (``Store.meta`` reports a
    meta that is not one, and writes a missing one)."""
    meta = next(iter(book.get("meta", {}).values()), None)
    found = meta.get("schema_version") if isinstance(meta, dict) else None
    return found if isinstance(found, int) else None


def _unfinished(folder: Path, target: int) -> Path | None:
    """The keeping of an earlier migration to ``target`` that did not finish, if there is one."""
    current = read_raw(folder / WORKBOOK_FILE)
    for keeping in sorted((folder / BACKUPS_FOLDER).glob(f"{BEFORE}{target}-*"), reverse=True):
        if read_raw(keeping / WORKBOOK_FILE) == current:
            return keeping
    return None


def _keep(folder: Path, target: int, now: datetime) -> Path:
    """A new keeping with a copy of every data file, ``workbook.json`` last."""
    keeping = new_keeping(folder, f"{BEFORE}{target}", now)
    names = sorted(data_file_names(folder), key=lambda name: name == WORKBOOK_FILE)
    copy_aside(folder, names, keeping)
    return keeping


def _stamped(data: Data, version: int) -> Data:
    """``data`` with ``version`` in every record that says which version it was written in
    (the meta, each session's record)."""
    return {
        table: {
            doc_id: {**doc, "schema_version": version} if "schema_version" in doc else doc
            for doc_id, doc in docs.items()
        }
        for table, docs in data.items()
    }


def _write(folder: Path, files: dict[str, Data], version: int, codec: Codec) -> None:
    """Every migrated file written (each atomically), the files a migration dropped removed,
    and ``workbook.json`` last, when all else is in place."""
    for name in sorted(set(files) - {WORKBOOK_FILE}):
        make_folder((folder / name).parent)
        write_data(folder / name, name, _stamped(files[name], version), codec)
    for name in sorted(set(data_file_names(folder)) - set(files)):
        os.unlink(folder / name)
        fsync_folder((folder / name).parent)
    write_data(
        folder / WORKBOOK_FILE, WORKBOOK_FILE, _stamped(files[WORKBOOK_FILE], version), codec
    )
