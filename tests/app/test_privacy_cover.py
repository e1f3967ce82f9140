"""The cover (ctrl+l): someone walks in, either partner presses ctrl+l and the screen is at once
a neutral one, from every screen, typing or not; the first key (or a click) only lifts it and
the app is back where it was, through the hand-over if a private answer was showing."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual import events
from textual.pilot import Pilot
from textual.widgets import TextArea

from screens.cover import CoverScreen
from screens.exercise import ExerciseScreen
from screens.help import HelpScreen
from screens.home import HomeScreen
from tests.app.hand_over import SAM_LOOKS_AWAY, assert_hand_over, session_id
from tests.app.pilot import (
    SIZE,
    make_app,
    running,
    screen_words,
    set_up,
    settle,
    type_text,
)
from tests.app.test_time_out_everywhere import EVERY_SCREEN, Arrive
from tests.app.time_out import call_break
from workbook.content import load_library

TEXTS = load_library().texts
#: All the cover says, and all it may say.
NEUTRAL = f"{TEXTS.say('cover.privacy_heading')} {TEXTS.say('cover.privacy_back')}"


async def cover(pilot: Pilot[None]) -> CoverScreen:
    """ctrl+l: the cover is on top, opaque, saying only its neutral words."""
    await pilot.press("ctrl+l")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, CoverScreen), type(screen)
    assert screen.styles.background.a == 1
    assert screen_words(pilot) == NEUTRAL
    return screen


async def lift(pilot: Pilot[None], key: str = "x") -> None:
    await pilot.press(key)
    await settle(pilot)
    assert not pilot.app.under_way(CoverScreen)  # type: ignore[attr-defined]


async def typing_in_private(pilot: Pilot[None]) -> None:
    """Alex, past the hand-over into the private appreciations, has typed a word."""
    await pilot.press("enter")
    await settle(pilot)
    await type_text(pilot, "Warmth")


@pytest.mark.usefixtures("in_utc")
@pytest.mark.parametrize(
    ("arrive", "kind"), EVERY_SCREEN, ids=[kind.__name__ for _, kind in EVERY_SCREEN]
)
async def test_the_cover_from_every_screen_and_back_to_it(
    arrive: Arrive, kind: type, data_folder: Path
) -> None:
    app = make_app(data_folder)
    try:
        async with app.run_test(size=SIZE) as pilot:
            await arrive(pilot)
            before = app.screen
            assert isinstance(before, kind)
            await cover(pilot)
            await lift(pilot)
            assert app.screen is before
    finally:
        app.book.close()


async def test_from_home_and_back_and_no_notice_shows_on_it(data_folder: Path) -> None:
    notice = "Sam passed. Alex, it's your turn."
    app = make_app(data_folder)
    try:
        async with app.run_test(size=SIZE, notifications=True) as pilot:
            await set_up(pilot)
            app.notify(notice)
            await settle(pilot)
            assert notice in screen_words(pilot)
            await cover(pilot)
            for words in ("Alex", "Sam", "Trust Workbook"):
                assert words not in screen_words(pilot)
            await lift(pilot)
            assert isinstance(app.screen, HomeScreen)
            assert notice in screen_words(pilot)  # it waited, unseen
    finally:
        app.book.close()


async def test_while_typing_the_words_stay_and_are_kept(data_folder: Path) -> None:
    async with running(data_folder, "active-listening") as (app, pilot):
        await type_text(pilot, "I feel rushed")
        exercise = app.screen
        assert isinstance(exercise, ExerciseScreen)
        title = exercise.view.exercise_title
        await cover(pilot)
        for words in ("I feel rushed", title, "Alex", "Sam"):
            assert words not in screen_words(pilot)
        # Kept at once, well inside the draft's one-second window (the terminal may be closed).
        draft = app.book.load(session_id(app)).draft
        assert draft is not None and draft.text == "I feel rushed"
        await lift(pilot, "a")
        assert app.screen is exercise
        box = exercise.query_one("#answer", TextArea)
        assert box.has_focus
        assert box.text == "I feel rushed"  # the key that lifted the cover is not typed


async def test_a_private_answer_comes_back_through_the_hand_over(data_folder: Path) -> None:
    async with running(data_folder, "appreciations") as (app, pilot):
        await typing_in_private(pilot)
        await cover(pilot)
        assert "Warmth" not in screen_words(pilot)
        await lift(pilot, "enter")  # even Enter only lifts the cover: the hand-over asks again
        assert_hand_over(pilot, SAM_LOOKS_AWAY)
        assert "Warmth" not in screen_words(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen.query_one("#answer", TextArea).text == "Warmth"


async def test_over_help_it_comes_back_to_help(data_folder: Path) -> None:
    async with running(data_folder, "appreciations") as (app, pilot):
        await typing_in_private(pilot)
        await pilot.press("f1")
        await settle(pilot)
        await cover(pilot)
        await lift(pilot)
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")  # help closes onto the private page: its hand-over first
        await settle(pilot)
        assert_hand_over(pilot, SAM_LOOKS_AWAY)


@pytest.mark.parametrize("key", ["ctrl+t", "ctrl+g", "ctrl+r", "f1", "ctrl+q", "ctrl+l"])
async def test_the_first_key_only_lifts_the_cover(data_folder: Path, key: str) -> None:
    async with running(data_folder, "active-listening") as (app, pilot):
        exercise = app.screen
        await cover(pilot)
        await lift(pilot, key)
        assert app.is_running
        assert app.screen is exercise  # no time-out, stop, resources, help or second cover
        await pilot.press("ctrl+l")  # and the keys work again at once
        await settle(pilot)
        assert isinstance(app.screen, CoverScreen)


async def test_a_click_lifts_it(data_folder: Path) -> None:
    async with running(data_folder) as (app, pilot):
        await cover(pilot)
        await pilot.click()
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)


async def test_keys_already_queued_lift_it_once(data_folder: Path) -> None:
    """A held key or fast typing: the keys after the first close nothing under the cover."""
    async with running(data_folder) as (app, pilot):
        screen = await cover(pilot)
        for key in "xyz":
            screen.post_message(events.Key(key, key))
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)


async def test_during_a_break_the_break_goes_on(data_folder: Path) -> None:
    async with running(data_folder, "active-listening") as (app, pilot):
        await type_text(pilot, "I feel rushed")
        break_screen = await call_break(pilot)
        await cover(pilot)
        await lift(pilot)
        assert app.screen is break_screen
        assert break_screen.page == "break"


async def test_app_cover_never_stacks_a_second(data_folder: Path) -> None:
    async with running(data_folder) as (app, pilot):
        await cover(pilot)
        app.cover("privacy")  # as a lock after idle minutes would, over the cover
        await settle(pilot)
        assert sum(isinstance(s, CoverScreen) for s in app.screen_stack) == 1
