"""Footer keys work while typing: quit and pause keep the half-typed words; pass moves on."""

from __future__ import annotations

from pathlib import Path

from screens.exercise import ExerciseScreen
from screens.home import HomeScreen
from tests.app.pilot import (
    answer,
    choose,
    running,
    screen_text,
    settle,
    type_text,
)
from workbook.book import Workbook


async def test_quit_while_typing_keeps_every_word(data_folder: Path) -> None:
    async with running(data_folder, "active-listening") as (app, pilot):
        await type_text(pilot, "I feel")
        await pilot.press("ctrl+q")  # at once, well inside the draft's one-second window
        await pilot.pause()
    book = Workbook.open(data_folder)
    [session] = book.open_sessions()
    draft = book.load(session.id).draft
    assert draft is not None and draft.text == "I feel"
    book.close()


async def test_pause_while_typing_returns_home_and_resumes_with_the_words(
    data_folder: Path,
) -> None:
    async with running(data_folder, "active-listening") as (app, pilot):
        await type_text(pilot, "Half a thought")
        await pilot.press("ctrl+o")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert "paused at step 1" in screen_text(pilot)
        await choose(pilot, f"session:{app.book.open_sessions()[0].id}", "#sessions")
        assert isinstance(app.screen, ExerciseScreen)
        assert app.screen.query_one("#answer").text == "Half a thought"


async def test_pass_follows_on_pass(data_folder: Path) -> None:
    async with running(data_folder, "active-listening") as (app, pilot):
        await answer(pilot, "I feel alone")
        await type_text(pilot, "not sure")
        await pilot.press("ctrl+n")  # Sam passes the mirror: on_pass leads to "missed"
        await settle(pilot)
        assert isinstance(app.screen, ExerciseScreen)
        assert app.screen.view.step_id == "missed"
        assert "Alex's turn" in screen_text(pilot)
