"""Changing one's mind on screen, by keys and clicks (issue 8, acceptance 1): before Sam
responds, Alex corrects a private answer (through a hand-over naming Alex) or takes back a
shared one and answers again; once Sam has responded the offer is gone and a change is
refused, but Alex can hide the answer in My answers, and then it is in neither the summary on
screen nor any export. The old words are in no file, backups included. (Snapshots of the offer
and the correction screen: ``test_every_screen.py``.)"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot

from screens.change_answer import ChangeAnswerScreen, TakeBackDialog
from screens.exercise import ExerciseScreen
from screens.handover import HandOverScreen
from screens.home import HomeScreen
from screens.summary import SummaryScreen
from tests.app.own_words import LIBRARY, export_by_keys, open_export, open_my_answers, written
from tests.app.pilot import (
    answer,
    choose,
    folder_bytes,
    paste,
    running,
    screen_words,
    settle,
)
from tests.app.test_path_snapshots import write_in_private
from workbook.clock import ManualClock
from workbook.take_back import NotChangeable

OLD = "You never once asked how I was."
NEW = "You made tea for me every morning."
SAM_WROTE = "You sat with me in the garden."
FELT, SAM_FELT = "Warm", "Seen"

pytestmark = pytest.mark.usefixtures("in_utc")


def offer(author: str, other: str) -> str:
    return LIBRARY.say("take_back.offer", author=author, other=other)


def anywhere(folder: Path, words: str) -> list[str]:
    """The files under the data folder (backups included) that hold ``words``."""
    return [name for name, data in folder_bytes(folder).items() if words.encode() in data]


async def tab_to(pilot: Pilot[None], widget_id: str) -> None:
    """Tab along the screen to the widget ``widget_id``."""
    for _ in range(20):
        if pilot.app.focused is not None and pilot.app.focused.id == widget_id:
            return
        await pilot.press("tab")
    raise AssertionError(f"no {widget_id} to tab to")


async def to_sams_turn(pilot: Pilot[None]) -> None:
    """From Appreciations' start: Alex writes ``OLD`` in private; Sam's hand-over, then Sam's
    turn at the same step."""
    await write_in_private(pilot, OLD)
    await pilot.press("enter")
    await settle(pilot)


async def to_how_it_felt(pilot: Pilot[None]) -> None:
    """Both write in private, the reveal, then Alex says how it felt (shared): Sam's turn."""
    await write_in_private(pilot, NEW)
    await write_in_private(pilot, SAM_WROTE)
    await pilot.press("enter")  # past the reveal
    await settle(pilot)
    await answer(pilot, FELT)


async def test_alex_corrects_a_private_answer_before_sam_answers(data_folder: Path) -> None:
    async with running(data_folder, "appreciations", clock=ManualClock()) as (app, pilot):
        await to_sams_turn(pilot)
        assert offer("Alex", "Sam") in screen_words(pilot)
        await pilot.click("#change-last")
        await settle(pilot)
        assert isinstance(app.screen, HandOverScreen)
        assert LIBRARY.say("take_back.handover", author="Alex", other="Sam") in screen_words(pilot)
        assert OLD not in screen_words(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ChangeAnswerScreen)
        assert OLD in screen_words(pilot)  # in the box, to change

        await pilot.press("f7")  # select it all, then the new words over it
        await paste(pilot, NEW)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, HandOverScreen)  # back to Sam, in private
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ExerciseScreen)
        words = screen_words(pilot)
        assert "Sam, name three things Alex did lately" in words
        assert NEW not in words and OLD not in words

        await paste(pilot, SAM_WROTE)
        await pilot.press("ctrl+s")
        await settle(pilot)
        words = screen_words(pilot)  # the reveal: Alex's words as corrected
        assert f"Alex: {NEW}" in words and OLD not in words
    assert anywhere(data_folder, OLD) == []


