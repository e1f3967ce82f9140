"""The workbook's calls for deleting: one partner's own answer that only they have seen, one
session (once both partners have said yes by name: the app asks each), or everything.

Each deletion reaches every file: the live files first, then every copy under ``backups/``,
generation and keeping alike, by the same changes (``forget``). Live, what points at the answer
or session goes before it does: a deletion cut short leaves it there to delete again, never a
record holding its words that nothing in the app leads to. ``Workbook`` takes these in as a
base class, like ``WordsCalls``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from workbook.backups import Backups
from workbook.book_backups import BackupCalls
from workbook.clock import Clock
from workbook.content import Library
from workbook.erase import Removed, erase, survey
from workbook.forget import Forgetting, deleted, unindexed
from workbook.layout import INDEX_FILE, WORKBOOK_FILE, session_file
from workbook.models import PartnerId, SessionIndexEntry, Turn
from workbook.my_answers import answers_of
from workbook.privacy import seen_only_by_author
from workbook.sittings import SittingLog
from workbook.store import Store


class NotDeletable(ValueError):
    """Not the partner's own answer, or one the other partner has seen (it may be hidden
    instead)."""


class DeleteCalls(BackupCalls):
    """Deleting, over the workbook's store, content, clock and backups."""

    store: Store
    library: Library
    clock: Clock
    sitting: SittingLog

    def every_session(self) -> list[SessionIndexEntry]:
        """Every session, open or ended, newest change first."""
        return self.store.index()

    def _deletable(self, session_id: str, partner: PartnerId) -> list[Turn]:
        """``partner``'s answers in a session that only they have seen (``privacy``); none
        in a session of an exercise the app no longer has, whose steps it cannot judge."""
        session = self.store.session(session_id)
        exercise = self.library.exercises.get(session.exercise_id)
        if exercise is None:
            return []
        turns = self.store.turns(session_id)
        mine = {t.id for t in answers_of(exercise, turns) if t.partner == partner}
        return [
            turn
            for index, turn in enumerate(turns)
            if turn.id in mine and seen_only_by_author(exercise.step(turn.step_id), turns, index)
        ]

    def deletable_answers(self, partner: PartnerId) -> set[str]:
        """The turn ids of ``partner``'s answers that they alone may delete (My answers)."""
        return {t.id for e in self.store.index() for t in self._deletable(e.id, partner)}

    def delete_answer(self, partner: PartnerId, session_id: str, turn_id: str) -> list[Path]:
        """``partner`` deletes an answer of theirs only they have seen (``NotDeletable``
        otherwise): any record naming it goes, then its words: it stays a pass with none
        (``forget.deleted``), and their own draft in that session goes too (it may hold the
        words again). Returns the backup copies that could be neither erased nor deleted."""
        turn = next((t for t in self._deletable(session_id, partner) if t.id == turn_id), None)
        if turn is None:
            raise NotDeletable(turn_id)
        forgetting, gone = Forgetting(session_id, turn_id), deleted(turn)
        self.store.rewrite(WORKBOOK_FILE, forgetting)
        draft = self.store.draft(session_id)
        keep_draft = draft is not None and draft.partner != partner
        session = self.store.session(session_id)
        self.store.save_session(session, rewritten=(gone,), keep_draft=keep_draft)
        return self._in_backups(
            lambda backups: [
                *backups.purge(session_file(session_id), (gone,)),
                *backups.rewrite(WORKBOOK_FILE, forgetting),
            ]
        )

    def delete_session(self, session_id: str) -> list[Path]:
        """Delete a session, only once both partners have said yes: the records naming it
        first, then its file, then its index entry (an entry left by a crash is dropped at the
        next open: the session files win), then every copy. What it made stays (``forget``).
        Returns the backup copies that could be neither erased nor deleted."""
        forgetting, name = Forgetting(session_id), session_file(session_id)
        self.store.rewrite(WORKBOOK_FILE, forgetting)
        self.store.remove_session_file(session_id)
        self.store.rewrite(INDEX_FILE, unindexed(session_id))
        return self._in_backups(
            lambda backups: [
                *backups.rewrite(WORKBOOK_FILE, forgetting),
                *backups.remove(name),
                *backups.rewrite(INDEX_FILE, unindexed(session_id)),
            ]
        )

    def _in_backups(self, erase_from: Callable[[Backups], list[Path]]) -> list[Path]:
        """Run ``erase_from`` on the backups (none in memory); if ``backups/`` itself cannot
        be read, it is what is left."""
        backups = self.backups
        if backups is None:
            return []
        try:
            return erase_from(backups)
        except OSError:
            return [backups.path]

    def everything(self) -> Removed:
        """What deleting everything would remove, by kind (for its confirmation)."""
        assert self.store.folder is not None, "a workbook in memory has no files to delete"
        return survey(self.store.folder)

    def delete_everything(self) -> Removed:
        """Delete everything under the data folder, backups included (``erase``); the
        folder stays, empty. ``OSError`` if it stopped part way (deleting again finishes).
        Either way the workbook is empty and in memory only from then on, so nothing saved
        as the app closes can bring a file back; it holds the folder's lock until closed."""
        folder = self.store.folder
        assert folder is not None, "a workbook in memory has no files to delete"
        self._finish_backups()
        self.store.close()
        try:
            return erase(folder)
        finally:
            self.store = Store.in_memory()
            self.sitting = SittingLog(self.store, self.clock)
            self._backups = None
