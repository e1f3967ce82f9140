"""Pass, anywhere, by keys and clicks only: every kind of step can be passed with ctrl+n or its
button ("Not ready to answer this"; "Not yet" where both agree), the flow follows the step's
``on_pass``, and the summary lists what was passed (a private pass stays private)."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Button

from screens.exercise import ExerciseScreen
from screens.handover import HandOverScreen
from screens.summary import SummaryScreen
from tests.app.pilot import answer, running, screen_words, settle
from workbook.answers import AGREEING_KINDS
from workbook.wording import fill

NOT_READY, NOT_YET = "Not ready to answer this", "Not yet"

#: One step of every kind a partner answers, each passed straight on to the next through
#: ``on_pass`` (every ``next`` ends the exercise, so following ``next`` would show).
EVERY_KIND = """
id = "every-kind"
title = "Every kind"
part = 4
minutes = 10
ready = "A few quiet minutes."
purpose = "One step of every kind, each one passed."
closing = "Thank you both."

[[roles]]
id = "first"
title = "the partner who starts"
meanwhile = "take your time."

[[roles]]
id = "second"
title = "the partner who goes second"
meanwhile = "take a breath."

[[steps]]
id = "words"
actor = "first"
kind = "text"
prompt = "{first}, what comes to mind first?"
next = "end"
on_pass = "way"

[[steps]]
id = "way"
actor = "first"
kind = "choice"
prompt = "{first}, which way would you like to go?"
on_pass = "feelings"

  [[steps.choices]]
  id = "left"
  label = "Left"
  next = "end"

[[steps]]
id = "feelings"
actor = "first"
kind = "pick"
prompt = "{first}, which of these feelings are here today?"
items = ["Calm", "Tired"]
next = "end"
on_pass = "how_much"

[[steps]]
id = "how_much"
actor = "first"
kind = "scale"
prompt = "{first}, from 0 to 10, how settled do you feel?"
next = "end"
on_pass = "when"

[[steps]]
id = "when"
actor = "first"
kind = "date"
prompt = "{first}, on which day shall we look again?"
within_weeks = 4
next = "end"
on_pass = "marks"

[[steps]]
id = "marks"
actor = "each"
kind = "menu"
prompt = "{actor}, mark each one yes, maybe or no, just for yourself."
items = ["A walk", "A film"]
next = "end"
on_pass = "ready"

[[steps]]
id = "ready"
actor = "both"
kind = "confirm"
prompt = "{actor}, shall we go on? Choose Agree, or Not yet."
next = "end"
on_pass = "promise"

[[steps]]
id = "promise"
actor = "both"
kind = "agreement"
prompt = "{actor}, do you agree to this? Choose Agree, or Not yet."
next = "end"
on_pass = "marker"

  [steps.agreement]
  text = ["words"]
  category = "way"

[[steps]]
id = "marker"
actor = "both"
kind = "milestone"
prompt = "{actor}, shall we mark this? Choose Agree, or Not yet."
next = "end"
on_pass = "last"

  [steps.milestone]
  title = ["words"]

[[steps]]
id = "last"
actor = "second"
kind = "text"
prompt = "{second}, anything to add?"
next = "end"
on_pass = "end"
"""


def exercise_screen(pilot) -> ExerciseScreen:  # type: ignore[no-untyped-def]
    screen = pilot.app.screen
    assert isinstance(screen, ExerciseScreen), screen
    return screen


async def pass_here(pilot, by_key: bool) -> None:  # type: ignore[no-untyped-def]
    """Pass the step on screen with ctrl+n, or with a click on its pass button."""
    if by_key:
        await pilot.press("ctrl+n")
    else:
        await pilot.click("#pass-button")
    await settle(pilot)


async def past_hand_over(pilot) -> None:  # type: ignore[no-untyped-def]
    assert isinstance(pilot.app.screen, HandOverScreen)
    await pilot.press("enter")
    await settle(pilot)


async def summary_words(pilot) -> str:  # type: ignore[no-untyped-def]
    """The whole summary's words, scrolled through to its end."""
    assert isinstance(pilot.app.screen, SummaryScreen)
    seen = screen_words(pilot)
    for _ in range(4):
        await pilot.press("pagedown")
        await settle(pilot)
        seen += " " + screen_words(pilot)
    return seen


