"""Today's one suggestion on Home (``workbook/today.py``) across the couple's states, in its
order: a due review or follow-up, a check-in after a week without one, a session to pick up,
a part of the path not visited yet; never a sensitive exercise, "why did it happen" or
professional help."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest

from tests.unit.agreements_made import agreement
from tests.unit.progress_made import DAY, check_in, session
from workbook.book import Workbook
from workbook.clock import ManualClock, local_day
from workbook.content import Library
from workbook.signals import PROFESSIONAL_HELP
from workbook.today import NEVER, Suggestion, suggest

pytestmark = pytest.mark.usefixtures("in_utc")


def today_is(book: Workbook) -> Suggestion:
    found = suggest(book)
    assert found is not None
    return found


def every_days(book: Workbook) -> int:
    return book.library.pacing.check_in_every_days


def test_a_new_couple_is_offered_the_first_part_of_the_path(book: Workbook) -> None:
    found = today_is(book)
    assert (found.kind, found.exercise_id) == ("visit", "apology")
    part = book.library.path.parts[0].title
    assert found.words == book.say(
        "today.visit", exercise="A full apology", number="1", part=part, minutes="30"
    )


def test_walking_the_path_never_meets_a_sensitive_exercise(book: Workbook) -> None:
    """Do whatever Today suggests until it has nothing left: each part in order, once, and never
    a sensitive exercise, "why" or finding professional help (part 5 is passed over)."""
    suggested = []
    while (found := suggest(book)) is not None:
        assert found.kind == "visit" and found.exercise_id is not None
        suggested.append(found.exercise_id)
        session(book, found.exercise_id)
        assert len(suggested) < 20
    assert suggested == [
        "apology",
        "active-listening",
        "boundary-drafting",
        "needs-requests",
        "self-care",
        "reminder",
        "commitments",
        "rituals",
        "appreciations",
    ]
    exercises = book.library.exercises
    assert not any(exercises[e].sensitive or e in NEVER for e in suggested)
    assert {"why", PROFESSIONAL_HELP} <= NEVER


def test_a_part_whose_only_ways_in_wait_or_are_sensitive_is_passed_over(
    book: Workbook, library: Library
) -> None:
    """Part 4 with "Needs and requests" waiting for self-care: "why" (sensitive) is never
    offered instead, and Today goes on to the next part it can open."""
    waiting = library.exercises["needs-requests"].model_copy(
        update={"prerequisites": ["self-care"]}
    )
    exercises = {**library.exercises, "needs-requests": waiting}
    book.library = replace(library, exercises=exercises)
    for done in ("apology", "active-listening", "boundary-drafting"):
        session(book, done)
    assert today_is(book).exercise_id == "self-care"


def test_a_sensitive_session_under_way_is_never_suggested(book: Workbook) -> None:
    book.start("transparency", {"drafter": "a", "responder": "b"}, consented=True)
    found = today_is(book)
    assert found.kind == "visit" and found.session_id is None
    assert found.exercise_id == "apology"


def test_a_session_under_way_is_picked_up_newest_first(book: Workbook, clock: ManualClock) -> None:
    session(book, "apology", status="paused")
    clock.advance(60)
    newest = session(book, "self-care", status="in_progress")
    found = today_is(book)
    assert (found.kind, found.session_id) == ("resume", newest)
    assert found.words == book.say("today.resume", exercise="Self-care plan", actor="Alex")


def test_a_follow_up_comes_when_its_date_has_come(book: Workbook, clock: ManualClock) -> None:
    """Waiting for a date still ahead, it is not offered at all (Home says when it comes back);
    on the day, it comes before a session under way and a check-in."""
    day = local_day(clock.now())
    follow_up = session(book, "commitments", status="paused", due_on=day + timedelta(days=2))
    clock.advance(60)
    under_way = session(book, "apology", status="paused")
    assert today_is(book).session_id == under_way
    clock.advance(2 * DAY)
    found = today_is(book)
    assert (found.kind, found.session_id) == ("follow_up", follow_up)
    assert found.words == book.say("today.follow_up", exercise="Commitments")
    clock.advance(every_days(book) * DAY)  # a check-in is due too: the follow-up first
    assert today_is(book).kind == "follow_up"


def test_a_check_in_after_a_week_without_one(book: Workbook, clock: ManualClock) -> None:
    """Counted from the workbook's first day until there is a check-in, then from the latest:
    one day short of the number in content, nothing; on the day, a check-in."""
    clock.advance((every_days(book) - 1) * DAY)
    assert today_is(book).kind == "visit"
    clock.advance(DAY)
    found = today_is(book)
    assert (found.kind, found.exercise_id) == ("check_in", "check-in")
    assert found.words == book.say("today.check_in_first")
    check_in(book, {"trust": 6})
    assert today_is(book).kind == "visit"
    clock.advance((every_days(book) - 1) * DAY)
    assert today_is(book).kind == "visit"
    clock.advance(DAY)
    assert today_is(book).words == book.say("today.check_in")


def test_a_due_check_in_picks_up_the_one_under_way(book: Workbook, clock: ManualClock) -> None:
    clock.advance(every_days(book) * DAY)
    under_way = session(book, "check-in", status="in_progress")
    clock.advance(60)
    session(book, "apology", status="in_progress")  # newer, but the check-in comes first
    found = today_is(book)
    assert (found.kind, found.session_id, found.exercise_id) == ("check_in", under_way, None)


def test_a_due_review_comes_first(book: Workbook, clock: ManualClock) -> None:
    day = local_day(clock.now())
    book.store.save_agreement(agreement(review_on=day + timedelta(days=1)))
    session(book, "commitments", status="paused", due_on=day)
    assert today_is(book).kind == "follow_up"
    clock.advance(DAY)
    found = today_is(book)
    assert (found.kind, found.agreement_id) == ("review", "ag-1")
    title = "We tell each other when plans change"
    assert found.words == book.say("review.due_one", title=title, count="1")


def test_an_agreement_reopened_is_due_for_a_review(book: Workbook) -> None:
    book.store.save_agreement(agreement(status="to_revisit"))
    made = book.agreement("ag-1")
    history = made.history[-1].model_copy(update={"what": "reopened"})
    book.store.save_agreement(made.model_copy(update={"history": [*made.history, history]}))
    assert today_is(book).kind == "review"


def test_the_order_whole(book: Workbook, clock: ManualClock) -> None:
    """Everything at once, then each taken away in turn: review, follow-up, check-in, a
    session to pick up, a part of the path."""
    clock.advance(every_days(book) * DAY)
    day = local_day(clock.now())
    book.store.save_agreement(agreement(review_on=day))
    follow_up = session(book, "commitments", status="paused", due_on=day)
    under_way = session(book, "apology", status="paused")
    seen = [today_is(book).kind]
    book.store.save_agreement(agreement(review_on=day + timedelta(days=30)))
    seen.append(today_is(book).kind)
    book.store.save_session(book.load(follow_up).session.model_copy(update={"status": "completed"}))
    seen.append(today_is(book).kind)
    check_in(book, {"trust": 6})
    seen.append(today_is(book).kind)
    book.store.save_session(book.load(under_way).session.model_copy(update={"status": "completed"}))
    seen.append(today_is(book).kind)
    assert seen == ["review", "follow_up", "check_in", "resume", "visit"]


def test_nothing_left_to_suggest(book: Workbook) -> None:
    for exercise_id in book.library.exercises:
        session(book, exercise_id)
    assert suggest(book) is None
