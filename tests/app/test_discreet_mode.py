"""Discreet mode, turned on and off in settings by keys: the title and subtitle, the terminal's
window title, Home's words and the footer go neutral at once and stay so across restarts; the
keys still do what they did; and nothing on Home says what the app is for."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.drivers.headless_driver import HeadlessDriver
from textual.pilot import Pilot
from textual.widgets import Footer

from screens.cover import CoverScreen
from screens.discreet import POP_TITLE, PUSH_TITLE
from tests.app.agreements_on_screen import LATE, press, seeded, to_button
from tests.app.own_words import LIBRARY, appreciations_by_keys
from tests.app.people_on_screen import every_word
from tests.app.pilot import reopened, screen_words, settle
from tests.app.test_settings_and_idle_lock import open_settings
from tests.unit.test_names_colours_discreet import REVEALING
from workbook.clock import ManualClock

SAY = LIBRARY.say
NOTES = SAY("discreet.app.title")
TITLE_SET = f"{PUSH_TITLE}\x1b]2;{NOTES}\x07"


@pytest.fixture
def terminal(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """What the app writes to the terminal's window title (Pilot's driver writes nothing)."""
    written: list[str] = []

    def write(_: HeadlessDriver, data: str) -> None:
        if any(mark in data for mark in (PUSH_TITLE, POP_TITLE, "\x1b]2;")):
            written.append(data)

    monkeypatch.setattr(HeadlessDriver, "write", write)
    return written


def footer_labels(pilot: Pilot[None]) -> set[str]:
    footer = pilot.app.screen.query_one(Footer)
    return {str(key.description) for key in footer.query("FooterKey")}  # type: ignore[attr-defined]


async def toggle_in_settings(pilot: Pilot[None]) -> None:
    await open_settings(pilot)
    await to_button(pilot, "discreet")
    await press(pilot, "enter")


async def test_turned_on_everything_neutral_at_once_and_after_a_restart(
    data_folder: Path, terminal: list[str]
) -> None:
    clock = ManualClock()
    seeded(data_folder, clock)
    async with reopened(data_folder, clock) as (app, pilot):
        assert (app.title, app.sub_title) == (SAY("app.title"), SAY("app.subtitle"))
        assert "Hide" in footer_labels(pilot)
        await toggle_in_settings(pilot)
        assert SAY("settings.discreet_turned_on") in screen_words(pilot)
        assert (app.title, app.sub_title) == (NOTES, "")
        assert terminal == [TITLE_SET]
        await press(pilot, "escape")
        words = screen_words(pilot)
        assert words.startswith(f"⭘ {NOTES} {SAY('discreet.home.greeting')}")
        assert {"Blank", "Break", "Support"} <= footer_labels(pilot)
        assert "Hide" not in footer_labels(pilot)
    assert terminal == [TITLE_SET, POP_TITLE]  # the terminal's own title back at the end

    terminal.clear()
    async with reopened(data_folder, clock) as (app, pilot):
        assert app.book.discreet()
        assert (app.title, app.sub_title) == (NOTES, "")
        assert terminal == [TITLE_SET]
        assert SAY("discreet.home.greeting") in screen_words(pilot)
        assert "Blank" in footer_labels(pilot)
        await press(pilot, "ctrl+l")  # the key does what it did
        assert isinstance(app.screen, CoverScreen)
        await press(pilot, "space")
        await toggle_in_settings(pilot)
        assert SAY("settings.discreet_turned_off") in screen_words(pilot)
        assert (app.title, app.sub_title) == (SAY("app.title"), SAY("app.subtitle"))
        assert terminal == [TITLE_SET, POP_TITLE]
        await press(pilot, "escape")
        assert SAY("home.greeting", a="Alex", b="Sam") in screen_words(pilot)
        assert "Hide" in footer_labels(pilot)


async def test_nothing_on_home_says_what_the_app_is_for(data_folder: Path) -> None:
    clock = ManualClock()
    seeded(data_folder, clock, LATE)
    async with reopened(data_folder, clock) as (app, pilot):
        await appreciations_by_keys(pilot)  # a milestone, a finished exercise
        usual = every_word(pilot).casefold()
        assert any(word in usual for word in REVEALING)  # the check below can fail
        app.book.set_discreet(True)
        app.show_discreetly()
        await pilot.press("f1", "escape")  # Home comes back into view
        await settle(pilot)
        words = every_word(pilot)
        found = [word for word in REVEALING if word in words.casefold()]
        assert not found, found
        assert SAY("discreet.my_answers.export_line") in words
        assert not any(name in f"{app.title} {app.sub_title}" for name in ("Alex", "Sam"))
