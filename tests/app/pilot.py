"""Helpers for Pilot tests: keys and clicks only, and the rendered screen read back as text."""

from __future__ import annotations

import contextlib
import re
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from textual import events
from textual.app import App
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import OptionList

from screens.app import WorkbookApp
from screens.setup import SetupScreen
from workbook.book import Workbook
from workbook.clock import Clock
from workbook.safety import check_pages

SIZE = (80, 24)


def make_app(folder: Path, clock: Clock | None = None) -> WorkbookApp:
    return WorkbookApp(Workbook.open(folder, clock=clock))


def folder_bytes(folder: Path) -> dict[str, bytes]:
    """Every file under the data folder, byte for byte, by its path inside the folder (to
    show that something left no trace, or the same trace whatever was answered)."""
    return {
        str(file.relative_to(folder)): file.read_bytes()
        for file in sorted(folder.rglob("*"))
        if file.is_file()
    }


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


async def tab_to(pilot: Pilot[None], widget: Widget) -> None:
    """Tab until ``widget`` has the focus (on Home it starts on today's suggestion)."""
    for _ in range(12):
        if pilot.app.focused is widget:
            return
        await pilot.press("tab")
    raise AssertionError(f"Tab never reached {widget}")


async def choose(pilot: Pilot[None], option_id: str, selector: str = "#choices") -> None:
    """Tab to the list, move to an option with the arrow keys and press Enter (the keys skip
    headings)."""
    options = pilot.app.screen.query_one(selector, OptionList)
    await tab_to(pilot, options)
    index = options.get_option_index(option_id)
    steps = sum(1 for option in options.options[:index] if not option.disabled)
    await pilot.press("home", *["down"] * steps, "enter")
    await settle(pilot)


async def through_safety_check(pilot: Pilot[None]) -> None:
    """First run: the private safety check, each person answering "No" throughout (Enter
    takes the first answer on every page), up to set-up."""
    await settle(pilot)
    pages = check_pages(pilot.app.book.library, "first_run", None)
    for _ in pages:
        await pilot.press("enter")
    await settle(pilot)
    if not isinstance(pilot.app.screen, SetupScreen):
        raise AssertionError(f"the safety check did not lead to set-up: {screen_words(pilot)}")


async def set_up(pilot: Pilot[None], first: str = "Alex", second: str = "Sam") -> None:
    """First run: the safety check, both names, then Home."""
    await through_safety_check(pilot)
    await type_text(pilot, first)
    await pilot.press("enter")
    await type_text(pilot, second)
    await pilot.press("enter")
    await pilot.pause()


async def start_exercise(pilot: Pilot[None], exercise_id: str, roles_option: str = "0") -> None:
    """From Home: pick the exercise, then who takes which part (option 0: Alex first)."""
    await choose(pilot, f"exercise:{exercise_id}", "#exercises")
    await choose(pilot, roles_option, "#role-options")


def set_up_already(folder: Path, clock: Clock | None = None) -> None:
    """Alex and Sam set up through the core, the safety check done, as set-up by keys leaves
    them (``test_safety_check.py`` and ``test_journey.py`` go through it by keys): most tests
    start from Home, and the check's dozen key presses cost seconds each time."""
    book = Workbook.open(folder, clock=clock)
    try:
        book.set_partners("Alex", "Sam")
        book.safety_check_done()
    finally:
        book.close()


@contextlib.asynccontextmanager
async def running(
    folder: Path, exercise_id: str | None = None, clock: Clock | None = None
) -> AsyncIterator[tuple[WorkbookApp, Pilot[None]]]:
    """The app at 80x24 on ``folder``, set up as Alex and Sam, optionally inside an exercise
    (Alex in the first role), on ``clock`` if given; the workbook is closed afterwards."""
    set_up_already(folder, clock)
    app = make_app(folder, clock)
    try:
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            if exercise_id is not None:
                await start_exercise(pilot, exercise_id)
            yield app, pilot
    finally:
        app.book.close()


@contextlib.asynccontextmanager
async def reopened(
    folder: Path, clock: Clock | None = None
) -> AsyncIterator[tuple[WorkbookApp, Pilot[None]]]:
    """The app at 80x24 opened again on a ``folder`` already set up (it opens on Home), on
    ``clock`` if given; the workbook is closed afterwards."""
    app = make_app(folder, clock)
    try:
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            yield app, pilot
    finally:
        app.book.close()


#: Terminal control sequences (cursor moves, colours) between the words of a painted frame.
_CONTROL = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"  # CSI: cursor moves, colours
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)"  # OSC: titles, links
    r"|\x1b[()][0-9A-Za-z]"  # character sets
)


@dataclass
class Frame:
    screen: Screen[Any]
    """The screen that painted it (the one on top)."""
    text: str
    """The words painted, with the terminal's control sequences taken out (a frame may
    repaint only the lines that changed)."""


@dataclass
class PaintedFrames:
    """Every frame the app paints from now on, in order, even ones gone before a test looks.

    Pilot has no public hook for this, so it wraps the app's ``_display`` (which every paint
    goes through, headless too, before it is written to the terminal).
    """

    app: App[Any]
    frames: list[Frame] = field(default_factory=list)

    def __post_init__(self) -> None:
        display = self.app._display

        def recording(screen: Screen[Any], renderable: object) -> None:
            if renderable is not None:
                render = getattr(renderable, "render_segments", None)
                raw = render(self.app.console) if render is not None else str(renderable)
                self.frames.append(Frame(screen, _CONTROL.sub("", raw)))
            display(screen, renderable)  # type: ignore[arg-type]

        self.app._display = recording  # type: ignore[method-assign]

    def clear(self) -> None:
        self.frames.clear()
