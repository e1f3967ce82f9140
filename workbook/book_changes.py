"""The workbook's calls for sessions that change an agreement: amending it and reviewing it,
which reviews are due, and what a finished review leads on to.

``Workbook`` takes these in as a base class, like ``CareCalls``, so screens keep calling one
object while ``book.py`` keeps to a readable length. The session itself starts with
``Workbook.start(..., agreement_id=...)``, and what it changes is saved by ``Workbook``'s own
save and repair, through ``_keep_agreement``.
"""

from __future__ import annotations

from workbook.agreement_life import due_for_review
from workbook.agreement_sessions import (
    changed_agreement,
    for_agreement,
    leads_to_amend,
    open_about,
)
from workbook.clock import Clock, local_day
from workbook.content import Library
from workbook.content_format import Exercise
from workbook.errors import NotStartable
from workbook.models import Agreement, Session, SessionIndexEntry, Turn
from workbook.store import Store


class ChangeCalls:
    """Amending and reviewing agreements, over the workbook's store, content and clock."""

    store: Store
    library: Library
    clock: Clock

    def _changing(self, agreement_id: str | None) -> Agreement | None:
        """The agreement a session amends or reviews (None for any other session)."""
        if agreement_id is None:
            return None
        return next((a for a in self.store.agreements() if a.id == agreement_id), None)

    def may_change(self, exercise_id: str, agreement_id: str) -> None:
        """``NotStartable`` unless a session of ``exercise_id`` about the agreement may start
        now: never for a retired one, and never beside one already open (two drafts of new
        wording must not overwrite each other)."""
        agreement = self._changing(agreement_id)
        if (
            agreement is None
            or agreement.status == "retired"
            or self.session_about(agreement_id, exercise_id)
        ):
            raise NotStartable(exercise_id)

    def session_about(self, agreement_id: str, exercise_id: str) -> SessionIndexEntry | None:
        """The open session of ``exercise_id`` about the agreement, if there is one."""
        return next(iter(open_about(self.store.index(), agreement_id, exercise_id)), None)

    def exercise_for(self, exercise_id: str, agreement_id: str | None) -> Exercise:
        """The exercise as a session about ``agreement_id`` shows it (its title names it)."""
        exercise = self.library.exercises[exercise_id]
        return for_agreement(self.library, exercise, self._changing(agreement_id))

    def session_title(self, entry: SessionIndexEntry) -> str:
        """How Home names an open session: an amendment or a review names its agreement."""
        return self.exercise_for(entry.exercise_id, entry.agreement_id).title

    def due_reviews(self) -> list[Agreement]:
        """The agreements to look at again now (today by the workbook's clock)."""
        return due_for_review(self.store.agreements(), local_day(self.clock.now()))

    def amend_after(self, session_id: str) -> str | None:
        """The agreement to go on amending after the review ``session_id`` kept, if it said so
        (one of them said it needs to change, or it is to be revisited)."""
        agreement = self._changing(self.store.session(session_id).agreement_id)
        if agreement is None or agreement.status == "retired":
            return None
        if not leads_to_amend(agreement, session_id):
            return None
        return agreement.id

    def _keep_agreement(self, session: Session, turns: list[Turn], made: Agreement | None) -> None:
        """Save what the session's last turn made: a new agreement, or a change to the one
        the session amends or reviews (merged once, however often this runs)."""
        exercise = self.library.exercises[session.exercise_id]
        existing = self._changing(session.agreement_id)
        changed = changed_agreement(exercise, session, turns, made, existing)
        if changed is not None:
            self.store.save_agreement(changed)
