"""The Path on Home, sensitive exercises held back, and milestones marked by hand."""

from __future__ import annotations

import pytest

from workbook.answers import AGREE
from workbook.book import NotStartable, Workbook
from workbook.content import Library


def test_the_path_lists_every_part_in_order_with_its_startable_exercises(
    book: Workbook, library: Library
) -> None:
    path = book.path()
    assert [p.number for p in path] == list(range(1, 11))
    assert [p.title for p in path] == [p.title for p in library.path.parts]
    listed = {e.id for part in path for e in part.exercises}
    for exercise in library.exercises.values():
        assert (exercise.id in listed) == (not exercise.sensitive)
    for part in path:
        assert part.exercises, f"part {part.number} has nothing to start"
        assert all(library.exercises[e.id].part == part.number for e in part.exercises)
        assert all(e.done == 0 and "done" not in e.line for e in part.exercises)


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
