"""The couple's data folder, as TinyDB files behind our own Storage.

Layout (DESIGN, Storage)::

    <data>/workbook.json        meta, partners, agreements, milestones, check-ins, sittings, rests,
                                the couple's own resources, questions kept for later,
                                each partner's moment for a therapist, answers
                                opted in to an export
    <data>/index.json           one entry per session, for Home
    <data>/sessions/<id>.json   one session's record, turns and draft
    <data>/lock                 held with flock while the app runs

A turn save writes its session file, then ``index.json``, and nothing else; the session file
is the truth, and ``repair_index`` rebuilds the index from it when they disagree after a crash.
The same class runs over memory (``Store.in_memory``) for property tests.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Collection
from pathlib import Path
from typing import Any

from tinydb import TinyDB

from workbook.aside import move_aside, new_keeping
from workbook.backend import Backend
from workbook.book_tables import BookTables, batch, dump, load
from workbook.errors import BadFile, BadKind
from workbook.layout import INDEX_FILE, WORKBOOK_FILE, session_file
from workbook.models import (
    SCHEMA_VERSION,
    Draft,
    Meta,
    Session,
    SessionIndexEntry,
    Turn,
)
from workbook.storage import Codec, Data

#: How a damaged index may be found; it is then rebuilt from the session files.
REBUILDABLE: frozenset[BadKind] = frozenset({"truncated", "not_json", "foreign"})


class Store(BookTables):
    """Reads and writes the couple's records; knows nothing of exercises or screens."""

    def __init__(self, backend: Backend) -> None:
        self._backend = backend
        self.set_aside: list[Path] = []
        """Damaged files moved under ``backups/`` while opening, for the app to mention."""

    @classmethod
    def in_memory(cls) -> Store:
        return cls(Backend(None))

    @property
    def folder(self) -> Path | None:
        return self._backend.folder

    @property
    def codec(self) -> Codec:
        """How the files are kept, for anything that writes copies of them (backups)."""
        return self._backend.codec

    def use_codec(self, codec: Codec) -> None:
        self._backend.use_codec(codec)

    def _where(self, name: str) -> str:
        """The file ``name`` as a person can find it: its full path when on disk."""
        return name if self.folder is None else str(self.folder / name)

    # -- workbook.json -------------------------------------------------------------------

    @property
    def _book(self) -> TinyDB:
        return self._backend.db(WORKBOOK_FILE)

    def initialise(self, meta: Meta) -> None:
        """Write ``workbook.json`` with its meta record if it is not there yet, then make sure
        ``sessions/`` exists. In that order: until ``workbook.json`` is written the folder
        holds nothing the next start would mistake for someone else's files."""
        table = self._book.table("meta")
        if not table.all():
            if self.folder is not None and (self.folder / WORKBOOK_FILE).exists():
                # Never written so by the app (the meta goes in first): not ours to fill in.
                raise BadFile(self._where(WORKBOOK_FILE), "foreign", "meta")
            table.insert(dump(meta))
        self._backend.ensure_sessions_folder()

    def meta(self) -> Meta | None:
        docs = self._book.table("meta").all()
        if not docs:
            return None
        meta: Meta = load(Meta, docs[0], self._where(WORKBOOK_FILE))
        if meta.schema_version > SCHEMA_VERSION:
            raise BadFile(self._where(WORKBOOK_FILE), "newer", str(meta.schema_version))
        return meta

    def book_readers(self) -> dict[str, Callable[[], list[Any]]]:
        """The reader of each table of ``workbook.json`` but the meta, by table."""
        return {
            "partners": self.partners,
            "agreements": self.agreements,
            "milestones": self.milestones,
            "check_ins": self.check_ins,
            "sittings": self.sittings,
            "rests": self.rests,
            "kept": self.kept,
            "resources": self.own_resources,
            "moments": self.moments,
            "opt_ins": self.opt_ins,
            "hidden": self.hidden,
        }

    def read_book(self) -> None:
        """Read every record of ``workbook.json`` once, so one that does not fit is found as
        the workbook opens (``BadFile``), not half way through a screen. It is small."""
        self.meta()
        for reader in self.book_readers().values():
            reader()

    def save_meta(self, meta: Meta) -> None:
        table = self._book.table("meta")
        with batch(self._book):
            table.truncate()
            table.insert(dump(meta))

    @staticmethod
    def _session_name(session_id: str) -> str:
        return session_file(session_id)

    def _session_db(self, session_id: str) -> TinyDB:
        return self._backend.db(self._session_name(session_id))

    @property
    def _index(self) -> TinyDB:
        return self._backend.db(INDEX_FILE)

    def index(self) -> list[SessionIndexEntry]:
        """Every session, newest change first."""
        docs = self._index.table("sessions").all()
        where = self._where(INDEX_FILE)  # once, not for each of a long history's entries
        entries = [load(SessionIndexEntry, d, where) for d in docs]
        return sorted(entries, key=lambda e: e.updated_at, reverse=True)

    def session(self, session_id: str) -> Session:
        name = self._session_name(session_id)
        docs = self._session_db(session_id).table("session").all()
        if not docs:
            raise BadFile(self._where(name), "foreign", "no session record")
        return load(Session, docs[0], self._where(name))

    def turns(self, session_id: str) -> list[Turn]:
        where = self._where(self._session_name(session_id))
        return [load(Turn, d, where) for d in self._session_db(session_id).table("turns").all()]

    def last_turn(self, session_id: str) -> Turn | None:
        """The session's most recent turn, read without validating the ones before it."""
        docs = self._session_db(session_id).table("turns").all()
        return load(Turn, docs[-1], self._where(self._session_name(session_id))) if docs else None

    def draft(self, session_id: str) -> Draft | None:
        docs = self._session_db(session_id).table("draft").all()
        return load(Draft, docs[0], self._where(self._session_name(session_id))) if docs else None

    def save_session(
        self,
        session: Session,
        turn: Turn | None = None,
        keep_draft: bool = False,
        rewritten: tuple[Turn, ...] = (),
        removed: tuple[str, ...] = (),
    ) -> None:
        """Save the session's state, with the turn that moved it, in one write; then the index.

        ``rewritten`` turns replace the saved turns with their ids, in place (a menu's marks
        erased at its reveal, an answer corrected); the turns with ``removed`` ids go (an
        answer taken back). The draft is cleared unless ``keep_draft``: a submitted turn
        replaces it.
        """
        db = self._session_db(session.id)
        with batch(db):
            record = db.table("session")
            record.truncate()
            record.insert(dump(session))
            turns = db.table("turns")
            for earlier in rewritten:
                turns.update(dump(earlier), lambda d, i=earlier.id: d.get("id") == i)
            if removed:
                turns.remove(lambda d: d.get("id") in removed)
            if turn is not None:
                turns.insert(dump(turn))
            if not keep_draft:
                db.table("draft").truncate()
        self._write_index_entry(session, len(db.table("turns")))

    def save_draft(self, session_id: str, draft: Draft) -> None:
        """Keep the text being typed: writes only the session's file."""
        db = self._session_db(session_id)
        with batch(db):
            table = db.table("draft")
            table.truncate()
            table.insert(dump(draft))

    def _write_index_entry(self, session: Session, turns: int) -> None:
        entry = SessionIndexEntry.of(session, turns)
        table = self._index.table("sessions")
        with batch(self._index):
            table.remove(lambda d: d.get("id") == session.id)
            table.insert(dump(entry))

    def _index_or_none(self) -> list[SessionIndexEntry]:
        """The index, or none at all if it is damaged and may be rebuilt: it holds nothing of
        the couple's own, only what the session files say. The damaged one is kept under
        ``backups/`` and ``set_aside`` says where."""
        try:
            return self.index()
        except BadFile as bad:
            if self.folder is None or self._backend.read_only or bad.kind not in REBUILDABLE:
                raise
        self._backend.forget(INDEX_FILE)
        keeping = new_keeping(self.folder, "damaged")
        move_aside(self.folder, [INDEX_FILE], keeping)
        self.set_aside.append(keeping / INDEX_FILE)
        return []

    def repair_index(self, only: Collection[str] | None = None) -> int:
        """Make the index agree with the session files; return how many entries changed.
        ``only``: look into just these sessions' files (``suspects``); an entry whose file is
        gone is dropped either way."""
        by_id = {e.id: e for e in self._index_or_none()}
        changed = 0
        names = self._backend.session_names()
        present = {Path(name).stem for name in names}
        looked: set[str] = set()
        seen: set[str] = set()
        for name in names:
            session_id = Path(name).stem
            if only is not None and session_id not in only:
                continue
            looked.add(session_id)
            db = self._backend.db(name)
            if not db.table("session").all():
                continue
            session = self.session(session_id)
            self.draft(session_id)  # read here, so a draft that does not fit is named at open
            seen.add(session_id)
            turns = len(db.table("turns"))
            entry = by_id.get(session_id)
            self.let_go(session_id)
            if (
                entry is None
                or entry.status != session.status
                or entry.step_id != session.step_id
                or entry.actor != session.actor
                or entry.due_on != session.due_on
                or entry.turns != turns
                or entry.updated_at != session.updated_at
            ):
                if not self._backend.read_only:
                    self._write_index_entry(session, turns)
                changed += 1
        stale = (set(by_id) - present) | (set(by_id) & (looked - seen))
        if stale and not self._backend.read_only:
            self._index.table("sessions").remove(lambda d: d.get("id") in stale)
        return changed + len(stale)

    def let_go(self, session_id: str) -> None:
        """Read-only, drop the session's file once read, so a look at every file of a long
        history holds one at a time (the app's full look, ``Workbook.disagreements``)."""
        if self._backend.read_only:
            self._backend.forget(self._session_name(session_id))

    def suspects(self) -> set[str] | None:
        """The sessions whose files may disagree with the index or ``workbook.json``, found
        from the folder alone, without reading a session file: one written at or after the
        older of those two files was last written (a save writes the session file first,
        then the index, then any record it made in ``workbook.json``, so a crash between them
        leaves the session file the newer), or one the index does not list. ``None`` (look
        at them all) in memory, or when either file is missing or the index cannot be read.
        A file whose time does not tell (a clock set back, files put back by hand) is found
        by the full look the app takes after its first screen (``Workbook.disagreements``)."""
        folder = self.folder
        if folder is None:
            return None
        try:
            since = min((folder / name).stat().st_mtime_ns for name in (INDEX_FILE, WORKBOOK_FILE))
            listed = {entry.id for entry in self.index()}
            found: set[str] = set()
            for name in self._backend.session_names():
                session_id = Path(name).stem
                if session_id not in listed or (folder / name).stat().st_mtime_ns >= since:
                    found.add(session_id)
        except (OSError, BadFile):
            return None
        return found

    def rewrite(self, name: str, change: Callable[[Data], object]) -> None:
        """Change the file ``name`` as raw tables in one write, as a deletion changes its copies
        under ``backups/`` (``forget``). Tables are read whole, never through a query cache."""
        db = self._backend.db(name)
        data = copy.deepcopy(db.storage.read() or {})
        change(data)
        db.storage.write(data)

    def remove_session_file(self, session_id: str) -> None:
        """Delete a session's file (its index entry goes by ``rewrite``)."""
        self._backend.remove(self._session_name(session_id))

    def close(self) -> None:
        self._backend.close()
