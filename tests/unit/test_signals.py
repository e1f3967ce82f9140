"""Acceptance 3: each signal to seek help at its threshold (one below, at, one above), on
sittings made through the sitting log with a manual clock; the ``within_days`` window at its
edge; nothing on a healthy record; the sitting under way never counted; and a finished
professional-help exercise quieting what came before it (``workbook/signals.py``).

The thresholds are read from the shipped ``[help_signals]`` in ``content/pacing.toml``, so the
tests follow the numbers a counsellor sets."""

from __future__ import annotations

from datetime import timedelta

import pytest
from pydantic import ValidationError

from workbook.book import Workbook
from workbook.care_format import HelpSignals
from workbook.clock import ManualClock
from workbook.content import Library, load_library
from workbook.models import SessionIndexEntry
from workbook.signals import PROFESSIONAL_HELP, help_signals
from workbook.sittings import SittingLog

RULES = load_library().pacing.help_signals
DAY = 24 * 3600
#: A sitting: "calm" (closed), "break" (a time-out, then closed), "stop" (ended with "we need
#: to stop"), "break+stop" (both).
CALM, BREAK, STOP = "calm", "break", "stop"


def sit(book: Workbook, clock: ManualClock, how: str) -> None:
    """One finished sitting of about an hour, then a day until the next."""
    book.sitting.begin()
    clock.advance(600)
    if BREAK in how:
        book.sitting.call_time_out(clock.now() + timedelta(minutes=20))
        clock.advance(1200)
        book.sitting.come_back()
    clock.advance(1800)
    book.sitting.end("stopped" if STOP in how else "closed")
    clock.advance(DAY)


def sittings(book: Workbook, clock: ManualClock, *kinds: str) -> None:
    for how in kinds:
        sit(book, clock, how)


def finish_professional_help(book: Workbook, clock: ManualClock) -> None:
    """The professional-help exercise, answered through to its end."""
    exercise = book.exercise(PROFESSIONAL_HELP)
    session = book.start(PROFESSIONAL_HELP, {"writer": "a", "responder": "b"})
    sign, question = exercise.step("signals").items[:1], exercise.step("questions").items[:1]
    kind = exercise.step("kinds").choices[0].id
    answers = [sign, sign, kind, kind, question, question, "We want help with evenings."]
    for value in [*answers, "accept", "agree", "agree"]:
        clock.advance(60)
        book.submit(session.id, value)
    assert book.load(session.id).session.status == "completed"


# -- the thresholds ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "with_breaks",
    [RULES.time_out_sittings - 1, RULES.time_out_sittings, RULES.time_out_sittings + 1],
)
def test_breaks_in_most_recent_sittings(
    book: Workbook, clock: ManualClock, with_breaks: int
) -> None:
    """Of the last ``recent_sittings``, ``with_breaks`` had a time-out, spread among calm ones;
    many calm sittings before do not dilute it."""
    assert with_breaks <= RULES.recent_sittings
    calm = RULES.recent_sittings - with_breaks
    sittings(book, clock, *[CALM] * 10, BREAK, *[CALM] * calm, *[BREAK] * (with_breaks - 1))
    expected = ["breaks"] if with_breaks >= RULES.time_out_sittings else []
    assert book.help_signals() == expected


def test_only_the_last_recent_sittings_count_for_breaks(book: Workbook, clock: ManualClock) -> None:
    """Enough breaks, but the oldest falls just outside the last ``recent_sittings``."""
    before = RULES.recent_sittings - (RULES.time_out_sittings - 1)
    sittings(book, clock, BREAK, *[CALM] * before, *[BREAK] * (RULES.time_out_sittings - 1))
    assert book.help_signals() == []
    sit(book, clock, BREAK)
    assert book.help_signals() == ["breaks"]


@pytest.mark.parametrize(
    "stops", [RULES.stops_running - 1, RULES.stops_running, RULES.stops_running + 1]
)
def test_several_sittings_running_ended_with_stopping(
    book: Workbook, clock: ManualClock, stops: int
) -> None:
    sittings(book, clock, STOP, STOP, CALM, *[STOP] * stops)
    expected = ["stops"] if stops >= RULES.stops_running else []
    assert book.help_signals() == expected


def test_a_calm_sitting_ends_a_run_of_stops(book: Workbook, clock: ManualClock) -> None:
    sittings(book, clock, *[STOP] * RULES.stops_running)
    assert book.help_signals() == ["stops"]
    sit(book, clock, CALM)
    assert book.help_signals() == []


def test_both_signals_hold_together_in_order(book: Workbook, clock: ManualClock) -> None:
    sittings(book, clock, *["break+stop"] * max(RULES.time_out_sittings, RULES.stops_running))
    assert book.help_signals() == ["breaks", "stops"]


# -- the window -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "count", "signal"),
    [(BREAK, RULES.time_out_sittings, "breaks"), (STOP, RULES.stops_running, "stops")],
)
def test_the_window_at_its_edge(
    book: Workbook, clock: ManualClock, kind: str, count: int, signal: str
) -> None:
    """The oldest sitting needed ended exactly ``within_days`` ago: it counts; a second later
    it does not."""
    sittings(book, clock, *[kind] * count)
    oldest_end = min(s.ended_at for s in book.store.sittings() if s.ended_at is not None)
    edge = oldest_end + timedelta(days=RULES.within_days)
    clock.advance((edge - clock.now()).total_seconds())
    assert book.help_signals() == [signal]
    clock.advance(1)
    assert book.help_signals() == []


