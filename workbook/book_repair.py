"""The workbook's repair after a crash: the session files win over the index and over
``workbook.json``.

Opening the app repairs only the sessions a crash can have left behind (``Store.suspects``,
from the files' times, without reading a session file), so a two-year history opens as fast as
a new one; the app then takes the full look, every session file read afresh in a worker thread
(``disagreements``), and repairs everything on its own thread if anything disagrees. Every
other way of opening repairs in full at once.

``Workbook`` takes these in as a base class, like ``BackupCalls``.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from workbook.agreement_sessions import merged_sources
from workbook.backend import Backend
from workbook.check_ins import check_in_by_last_turn
from workbook.content import Library
from workbook.models import Agreement, CheckIn, Milestone, Session, Turn
from workbook.records import build_review, made_by_last_turn, record_id
from workbook.store import Store


@dataclass(frozen=True)
class Unmade:
    """What a session's last turn made that is not in ``workbook.json``."""

    session: Session
    turns: list[Turn]
    agreement: Agreement | None
    milestone: Milestone | None
    check_in: CheckIn | None


def _unmade(store: Store, library: Library, only: Collection[str] | None) -> Iterator[Unmade]:
    """What the sessions (among ``only``) made by their last turn (an agreement or a change to
    one, a review, a milestone, a check-in) that is not in ``workbook.json``. A session's turns are
    read only when its last turn has no record there."""
    agreements = store.agreements()
    made = {a.id for a in agreements} | merged_sources(agreements)
    made |= {m.id for m in store.milestones()}
    made |= {c.id for c in store.check_ins()}
    for entry in store.index():
        if only is not None and entry.id not in only:
            continue
        exercise = library.exercises.get(entry.exercise_id)
        last = store.last_turn(entry.id)
        if exercise is None or last is None or last.step_id not in exercise.step_ids():
            store.let_go(entry.id)
            continue  # unknown or changed exercise: leave what was made as it is
        if record_id(entry.id, last) in made:
            store.let_go(entry.id)
            continue
        session, turns = store.session(entry.id), store.turns(entry.id)
        store.let_go(entry.id)
        agreement, milestone = made_by_last_turn(exercise, session, turns)
        check_in = check_in_by_last_turn(exercise, session, turns)
        reviewed = build_review(exercise, session, turns)  # kept by ``_keep_agreement`` too
        if any(made is not None for made in (agreement, milestone, check_in, reviewed)):
            yield Unmade(session, turns, agreement, milestone, check_in)


class RepairCalls:
    """Repair over the workbook's store and library."""

    store: Store
    library: Library

    if TYPE_CHECKING:  # from ChangeCalls

        def _keep_agreement(
            self, session: Session, turns: list[Turn], agreement: Agreement | None
        ) -> None: ...

    def repair(self, quick: bool = False) -> None:
        """Rebuild the index from the session files, and any agreement (or change to one),
        milestone or check-in that a session's last turn made but that did not reach
        ``workbook.json``. ``quick``: only the sessions a crash can have left so
        (``Store.suspects``); the full look follows, from the app."""
        only = self.store.suspects() if quick else None
        self.store.repair_index(only)
        for unmade in list(_unmade(self.store, self.library, only)):
            self._keep_agreement(unmade.session, unmade.turns, unmade.agreement)
            if unmade.milestone is not None:
                self.store.save_milestone(unmade.milestone)
            if unmade.check_in is not None:
                self.store.save_check_in(unmade.check_in)

    def disagreements(self) -> int:
        """How many sessions disagree with the index or ``workbook.json``, every file read
        afresh through a copy of its own that writes nothing, so a worker thread may run it
        while the app saves (a save caught half way counts: the repair that follows finds
        nothing to do). 0 in memory."""
        folder = self.store.folder
        if folder is None:
            return 0
        fresh = Store(Backend(folder, read_only=True, codec=self.store.codec))
        try:
            return fresh.repair_index() + sum(1 for _ in _unmade(fresh, self.library, None))
        finally:
            fresh.close()
