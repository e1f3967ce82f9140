"""Settings' theme and time-out rows (``screens/look_settings.py``), by keys and by mouse: a
theme applies the moment it is chosen, the current choices are marked, both are kept across
restarts (the time-out then starts on the break length chosen), and where the workbook is
kept shows at the top of settings at 80x24."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import OptionList, Static

from screens.app import WorkbookApp
from screens.themes import THEMES
from screens.timeout import TimeOutScreen
from tests.app.own_words import LIBRARY
from tests.app.pilot import choose, reopened, running, screen_text, screen_words, settle
from tests.app.test_command_palette import run_command
from tests.app.test_settings_and_idle_lock import open_settings
from workbook.book_settings import PAINTS
from workbook.clock import ManualClock

pytestmark = pytest.mark.usefixtures("in_utc")
SAY = LIBRARY.say


def offered(app: WorkbookApp, list_id: str) -> list[str]:
    """The labels of settings' list ``list_id``, as shown."""
    return [
        str(option.prompt) for option in app.screen.query_one(f"#{list_id}", OptionList).options
    ]


async def scroll_to(pilot: Pilot[None], selector: str) -> None:
    """Bring a list into view, as the mouse wheel would, before clicking it."""
    pilot.app.screen.query_one(selector).scroll_visible(animate=False)
    await settle(pilot)


async def test_theme_and_break_chosen_by_keys_are_kept_across_restarts(data_folder: Path) -> None:
    clock = ManualClock(datetime(2026, 1, 1, 9, 0, tzinfo=UTC))
    async with running(data_folder, clock=clock) as (app, pilot):
        await open_settings(pilot)
        assert offered(app, "themes") == ["Calm · now", "Light", "High contrast"]
        assert offered(app, "break-minutes")[0] == "20 minutes · now"
        await choose(pilot, "high-contrast", "#themes")
        assert app.theme == "high-contrast"
        said = SAY("look.theme_set", theme="High contrast")
        assert said in screen_words(pilot)
        assert offered(app, "themes") == ["Calm", "Light", "High contrast · now"]
        assert app.focused is app.screen.query_one("#themes")
        await choose(pilot, "60", "#break-minutes")
        assert SAY("look.break_set", choice="1 hour") in screen_words(pilot)
        assert offered(app, "break-minutes") == [
            "20 minutes",
            "30 minutes",
            "1 hour · now",
            "2 hours",
            "4 hours",
        ]
    async with reopened(data_folder, clock) as (app, pilot):
        assert app.theme == "high-contrast"
        await pilot.press("ctrl+t")
        await settle(pilot)
        assert isinstance(app.screen, TimeOutScreen)
        choices = app.screen.query_one("#return-choices", OptionList)
        assert choices.highlighted is not None
        assert choices.get_option_at_index(choices.highlighted).id == "60"
        await pilot.press("enter")  # the caller proposes the length chosen in settings
        await settle(pilot)
        assert SAY("timeout.ask_other", time="10:00") in screen_words(pilot)


async def test_a_theme_chosen_by_mouse_applies_at_once_and_repaints_the_names(
    data_folder: Path,
) -> None:
    async with running(data_folder) as (app, pilot):
        await open_settings(pilot)
        await scroll_to(pilot, "#themes")
        await pilot.click("#themes", offset=(4, 2))  # the second: Light
        await settle(pilot)
        assert (app.theme, app.book.theme()) == ("light", "light")
        assert app.screen.styles.background.hex.upper() == (THEMES["light"].surface or "")
        alex = app.screen.query(".who").first(Static)
        assert str(alex.content).startswith("Alex")
        assert alex.content.style == f"bold {PAINTS['light']['cyan']}"  # type: ignore[union-attr]
        await scroll_to(pilot, "#break-minutes")
        await pilot.click("#break-minutes", offset=(4, 2))  # the second: 30 minutes
        await settle(pilot)
        assert app.book.break_minutes() == 30


async def test_where_the_workbook_is_kept_shows_at_the_top_of_settings(data_folder: Path) -> None:
    async with running(data_folder) as (app, pilot):
        await open_settings(pilot)
        top = " ".join(screen_text(pilot).splitlines()[:8])
        assert "Your workbook is kept in" in top
        # A long path wraps wherever the line ends: compare with every space taken out.
        assert str(data_folder) in "".join(top.split())


async def test_a_theme_chosen_from_the_palette_over_settings_is_marked_there(
    data_folder: Path,
) -> None:
    async with running(data_folder) as (app, pilot):
        await open_settings(pilot)
        await run_command(pilot, "Theme: Light")
        assert app.theme == "light"
        assert offered(app, "themes") == ["Calm", "Light · now", "High contrast"]
        said = app.screen.query_one("#themes-said", Static)  # below the fold at 80x24
        assert str(said.render()) == SAY("look.theme_set", theme="Light") and said.display
