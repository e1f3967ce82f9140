"""Today on Home: the one suggestion (``workbook.today``) in words, with a button that starts
it and "Not now". Home gives the Start button the focus, so Enter alone starts it."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Label, Static

from screens.base import UsesBook
from screens.plain import plain
from workbook.today import Suggestion, SuggestionKind, suggest

#: What the Start button says for each kind of suggestion.
START_LABELS: dict[SuggestionKind, str] = {
    "review": "Look at it now",
    "follow_up": "Pick it up",
    "resume": "Pick it up",
    "check_in": "Start",
    "visit": "Start",
}


class TodayNotice(UsesBook, Vertical):
    DEFAULT_CSS = """
    TodayNotice { height: auto; }
    TodayNotice .buttons { margin: 1 0 0 0; }
    """

    suggestion: Suggestion | None = None
    set_aside = False
    """ "Not now" was chosen: no suggestion for the rest of this sitting."""

    def compose(self) -> ComposeResult:
        yield Label(self.say("today.heading"), classes="heading")
        yield Static("", id="today-words", classes="notice")
        with Horizontal(classes="buttons"):
            yield Button("Start", id="today-start", variant="primary")
            yield Button("Not now", id="today-later")

    def show(self, quiet: bool) -> None:
        """Work out today's suggestion and show it, unless it was set aside or ``quiet`` (a
        break agreed earlier is still running)."""
        self.suggestion = None if self.set_aside or quiet else suggest(self.book)
        self.display = self.suggestion is not None
        if self.suggestion is not None:
            self.query_one("#today-words", Static).update(plain(self.suggestion.words))
            self.query_one("#today-start", Button).label = START_LABELS[self.suggestion.kind]
