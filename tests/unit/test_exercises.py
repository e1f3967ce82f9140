"""Shipped exercises, one behaviour at a time: the commitments follow-up date."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest

from tests.unit.driving import bind_roles, progress_choice, today, valid_choices
from workbook.answers import AGREE, AnswerError
from workbook.book import Workbook
from workbook.clock import ManualClock
from workbook.content import Library
from workbook.content_format import Exercise
from workbook.models import AnswerValue

COMMITMENTS = "commitments"
#: The date step and the step that waits for it.
DATE_STEP, WAITING_STEP = "follow_up_on", "follow_up"
#: Enough moves to reach the follow-up without passing or looping.
BOUND = 60


@pytest.fixture
def commitments(library: Library) -> Exercise:
    exercise = library.exercises.get(COMMITMENTS)
    if exercise is None:
        pytest.skip(f"the '{COMMITMENTS}' exercise is not shipped (yet)")
    ids = exercise.step_ids()
    if DATE_STEP not in ids or WAITING_STEP not in ids:
        pytest.skip(f"'{COMMITMENTS}' has no '{DATE_STEP}' and '{WAITING_STEP}' steps (yet)")
    assert exercise.step(WAITING_STEP).wait_until == DATE_STEP
    return exercise


def straight_answer(exercise: Exercise, book: Workbook, session_id: str, chosen: date) -> None:
    """Answer the current step without passing: the choice nearest the end, ``chosen`` at the
    date step."""
    opened = book.load(session_id)
    session = opened.session
    step = exercise.step(session.step_id)
    value: AnswerValue
    if step.kind == "text":
        value = "I will text when I leave work."
    elif step.kind == "choice":
        ids = valid_choices(exercise, step, session, opened.turns)
        value = progress_choice(exercise, step, ids)
    elif step.kind == "pick":
        value = step.items[:1]
    elif step.kind == "date":
        value = chosen.isoformat() if step.id == DATE_STEP else today(book).isoformat()
    elif step.kind == "scale":
        value = step.scale[0]
    else:
        value = AGREE
    book.submit(session_id, value)


def reach(exercise: Exercise, book: Workbook, session_id: str, step_id: str, chosen: date) -> None:
    for _ in range(BOUND):
        session = book.load(session_id).session
        if session.step_id == step_id and session.status != "completed":
            return
        assert session.status in ("in_progress", "paused"), session
        if session.status == "paused":
            book.resume(session_id)
        else:
            assert session.due_on is None, session  # nothing waits before the follow-up
            straight_answer(exercise, book, session_id, chosen)
    raise AssertionError(f"'{step_id}' not reached in {BOUND} moves")


def test_the_follow_up_waits_for_the_chosen_date(
    book: Workbook, clock: ManualClock, commitments: Exercise
) -> None:
    chosen = today(book) + timedelta(days=10)
    session_id = book.start(COMMITMENTS, bind_roles(commitments, "a")).id
    reach(commitments, book, session_id, WAITING_STEP, chosen)

    session = book.load(session_id).session
    assert session.due_on == chosen
    [entry] = book.open_sessions()
    assert entry.due_on == chosen  # Home can say when it is due
    view = book.view(book.load(session_id))
    assert view.step_id == WAITING_STEP
    assert view.due_on == chosen and chosen.isoformat() in view.due_note

    # "Not yet" at the follow-up: paused there, still waiting for the same date.
    book.pass_turn(session_id)
    paused = book.load(session_id).session
    assert (paused.status, paused.step_id, paused.due_on) == ("paused", WAITING_STEP, chosen)
    book.resume(session_id)

    evening_before = datetime.combine(chosen - timedelta(days=1), time(23), UTC)
    clock.advance((evening_before - clock.now()).total_seconds())
    assert today(book) == chosen - timedelta(days=1)
    assert book.view(book.load(session_id)).due_on == chosen

    clock.advance(2 * 3600)  # the day itself
    assert today(book) == chosen
    view = book.view(book.load(session_id))
    assert (view.due_on, view.due_note) == (None, "")
    assert book.load(session_id).session.due_on == chosen

    # Once both have said yes to looking again, nothing waits any more.
    opened = book.load(session_id)
    while opened.session.step_id == WAITING_STEP and opened.session.status == "in_progress":
        book.submit(session_id, AGREE)
        opened = book.load(session_id)
    assert opened.session.step_id != WAITING_STEP
    assert opened.session.due_on is None


def test_going_ahead_early_is_allowed(book: Workbook, commitments: Exercise) -> None:
    """The engine does not block a waiting step (the screen says when it is due)."""
    chosen = today(book) + timedelta(weeks=3)
    session_id = book.start(COMMITMENTS, bind_roles(commitments, "b")).id
    reach(commitments, book, session_id, WAITING_STEP, chosen)
    assert book.view(book.load(session_id)).due_on == chosen
    for _ in range(2):
        book.submit(session_id, AGREE)
    session = book.load(session_id).session
    assert session.step_id != WAITING_STEP and session.due_on is None


def test_the_date_is_kept_within_the_weeks_allowed(book: Workbook, commitments: Exercise) -> None:
    step = commitments.step(DATE_STEP)
    if step.within_weeks is None:
        pytest.skip(f"'{DATE_STEP}' has no within_weeks")
    session_id = book.start(COMMITMENTS, bind_roles(commitments, "a")).id
    reach(commitments, book, session_id, DATE_STEP, today(book))
    too_far = today(book) + timedelta(weeks=step.within_weeks, days=1)
    with pytest.raises(AnswerError):
        book.submit(session_id, too_far.isoformat())
    with pytest.raises(AnswerError):
        book.submit(session_id, (today(book) - timedelta(days=1)).isoformat())
    assert book.load(session_id).session.step_id == DATE_STEP
