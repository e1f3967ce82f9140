"""A menu on screen, by keys only: each partner marks it alone behind a hand-over, the reveal
and the next step show only what both chose (and no count of the rest), and only that is kept
on disk."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from screens.exercise import ExerciseScreen
from screens.reveal import RevealScreen
from tests.app.hand_over import (
    ALEX_ID,
    ALEX_LOOKS_AWAY,
    SAM_ID,
    SAM_LOOKS_AWAY,
    assert_hand_over,
    session_id,
)
from tests.app.pilot import running, screen_text, screen_words, settle
from workbook.cli import main as cli
from workbook.privacy import shareable_answers

# -- a menu: only what both chose is shown, and only that is kept -------------------------

HOLDING, WALK, DANCING, COOKING = "Holding hands", "A walk", "Dancing", "Cooking together"

MENU_EXERCISE = f"""
id = "test-menu"
title = "Test menu"
part = 9
minutes = 10
ready = "A few quiet minutes, and a place where each of you can mark the list alone."
purpose = "Each of you marks a short list alone. You only ever see what you both chose."
closing = "Thank you both. You can come back to this list whenever you like."

[[roles]]
id = "first"
title = "the partner who starts"
meanwhile = "take a breath. Your turn comes next."

[[roles]]
id = "second"
title = "the partner who goes second"
meanwhile = "take your time."

[[steps]]
id = "ready_check"
actor = "both"
kind = "confirm"
prompt = "{{actor}}, are you ready to start? Choose Agree, or Not yet."
next = "menu"
on_pass = "set_aside"

[[steps]]
id = "menu"
actor = "each"
kind = "menu"
prompt = "{{actor}}, mark each one yes, maybe or no, just for yourself."
items = ["{HOLDING}", "{WALK}", "{DANCING}", "{COOKING}"]
next = "plan"
on_pass = "set_aside"

[[steps]]
id = "plan"
actor = "first"
kind = "text"
prompt = "{{first}}, which one would you like to try this week?"
next = "asking"
on_pass = "asking"

  [[steps.show]]
  label = "What you both chose"
  steps = ["menu"]

[[steps]]
id = "asking"
actor = "second"
kind = "text"
prompt = "{{second}}, how would you like to be asked?"
next = "end"
on_pass = "end"
"""


def marked(pilot, mark: str, item: str) -> bool:  # type: ignore[no-untyped-def]
    """Whether the menu on screen shows ``item`` with ``mark`` (Yes, Maybe or No)."""
    return f"{mark}: {item}" in screen_words(pilot)


async def mark(pilot, marks: dict[int, int]) -> None:  # type: ignore[no-untyped-def]
    """On the menu, give item ``index`` ``presses`` Enters (no -> maybe -> yes), top down."""
    await pilot.press("home")
    at = 0
    for index, presses in sorted(marks.items()):
        await pilot.press(*["down"] * (index - at), *["enter"] * presses)
        at = index
    await pilot.pause()


def saved_words(folder: Path) -> str:
    """Every file the app wrote (the couple's own exercise files aside), as text."""
    return "\n".join(
        file.read_bytes().decode("utf-8", "replace")
        for file in sorted(folder.rglob("*"))
        if file.is_file() and "exercises" not in file.relative_to(folder).parts
    )


async def test_menu_shows_and_keeps_only_what_both_chose(data_folder: Path) -> None:
    own = data_folder / "exercises"
    own.mkdir(parents=True)
    (own / "test_menu.toml").write_text(MENU_EXERCISE, encoding="utf-8")
    checked = CliRunner().invoke(cli, ["content", "check", str(own / "test_menu.toml")])
    assert checked.exit_code == 0 and "warning" not in checked.output, checked.output

    async with running(data_folder, "test-menu") as (app, pilot):
        assert app.book.library.problems == [] and app.book.library.warnings == []
        await check_only_what_both_chose(pilot, data_folder)


async def check_only_what_both_chose(pilot, data_folder: Path) -> None:  # type: ignore[no-untyped-def]
    """From the first step of a menu exercise (both agree to start, each marks the menu
    alone, then a step shows what both chose): Alex marks items 0 and 1 yes, Sam item 1 maybe
    and item 2 yes; only item 1 is ever shown or kept. Also run on the shipped intimacy menu
    (``test_consent.py``)."""
    app = pilot.app
    sid = session_id(app)
    session_file = data_folder / "sessions" / f"{sid}.json"
    exercise = app.book.exercise(app.book.load(sid).session.exercise_id)
    menu = exercise.step("menu")
    first, both_chose, second, *rest = menu.items
    hidden_items = (first, second, *rest)
    await pilot.press("ctrl+s")  # Alex: ready
    await pilot.pause()
    await pilot.press("ctrl+s")  # Sam: ready
    await settle(pilot)

    assert_hand_over(pilot, SAM_LOOKS_AWAY)
    await pilot.press("enter")
    await settle(pilot)
    assert "Alex's turn" in screen_text(pilot)
    await mark(pilot, {0: 2, 1: 2})  # Alex: yes, yes, no, no...
    assert marked(pilot, "Yes", first)
    assert marked(pilot, "Yes", both_chose)
    assert marked(pilot, "No", second)
    await pilot.press("ctrl+s")
    await settle(pilot)

    assert_hand_over(pilot, ALEX_LOOKS_AWAY)
    await pilot.press("enter")
    await settle(pilot)
    assert "Sam's turn" in screen_text(pilot)
    # Sam's menu starts fresh: nothing of Alex's marks shows
    for item in (first, both_chose, second):
        assert marked(pilot, "No", item)
    assert shareable_answers(menu, app.book.load(sid).turns, SAM_ID) == []
    await mark(pilot, {1: 1, 2: 2})  # Sam: no, maybe, yes, no...
    assert marked(pilot, "Maybe", both_chose)
    assert marked(pilot, "Yes", second)
    await pilot.press("ctrl+s")
    await settle(pilot)

    # the reveal: only the item both marked yes or maybe, and no count of the rest
    assert isinstance(app.screen, RevealScreen)
    words = screen_words(pilot)
    assert both_chose in words
    for hidden in hidden_items:
        assert hidden not in words
    assert not any(c.isdigit() for c in words), words

    # on disk: only the mutual item is kept, and no marks at all
    raw = session_file.read_text(encoding="utf-8")
    assert both_chose in raw
    for hidden in (*hidden_items, '"yes"', '"maybe"', '"no"'):
        assert hidden not in raw, hidden
    for hidden in hidden_items:
        assert hidden not in saved_words(data_folder), hidden
    menu_turns = [t for t in app.book.store.turns(sid) if t.step_id == "menu"]
    assert [t.partner for t in menu_turns] == [ALEX_ID, SAM_ID]
    assert [t.value for t in menu_turns] == [[both_chose], [both_chose]]

    # the next step shows what both chose, and nothing else
    await pilot.press("enter")
    await settle(pilot)
    assert isinstance(app.screen, ExerciseScreen)
    assert app.screen.view.step_id == menu.next
    words = screen_words(pilot)
    assert f"What you both chose: {both_chose}" in words
    for hidden in hidden_items:
        assert hidden not in words
