"""F1 gives help for the screen it is pressed on (issue 11, acceptance 1): on every screen of
the app, reached as a couple would reach it (``tests/app/routes.py``), help names that screen
and says what it is for, lists its keys and the app's, and closes back onto the very screen
and widget it was opened over, the words and the cursor of an answer box as they were. On the
exercise it says what this step asks, whose turn it is and how turns work; it never shows an
answer. Where F1 is blocked on purpose (the cover, the idle lock, while sealing) it stays so;
help over the safety check offers no check inside it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.binding import Binding
from textual.command import CommandPalette
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import TextArea

from screens.app import WorkbookApp
from screens.cover import CoverScreen
from screens.exercise import ExerciseScreen
from screens.help import HelpScreen
from screens.help_topics import key_name
from screens.safety import SafetyCheckScreen
from screens.timeout import TimeOutScreen
from screens.unlock import PassphraseScreen
from tests.app.help_on_screen import help_words
from tests.app.pilot import SIZE, running, screen_text, screen_words, settle, type_text
from tests.app.routes import (
    ALEX_WROTE,
    ROUTES,
    SAM_WROTE,
    Route,
    every_screen_class,
    opened,
    write_demo_at_now,
)
from workbook.content import load_library
from workbook.demo_story import Draft, story

TEXTS = load_library().texts
SAY = TEXTS.say
#: Screens F1 never opens help over, and why.
NO_HELP = {
    HelpScreen: "help is open already: F1 there does nothing",
    CoverScreen: "the cover shows nothing of the workbook; a key only lifts it",
    PassphraseScreen: "the idle lock: only the passphrase lifts it",
}
#: Words a partner wrote on the way to some screens: help never shows them.
[DRAFT] = [d.draft for e in story().evenings for d in e.do if isinstance(d, Draft)]
ANSWERS = (ALEX_WROTE, SAM_WROTE, DRAFT)
HELPED = {name: route for name, route in ROUTES.items() if route.screen not in NO_HELP}


def leaf_screens() -> list[type[Screen[Any]]]:
    """Every Screen class in ``screens/`` that is not only a base for others there."""
    classes = list(every_screen_class().values())
    return [c for c in classes if not any(o is not c and issubclass(o, c) for o in classes)]


def where(widget: Widget | None) -> tuple[type[Widget], str | None] | None:
    """Which widget has the focus, by kind and id (a screen read afresh as it comes back
    into view, like an agreement's, composes its widgets anew)."""
    return None if widget is None else (type(widget), widget.id)


def flat(text: str) -> str:
    return " ".join(text.split())


def test_every_screen_has_help_in_content_and_content_none_without_a_screen() -> None:
    topics = {c: getattr(c, "HELP", None) for c in leaf_screens() if c not in NO_HELP}
    assert [c.__name__ for c, topic in topics.items() if not topic] == []
    named = set(topics.values())
    for section in ("help_titles", "help_screens"):
        assert set(TEXTS.root[section]) == named, section
    assert all(getattr(c, "HELP", None) is None for c in NO_HELP)


def test_more_words_on_a_key_only_for_an_action_that_has_a_key() -> None:
    classes = [WorkbookApp, *every_screen_class().values()]
    bound = {b.action for c in classes for b in c.BINDINGS if isinstance(b, Binding)}
    assert set(TEXTS.root["help_actions"]) <= bound


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_demo_at_now(tmp_path_factory.mktemp("demo") / "data")


@pytest.mark.parametrize("name", list(HELPED))
async def test_f1_on_every_screen_is_that_screens_help_and_back(
    name: str, demo: Path, tmp_path: Path
) -> None:
    route: Route = HELPED[name]
    app = opened(route, tmp_path / "data", demo)
    try:
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            await route.go(pilot)
            under, focused = app.screen, app.focused
            assert isinstance(under, route.screen), type(under)
            box = (focused.text, focused.cursor_location) if isinstance(focused, TextArea) else None
            await pilot.press("f1")
            await settle(pilot)
            assert isinstance(app.screen, HelpScreen)
            words = help_words(pilot)
            topic = type(under).HELP  # type: ignore[attr-defined]
            assert SAY("help.heading_on", screen=SAY(f"help_titles.{topic}")) in screen_words(pilot)
            assert flat(SAY(f"help_screens.{topic}")) in words
            for key in ("ctrl+t", "ctrl+g", "ctrl+r", "F1", "ctrl+q"):
                assert key in words
            for binding in vars(type(under)).get("BINDINGS", []):  # its own that act now
                if under.check_action(binding.action, ()) is True:
                    assert f"{key_name(binding.key)} {binding.description}" in words
            if isinstance(under, ExerciseScreen):
                view = under.view
                for said in (view.banner, view.meanwhile, view.prompt, SAY("help.turns")):
                    assert flat(said) in words
            assert not any(answer in words for answer in ANSWERS)
            await pilot.press("escape")
            await settle(pilot)
            assert app.screen is under and where(app.focused) == where(focused)
            if box is not None:  # the very box, as it was
                assert app.focused is focused and isinstance(focused, TextArea)
                assert (focused.text, focused.cursor_location) == box
    finally:
        app.book.close()


async def test_exercise_help_names_its_keys_as_they_act_now_and_scrolls(data_folder: Path) -> None:
    """On a step answered in words ctrl+s is "Submit" and ctrl+n "Pass" (as the footer says),
    never "Agree" or "Not yet", which the same keys do where both agree; the page is longer
    than the terminal, and scrolls."""
    async with running(data_folder, "active-listening") as (app, pilot):
        await pilot.press("f1")
        await settle(pilot)
        words = help_words(pilot)
        for key, label in (("ctrl+s", "Submit"), ("ctrl+n", "Pass"), ("ctrl+o", "Pause")):
            assert f"{key} {label}:" in words
        assert "Agree:" not in words and "Not yet:" not in words
        heading = SAY("help.keys_heading")
        assert heading not in screen_words(pilot)
        for _ in range(3):
            await pilot.press("pagedown")
        await settle(pilot)
        assert heading in screen_words(pilot)


async def test_the_key_column_lines_up(data_folder: Path) -> None:
    async with running(data_folder, "active-listening") as (app, pilot):
        await pilot.press("f1")
        await settle(pilot)
        await pilot.press("end")
        await settle(pilot)
        lines = screen_text(pilot).splitlines()
        starts = {
            line.index(label, len(key) + line.index(key))
            for key, label in (("ctrl+t", "Break"), ("F1", "Help"), ("ctrl+q", "Quit"))
            for line in lines
            if line.strip().startswith(f"{key} ")
        }
        assert len(starts) == 1, lines


async def test_a_private_answer_being_typed_never_shows_in_help(data_folder: Path) -> None:
    async with running(data_folder, "appreciations") as (app, pilot):
        await pilot.press("enter")  # past the hand-over
        await settle(pilot)
        await type_text(pilot, "Your quiet patience")
        await pilot.press("f1")
        await settle(pilot)
        assert "patience" not in help_words(pilot)
        assert "patience" not in screen_text(pilot)


async def test_f1_over_the_command_palette_is_help_for_the_screen_beneath(
    data_folder: Path,
) -> None:
    """The palette is Textual's own screen, with no topic: help is about Home under it, and
    closes back onto the palette."""
    async with running(data_folder) as (app, pilot):
        await pilot.press("ctrl+p")
        await settle(pilot)
        palette = app.screen
        assert isinstance(palette, CommandPalette)
        await pilot.press("f1")
        await settle(pilot)
        assert SAY("help.heading_on", screen=SAY("help_titles.home")) in screen_words(pilot)
        assert flat(SAY("help_screens.home")) in help_words(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is palette


# -- where F1 stays blocked ----------------------------------------------------------------


@pytest.mark.parametrize("name", ["cover", "idle-lock", "sealing", "help"])
async def test_f1_opens_no_help_where_it_is_blocked(name: str, demo: Path, tmp_path: Path) -> None:
    """Over the cover (F1 only lifts it), the idle lock, while every file is being sealed
    (as Settings sets ``sealing``), and over help itself (no second help)."""
    route = ROUTES.get(name, ROUTES["home"])
    app = opened(route, tmp_path / "data", demo)
    try:
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            await route.go(pilot)
            app.sealing = name == "sealing"
            await pilot.press("f1")
            await settle(pilot)
            helps = [s for s in app.screen_stack if isinstance(s, HelpScreen)]
            assert len(helps) == (1 if name == "help" else 0)
            if name == "idle-lock":
                assert isinstance(app.screen, PassphraseScreen)
    finally:
        app.book.close()


async def test_help_over_a_break_or_the_check_starts_nothing_inside_it(
    data_folder: Path,
) -> None:
    """Over the safety check, help offers no second check; over a break, no second break
    starts from it (ctrl+t there leaves the one break)."""
    async with running(data_folder) as (app, pilot):
        await pilot.press("ctrl+t")
        await settle(pilot)
        await pilot.press("f1")
        await settle(pilot)
        assert flat(SAY("help_screens.time_out")) in help_words(pilot)
        await pilot.press("ctrl+t")
        await settle(pilot)
        assert sum(isinstance(s, TimeOutScreen) for s in app.screen_stack) == 1
        await pilot.click("#safety-check")
        await settle(pilot)
        assert isinstance(app.screen, SafetyCheckScreen)
        await pilot.press("f1")
        await settle(pilot)
        assert flat(SAY("help_screens.safety_check")) in help_words(pilot)
        assert not app.screen.query_one("#safety-check").display
        assert sum(isinstance(s, SafetyCheckScreen) for s in app.screen_stack) == 1
