"""The workbook's calls for its backups: making one (the app runs it in a worker thread after
its first screen), erasing a menu's marks from every backup at its reveal, and waiting for a
backup under way before the folder is let go.

``Workbook`` takes these in as a base class, like ``ChangeCalls``, so ``book.py`` keeps to a
readable length. A workbook in memory or opened read-only has no backups: these do nothing.
"""

from __future__ import annotations

import contextlib

from workbook import engine
from workbook.backup_list import Generation
from workbook.backups import Backups
from workbook.clock import Clock
from workbook.content import Library
from workbook.layout import session_file
from workbook.store import Store


class BackupCalls:
    """Backups of the workbook's folder, over its store (and the store's codec) and clock."""

    store: Store
    library: Library
    clock: Clock
    _backups: Backups | None = None

    @property
    def backups(self) -> Backups | None:
        """The folder's backups; ``None`` in memory or read-only."""
        if self._backups is None:
            folder = self.store.folder
            if folder is None or self.store._backend.read_only:
                return None
            self._backups = Backups(folder, self.store.codec)
        return self._backups

    def back_up(self) -> Generation | None:
        """A new backup generation of what changed since the last one (``None`` if nothing
        did). Safe to run in a worker thread: it reads the files on disk, never the store."""
        backups = self.backups
        return backups.back_up(self.clock.now()) if backups is not None else None

    def _purge_backups(self, move: engine.Move) -> None:
        """At a menu's reveal, each partner's marks and drafts go from the backups too, as
        they went from the session file just saved; at a check-in's, the drafts of what each
        kept unshared. A copy that cannot be rewritten is
        deleted. Never raises: the answer itself is saved, and a screen told otherwise would
        offer to send it again, to the next step."""
        backups = self.backups
        if backups is None:
            return
        step = move.revealed
        revealed = self.library.exercises[move.session.exercise_id].step(step) if step else None
        erases = revealed is not None and (revealed.reveal == "match" or revealed.kind == "ratings")
        if move.rewritten or erases:
            with contextlib.suppress(OSError):  # backups/ itself cannot be read: nothing to do
                backups.purge(session_file(move.session.id), move.rewritten)

    def _finish_backups(self) -> None:
        """Give up a backup under way (at its next file) and wait for it, before the folder's
        lock is let go."""
        if self._backups is not None:
            self._backups.stop()
