"""The whole journey by keys only: set-up, Active listening with its loops and the role swap,
Boundary drafting with a suggested change, and the agreement in the app and on the CLI."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from screens.agreements import AgreementScreen
from screens.exercise import ExerciseScreen
from screens.home import HomeScreen
from screens.summary import SummaryScreen
from tests.app.pilot import (
    SIZE,
    answer,
    choose,
    make_app,
    screen_text,
    screen_words,
    set_up,
    start_exercise,
)
from workbook.cli import main as cli


def banner(pilot) -> str:  # type: ignore[no-untyped-def]
    return next(line.strip() for line in screen_text(pilot).splitlines() if "'s turn." in line)


async def listen_round(pilot, speaker: str, listener: str, loops: bool) -> None:  # type: ignore[no-untyped-def]
    assert banner(pilot).startswith(f"{speaker}'s turn. You are the speaker.")
    await answer(pilot, "I feel alone")
    assert banner(pilot).startswith(f"{listener}'s turn. You are the listener.")
    assert "I feel alone" in screen_text(pilot)
    await answer(pilot, "You feel alone")
    if loops:
        await choose(pilot, "not_yet")  # "Did I get it?" -> not yet
        assert "what did" in screen_text(pilot).lower()
        await answer(pilot, "And scared")
        assert "And scared" in screen_text(pilot)  # the mirror shows what was added
        await answer(pilot, "Alone and scared")
    await choose(pilot, "yes")
    if loops:
        await choose(pilot, "yes")  # "Is there more?" -> yes, back to sharing
        assert banner(pilot).startswith(f"{speaker}'s turn")
        await answer(pilot, "One more thing")
        await answer(pilot, "One more thing, then")
        await choose(pilot, "yes")
    await choose(pilot, "no")  # no more
    assert "sum up" in screen_text(pilot)
    await answer(pilot, "All of it")
    await choose(pilot, "yes")
    await answer(pilot, "You make sense")
    await answer(pilot, "Sad?")
    await choose(pilot, "yes")


async def test_whole_journey(data_folder: Path) -> None:
    app = make_app(data_folder)
    async with app.run_test(size=SIZE) as pilot:
        await set_up(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert "Welcome, Alex and Sam." in screen_text(pilot)

        await start_exercise(pilot, "active-listening")
        assert isinstance(app.screen, ExerciseScreen)
        await listen_round(pilot, "Alex", "Sam", loops=True)
        # the floor passes: a hand-over names the new roles
        assert "Sam holds the floor, and Alex listens" in screen_words(pilot)
        await pilot.press("enter")
        await pilot.pause()
        assert "round 2 of 2" in screen_text(pilot)
        await listen_round(pilot, "Sam", "Alex", loops=False)
        # closing: each in turn, the round's speaker (Sam) first
        assert banner(pilot).startswith("Sam's turn.")
        await answer(pilot, "You did not interrupt")
        assert banner(pilot).startswith("Alex's turn.")
        await answer(pilot, "You asked if there was more")
        assert isinstance(app.screen, SummaryScreen)
        text = screen_text(pilot)
        assert "You finished Active listening" in text
        assert "Alex: I feel alone" in text
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)

        await start_exercise(pilot, "boundary-drafting")
        assert banner(pilot).startswith("Alex's turn. You are the partner proposing")
        await answer(pilot, "When I am late, I text you")
        await choose(pilot, "change")
        # Sam's box starts with the wording; Sam adds to it
        await pilot.press("end")
        await answer(pilot, " by six")
        assert "When I am late, I text you by six" in screen_text(pilot)
        await choose(pilot, "accept")  # Alex accepts Sam's wording
        await choose(pilot, "communication")  # Alex picks the area
        await pilot.press("ctrl+s")  # Sam keeps the suggested review date
        await pilot.pause()
        assert "Alex, here is the agreement" in screen_text(pilot)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "Sam, here is the agreement" in screen_text(pilot)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        assert "You made an agreement together" in screen_text(pilot)
        await pilot.press("enter")
        await pilot.pause()

        # Home lists it; open its detail with the keyboard
        await pilot.press("tab")
        await choose(
            pilot,
            app.book.agreements()[0].id and "agreement:" + app.book.agreements()[0].id,
            "#agreements",
        )
        assert isinstance(app.screen, AgreementScreen)
        detail = screen_text(pilot)
        assert "When I am late, I text you by six" in detail
        assert "Alex agreed on" in detail and "Sam agreed on" in detail
    app.book.close()

    result = CliRunner().invoke(cli, ["--data", str(data_folder), "agreements", "--json"])
    assert result.exit_code == 0
    agreements = json.loads(result.output)
    assert len(agreements) == 1
    assert agreements[0]["text"] == "When I am late, I text you by six"
    assert agreements[0]["category"] == "communication"
    assert sorted(a["partner"] for a in agreements[0]["acceptances"]) == ["a", "b"]


async def _draft_to_answer(pilot) -> None:  # type: ignore[no-untyped-def]
    await set_up(pilot)
    await start_exercise(pilot, "boundary-drafting")
    await answer(pilot, "When we argue, I need a pause")


async def test_set_aside_ends_with_no_agreement(data_folder: Path) -> None:
    app = make_app(data_folder)
    async with app.run_test(size=SIZE) as pilot:
        await _draft_to_answer(pilot)
        await choose(pilot, "aside")
        assert isinstance(app.screen, SummaryScreen)
        assert "You set Boundary drafting aside" in screen_text(pilot)
        assert app.book.agreements() == []
        assert app.book.open_sessions() == []
    app.book.close()


async def test_not_yet_at_the_final_step_saves_nothing(data_folder: Path) -> None:
    app = make_app(data_folder)
    async with app.run_test(size=SIZE) as pilot:
        await _draft_to_answer(pilot)
        await choose(pilot, "accept")
        await choose(pilot, "home")
        await pilot.press("ctrl+s")  # review date
        await pilot.pause()
        await pilot.press("ctrl+s")  # Alex agrees
        await pilot.pause()
        assert "Sam, here is the agreement" in screen_text(pilot)
        await pilot.press("ctrl+n")  # Sam: Not yet
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert app.book.agreements() == []
        [waiting] = app.book.open_sessions()
        assert waiting.status == "paused" and waiting.step_id == "agree"
    app.book.close()
