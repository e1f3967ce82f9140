"""The README's screenshots, taken by the app itself: ``make screenshots`` (or ``python -m
docs.screenshots``) writes the demo couple's workbook into a temporary folder, opens the real
app on it headless, goes through it by keys as the couple would, and saves an SVG of each key
screen into ``docs/screenshots/``.

The demo is written for a fixed day, the app runs on a clock that does not move and in UTC, and
no cursor blinks, so running it again gives the same pictures unless a screen has changed.
Screens are reached by the ids of their lists and by the app's own keys, not by counting Tabs,
so a small change of layout does not send the tour astray.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Input, OptionList, TextArea

from screens.app import WorkbookApp
from workbook.book import Workbook
from workbook.clock import ManualClock
from workbook.demo import write_demo

#: Wide enough to read every screen whole in a README, small enough to stay legible.
SIZE = (100, 30)
#: The demo's "today": an ordinary Monday evening, the demo's last evening the day before.
TODAY = datetime(2026, 6, 15, 19, 30, tzinfo=UTC)
#: Seconds into the break when it is shown: the breathing guide part way in.
BREATHING = 3
SCREENSHOTS = Path(__file__).with_name("screenshots")
#: Where the demo is written, for the length of a run: Settings shows this path, so it is the
#: same on every run (a random temporary name would change the picture each time).
DEMO_DATA = Path(tempfile.gettempdir()) / "workbook-demo"
#: What the first and the second partner write privately in Appreciations, for the reveal.
APPRECIATIONS = (
    "The tea after the hard call on Thursday; asking how my day went; the Sunday walk.",
    "Telling me about your day before I asked; the note on the fridge; staying in the talk.",
)


class Tour:
    """The app under a Pilot, and where its screenshots go."""

    def __init__(
        self, app: WorkbookApp, pilot: Pilot[None], clock: ManualClock, folder: Path
    ) -> None:
        self.app = app
        self.pilot = pilot
        self.clock = clock
        """The app's clock, moved by hand only (so the times on screen never change)."""
        self.folder = folder
        self.taken: list[Path] = []

    async def settle(self) -> None:
        """Let a screen push, compose and paint (screens past Home are imported when opened)."""
        for _ in range(3):
            await self.pilot.pause()

    async def press(self, *keys: str) -> None:
        await self.pilot.press(*keys)
        await self.settle()

    async def type(self, text: str) -> None:
        """Type key by key, as a person would."""
        await self.press(*("space" if c == " " else c for c in text))

    async def pick(self, list_id: str, option_id: str) -> None:
        """Choose an option by its id: its list focused, the option highlighted, Enter."""
        options = self.app.screen.query_one(f"#{list_id}", OptionList)
        options.focus()
        options.highlighted = options.get_option_index(option_id)
        await self.press("enter")

    async def shoot(self, name: str) -> None:
        """Save the screen as ``name``.svg, with any cursor steady and no passing notice."""
        for box in self.app.screen.query("TextArea, Input"):
            if isinstance(box, TextArea | Input):
                box.cursor_blink = False
        self.app.clear_notifications()
        await self.settle()
        self.taken.append(Path(self.app.save_screenshot(f"{name}.svg", str(self.folder))))


async def tour(shots: Tour) -> None:
    """Every key screen, in the order a couple meets them."""
    app = shots.app
    await shots.settle()
    await shots.shoot("home")

    # The talk the demo couple left open: the banner says whose turn it is.
    first_open = app.book.open_sessions()[0]
    await shots.pick("sessions", f"session:{first_open.id}")
    await shots.shoot("exercise-turn")
    await shots.press("f1")
    await shots.shoot("help")
    await shots.press("escape", "ctrl+o")

    # A private step: the hand-over before each answer, then both answers side by side.
    await shots.pick("exercises", "exercise:appreciations")
    await shots.pick("role-options", "0")
    await shots.shoot("hand-over")
    for words in APPRECIATIONS:
        await shots.press("enter")
        await shots.type(words)
        await shots.press("ctrl+s")
    await shots.shoot("reveal")
    await shots.press("enter", "ctrl+o")

    # One agreement in full with its history; Back shows them all.
    agreement = app.book.agreements()[0]
    await shots.pick("agreements", f"agreement:{agreement.id}")
    await shots.shoot("agreement")
    await shots.press("escape")
    await shots.shoot("agreements")
    await shots.press("escape")

    await shots.pick("progress-lines", "progress")
    await shots.shoot("progress")
    await shots.press("escape")

    await shots.pick("own-words", "settings")
    await shots.shoot("settings")
    await shots.press("escape")

    await shots.press("ctrl+p")
    await shots.shoot("command-palette")
    await shots.press("escape")

    # Last, since coming back early asks first: a time-out, the return time agreed by both,
    # a few seconds into the breathing guide (the screen redraws from the clock as it ticks).
    await shots.press("ctrl+t", "enter", "enter")
    shots.clock.advance(BREATHING)
    await shots.pilot.pause(0.5)
    await shots.shoot("time-out")


def take_screenshots(folder: Path, data: Path = DEMO_DATA) -> list[Path]:
    """The tour on a fresh demo workbook written into ``data`` (a scratch folder, emptied
    before and deleted after); the SVGs written. Any other SVG in ``folder`` (a screen no
    longer shown) is removed, so the folder holds exactly this run's pictures."""
    os.environ["TZ"] = "UTC"  # times on screen read the same on every machine
    time.tzset()
    folder.mkdir(parents=True, exist_ok=True)
    shutil.rmtree(data, ignore_errors=True)  # left by a run that was killed
    try:
        write_demo(data, TODAY)
        taken = asyncio.run(shoot_demo(data, folder))
    finally:
        shutil.rmtree(data, ignore_errors=True)
    for stale in set(folder.glob("*.svg")) - set(taken):
        stale.unlink()
    return taken


async def shoot_demo(data: Path, folder: Path) -> list[Path]:
    """The app opened on the demo in ``data``, headless, on a clock that moves only by hand."""
    clock = ManualClock(TODAY)
    app = WorkbookApp(Workbook.open(data, clock=clock))
    try:
        async with app.run_test(size=SIZE) as pilot:
            shots = Tour(app, pilot, clock, folder)
            await tour(shots)
    finally:
        app.book.close()
    return shots.taken


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--to", type=Path, default=SCREENSHOTS, help="folder for the SVGs")
    for written in take_screenshots(parser.parse_args().to):
        print(written)


if __name__ == "__main__":
    main()
