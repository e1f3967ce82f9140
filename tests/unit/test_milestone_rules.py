"""Milestones by rule (``workbook/milestone_rules.py``), each at its threshold with the manual
clock: dated the day it happened, made once with a fixed id, never for a sensitive exercise,
and celebrated once."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from tests.unit.agreements_made import MADE_AT, agreement
from tests.unit.own_words import appreciations
from tests.unit.progress_made import DAY, check_in, session
from workbook.book import Workbook
from workbook.clock import ManualClock
from workbook.milestone_rules import award, celebrated, to_celebrate
from workbook.models import Agreement, HistoryEntry, Milestone, Rating

pytestmark = pytest.mark.usefixtures("in_utc")

FIRST_DAY = date(2026, 1, 1)  # the manual clock's first day


def ids(milestones: list[Milestone]) -> list[str]:
    return [m.id for m in milestones]


def on_day(clock: ManualClock, day: int) -> None:
    """Move the clock to ``day`` days after its first day (never back)."""
    target = MADE_AT + timedelta(days=day)
    clock.advance((target - clock.now()).total_seconds())


def test_a_new_workbook_has_no_milestone(book: Workbook) -> None:
    assert award(book) == []
    assert to_celebrate(book) == []


def test_the_first_agreement_dated_the_day_it_was_made(book: Workbook, clock: ManualClock) -> None:
    book.store.save_agreement(agreement(made_at=MADE_AT + timedelta(days=2)))
    on_day(clock, 5)
    [made] = award(book)
    assert (made.id, made.on, made.how, made.celebrated) == (
        "rule-first-agreement",
        FIRST_DAY + timedelta(days=2),
        "rule",
        False,
    )
    assert made.title == book.library.say("milestones.first_agreement")
    assert made.created_at == clock.now()  # noticed now, dated when it happened
    later = MADE_AT + timedelta(days=9)
    book.store.save_agreement(agreement(ident="ag-2", made_at=later))
    assert award(book) == []  # the second agreement is no first


def test_the_first_exercise_finished_in_each_part_names_the_part(
    book: Workbook, clock: ManualClock
) -> None:
    session(book, "apology", status="in_progress")  # begun is not finished
    assert award(book) == []
    session(book, "apology")
    clock.advance(DAY)
    session(book, "questions")  # part 1 again: no second milestone
    clock.advance(DAY)
    session(book, "active-listening")
    made = award(book)
    assert ids(made) == ["rule-first-in-part-1", "rule-first-in-part-2"]
    assert [m.on for m in made] == [FIRST_DAY, FIRST_DAY + timedelta(days=2)]
    part = book.library.path.parts[0]
    assert made[0].title == book.library.say(
        "milestones.first_in_part", number="1", part=part.title
    )


def test_no_part_milestone_stands_for_a_sensitive_exercise_a_check_in_or_an_agreement(
    book: Workbook,
) -> None:
    """Openness (sensitive) in part 3, the closeness menu (sensitive) in part 9, a check-in in
    part 7, a review and new wording of an agreement (part 3): no first step in a part."""
    book.store.save_agreement(agreement())
    for exercise_id in ("transparency", "intimacy-menu", "check-in"):
        session(book, exercise_id)
    session(book, "review", agreement_id="ag-1")
    session(book, "boundary-drafting", agreement_id="ag-1")
    assert not [m for m in award(book) if "part" in m.id]
    session(book, "boundary-drafting")
    assert "rule-first-in-part-3" in ids(award(book))


def test_the_first_check_in_and_the_fourth(book: Workbook, clock: ManualClock) -> None:
    for week in range(3):
        on_day(clock, 7 * week)
        check_in(book, {"trust": 5})
    assert ids(award(book)) == ["rule-first-check-in"]
    on_day(clock, 21)
    check_in(book, b={"safety": 6})
    [four] = award(book)
    assert (four.id, four.on) == ("rule-four-check-ins", FIRST_DAY + timedelta(days=21))
    assert four.title == book.library.say("milestones.four_check_ins")


def test_ten_exercises_finished_check_ins_and_open_sessions_aside(
    book: Workbook, clock: ManualClock
) -> None:
    for day in range(9):
        on_day(clock, day)
        session(book, "apology")
    check_in(book, {"trust": 5})
    session(book, "questions", status="paused")
    assert "rule-ten-exercises" not in ids(award(book))
    on_day(clock, 12)
    session(book, "self-care")
    [ten] = [m for m in award(book) if m.id == "rule-ten-exercises"]
    assert ten.on == FIRST_DAY + timedelta(days=12)


def reviewed(made: Agreement, day: int, a: Rating, b: Rating) -> Agreement:
    entry = HistoryEntry(
        what="reviewed", by=["a", "b"], at=MADE_AT + timedelta(days=day), ratings={"a": a, "b": b}
    )
    return made.model_copy(update={"history": [*made.history, entry]})


def test_an_agreement_kept_well_through_three_reviews(book: Workbook) -> None:
    """Three reviews where both said "keeping it well", not necessarily in a row."""
    made = agreement("We text when we run late.")
    made = reviewed(made, 7, "keeping", "keeping")
    made = reviewed(made, 14, "keeping", "struggling")
    made = reviewed(made, 21, "keeping", "keeping")
    book.store.save_agreement(made)
    assert ids(award(book)) == ["rule-first-agreement"]
    book.store.save_agreement(reviewed(made, 28, "keeping", "keeping"))
    [kept] = award(book)
    assert (kept.id, kept.on) == ("rule-kept-ag-1", FIRST_DAY + timedelta(days=28))
    title = book.library.say("milestones.kept_through_reviews", title="We text when we run late")
    assert kept.title == title


def test_an_agreement_from_a_sensitive_exercise_is_never_quoted(book: Workbook) -> None:
    made = agreement("Phones stay on the table.").model_copy(update={"exercise_id": "transparency"})
    for day in (7, 14, 21):
        made = reviewed(made, day, "keeping", "keeping")
    book.store.save_agreement(made)
    kept = next(m for m in award(book) if m.id == "rule-kept-ag-1")
    assert kept.title == book.library.say("milestones.kept_through_reviews_quiet")
    assert "Phones" not in kept.title


def test_each_is_made_once_and_celebrated_once(book: Workbook, clock: ManualClock) -> None:
    book.store.save_agreement(agreement())
    session(book, "apology")
    first = award(book)
    assert ids(first) == ["rule-first-agreement", "rule-first-in-part-1"]
    clock.advance(3 * DAY)
    assert award(book) == []  # run again: nothing new, nothing moved
    assert sorted(book.store.milestones(), key=lambda m: m.id) == first
    assert to_celebrate(book) == first
    celebrated(book, first[0])
    assert to_celebrate(book) == [first[1]]
    celebrated(book, first[1])
    assert to_celebrate(book) == []
    assert award(book) == [] and to_celebrate(book) == []
    assert all(m.celebrated for m in book.store.milestones())


def test_a_milestone_marked_by_hand_is_not_celebrated_again(book: Workbook) -> None:
    """Appreciations marks one by hand, together: it is not shown once more."""
    appreciations(book)
    by_hand = [m for m in book.store.milestones() if m.how == "by_hand"]
    assert by_hand and all(m.celebrated for m in by_hand)
    assert all(m.how == "rule" for m in to_celebrate(book))
