"""Helpers for the Pilot tests of privacy on screen (``test_privacy_on_screen.py`` and
``test_menu_on_screen.py``): who Alex and Sam are, the private hand-over between them, and the
session being played."""

from __future__ import annotations

from screens.handover import HandOverScreen
from tests.app.pilot import screen_words

ALEX_ID, SAM_ID = "a", "b"

ALEX_LOOKS_AWAY = ("Alex, please look away", "Sam, press Enter")
SAM_LOOKS_AWAY = ("Sam, please look away", "Alex, press Enter")


def assert_hand_over(pilot, looks_away: tuple[str, str]) -> None:  # type: ignore[no-untyped-def]
    """A private hand-over is on top, asking the right partner to look away, and it is opaque:
    nothing of the turn behind it shows through."""
    screen = pilot.app.screen
    assert isinstance(screen, HandOverScreen)
    words = screen_words(pilot)
    for sentence in looks_away:
        assert sentence in words
    assert screen.styles.background.a == 1


def session_id(app) -> str:  # type: ignore[no-untyped-def]
    [entry] = app.book.open_sessions()
    return str(entry.id)
