"""The workbook's calls for changing one's mind about the latest turn (the rules are in
``take_back``): what the exercise screen may offer, the step shown again for a correction,
correcting, and taking back.

Each call saves before it returns, then erases the old words from every copy of the session
file under ``backups/`` (a corrected answer's copies rewritten, a taken-back one's removed,
drafts emptied), as the live file no longer holds them. ``Workbook`` takes these in as a base
class, like ``WordsCalls``.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from workbook import engine, take_back
from workbook.backups import Backups
from workbook.book_backups import BackupCalls
from workbook.clock import Clock
from workbook.content import Library
from workbook.content_format import Exercise
from workbook.layout import SESSIONS_FOLDER
from workbook.models import AnswerValue, Kept, PartnerId, Session, Turn
from workbook.my_answers import said
from workbook.storage import Data
from workbook.store import Store
from workbook.turn_view import Opened, TurnView


@dataclass(frozen=True)
class LastTurn:
    """The latest turn of a session, which its author may still correct or take back."""

    turn_id: str
    author: PartnerId
    private: bool
    """At a private step: the author takes the keyboard through a hand-over naming them."""
    words: str
    """The answer as it stands, as words (for a pass, the sentence that says so)."""
    rewordable: bool
    """False at a step answered by agreeing or a check-in's ratings: only taken back."""


def _taken_back(turn_id: str) -> Callable[[Data], None]:
    """The change to a copy of a session file when ``turn_id`` is taken back: the turn goes,
    and so does any draft."""

    def change(data: Data) -> None:
        turns = data.get("turns", {})
        for key in [key for key, doc in turns.items() if doc.get("id") == turn_id]:
            del turns[key]
        if "draft" in data:
            data["draft"] = {}

    return change


def _start_from(view: TurnView, turn: Turn) -> TurnView:
    """``view`` with its input starting from the answer ``turn`` gave (after a pass, as the
    step would start anyway)."""
    value = turn.value
    if turn.passed:
        return view
    if isinstance(value, dict):
        return replace(view, marks=dict(value))
    if isinstance(value, list):
        return replace(view, marks={item: "x" for item in value})
    return replace(view, start_text=str(value))


class TakeBackCalls(BackupCalls):
    """Correcting and taking back, over the workbook's store, content, clock and backups."""

    store: Store
    library: Library
    clock: Clock
    if TYPE_CHECKING:

        def view(self, opened: Opened) -> TurnView: ...

        def kept_longest(self, exercise_id: str, asker: PartnerId | None) -> Kept | None: ...

    def _as_it_stands(self, session_id: str) -> tuple[Exercise, Session, list[Turn]]:
        session = self.store.session(session_id)
        return self.library.exercises[session.exercise_id], session, self.store.turns(session_id)

    def last_turn(self, session_id: str) -> LastTurn | None:
        """The latest turn, if its author may still change it and the floor has passed to
        the other partner (while its author still acts, the answer box is theirs anyway)."""
        session = self.store.session(session_id)
        exercise = self.library.exercises.get(session.exercise_id)
        turns = self.store.turns(session_id)
        turn = take_back.changeable(exercise, session, turns) if exercise else None
        if exercise is None or turn is None or turn.partner == session.actor:
            return None
        step = exercise.step(turn.step_id)
        passed = self.library.say("take_back.was_pass")
        return LastTurn(
            turn_id=turn.id,
            author=turn.partner,
            private=step.private,
            words=passed if turn.passed else said(self.library, exercise, turns, turn),
            rewordable=step.kind not in take_back.ONLY_TAKEN_BACK,
        )

    def change_view(self, session_id: str) -> TurnView:
        """The latest turn's step as its author had it in front of them, starting from the
        answer they gave: what a correction shows. ``NotChangeable`` if it may not change."""
        exercise, session, turns = self._as_it_stands(session_id)
        last = turns[-1] if turns else None
        if last is None:
            raise take_back.NotChangeable("take_back.not_yours")
        before = take_back.before_change(exercise, session, turns, last.partner, last.id)
        return _start_from(self.view(Opened(before, turns[:-1], None)), last)

    def correct(
        self, session_id: str, partner: PartnerId, turn_id: str, value: AnswerValue
    ) -> engine.Move:
        """``partner`` corrects their latest turn to ``value`` (``take_back.correct``); the old
        words are gone from the session file and its backups."""
        exercise, session, turns = self._as_it_stands(session_id)
        kept = self.kept_longest(exercise.id, partner)
        now = self.clock.now()
        move = take_back.correct(exercise, session, turns, partner, turn_id, value, now, kept)
        self.store.save_session(move.session, rewritten=(move.turn,))
        self._erase_copies(session_id, lambda backups, name: backups.purge(name, (move.turn,)))
        return move

    def withdraw(self, session_id: str, partner: PartnerId, turn_id: str) -> Session:
        """``partner`` takes back their latest turn (``take_back.withdraw``): the session is as
        it was before it, with them to act again; the turn is gone from the session file and
        its backups, and so is any opt-in naming it."""
        exercise, session, turns = self._as_it_stands(session_id)
        before, _ = take_back.withdraw(exercise, session, turns, partner, turn_id)
        self.store.save_session(before, removed=(turn_id,))
        self.store.remove_opt_in(turn_id)
        self._erase_copies(
            session_id, lambda backups, name: backups.rewrite(name, _taken_back(turn_id))
        )
        return before

    def _erase_copies(self, session_id: str, erase: Callable[[Backups, str], object]) -> None:
        """Run ``erase(backups, name)`` on the session file's copies. Never raises: the change
        itself is saved, and ``backups/`` that cannot be read holds nothing to erase."""
        backups = self.backups
        if backups is not None:
            with contextlib.suppress(OSError):
                erase(backups, f"{SESSIONS_FOLDER}/{session_id}.json")
