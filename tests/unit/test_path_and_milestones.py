"""The Path on Home, sensitive exercises opening only with consent (and resting after a
"not today"), and milestones marked by hand."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, time, timedelta

import pytest

from tests.unit.driving import finish
from workbook.answers import AGREE
from workbook.book import NotStartable, Workbook
from workbook.clock import ManualClock
from workbook.content import Library
from workbook.path_view import PathExercise

DAY = 24 * 60 * 60


def test_the_path_lists_every_part_in_order_with_every_exercise(
    book: Workbook, library: Library
) -> None:
    """Sensitive exercises are listed too: they open only through consent, not by hiding.
    Only a review of an agreement is not: the app starts it for one agreement."""
    path = book.path()
    assert [p.number for p in path] == list(range(1, 11))
    assert [p.title for p in path] == [p.title for p in library.path.parts]
    listed = [e.id for part in path for e in part.exercises]
    assert sorted(listed) == sorted(set(library.exercises) - {"review"})
    assert {"transparency", "intimacy-menu"} <= {
        e.id for e in library.exercises.values() if e.sensitive
    }
    for part in path:
        assert part.exercises, f"part {part.number} has nothing to start"
        assert all(library.exercises[e.id].part == part.number for e in part.exercises)
        assert all(e.done == 0 and "done" not in e.line for e in part.exercises)
        assert all(e.resting_until is None for e in part.exercises)


def _finish_appreciations(book: Workbook) -> str:
    session = book.start("appreciations", {"first": "a", "second": "b"})
    answers = [
        "You made tea.",
        "You listened.",
        "It felt warm.",
        "It felt good.",
        "Our first calm talk",
        AGREE,
        AGREE,
    ]
    for value in answers:
        book.submit(session.id, value)
    assert book.load(session.id).session.status == "completed"
    return session.id


def test_a_finished_exercise_shows_as_done_and_counts_each_time(book: Workbook) -> None:
    _finish_appreciations(book)

    def line() -> str:
        [part] = [p for p in book.path() if p.number == 10]
        [exercise] = part.exercises
        assert exercise.id == "appreciations"
        return exercise.line

    assert line().endswith("done")
    _finish_appreciations(book)
    assert line().endswith("done 2 times")


def test_a_milestone_is_marked_when_both_agree(book: Workbook) -> None:
    session_id = _finish_appreciations(book)
    [milestone] = book.milestones()
    assert milestone.title == "Our first calm talk"
    assert milestone.on == book.clock.now().date()
    assert (milestone.how, milestone.celebrated, milestone.origin) == ("by_hand", True, session_id)
    assert milestone.by == ["a", "b"]
    assert book.summary(session_id).milestones == [milestone]


def test_not_yet_at_the_milestone_marks_nothing(book: Workbook) -> None:
    session = book.start("appreciations", {"first": "a", "second": "b"})
    for value in ["You made tea.", "You listened.", "Warm.", "Good.", "Our first calm talk"]:
        book.submit(session.id, value)
    book.submit(session.id, AGREE)
    book.pass_turn(session.id)
    assert book.milestones() == []


def test_a_lost_milestone_is_made_again_from_the_session_at_repair(book: Workbook) -> None:
    _finish_appreciations(book)
    [milestone] = book.milestones()
    book.store._book.table("milestones").truncate()  # a crash between the two files
    assert book.milestones() == []
    book.repair()
    assert book.milestones() == [milestone]


@pytest.mark.parametrize("exercise_id", ["transparency", "intimacy-menu"])
def test_a_sensitive_exercise_does_not_start_without_consent(
    book: Workbook, exercise_id: str
) -> None:
    exercise = book.exercise(exercise_id)
    roles = {exercise.roles[0].id: "a", exercise.roles[1].id: "b"}
    with pytest.raises(NotStartable):
        book.start(exercise_id, roles)  # type: ignore[arg-type]
    assert book.open_sessions() == []
    assert book.start(exercise_id, roles, consented=True).exercise_id == exercise_id  # type: ignore[arg-type]


def test_a_sensitive_session_is_picked_up_only_with_consent_again(book: Workbook) -> None:
    """Consent is asked each time a sensitive exercise opens, resuming included; the core
    holds this, not only Home."""
    session = book.start("intimacy-menu", {"first": "a", "second": "b"}, consented=True)  # type: ignore[dict-item]
    book.pause(session.id)
    with pytest.raises(NotStartable):
        book.resume(session.id)
    assert book.load(session.id).session.status == "paused"
    book.consent("intimacy-menu", both_yes=False)
    with pytest.raises(NotStartable):
        book.resume(session.id, consented=True)  # resting: not before its day
    assert book.load(session.id).session.status == "paused"


def test_an_agreement_lost_mid_session_is_made_again_at_repair(book: Workbook) -> None:
    """Needs and requests makes its agreement in round one and goes on: the session is still
    in progress when a crash could lose the agreement, and repair still finds it."""
    session = book.start("needs-requests", {"asker": "a", "giver": "b"})
    for value in ["You were on your phone.", "Lonely.", "Closeness.", "Put it away at dinner."]:
        book.submit(session.id, value)
    book.pass_turn(session.id)  # no second request: on to the giver
    for value in ["request_1", "agreement", "time_together", AGREE, AGREE]:
        book.submit(session.id, value)
    [agreement] = book.agreements()
    assert agreement.text == "Put it away at dinner."
    assert book.load(session.id).session.status == "in_progress"

    book.store._book.table("agreements").truncate()  # a crash between the two files
    book.repair()
    assert book.agreements() == [agreement]


# -- consent: only the outcome is kept, and a "not today" rests the exercise ---------------


def _path_entry(book: Workbook, exercise_id: str) -> PathExercise:
    return next(e for part in book.path() for e in part.exercises if e.id == exercise_id)


def test_two_yeses_open_it_and_keep_nothing(book: Workbook) -> None:
    before = book.store.rests()
    assert book.consent("intimacy-menu", both_yes=True) is None
    assert book.store.rests() == before == []
    assert book.resting_until("intimacy-menu") is None


def test_not_today_rests_it_for_the_days_in_content(book: Workbook, clock: ManualClock) -> None:
    days = book.library.pacing.declined_rest_days
    today = clock.now().date()
    until = book.consent("intimacy-menu", both_yes=False)
    assert until == today + timedelta(days=days)
    assert book.resting_until("intimacy-menu") == until
    assert book.resting_until("transparency") is None  # only the one that did not open
    [rest] = book.store.rests()
    assert rest.model_dump(mode="json") == {"id": "intimacy-menu", "until": until.isoformat()}


def test_a_resting_exercise_does_not_start_even_with_consent_until_its_day(
    book: Workbook, clock: ManualClock
) -> None:
    roles = {"first": "a", "second": "b"}
    until = book.consent("intimacy-menu", both_yes=False)
    assert until is not None
    evening_before = datetime.combine(until, time(0), tzinfo=UTC) - timedelta(minutes=1)
    clock.advance((evening_before - clock.now()).total_seconds())
    with pytest.raises(NotStartable):
        book.start("intimacy-menu", roles, consented=True)  # type: ignore[arg-type]
    clock.advance(60)  # the day it is offered again
    assert book.resting_until("intimacy-menu") is None
    assert book.start("intimacy-menu", roles, consented=True)  # type: ignore[arg-type]


def test_the_path_shows_a_resting_exercise_with_its_day_until_then(
    book: Workbook, clock: ManualClock
) -> None:
    exercise = book.exercise("transparency")
    plain_line = _path_entry(book, "transparency").line
    until = book.consent("transparency", both_yes=False)
    assert until is not None
    resting = _path_entry(book, "transparency")
    assert resting.resting_until == until
    assert resting.line.startswith(plain_line)
    assert f"about {exercise.minutes} minutes" in resting.line
    assert f"offered again from {until.isoformat()}" in resting.line
    assert _path_entry(book, "intimacy-menu").resting_until is None
    clock.advance((until - clock.now().date()).days * DAY)
    assert _path_entry(book, "transparency") == replace(
        resting, line=plain_line, resting_until=None
    )


# -- pace: each exercise shows its expected time ---------------------------------------------


def test_every_exercise_shows_its_expected_time_on_the_path_and_at_every_turn(
    book: Workbook, library: Library
) -> None:
    for exercise in library.exercises.values():
        about = f"about {exercise.minutes} minutes"
        if exercise.listed:
            assert about in _path_entry(book, exercise.id).line
        roles = {role.id: partner for role, partner in zip(exercise.roles, "ab", strict=False)}
        for earlier in exercise.prerequisites:
            finish(book, library.exercises[earlier])
        session = book.start(exercise.id, roles, consented=True)  # type: ignore[arg-type]
        assert about in book.view(book.load(session.id)).progress, exercise.id
