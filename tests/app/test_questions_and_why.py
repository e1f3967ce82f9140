"""By keys only: a question answered "not today" is kept and offered again in a later
session; "Why did it happen?" is not offered before the apology and active listening are
done (it says why it waits), and then opens only after two private yeses, while one no gives
both the same screen."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import OptionList, TextArea

from screens.consent import ConsentScreen
from screens.exercise import ExerciseScreen
from screens.home import HomeScreen
from screens.roles import RolesScreen
from screens.waits import WaitsScreen
from tests.app.pilot import answer, choose, paste, reopened, running, screen_words, settle
from tests.app.test_consent import (
    NO_YES,
    YES_NO,
    YES_YES,
    answer_in_private,
    go_on,
    open_from_path,
    path_line,
)
from tests.app.time_out import call_break, ready
from tests.unit.driving import finish
from workbook.clock import ManualClock

QUESTION = "Who else knew? [bold]all[/bold] 💔"


async def through_the_note(pilot) -> None:  # type: ignore[no-untyped-def]
    """Both agree to the note before the first question."""
    assert "the truth you need in order to heal" in screen_words(pilot)
    for _ in range(2):
        await pilot.press("ctrl+s")
        await settle(pilot)


def area_choices(pilot) -> list[str]:  # type: ignore[no-untyped-def]
    choices = pilot.app.screen.query_one("#choices", OptionList)
    return [str(choices.get_option_at_index(i).id) for i in range(choices.option_count)]


async def test_a_not_today_question_is_kept_and_offered_again(data_folder: Path) -> None:
    async with running(data_folder, "questions") as (app, pilot):
        await through_the_note(pilot)
        assert "kept" not in area_choices(pilot)  # nothing kept yet
        await choose(pilot, "timeline")
        await paste(pilot, QUESTION)
        await pilot.press("ctrl+s")
        await settle(pilot)
        answering = screen_words(pilot)
        assert "Sam, answer Alex's question" in answering
        assert "Alex's question: Who else knew? [bold]all[/bold]" in answering  # as typed
        assert "Not today: keep it for later" in answering
        await pilot.press("ctrl+n")  # Sam: not today
        await settle(pilot)
        told = [n.message for n in app._notifications]
        assert told[-1] == "Not today, then. The question is kept for another day."
        assert app.screen.view.step_id == "area"
        assert "kept" in area_choices(pilot)  # offered again, right away if Alex wishes
        await choose(pilot, "done")
        await answer(pilot, "Thank you for asking me.")
        await answer(pilot, "Thank you for being honest.")
        assert app.book.open_sessions() == []  # finished for today

    async with reopened(data_folder) as (app, pilot):
        exercises = app.screen.query_one("#exercises", OptionList)
        line = str(exercises.get_option("exercise:questions").prompt)
        assert "questions kept for later: 1" in line
        await choose(pilot, "exercise:questions", "#exercises")
        await choose(pilot, "0", "#role-options")
        await through_the_note(pilot)
        await choose(pilot, "kept")
        assert "a question you kept for later" in screen_words(pilot)
        assert app.screen.query_one("#answer", TextArea).text == QUESTION
        await pilot.press("ctrl+s")  # Alex asks it as it is
        await settle(pilot)
        assert app.screen.view.step_id == "answer"
        assert "Who else knew? [bold]all[/bold]" in screen_words(pilot)
        assert app.book.store.kept() == []


async def test_why_is_not_offered_before_the_exercises_are_done(data_folder: Path) -> None:
    async with running(data_folder) as (app, pilot):
        line, _ = path_line(pilot, "why")
        assert line.endswith("opens after: A full apology, Active listening")
        await choose(pilot, "exercise:why", "#exercises")
        assert isinstance(app.screen, WaitsScreen)  # not the private question
        words = screen_words(pilot)
        assert "Understanding why comes after owning what happened" in words
        assert "Do these together first: A full apology, Active listening." in words
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert app.book.open_sessions() == [] and app.book.store.rests() == []


async def open_why(app, pilot) -> None:  # type: ignore[no-untyped-def]
    """Finish the apology and active listening, then choose "Why did it happen?"."""
    for done in ("apology", "active-listening"):
        finish(app.book, app.book.exercise(done))
    app.screen.refresh_lists()
    await settle(pilot)
    assert "opens after" not in path_line(pilot, "why")[0]
    await open_from_path(pilot, "why")


async def test_why_opens_only_after_two_private_yeses(tmp_path: Path) -> None:
    outcomes = {}
    for answers in (YES_YES, NO_YES, YES_NO):
        async with running(tmp_path / str(answers)) as (app, pilot):
            await open_why(app, pilot)
            pages = await answer_in_private(pilot, answers)
            assert "Why did it happen? is one of the more sensitive exercises" in pages[1]
            outcomes[answers] = pages[-1]
            await go_on(pilot)
            if answers == YES_YES:
                assert isinstance(app.screen, RolesScreen)
                await choose(pilot, "0", "#role-options")
                assert isinstance(app.screen, ExerciseScreen)
                assert "ground rules" in screen_words(pilot)
            else:
                assert isinstance(app.screen, HomeScreen)
                assert app.book.open_sessions() == []
                assert not path_line(pilot, "why")[1]  # resting: it did not open today
    assert "You both said yes" in outcomes[YES_YES]
    assert "This didn't open today" in outcomes[NO_YES]
    assert outcomes[NO_YES] == outcomes[YES_NO]  # one no, whoever's: the same screen


async def test_a_time_out_can_be_called_over_the_waiting_note(data_folder: Path) -> None:
    """The note is not private: after the break it is there again, then Back to Home."""
    clock = ManualClock()
    async with running(data_folder, clock=clock) as (app, pilot):
        await choose(pilot, "exercise:why", "#exercises")
        await call_break(pilot)
        clock.advance(20 * 60)
        await ready(pilot)
        assert isinstance(app.screen, WaitsScreen)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert not any(isinstance(s, (WaitsScreen, ConsentScreen)) for s in app.screen_stack)
