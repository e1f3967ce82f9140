"""Breaks and pace in the core: the return time's bounds and the later-time rule, typed times
read on this computer's clock, the countdown and the breathing guide, and the sitting that
keeps its time-outs (``workbook/pacing.py``, ``workbook/sittings.py``)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest

from tests.local_zone import local_zone
from workbook import pacing
from workbook.book import Workbook
from workbook.care_format import HelpSignals, Pacing
from workbook.clock import ManualClock
from workbook.content import Library
from workbook.models import Sitting, TimeOut
from workbook.pacing import ReturnTimeError
from workbook.sittings import break_ahead

NINE = datetime(2026, 1, 1, 9, 0, tzinfo=UTC)
RULES = Pacing(
    break_min_minutes=20,
    break_max_minutes=1440,
    break_choices_minutes=[20, 30, 60],
    suggest_break_after_minutes=45,
    declined_rest_days=7,
    breathe_in_seconds=4,
    breathe_out_seconds=6,
    check_in_every_days=7,
    help_signals=HelpSignals(
        within_days=30,
        recent_sittings=5,
        time_out_sittings=3,
        stops_running=3,
        check_ins=4,
        check_in_weeks=3,
        check_in_well_at=8,
    ),
)


def minutes(n: float) -> timedelta:
    return timedelta(minutes=n)


@pytest.fixture
def new_york() -> Iterator[None]:
    """Local time five hours behind UTC, so local and UTC clocks differ."""
    with local_zone("EST+5"):
        yield


# -- the return time ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("after", "refused"),
    [
        (minutes(20), None),
        (minutes(20) - timedelta(seconds=1), "timeout.too_soon"),
        (minutes(0), "timeout.too_soon"),
        (minutes(1440), None),
        (minutes(1440) + timedelta(seconds=1), "timeout.too_late"),
    ],
)
def test_a_return_time_is_at_least_twenty_minutes_and_at_most_a_day(
    after: timedelta, refused: str | None
) -> None:
    if refused is None:
        assert pacing.check_return(NINE, NINE + after, RULES) == NINE + after
    else:
        with pytest.raises(ReturnTimeError) as error:
            pacing.check_return(NINE, NINE + after, RULES)
        assert error.value.key == refused


def test_choices_count_from_the_call_and_the_other_is_offered_only_later_ones() -> None:
    assert pacing.return_choices(NINE, RULES) == [
        (20, NINE + minutes(20)),
        (30, NINE + minutes(30)),
        (60, NINE + minutes(60)),
    ]
    assert [m for m, _ in pacing.return_choices(NINE, RULES, NINE + minutes(30))] == [60]
    assert pacing.return_choices(NINE, RULES, NINE + minutes(60)) == []


@pytest.mark.parametrize(
    ("proposed", "counter", "stands"),
    [(30, None, 30), (30, 60, 60), (60, 30, 60), (30, 30, 30)],
)
def test_the_later_of_the_two_proposals_stands(
    proposed: int, counter: int | None, stands: int
) -> None:
    other = None if counter is None else NINE + minutes(counter)
    assert pacing.agreed_return(NINE + minutes(proposed), other) == NINE + minutes(stands)


@pytest.mark.usefixtures("new_york")
@pytest.mark.parametrize(
    ("typed", "local"),
    [
        ("09:30", (1, 9, 30)),  # later today, on the local clock
        ("9.45", (1, 9, 45)),
        (" 18h05 ", (1, 18, 5)),
        ("08:59", (2, 8, 59)),  # already past today: tomorrow
        ("09:00", (2, 9, 0)),  # this very minute: tomorrow
        ("00:00", (2, 0, 0)),
    ],
)
def test_a_typed_time_is_the_next_time_it_comes_round_on_the_local_clock(
    typed: str, local: tuple[int, int, int]
) -> None:
    now = datetime(2026, 1, 1, 14, 0, tzinfo=UTC)  # 09:00 in New York
    day, hour, minute = local
    expected = datetime(2026, 1, day, hour, minute, tzinfo=UTC) + timedelta(hours=5)
    at = pacing.typed_return(typed, now)
    assert at == expected and at.tzinfo == UTC


@pytest.mark.parametrize("typed", ["", "noon", "1830", "24:00", "12:60", "9:5", "-1:30"])
def test_anything_but_a_time_of_day_is_refused(typed: str) -> None:
    with pytest.raises(ReturnTimeError) as error:
        pacing.typed_return(typed, NINE)
    assert error.value.key == "timeout.not_a_time"


@pytest.mark.usefixtures("new_york")
def test_times_read_on_the_local_clock_say_when_they_fall_tomorrow(
    book: Workbook, clock: ManualClock
) -> None:
    now = datetime(2026, 1, 1, 14, 0, tzinfo=UTC)  # 09:00 in New York
    assert pacing.local_time(now + minutes(20), now) == ("09:20", False)
    assert pacing.local_time(now + timedelta(hours=15), now) == ("00:00", True)
    clock.advance((now - clock.now()).total_seconds())
    assert book.time_words(now + minutes(20)) == "09:20"
    assert book.time_words(now + timedelta(hours=23)) == "08:00 tomorrow"


# -- the break ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("left", "shown"),
    [
        (timedelta(minutes=20), "20:00"),
        (timedelta(minutes=19, seconds=59.2), "20:00"),  # a part-second left counts as one
        (timedelta(seconds=59), "0:59"),
        (timedelta(hours=1), "1:00:00"),
        (timedelta(hours=23, minutes=5, seconds=9), "23:05:09"),
        (timedelta(0), "0:00"),
        (timedelta(minutes=-3), "0:00"),  # past the time: never below zero
    ],
)
def test_the_countdown(left: timedelta, shown: str) -> None:
    assert pacing.countdown(NINE, NINE + left) == shown


@pytest.mark.parametrize(
    ("seconds", "breathing_in", "fullness"),
    [(0, True, 0.0), (2, True, 0.5), (4, False, 1.0), (7, False, 0.5), (10, True, 0.0)],
)
def test_the_breathing_guide_fills_slowly_and_empties_more_slowly(
    seconds: float, breathing_in: bool, fullness: float
) -> None:
    breath = pacing.breath_at(timedelta(seconds=seconds), RULES)
    assert (breath.breathing_in, breath.fullness) == (breathing_in, pytest.approx(fullness))


def test_coming_back_before_twenty_minutes_is_early() -> None:
    assert pacing.back_early(NINE, NINE + minutes(19.9), RULES)
    assert not pacing.back_early(NINE, NINE + minutes(20), RULES)


def test_a_sitting_is_long_after_the_suggested_minutes() -> None:
    assert not pacing.sitting_is_long(NINE, NINE + minutes(44.9), RULES)
    assert pacing.sitting_is_long(NINE, NINE + minutes(45), RULES)


def test_the_shipped_numbers_keep_the_breaks_the_field_recommends(library: Library) -> None:
    shipped = library.pacing
    assert shipped.break_min_minutes >= 20
    assert shipped.break_max_minutes <= 24 * 60
    assert min(shipped.break_choices_minutes) == shipped.break_min_minutes


# -- the sitting ----------------------------------------------------------------------------


def kept(book: Workbook) -> Sitting:
    [sitting] = book.store.sittings()
    return sitting


def test_a_sitting_keeps_its_time_outs_as_they_happen(book: Workbook, clock: ManualClock) -> None:
    start = clock.now()
    book.sitting.begin()
    assert kept(book).started_at == start and kept(book).time_outs == []
    assert book.sitting.current_break() is None
    clock.advance(60)
    book.sitting.call_time_out(start + minutes(30), called_at=start)
    assert kept(book).time_outs == [TimeOut(called_at=start, until=start + minutes(30))]
    assert book.sitting.current_break() == kept(book).time_outs[0]
    clock.advance(25 * 60)
    book.sitting.come_back()
    assert kept(book).time_outs[0].back_at == clock.now()
    assert book.sitting.current_break() is None
    clock.advance(60)
    book.sitting.call_time_out(clock.now() + minutes(20))  # called now, by default
    book.sitting.come_back()
    first, second = kept(book).time_outs
    assert first.back_at == start + minutes(26)  # an earlier return is never moved
    assert second.called_at == second.back_at == start + minutes(27)


@pytest.mark.parametrize(
    ("on_break", "how", "ended"),
    [
        (False, "closed", "closed"),
        (True, "closed", "time_out"),
        (True, "stopped", "stopped"),
        (False, "stopped", "stopped"),
    ],
)
def test_how_a_sitting_ends(book: Workbook, on_break: bool, how: str, ended: str) -> None:
    book.sitting.begin()
    if on_break:
        book.sitting.call_time_out(book.clock.now() + minutes(20))
    book.sitting.end(how)  # type: ignore[arg-type]
    assert kept(book).ended_how == ended and kept(book).ended_at == book.clock.now()
    assert book.sitting.started_at is None
    book.sitting.end("closed")  # ending twice changes nothing
    assert kept(book).ended_how == ended


def test_home_is_told_of_the_newest_break_still_ahead(book: Workbook, clock: ManualClock) -> None:
    def sitting(*time_outs: TimeOut) -> Sitting:
        return Sitting(id=str(len(time_outs)), started_at=NINE, time_outs=list(time_outs))

    older = TimeOut(called_at=NINE, until=NINE + minutes(60))
    newer = TimeOut(called_at=NINE + minutes(5), until=NINE + minutes(30))
    back = TimeOut(called_at=NINE + minutes(6), until=NINE + minutes(90), back_at=NINE)
    assert break_ahead([sitting(older), sitting(newer, back)], NINE) == newer
    assert break_ahead([sitting(older), sitting(newer, back)], NINE + minutes(30)) == older
    assert break_ahead([sitting(older), sitting(back)], NINE + minutes(60)) is None
    book.sitting.begin()
    book.sitting.call_time_out(clock.now() + minutes(20))
    book.sitting.end("closed")
    assert book.break_ahead() == kept(book).time_outs[0]
    clock.advance(20 * 60)
    assert book.break_ahead() is None


@pytest.mark.parametrize(
    ("minutes", "said"),
    [
        (20, ("minutes", {"minutes": "20"})),
        (90, ("minutes", {"minutes": "90"})),
        (60, ("an_hour", {})),
        (240, ("hours", {"hours": "4"})),
    ],
)
def test_how_long_a_break_is_said(minutes: int, said: tuple[str, dict[str, str]]) -> None:
    assert pacing.how_long(minutes) == said
