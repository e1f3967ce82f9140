"""The reveal: both partners' private answers side by side, once both have answered."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from screens.base import UsesBook
from screens.plain import plain
from workbook.reveal import RevealView


class RevealScreen(UsesBook, ModalScreen[None]):
    HELP = "reveal"
    BINDINGS = [Binding("enter", "continue", "Continue")]

    def __init__(self, reveal: RevealView) -> None:
        super().__init__()
        self.reveal = reveal

    def compose(self) -> ComposeResult:
        reveal = self.reveal
        with Vertical(id="dialog"):
            yield Static(plain(reveal.heading), classes="lead")
            with VerticalScroll(id="revealed"):
                for line in reveal.lines:
                    if line.author:
                        yield Static(plain(f"{line.author}:", "bold"), classes="shown-label")
                    yield Static(plain(line.text), classes="shown")
                if reveal.note:
                    yield Static(plain(reveal.note), classes="quiet")
            yield Static(self.say("reveal.go_on"), classes="quiet")
            yield Button("Continue", id="continue", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#continue").focus()

    @on(Button.Pressed, "#continue")
    def action_continue(self) -> None:
        self.dismiss()
