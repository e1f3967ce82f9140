"""Privacy on screen, by keys only: a private answer stays off the other partner's screen until
the reveal (hand-overs, fresh answer boxes, an emptied clipboard, undo that brings nothing
back); a private turn reopened after quitting starts with the hand-over; a private pass is not
announced; and Home's path lists every part and every exercise, a sensitive one opening only
through private consent (``test_consent.py``). Menus on screen are in
``test_menu_on_screen.py``."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import OptionList, TextArea

from screens.consent import ConsentScreen
from screens.exercise import ExerciseScreen
from screens.handover import HandOverScreen
from screens.home import HomeScreen
from screens.reveal import RevealScreen
from screens.waits import WaitsScreen
from tests.app.hand_over import (
    ALEX_ID,
    ALEX_LOOKS_AWAY,
    SAM_ID,
    SAM_LOOKS_AWAY,
    assert_hand_over,
    session_id,
)
from tests.app.pilot import (
    SIZE,
    PaintedFrames,
    answer,
    choose,
    make_app,
    running,
    screen_text,
    screen_words,
    set_up,
    settle,
    start_exercise,
    tab_to,
    type_text,
)
from workbook.book import Workbook
from workbook.privacy import shareable_answers

#: Alex's and Sam's private appreciations: words that appear nowhere else in the app.
ALEX_WORDS = "periwinkle mug"
SAM_WORDS = "quokka smile"


def on_screen(pilot, words: str) -> bool:  # type: ignore[no-untyped-def]
    return words.casefold() in screen_words(pilot).casefold()


def answer_box(pilot) -> TextArea:  # type: ignore[no-untyped-def]
    screen = pilot.app.screen
    assert isinstance(screen, ExerciseScreen)
    return screen.query_one("#answer", TextArea)


def alex_shared_with_sam(app, sid: str) -> bool:  # type: ignore[no-untyped-def]
    """Whether the core would show Alex's private appreciation to Sam now."""
    step = app.book.exercise("appreciations").step("appreciate")
    turns = app.book.load(sid).turns
    return any(t.partner == ALEX_ID for t in shareable_answers(step, turns, SAM_ID))


async def alex_writes_privately(pilot) -> None:  # type: ignore[no-untyped-def]
    """Inside Appreciations: past Alex's hand-over, Alex writes and hands over (ctrl+s)."""
    assert_hand_over(pilot, SAM_LOOKS_AWAY)
    await pilot.press("enter")
    await settle(pilot)
    assert "Alex's turn" in screen_text(pilot)
    await answer(pilot, ALEX_WORDS)


# -- 1. a private answer, from writing to the reveal ---------------------------------------


async def test_private_answers_stay_hidden_until_both_have_written(data_folder: Path) -> None:
    async with running(data_folder, "appreciations") as (app, pilot):
        sid = session_id(app)
        assert_hand_over(pilot, SAM_LOOKS_AWAY)  # before Alex's very first private turn
        await pilot.press("enter")
        await settle(pilot)
        assert "Alex's turn" in screen_text(pilot)
        await type_text(pilot, ALEX_WORDS)
        assert on_screen(pilot, ALEX_WORDS)  # Alex sees Alex's own words
        painted = PaintedFrames(app)
        await pilot.press("ctrl+s")
        await settle(pilot)

        # Sam's hand-over: Alex looks away; nothing of Alex's answer is on it
        assert_hand_over(pilot, ALEX_LOOKS_AWAY)
        assert not on_screen(pilot, ALEX_WORDS)
        assert not alex_shared_with_sam(app, sid)
        await pilot.press("enter")
        await settle(pilot)
        assert "Sam's turn" in screen_text(pilot)
        assert not on_screen(pilot, ALEX_WORDS)
        assert answer_box(pilot).text == ""
        await type_text(pilot, SAM_WORDS)
        assert not alex_shared_with_sam(app, sid)  # not even with Sam's words typed
        await pilot.press("ctrl+s")
        await settle(pilot)

        # no frame painted for Sam's turn, not even for a moment, held Alex's words
        first_for_sam = next(
            i for i, f in enumerate(painted.frames) if "Alex, please look away" in f.text
        )
        reveal = next(i for i, f in enumerate(painted.frames) if isinstance(f.screen, RevealScreen))
        assert all(ALEX_WORDS not in f.text for f in painted.frames[first_for_sam:reveal]), (
            "Alex's words were painted during Sam's private turn"
        )

        # the reveal: both answers, each under its author's name
        assert isinstance(app.screen, RevealScreen)
        words = screen_words(pilot)
        assert f"Alex: {ALEX_WORDS}" in words
        assert f"Sam: {SAM_WORDS}" in words
        assert alex_shared_with_sam(app, sid)

        # the next step shows the other's appreciation to each in turn
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ExerciseScreen)
        assert app.screen.view.step_id == "how_it_felt"
        words = screen_words(pilot)
        assert "Alex's turn" in words
        assert f"What Sam appreciated in Alex: {SAM_WORDS}" in words
        await answer(pilot, "thank you")
        words = screen_words(pilot)
        assert "Sam's turn" in words
        assert f"What Alex appreciated in Sam: {ALEX_WORDS}" in words


