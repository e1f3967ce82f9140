"""The command palette (ctrl+p) offers the workbook's own commands and none of Textual's: on Home
every exercise (started through consent and roles, as from Home's list) and the screens Home
leads to; from every screen only what cannot leave a turn unkept (a break, help, where to turn,
stopping, the themes). It never opens under the cover or while files are sealed, and in
discreet mode it says nothing of what the app is for."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import pytest
from textual.command import CommandList, CommandPalette
from textual.pilot import Pilot
from textual.screen import Screen

from screens.agreements import AgreementsScreen
from screens.commands import EVERYWHERE
from screens.consent import ConsentScreen
from screens.cover import CoverScreen
from screens.exercise import ExerciseScreen
from screens.export import ExportScreen
from screens.help import HelpScreen
from screens.home import HomeScreen
from screens.progress import ProgressScreen
from screens.resources import ResourcesScreen
from screens.roles import RolesScreen
from screens.settings import SettingsScreen
from screens.stop import StopScreen
from screens.timeout import TimeOutScreen
from tests.app.pilot import (
    choose,
    paste,
    running,
    screen_text,
    screen_words,
    settle,
    type_text,
)
from tests.unit.test_names_colours_discreet import REVEALING
from workbook.check_ins import CHECK_IN_EXERCISE

#: What Home's commands are called (each exercise besides goes by its title).
HOME_ONLY = {"Agreements", "Progress", "Check-in", "Write a summary", "Settings"}
EVERYWHERE_NAMES = {name for name, _ in EVERYWHERE}
THEMES = {"Theme: Calm", "Theme: Light", "Theme: High contrast"}


async def open_palette(pilot: Pilot[None], query: str = "") -> dict[str, str]:
    """Open the palette by its key, search for ``query`` (pasted, as one edit) and wait for
    the list: each command shown, by name, with its help line."""
    await pilot.press("ctrl+p")
    await settle(pilot)
    assert isinstance(pilot.app.screen, CommandPalette), screen_words(pilot)
    if query:
        await paste(pilot, query)
    await pilot.app.workers.wait_for_complete()
    await settle(pilot)
    listed = pilot.app.screen.query_one(CommandList)
    return {str(o.hit.text): str(o.hit.help) for o in listed.options}  # type: ignore[attr-defined]


async def run_command(pilot: Pilot[None], name: str) -> None:
    """Search for ``name`` and press Enter on it (it comes first: the best match)."""
    shown = await open_palette(pilot, name)
    assert next(iter(shown)) == name, shown
    await pilot.press("enter")
    await settle(pilot)


async def test_typing_part_of_a_title_finds_the_exercise_and_enter_starts_it(
    data_folder: Path,
) -> None:
    async with running(data_folder) as (app, pilot):
        shown = await open_palette(pilot, "listen")
        assert list(shown) == ["Active listening"]
        assert "part 2, Talk and listen openly. About 30 minutes." in shown["Active listening"]
        assert "Active listening" in screen_words(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, RolesScreen)  # as from Home's list: who takes which part
        assert app.screen.exercise.id == "active-listening"
        await choose(pilot, "0", "#role-options")
        assert isinstance(app.screen, ExerciseScreen)
        assert "Alex" in screen_words(pilot)
        [session] = app.book.open_sessions()
        assert session.exercise_id == "active-listening"


async def test_a_sensitive_exercise_asks_each_partner_first(data_folder: Path) -> None:
    async with running(data_folder) as (app, pilot):
        shown = await open_palette(pilot, "Openness")
        assert "Each of you is asked first, in private." in shown["Openness agreement"]
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ConsentScreen)
        assert app.book.open_sessions() == []


@pytest.mark.parametrize(
    ("name", "opens"),
    [
        ("Agreements", AgreementsScreen),
        ("Progress", ProgressScreen),
        ("Write a summary", ExportScreen),
        ("Settings", SettingsScreen),
        ("Check-in", RolesScreen),
        ("Time-out", TimeOutScreen),
        ("Help", HelpScreen),
        ("Where to turn", ResourcesScreen),
        ("Stop for today", StopScreen),
    ],
)
async def test_each_command_opens_what_it_says(
    data_folder: Path, name: str, opens: type[Screen[object]]
) -> None:
    async with running(data_folder) as (app, pilot):
        await run_command(pilot, name)
        assert isinstance(app.screen, opens), screen_words(pilot)
        if isinstance(app.screen, RolesScreen):
            assert app.screen.exercise.id == CHECK_IN_EXERCISE


async def test_a_theme_is_applied_and_kept(data_folder: Path) -> None:
    async with running(data_folder) as (app, pilot):
        await run_command(pilot, "Theme: High contrast")
        assert isinstance(app.screen, HomeScreen)
        assert app.theme == "high-contrast"
        assert app.book.theme() == "high-contrast"


async def test_home_lists_ours_only_and_each_says_what_it_does(data_folder: Path) -> None:
    async with running(data_folder) as (app, pilot):
        shown = await open_palette(pilot)
        titles = {e.title for part in app.book.path() for e in part.exercises}
        assert set(shown) == HOME_ONLY | EVERYWHERE_NAMES | THEMES | titles
        textuals = {command.title for command in app.get_system_commands(app.screen)}
        assert textuals and not textuals & set(shown)  # no "Theme", "Keys", "Screenshot"
        assert all(help_line for help_line in shown.values())
        assert "Key: ctrl+t." in shown["Time-out"]
        assert app.screen.query_one(CommandList).region.height > 8  # not held to Home's lists


async def test_from_an_exercise_nothing_leaves_a_turn_unkept(data_folder: Path) -> None:
    async with running(data_folder, "active-listening") as (app, pilot):
        await type_text(pilot, "I feel")
        shown = await open_palette(pilot)
        assert set(shown) == EVERYWHERE_NAMES | THEMES  # no exercise, nothing of Home's
        assert app.screen.styles.background.a == 1  # nothing of a private page shows through
        await pilot.press("escape")
        await settle(pilot)
        await run_command(pilot, "Time-out")
        assert isinstance(app.screen, TimeOutScreen)
        [session] = app.book.open_sessions()
        draft = app.book.load(session.id).draft
        assert draft is not None and draft.text == "I feel"  # kept, as ctrl+t keeps it


async def test_over_a_dialog_too_each_line_names_its_key(data_folder: Path) -> None:
    async with running(data_folder) as (app, pilot):
        await choose(pilot, "exercise:active-listening", "#exercises")
        assert isinstance(app.screen, RolesScreen)
        shown = await open_palette(pilot)
        assert set(shown) == EVERYWHERE_NAMES | THEMES
        assert "Key: ctrl+t." in shown["Time-out"] and "Key: F1." in shown["Help"]


async def test_the_footer_names_the_palette_key(data_folder: Path) -> None:
    """Where the screen's own keys fill 80 columns (an exercise), the palette's key is left
    out of the footer, never drawn cut off; it still works there, and help names it."""
    async with running(data_folder, "active-listening") as (app, pilot):
        footer = screen_text(pilot).splitlines()[-1]
        assert footer.rstrip().endswith("f1 Help ^l Hide"), footer  # whole, nothing cut
        await open_palette(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, ExerciseScreen)
        await pilot.press("ctrl+o")  # paused: back on Home, with room for it
        await settle(pilot)
        footer = screen_text(pilot).splitlines()[-1]
        assert footer.rstrip().endswith("^p Commands"), footer


async def test_never_under_the_cover_nor_while_sealing(data_folder: Path) -> None:
    async with running(data_folder) as (app, pilot):
        await pilot.press("ctrl+l")
        await settle(pilot)
        assert isinstance(app.screen, CoverScreen)
        await pilot.press("ctrl+p")  # only lifts the cover
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        app.sealing = True
        await pilot.press("ctrl+p")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        app.sealing = False
        await open_palette(pilot)


async def test_a_command_chosen_before_the_cover_came_up_opens_nothing_over_it(
    data_folder: Path,
) -> None:
    async with running(data_folder) as (app, pilot):
        await open_palette(pilot, "Agreements")
        listed = app.screen.query_one(CommandList)
        agreements = listed.get_option_at_index(0).hit.command  # type: ignore[attr-defined]
        await pilot.press("escape", "ctrl+l")
        await settle(pilot)
        agreements()
        await settle(pilot)
        assert isinstance(app.screen, CoverScreen)


async def test_discreet_mode_shows_no_revealing_word(data_folder: Path) -> None:
    async with running(data_folder) as (app, pilot):
        app.book.set_discreet(True)
        app.show_discreetly()
        shown = await open_palette(pilot)
        words = " ".join(f"{name} {line}" for name, line in shown.items()) + screen_words(pilot)
        found = [word for word in REVEALING if word in words.casefold()]
        assert not found, found


async def test_a_title_is_shown_as_written_never_as_markup(data_folder: Path) -> None:
    shipped = resources.files("content").joinpath("exercises", "active_listening.toml").read_text()
    own = shipped.replace('id = "active-listening"', 'id = "ours"').replace(
        'title = "Active listening"', 'title = "Our [b]own[/b] talk"'
    )
    (data_folder / "exercises").mkdir(parents=True)
    (data_folder / "exercises" / "ours.toml").write_text(own, encoding="utf-8")
    async with running(data_folder) as (app, pilot):
        assert app.book.library.problems == []
        shown = await open_palette(pilot, "own")
        assert "Our [b]own[/b] talk" in shown
        assert "Our [b]own[/b] talk" in screen_words(pilot)
