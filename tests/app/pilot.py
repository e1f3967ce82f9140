"""Helpers for Pilot tests: keys and clicks only, and the rendered screen read back as text."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from pathlib import Path

from textual import events
from textual.pilot import Pilot
from textual.widgets import OptionList

from screens.app import WorkbookApp
from workbook.book import Workbook
from workbook.clock import Clock

SIZE = (80, 24)


def make_app(folder: Path, clock: Clock | None = None) -> WorkbookApp:
    return WorkbookApp(Workbook.open(folder, clock=clock))


def screen_text(pilot: Pilot[None]) -> str:
    """What the terminal shows now, line by line."""
    strips = pilot.app.screen._compositor.render_strips()
    return "\n".join(strip.text for strip in strips)


def screen_words(pilot: Pilot[None]) -> str:
    """The screen's words as one line, with borders and wrapping taken out."""
    text = screen_text(pilot)
    for border in "│▊▎":
        text = text.replace(border, " ")
    return " ".join(text.split())


async def settle(pilot: Pilot[None]) -> None:
    """Let screens push, compose and paint."""
    await pilot.pause()
    await pilot.pause()


async def type_text(pilot: Pilot[None], text: str) -> None:
    """Type short text key by key, as a person would."""
    await pilot.press(*("space" if c == " " else c for c in text))


async def paste(pilot: Pilot[None], text: str) -> None:
    """Long text arrives as one paste, as a terminal sends it (the app gives it to the focus)."""
    pilot.app.post_message(events.Paste(text))
    await pilot.pause()


async def answer(pilot: Pilot[None], text: str) -> None:
    """Type an answer and hand it over with ctrl+s."""
    await type_text(pilot, text)
    await pilot.press("ctrl+s")
    await settle(pilot)


async def choose(pilot: Pilot[None], option_id: str, selector: str = "#choices") -> None:
    """Move to an option with the arrow keys and press Enter (the keys skip headings)."""
    options = pilot.app.screen.query_one(selector, OptionList)
    index = options.get_option_index(option_id)
    steps = sum(1 for option in options.options[:index] if not option.disabled)
    await pilot.press("home", *["down"] * steps, "enter")
    await settle(pilot)


async def set_up(pilot: Pilot[None], first: str = "Alex", second: str = "Sam") -> None:
    """First run: both names, then Home."""
    await pilot.pause()
    await type_text(pilot, first)
    await pilot.press("enter")
    await type_text(pilot, second)
    await pilot.press("enter")
    await pilot.pause()


async def start_exercise(pilot: Pilot[None], exercise_id: str, roles_option: str = "0") -> None:
    """From Home: pick the exercise, then who takes which part (option 0: Alex first)."""
    await choose(pilot, f"exercise:{exercise_id}", "#exercises")
    await choose(pilot, roles_option, "#role-options")


@contextlib.asynccontextmanager
async def running(
    folder: Path, exercise_id: str | None = None
) -> AsyncIterator[tuple[WorkbookApp, Pilot[None]]]:
    """The app at 80x24 on ``folder``, set up as Alex and Sam, optionally inside an exercise
    (Alex in the first role); the workbook is closed afterwards."""
    app = make_app(folder)
    try:
        async with app.run_test(size=SIZE) as pilot:
            await set_up(pilot)
            if exercise_id is not None:
                await start_exercise(pilot, exercise_id)
            yield app, pilot
    finally:
        app.book.close()
