"""Two shipped exercises end to end, by keys only, at 80x24.

A full apology: Alex apologises in parts, Sam asks for more once, stops for today, and on
another sitting says what landed; nobody is asked to forgive. Commitments: both commit, choose
a day to look again, and the session waits for that day on a manual clock; once it has come
they look back together and the summary shows what each committed to.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from textual.pilot import Pilot

from screens.exercise import ExerciseScreen
from screens.home import HomeScreen
from screens.summary import SummaryScreen
from tests.app.pilot import (
    answer,
    choose,
    paste,
    reopened,
    running,
    screen_text,
    screen_words,
    settle,
    type_text,
)
from workbook.clock import ManualClock
from workbook.content import load_library

DAY = 24 * 60 * 60


def banner(pilot: Pilot[None]) -> str:
    return next(line.strip() for line in screen_text(pilot).splitlines() if "'s turn." in line)


async def all_words(pilot: Pilot[None]) -> str:
    """Everything on a scrolling screen: page down with the keys until nothing new shows."""
    await pilot.press("home")
    await settle(pilot)
    seen = [screen_words(pilot)]
    for _ in range(20):
        await pilot.press("pagedown")
        await settle(pilot)
        now = screen_words(pilot)
        if now == seen[-1]:
            break
        seen.append(now)
    return " ".join(seen)


async def paste_answer(pilot: Pilot[None], text: str) -> None:
    """A sentence-long answer arrives as one paste; ctrl+s hands it over."""
    await paste(pilot, text)
    await pilot.press("ctrl+s")
    await settle(pilot)


async def resume_from_home(pilot: Pilot[None], session_id: str) -> None:
    """Home puts the waiting sessions first and focuses them: arrows and Enter."""
    assert isinstance(pilot.app.screen, HomeScreen)
    await choose(pilot, f"session:{session_id}", "#sessions")
    assert isinstance(pilot.app.screen, ExerciseScreen)


# -- A full apology --------------------------------------------------------------------------

APOLOGY = {
    "what": "I read your messages without asking",
    "own": "I was wrong to go behind your back",
    "impact": "I understand it left you feeling watched",
    "remorse": "I am sorry I broke your trust",
    "plan": "I will ask you first, every time",
}
STILL = "That it stops"
ADDED = "I will not read them again. I will ask you first."
LANDED = "Feeling watched"


def test_apology_never_asks_anyone_to_forgive() -> None:
    """No prompt and no choice in the exercise asks for forgiveness (the purpose and a hint
    say plainly that nobody has to forgive; that is allowed)."""
    apology = load_library().exercises["apology"]
    for step in apology.steps:
        asked = " ".join([step.prompt, *(c.label for c in step.choices)]).lower()
        assert "forgive" not in asked, step.id


async def test_apology_with_a_loop_a_pause_and_what_landed(data_folder: Path) -> None:
    async with running(data_folder, "apology") as (app, pilot):
        # the roles screen's first option: Alex apologises, Sam receives
        [entry] = app.book.open_sessions()
        session_id = entry.id
        assert app.book.load(session_id).session.roles == {"apologising": "a", "receiving": "b"}

        for step_id, words in APOLOGY.items():
            assert app.book.load(session_id).session.step_id == step_id
            assert banner(pilot) == "Alex's turn. You are the partner apologising."
            await paste_answer(pilot, words)

        # Sam reads the whole apology and asks for more
        assert banner(pilot) == "Sam's turn. You are the partner receiving the apology."
        seen = screen_words(pilot)
        assert "Alex's apology:" in seen
        assert APOLOGY["what"] in seen
        assert "I'll say what I still need" in seen
        assert "forgive me" not in seen.lower() and "do you forgive" not in seen.lower()
        await choose(pilot, "still_need")
        assert banner(pilot).startswith("Sam's turn.")
        assert "what do you still need to hear from Alex?" in screen_words(pilot)
        await answer(pilot, STILL)

        # Alex sees what Sam still needs, and adds to the apology
        assert banner(pilot) == "Alex's turn. You are the partner apologising."
        seen = screen_words(pilot)
        assert "What Sam still needs to hear:" in seen and STILL in seen
        await paste_answer(pilot, ADDED)

        # back to Sam, with the addition in the apology; not today
        assert banner(pilot).startswith("Sam's turn.")
        assert app.book.load(session_id).session.step_id == "response"
        await choose(pilot, "not_today")
        assert isinstance(app.screen, HomeScreen)
        home = screen_words(pilot)
        assert "Pick up where you left off" in home
        assert "A full apology · paused at step 6 · Sam goes next" in home
        [waiting] = app.book.open_sessions()
        assert (waiting.id, waiting.status, waiting.step_id) == (session_id, "paused", "response")

        # later: pick it up from Home; this time Sam says what landed
        await resume_from_home(pilot, session_id)
        assert banner(pilot) == "Sam's turn. You are the partner receiving the apology."
        await choose(pilot, "landed")
        assert "tell Alex what landed" in screen_words(pilot)
        await answer(pilot, LANDED)
        assert banner(pilot).startswith("Alex's turn. This one is for each of you")
        await answer(pilot, "Thank you")
        assert banner(pilot).startswith("Sam's turn. This one is for each of you")
        await answer(pilot, "I heard you")

        assert isinstance(app.screen, SummaryScreen)
        summary = await all_words(pilot)
        assert "You finished A full apology" in summary
        for words in APOLOGY.values():
            assert f"Alex: {words}" in summary
        assert f"Alex: {ADDED}" in summary
        assert f"Sam: {STILL}" in summary
        assert f"Sam: {LANDED}" in summary
        assert "forgive" not in summary.lower()

        # who said what: the apologising partner writes the apology, the receiving one answers
        turns = app.book.load(session_id).turns
        assert [(t.step_id, t.partner) for t in turns] == [
            ("what", "a"),
            ("own", "a"),
            ("impact", "a"),
            ("remorse", "a"),
            ("plan", "a"),
            ("response", "b"),
            ("still", "b"),
            ("add", "a"),
            ("response", "b"),
            ("response", "b"),
            ("what_landed", "b"),
            ("last_words", "a"),
            ("last_words", "b"),
        ]
        assert [t.value for t in turns if t.step_id == "response"] == [
            "still_need",
            "not_today",
            "landed",
        ]
        assert not any(t.passed for t in turns)
        assert app.book.open_sessions() == []


# -- Commitments, with its follow-up on a manual clock ----------------------------------------

ALEX_COMMIT = "I will text when I leave work"
SAM_COMMIT = "I will cook on Sundays"


async def agree(pilot: Pilot[None], name: str) -> None:
    assert banner(pilot).startswith(f"{name}'s turn.")
    await pilot.press("ctrl+s")
    await settle(pilot)


async def test_commitments_wait_for_the_day_then_look_back(data_folder: Path) -> None:
    clock = ManualClock()  # 2026-01-01
    follow_up = date(2026, 1, 15)
    async with running(data_folder, "commitments", clock=clock) as (app, pilot):
        [entry] = app.book.open_sessions()
        session_id = entry.id
        assert banner(pilot).startswith("Alex's turn. This one is for each of you")
        await paste_answer(pilot, ALEX_COMMIT)
        assert banner(pilot).startswith("Sam's turn.")
        await paste_answer(pilot, SAM_COMMIT)
        # how we will know: each sees their own commitment above the box
        assert banner(pilot).startswith("Alex's turn.")
        assert ALEX_COMMIT in screen_words(pilot) and SAM_COMMIT not in screen_words(pilot)
        await answer(pilot, "A text")
        assert SAM_COMMIT in screen_words(pilot) and ALEX_COMMIT not in screen_words(pilot)
        await answer(pilot, "Dinner")

        # Alex looks at both and finds them clear
        assert banner(pilot).startswith("Alex's turn. You are the partner who starts")
        assert ALEX_COMMIT in screen_words(pilot) and SAM_COMMIT in screen_words(pilot)
        await choose(pilot, "yes")

        # Sam picks the day: the box starts four weeks ahead; clear it and type the date
        assert banner(pilot).startswith("Sam's turn. You are the partner who goes second")
        assert "2026-01-29" in screen_text(pilot)
        await pilot.press("ctrl+a", "ctrl+k")
        await type_text(pilot, follow_up.isoformat())
        await pilot.press("enter")
        await settle(pilot)

        # both promise
        assert "You will look again on: 2026-01-15" in screen_words(pilot)
        await agree(pilot, "Alex")
        await agree(pilot, "Sam")

        # the follow-up waits for the day: back to Home, which says when it comes back
        session = app.book.load(session_id).session
        assert (session.step_id, session.status) == ("follow_up", "paused")
        assert isinstance(app.screen, HomeScreen)
        assert "Commitments · comes back on 2026-01-15" in screen_words(pilot)
        due_note = "This part is set for 2026-01-15, the day you chose."

        # opened again before the day: the note is there still
        clock.advance(7 * DAY)
        await resume_from_home(pilot, session_id)
        assert due_note in screen_words(pilot)
        await pilot.press("ctrl+o")
        await settle(pilot)
        assert "Commitments · comes back on 2026-01-15" in screen_words(pilot)

    # the day after the chosen day, in a new sitting
    clock.advance(8 * DAY)
    assert clock.now().date() == date(2026, 1, 16)
    async with reopened(data_folder, clock) as (app, pilot):
        home = screen_words(pilot)
        assert "comes back on" not in home
        assert "Commitments · paused at step 6 · Alex goes next" in home
        await resume_from_home(pilot, session_id)
        assert "This part is set for" not in screen_words(pilot)
        assert "Welcome back. Alex, are you ready" in screen_words(pilot)
        await agree(pilot, "Alex")
        await agree(pilot, "Sam")

        assert banner(pilot).startswith("Alex's turn.")
        assert ALEX_COMMIT in screen_words(pilot)
        await choose(pilot, "kept")
        assert banner(pilot).startswith("Sam's turn.")
        assert SAM_COMMIT in screen_words(pilot)
        await choose(pilot, "partly")
        assert banner(pilot).startswith("Alex's turn.")
        assert "How it went for Alex: I kept it" in screen_words(pilot)
        await paste_answer(pilot, "A reminder on my phone")
        assert "How it went for Sam: I partly kept it" in screen_words(pilot)
        await answer(pilot, "A plan")

        assert isinstance(app.screen, SummaryScreen)
        summary = await all_words(pilot)
        assert "You finished Commitments" in summary
        assert f"Alex: {ALEX_COMMIT}" in summary
        assert f"Sam: {SAM_COMMIT}" in summary
        assert "Alex: chose “I kept it”" in summary
        assert "Sam: chose “I partly kept it”" in summary
        assert app.book.open_sessions() == []

        turns = app.book.load(session_id).turns
        assert [(t.step_id, t.partner) for t in turns] == [
            ("commit", "a"),
            ("commit", "b"),
            ("how_we_know", "a"),
            ("how_we_know", "b"),
            ("clear", "a"),
            ("follow_up_on", "b"),
            ("promise", "a"),
            ("promise", "b"),
            ("follow_up", "a"),
            ("follow_up", "b"),
            ("kept", "a"),
            ("kept", "b"),
            ("what_helps", "a"),
            ("what_helps", "b"),
        ]
        assert next(t.value for t in turns if t.step_id == "follow_up_on") == "2026-01-15"
