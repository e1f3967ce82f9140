"""Renaming a partner and changing their colour in settings, by keys and by mouse (acceptance
4): the new name shows on every screen and in the exports, past turns included, and the old
one nowhere; a colour is kept across restarts, never the other's (how each colour reads in
each theme: ``test_themes.py``). (A snapshot of settings: ``test_every_screen.py``.)"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from textual.widgets import OptionList, Static

from screens.exercise import ExerciseScreen
from screens.home import HomeScreen
from tests.app.agreements_on_screen import LATE, open_from_home, press, seeded, to_button
from tests.app.own_words import (
    ALEX_WROTE,
    LIBRARY,
    SAM_WROTE,
    export_by_keys,
    open_export,
    open_my_answers,
    written,
)
from tests.app.people_on_screen import every_word, rename_by_keys
from tests.app.pilot import answer, reopened, screen_words, start_exercise
from tests.app.test_path_snapshots import write_in_private
from tests.app.test_settings_and_idle_lock import open_settings
from workbook.book_settings import PALETTE
from workbook.clock import ManualClock

pytestmark = pytest.mark.usefixtures("in_utc")
SAY = LIBRARY.say


async def test_a_new_name_shows_on_every_screen_and_export_and_the_old_one_nowhere(
    data_folder: Path,
) -> None:
    clock = ManualClock()
    seeded(data_folder, clock, LATE)
    async with reopened(data_folder, clock) as (_, pilot):
        await start_exercise(pilot, "appreciations")
        await write_in_private(pilot, ALEX_WROTE)  # a turn under the old name
    seen: list[str] = []

    async def look(*expected: str) -> None:
        seen.append(every_word(pilot))
        for words in expected:
            assert words in seen[-1]

    async with reopened(data_folder, clock) as (app, pilot):
        await open_settings(pilot)
        await rename_by_keys(pilot, "a", "Robin")
        await look(SAY("settings.renamed", old="Alex", new="Robin"), "Robin · colour: cyan")
        seen.pop()  # the one place the old name is said: what changed
        await press(pilot, "escape")
        await look(SAY("home.greeting", a="Robin", b="Sam"), "Robin · my answers")
        await press(pilot, "enter")  # the session left open: Sam's private turn, handed over
        await look(SAY("handover.private", other="Robin", actor="Sam"))
        await write_in_private(pilot, SAM_WROTE)
        await look("Robin:", ALEX_WROTE)  # the reveal: the turn before the rename
        await press(pilot, "enter")
        assert isinstance(app.screen, ExerciseScreen)
        await look("Robin's turn.", "What Sam appreciated in Robin")  # the banner
        for words in ("Warm", "Seen", "First calm talk"):
            await answer(pilot, words)
        await press(pilot, "ctrl+s", "ctrl+s")  # the milestone, agreed by both
        await look("Robin", "Warm")  # the summary
        await press(pilot, "enter")
        assert isinstance(app.screen, HomeScreen)
        await open_from_home(pilot, LATE.id)
        await look(SAY("agreement.accepted_by", name="Robin", date="2026-01-01"))
        await press(pilot, "escape", "escape")
        await open_my_answers(pilot, "Robin")  # its hand-over names Robin (and Sam)
        await look(SAY("my_answers.title", actor="Robin"))
        await press(pilot, "escape")
        await open_export(pilot)
        await export_by_keys(pilot, transcripts=True)
        await press(pilot, "escape")
        await open_export(pilot)
        await export_by_keys(pilot, transcripts=True, json=True)
    assert all("Alex" not in words for words in seen)
    markdown = written(data_folder).read_text()
    document = json.loads(written(data_folder, ".json").read_text())
    assert "Robin" in markdown and "Alex" not in markdown
    assert document["partners"] == ["Robin", "Sam"] and "Alex" not in json.dumps(document)
    authors = {line["author"] for t in document["transcripts"] for line in t["lines"]}
    assert "Robin" in authors


async def test_a_name_is_refused_as_at_set_up(data_folder: Path) -> None:
    clock = ManualClock()
    seeded(data_folder, clock)
    async with reopened(data_folder, clock) as (app, pilot):
        await open_settings(pilot)
        await rename_by_keys(pilot, "a", "sam")
        assert SAY("setup.need_different") in screen_words(pilot)
        assert app.book.name("a") == "Alex"


async def test_a_colour_by_keys_and_a_name_by_mouse_are_kept_across_restarts(
    data_folder: Path,
) -> None:
    clock = ManualClock()
    seeded(data_folder, clock)
    async with reopened(data_folder, clock) as (app, pilot):
        await open_settings(pilot)
        await to_button(pilot, "colour-a")
        await press(pilot, "enter")
        offered = [
            str(option.prompt) for option in app.screen.query_one("#colours", OptionList).options
        ]
        assert offered == ["cyan · now", "orange", "green", "blue", "purple"]
        await press(pilot, "down", "enter")  # the next after cyan
        assert SAY("settings.colour_set", actor="Alex", colour="orange") in screen_words(pilot)
        await pilot.click("#name-b")
        await pilot.pause()
        await pilot.press(*"Kim")
        await pilot.click("#save-name")
        await pilot.pause()
        assert SAY("settings.renamed", old="Sam", new="Kim") in screen_words(pilot)
        await pilot.click("#colour-b")
        await pilot.pause()
        offered = [
            str(option.prompt) for option in app.screen.query_one("#colours", OptionList).options
        ]
        assert offered == ["cyan", "magenta · now", "green", "blue", "purple"]  # Alex's is out
        await pilot.click("#colours", offset=(4, 3))  # the third offered: green
        await pilot.pause()
        assert SAY("settings.colour_set", actor="Kim", colour="green") in screen_words(pilot)
    async with reopened(data_folder, clock) as (app, pilot):
        partners = app.book.partners()
        assert (partners["a"].colour, partners["b"].colour) == ("orange", "green")
        assert partners["b"].name == "Kim"
        await start_exercise(pilot, "active-listening")
        banner = app.screen.query_one("#banner", Static)
        assert str(banner.content).startswith("Alex's turn.")
        assert banner.content.style == f"bold {PALETTE['orange']}"  # type: ignore[union-attr]
