"""Where to turn (ctrl+r) and help (F1) open from anywhere, even mid-answer, without losing a
word; the couple's own list is kept, shown plainly and marked as seen by both; help leads
to the safety check and the resources, and never to a check inside a check (the solo check's
own tests are in test_safety_check.py)."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot

from screens.exercise import ExerciseScreen
from screens.help import HelpScreen
from screens.home import HomeScreen
from screens.resources import AddOwnResourceScreen, ResourcesScreen
from screens.safety import SafetyCheckScreen
from tests.app.help_on_screen import help_words
from tests.app.pilot import paste, reopened, running, screen_text, screen_words, settle
from tests.app.pilot import type_text as typed
from workbook.content import load_library

HOSTILE = "[bold red]Dr K[/] \x1b[2J\x07 👩‍❤️‍👨 שלום مرحبا"
TEXTS = load_library().texts


def say(key: str) -> str:
    return TEXTS.say(key)


async def add_own(pilot: Pilot[None], name: str, contact: str, note: str) -> None:
    """On the resources screen: open the form, fill it in (each field pasted, as a long or
    unusual text arrives from a terminal) and press Enter through to the end."""
    await pilot.click("#add-own")
    await settle(pilot)
    for value in (name, contact, note):
        if value:
            await paste(pilot, value)
        await pilot.press("enter")
        await settle(pilot)


async def test_ctrl_r_opens_where_to_turn_from_home_and_back_returns(data_folder: Path) -> None:
    async with running(data_folder) as (app, pilot):
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("ctrl+r")
        await settle(pilot)
        assert isinstance(app.screen, ResourcesScreen)
        words = screen_words(pilot)
        assert say("resources.heading") in words
        assert "call your local emergency number" in words
        assert say("resources.own_note") in words
        assert "Australia" in words  # the first country's helplines start on the first page
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)


async def test_ctrl_r_while_typing_an_answer_keeps_every_word(data_folder: Path) -> None:
    async with running(data_folder, "active-listening") as (app, pilot):
        await typed(pilot, "I feel")
        await pilot.press("ctrl+r")
        await settle(pilot)
        assert isinstance(app.screen, ResourcesScreen)
        await pilot.click("#back")
        await settle(pilot)
        assert isinstance(app.screen, ExerciseScreen)
        await typed(pilot, " alone")  # the cursor is back in the answer box
        assert app.screen.query_one("#answer").text == "I feel alone"


async def test_an_own_resource_is_kept_across_a_restart_with_the_note_both_can_see_it(
    data_folder: Path,
) -> None:
    async with running(data_folder) as (app, pilot):
        await pilot.press("ctrl+r")
        await settle(pilot)
        await add_own(pilot, "Dr Kay, our counsellor", "0800 123 456", "Tuesdays after six")
        assert isinstance(app.screen, ResourcesScreen)
        assert "Dr Kay, our counsellor" in screen_words(pilot)
    async with reopened(data_folder) as (app, pilot):
        await pilot.press("ctrl+r")
        await settle(pilot)
        words = screen_words(pilot)
        assert "Dr Kay, our counsellor" in words
        assert "0800 123 456" in words and "Tuesdays after six" in words
        assert say("resources.own_note") in words
        assert say("resources.own_empty") not in words


async def test_hostile_text_in_an_own_resource_shows_as_plain_text(data_folder: Path) -> None:
    async with running(data_folder) as (app, pilot):
        await pilot.press("ctrl+r")
        await settle(pilot)
        await add_own(pilot, HOSTILE, "[link=http://x]call[/link]", "")
        shown = screen_text(pilot)
        assert "[bold red]Dr K[/]" in shown
        assert "[link=http://x]call[/link]" in shown
        assert "שלום" in shown and "مرحبا" in shown and "👩" in shown
        assert "\x1b" not in shown and "\x07" not in shown


async def test_an_own_resource_needs_a_name_and_can_be_removed(data_folder: Path) -> None:
    async with running(data_folder) as (app, pilot):
        await pilot.press("ctrl+r")
        await settle(pilot)
        await add_own(pilot, "", "0800 000 000", "")
        assert isinstance(app.screen, AddOwnResourceScreen)  # still open, saying why
        assert say("resources.need_name") in screen_words(pilot)
        assert app.book.own_resources() == []
        await pilot.press("escape")
        await settle(pilot)
        await add_own(pilot, "Sam's sister", "07700 900 123", "")
        assert [r.name for r in app.book.own_resources()] == ["Sam's sister"]
        await pilot.click(".remove-own")
        await settle(pilot)
        assert app.book.own_resources() == []
        assert "Sam's sister" not in screen_words(pilot)
        assert say("resources.own_empty") in screen_words(pilot)


async def test_f1_opens_help_from_home_and_from_inside_an_answer_box(data_folder: Path) -> None:
    async with running(data_folder, "active-listening") as (app, pilot):
        await typed(pilot, "Half a thou")
        await pilot.press("f1")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        words = help_words(pilot)  # the exercise's keys and the app's, scrolled or not
        for key in ("ctrl+t", "ctrl+g", "ctrl+r", "F1", "ctrl+q", "ctrl+s", "ctrl+n", "ctrl+o"):
            assert key in words
        await pilot.press("escape")
        await settle(pilot)
        await typed(pilot, "ght")  # the cursor is back in the box, where it was
        assert app.screen.query_one("#answer").text == "Half a thought"
        await pilot.press("ctrl+o")  # pause: back to Home
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("f1")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        assert say("help.heading") in screen_words(pilot)


async def test_help_leads_to_the_safety_check_and_to_where_to_turn(data_folder: Path) -> None:
    async with running(data_folder) as (app, pilot):
        await pilot.press("f1")
        await settle(pilot)
        await pilot.click("#safety-check")
        await settle(pilot)
        assert isinstance(app.screen, SafetyCheckScreen)
        assert app.screen.mode == "couple"
    async with reopened(data_folder) as (app, pilot):
        await pilot.press("f1")
        await settle(pilot)
        await pilot.click("#resources-button")
        await settle(pilot)
        assert isinstance(app.screen, ResourcesScreen)


async def test_no_check_starts_inside_a_check(data_folder: Path) -> None:
    """Help and resources opened during the safety check offer no second check on top."""
    async with running(data_folder) as (app, pilot):
        await pilot.press("f1")
        await settle(pilot)
        assert app.screen.query_one("#safety-check").display  # offered outside a check
        await pilot.click("#safety-check")
        await settle(pilot)
        for key, kind, button in (
            ("f1", HelpScreen, "#safety-check"),
            ("ctrl+r", ResourcesScreen, "#solo-check"),
        ):
            await pilot.press(key)
            await settle(pilot)
            assert isinstance(app.screen, kind)
            assert not app.screen.query_one(button).display
            await pilot.press("escape")
            await settle(pilot)
        assert sum(isinstance(s, SafetyCheckScreen) for s in app.screen_stack) == 1
