"""Today on Home and milestones celebrated, by keys (and a click) at 80x24: Home opens on its
one suggestion with the focus on its button, so Enter starts it through the usual way in
(roles, or the session picked up); a new milestone is celebrated once, over Home, when it
opens and when an exercise ends, and never again after a restart; the check-in signal joins
the suggestion of professional help."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.widgets import OptionList

from screens.celebrate import CelebrateScreen
from screens.exercise import ExerciseScreen
from screens.home import HomeScreen
from screens.roles import RolesScreen
from screens.summary import SummaryScreen
from tests.app.pilot import (
    answer,
    choose,
    reopened,
    running,
    screen_words,
    settle,
    start_exercise,
)
from tests.app.test_path_snapshots import write_in_private
from tests.unit.agreements_made import agreement
from tests.unit.progress_made import DAY, WEEK, check_in, session
from workbook.book import Workbook
from workbook.clock import ManualClock
from workbook.content import load_library

LIBRARY = load_library()
SAY = LIBRARY.say
PART_1 = LIBRARY.path.parts[0].title
PART_10 = LIBRARY.path.parts[9].title


@pytest.fixture(autouse=True)
def _celebrations(monkeypatch: pytest.MonkeyPatch) -> None:
    """On here (``tests/app/conftest.py`` turns them off for the other screens' tests)."""
    monkeypatch.setattr(HomeScreen, "celebrates", True)


@pytest.fixture
def book_in(data_folder: Path, clock: ManualClock) -> Iterator[Workbook]:
    """A workbook set up as Alex and Sam (safety check done), to fill before the app opens."""
    book = Workbook.open(data_folder, clock)
    book.set_partners("Alex", "Sam")
    book.safety_check_done()
    yield book
    book.close()


async def test_home_opens_on_the_suggestion_and_enter_starts_it(data_folder: Path) -> None:
    async with running(data_folder) as (app, pilot):
        assert isinstance(app.screen, HomeScreen)
        words = screen_words(pilot)
        heading = SAY("today.heading")
        visit = SAY("today.visit", exercise="A full apology", number="1", part=PART_1, minutes="30")
        assert f"{heading} {visit} Start Not now" in words
        assert words.index(visit) < words.index(SAY("home.open_sessions"))
        assert app.focused is not None and app.focused.id == "today-start"
        await pilot.press("enter")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, RolesScreen) and screen.exercise.id == "apology"
        await choose(pilot, "0", "#role-options")
        assert isinstance(app.screen, ExerciseScreen)
        [started] = app.book.open_sessions()
        assert started.exercise_id == "apology"


async def test_a_session_under_way_is_picked_up_with_enter(
    data_folder: Path, clock: ManualClock, book_in: Workbook
) -> None:
    waiting = book_in.start("self-care", {"planner": "a", "supporter": "b"})
    book_in.close()
    async with reopened(data_folder, clock) as (app, pilot):
        resume = SAY("today.resume", exercise="Self-care plan", actor="Alex")
        assert resume in screen_words(pilot)
        assert "Pick it up" in screen_words(pilot)
        await pilot.press("enter")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ExerciseScreen) and screen.session_id == waiting.id


async def test_a_check_in_after_a_week_starts_with_a_click(
    data_folder: Path, clock: ManualClock, book_in: Workbook
) -> None:
    book_in.close()
    clock.advance(WEEK)
    async with reopened(data_folder, clock) as (app, pilot):
        assert SAY("today.check_in_first") in screen_words(pilot)
        await pilot.click("#today-start")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, RolesScreen) and screen.exercise.id == "check-in"


async def test_a_new_milestone_is_celebrated_once_and_not_after_a_restart(
    data_folder: Path, clock: ManualClock, book_in: Workbook
) -> None:
    book_in.store.save_agreement(agreement())
    session(book_in, "apology")
    book_in.close()
    clock.advance(2 * DAY)
    first_agreement = SAY("milestones.first_agreement")
    first_step = SAY("milestones.first_in_part", number="1", part=PART_1)
    async with reopened(data_folder, clock) as (app, pilot):
        screen = app.screen
        assert isinstance(screen, CelebrateScreen)  # both on one screen, each once
        assert [m.title for m in screen.milestones] == [first_agreement, first_step]
        words = screen_words(pilot)
        assert SAY("milestones.celebrate_heading", a="Alex", b="Sam") in words
        assert SAY("milestones.celebrate_on", date="2026-01-01") in words
        assert SAY("milestones.celebrate_words") in words
        assert first_agreement in words and first_step in words
        await pilot.press("enter")  # Continue
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert all(m.celebrated for m in app.book.milestones())
        await pilot.press("f1")  # another screen over Home, and back: nothing again
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
    async with reopened(data_folder, clock) as (app, pilot):
        assert isinstance(app.screen, HomeScreen)  # the next sitting: not celebrated again
        listed = app.screen.query_one("#milestones", OptionList)
        lines = [str(listed.get_option_at_index(i).prompt) for i in range(listed.option_count)]
        assert lines == [
            SAY("home.milestone_line", date="2026-01-01", title=title)
            for title in (first_agreement, first_step)
        ]


async def test_finishing_an_exercise_brings_its_milestone_on_home(data_folder: Path) -> None:
    """Appreciations, by keys: the one the couple marked by hand is not celebrated again; the
    first step in part 10 is, when Home comes back."""
    async with running(data_folder) as (app, pilot):
        await start_exercise(pilot, "appreciations")
        await write_in_private(pilot, "You made tea for me.")
        await write_in_private(pilot, "You waited for me.")
        await pilot.press("enter")  # past the reveal
        await settle(pilot)
        await answer(pilot, "Warm")
        await answer(pilot, "Seen")
        await answer(pilot, "First calm talk")
        await pilot.press("ctrl+s", "ctrl+s")  # both agree to the milestone
        await settle(pilot)
        assert isinstance(app.screen, SummaryScreen)
        await pilot.press("enter")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, CelebrateScreen)
        assert [m.title for m in screen.milestones] == [
            SAY("milestones.first_in_part", number="10", part=PART_10)
        ]
        await pilot.click("#continue")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)


async def test_level_check_ins_join_the_suggestion_of_help(
    data_folder: Path, clock: ManualClock, book_in: Workbook
) -> None:
    rules = LIBRARY.pacing.help_signals
    for number in range(rules.check_ins):
        if number:
            clock.advance(WEEK)
        check_in(book_in, {"trust": 4}, {"safety": 5})
    book_in.close()
    async with reopened(data_folder, clock) as (app, pilot):
        assert isinstance(app.screen, CelebrateScreen)  # the first check-in, and the fourth
        await pilot.press("enter")
        await settle(pilot)
        words = screen_words(pilot)
        assert f"{SAY('signals.check_ins')} {SAY('signals.closing')}" in words


async def test_in_discreet_mode_a_celebration_names_nobody(
    data_folder: Path, clock: ManualClock, book_in: Workbook
) -> None:
    book_in.set_discreet(True)
    book_in.store.save_agreement(agreement())
    book_in.close()
    async with reopened(data_folder, clock) as (app, pilot):
        assert isinstance(app.screen, CelebrateScreen)
        words = screen_words(pilot)
        assert SAY("discreet.milestones.celebrate_heading") in words
        assert "Alex" not in words and "Sam" not in words
