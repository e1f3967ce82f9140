"""Checking a data folder (``workbook check``), without changing anything in it.

Every data file is read the way the app reads it (a read-only ``Store``), so every record of
every table goes through its model; a file that cannot be read is one problem and the other
files are still checked. Then the files are held against each other (the index against the
session files, turns and roles against the partners, agreements against the sessions they
came from), and the folder itself is walked for symlinks and for permissions looser than the
app's own (files 0600, folders 0700; the couple's own ``exercises/`` are theirs to set).

A workbook an older app wrote is checked as the app will read it once it has migrated it at
open: its files are migrated in memory first (``workbook.migrations``), never on disk.

A backup generation has the same layout, so ``is_sound`` tells whether one is good to go back
to. Nothing here imports Textual or writes a byte.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal, TypeVar

from workbook.backend import Backend
from workbook.content import EXERCISES_FOLDER
from workbook.errors import BadFile, BadKind
from workbook.layout import INDEX_FILE, SESSIONS_FOLDER, WORKBOOK_FILE, data_file_names
from workbook.migrations import MIGRATIONS, written_version
from workbook.models import SCHEMA_VERSION, Agreement, CheckIn, PartnerId, SessionIndexEntry
from workbook.storage import PLAIN, Codec, Data, read_data
from workbook.store import REBUILDABLE, Store

T = TypeVar("T")

CrossKind = Literal[
    "missing",
    "no_session_file",
    "not_indexed",
    "index_disagrees",
    "misnamed",
    "unknown_partner",
    "no_origin",
    "loose_file",
    "loose_folder",
]
ProblemKind = BadKind | CrossKind

#: Problems that leave what the couple wrote whole: the app puts the index right when it next
#: opens, and a mode is fixed with chmod. A backup with only these is still good to go back to,
#: and they alone never call for a restore.
TIDYING: frozenset[str] = frozenset(
    {"no_session_file", "not_indexed", "index_disagrees", "loose_file", "loose_folder"}
)

#: Group and other permission bits: any of them is looser than the app's own modes.
_OPEN_TO_OTHERS = 0o077


@dataclass(frozen=True)
class Problem:
    """One thing wrong: the file (or folder), what kind of wrong, and its specifics."""

    path: Path
    kind: ProblemKind
    detail: str = ""

    @property
    def serious(self) -> bool:
        """Whether it touches what is kept (a restore may be the way back), not only tidying.
        A damaged index is tidying too: the app rebuilds it from the session files."""
        if self.path.name == INDEX_FILE and self.kind in REBUILDABLE:
            return False
        return self.kind not in TIDYING


@dataclass
class Findings:
    """What a check found: its problems, and what it counted on the way. A path given inside
    the folder (by a reader over files migrated in memory) is named in full."""

    root: Path
    problems: list[Problem] = field(default_factory=list)
    files: int = 0
    sessions: int = 0
    turns: int = 0
    agreements: int = 0
    check_ins: int = 0

    def add(self, path: Path | str, kind: ProblemKind, detail: str = "") -> None:
        problem = Problem(self.root / path, kind, detail)
        if problem not in self.problems:
            self.problems.append(problem)

    def add_bad(self, bad: BadFile) -> None:
        self.add(bad.path, bad.kind, bad.detail)


def is_data_folder(folder: Path) -> bool:
    """Whether ``folder`` holds (what is left of) a workbook, whole or not."""
    return folder.is_dir() and any(
        os.path.lexists(folder / name) for name in (WORKBOOK_FILE, INDEX_FILE, SESSIONS_FOLDER)
    )


def check_folder(folder: Path, codec: Codec = PLAIN) -> list[Problem]:
    """Every problem in the data folder (or backup generation) ``folder``; none if sound."""
    return inspect(folder, codec).problems


def is_sound(folder: Path, codec: Codec = PLAIN) -> bool:
    """Whether ``folder`` is good to go back to: nothing wrong but tidying (see ``TIDYING``)."""
    return not any(problem.serious for problem in check_folder(folder, codec))


def inspect(folder: Path, codec: Codec = PLAIN) -> Findings:
    """Check ``folder``: its problems, and how many files, sessions, turns and agreements."""
    folder = folder.expanduser().absolute()
    found = Findings(folder)
    files = _migrated(folder, codec, found)
    if files is None:
        backend = Backend(folder, read_only=True, codec=codec)
        present = set(data_file_names(folder))
    else:
        backend = Backend(None)
        for name, data in files.items():
            backend.db(name).storage.write(data)
        present = set(files)
    store = Store(backend)
    try:
        _check_files(folder, backend, store, present, found)
    finally:
        store.close()
    _walk(folder, found)
    return found


def _migrated(folder: Path, codec: Codec, found: Findings) -> dict[str, Data] | None:
    """For a workbook an older app wrote: every data file as the app will have it once it has
    migrated it at open, in memory. None for a current (or newer) workbook, or when a file
    cannot be read or migrated (the check on disk then says so)."""
    try:
        version = written_version(read_data(folder / WORKBOOK_FILE, WORKBOOK_FILE, codec) or {})
    except BadFile:
        return None
    if version is None or version >= SCHEMA_VERSION:
        return None
    if any(v not in MIGRATIONS for v in range(version, SCHEMA_VERSION)):
        found.add(folder / WORKBOOK_FILE, "foreign", f"schema_version {version}")
        return None
    try:
        files = {
            name: read_data(folder / name, name, codec) or {} for name in data_file_names(folder)
        }
    except BadFile:
        return None
    try:
        for step in range(version, SCHEMA_VERSION):
            files = MIGRATIONS[step](files)
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        found.add(folder / WORKBOOK_FILE, "foreign", f"schema_version {version}: {error}")
        return None
    return files


# -- each file against the models ----------------------------------------------------------


def _readable(backend: Backend, name: str, found: Findings) -> bool:
    """Read file ``name`` whole (once: the backend keeps it for the readers); a file that
    cannot be read at all is one problem, and its readers are not tried."""
    try:
        backend.db(name).storage.read()
    except BadFile as bad:
        found.add_bad(bad)
        return False
    return True


def _read(found: Findings, where: Path, reader: Callable[[], T]) -> T | None:
    """What ``reader`` returns, or None with the problem noted."""
    try:
        return reader()
    except BadFile as bad:
        found.add_bad(bad)
    except (TypeError, ValueError, AttributeError) as error:  # a table TinyDB cannot read
        found.add(where, "foreign", str(error))
    return None


@dataclass
class _Book:
    partners: set[PartnerId] | None
    """None when the partners could not be read: they are then not checked against."""
    agreements: list[Agreement]
    check_ins: list[CheckIn]


def _check_book(folder: Path, backend: Backend, store: Store, found: Findings) -> _Book | None:
    """``workbook.json``: the meta record first (a newer one ends the check of this file),
    then every table through its reader."""
    where = folder / WORKBOOK_FILE
    if not os.path.lexists(where):
        found.add(where, "missing")
        return None
    if not _readable(backend, WORKBOOK_FILE, found):
        return None
    try:
        meta = store.meta()
    except BadFile as bad:
        found.add_bad(bad)
        if bad.kind == "newer":
            return None  # the rest is in a shape this version does not know
    except (TypeError, ValueError, AttributeError) as error:
        found.add(where, "foreign", str(error))
    else:
        if meta is None:
            found.add(where, "foreign", "meta: no record")
    read = {table: _read(found, where, reader) for table, reader in store.book_readers().items()}
    partners, agreements = read["partners"], read["agreements"] or []
    check_ins = read["check_ins"] or []
    found.agreements, found.check_ins = len(agreements), len(check_ins)
    known = None if partners is None else {p.id for p in partners}
    return _Book(known, agreements, check_ins)


@dataclass
class _SessionFile:
    path: Path
    status: str
    step_id: str
    actor: PartnerId | None
    turns: int


def _check_session(
    folder: Path, name: str, backend: Backend, store: Store, book: _Book | None, found: Findings
) -> _SessionFile | None:
    """One session file: its record, turns and draft through their models, its name, its
    partners; what the index is held against, if its record could be read."""
    path = folder / name
    session_id = Path(name).stem
    if not _readable(backend, name, found):
        return None
    db = backend.db(name)
    raw = _read(found, path, lambda: db.table("session").all())
    version = raw[0].get("schema_version") if raw else None
    if isinstance(version, int) and version > SCHEMA_VERSION:
        found.add(path, "newer", str(version))
        return None
    session = _read(found, path, lambda: store.session(session_id))
    turns = _read(found, path, lambda: store.turns(session_id))
    draft = _read(found, path, lambda: store.draft(session_id))
    if session is None:
        return None
    if session.id != session_id:
        found.add(path, "misnamed", session.id)
    if book is not None and book.partners is not None:
        named: set[str] = {*session.roles.values(), *session.waiting}
        named |= {t.partner for t in turns or []}
        if session.actor is not None:
            named.add(session.actor)
        if draft is not None:
            named.add(draft.partner)
        unknown = named - book.partners
        if unknown:
            found.add(path, "unknown_partner", ", ".join(sorted(unknown)))
    found.sessions += 1
    found.turns += len(turns or [])
    count = len(db.table("turns"))
    return _SessionFile(path, session.status, session.step_id, session.actor, count)


# -- the files against each other ----------------------------------------------------------


def _check_index(
    folder: Path,
    entries: list[SessionIndexEntry],
    sessions: dict[str, _SessionFile | None],
    found: Findings,
) -> None:
    """Every index entry has its session file and agrees with it; every session is listed."""
    by_id = {entry.id: entry for entry in entries}
    for entry in entries:
        if entry.id not in sessions:
            found.add(folder / INDEX_FILE, "no_session_file", entry.id)
    for session_id, session in sessions.items():
        if session is None:
            continue  # its own problem is said already
        entry = by_id.get(session_id)
        if entry is None:
            found.add(session.path, "not_indexed")
            continue
        differ = [
            what
            for what, listed, kept in (
                ("status", entry.status, session.status),
                ("step", entry.step_id, session.step_id),
                ("actor", entry.actor, session.actor),
                ("turns", entry.turns, session.turns),
            )
            if listed != kept
        ]
        if differ:
            found.add(session.path, "index_disagrees", ", ".join(differ))


def _check_files(
    folder: Path, backend: Backend, store: Store, present: set[str], found: Findings
) -> None:
    """``present``: the data files there are (after a migration in memory, its files)."""
    found.files = len(data_file_names(folder))
    book = _check_book(folder, backend, store, found)
    entries: list[SessionIndexEntry] | None = None
    if INDEX_FILE in present and _readable(backend, INDEX_FILE, found):
        entries = _read(found, folder / INDEX_FILE, store.index)
    sessions = {
        Path(name).stem: _check_session(folder, name, backend, store, book, found)
        for name in backend.session_names()
    }
    if entries is not None:
        _check_index(folder, entries, sessions, found)
    if book is not None:
        made = [a.origin for a in book.agreements] + [c.origin for c in book.check_ins]
        for origin in made:
            if origin and origin not in sessions:
                found.add(folder / WORKBOOK_FILE, "no_origin", origin)


# -- the folder itself ---------------------------------------------------------------------


def _walk(folder: Path, found: Findings) -> None:
    """Symlinks anywhere under ``folder`` (backups too), and modes looser than the app's."""

    def unreadable(error: OSError) -> None:
        found.add(error.filename or folder, "unreadable", error.strerror or str(error))

    try:
        _mode(folder, os.stat(folder), found)
    except OSError as error:
        unreadable(error)
        return
    for root, dirs, files in os.walk(folder, onerror=unreadable):
        base = Path(root)
        for name in sorted([*dirs, *files]):
            path = base / name
            if path.relative_to(folder).parts[0] == EXERCISES_FOLDER and not path.is_symlink():
                continue  # the couple's own exercises: their files, their modes
            try:
                status = os.lstat(path)
            except OSError as error:
                unreadable(error)
                continue
            if stat.S_ISLNK(status.st_mode):
                found.add(path, "symlink")
            else:
                _mode(path, status, found)


def _mode(path: Path, status: os.stat_result, found: Findings) -> None:
    mode = stat.S_IMODE(status.st_mode)
    if mode & _OPEN_TO_OTHERS:
        kind: ProblemKind = "loose_folder" if stat.S_ISDIR(status.st_mode) else "loose_file"
        found.add(path, kind, f"{mode:o}")
