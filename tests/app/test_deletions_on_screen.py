"""Deleting on screen, by keys and clicks: an answer only its author has seen, from their own
answers (asked by name); a session, from Home, only once Alex and then Sam have each said yes by
name; everything, from the end of Settings, after both said yes, and the app closes saying so.
Afterwards the words are in no file under the data folder, backups included."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot

from screens.confirm_by_name import ConfirmByName
from screens.delete_session import DeleteSessionScreen
from screens.home import HomeScreen
from screens.my_answers import MyAnswersScreen
from tests.app.own_words import LIBRARY, open_my_answers, to_own_words
from tests.app.pilot import choose, folder_bytes, running, screen_words, settle, start_exercise
from tests.app.test_path_snapshots import write_in_private
from workbook.clock import ManualClock

ALEX_WROTE = "You carried the heavy boxes up four floors."


def anywhere(folder: Path, words: str) -> list[str]:
    """The files under the data folder (backups included) whose bytes hold ``words``."""
    return [name for name, raw in folder_bytes(folder).items() if words.encode() in raw]


def left_in(folder: Path) -> list[str]:
    return sorted(entry.name for entry in folder.iterdir())


async def alex_writes_then_pause(pilot: Pilot[None]) -> None:
    """Appreciations: Alex writes in private; at Sam's turn they pause, back to Home; then a
    backup is made, as the next opening would make one."""
    await start_exercise(pilot, "appreciations")
    await write_in_private(pilot, ALEX_WROTE)
    await pilot.press("enter")  # past Sam's hand-over
    await settle(pilot)
    await pilot.press("ctrl+o")
    await settle(pilot)
    assert isinstance(pilot.app.screen, HomeScreen)
    assert pilot.app.book.back_up() is not None


async def say_yes(pilot: Pilot[None], question: str) -> None:
    """On the question naming someone: from "No" (focused) to "Yes", and Enter."""
    assert isinstance(pilot.app.screen, ConfirmByName)
    assert question in screen_words(pilot)
    assert pilot.app.focused is not None and pilot.app.focused.id == "confirm-no"
    await pilot.press("shift+tab", "enter")
    await settle(pilot)


async def say_no(pilot: Pilot[None], question: str) -> None:
    assert question in screen_words(pilot)
    await pilot.press("enter")  # "No" has the focus
    await settle(pilot)


async def test_an_answer_only_its_author_has_seen_is_deleted_from_their_answers(
    data_folder: Path,
) -> None:
    async with running(data_folder, clock=ManualClock()) as (app, pilot):
        await alex_writes_then_pause(pilot)
        assert anywhere(data_folder, ALEX_WROTE)
        await open_my_answers(pilot, "Alex")
        assert ALEX_WROTE in screen_words(pilot)
        await pilot.click(".delete")
        await settle(pilot)
        await say_yes(pilot, LIBRARY.say("delete.answer_ask", actor="Alex", other="Sam"))
        assert isinstance(app.screen, MyAnswersScreen)
        assert ALEX_WROTE not in screen_words(pilot)
        assert anywhere(data_folder, ALEX_WROTE) == []
        assert app.book.deletable_answers("a") == set()


async def test_a_session_goes_only_when_each_says_yes_by_name(data_folder: Path) -> None:
    async with running(data_folder, clock=ManualClock()) as (app, pilot):
        await alex_writes_then_pause(pilot)
        await to_own_words(pilot)
        await choose(pilot, "delete-session", "#own-words")
        assert isinstance(app.screen, DeleteSessionScreen)
        assert "Appreciations and milestones · started 2026-01-01 · paused" in screen_words(pilot)
        alex_asked = LIBRARY.say("delete.session_ask", actor="Alex")
        sam_asked = LIBRARY.say("delete.session_ask", actor="Sam")

        await pilot.press("enter")
        await settle(pilot)
        assert "An agreement or milestone made in it stays" in screen_words(pilot)
        await say_yes(pilot, alex_asked)
        await say_no(pilot, sam_asked)
        assert LIBRARY.say("delete.kept") in screen_words(pilot)
        assert anywhere(data_folder, ALEX_WROTE)  # Sam said no: nothing went

        await pilot.press("enter")
        await settle(pilot)
        await say_yes(pilot, alex_asked)
        await say_yes(pilot, sam_asked)
        assert LIBRARY.say("delete.session_deleted") in screen_words(pilot)
        assert LIBRARY.say("delete.sessions_empty") in screen_words(pilot)
        assert anywhere(data_folder, ALEX_WROTE) == []
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert LIBRARY.say("home.no_open_sessions") in screen_words(pilot)


async def test_everything_goes_from_settings_once_both_say_yes_and_the_app_closes(
    data_folder: Path,
) -> None:
    async with running(data_folder, clock=ManualClock()) as (app, pilot):
        await alex_writes_then_pause(pilot)
        await to_own_words(pilot)
        await choose(pilot, "settings", "#own-words")
        for _ in range(30):
            if app.focused is not None and app.focused.id == "delete-everything":
                break
            await pilot.press("tab")
        await pilot.press("enter")
        await settle(pilot)
        words = screen_words(pilot)
        assert "All the words of Alex and Sam go" in words
        assert "This cannot be undone." in words
        await say_yes(pilot, LIBRARY.say("delete.everything_ask", actor="Alex"))
        await say_yes(pilot, LIBRARY.say("delete.everything_ask", actor="Sam"))
        closing = LIBRARY.say("delete.closing", folder=str(data_folder))
        assert [str(said) for said in app._exit_renderables] == [closing]
    assert left_in(data_folder) == []  # the folder stays, empty
