"""Asking by name before something that cannot be undone: deleting an answer (its author
alone), a session or everything (each partner, in turn).

Nothing here is private (both are at the keyboard, and a "no" shows in that nothing goes), so
it is one screen, composed afresh for each partner's question. The first "No" ends it and
nothing is done; "No" has the focus on every question, so a stray Enter keeps everything.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from screens.base import UsesBook
from screens.plain import plain


@dataclass(frozen=True)
class Ask:
    """One partner's question, naming them, and what it means, as they read it."""

    question: str
    meaning: str


class ConfirmByName(UsesBook, ModalScreen[bool]):
    """Each ``Ask`` in turn; returns True only if every one was answered yes."""

    HELP = "confirm_by_name"

    BINDINGS = [Binding("escape", "keep", "Keep it", show=False)]

    def __init__(self, asks: list[Ask]) -> None:
        super().__init__()
        self.asks = asks
        self.at = 0

    def compose(self) -> ComposeResult:
        ask = self.asks[self.at]
        with Vertical(id="dialog"):
            yield Static(plain(ask.question), classes="lead")
            yield Static(plain(ask.meaning))
            with Horizontal(classes="buttons"):
                yield Button("Yes, delete it", id="confirm-yes", variant="error")
                yield Button("No, keep it", id="confirm-no", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#confirm-no", Button).focus()

    @on(Button.Pressed, "#confirm-yes")
    async def _yes(self) -> None:
        """The next partner's question, with buttons of its own: nothing one of them pressed
        (a second Enter included) can count as the other's answer."""
        self.at += 1
        if self.at == len(self.asks):
            self.dismiss(True)
            return
        await self.recompose()
        self.on_mount()

    @on(Button.Pressed, "#confirm-no")
    def action_keep(self) -> None:
        self.dismiss(False)
