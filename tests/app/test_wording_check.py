"""An apology that checks itself, by keys and clicks at 80x24.

Acceptance 2 (second half): "sorry if ..." at the apology's first step asks first, quoting the
words; "Rephrase" goes back to the box with every word kept and nothing saved; "Keep my words"
saves them exactly; a clean apology goes straight through. Markup shows as text; a break, the
stop question and help all work over the check, and the words survive each.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import TextArea

from screens.exercise import ExerciseScreen
from screens.help import HelpScreen
from screens.stop import StopScreen
from screens.wording_check import WordingCheckScreen
from tests.app.pilot import (
    PaintedFrames,
    paste,
    running,
    screen_text,
    screen_words,
    settle,
    type_text,
)
from tests.app.time_out import call_break, ready
from workbook.clock import ManualClock

SORRY_IF = "I'm sorry if you were hurt"


async def submit(pilot: Pilot[None]) -> None:
    await pilot.press("ctrl+s")
    await settle(pilot)


async def asked(pilot: Pilot[None], words: str) -> None:
    """Type ``words`` at the first step and submit: the gentle check shows."""
    await type_text(pilot, words)
    await submit(pilot)
    assert isinstance(pilot.app.screen, WordingCheckScreen), screen_words(pilot)


def answer_box(pilot: Pilot[None]) -> TextArea:
    screen = pilot.app.screen
    assert isinstance(screen, ExerciseScreen), type(screen)
    return screen.query_one("#answer", TextArea)


def at_first_step_with_nothing_saved(pilot: Pilot[None]) -> None:
    book = pilot.app.book  # type: ignore[attr-defined]
    [entry] = book.open_sessions()
    opened = book.load(entry.id)
    assert opened.session.step_id == "what"
    assert opened.turns == []


async def test_sorry_if_asks_first_and_rephrase_keeps_every_word(data_folder: Path) -> None:
    async with running(data_folder, "apology") as (app, pilot):
        await asked(pilot, SORRY_IF)
        seen = screen_words(pilot)
        assert "“sorry if you were hurt”" in seen
        assert "can leave the hurt in doubt" in seen
        assert "Would you like to rephrase?" in seen and "Keeping them just as they are" in seen
        assert "Rephrase" in seen and "Keep my words" in seen
        at_first_step_with_nothing_saved(pilot)

        await pilot.press("enter")  # "Rephrase" has the focus
        await settle(pilot)
        box = answer_box(pilot)
        assert box.text == SORRY_IF and box.has_focus
        at_first_step_with_nothing_saved(pilot)
        await type_text(pilot, ".")  # the cursor is at the end of the words
        assert box.text == SORRY_IF + "."

        await submit(pilot)  # the new words are checked again; Escape also rephrases
        assert isinstance(app.screen, WordingCheckScreen)
        await pilot.press("escape")
        await settle(pilot)
        assert answer_box(pilot).text == SORRY_IF + "."
        at_first_step_with_nothing_saved(pilot)


async def test_keep_my_words_saves_them_exactly(data_folder: Path) -> None:
    async with running(data_folder, "apology") as (app, pilot):
        await asked(pilot, SORRY_IF)
        await pilot.click("#keep")
        await settle(pilot)
        [entry] = app.book.open_sessions()
        opened = app.book.load(entry.id)
        assert [t.value for t in opened.turns] == [SORRY_IF]
        assert opened.session.step_id == "own"
        assert "own it" in screen_words(pilot)
        assert answer_box(pilot).text == ""


async def test_kept_words_are_not_checked_again_after_a_failed_save(
    data_folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    async with running(data_folder, "apology") as (app, pilot):
        await asked(pilot, SORRY_IF)

        def refuse(*_: object) -> None:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

        monkeypatch.setattr("workbook.storage.os.replace", refuse)
        await pilot.click("#keep")
        await settle(pilot)
        assert "could not be saved" in screen_text(pilot)
        assert answer_box(pilot).text == SORRY_IF

        monkeypatch.undo()
        await submit(pilot)  # straight through: they already chose to keep these words
        [entry] = app.book.open_sessions()
        assert [t.value for t in app.book.load(entry.id).turns] == [SORRY_IF]


async def test_a_clean_apology_goes_straight_through(data_folder: Path) -> None:
    async with running(data_folder, "apology") as (app, pilot):
        painted = PaintedFrames(app)
        await paste(pilot, "I'm sorry I lied to you")
        await submit(pilot)
        [entry] = app.book.open_sessions()
        assert app.book.load(entry.id).session.step_id == "own"
        assert not any(isinstance(f.screen, WordingCheckScreen) for f in painted.frames)


async def test_markup_and_escapes_in_the_words_show_as_text(data_folder: Path) -> None:
    hostile = "I'm sorry [bold]for it[/bold] \x1b[2J but you 👩‍❤️‍👨 שלום"
    async with running(data_folder, "apology") as (app, pilot):
        await paste(pilot, hostile)
        await submit(pilot)
        assert isinstance(app.screen, WordingCheckScreen)
        shown = screen_text(pilot)
        assert "“sorry [bold]for it[/bold] ␛[2J but you”" in shown
        assert "\x1b" not in shown

        await pilot.click("#keep")
        await settle(pilot)
        [entry] = app.book.open_sessions()
        assert [t.value for t in app.book.load(entry.id).turns] == [hostile]


async def test_a_break_over_the_check_keeps_the_words(data_folder: Path) -> None:
    """The break covers everything; coming back goes to the answer box, words and draft
    intact, and nothing saved (submitting again asks again)."""
    clock = ManualClock()
    async with running(data_folder, "apology", clock=clock) as (app, pilot):
        await asked(pilot, SORRY_IF)
        await call_break(pilot)
        assert "sorry if" not in screen_words(pilot)
        clock.advance(20 * 60)
        await ready(pilot)
        box = answer_box(pilot)
        assert box.text == SORRY_IF and box.has_focus
        [entry] = app.book.open_sessions()
        opened = app.book.load(entry.id)
        assert opened.draft is not None and opened.draft.text == SORRY_IF
        at_first_step_with_nothing_saved(pilot)
        await submit(pilot)
        assert isinstance(app.screen, WordingCheckScreen)


async def test_stop_and_help_work_over_the_check(data_folder: Path) -> None:
    async with running(data_folder, "apology") as (app, pilot):
        await asked(pilot, SORRY_IF)
        check = app.screen
        await pilot.press("f1")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is check

        await pilot.press("ctrl+g")
        await settle(pilot)
        assert isinstance(app.screen, StopScreen)
        await pilot.click("#stop")  # stopping for today pauses, keeping the words
        await settle(pilot)
        [entry] = app.book.open_sessions()
        opened = app.book.load(entry.id)
        assert opened.session.status == "paused"
        assert opened.draft is not None and opened.draft.text == SORRY_IF
        assert opened.turns == []
