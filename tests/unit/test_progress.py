"""The Progress screen's core: the chart's plotted data (shared ratings only, "not shared" a
gap never a zero, a hidden part like any other not shared, uneven dates as they were) and the
couple's history as a timeline, newest first, with nothing private in it."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from tests.local_zone import local_zone
from tests.unit.agreements_made import agreement
from tests.unit.own_words import ALEX_APPRECIATES, SAM_APPRECIATES, appreciations
from tests.unit.test_check_ins import checked_in, rated
from workbook.book import Workbook
from workbook.clock import ManualClock
from workbook.models import Hidden, Milestone
from workbook.progress import ChartData, Line, MeasureLines, chart_data, timeline

START = datetime(2026, 3, 2, 19, 0, tzinfo=UTC)
DAY = 86400.0


@pytest.fixture(autouse=True)
def _in_utc() -> object:
    with local_zone("UTC"):
        yield


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(START)


@pytest.fixture
def book(clock: ManualClock) -> Workbook:
    made = Workbook.in_memory(clock=clock)
    made.set_partners("Alex", "Sam")
    return made


def four_check_ins(book: Workbook, clock: ManualClock) -> None:
    """Four check-ins on uneven dates (2, 7, 21 and 22 March), some ratings not shared, and
    Alex's whole part of the last one hidden by Alex afterwards."""
    checked_in(book, rated("7", "4", "5"), rated("6", "", "5"))
    clock.advance(5 * DAY)
    checked_in(book, rated("7", "", "6", "Better"), rated("5", "5", "5"))
    clock.advance(14 * DAY)
    checked_in(book, rated("", "3", "6"), rated("6", "6", ""))
    clock.advance(1 * DAY)
    checked_in(book, rated("8", "1", "7", "A hard week"), rated("7", "6", "6"))
    last = max(book.store.check_ins(), key=lambda c: c.at)
    turn = last.entries["a"].turn
    book.store.save_hidden(Hidden(id=turn, session_id=last.origin, partner="a", at=clock.now()))


def test_the_chart_plots_each_partners_shared_ratings_with_gaps(
    book: Workbook, clock: ManualClock
) -> None:
    four_check_ins(book, clock)
    data = chart_data(book.store, book.library)
    assert data == ChartData(
        dates=(date(2026, 3, 2), date(2026, 3, 7), date(2026, 3, 21), date(2026, 3, 22)),
        measures=(
            MeasureLines(
                "trust",
                "Trust",
                (Line("a", "Alex", (7, 7, None, None)), Line("b", "Sam", (6, 5, 6, 7))),
            ),
            MeasureLines(
                "safety",
                "Emotional safety",
                (Line("a", "Alex", (4, None, 3, None)), Line("b", "Sam", (None, 5, 6, 6))),
            ),
            MeasureLines(
                "closeness",
                "Closeness",
                (Line("a", "Alex", (5, 6, 6, None)), Line("b", "Sam", (5, 5, None, 6))),
            ),
        ),
        top=10,
    )
    trust, safety, _ = data.measures
    assert [line.latest for line in trust.lines] == [7, 7]
    assert [line.latest for line in safety.lines] == [3, 6]


def test_a_hidden_low_rating_plots_exactly_like_one_not_shared(
    book: Workbook, clock: ManualClock
) -> None:
    """Alex's low safety rating, hidden afterwards, and a safety rating never shared make the
    same chart."""
    four_check_ins(book, clock)
    hidden = chart_data(book.store, book.library)
    other = Workbook.in_memory(clock=ManualClock(START))
    other.set_partners("Alex", "Sam")
    assert isinstance(other.clock, ManualClock)
    checked_in(other, rated("7", "4", "5"), rated("6", "", "5"))
    other.clock.advance(5 * DAY)
    checked_in(other, rated("7", "", "6"), rated("5", "5", "5"))
    other.clock.advance(14 * DAY)
    checked_in(other, rated("", "3", "6"), rated("6", "6", ""))
    other.clock.advance(1 * DAY)
    checked_in(other, rated(), rated("7", "6", "6"))
    assert chart_data(other.store, other.library) == hidden


def test_no_check_ins_plot_nothing(book: Workbook) -> None:
    data = chart_data(book.store, book.library)
    assert data.dates == ()
    assert all(line.values == () and line.latest is None for m in data.measures for line in m.lines)


def test_the_timeline_lists_what_both_have_seen_newest_first(
    book: Workbook, clock: ManualClock
) -> None:
    book.sitting.begin()
    made = agreement("We text when we will be late.", made_at=START)
    book.store.save_agreement(made)
    clock.advance(DAY)  # 3 March
    appreciations(book)  # an exercise finished, and the milestone marked in it
    clock.advance(DAY)  # 4 March
    book.sitting.call_time_out(clock.now() + timedelta(minutes=30))
    clock.advance(DAY)  # 5 March
    checked_in(book, rated("7"), rated("6"))
    clock.advance(DAY)  # 6 March
    book.reopen(made.id, "b", "Can we talk about it?")
    clock.advance(DAY)  # 7 March
    book.store.save_milestone(
        Milestone(
            id="m-2",
            title="A month of check-ins",
            on=date(2026, 3, 7),
            how="rule",
            created_at=clock.now(),
        )
    )
    clock.advance(DAY)  # 8 March
    book.retire(made.id)
    say = book.library.say
    events = timeline(book.store, book.library)
    assert [(e.on.isoformat(), e.words) for e in events] == [
        ("2026-03-08", say("progress.event_retired", title=made.title)),
        ("2026-03-07", say("progress.event_milestone", title="A month of check-ins")),
        ("2026-03-06", say("progress.event_reopened", title=made.title)),
        ("2026-03-05", say("progress.event_check_in")),
        ("2026-03-04", say("progress.event_time_out")),
        ("2026-03-03", say("progress.event_exercise", title="Appreciations and milestones")),
        ("2026-03-03", say("progress.event_milestone", title="Our first calm talk")),
        ("2026-03-02", say("progress.event_made", title=made.title)),
    ]
    words = " ".join(e.words for e in events)
    for private in (ALEX_APPRECIATES, SAM_APPRECIATES, "Can we talk about it?"):
        assert private not in words


def test_the_timeline_is_empty_before_anything_is_done(book: Workbook) -> None:
    assert timeline(book.store, book.library) == []
