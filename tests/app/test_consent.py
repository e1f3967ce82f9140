"""Consent in private, by keys only: a sensitive exercise opens only after two private yeses;
one private no (the first's or the second's) gives both the same outcome, the second partner
sees the same pages whatever the first answered, and the data folder says nothing of who
said no; it rests until its day; resuming asks again; and the shipped intimacy menu, entered
through consent, shows and keeps only what both chose."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from types import SimpleNamespace

import pytest
from textual.widgets import OptionList

from screens.consent import ConsentScreen
from screens.exercise import ExerciseScreen
from screens.home import HomeScreen
from screens.roles import RolesScreen
from tests.app.pilot import (
    choose,
    folder_bytes,
    reopened,
    running,
    screen_words,
    settle,
    tab_to,
)
from tests.app.test_menu_on_screen import check_only_what_both_chose
from workbook import models
from workbook.clock import ManualClock

MENU = "intimacy-menu"
START = datetime(2026, 1, 1, 9, 0, tzinfo=UTC)
#: The day a "not today" on START offers it again (content/pacing.toml: 7 days).
AGAIN = date(2026, 1, 8)
YES_YES, NO_YES, YES_NO, NO_NO = (True, True), (False, True), (True, False), (False, False)


@pytest.fixture
def fresh_ids(monkeypatch: pytest.MonkeyPatch) -> Callable[[], None]:
    """Call to count ids from zero again, so two runs can be compared byte for byte."""

    def restart() -> None:
        count = itertools.count()
        fake = SimpleNamespace(token_hex=lambda n=8: f"{next(count):0{2 * n}x}")
        monkeypatch.setattr(models, "secrets", fake)

    return restart


def page(pilot) -> str:  # type: ignore[no-untyped-def]
    """The consent page's words as painted, and which button has the focus."""
    screen = pilot.app.screen
    assert isinstance(screen, ConsentScreen), screen
    assert screen.styles.background.a == 1  # it covers everything: nothing behind shows
    return f"{screen_words(pilot)}\nfocus: {pilot.app.focused.id}"


async def answer_in_private(pilot, answers: tuple[bool, bool]) -> list[str]:  # type: ignore[no-untyped-def]
    """Each partner in turn, alone, answers (Enter takes "Not today"; shift+tab, Enter takes
    "Yes"); returns every page as painted, from the first hand-over to the outcome."""
    pages = []
    for yes in answers:
        pages.append(page(pilot))  # the hand-over
        await pilot.press("enter")
        await settle(pilot)
        pages.append(page(pilot))  # the question
        await pilot.press(*(["shift+tab"] if yes else []), "enter")
        await settle(pilot)
    pages.append(page(pilot))
    return pages


async def open_from_path(pilot, exercise_id: str = MENU) -> None:  # type: ignore[no-untyped-def]
    await choose(pilot, f"exercise:{exercise_id}", "#exercises")
    assert isinstance(pilot.app.screen, ConsentScreen)


async def go_on(pilot) -> None:  # type: ignore[no-untyped-def]
    await pilot.press("enter")
    await settle(pilot)


def path_line(pilot, exercise_id: str = MENU) -> tuple[str, bool]:  # type: ignore[no-untyped-def]
    """How Home's path lists an exercise, and whether it can be chosen."""
    options = pilot.app.screen.query_one("#exercises", OptionList)
    option = options.get_option(f"exercise:{exercise_id}")
    return str(option.prompt).strip(), not option.disabled


# -- two yeses, or one no -------------------------------------------------------------------


async def test_it_opens_only_after_two_yeses_and_a_no_says_nothing_of_whose(
    tmp_path: Path, fresh_ids: Callable[[], None]
) -> None:
    pages: dict[tuple[bool, bool], list[str]] = {}
    kept: dict[tuple[bool, bool], dict[str, bytes]] = {}
    for answers in (YES_YES, NO_YES, YES_NO, NO_NO):
        folder = tmp_path / "".join("y" if yes else "n" for yes in answers)
        fresh_ids()
        async with running(folder, clock=ManualClock(START)) as (app, pilot):
            assert app.book.library.pacing.declined_rest_days == (AGAIN - START.date()).days
            await open_from_path(pilot)
            pages[answers] = await answer_in_private(pilot, answers)
            assert app.book.open_sessions() == []  # nothing has opened yet
            await go_on(pilot)
            if answers == YES_YES:
                assert isinstance(app.screen, RolesScreen)
                await choose(pilot, "0", "#role-options")
                assert isinstance(app.screen, ExerciseScreen)
                assert app.screen.view.exercise_title == "Closeness menu"
                assert app.book.store.rests() == []
            else:
                assert isinstance(app.screen, HomeScreen)
                assert app.book.open_sessions() == []
                assert app.book.resting_until(MENU) == AGAIN
        kept[answers] = folder_bytes(folder)

    first_hand_over, first_question, second_hand_over, _, opened = pages[YES_YES]
    assert "Alex, please take the keyboard. Sam, please look away" in first_hand_over
    assert "Only Alex should be looking now." in first_hand_over
    assert "Closeness menu is one of the more sensitive exercises" in first_question
    assert "Yes, I would like to" in first_question and "Not today" in first_question
    assert first_question.endswith("focus: no")  # a stray Enter never opens it
    assert "Sam, please take the keyboard. Alex, please look away" in second_hand_over
    assert "You both said yes" in opened
    for seen in pages.values():
        assert len(seen) == 5 and "Your path" not in "".join(seen)

    # the second partner's pages are the same whatever the first answered
    assert pages[YES_YES][2:4] == pages[NO_YES][2:4] == pages[YES_NO][2:4] == pages[NO_NO][2:4]
    # one no, whoever's: the same outcome for both, and the same bytes on disk
    outcome = pages[NO_YES][4]
    assert "This didn't open today" in outcome and AGAIN.isoformat() in outcome
    assert pages[YES_NO][4] == pages[NO_NO][4] == outcome
    assert kept[NO_YES] == kept[YES_NO] == kept[NO_NO]
    assert AGAIN.isoformat().encode() in kept[NO_YES]["workbook.json"]


