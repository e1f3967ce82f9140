"""One moment each partner would like a therapist's help with, noted from Home through a
hand-over naming them: Home then says whose is noted and when, never the words; the words are
kept as typed (closing the app at once loses nothing), survive reopening, show literally, and
a failed save says so and keeps them in the box."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import TextArea

from screens.handover import HandOverScreen
from screens.home import HomeScreen
from screens.moment import MomentScreen
from tests.app.pilot import paste, reopened, running, screen_words, settle, type_text
from workbook.clock import ManualClock
from workbook.content import load_library

LIBRARY = load_library()
ALEX_SAYS = "The night of the party, when we both went quiet for days."
SAM_SAYS = "When the phone buzzed at dinner and I froze."
HOSTILE = "[bold]Stop[/bold] [link=x]Zanzibar[/link] 🙂 \u202eשלום"


pytestmark = pytest.mark.usefixtures("in_utc")


async def to_moments(pilot: Pilot[None]) -> str:
    """From Home, by keys, to the "For a therapist" list (scrolling it into view): the
    screen's words then."""
    for _ in range(8):
        if pilot.app.focused is not None and pilot.app.focused.id == "moments":
            break
        await pilot.press("tab")
    await settle(pilot)
    return screen_words(pilot)


async def open_moment(pilot: Pilot[None], name: str) -> MomentScreen:
    """From Home: to the "For a therapist" list, down to ``name``, Enter; then the hand-over
    naming them, and Enter."""
    await to_moments(pilot)
    await pilot.press("home", *(["down"] if name == "Sam" else []), "enter")
    await settle(pilot)
    assert isinstance(pilot.app.screen, HandOverScreen)
    assert LIBRARY.say("moment.handover", actor=name) in screen_words(pilot)
    assert pilot.app.clipboard == ""
    await pilot.press("enter")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, MomentScreen)
    assert LIBRARY.say("moment.title", actor=name) in screen_words(pilot)
    return screen


def box(screen: MomentScreen) -> str:
    return screen.query_one("#moment-text", TextArea).text


async def test_each_partner_notes_a_moment_and_home_shows_only_that_it_is_noted(
    data_folder: Path,
) -> None:
    clock = ManualClock()
    async with running(data_folder, clock=clock) as (app, pilot):
        words = await to_moments(pilot)
        assert LIBRARY.say("moment.not_noted", actor="Alex") in words
        assert LIBRARY.say("moment.not_noted", actor="Sam") in words
        app.copy_to_clipboard("something Alex copied")
        await open_moment(pilot, "Alex")
        await paste(pilot, ALEX_SAYS)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        app.copy_to_clipboard("something Sam copied")
        await open_moment(pilot, "Sam")
        await paste(pilot, SAM_SAYS)
        await pilot.click("#done")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        words = await to_moments(pilot)
        for name in ("Alex", "Sam"):
            assert LIBRARY.say("moment.noted", actor=name, date="2026-01-01") in words
        assert "party" not in words and "phone" not in words
    async with reopened(data_folder, clock) as (app, pilot):
        words = await to_moments(pilot)
        assert LIBRARY.say("moment.noted", actor="Alex", date="2026-01-01") in words
        assert "party" not in words
        screen = await open_moment(pilot, "Alex")
        assert box(screen) == ALEX_SAYS
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
    assert {p: m.text for p, m in app.book.moments().items()} == {"a": ALEX_SAYS, "b": SAM_SAYS}


async def test_typing_then_closing_the_app_at_once_keeps_every_word(data_folder: Path) -> None:
    clock = ManualClock()
    async with running(data_folder, clock=clock) as (_, pilot):
        await open_moment(pilot, "Sam")
        await type_text(pilot, "the car park")
        await pilot.press("ctrl+q")
    async with reopened(data_folder, clock) as (app, pilot):
        assert app.book.moments()["b"].text == "the car park"
        assert LIBRARY.say("moment.noted", actor="Sam", date="2026-01-01") in await to_moments(
            pilot
        )


async def test_markup_and_hidden_characters_show_literally(data_folder: Path) -> None:
    clock = ManualClock()
    async with running(data_folder, clock=clock) as (_, pilot):
        await open_moment(pilot, "Alex")
        await paste(pilot, HOSTILE)
        await pilot.press("ctrl+s")
        await settle(pilot)
    async with reopened(data_folder, clock) as (app, pilot):
        words = await to_moments(pilot)
        assert LIBRARY.say("moment.noted", actor="Alex", date="2026-01-01") in words
        assert "Zanzibar" not in words
        screen = await open_moment(pilot, "Alex")
        assert box(screen) == HOSTILE
        assert "[bold]Stop[/bold] [link=x]Zanzibar[/link]" in screen_words(pilot)


async def test_clearing_the_box_removes_the_moment(data_folder: Path) -> None:
    clock = ManualClock()
    async with running(data_folder, clock=clock) as (app, pilot):
        await open_moment(pilot, "Alex")
        await type_text(pilot, "soon")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "a" in app.book.moments()
        await open_moment(pilot, "Alex")
        await pilot.press(*["backspace"] * len("soon"), "ctrl+s")
        await settle(pilot)
        assert app.book.moments() == {}
        assert LIBRARY.say("moment.not_noted", actor="Alex") in await to_moments(pilot)


async def test_a_failed_save_says_so_and_keeps_the_words(
    data_folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    clock = ManualClock()
    async with running(data_folder, clock=clock) as (app, pilot):
        screen = await open_moment(pilot, "Sam")

        def full_disk(*_: object) -> None:
            raise OSError(28, "No space left on device")

        with monkeypatch.context() as patched:
            patched.setattr(app.book.store, "save_moment", full_disk)
            await type_text(pilot, "the lake")
            await pilot.press("ctrl+s")
            await settle(pilot)
            assert app.screen is screen  # not saved: the screen stays, with the words
            assert box(screen) == "the lake"
            assert "could not be saved (No space left on device)" in screen_words(pilot)
        await pilot.press("ctrl+s")  # the disk is back: saved, then Home
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert app.book.moments()["b"].text == "the lake"
