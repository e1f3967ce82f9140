"""Helpers for the Pilot tests of My answers and the export from the app: Appreciations played
by keys, and the way from Home, by keys, to one partner's answers (through the hand-over naming
them) or to the summary for a therapist."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot

from screens.export import ExportScreen
from screens.handover import HandOverScreen
from screens.my_answers import MyAnswersScreen
from tests.app.pilot import choose, screen_words, settle, start_exercise
from tests.app.test_path_snapshots import finish_appreciations, write_in_private
from workbook.content import load_library

LIBRARY = load_library()
ALEX_WROTE = "You made tea for me every morning."
SAM_WROTE = "You asked about my day and waited."
#: Where the app suggests writing on the ManualClock's first day.
EXPORT_NAME = "trust-workbook-2026-01-01"


async def appreciations_by_keys(pilot: Pilot[None], alex: str = ALEX_WROTE) -> None:
    """From Home: Appreciations from start to end, each writing in private."""
    await start_exercise(pilot, "appreciations")
    await write_in_private(pilot, alex)
    await write_in_private(pilot, SAM_WROTE)
    await finish_appreciations(pilot)


async def to_own_words(pilot: Pilot[None]) -> None:
    """Tab along Home to the list of each partner's answers and the export."""
    for _ in range(12):
        if pilot.app.focused is not None and pilot.app.focused.id == "own-words":
            return
        await pilot.press("tab")
    raise AssertionError("Home has no list of each partner's own answers")


async def open_my_answers(pilot: Pilot[None], name: str) -> MyAnswersScreen:
    """From Home to ``name``'s answers: the hand-over names them and clears the clipboard."""
    await to_own_words(pilot)
    await pilot.press("home", *(["down"] if name == "Sam" else []), "enter")
    await settle(pilot)
    assert isinstance(pilot.app.screen, HandOverScreen)
    other = "Alex" if name == "Sam" else "Sam"
    handover = LIBRARY.say("my_answers.handover", actor=name, other=other)
    assert handover in screen_words(pilot)
    assert pilot.app.clipboard == ""
    await pilot.press("enter")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, MyAnswersScreen)
    return screen


async def open_export(pilot: Pilot[None]) -> ExportScreen:
    await to_own_words(pilot)
    await choose(pilot, "export", "#own-words")
    screen = pilot.app.screen
    assert isinstance(screen, ExportScreen)
    return screen


async def export_by_keys(pilot: Pilot[None], transcripts: bool, json: bool = False) -> None:
    """On the export screen: JSON if asked (down, Enter in the formats), transcripts if asked
    (tab, space), then ctrl+s."""
    if json:
        await pilot.press("down", "enter")
    if transcripts:
        await pilot.press("tab", "space")
    await pilot.press("ctrl+s")
    await settle(pilot)


def written(folder: Path, suffix: str = ".md") -> Path:
    return folder / "exports" / f"{EXPORT_NAME}{suffix}"
