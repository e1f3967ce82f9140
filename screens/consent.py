"""Consent in private, at the moment a sensitive exercise opens (or is picked up again).

Each partner in turn, behind a hand-over, is asked alone whether they would like to do it
today. The second partner is asked even if the first said no, and sees exactly the same
pages whatever the first answered, so nothing on screen tells anyone what the other said.
Then both see one outcome. The answers live only in this screen until the outcome is known,
and the core stores only that outcome (``Workbook.consent``), never who said what.
"""

from __future__ import annotations

from datetime import date
from typing import Literal

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from screens.base import HandsOverAgain, UsesBook
from screens.handover import clear_clipboard
from workbook.content_format import Exercise
from workbook.models import PARTNER_IDS, other

Page = Literal["handover", "ask", "outcome"]


class ConsentScreen(UsesBook, HandsOverAgain, ModalScreen[bool]):
    """Returns True only if both partners said yes, in private. Before anyone has answered,
    Back (or escape) returns False and nothing is kept."""

    HELP = "consent"

    BINDINGS = [Binding("escape", "back", "Back", show=False)]

    def __init__(self, exercise: Exercise, resuming: bool) -> None:
        super().__init__()
        self.exercise = exercise
        self.resuming = resuming
        self.page: Page = "handover"
        self.turn = 0
        """Which partner is at the screen: 0 for the first, 1 for the second."""
        self._all_yes: bool | None = True
        """Whether everyone asked so far said yes; forgotten (None) once the outcome shows."""
        self._until: date | None = None
        """Once both have answered and it did not open: the day it is offered again."""
        self._opened = False

    def compose(self) -> ComposeResult:
        library = self.book.library
        with Vertical(id="dialog"):
            yield Static("", id="consent-words", classes="lead")
            yield Static("", id="consent-quiet", classes="quiet")
            with Horizontal(id="consent-buttons"):
                yield Button("Continue", id="continue", variant="primary")
                yield Button(library.say("consent.yes"), id="yes")
                yield Button(library.say("consent.no"), id="no")
                yield Button("Back", id="back")

    def on_mount(self) -> None:
        self._show()

    def _names(self) -> dict[str, str]:
        partner = PARTNER_IDS[self.turn]
        return {
            "actor": self.book.name(partner),
            "other": self.book.name(other(partner)),
            "exercise": self.exercise.title,
        }

    def _words(self) -> tuple[str, str]:
        """The lead sentence and the quiet line under it, for the page showing now."""
        library, names = self.book.library, self._names()
        if self.page == "handover":
            return library.say("consent.handover", **names), library.say(
                "consent.handover_ready", **names
            )
        if self.page == "ask":
            key = "consent.ask_resume" if self.resuming else "consent.ask"
            return library.say(key, **names), ""
        if self._opened:
            return library.say("consent.opened"), ""
        when = self._until.isoformat() if self._until else ""
        return library.say("consent.not_today", date=when), ""

    def _show(self) -> None:
        """Lay out the page in place: its words and only its buttons."""
        words, quiet = self._words()
        self.query_one("#consent-words", Static).update(words)
        quiet_line = self.query_one("#consent-quiet", Static)
        quiet_line.update(quiet)
        quiet_line.display = bool(quiet)
        shown = {
            "continue": self.page != "ask",
            "yes": self.page == "ask",
            "no": self.page == "ask",
            "back": self._may_go_back(),
        }
        for button_id, visible in shown.items():
            self.query_one(f"#{button_id}", Button).display = visible
        # On the question, a stray Enter means "Not today": opening takes a deliberate yes.
        self.query_one("#no" if self.page == "ask" else "#continue", Button).focus()

    def _may_go_back(self) -> bool:
        return self.page == "handover" and self.turn == 0

    # -- input ---------------------------------------------------------------------------

    @on(Button.Pressed, "#continue")
    def _continue(self) -> None:
        if self.page == "handover":
            clear_clipboard(self.app)
            self.page = "ask"
            self._show()
        else:
            self.dismiss(self._opened)

    @on(Button.Pressed, "#yes")
    def _yes(self) -> None:
        self._answer(True)

    @on(Button.Pressed, "#no")
    def _no(self) -> None:
        self._answer(False)

    def _answer(self, yes: bool) -> None:
        self._all_yes = bool(self._all_yes) and yes
        if self.turn == 0:
            self.turn, self.page = 1, "handover"
        else:
            self._until = self.book.consent(self.exercise.id, bool(self._all_yes))
            self._opened = self._until is None
            self._all_yes = None
            self.page = "outcome"
        self._show()

    @on(Button.Pressed, "#back")
    def action_back(self) -> None:
        if self._may_go_back():
            self.dismiss(False)

    def back_from_break(self) -> None:
        """Back from a time-out during the question: through the hand-over again."""
        if self.page == "ask":
            self.page = "handover"
            self._show()
