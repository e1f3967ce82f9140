"""Acceptance 3, first part: ctrl+t opens the break from every screen, even while typing;
nothing of that screen shows during the break; coming back returns to that very screen."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterator
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import TextArea

from screens.agreements import AgreementScreen
from screens.exercise import ExerciseScreen
from screens.handover import HandOverScreen
from screens.help import HelpScreen
from screens.home import HomeScreen
from screens.resources import AddOwnResourceScreen, ResourcesScreen
from screens.reveal import RevealScreen
from screens.roles import RolesScreen
from screens.safety import SafetyCheckScreen
from screens.setup import SetupScreen
from screens.stop import StopScreen
from screens.summary import SummaryScreen
from tests.app.pilot import (
    SIZE,
    answer,
    choose,
    make_app,
    paste,
    screen_text,
    screen_words,
    set_up,
    settle,
    start_exercise,
    through_safety_check,
    type_text,
)
from tests.app.time_out import call_break, ready
from tests.local_zone import local_zone
from workbook.clock import ManualClock

Arrive = Callable[[Pilot[None]], Awaitable[None]]


@pytest.fixture(autouse=True)
def _utc() -> Iterator[None]:
    with local_zone("UTC"):
        yield


async def safety_check_page(pilot: Pilot[None]) -> None:
    await settle(pilot)  # first run opens on the private safety check


async def mid_typing(pilot: Pilot[None]) -> None:
    await set_up(pilot)
    await start_exercise(pilot, "active-listening")
    await type_text(pilot, "I feel rushed")


async def hand_over(pilot: Pilot[None]) -> None:
    await set_up(pilot)
    await start_exercise(pilot, "appreciations")  # opens on a private step's hand-over


async def reveal(pilot: Pilot[None]) -> None:
    await hand_over(pilot)
    for words in ("Your patience", "Your laugh"):
        await pilot.press("enter")
        await settle(pilot)
        await paste(pilot, words)
        await pilot.press("ctrl+s")
        await settle(pilot)


async def roles(pilot: Pilot[None]) -> None:
    await set_up(pilot)
    await choose(pilot, "exercise:active-listening", "#exercises")


async def agree_on_a_boundary(pilot: Pilot[None]) -> None:
    """Boundary drafting to its end by keys: one agreement made; the summary shows."""
    await set_up(pilot)
    await start_exercise(pilot, "boundary-drafting")
    await answer(pilot, "When I am late, I text you")
    await choose(pilot, "accept")
    await choose(pilot, "communication")
    for _ in range(3):  # the review date as suggested, then each agrees
        await pilot.press("ctrl+s")
        await settle(pilot)


async def agreement(pilot: Pilot[None]) -> None:
    await agree_on_a_boundary(pilot)
    await pilot.press("enter")  # from the summary to Home
    await settle(pilot)
    await pilot.press("tab")
    [made] = pilot.app.book.agreements()  # type: ignore[attr-defined]
    await choose(pilot, f"agreement:{made.id}", "#agreements")


async def resources(pilot: Pilot[None]) -> None:
    await set_up(pilot)
    await pilot.press("ctrl+r")
    await settle(pilot)


async def help_screen(pilot: Pilot[None]) -> None:
    await set_up(pilot)
    await pilot.press("f1")
    await settle(pilot)


async def stop_question(pilot: Pilot[None]) -> None:
    await mid_typing(pilot)
    await pilot.press("ctrl+g")
    await settle(pilot)


async def add_own_resource(pilot: Pilot[None]) -> None:
    await resources(pilot)
    await pilot.click("#add-own")
    await settle(pilot)


EVERY_SCREEN: list[tuple[Arrive, type]] = [
    (set_up, HomeScreen),
    (through_safety_check, SetupScreen),
    (safety_check_page, SafetyCheckScreen),
    (mid_typing, ExerciseScreen),
    (hand_over, HandOverScreen),
    (reveal, RevealScreen),
    (roles, RolesScreen),
    (agree_on_a_boundary, SummaryScreen),
    (agreement, AgreementScreen),
    (resources, ResourcesScreen),
    (help_screen, HelpScreen),
    (stop_question, StopScreen),
    (add_own_resource, AddOwnResourceScreen),
]


def longest_line(pilot: Pilot[None]) -> str:
    return max((line.strip() for line in screen_text(pilot).splitlines()), key=len)


@pytest.mark.parametrize(
    ("arrive", "kind"), EVERY_SCREEN, ids=[kind.__name__ for _, kind in EVERY_SCREEN]
)
async def test_a_break_from_every_screen_and_back_to_it(
    arrive: Arrive, kind: type, data_folder: Path
) -> None:
    clock = ManualClock()
    app = make_app(data_folder, clock)
    try:
        async with app.run_test(size=SIZE) as pilot:
            await arrive(pilot)
            before = app.screen
            assert isinstance(before, kind)
            shown = longest_line(pilot)
            await call_break(pilot)
            during = screen_words(pilot)
            assert "Break until 09:20." in during
            assert " ".join(shown.split()) not in during  # nothing of the screen behind
            clock.advance(20 * 60)
            await ready(pilot)
            assert app.screen is before
            if isinstance(before, ExerciseScreen):  # the cursor was in the answer box
                box = before.query_one("#answer", TextArea)
                assert box.has_focus
                assert box.text == "I feel rushed"
    finally:
        app.book.close()
