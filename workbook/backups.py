"""Rotating backups of the couple's files, and erasing from them what must go: a menu's marks,
an answer or a session deleted (``backup_list`` reads what is there; ``restore`` puts one back).

A backup GENERATION is a folder ``backups/<YYYYMMDD-HHMMSS>`` (UTC; ``-1``, ``-2`` when the
name is taken) laid out like the data folder itself (``workbook.json``, ``index.json``,
``sessions/*.json``) and holding a complete copy of the data as it was, so every reader and
``workbook check`` works on it and restoring one is copying it back. Only the files whose
bytes changed since the newest generation (by sha256) are copied; the others are hard links
to that generation's copies, so ten generations cost little more than one. Each generation's
``manifest.json`` maps each file to its hash, so the next backup need not hash old copies
(a copy is linked only if its size also still matches: one sealed or unsealed since by
``vault`` is copied afresh). The manifest holds nothing that differs from run to run but the
time, so the same answers leave the same bytes. Raw bytes are copied: sealed (encrypted) files
stay sealed in their backups.

A generation is made in a hidden ``backups/.making-*`` folder and renamed into place only when
whole, so a crash never leaves half a generation that looks whole; a stale one is removed by
the next backup. The newest ``KEPT`` generations stay, older ones go. Every other folder under
``backups/`` (``damaged-*``, ``moved-aside-*``, ``before-v2-*``: see ``aside``) is a keeping,
listed apart and never rotated away.

One ``threading.Lock`` per data folder (shared by every ``Backups`` on it in this process) keeps
a backup running in a worker thread and a purge from the app's own thread from interleaving;
other processes are kept out by the folder's lock, which the app and ``restore`` hold.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import threading
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from workbook.aside import make_folder
from workbook.backup_list import (
    DROPPING,
    KEPT,
    MAKING,
    MANIFEST_FILE,
    STAMP,
    Generation,
    backup_folders,
    backups_folder,
    generations,
    in_time,
    is_generation,
    lock_for,
    newest,
    read_manifest,
    sha256,
)
from workbook.errors import BadFile
from workbook.layout import SESSIONS_FOLDER, data_file_names
from workbook.models import Turn
from workbook.storage import (
    FOLDER_MODE,
    PLAIN,
    Codec,
    Data,
    fsync_folder,
    parse,
    read_raw,
    write_atomically,
    write_data,
)

# -- making, purging -------------------------------------------------------------------------


class _Stopped(Exception):
    """The workbook is closing: the generation being made is given up."""


class Backups:
    """Backups of one data folder, sealed or not by ``codec`` (the store's own)."""

    def __init__(self, folder: Path, codec: Codec = PLAIN, kept: int = KEPT) -> None:
        self.folder = folder
        self.codec = codec
        self.kept = kept
        self._lock = lock_for(folder)
        self._stopping = threading.Event()

    @property
    def path(self) -> Path:
        return backups_folder(self.folder)

    def stop(self) -> None:
        """Give up a backup under way at its next file and wait for it; make no more (the
        workbook is closing and will let go of the folder)."""
        self._stopping.set()
        with self._lock:
            pass

    def back_up(self, now: datetime | None = None) -> Generation | None:
        """Make a new generation if any file changed since the newest one; return it, or
        ``None`` when nothing changed (or the workbook is closing)."""
        with self._lock:
            if self._stopping.is_set():
                return None
            self._clear_scratch()
            previous = newest(self.folder)
            live = self._read_live(previous)
            if not live or (
                previous is not None
                and set(live) == set(previous.files)
                and all(raw is None for _, raw in live.values())
            ):
                return None
            scratch = self.path / f"{MAKING}{os.getpid()}-{threading.get_ident()}"
            try:
                made = self._make(scratch, previous, live, now or datetime.now(UTC))
            except BaseException as error:
                with contextlib.suppress(OSError):
                    self._drop(scratch)
                if isinstance(error, _Stopped):
                    return None
                raise
            with contextlib.suppress(OSError):  # made all the same; the next backup tries again
                self._rotate()
            return made

    def _read_live(self, previous: Generation | None) -> dict[str, tuple[str, bytes | None]]:
        """Each data file's hash, with its bytes unless ``previous`` holds a copy with that
        hash (and size). A file gone meanwhile or refused (a symlink, unreadable) is left
        out."""
        live: dict[str, tuple[str, bytes | None]] = {}
        for name in data_file_names(self.folder):
            if self._stopping.is_set():
                raise _Stopped
            try:
                raw = read_raw(self.folder / name)
            except BadFile:
                continue
            if raw is None:
                continue
            digest = sha256(raw)
            kept = previous is not None and previous.holds(name, digest, len(raw))
            live[name] = (digest, None if kept else raw)
        return live

    def _make(
        self,
        scratch: Path,
        previous: Generation | None,
        live: dict[str, tuple[str, bytes | None]],
        now: datetime,
    ) -> Generation:
        make_folder(self.path)
        os.mkdir(scratch, FOLDER_MODE)
        os.chmod(scratch, FOLDER_MODE)
        files: dict[str, str] = {}
        changed: list[str] = []
        for name, (digest, raw) in live.items():
            if self._stopping.is_set():
                raise _Stopped
            target = scratch / name
            make_folder(target.parent)
            if raw is None and previous is not None and self._link(previous.path / name, target):
                files[name] = digest
                continue
            if raw is None:  # unchanged, but its earlier copy cannot be linked: copy it again
                raw = read_raw(self.folder / name)
                if raw is None:
                    continue
                digest = sha256(raw)
            write_atomically(target, raw)
            files[name] = digest
            if previous is None or previous.files.get(name) != digest:
                changed.append(name)
        made_at = now.astimezone(UTC)
        manifest = {"made_at": made_at.isoformat(), "files": files, "changed": changed}
        _writeread_manifest(scratch, manifest)
        if (scratch / SESSIONS_FOLDER).is_dir():
            fsync_folder(scratch / SESSIONS_FOLDER)
        fsync_folder(scratch)
        name = self._new_name(now, previous)
        os.rename(scratch, self.path / name)
        fsync_folder(self.path)
        return Generation(name, self.path / name, made_at, files, tuple(changed))

    @staticmethod
    def _link(source: Path, target: Path) -> bool:
        try:
            os.link(source, target, follow_symlinks=False)
        except OSError:
            return False
        return True

    def _new_name(self, now: datetime, previous: Generation | None) -> str:
        """A free name that sorts after every generation there is, even if the clock went
        back: the time now, or the newest one's time with the next number."""
        stamp, number = now.astimezone(UTC).strftime(STAMP), 0
        if previous is not None and in_time(previous.name) >= (stamp, 0):
            stamp, number = in_time(previous.name)
            number += 1
        while True:
            name = stamp + (f"-{number}" if number else "")
            if not os.path.lexists(self.path / name):
                return name
            number += 1

    def _rotate(self) -> None:
        for old in generations(self.folder)[self.kept :]:
            self._drop(old.path)

    def _drop(self, path: Path) -> None:
        """Delete a folder under ``backups/``: first renamed to a hidden name, so a crash
        half way never leaves a generation that looks whole."""
        if not path.name.startswith("."):
            hidden = path.with_name(f"{DROPPING}{path.name}")
            os.rename(path, hidden)
            path = hidden
        shutil.rmtree(path)

    def _clear_scratch(self) -> None:
        """Remove what an earlier backup left when it was killed (only ever stale: this runs
        under the lock, and other processes are kept out by the folder's lock)."""
        if not self.path.is_dir():
            return
        for entry in self.path.iterdir():
            if entry.name.startswith((MAKING, DROPPING)) and entry.is_dir():
                shutil.rmtree(entry, ignore_errors=True)

    def purge(self, session_name: str, turns: Iterable[Turn]) -> list[Path]:
        """Erase private words from every copy of ``session_name`` under ``backups/``: the
        ``turns`` replace the copies' turns with their ids (a menu's marks at its reveal, an
        answer deleted), and the draft is emptied, as the live file was. See ``rewrite``."""
        by_id = {t.id: t.model_dump(mode="json") for t in turns}

        def change(data: Data) -> None:
            for doc in data.get("turns", {}).values():
                if doc.get("id") in by_id:
                    doc.update(by_id[doc["id"]])
            if "draft" in data:
                data["draft"] = {}

        return self.rewrite(session_name, change)

    def rewrite(self, name: str, change: Callable[[Data], object]) -> list[Path]:
        """Make ``change`` to every copy of the file ``name`` under ``backups/`` (generations
        and keepings alike), keeping each generation's manifest true.

        A copy changed is written as a new file, which breaks its hard links; one the change
        leaves as it was is not touched. A copy that cannot be rewritten (unreadable, sealed
        under another key, disk full) is deleted instead: what is erased must go. Returns the
        copies that could be neither rewritten nor deleted.
        """
        return self._each_copy(name, lambda copy: self._rewrite(copy, name, change))

    def remove(self, name: str) -> list[Path]:
        """Delete every copy of the file ``name`` under ``backups/`` (a session deleted);
        returns the copies that could not be."""
        return self._each_copy(name, lambda copy: None)

    def _each_copy(self, name: str, rewrite: Callable[[Path], str | None]) -> list[Path]:
        """Under the lock, ``rewrite`` each copy of ``name`` (its sha256 after, or ``None``:
        delete it), and note it in its generation's manifest."""
        left: list[Path] = []
        with self._lock:
            self._clear_scratch()
            for holder in backup_folders(self.folder):
                copy = holder / name
                if not os.path.lexists(copy):
                    continue
                digest = rewrite(copy)
                if digest is None:
                    try:
                        copy.unlink()
                    except OSError:
                        left.append(copy)
                        continue
                if is_generation(holder.name):
                    _note(holder, name, digest)
        return left

    def _rewrite(self, copy: Path, name: str, change: Callable[[Data], object]) -> str | None:
        """Rewrite one copy (left as it is if ``change`` changes nothing in it); its sha256
        now, or ``None`` if it could not be."""
        try:
            raw = read_raw(copy)
            if raw is None:
                return None
            data = parse(copy, self.codec.unseal(copy, name, raw))
            before = json.dumps(data, sort_keys=True)
            change(data)
            if json.dumps(data, sort_keys=True) != before:
                write_data(copy, name, data, self.codec)
                raw = read_raw(copy)
        except (OSError, BadFile):
            return None
        return None if raw is None else sha256(raw)


def _writeread_manifest(generation: Path, manifest: dict[str, Any]) -> None:
    write_atomically(generation / MANIFEST_FILE, json.dumps(manifest, indent=1).encode())


def _note(generation: Path, name: str, digest: str | None) -> None:
    """Keep a generation's manifest true to a copy rewritten (or deleted). If it cannot be,
    the manifest goes, and that generation's files are hashed again when next needed."""
    path = generation / MANIFEST_FILE
    manifest = read_manifest(generation)
    try:
        if manifest is None:
            if os.path.lexists(path):
                path.unlink()
            return
        if manifest["files"].get(name) == digest:
            return
        if digest is None:  # gone from the generation: it changed nothing there either
            manifest["files"].pop(name, None)
            if isinstance(manifest.get("changed"), list):
                manifest["changed"] = [n for n in manifest["changed"] if n != name]
        else:
            manifest["files"][name] = digest
        _writeread_manifest(generation, manifest)
    except OSError:
        with contextlib.suppress(OSError):
            path.unlink()
