"""A hand-over between turns: read the words, then Enter. It covers the whole screen, so
nothing of the turn behind it shows, and it clears the app's clipboard as it opens, so
nothing one partner copied can be pasted by the other."""

from __future__ import annotations

from textual import on
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from screens.base import UsesBook
from screens.plain import plain


def clear_clipboard(app: App[object]) -> None:
    """Empty the app's clipboard at a hand-over, so nothing one partner copied can be pasted
    by the other. Every hand-over calls this: this screen, and the ones the safety check and
    consent show in place."""
    app.copy_to_clipboard("")


class HandOverScreen(UsesBook, ModalScreen[None]):
    HELP = "handover"
    BINDINGS = [Binding("enter", "continue", "Continue")]

    def __init__(self, words: str, ready: str) -> None:
        super().__init__()
        self.words = words
        self.ready = ready

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(plain(self.words), classes="lead")
            yield Static(plain(self.ready), classes="quiet")
            yield Button("Continue", id="continue", variant="primary")

    def on_mount(self) -> None:
        clear_clipboard(self.app)
        self.query_one("#continue").focus()

    @on(Button.Pressed, "#continue")
    def action_continue(self) -> None:
        self.dismiss()
