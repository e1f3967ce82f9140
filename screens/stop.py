"""Stopping for today: asked once, then a short closing for both. Nothing is lost: what is
open is paused the moment they choose to stop, and the app closes once they have read the
closing."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from screens.base import UsesBook


class StopScreen(UsesBook, ModalScreen[bool]):
    """Dismisses True once the closing has been read, False to go back."""

    HELP = "stop"

    BINDINGS = [Binding("escape", "go_back", "Go back")]

    def __init__(self) -> None:
        super().__init__()
        self.stopping = False
        """False while asking, True once the closing shows."""

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            if self.stopping:
                yield Static(self.say("stop.closing"), classes="lead")
                yield Button("Close the workbook", id="close", variant="primary")
            else:
                yield Static(self.say("stop.ask"), classes="lead")
                with Horizontal(classes="buttons"):
                    yield Button("Stop for today", id="stop", variant="primary")
                    yield Button("Go back", id="back")

    def on_mount(self) -> None:
        self.query_one(Button).focus()

    @on(Button.Pressed, "#stop")
    async def _stop(self) -> None:
        self.app.stop_for_today()
        self.stopping = True
        await self.recompose()
        self.query_one("#close").focus()

    @on(Button.Pressed, "#close")
    def _close(self) -> None:
        self.dismiss(True)

    @on(Button.Pressed, "#back")
    def action_go_back(self) -> None:
        if not self.stopping:
            self.dismiss(False)