async def test_every_kind_of_step_can_be_passed_by_key_or_button(data_folder: Path) -> None:
    own = data_folder / "exercises"
    own.mkdir(parents=True)
    (own / "every_kind.toml").write_text(EVERY_KIND, encoding="utf-8")
    async with running(data_folder, "every-kind") as (app, pilot):
        exercise = app.book.exercise("every-kind")
        assert app.book.library.problems == []
        kinds = {step.kind for step in exercise.steps}
        assert kinds == {"text", "choice", "pick", "scale", "date", "menu", *AGREEING_KINDS}
        by_key = True
        for step in exercise.steps:
            if step.private:
                await past_hand_over(pilot)
            for _ in ("each partner",) if step.actor != "each" else ("Alex", "Sam"):
                screen = exercise_screen(pilot)
                assert screen.view.step_id == step.id
                label = NOT_YET if step.kind in AGREEING_KINDS else NOT_READY
                assert str(screen.query_one("#pass-button", Button).label) == label
                assert label in screen_words(pilot)
                await pass_here(pilot, by_key)
                by_key = not by_key
                if step.actor == "each" and isinstance(app.screen, HandOverScreen):
                    await past_hand_over(pilot)  # Sam's turn at the menu, alone
            if step.on_pass != "end":  # the pass led to on_pass, not to next (the end)
                [behind] = [s for s in app.screen_stack if isinstance(s, ExerciseScreen)]
                assert behind.view.step_id == step.on_pass

        said = await summary_words(pilot)
        for step in exercise.steps:
            asked = fill(step.prompt, {"first": "Alex", "second": "Sam"})
            listed = not step.private and step.kind not in AGREEING_KINDS
            assert (f"passed on “{asked}”" in said) == listed, step.id
        assert "Alex: passed on “Alex, what comes to mind first?”" in said
        assert "Sam: passed on “Sam, anything to add?”" in said
        assert "mark each one" not in said  # a private pass stays private


async def test_a_pass_follows_on_pass_and_the_summary_lists_it(data_folder: Path) -> None:
    """Active listening: when the listener passes the mirror, the speaker is asked what was
    missed (the step's ``on_pass``), not whether the mirror was right (its ``next``)."""
    async with running(data_folder, "active-listening") as (app, pilot):
        mirror = app.book.exercise("active-listening").step("mirror")
        assert (mirror.next, mirror.on_pass) == ("check", "missed")
        await answer(pilot, "I feel alone")
        assert exercise_screen(pilot).view.step_id == "mirror"
        assert "Sam's turn" in screen_words(pilot)
        await pass_here(pilot, by_key=True)
        view = exercise_screen(pilot).view
        assert (view.step_id, view.actor) == ("missed", "a")
        assert "Alex's turn" in screen_words(pilot)

        # pass on to the end, through the swap of roles
        for _ in range(20):
            if isinstance(app.screen, SummaryScreen):
                break
            if isinstance(app.screen, HandOverScreen):
                await past_hand_over(pilot)
            else:
                await pass_here(pilot, by_key=True)
        said = await summary_words(pilot)
        asked = fill(mirror.prompt, {"speaker": "Alex", "listener": "Sam"})
        assert f"Sam: passed on “{asked}”" in said, said
        # in round 2 the roles had swapped: Sam held the floor, and passed it
        share = app.book.exercise("active-listening").step("share")
        asked = fill(share.prompt, {"speaker": "Sam", "listener": "Alex"})
        assert f"Sam: passed on “{asked}”" in said, said
        assert "Alex: I feel alone" in said