# -- no signal where there should be none -----------------------------------------------------


def test_a_healthy_record_never_signals(book: Workbook, clock: ManualClock) -> None:
    """Sixty sittings: a break every fourth and a stop every seventh, never bunched, with a
    signal looked for after every one (and the clock running on through two months)."""
    for n in range(60):
        how = "+".join(k for k, every in ((BREAK, 4), (STOP, 7)) if n % every == every - 1)
        sit(book, clock, how or CALM)
        assert book.help_signals() == [], n


def test_the_sitting_under_way_is_not_counted(book: Workbook, clock: ManualClock) -> None:
    sittings(book, clock, *[BREAK] * (RULES.time_out_sittings - 1))
    book.sitting.begin()
    book.sitting.call_time_out(clock.now() + timedelta(minutes=20))
    clock.advance(DAY)  # even a long one, with its break long past
    assert book.help_signals() == []
    book.sitting.end("closed")
    assert book.help_signals() == ["breaks"]


def test_a_calm_sitting_under_way_does_not_end_a_run_of_stops(
    book: Workbook, clock: ManualClock
) -> None:
    sittings(book, clock, *[STOP] * RULES.stops_running)
    book.sitting.begin()
    clock.advance(3600)
    assert book.help_signals() == ["stops"]


def test_a_sitting_that_never_finished_is_not_counted(book: Workbook, clock: ManualClock) -> None:
    """An app that was killed leaves a sitting with no end: it is neither a stop nor calm."""
    sittings(book, clock, *[STOP] * (RULES.stops_running - 1))
    SittingLog(book.store, clock).begin()  # an app that died before the sitting ended
    assert book.help_signals() == []
    sit(book, clock, STOP)
    assert book.help_signals() == ["stops"]


# -- after the professional-help exercise -----------------------------------------------------


def troubled(book: Workbook, clock: ManualClock) -> None:
    sittings(book, clock, *["break+stop"] * max(RULES.time_out_sittings, RULES.stops_running))


def test_finishing_professional_help_quiets_both(book: Workbook, clock: ManualClock) -> None:
    troubled(book, clock)
    assert book.help_signals() == ["breaks", "stops"]
    book.sitting.begin()
    finish_professional_help(book, clock)
    assert book.help_signals() == []
    book.sitting.end("closed")
    assert book.help_signals() == []


def test_professional_help_only_begun_does_not_quiet(book: Workbook, clock: ManualClock) -> None:
    troubled(book, clock)
    book.start(PROFESSIONAL_HELP, {"writer": "a", "responder": "b"})
    assert book.help_signals() == ["breaks", "stops"]


def test_only_the_professional_help_exercise_quiets(book: Workbook, clock: ManualClock) -> None:
    """Another exercise finished after the troubles leaves the signals as they were."""
    troubled(book, clock)
    done = [
        SessionIndexEntry(
            id=exercise_id,
            exercise_id=exercise_id,
            status="completed",
            step_id="end",
            actor=None,
            turns=8,
            started_at=clock.now(),
            updated_at=clock.now(),
        )
        for exercise_id in (PROFESSIONAL_HELP, "apology")
    ]
    now, found = clock.now(), book.store.sittings()
    assert help_signals(found, done[1:], RULES, now) == ["breaks", "stops"]
    assert help_signals(found, done, RULES, now) == []


def test_professional_help_finished_before_the_troubles_does_not_quiet(
    book: Workbook, clock: ManualClock
) -> None:
    finish_professional_help(book, clock)
    clock.advance(DAY)
    troubled(book, clock)
    assert book.help_signals() == ["breaks", "stops"]


def test_a_pattern_built_up_afresh_after_professional_help_signals_again(
    book: Workbook, clock: ManualClock
) -> None:
    troubled(book, clock)
    finish_professional_help(book, clock)
    clock.advance(DAY)
    sittings(book, clock, *[STOP] * (RULES.stops_running - 1))
    assert book.help_signals() == []
    sit(book, clock, STOP)
    assert book.help_signals() == ["stops"]


# -- the numbers in content -------------------------------------------------------------------


def test_the_shipped_numbers_make_sense(library: Library) -> None:
    rules = library.pacing.help_signals
    assert rules.time_out_sittings * 2 > rules.recent_sittings  # "most" recent sittings
    assert rules.within_days >= 7
    assert PROFESSIONAL_HELP in library.exercises


@pytest.mark.parametrize(
    "change",
    [
        {"time_out_sittings": 6},  # more than recent_sittings
        {"stops_running": 1},  # one hard sitting is not a pattern
        {"time_out_sittings": 1},
        {"within_days": 0},
        {"within_day": 30},  # a misspelt field
    ],
)
def test_impossible_numbers_are_refused(change: dict[str, int]) -> None:
    with pytest.raises(ValidationError):
        HelpSignals.model_validate({**RULES.model_dump(), **change})