async def test_keeping_the_answer_as_it_is_gives_the_floor_back(data_folder: Path) -> None:
    async with running(data_folder, "appreciations", clock=ManualClock()) as (app, pilot):
        await to_sams_turn(pilot)
        await pilot.click("#change-last")
        await settle(pilot)
        await pilot.press("enter")  # Alex's hand-over
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, HandOverScreen)  # Sam's, again
        await pilot.press("enter")
        await settle(pilot)
        assert offer("Alex", "Sam") in screen_words(pilot)
    [turn] = app.book.load(app.book.open_sessions()[0].id).turns
    assert turn.value == OLD


async def test_alex_takes_back_a_shared_answer_and_answers_again(data_folder: Path) -> None:
    async with running(data_folder, "appreciations", clock=ManualClock()) as (app, pilot):
        await to_how_it_felt(pilot)
        assert offer("Alex", "Sam") in screen_words(pilot)
        await pilot.click("#change-last")
        await settle(pilot)
        assert isinstance(app.screen, ChangeAnswerScreen)  # a shared answer: no hand-over
        await pilot.click("#take-back")
        await settle(pilot)
        assert isinstance(app.screen, TakeBackDialog)
        assert LIBRARY.say("take_back.confirm") in screen_words(pilot)
        await pilot.click("#yes")
        await settle(pilot)

        assert isinstance(app.screen, ExerciseScreen)
        words = screen_words(pilot)
        assert "Alex, how did it feel to read what Sam wrote?" in words
        assert FELT not in words.replace("Write here", "")
        session_id = app.book.open_sessions()[0].id
        assert app.book.load(session_id).session.actor == "a"
        assert anywhere(data_folder, f'"{FELT}"') == []

        await answer(pilot, "Calmer")
        assert "Sam, how did it feel" in screen_words(pilot)
    assert [t.value for t in app.book.load(session_id).turns][-1] == "Calmer"


async def test_after_sams_response_alex_may_only_hide_and_then_it_leaves_nowhere(
    data_folder: Path,
) -> None:
    async with running(data_folder, "appreciations", clock=ManualClock()) as (app, pilot):
        await to_how_it_felt(pilot)
        await answer(pilot, SAM_FELT)  # Sam responds
        words = screen_words(pilot)
        assert offer("Alex", "Sam") not in words
        assert offer("Sam", "Alex") in words  # Sam's answer is the one still open now
        session_id = app.book.open_sessions()[0].id
        felt = next(t for t in app.book.load(session_id).turns if t.value == FELT)
        with pytest.raises(NotChangeable, match="take_back.responded"):
            app.book.correct(session_id, "a", felt.id, "Something else")

        await pilot.press("ctrl+o")  # pause, to Home
        await settle(pilot)
        await open_my_answers(pilot, "Alex")
        await tab_to(pilot, f"hide-{felt.id}")
        await pilot.press("enter")
        await settle(pilot)
        assert "Hidden from the summary and exports: yes" in screen_words(pilot)
        assert FELT in screen_words(pilot)  # still in Alex's own view
        await pilot.press("escape")
        await settle(pilot)

        await choose(pilot, f"session:{session_id}", "#sessions")
        await answer(pilot, "First calm talk")
        await pilot.press("ctrl+s")  # Alex agrees to the milestone
        await settle(pilot)
        await pilot.press("ctrl+s")  # and Sam
        await settle(pilot)
        assert isinstance(app.screen, SummaryScreen)
        words = screen_words(pilot)
        assert f"Sam: {SAM_FELT}" in words
        assert f"Alex: {FELT}" not in words and FELT not in words
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)

        for json in (False, True):
            for transcripts in (False, True):
                await open_export(pilot)
                await export_by_keys(pilot, transcripts=transcripts, json=json)
                text = written(data_folder, ".json" if json else ".md").read_text()
                assert FELT not in text
                assert (SAM_FELT in text) == transcripts
                await pilot.press("escape")
                await settle(pilot)