# -- 2. quitting during a private turn, and coming back ----------------------------------------

SAM_DRAFT = "okapi draft"


async def test_reopened_private_turn_starts_with_the_hand_over(data_folder: Path) -> None:
    async with running(data_folder, "appreciations") as (app, pilot):
        sid = session_id(app)
        await alex_writes_privately(pilot)
        assert_hand_over(pilot, ALEX_LOOKS_AWAY)
        await pilot.press("enter")
        await settle(pilot)
        await type_text(pilot, SAM_DRAFT)
        await pilot.press("ctrl+q")
        await pilot.pause()

    app = make_app(data_folder)
    try:
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            assert isinstance(app.screen, HomeScreen)
            assert not on_screen(pilot, SAM_DRAFT) and not on_screen(pilot, ALEX_WORDS)
            await tab_to(pilot, app.screen.query_one("#sessions"))  # from today's suggestion
            painted = PaintedFrames(app)
            await choose(pilot, f"session:{sid}", "#sessions")

            # the first thing painted after Home (which may still repaint a scrollbar as the
            # list is left) is the hand-over, not Sam's turn behind it
            after_home = [f for f in painted.frames if not isinstance(f.screen, HomeScreen)]
            assert after_home
            assert isinstance(after_home[0].screen, HandOverScreen)
            for frame in painted.frames:
                assert SAM_DRAFT not in frame.text and ALEX_WORDS not in frame.text
            assert_hand_over(pilot, ALEX_LOOKS_AWAY)
            assert not on_screen(pilot, SAM_DRAFT) and not on_screen(pilot, ALEX_WORDS)

            await pilot.press("enter")
            await settle(pilot)
            assert "Sam's turn" in screen_text(pilot)
            assert answer_box(pilot).text == SAM_DRAFT
            assert on_screen(pilot, SAM_DRAFT)
            assert not on_screen(pilot, ALEX_WORDS)
    finally:
        app.book.close()


# -- 3. undo, redo and paste bring nothing of Alex's back ------------------------------------


async def test_undo_and_paste_in_sams_box_bring_back_nothing(data_folder: Path) -> None:
    async with running(data_folder, "appreciations") as (app, pilot):
        assert_hand_over(pilot, SAM_LOOKS_AWAY)
        await pilot.press("enter")
        await settle(pilot)
        await type_text(pilot, ALEX_WORDS)
        await pilot.press("f7", "ctrl+c")  # Alex selects the answer and copies it
        await pilot.pause()
        assert app.clipboard == ALEX_WORDS
        await pilot.press("ctrl+s")
        await settle(pilot)

        assert_hand_over(pilot, ALEX_LOOKS_AWAY)
        assert app.clipboard == ""  # the hand-over emptied it
        await pilot.press("enter")
        await settle(pilot)
        assert "Sam's turn" in screen_text(pilot)
        box = answer_box(pilot)
        assert box.has_focus
        for key in ["ctrl+z"] * 4 + ["ctrl+y"] * 4 + ["ctrl+v"]:  # undo, redo, paste
            await pilot.press(key)
            await pilot.pause()
            assert box.text == "", key  # after every single press, not only the last
            assert not on_screen(pilot, ALEX_WORDS), key

        # and once Sam has typed, undo takes back only Sam's own words
        await type_text(pilot, "hi")
        for _ in range(4):
            await pilot.press("ctrl+z")
            await pilot.pause()
            assert box.text in ("hi", "h", "")
            assert not on_screen(pilot, ALEX_WORDS)
        assert box.text == ""


