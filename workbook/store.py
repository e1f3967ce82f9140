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

import contextlib
import copy
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from tinydb import TinyDB

from workbook.aside import move_aside, new_keeping
from workbook.backend import Backend
from workbook.errors import BadFile, BadKind
from workbook.layout import INDEX_FILE, WORKBOOK_FILE, session_file
from workbook.models import (
    SCHEMA_VERSION,
    Agreement,
    CheckIn,
    Draft,
    Hidden,
    Kept,
    Meta,
    Milestone,
    Moment,
    OptIn,
    OwnResource,
    Partner,
    PartnerId,
    Record,
    Rest,
    Session,
    SessionIndexEntry,
    Sitting,
    Turn,
)
from workbook.storage import CachedBatchMiddleware, Codec, Data

#: How a damaged index may be found; it is then rebuilt from the session files.
REBUILDABLE: frozenset[BadKind] = frozenset({"truncated", "not_json", "foreign"})


def _batch(db: TinyDB) -> contextlib.AbstractContextManager[None]:
    middleware = db.storage
    assert isinstance(middleware, CachedBatchMiddleware)
    return middleware.batch()


def _load(model: type[Record], doc: Any, where: str) -> Any:
    try:
        return model.model_validate(dict(doc))
    except ValidationError as error:
        first = error.errors()[0]
        field = ".".join(str(p) for p in first["loc"]) or "(the record)"
        raise BadFile(where, "foreign", f"{field}: {first['msg']}") from error


def _dump(record: Record) -> dict[str, Any]:
    return record.model_dump(mode="json")


BookRecord = Agreement | Milestone | CheckIn | Sitting | Rest | OwnResource | Kept | OptIn | Hidden
"""A record of ``workbook.json`` kept by its id."""


