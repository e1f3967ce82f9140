"""My answers on screen, by keys: reached from Home through a hand-over naming the partner, it
shows that partner's words and none of the other's; opting one in (Enter on its toggle) lets
it, and only it, into an export written from the app; a break hands over again; markup shows
as typed; a failed save says so and changes nothing. (Its snapshot: ``test_every_screen.py``.)"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Button

from screens.handover import HandOverScreen
from screens.home import HomeScreen
from tests.app.own_words import (
    ALEX_WROTE,
    LIBRARY,
    SAM_WROTE,
    appreciations_by_keys,
    export_by_keys,
    open_export,
    open_my_answers,
    written,
)
from tests.app.pilot import running, screen_words, settle
from tests.app.time_out import call_break, ready
from workbook.clock import ManualClock

HOSTILE = "[bold]Stop[/bold] [link=x]Zanzibar[/link] 🙂 \u202eשלום"


pytestmark = pytest.mark.usefixtures("in_utc")


def toggle(pilot: Pilot[None]) -> Button:
    focused = pilot.app.focused
    assert isinstance(focused, Button) and focused.has_class("opt"), focused
    return focused


async def test_an_answer_opted_in_by_keys_goes_into_the_export_and_the_others_stays_out(
    data_folder: Path,
) -> None:
    async with running(data_folder, clock=ManualClock()) as (app, pilot):
        await appreciations_by_keys(pilot)
        await open_export(pilot)
        await export_by_keys(pilot, transcripts=True)
        before = written(data_folder).read_text()
        assert "Warm" in before  # a shared answer is in the transcripts
        assert ALEX_WROTE not in before and SAM_WROTE not in before
        await pilot.press("escape")
        await settle(pilot)

        await open_my_answers(pilot, "Alex")
        assert str(toggle(pilot).label) == "In the export: no"
        await pilot.press("enter")
        await settle(pilot)
        assert str(toggle(pilot).label) == "In the export: yes"
        assert "In the export: yes" in screen_words(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)

        await open_export(pilot)
        await export_by_keys(pilot, transcripts=True)
        after = written(data_folder).read_text()
        assert f"> {ALEX_WROTE}" in after
        assert SAM_WROTE not in after
    [opted] = app.book.store.opt_ins()
    assert opted.partner == "a"


async def test_each_sees_only_their_own_words_after_a_hand_over_naming_them(
    data_folder: Path,
) -> None:
    async with running(data_folder, clock=ManualClock()) as (app, pilot):
        await appreciations_by_keys(pilot)
        app.copy_to_clipboard("something Alex copied")
        await open_my_answers(pilot, "Sam")
        words = screen_words(pilot)
        assert LIBRARY.say("my_answers.title", actor="Sam") in words
        assert SAM_WROTE in words
        assert ALEX_WROTE not in words
        assert "Appreciations and milestones · 2026-01-01" in words
        assert "Sam, name three things Alex did lately that you appreciated." in words
        assert LIBRARY.say("my_answers.shared", other="Alex") in words
        await pilot.press("escape")
        await settle(pilot)
        await open_my_answers(pilot, "Alex")
        words = screen_words(pilot)
        assert ALEX_WROTE in words and SAM_WROTE not in words


async def test_after_a_break_the_hand_over_comes_again_before_any_answer_shows(
    data_folder: Path,
) -> None:
    clock = ManualClock()
    async with running(data_folder, clock=clock) as (app, pilot):
        await appreciations_by_keys(pilot)
        await open_my_answers(pilot, "Alex")
        await call_break(pilot)
        clock.advance(20 * 60)
        await ready(pilot)
        assert isinstance(app.screen, HandOverScreen)
        words = screen_words(pilot)
        assert LIBRARY.say("my_answers.handover_ready", actor="Alex") in words
        assert ALEX_WROTE not in words
        await pilot.press("enter")
        await settle(pilot)
        assert ALEX_WROTE in screen_words(pilot)


async def test_markup_in_an_answer_shows_as_typed(data_folder: Path) -> None:
    async with running(data_folder, clock=ManualClock()) as (_, pilot):
        await appreciations_by_keys(pilot, alex=HOSTILE)
        await open_my_answers(pilot, "Alex")
        words = screen_words(pilot)
        assert "[bold]Stop[/bold]" in words
        assert "[link=x]Zanzibar[/link]" in words


async def test_a_failed_save_says_so_and_changes_nothing(
    data_folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    async with running(data_folder, clock=ManualClock()) as (app, pilot):
        await appreciations_by_keys(pilot)
        await open_my_answers(pilot, "Alex")

        def full(*_: object) -> None:
            raise OSError(28, "No space left on device")

        monkeypatch.setattr(app.book.store, "save_opt_in", full)
        await pilot.press("enter")
        await settle(pilot)
        assert str(toggle(pilot).label) == "In the export: no"
        assert "No space left on device" in screen_words(pilot)
    assert app.book.store.opt_ins() == []
