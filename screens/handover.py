"""A pause between turns that changes who holds the floor: read together, then Enter."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from screens.base import UsesBook
from screens.plain import plain


class HandOverScreen(UsesBook, ModalScreen[None]):
    BINDINGS = [Binding("enter", "continue", "Continue")]

    def __init__(self, words: str) -> None:
        super().__init__()
        self.words = words

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(plain(self.words), classes="lead")
            yield Static(self.say("handover.ready"), classes="quiet")
            yield Button("Continue", id="continue", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#continue").focus()

    @on(Button.Pressed, "#continue")
    def action_continue(self) -> None:
        self.dismiss()
