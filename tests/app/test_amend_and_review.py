"""Amending and reviewing an agreement by keys (and one click on Home's notice), at 80x24:
new wording with one counter-proposal keeps the old wording in the history (acceptance 1); a
one-sided "agree" and a decline leave the agreement as it was (acceptance 1); a due review
shows on Home by the injectable clock, and completing it keeps both ratings, revealed together,
and a new date, then "needs to change" leads on into new wording (acceptance 2)."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from textual.pilot import Pilot

from screens.agreement_detail import AgreementScreen
from screens.exercise import ExerciseScreen
from screens.handover import HandOverScreen
from screens.home import HomeScreen
from screens.reveal import RevealScreen
from screens.summary import SummaryScreen
from screens.today_notice import TodayNotice
from tests.app.agreements_on_screen import LATE, at_agreement, press, seeded, to_button
from tests.app.pilot import choose, reopened, screen_words, settle, type_text
from tests.unit.agreements_made import MADE_AT
from workbook.clock import ManualClock
from workbook.content import load_library

SAY = load_library().say
PROPOSED = LATE.text + " Or we call"
COUNTERED = PROPOSED + " first"


pytestmark = pytest.mark.usefixtures("in_utc")


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(MADE_AT + timedelta(days=40))  # 2026-02-10


async def new_wording_proposed(pilot: Pilot[None]) -> None:
    """From the agreement's screen: New wording, Alex proposing, the box starting from the
    wording as it stands, and Alex's words added to it."""
    await to_button(pilot, "amend")
    await press(pilot, "enter", "enter")  # New wording; Alex proposes
    screen = pilot.app.screen
    assert isinstance(screen, ExerciseScreen)
    assert SAY("amend.purpose") not in screen_words(pilot)
    assert screen.view.start_text == LATE.text
    await press(pilot, "ctrl+end")
    await type_text(pilot, " Or we call")
    await press(pilot, "ctrl+s")


async def counter_proposed_and_accepted(pilot: Pilot[None]) -> None:
    """Sam suggests a change (the box starts from Alex's words); Alex accepts it; the area
    starts where it was; Sam sets the next date: both are asked to agree."""
    assert SAY("amend.as_it_stands") in screen_words(pilot)
    assert LATE.text in screen_words(pilot) and PROPOSED in screen_words(pilot)
    await choose(pilot, "change")
    await press(pilot, "ctrl+end")
    await type_text(pilot, " first")
    await press(pilot, "ctrl+s")
    await choose(pilot, "accept")
    await press(pilot, "enter")  # the area, as it was
    await type_text(pilot, "2026-03-15")  # over the date offered, which starts selected
    await press(pilot, "enter")
    assert "until you both agree, it stays as it was" in screen_words(pilot)


async def test_new_wording_with_one_counter_proposal_keeps_the_old_wording(
    data_folder: Path, clock: ManualClock
) -> None:
    async with at_agreement(data_folder, clock, LATE) as (app, pilot):
        await new_wording_proposed(pilot)
        await counter_proposed_and_accepted(pilot)
        await press(pilot, "ctrl+s", "ctrl+s")  # Alex, then Sam: agree
        assert isinstance(app.screen, SummaryScreen)
        assert SAY("summary.agreement_amended") in screen_words(pilot)

        saved = app.book.agreement(LATE.id)
        assert (saved.text, saved.status, saved.category) == (COUNTERED, "active", "communication")
        assert saved.review_on == date(2026, 3, 15)
        assert [(h.what, h.text) for h in saved.history] == [
            ("made", LATE.text),
            ("amended", COUNTERED),
        ]
        assert len(app.book.agreements()) == 1

        await press(pilot, "enter")  # back to the agreement: both wordings in its history
        assert isinstance(app.screen, AgreementScreen)
        await press(pilot, "shift+tab", "end")
        words = screen_words(pilot)
        assert "First wording, agreed by Alex and Sam on 2026-01-01: █ " + LATE.text in words
        assert "New wording, agreed by Alex and Sam on 2026-02-10: █ " + COUNTERED in words


async def test_new_wording_one_partner_agrees_to_alone_changes_nothing(
    data_folder: Path, clock: ManualClock
) -> None:
    async with at_agreement(data_folder, clock, LATE) as (app, pilot):
        await new_wording_proposed(pilot)
        await counter_proposed_and_accepted(pilot)
        await press(pilot, "ctrl+s", "ctrl+n")  # Alex agrees; Sam: not yet
        assert isinstance(app.screen, AgreementScreen)
        assert app.book.agreement(LATE.id) == LATE
        words = screen_words(pilot)
        assert SAY("agreement.standing_active") in words and COUNTERED not in words
        [waiting] = app.book.open_sessions()
        assert (waiting.status, waiting.agreement_id) == ("paused", LATE.id)

        await press(pilot, "enter")  # New wording again: the paused draft is picked up
        assert isinstance(app.screen, ExerciseScreen)
        assert app.screen.session_id == waiting.id
        assert "Alex's turn" in screen_words(pilot) and COUNTERED in screen_words(pilot)


