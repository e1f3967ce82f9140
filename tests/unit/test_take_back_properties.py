"""Taking back a turn under random answers, over every shipped exercise, at the engine: after
any turn its author may still change, taking it back gives back exactly the session and turns
there were before it, and correcting it to the same answer gives back exactly the same move.
And the cheap rule of what may change agrees with the engine: a turn that made something (an
agreement, a milestone, a menu's shared list, a question kept) or ended the session is never
offered for a change; at a private step, whether it is offered never depends on whether the
turn was an answer or a pass (the other partner sees the offer)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.unit.driving import ENDED, RandomPlayer, bind_roles
from workbook import engine, take_back
from workbook.answers import AnswerError
from workbook.content import load_library
from workbook.content_format import Exercise
from workbook.engine import Move
from workbook.models import Session, Turn

LIBRARY = load_library()
EXERCISES = sorted(LIBRARY.exercises)
START = datetime(2026, 1, 1, 9, tzinfo=UTC)
#: Moves per example: enough to pass swaps, reveals and agreements in every exercise.
MOVES = 120


def made_something(move: Move) -> bool:
    """Whether the engine says the move made a record, erased marks or ended the session."""
    made = (move.agreement, move.milestone, move.kept, move.unkept)
    return (
        any(m is not None for m in made) or bool(move.rewritten) or (move.session.status in ENDED)
    )


def saved(turns: list[Turn], move: Move) -> list[Turn]:
    """The turns as the store keeps them after ``move``: rewritten in place, the new one last."""
    by_id = {t.id: t for t in move.rewritten}
    return [*(by_id.get(t.id, t) for t in turns), move.turn]


def other_way(
    exercise: Exercise, session: Session, turns: list[Turn], move: Move, player: RandomPlayer
) -> Move | None:
    """The move the same partner would have made by answering where they passed, or by
    passing where they answered (None if the drawn answer is not taken)."""
    now, step = move.turn.at, exercise.step(session.step_id)
    if not move.turn.passed:
        return engine.pass_turn(exercise, session, turns, "x", now)
    try:
        value = player.answer(step, session, turns, now.date())
        return engine.submit(exercise, session, turns, value, "x", now)
    except AnswerError:
        return None


@pytest.mark.parametrize("exercise_id", EXERCISES)
@settings(
    derandomize=True,
    deadline=None,
    max_examples=25,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(data=st.data())
def test_taking_back_gives_back_the_session_and_turns_before_the_turn(
    exercise_id: str, data: st.DataObject
) -> None:
    exercise = LIBRARY.exercises[exercise_id]
    player = RandomPlayer(data, exercise)
    now = START
    session = engine.start(exercise, bind_roles(exercise, "a"), "s", now)
    turns: list[Turn] = []
    for number in range(MOVES):
        if session.status in ENDED:
            break
        step = exercise.step(session.step_id)
        now += timedelta(minutes=7)
        turn_id = f"t{number}"
        value = None
        if player.wants_pass(step):
            move = engine.pass_turn(exercise, session, turns, turn_id, now)
        else:
            value = player.answer(step, session, turns, now.date())
            try:
                move = engine.submit(exercise, session, turns, value, turn_id, now)
            except AnswerError:
                continue
        after = saved(turns, move)
        author = move.turn.partner
        refused = take_back.refusal(exercise, move.session, after, author, turn_id)
        if made_something(move):
            assert refused is not None, (step.id, move)
        if step.private:  # the offer must not tell the other partner whether it was a pass
            other = other_way(exercise, session, turns, move, player)
            if other is not None:
                again = take_back.refusal(exercise, other.session, saved(turns, other), author, "x")
                assert (again is None) == (refused is None), step.id
        if refused is None:
            assert take_back.changeable(exercise, move.session, after) == move.turn
            back = take_back.withdraw(exercise, move.session, after, author, turn_id)
            assert back == (session, turns), step.id
            if not move.turn.passed and step.kind not in take_back.ONLY_TAKEN_BACK:
                again = take_back.correct(
                    exercise, move.session, after, author, turn_id, value, now
                )
                assert (again.session, again.turn) == (move.session, move.turn), step.id
        session, turns = move.session, after