class Store:
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

    def _records(self, model: type[Record], table: str) -> list[Any]:
        """Every record of ``table`` in ``workbook.json``, checked against ``model``."""
        where = self._where(WORKBOOK_FILE)
        return [_load(model, d, where) for d in self._book.table(table).all()]

    def initialise(self, meta: Meta) -> None:
        """Write ``workbook.json`` with its meta record if it is not there yet, then make sure
        ``sessions/`` exists. In that order: until ``workbook.json`` is written the folder
        holds nothing the next start would mistake for someone else's files."""
        table = self._book.table("meta")
        if not table.all():
            if self.folder is not None and (self.folder / WORKBOOK_FILE).exists():
                # Never written so by the app (the meta goes in first): not ours to fill in.
                raise BadFile(self._where(WORKBOOK_FILE), "foreign", "meta")
            table.insert(_dump(meta))
        self._backend.ensure_sessions_folder()

    def meta(self) -> Meta | None:
        docs = self._book.table("meta").all()
        if not docs:
            return None
        meta: Meta = _load(Meta, docs[0], self._where(WORKBOOK_FILE))
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
        with _batch(self._book):
            table.truncate()
            table.insert(_dump(meta))

    def partners(self) -> list[Partner]:
        return sorted(self._records(Partner, "partners"), key=lambda p: p.id)

    def save_partners(self, partners: list[Partner]) -> None:
        table = self._book.table("partners")
        with _batch(self._book):
            table.truncate()
            table.insert_multiple(_dump(p) for p in partners)

    def agreements(self) -> list[Agreement]:
        return self._records(Agreement, "agreements")

    def _put(
        self,
        table_name: str,
        record: Agreement
        | Milestone
        | CheckIn
        | Sitting
        | Rest
        | OwnResource
        | Kept
        | OptIn
        | Hidden,
    ) -> None:
        """Insert ``record`` into a table of ``workbook.json``, replacing one with its id."""
        table = self._book.table(table_name)
        with _batch(self._book):
            table.remove(lambda d: d.get("id") == record.id)
            table.insert(_dump(record))

    def save_agreement(self, agreement: Agreement) -> None:
        self._put("agreements", agreement)

    def milestones(self) -> list[Milestone]:
        return self._records(Milestone, "milestones")

    def save_milestone(self, milestone: Milestone) -> None:
        self._put("milestones", milestone)

    def check_ins(self) -> list[CheckIn]:
        """Every check-in both finished, oldest first."""
        return sorted(self._records(CheckIn, "check_ins"), key=lambda c: c.at)

    def save_check_in(self, check_in: CheckIn) -> None:
        self._put("check_ins", check_in)

    def save_sitting(self, sitting: Sitting) -> None:
        self._put("sittings", sitting)

    def sittings(self) -> list[Sitting]:
        return self._records(Sitting, "sittings")

    def rests(self) -> list[Rest]:
        return self._records(Rest, "rests")

    def save_rest(self, rest: Rest) -> None:
        self._put("rests", rest)

    def kept(self) -> list[Kept]:
        """Questions kept for later, the longest kept first."""
        kept = self._records(Kept, "kept")
        return sorted(kept, key=lambda k: k.kept_at)

    def save_kept(self, kept: Kept) -> None:
        self._put("kept", kept)

    def remove_kept(self, kept_id: str) -> None:
        self._book.table("kept").remove(lambda d: d.get("id") == kept_id)

    def own_resources(self) -> list[OwnResource]:
        return self._records(OwnResource, "resources")

    def save_own_resource(self, resource: OwnResource) -> None:
        self._put("resources", resource)

    def remove_own_resource(self, resource_id: str) -> None:
        self._book.table("resources").remove(lambda d: d.get("id") == resource_id)

    def moments(self) -> list[Moment]:
        """Each partner's moment for a therapist (one at most each), by partner."""
        return sorted(self._records(Moment, "moments"), key=lambda m: m.partner)

    def save_moment(self, moment: Moment) -> None:
        """Keep ``moment`` in place of the one its partner noted before."""
        table = self._book.table("moments")
        with _batch(self._book):
            table.remove(lambda d: d.get("partner") == moment.partner)
            table.insert(_dump(moment))

    def remove_moment(self, partner: PartnerId) -> None:
        self._book.table("moments").remove(lambda d: d.get("partner") == partner)

    def opt_ins(self) -> list[OptIn]:
        """Each author's yes to an answer of theirs going into an export, by turn id."""
        return self._records(OptIn, "opt_ins")

    def save_opt_in(self, opt_in: OptIn) -> None:
        self._put("opt_ins", opt_in)

    def remove_opt_in(self, turn_id: str) -> None:
        self._book.table("opt_ins").remove(lambda d: d.get("id") == turn_id)

    def hidden(self) -> list[Hidden]:
        """The answers their authors keep out of summaries and exports, by turn id."""
        return self._records(Hidden, "hidden")

    def save_hidden(self, hidden: Hidden) -> None:
        self._put("hidden", hidden)

    def remove_hidden(self, turn_id: str) -> None:
        self._book.table("hidden").remove(lambda d: d.get("id") == turn_id)

    # -- sessions ------------------------------------------------------------------------

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
        entries = [_load(SessionIndexEntry, d, self._where(INDEX_FILE)) for d in docs]
        return sorted(entries, key=lambda e: e.updated_at, reverse=True)

    def session(self, session_id: str) -> Session:
        name = self._session_name(session_id)
        docs = self._session_db(session_id).table("session").all()
        if not docs:
            raise BadFile(self._where(name), "foreign", "no session record")
        return _load(Session, docs[0], self._where(name))

    def turns(self, session_id: str) -> list[Turn]:
        name = self._session_name(session_id)
        return [
            _load(Turn, d, self._where(name))
            for d in self._session_db(session_id).table("turns").all()
        ]

    def last_turn(self, session_id: str) -> Turn | None:
        """The session's most recent turn, read without validating the ones before it."""
        docs = self._session_db(session_id).table("turns").all()
        return _load(Turn, docs[-1], self._where(self._session_name(session_id))) if docs else None

    def draft(self, session_id: str) -> Draft | None:
        docs = self._session_db(session_id).table("draft").all()
        return _load(Draft, docs[0], self._where(self._session_name(session_id))) if docs else None

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
        with _batch(db):
            record = db.table("session")
            record.truncate()
            record.insert(_dump(session))
            turns = db.table("turns")
            for earlier in rewritten:
                turns.update(_dump(earlier), lambda d, i=earlier.id: d.get("id") == i)
            if removed:
                turns.remove(lambda d: d.get("id") in removed)
            if turn is not None:
                turns.insert(_dump(turn))
            if not keep_draft:
                db.table("draft").truncate()
        self._write_index_entry(session, len(db.table("turns")))

    def save_draft(self, session_id: str, draft: Draft) -> None:
        """Keep the text being typed: writes only the session's file."""
        db = self._session_db(session_id)
        with _batch(db):
            table = db.table("draft")
            table.truncate()
            table.insert(_dump(draft))

    def _write_index_entry(self, session: Session, turns: int) -> None:
        entry = SessionIndexEntry.of(session, turns)
        table = self._index.table("sessions")
        with _batch(self._index):
            table.remove(lambda d: d.get("id") == session.id)
            table.insert(_dump(entry))

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

    def repair_index(self) -> int:
        """Make the index agree with the session files; return how many entries changed."""
        by_id = {e.id: e for e in self._index_or_none()}
        changed = 0
        seen: set[str] = set()
        for name in self._backend.session_names():
            session_id = Path(name).stem
            db = self._backend.db(name)
            if not db.table("session").all():
                continue
            session = self.session(session_id)
            self.draft(session_id)  # read here, so a draft that does not fit is named at open
            seen.add(session_id)
            turns = len(db.table("turns"))
            entry = by_id.get(session_id)
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
        stale = set(by_id) - seen
        if stale and not self._backend.read_only:
            self._index.table("sessions").remove(lambda d: d.get("id") in stale)
        return changed + len(stale)

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