async def test_a_decline_leaves_the_agreement_as_it_was(
    data_folder: Path, clock: ManualClock
) -> None:
    async with at_agreement(data_folder, clock, LATE) as (app, pilot):
        await new_wording_proposed(pilot)
        await choose(pilot, "aside")  # Sam sets it aside
        assert isinstance(app.screen, SummaryScreen)
        assert app.book.agreement(LATE.id) == LATE
        assert app.book.open_sessions() == []
        await press(pilot, "enter")
        assert SAY("agreement.standing_active") in screen_words(pilot)
        assert PROPOSED not in screen_words(pilot)


# -- a review that is due -------------------------------------------------------------------


async def rated_in_private(pilot: Pilot[None], rating: str) -> None:
    """Through the hand-over, then a rating on the review's first step."""
    assert isinstance(pilot.app.screen, HandOverScreen)
    await press(pilot, "enter")
    await choose(pilot, rating)


async def noted_in_private(pilot: Pilot[None], note: str) -> None:
    assert isinstance(pilot.app.screen, HandOverScreen)
    await press(pilot, "enter")
    await type_text(pilot, note)
    await press(pilot, "ctrl+s")


async def test_a_due_review_on_home_keeps_both_ratings_and_a_new_date(
    data_folder: Path, clock: ManualClock
) -> None:
    seeded(data_folder, clock, LATE)
    async with reopened(data_folder, clock) as (app, pilot):
        assert isinstance(app.screen, HomeScreen)
        suggestion = app.screen.query_one(TodayNotice).suggestion
        assert suggestion is None or suggestion.kind != "review"  # not due before 2026-03-01

    clock.advance(19 * 24 * 3600)  # 2026-03-01, the review date
    async with reopened(data_folder, clock) as (app, pilot):
        due = SAY("review.due_one", title=LATE.title.removesuffix("."))
        assert due in screen_words(pilot)
        await pilot.click("#today-start")
        await settle(pilot)
        await press(pilot, "enter")  # Alex answers first
        await rated_in_private(pilot, "keeping")
        await rated_in_private(pilot, "change")

        assert isinstance(app.screen, RevealScreen)  # both ratings, together
        words = screen_words(pilot)
        assert "Alex: We are keeping it well" in words and "Sam: It needs to change" in words
        await press(pilot, "enter")
        await noted_in_private(pilot, "Mostly fine")
        await noted_in_private(pilot, "Evenings are hard")
        await press(pilot, "enter")  # the notes, together
        await type_text(pilot, "2026-03-29")  # over the date offered
        await press(pilot, "enter", "ctrl+s", "ctrl+s")

        saved = app.book.agreement(LATE.id)
        review = saved.history[-1]
        assert (review.what, review.by) == ("reviewed", ["a", "b"])
        assert review.ratings == {"a": "keeping", "b": "change"}
        assert review.notes == {"a": "Mostly fine", "b": "Evenings are hard"}
        assert review.review_on == saved.review_on == date(2026, 3, 29)
        assert (saved.text, saved.status) == (LATE.text, "active")

        assert isinstance(app.screen, SummaryScreen)  # "needs to change": new wording next
        assert SAY("review.leads_to_amend") in screen_words(pilot)
        await pilot.click("#amend")
        await settle(pilot)
        await press(pilot, "enter")  # Alex proposes
        screen = app.screen
        assert isinstance(screen, ExerciseScreen) and screen.view.start_text == LATE.text
        [amending] = app.book.open_sessions()
        assert (amending.exercise_id, amending.agreement_id) == ("boundary-drafting", LATE.id)


async def test_not_now_sets_the_due_review_aside_for_this_sitting(
    data_folder: Path, clock: ManualClock
) -> None:
    clock.advance(19 * 24 * 3600)
    seeded(data_folder, clock, LATE)
    async with reopened(data_folder, clock) as (app, pilot):
        due = SAY("review.due_one", title=LATE.title.removesuffix("."))
        assert due in screen_words(pilot)  # today's one suggestion
        await pilot.click("#today-later")
        await settle(pilot)
        assert not app.screen.query_one("#today").display
        assert due not in screen_words(pilot)
        assert app.book.agreement(LATE.id) == LATE
