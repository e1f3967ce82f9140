"""A gentle check before an answer is saved: the words noticed, quoted, each with its note,
and a question. It is not an error and asks nothing of the writer: "Rephrase" goes back to the
answer box with every word still there, "Keep my words" saves them exactly as written.

Nothing is saved or cleared while it shows; the exercise screen behind it keeps the words (and
their draft) the whole time. After a break or a check for both it closes by itself, so the
exercise can hand over again before anything is shown."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from screens.base import HandsOverAgain, UsesBook
from screens.plain import plain
from workbook.wording_check import Noticed


class WordingCheckScreen(UsesBook, HandsOverAgain, ModalScreen[bool | None]):
    """Dismisses True to keep the words, False to rephrase, None when a break or a check for
    both closed it (the exercise then brings back its own answer box, handing over if due)."""

    HELP = "wording_check"

    BINDINGS = [Binding("escape", "rephrase", "Rephrase")]

    def __init__(self, noticed: list[Noticed]) -> None:
        super().__init__()
        self.noticed = noticed

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(self.say("wording.title"), classes="lead")
            yield Static(self.say("wording.intro"))
            with VerticalScroll(id="noticed"):
                for found in self.noticed:
                    yield Static(self.say("wording.quoted", words=found.words), classes="words")
                    yield Static(plain(found.note), classes="quiet")
            yield Static(self.say("wording.ask"), id="wording-ask")
            with Horizontal(classes="buttons"):
                yield Button("Rephrase", id="rephrase", variant="primary")
                yield Button("Keep my words", id="keep")

    def on_mount(self) -> None:
        self.query_one("#rephrase").focus()

    @on(Button.Pressed, "#rephrase")
    def action_rephrase(self) -> None:
        self.dismiss(False)

    @on(Button.Pressed, "#keep")
    def _keep(self) -> None:
        self.dismiss(True)

    def back_from_break(self) -> None:
        self.dismiss(None)
