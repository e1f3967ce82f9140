"""The check-in signal to seek help (``workbook/signals.py``): shared ratings level or dipping
over several weeks, each number in ``[help_signals]`` just below, at and just above its
threshold; "not shared" (kept unshared, never given or hidden afterwards) is never read as low;
a pattern long past or already followed by professional help stays quiet.

Check-ins go through ``Workbook.help_signals``, which reads them as both partners may see
them, as Home does."""

from __future__ import annotations

import pytest

from tests.unit.progress_made import DAY, WEEK, Ratings, check_in
from tests.unit.test_signals import STOP, finish_professional_help, sittings
from workbook.book import Workbook
from workbook.clock import ManualClock
from workbook.content import load_library
from workbook.models import Hidden

RULES = load_library().pacing.help_signals
CHECK_INS = "check_ins"


def weekly(
    book: Workbook, clock: ManualClock, a: list[Ratings | None], b: list[Ratings | None]
) -> None:
    """A check-in each week with these ratings, the clock left on the day of the last."""
    for number, (mine, yours) in enumerate(zip(a, b, strict=True)):
        if number:
            clock.advance(WEEK)
        check_in(book, mine, yours)


def trust(*values: int | None) -> list[Ratings | None]:
    return [{"trust": v} for v in values]


def level(count: int, value: int = 5) -> list[Ratings | None]:
    return trust(*[value] * count)


def test_the_shipped_numbers_make_sense() -> None:
    """Weekly check-ins, as the check-in suggests, can show it; a rating of 10 never does."""
    assert RULES.check_ins >= 2 and RULES.check_in_weeks >= 1
    assert RULES.check_ins - 1 >= RULES.check_in_weeks
    assert 0 < RULES.check_in_well_at <= 10


@pytest.mark.parametrize(
    ("count", "signals"),
    [(RULES.check_ins - 1, False), (RULES.check_ins, True), (RULES.check_ins + 1, True)],
)
def test_how_many_check_ins(book: Workbook, clock: ManualClock, count: int, signals: bool) -> None:
    weekly(book, clock, level(count), level(count))
    assert (CHECK_INS in book.help_signals()) is signals


@pytest.mark.parametrize(("days", "signals"), [(-1, False), (0, True), (1, True)])
def test_over_how_many_weeks(book: Workbook, clock: ManualClock, days: int, signals: bool) -> None:
    """The latest check-ins spread over the weeks in content, one day short, on the day, one
    day over."""
    span = RULES.check_in_weeks * WEEK + days * DAY
    for number in range(RULES.check_ins):
        if number:
            clock.advance(span / (RULES.check_ins - 1))
        check_in(book, {"trust": 5}, {"trust": 5})
    assert (CHECK_INS in book.help_signals()) is signals


@pytest.mark.parametrize(
    ("later", "signals"),
    [(4, True), (5, True), (6, False)],
    ids=["dipped", "level", "risen"],
)
def test_later_ratings_against_earlier_ones(
    book: Workbook, clock: ManualClock, later: int, signals: bool
) -> None:
    """The later half's trust one below, equal to and one above the earlier half's."""
    half = RULES.check_ins // 2
    weekly(book, clock, trust(*[5] * half, *[later] * half), level(2 * half))
    assert (CHECK_INS in book.help_signals()) is signals


@pytest.mark.parametrize(
    ("value", "signals"),
    [(RULES.check_in_well_at - 1, True), (RULES.check_in_well_at, False)],
)
def test_ratings_that_stay_high_are_doing_well(
    book: Workbook, clock: ManualClock, value: int, signals: bool
) -> None:
    weekly(book, clock, level(RULES.check_ins, value), level(RULES.check_ins, value))
    assert (CHECK_INS in book.help_signals()) is signals


def test_not_shared_is_never_read_as_low(book: Workbook, clock: ManualClock) -> None:
    """Alex shares high ratings early and none later; Sam's rise a little. Averaged together the
    later ones would look lower; compared each with itself, nothing dipped."""
    half = RULES.check_ins // 2
    alex = [*trust(*[9] * half), *[None] * half]
    weekly(book, clock, alex, trust(*[4] * half, *[5] * half))
    assert CHECK_INS not in book.help_signals()


def test_check_ins_with_nothing_shared_are_passed_over(book: Workbook, clock: ManualClock) -> None:
    """Check-ins where nobody shared a rating neither count nor fill the latest ones."""
    weekly(book, clock, level(RULES.check_ins), level(RULES.check_ins))
    clock.advance(WEEK)
    weekly(book, clock, [None, None], [{"trust": None}, None])
    assert CHECK_INS in book.help_signals()


def test_a_part_hidden_afterwards_reads_as_not_shared(book: Workbook, clock: ManualClock) -> None:
    """Sam's later ratings rose, so no signal; once Sam hides them, only Alex's level ratings
    are left to compare, and the signal holds."""
    half = RULES.check_ins // 2
    weekly(book, clock, level(2 * half), trust(*[5] * half, *[7] * half))
    assert CHECK_INS not in book.help_signals()
    for made in book.store.check_ins()[half:]:
        turn = made.entries["b"].turn
        at = clock.now()
        book.store.save_hidden(Hidden(id=turn, session_id=made.origin, partner="b", at=at))
    assert CHECK_INS in book.help_signals()


def test_a_pattern_long_past_stays_quiet(book: Workbook, clock: ManualClock) -> None:
    weekly(book, clock, level(RULES.check_ins), level(RULES.check_ins))
    clock.advance(RULES.within_days * DAY)
    assert CHECK_INS in book.help_signals()
    clock.advance(DAY)
    assert CHECK_INS not in book.help_signals()


def test_professional_help_finished_since_quiets_it(book: Workbook, clock: ManualClock) -> None:
    weekly(book, clock, level(RULES.check_ins), level(RULES.check_ins))
    finish_professional_help(book, clock)
    assert CHECK_INS not in book.help_signals()
    clock.advance(WEEK)
    weekly(book, clock, level(RULES.check_ins), level(RULES.check_ins))
    assert CHECK_INS in book.help_signals()  # built up afresh


def test_it_joins_the_other_signals_last(book: Workbook, clock: ManualClock) -> None:
    sittings(book, clock, *[STOP] * RULES.stops_running)
    weekly(book, clock, level(RULES.check_ins), level(RULES.check_ins))
    assert book.help_signals() == ["stops", CHECK_INS]
