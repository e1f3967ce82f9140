"""Acceptance 3 and 6 (part): the return time's bounds and the later-time rule, the break
itself ticking from the injectable clock, coming back to the exact step with the draft (through
the hand-over for a private step) and the break kept in the sitting. (Its pictures, asking and
on the break: ``test_every_screen.py``.)"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from textual.widgets import Static, TextArea

from screens.exercise import ExerciseScreen
from screens.home import HomeScreen
from screens.timeout import PACER_WIDTH, SUITS, TimeOutScreen
from tests.app.hand_over import SAM_LOOKS_AWAY, assert_hand_over, session_id
from tests.app.pilot import (
    SIZE,
    choose,
    make_app,
    reopened,
    running,
    screen_words,
    set_up,
    settle,
    type_text,
)
from tests.app.time_out import HOUR, THIRTY, call_break, open_time_out, ready, type_time
from tests.local_zone import local_zone
from workbook.clock import ManualClock
from workbook.models import TimeOut
from workbook.store import Store

NINE = datetime(2026, 1, 1, 9, 0, tzinfo=UTC)


def at(hour: int, minute: int, day: int = 1) -> datetime:
    return datetime(2026, 1, day, hour, minute, tzinfo=UTC)


@pytest.fixture(autouse=True)
def _utc() -> Iterator[None]:
    with local_zone("UTC"):
        yield


def time_outs(store: Store) -> list[TimeOut]:
    return [t for s in store.sittings() for t in s.time_outs]


# -- the return time ------------------------------------------------------------------------


async def test_typed_return_times_are_held_to_the_bounds(data_folder: Path) -> None:
    clock = ManualClock(NINE)
    async with running(data_folder, clock=clock) as (app, pilot):
        screen = await open_time_out(pilot)
        await type_time(pilot, "09:19")
        assert "Please give the body at least 20 minutes" in screen_words(pilot)
        await type_time(pilot, "half past")
        assert "Please type a time like 18:30." in screen_words(pilot)
        clock.advance(5 * 60)  # the caller thinks for five minutes: a day from the call is 09:00
        await type_time(pilot, "09:03")  # tomorrow at 09:03: longer than a day
        assert "A break lasts at most a day" in screen_words(pilot)
        assert screen.page == "caller" and screen.proposed is None  # nothing was proposed
        await type_time(pilot, "08:59")  # tomorrow, just within the day
        assert screen.proposed == at(8, 59, day=2)
        assert "coming back at 08:59 tomorrow has been proposed" in screen_words(pilot)


async def test_chosen_times_count_from_the_call_and_the_other_is_offered_only_later_ones(
    data_folder: Path,
) -> None:
    clock = ManualClock(NINE)
    async with running(data_folder, clock=clock) as (app, pilot):
        screen = await open_time_out(pilot)
        words = screen_words(pilot)
        for line in ("In 20 minutes, at 09:20", "In an hour, at 10:00", "In 4 hours, at 13:00"):
            assert line in words
        clock.advance(3 * 60)
        await choose(pilot, THIRTY, "#return-choices")
        assert screen.proposed == at(9, 30)  # thirty minutes from the call, not from now
        offered = screen.query_one("#return-choices").options  # type: ignore[attr-defined]
        assert [o.id for o in offered] == [SUITS, "60", "120", "240"]
        await type_time(pilot, "09:15")  # the other's typed time is held to the bounds too
        assert "at least 20 minutes" in screen_words(pilot)
        assert screen.page == "other"


@pytest.mark.parametrize(
    ("other", "typed", "until", "later_stands"),
    [
        (SUITS, None, at(9, 30), False),
        (HOUR, None, at(10, 0), False),
        (None, "10:15", at(10, 15), False),
        (None, "09:25", at(9, 30), True),  # earlier than proposed: the later stands
    ],
)
async def test_the_later_of_the_two_times_stands(
    other: str | None, typed: str | None, until: datetime, later_stands: bool, data_folder: Path
) -> None:
    async with running(data_folder, clock=ManualClock(NINE)) as (app, pilot):
        screen = await open_time_out(pilot)
        await choose(pilot, THIRTY, "#return-choices")
        if other is not None:
            await choose(pilot, other, "#return-choices")
        else:
            assert typed is not None
            await type_time(pilot, typed)
        assert screen.page == "break"
        words = screen_words(pilot)
        assert f"Break until {until:%H:%M}." in words
        assert ("The later of the two times stands" in words) is later_stands
        [kept] = time_outs(app.book.store)
        assert (kept.called_at, kept.until, kept.back_at) == (NINE, until, None)


# -- the break ------------------------------------------------------------------------------


async def test_the_countdown_and_the_breathing_guide_tick_from_the_clock(
    data_folder: Path,
) -> None:
    clock = ManualClock(NINE)
    async with running(data_folder, clock=clock) as (app, pilot):
        screen = await call_break(pilot)

        def shown() -> tuple[str, int, str]:
            countdown = str(screen.query_one("#countdown", Static).render())
            pacer = str(screen.query_one("#pacer", Static).render())
            assert len(pacer) == PACER_WIDTH
            return countdown, pacer.count("█"), str(screen.query_one("#breath", Static).render())

        assert shown() == ("Timer: 20:00 to go", 0, "Breathe in slowly…")
        clock.advance(2)  # halfway through breathing in (4 s in, 6 s out)
        screen.tick()
        assert shown() == ("Timer: 19:58 to go", PACER_WIDTH // 2, "Breathe in slowly…")
        clock.advance(5)  # halfway through breathing out
        screen.tick()
        assert shown() == ("Timer: 19:53 to go", PACER_WIDTH // 2, "…and out, more slowly.")
        clock.advance(20 * 60)
        screen.tick()
        assert shown()[0] == "It is time. Come back when you are both ready."


async def test_coming_back_early_asks_once_gently(data_folder: Path) -> None:
    clock = ManualClock(NINE)
    async with running(data_folder, clock=clock) as (app, pilot):
        screen = await call_break(pilot, caller=HOUR)
        clock.advance(5 * 60)
        await ready(pilot)
        words = screen_words(pilot)
        assert "This break began at 09:00" in words and "about 20 minutes" in words
        await pilot.press("enter")  # "Stay on the break" has the focus
        await settle(pilot)
        assert app.screen is screen and "Come back anyway?" not in screen_words(pilot)
        await ready(pilot)
        await pilot.click("#back-now")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        [kept] = time_outs(app.book.store)
        assert (kept.until, kept.back_at) == (at(10, 0), at(9, 5))
        await call_break(pilot, caller=HOUR)
        clock.advance(20 * 60)  # after the body's twenty minutes, no question, even before 10:25
        await ready(pilot)
        assert isinstance(app.screen, HomeScreen)


async def test_we_need_to_stop_asks_over_the_break_and_go_back_returns_to_it(
    data_folder: Path,
) -> None:
    async with running(data_folder, clock=ManualClock(NINE)) as (app, pilot):
        screen = await call_break(pilot)
        await pilot.click("#stop")
        await settle(pilot)
        assert "Stop for today?" in screen_words(pilot)
        await pilot.click("#back")
        await settle(pilot)
        assert app.screen is screen
        assert app.book.sitting.current_break() is not None


async def test_no_second_break_from_a_screen_opened_during_the_break(data_folder: Path) -> None:
    async with running(data_folder, clock=ManualClock(NINE)) as (app, pilot):
        await call_break(pilot)
        await pilot.press("ctrl+r")
        await settle(pilot)
        await pilot.press("ctrl+t")
        await settle(pilot)
        assert len(time_outs(app.book.store)) == 1
        assert sum(isinstance(s, TimeOutScreen) for s in app.screen_stack) == 1


# -- coming back to the step ------------------------------------------------------------------


async def test_returning_restores_the_step_and_the_draft(data_folder: Path) -> None:
    clock = ManualClock(NINE)
    async with running(data_folder, "active-listening", clock) as (app, pilot):
        exercise = app.screen
        assert isinstance(exercise, ExerciseScreen)
        step = exercise.view.step_id
        await pilot.press(*"Rushed")
        await call_break(pilot)
        assert "Rushed" not in screen_words(pilot)
        draft = app.book.store.draft(session_id(app))
        assert draft is not None and draft.text == "Rushed"  # saved as the break began
        clock.advance(20 * 60)
        await ready(pilot)
        assert app.screen is exercise and exercise.view.step_id == step
        await pilot.press(*" mornings")  # the cursor is still at the end of the words
        assert exercise.query_one("#answer", TextArea).text == "Rushed mornings"
        [kept] = time_outs(app.book.store)
        assert (kept.called_at, kept.until, kept.back_at) == (NINE, at(9, 20), at(9, 20))


async def test_a_private_step_is_returned_to_through_its_hand_over(data_folder: Path) -> None:
    clock = ManualClock(NINE)
    async with running(data_folder, "appreciations", clock) as (app, pilot):
        await pilot.press("enter")  # past Alex's hand-over
        await settle(pilot)
        await pilot.press(*"Warmth")
        await call_break(pilot)
        assert "Warmth" not in screen_words(pilot)
        clock.advance(20 * 60)
        await ready(pilot)
        assert_hand_over(pilot, SAM_LOOKS_AWAY)
        assert "Warmth" not in screen_words(pilot)
        await pilot.press("enter")
        await settle(pilot)
        box = app.screen.query_one("#answer", TextArea)
        assert box.text == "Warmth" and box.has_focus


# -- the sitting ------------------------------------------------------------------------------


async def test_closing_during_a_break_ends_the_sitting_on_a_time_out_and_home_shows_it(
    data_folder: Path,
) -> None:
    clock = ManualClock(NINE)
    async with running(data_folder, clock=clock) as (app, pilot):
        await call_break(pilot, caller=HOUR)
        await pilot.press("ctrl+q")
        await pilot.pause()
    clock.advance(10 * 60)
    async with reopened(data_folder, clock) as (app, pilot):
        [closed, now] = sorted(app.book.store.sittings(), key=lambda s: s.started_at)
        assert closed.ended_how == "time_out"
        assert [(t.until, t.back_at) for t in closed.time_outs] == [(at(10, 0), None)]
        assert now.ended_at is None
        assert "You agreed on a break until 10:00." in screen_words(pilot)
    clock.advance(60 * 60)  # past the agreed time: Home no longer mentions it
    async with reopened(data_folder, clock) as (app, pilot):
        assert "agreed on a break" not in screen_words(pilot)


# -- how it looks -----------------------------------------------------------------------------


# -- stopping gently, and the pace of a sitting ---------------------------------------------


@pytest.mark.parametrize("close_with", ["enter", "ctrl+q"])  # "Close the workbook", or quit
async def test_stopping_mid_exercise_keeps_everything_and_home_offers_it_again(
    data_folder: Path, close_with: str
) -> None:
    clock = ManualClock(NINE)
    async with running(data_folder, "active-listening", clock) as (app, pilot):
        sid = session_id(app)
        await type_text(pilot, "Half a thought")
        await pilot.press("ctrl+g")
        await settle(pilot)
        assert "Stop for today? Everything is kept" in screen_words(pilot)
        await pilot.press("enter")  # "Stop for today" has the focus
        await settle(pilot)
        assert "You stopped for today. That is a caring choice." in screen_words(pilot)
        assert app.return_code is None  # still open while both read the closing
        # already kept as stopped, however the app closes from here
        assert app.book.store.session(sid).status == "paused"
        assert app.book.sitting.started_at is None
        await pilot.press(close_with)
        await pilot.pause()
        assert app.return_code == 0
    async with reopened(data_folder, clock) as (app, pilot):
        [stopped, _] = sorted(app.book.store.sittings(), key=lambda s: s.started_at)
        assert stopped.ended_how == "stopped"
        assert app.book.store.session(sid).status == "paused"
        assert "Active listening · paused at step 1" in screen_words(pilot)
        await choose(pilot, f"session:{sid}", "#sessions")
        assert app.screen.query_one("#answer", TextArea).text == "Half a thought"


async def test_go_back_from_stopping_changes_nothing(data_folder: Path) -> None:
    async with running(data_folder, "active-listening", ManualClock(NINE)) as (app, pilot):
        exercise = app.screen
        await type_text(pilot, "Still here")
        await pilot.press("ctrl+g")
        await settle(pilot)
        await pilot.click("#back")
        await settle(pilot)
        assert app.screen is exercise and app.return_code is None
        assert app.book.store.session(session_id(app)).status == "in_progress"
        assert exercise.query_one("#answer", TextArea).text == "Still here"
        assert app.book.sitting.started_at is not None  # the sitting goes on


async def test_a_long_sitting_gets_one_gentle_suggestion(data_folder: Path) -> None:
    clock = ManualClock(NINE)
    suggestion = "You have been at this for about 45 minutes."

    def toasts() -> str:
        """The notifications on screen (Pilot hides them unless asked; they cover other text)."""
        return " ".join(str(toast.render()) for toast in app.screen.query("Toast"))

    app = make_app(data_folder, clock)
    try:
        async with app.run_test(size=SIZE, notifications=True) as pilot:
            await set_up(pilot)
            clock.advance(44 * 60)
            app.check_pace()
            await settle(pilot)
            assert suggestion not in toasts()
            clock.advance(60)
            app.check_pace()
            await settle(pilot)
            assert suggestion in toasts()
            app.clear_notifications()
            clock.advance(30 * 60)
            app.check_pace()
            await settle(pilot)
            assert suggestion not in toasts()  # said once a sitting, not again
    finally:
        app.book.close()