async def test_before_anyone_answers_it_can_be_left_and_after_that_not(
    data_folder: Path,
) -> None:
    async with running(data_folder) as (app, pilot):
        await open_from_path(pilot)
        await pilot.press("escape")  # chose the wrong one: back, and nothing is kept
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert app.book.store.rests() == []
        assert path_line(pilot)[1]

        await open_from_path(pilot)
        await go_on(pilot)
        await pilot.press("shift+tab", "enter")  # Alex: yes
        await settle(pilot)
        hand_over = page(pilot)
        assert "Sam, please take the keyboard" in hand_over and "Back" not in hand_over
        await pilot.press("escape")  # Sam cannot leave without answering: that would tell
        await settle(pilot)
        assert page(pilot) == hand_over


async def test_a_time_out_at_the_question_comes_back_through_the_hand_over(
    data_folder: Path,
) -> None:
    clock = ManualClock(START)
    async with running(data_folder, clock=clock) as (app, pilot):
        await open_from_path(pilot)
        await go_on(pilot)
        assert "sensitive exercises" in screen_words(pilot)
        await pilot.press("ctrl+t")
        await settle(pilot)
        assert not isinstance(app.screen, ConsentScreen)
        await go_on(pilot)  # back in 20 minutes
        await go_on(pilot)  # that suits the other
        clock.advance(20 * 60)
        await go_on(pilot)  # ready to come back
        back = page(pilot)
        assert "Alex, please take the keyboard" in back and back.endswith("focus: continue")
        assert "sensitive exercises" not in back


# -- resting until its day, and asked again ---------------------------------------------


async def test_after_a_no_it_rests_until_its_day_then_asks_again(data_folder: Path) -> None:
    async with running(data_folder, clock=ManualClock(START)) as (app, pilot):
        await open_from_path(pilot)
        await answer_in_private(pilot, YES_NO)
        await go_on(pilot)
        line, can_choose = path_line(pilot)
        assert line == f"Closeness menu · about 20 minutes · offered again from {AGAIN}"
        assert not can_choose
        # walking the whole path with the keys never lands on it
        exercises = app.screen.query_one("#exercises", OptionList)
        resting = exercises.get_option_index(f"exercise:{MENU}")
        await tab_to(pilot, exercises)  # from today's suggestion
        for _ in range(exercises.option_count):
            await pilot.press("down")
            assert exercises.highlighted != resting

    last_minute_before = ManualClock(datetime.combine(AGAIN, datetime.min.time(), UTC))
    last_minute_before.advance(-60)
    async with reopened(data_folder, last_minute_before) as (app, pilot):
        assert not path_line(pilot)[1]
    async with reopened(data_folder, ManualClock(START + timedelta(days=7))) as (app, pilot):
        assert path_line(pilot) == ("Closeness menu · about 20 minutes", True)
        await open_from_path(pilot)  # asked again, in private
        assert "Alex, please take the keyboard" in page(pilot)


async def test_picking_it_up_again_asks_both_again(data_folder: Path) -> None:
    async with running(data_folder, clock=ManualClock(START)) as (app, pilot):
        await open_from_path(pilot)
        await answer_in_private(pilot, YES_YES)
        await go_on(pilot)
        await choose(pilot, "0", "#role-options")
        await pilot.press("ctrl+o")  # pause at the ground rules
        await settle(pilot)
        [entry] = app.book.open_sessions()
        session = f"session:{entry.id}"

        await choose(pilot, session, "#sessions")
        pages = await answer_in_private(pilot, YES_YES)
        assert "Would you like to go on with it today?" in pages[1]
        await go_on(pilot)
        assert isinstance(app.screen, ExerciseScreen)
        assert app.screen.view.step_id == "ground_rules"
        await pilot.press("ctrl+o")
        await settle(pilot)

        await choose(pilot, session, "#sessions")
        await answer_in_private(pilot, NO_YES)
        await go_on(pilot)
        assert isinstance(app.screen, HomeScreen)  # nothing opened
        assert app.book.load(entry.id).session.status == "paused"
        option = app.screen.query_one("#sessions", OptionList).get_option(session)
        assert option.disabled and f"offered again from {AGAIN}" in str(option.prompt)


# -- the mutual-only menu test, on the shipped intimacy menu ----------------------------


async def test_the_shipped_intimacy_menu_shows_and_keeps_only_what_both_chose(
    data_folder: Path,
) -> None:
    async with running(data_folder) as (app, pilot):
        assert app.book.exercise(MENU).sensitive
        await open_from_path(pilot)
        await answer_in_private(pilot, YES_YES)
        await go_on(pilot)
        await choose(pilot, "0", "#role-options")
        await check_only_what_both_chose(pilot, data_folder)
