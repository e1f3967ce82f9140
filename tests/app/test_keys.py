"""Footer keys work while typing: quit and pause keep the half-typed words; pass moves on."""

from __future__ import annotations

from pathlib import Path

from screens.exercise import ExerciseScreen
from screens.home import HomeScreen
from tests.app.pilot import (
    SIZE,
    answer,
    choose,
    make_app,
    screen_text,
    set_up,
    settle,
    start_exercise,
    type_text,
)
from workbook.book import Workbook


async def test_quit_while_typing_keeps_every_word(data_folder: Path) -> None:
    app = make_app(data_folder)
    async with app.run_test(size=SIZE) as pilot:
        await set_up(pilot)
        await start_exercise(pilot, "active-listening")
        await type_text(pilot, "I feel")
        await pilot.press("ctrl+q")  # at once, well inside the draft's one-second window
        await pilot.pause()
    app.book.close()
    book = Workbook.open(data_folder)
    [session] = book.open_sessions()
    draft = book.load(session.id).draft
    assert draft is not None and draft.text == "I feel"
    book.close()


async def test_pause_while_typing_returns_home_and_resumes_with_the_words(
    data_folder: Path,
) -> None:
    app = make_app(data_folder)
    async with app.run_test(size=SIZE) as pilot:
        await set_up(pilot)
        await start_exercise(pilot, "active-listening")
        await type_text(pilot, "Half a thought")
        await pilot.press("ctrl+o")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert "paused at step 1" in screen_text(pilot)
        await choose(pilot, f"session:{app.book.open_sessions()[0].id}", "#sessions")
        assert isinstance(app.screen, ExerciseScreen)
        assert app.screen.query_one("#answer").text == "Half a thought"
    app.book.close()


async def test_pass_follows_on_pass(data_folder: Path) -> None:
    app = make_app(data_folder)
    async with app.run_test(size=SIZE) as pilot:
        await set_up(pilot)
        await start_exercise(pilot, "active-listening")
        await answer(pilot, "I feel alone")
        await type_text(pilot, "not sure")
        await pilot.press("ctrl+n")  # Sam passes the mirror: on_pass leads to "missed"
        await settle(pilot)
        assert isinstance(app.screen, ExerciseScreen)
        assert app.screen.view.step_id == "missed"
        assert "Alex's turn" in screen_text(pilot)
    app.book.close()
