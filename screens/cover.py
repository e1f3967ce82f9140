"""The cover: when someone walks in, either partner presses ctrl+l and the whole screen is at
once a neutral one, with no names, no footer and not a word of the workbook, until a key is
pressed or the screen is clicked. The app then returns where it was, through the hand-over of
a private page (``WorkbookApp.cover``)."""

from __future__ import annotations

from typing import Literal

from textual import events
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Static

from screens.base import UsesBook

CoverReason = Literal["privacy"]
"""Why the screen is covered ("privacy": ctrl+l). Each reason has its words in texts.toml,
[cover] ``<reason>_heading`` and ``<reason>_back``."""


class CoverScreen(UsesBook, Screen[None]):
    """A whole screen, not a dialog, so nothing of the screens under it is drawn at all; no
    widget takes the focus, so every key comes to ``on_key``."""

    DEFAULT_CSS = """
    CoverScreen {
        align: center middle;
        background: $surface;
    }
    CoverScreen Static {
        width: auto;
    }
    CoverScreen #cover-heading {
        text-style: bold;
    }
    CoverScreen #cover-back {
        margin: 1 0 0 0;
        color: $text-muted;
    }
    /* Notifications name partners ("Sam passed"): they wait, unseen, until the cover lifts. */
    CoverScreen Toast {
        display: none;
    }
    """

    def __init__(self, reason: CoverReason) -> None:
        super().__init__()
        self.reason = reason
        """Why it is up; it names the words shown."""

    def compose(self) -> ComposeResult:
        yield Static(self.say(f"cover.{self.reason}_heading"), id="cover-heading")
        yield Static(self.say(f"cover.{self.reason}_back"), id="cover-back")

    def on_key(self, event: events.Key) -> None:
        # Stopped here, so the key does nothing else (the app's own keys are off while the
        # cover is on top: see ``WorkbookApp.check_action``).
        event.stop()
        self._lift()

    def on_click(self, event: events.Click) -> None:
        event.stop()
        self._lift()

    def _lift(self) -> None:
        # Keys already queued here when the first lifted the cover (a held key, fast typing)
        # are dropped: each would otherwise close the screen then on top.
        if self.is_active:
            self.uncover()

    def uncover(self) -> None:
        """Any key or a click lifts the cover: the one place a variant that asks for more
        before it lifts (a lock) would change."""
        self.dismiss()
