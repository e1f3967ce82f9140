"""The couple's workbook: content, store and turn engine behind one set of calls.

Screens and the command line call this and nothing below it. Each call that changes anything
saves before it returns, so what is on screen is always already on disk. The calls that look
after the couple (safety, consent, pacing, help) are in ``book_care``.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from workbook import engine
from workbook.agreement_sessions import changed_in, for_agreement
from workbook.backend import Backend
from workbook.book_agreements import AgreementCalls
from workbook.book_backups import BackupCalls
from workbook.book_care import CareCalls
from workbook.book_care import NameError_ as NameError_  # re-exported for the screens
from workbook.book_changes import ChangeCalls
from workbook.book_deletes import DeleteCalls
from workbook.book_repair import RepairCalls
from workbook.book_settings import SettingsCalls
from workbook.book_take_back import TakeBackCalls
from workbook.book_vault import VaultCalls
from workbook.book_words import WordsCalls
from workbook.clock import Clock, SystemClock
from workbook.content import Library, load_library
from workbook.content_format import Exercise
from workbook.errors import DataFolderError, NotStartable
from workbook.folder import FolderLock, is_workbook, prepare_folder, sweep_temp_files
from workbook.migrations import migrate
from workbook.models import (
    OPEN_STATUSES,
    Agreement,
    AnswerValue,
    Draft,
    Kept,
    Meta,
    Milestone,
    PartnerId,
    Session,
    SessionIndexEntry,
    Turn,
    new_id,
)
from workbook.my_answers import turns_for_both
from workbook.path_view import PathPart, describe_path, finished, waiting_for
from workbook.reveal import RevealView, describe_reveal
from workbook.sittings import SittingLog
from workbook.storage import PLAIN, Codec
from workbook.store import Store
from workbook.summary import Summary, summarise
from workbook.turn_view import Opened, TurnView, describe, is_current, names_for
from workbook.wording import fill
from workbook.wording_check import Noticed, notice


class Workbook(
    SettingsCalls,
    CareCalls,
    WordsCalls,
    AgreementCalls,
    ChangeCalls,
    DeleteCalls,
    TakeBackCalls,
    BackupCalls,
    VaultCalls,
    RepairCalls,
):
    """One couple's workbook, open for reading and (unless read-only) writing."""

    def __init__(
        self,
        store: Store,
        library: Library,
        clock: Clock | None = None,
        lock: FolderLock | None = None,
    ) -> None:
        self.store = store
        self.library = library
        self.clock = clock or SystemClock()
        self._lock = lock
        self.sitting = SittingLog(store, self.clock)
        """The current sitting: its start, its time-outs, how it ends."""
        self.repaired_quickly = False
        """Opened with the quick repair: the app owes the full look (``disagreements``)."""
        self.migrated_from: Path | None = None
        """Where the files are kept as they were, if opening updated them to this version
        (``migrations``), for the app to tell the couple (texts: ``migrations.updated``)."""

    # -- opening and closing -------------------------------------------------------------

    @classmethod
    def open(
        cls,
        folder: Path,
        clock: Clock | None = None,
        library: Library | None = None,
        codec: Codec = PLAIN,
        lock: FolderLock | None = None,
        quick_repair: bool = False,
    ) -> Workbook:
        """Open ``folder`` for this app alone: prepare it, take the lock (unless ``lock`` is
        held already, as when the passphrase was asked first), bring files an older app wrote
        up to this version, repair the index. ``codec``: how its files are kept (sealed, when
        the workbook is encrypted). ``quick_repair``: only what a crash can have left behind,
        for the app, which takes the full look after its first screen (``book_repair``).

        Raises ``AlreadyOpenError`` (nothing written) if another app holds it.
        """
        folder = prepare_folder(folder)
        if lock is None:
            lock = FolderLock(folder)
            lock.acquire()
        try:
            sweep_temp_files(folder)
            store = Store(Backend(folder, codec=codec))
            book = cls(store, library or load_library(folder), clock, lock)
            book.migrated_from = migrate(folder, codec, book.clock.now())
            book.store.initialise(Meta(created_at=book.clock.now()))
            book.store.read_book()
            # Files updated to this version were all rewritten: looked at in full.
            book.repaired_quickly = quick_repair and book.migrated_from is None
            book.repair(quick=book.repaired_quickly)
        except BaseException:
            lock.release()
            raise
        return book

    @classmethod
    def open_read_only(
        cls, folder: Path, library: Library | None = None, codec: Codec = PLAIN
    ) -> Workbook:
        """Read a workbook while the app may be running: no lock, no writes."""
        folder = folder.expanduser()
        if not is_workbook(folder):
            raise DataFolderError(f"{folder} is not a workbook yet.")
        book = cls(Store(Backend(folder, True, codec)), library or load_library(folder))
        book.store.meta()
        return book

    @classmethod
    def in_memory(cls, library: Library | None = None, clock: Clock | None = None) -> Workbook:
        book = cls(Store.in_memory(), library or load_library(), clock)
        book.store.initialise(Meta(created_at=book.clock.now()))
        return book

    def close(self) -> None:
        """End the sitting (if it is still going), stop a backup under way, let go of the lock."""
        try:
            self.sitting.end("closed")
        finally:
            self._finish_backups()
            self.store.close()
            if self._lock is not None:
                self._lock.release()

    # -- sessions ------------------------------------------------------------------------

    def open_sessions(self) -> list[SessionIndexEntry]:
        """Sessions still in progress or paused, newest first."""
        return [e for e in self.store.index() if e.status in OPEN_STATUSES]

    def exercise(self, exercise_id: str) -> Exercise:
        return self.library.exercises[exercise_id]

    def start(
        self,
        exercise_id: str,
        roles: dict[str, PartnerId],
        consented: bool = False,
        agreement_id: str | None = None,
    ) -> Session:
        """Start a session with ``roles`` bound. A ``sensitive`` exercise starts only once
        both partners have consented in private (``consented``). ``agreement_id``: the
        agreement it amends or reviews (never a retired one)."""
        exercise = self._may_open(exercise_id, consented)
        if agreement_id is not None:
            self.may_change(exercise_id, agreement_id)
        session = engine.start(exercise, roles, new_id(), self.clock.now())
        session = session.model_copy(update={"agreement_id": agreement_id})
        self.store.save_session(session)
        return session

    def _may_open(self, exercise_id: str, consented: bool) -> Exercise:
        """The exercise, if it may open now; ``NotStartable`` for a sensitive one without
        both partners' private yes, or resting after it did not open, and for one still
        waiting for its prerequisites."""
        exercise = self.exercise(exercise_id)
        if exercise.sensitive and (not consented or self.resting_until(exercise_id)):
            raise NotStartable(exercise_id)
        if self.waiting_for(exercise_id):
            raise NotStartable(exercise_id)
        return exercise

    def load(self, session_id: str) -> Opened:
        return Opened(
            self.store.session(session_id),
            self.store.turns(session_id),
            self.store.draft(session_id),
        )

    def resume(self, session_id: str, consented: bool = False) -> Opened:
        """Open a session to carry on; a paused one is in progress again. A ``sensitive``
        one is picked up only when both have said yes again in private (``consented``)."""
        opened = self.load(session_id)
        self._may_open(opened.session.exercise_id, consented)
        if opened.session.status == "paused":
            session = engine.resume(opened.session, self.clock.now())
            self.store.save_session(session, keep_draft=True)
            opened = Opened(session, opened.turns, opened.draft)
        return opened

    def view(self, opened: Opened) -> TurnView:
        agreement = self._changing(opened.session.agreement_id)
        exercise = for_agreement(self.library, self.exercise(opened.session.exercise_id), agreement)
        return describe(
            self.library,
            exercise,
            opened.session,
            opened.turns,
            opened.draft,
            self.partners(),
            self.clock.now().date(),
            self.kept_longest(exercise.id, opened.session.actor),
            agreement,
        )

    def submit(self, session_id: str, value: AnswerValue) -> engine.Move:
        """Save the current actor's answer (and any agreement it completes) before returning."""
        opened = self.load(session_id)
        exercise = self.exercise(opened.session.exercise_id)
        move = engine.submit(
            exercise,
            opened.session,
            opened.turns,
            value,
            new_id(),
            self.clock.now(),
            self.kept_longest(exercise.id, opened.session.actor),
        )
        self._save(move, opened.turns)
        return move

    def pass_turn(self, session_id: str) -> engine.Move:
        opened = self.load(session_id)
        exercise = self.exercise(opened.session.exercise_id)
        kept = self.kept_longest(exercise.id, opened.session.actor)
        if kept is not None and is_current(opened.draft, opened.session, opened.turns):
            assert opened.draft is not None
            if opened.draft.text.strip():  # kept again as last reworded, not as it was
                kept = kept.model_copy(update={"text": opened.draft.text})
        move = engine.pass_turn(
            exercise, opened.session, opened.turns, new_id(), self.clock.now(), kept
        )
        self._save(move)
        return move

    def _save(self, move: engine.Move, earlier: list[Turn] | None = None) -> None:
        """The session file first (the truth), then what it made (from the ``earlier`` turns
        and this one; a pass makes nothing). A question kept for later is saved before and
        let go after, so a crash between can only keep it twice."""
        if move.kept is not None:
            self.store.save_kept(move.kept)
        self.store.save_session(move.session, move.turn, rewritten=move.rewritten)
        self._purge_backups(move)
        if earlier is not None:
            self._keep_agreement(move.session, [*earlier, move.turn], move.agreement)
        if move.milestone is not None:
            self.store.save_milestone(move.milestone)
        if move.check_in is not None:
            self.store.save_check_in(move.check_in)
        if move.unkept is not None:
            self.store.remove_kept(move.unkept)

    def kept_longest(self, exercise_id: str, asker: PartnerId | None) -> Kept | None:
        """The question ``asker`` has kept for later in ``exercise`` the longest: the one
        offered to them next."""
        return next(
            (k for k in self.store.kept() if (k.exercise_id, k.asked_by) == (exercise_id, asker)),
            None,
        )

    def reveal(self, session_id: str, step_id: str) -> RevealView:
        """What both partners see together once both have answered private ``step_id``."""
        session = self.store.session(session_id)
        return describe_reveal(
            self.library,
            self.exercise(session.exercise_id),
            step_id,
            self.store.turns(session_id),
            self.partners(),
        )

    def swap_words(self, session_id: str) -> str:
        """The hand-over sentence after roles swap, naming who holds which role now."""
        session = self.store.session(session_id)
        exercise = self.exercise(session.exercise_id)
        swap = next(s for s in exercise.steps if s.kind == "swap")
        return fill(swap.prompt, names_for(session, self.partners(), None))

    def pause(self, session_id: str) -> Session:
        session = engine.pause(self.store.session(session_id), self.clock.now())
        self.store.save_session(session, keep_draft=True)
        return session

    def save_draft(self, session_id: str, view: TurnView, text: str) -> None:
        """Keep the text being typed for this exact step, partner and visit."""
        draft = Draft(
            partner=view.actor,
            step_id=view.step_id,
            position=view.position,
            text=text,
            saved_at=self.clock.now(),
        )
        self.store.save_draft(session_id, draft)

    def check_wording(self, session_id: str, text: str) -> list[Noticed]:
        """What the current step's gentle wording checks notice in ``text`` (if it has any)."""
        session = self.store.session(session_id)
        step = self.exercise(session.exercise_id).step(session.step_id)
        return notice(self.library.wording, step, text)

    def summary(self, session_id: str) -> Summary:
        """What both partners see when a session has ended (without the answers their
        authors hid)."""
        session = self.store.session(session_id)
        exercise = self.exercise_for(session.exercise_id, session.agreement_id)
        return summarise(
            self.library,
            exercise,
            session,
            turns_for_both(self.store, exercise, session_id),
            self.partners(),
            [a for a in self.store.agreements() if changed_in(a, session_id)],
            [m for m in self.store.milestones() if m.origin == session_id],
        )

    # -- agreements ----------------------------------------------------------------------

    def agreements(self) -> list[Agreement]:
        """Every agreement, newest first."""
        return sorted(self.store.agreements(), key=lambda a: a.created_at, reverse=True)

    # -- the path and milestones ---------------------------------------------------------

    def path(self) -> list[PathPart]:
        kept = Counter(k.exercise_id for k in self.store.kept())
        return describe_path(self.library, self.store.index(), self._rests(), kept)

    def waiting_for(self, exercise_id: str) -> tuple[str, ...]:
        """Titles of the exercises to finish before ``exercise_id`` is offered."""
        return waiting_for(self.library, self.exercise(exercise_id), finished(self.store.index()))

    def milestones(self) -> list[Milestone]:
        """Every milestone, newest first."""
        return sorted(self.store.milestones(), key=lambda m: m.created_at, reverse=True)
