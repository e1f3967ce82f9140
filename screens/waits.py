"""Why an exercise waits: chosen on Home before its prerequisites are done, it says why it
comes later and what to do together first, instead of opening."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from screens.base import UsesBook
from screens.plain import plain
from workbook.content_format import Exercise


class WaitsScreen(UsesBook, ModalScreen[None]):
    HELP = "waits"
    BINDINGS = [Binding("escape", "back", "Back", show=False)]

    def __init__(self, exercise: Exercise, waiting_for: tuple[str, ...]) -> None:
        super().__init__()
        self.exercise = exercise
        self.waiting_for = waiting_for

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(plain(self.exercise.title), classes="lead")
            yield Static(plain(self.exercise.waits), classes="waits")
            first = self.say("home.waits_first", exercises=", ".join(self.waiting_for))
            yield Static(first, classes="waits")
            yield Button("Back", id="back", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#back").focus()

    @on(Button.Pressed, "#back")
    def action_back(self) -> None:
        self.dismiss()
