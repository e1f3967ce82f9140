"""A milestone, celebrated once: a short calm screen for both partners, naming them, the
milestone and its day, with a warm line and Continue. Home shows each new one when it appears
(``celebrate_next``), one after another."""

from __future__ import annotations

import contextlib

from textual import on
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from screens.base import UsesBook
from screens.plain import plain
from workbook.book import Workbook
from workbook.milestone_rules import award, celebrated, to_celebrate
from workbook.models import Milestone


class CelebrateScreen(UsesBook, ModalScreen[None]):
    BINDINGS = [Binding("escape", "done", "Continue", show=False)]

    def __init__(self, milestone: Milestone) -> None:
        super().__init__()
        self.milestone = milestone

    def compose(self) -> ComposeResult:
        partners = self.book.partners()
        a, b = partners["a"].name, partners["b"].name
        day = self.milestone.on.isoformat()
        with Vertical(id="dialog"):
            yield Static(self.say("milestones.celebrate_heading", a=a, b=b), classes="quiet")
            yield Static(plain(self.milestone.title), classes="lead")
            yield Static(self.say("milestones.celebrate_on", date=day), classes="quiet")
            yield Static(self.say("milestones.celebrate_words"), classes="waits")
            yield Button("Continue", id="continue", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#continue").focus()

    @on(Button.Pressed, "#continue")
    def action_done(self) -> None:
        """Kept as celebrated before it closes, so it never shows again (if that cannot be
        saved, a full disk, it shows once more another time: nothing else is lost)."""
        with contextlib.suppress(OSError):
            celebrated(self.book, self.milestone)
        self.dismiss()


def celebrate_next(app: App[None], book: Workbook) -> None:
    """Notice any new milestones, then celebrate the earliest not celebrated yet (the next
    comes when Home appears again, after this one closes)."""
    if any(isinstance(screen, CelebrateScreen) for screen in app.screen_stack):
        return
    try:
        award(book)
    except OSError:
        return  # not saved (a full disk): noticed the next time Home appears
    waiting = to_celebrate(book)
    if waiting:
        app.push_screen(CelebrateScreen(waiting[0]))
