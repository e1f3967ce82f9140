"""After a break or a safety check for both, the keyboard may have changed hands: a private
page is never shown again without its hand-over, even when help or resources were open over
it when the break began, and even when the check was started from help."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import TextArea

from screens.help import HelpScreen
from screens.resources import ResourcesScreen
from screens.safety import SafetyCheckScreen
from tests.app.hand_over import SAM_LOOKS_AWAY, assert_hand_over
from tests.app.pilot import running, screen_words, settle
from tests.app.time_out import call_break, ready
from workbook.clock import ManualClock
from workbook.safety import check_pages


async def _typing_in_private(pilot) -> None:  # type: ignore[no-untyped-def]
    """Alex, past the hand-over into the private appreciations, has typed a word."""
    await pilot.press("enter")
    await settle(pilot)
    await pilot.press(*"Warmth")


def _assert_word_kept(app) -> None:  # type: ignore[no-untyped-def]
    box = app.screen.query_one("#answer", TextArea)
    assert box.text == "Warmth"


@pytest.mark.parametrize(("key", "kind"), [("f1", HelpScreen), ("ctrl+r", ResourcesScreen)])
async def test_a_break_taken_from_help_or_resources_hands_over_again(
    data_folder: Path, key: str, kind: type
) -> None:
    clock = ManualClock()
    async with running(data_folder, "appreciations", clock) as (app, pilot):
        await _typing_in_private(pilot)
        await pilot.press(key)
        await settle(pilot)
        assert isinstance(app.screen, kind)
        await call_break(pilot)
        clock.advance(20 * 60)
        await ready(pilot)
        assert isinstance(app.screen, kind)  # back where they were
        await pilot.press("escape")
        await settle(pilot)
        assert_hand_over(pilot, SAM_LOOKS_AWAY)
        assert "Warmth" not in screen_words(pilot)
        await pilot.press("enter")
        await settle(pilot)
        _assert_word_kept(app)


async def test_the_check_for_both_from_help_ends_in_a_hand_over(data_folder: Path) -> None:
    async with running(data_folder, "appreciations") as (app, pilot):
        await _typing_in_private(pilot)
        await pilot.press("f1")
        await settle(pilot)
        await pilot.click("#safety-check")
        await settle(pilot)
        assert isinstance(app.screen, SafetyCheckScreen)
        for _ in check_pages(app.book.library, "couple", ("Alex", "Sam")):
            await pilot.press("enter")
        await settle(pilot)
        assert_hand_over(pilot, SAM_LOOKS_AWAY)  # help closed as the check began
        assert "Warmth" not in screen_words(pilot)
        await pilot.press("enter")
        await settle(pilot)
        _assert_word_kept(app)