async def test_a_private_pass_is_not_announced_to_the_other_partner(data_folder: Path) -> None:
    app = make_app(data_folder)
    try:
        # toasts on, as in the real app (run_test turns them off unless asked)
        async with app.run_test(size=SIZE, notifications=True) as pilot:
            await set_up(pilot)
            await start_exercise(pilot, "appreciations")
            assert_hand_over(pilot, SAM_LOOKS_AWAY)
            await pilot.press("enter")
            await settle(pilot)
            await pilot.press("ctrl+n")  # Alex passes, in private
            await settle(pilot)
            assert_hand_over(pilot, ALEX_LOOKS_AWAY)
            await pilot.press("enter")
            await settle(pilot)
            assert "Sam's turn" in screen_text(pilot)
            assert "passed" not in screen_words(pilot)  # Sam has not answered yet
    finally:
        app.book.close()


# -- 4. Home's path -------------------------------------------------------------------------


def finish_appreciations(folder: Path) -> None:
    """Alex and Sam, past the first-run safety check, do Appreciations through the core, to
    the end."""
    book = Workbook.open(folder)
    try:
        book.set_partners("Alex", "Sam")
        book.safety_check_done()
        session = book.start("appreciations", {"first": ALEX_ID, "second": SAM_ID})
        for value in ("Tea", "A walk", "Thanks", "Thank you", "Our first calm talk"):
            book.submit(session.id, value)
        book.submit(session.id, "agree")
        move = book.submit(session.id, "agree")
        assert move.session.status == "completed"
    finally:
        book.close()


async def test_path_lists_every_part_every_exercise_and_what_is_done(
    data_folder: Path,
) -> None:
    finish_appreciations(data_folder)
    app = make_app(data_folder)
    try:
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            assert isinstance(app.screen, HomeScreen)
            library = app.book.library
            parts = sorted(library.path.parts, key=lambda p: p.number)
            assert [p.number for p in parts] == list(range(1, 11))
            exercises = app.screen.query_one("#exercises", OptionList)

            # walk the list with the arrow keys; every part's heading passes on screen
            await tab_to(pilot, exercises)  # from today's suggestion
            seen = screen_words(pilot)
            choosable = sum(1 for option in exercises.options if not option.disabled)
            for _ in range(choosable - 1):
                await pilot.press("down")
                await pilot.pause()
                seen += "\n" + screen_words(pilot)
            for part in parts:
                assert f"{part.number}. {part.title}" in seen, part.title

            # sensitive exercises are listed too: they open only through private consent
            sensitive = {e.id for e in library.exercises.values() if e.sensitive}
            assert {"transparency", "intimacy-menu"} <= sensitive
            listed = {str(o.id).removeprefix("exercise:") for o in exercises.options if o.id}
            assert listed == set(library.exercises) - {"review"}  # one the app starts
            for exercise_id in sensitive:
                assert library.exercises[exercise_id].title in seen

            # the finished exercise says so; one not yet done does not
            appreciations = library.exercises["appreciations"]
            assert f"{appreciations.title} · about {appreciations.minutes} minutes · done" in seen
            apology = library.exercises["apology"]
            assert f"{apology.title} · about {apology.minutes} minutes" in seen
            assert f"{apology.title} · about {apology.minutes} minutes · done" not in seen

            for exercise_id in sensitive:
                await choose(pilot, f"exercise:{exercise_id}", "#exercises")
                waiting = app.book.waiting_for(exercise_id)  # "why" waits: it says so instead
                assert isinstance(app.screen, WaitsScreen if waiting else ConsentScreen)
                assert app.screen.exercise.id == exercise_id
                await pilot.press("escape")  # before anyone answers: back, nothing kept
                await settle(pilot)
                assert isinstance(app.screen, HomeScreen)
            assert app.book.open_sessions() == []
    finally:
        app.book.close()
