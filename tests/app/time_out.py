"""Helpers for the time-out tests: calling a break by keys, the return time typed, and coming
back. The clock is a ManualClock starting 2026-01-01 09:00 UTC, read in UTC."""

from __future__ import annotations

from textual.pilot import Pilot

from screens.timeout import SUITS, TimeOutScreen
from tests.app.pilot import choose, settle, type_text

#: Choices by minutes after the call, as the option ids on the time-out's pages.
TWENTY, THIRTY, HOUR = "20", "30", "60"


async def open_time_out(pilot: Pilot[None]) -> TimeOutScreen:
    await pilot.press("ctrl+t")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, TimeOutScreen), type(screen)
    return screen


async def call_break(pilot: Pilot[None], caller: str = TWENTY, other: str = SUITS) -> TimeOutScreen:
    """ctrl+t, the caller's choice, the other partner's: on the break."""
    screen = await open_time_out(pilot)
    await choose(pilot, caller, "#return-choices")
    await choose(pilot, other, "#return-choices")
    assert screen.page == "break"
    return screen


async def type_time(pilot: Pilot[None], hhmm: str) -> None:
    """Type a return time in the box (clearing what was there) and press Enter."""
    await pilot.click("#typed")
    await pilot.press("end", *["backspace"] * 5)
    await type_text(pilot, hhmm)
    await pilot.press("enter")
    await settle(pilot)


async def ready(pilot: Pilot[None]) -> None:
    """Press "Ready to come back" (it has the focus on the break)."""
    assert pilot.app.screen.focused is pilot.app.screen.query_one("#ready")
    await pilot.press("enter")
    await settle(pilot)
