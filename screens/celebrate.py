"""New milestones, each celebrated once: a short calm screen for both partners, naming them,
each milestone and its day, with a warm line and Continue. Home shows it when it appears
(``celebrate_next``): every milestone noticed since the last time on one screen, so a workbook
with a long history (say, from before milestones were noticed) is not one screen after
another."""

from __future__ import annotations

import contextlib

from textual import on
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from screens.base import UsesBook
from screens.plain import plain
from workbook.book import Workbook
from workbook.milestone_rules import award, celebrated, to_celebrate
from workbook.models import Milestone


class CelebrateScreen(UsesBook, ModalScreen[None]):
    HELP = "celebrate"
    BINDINGS = [Binding("escape", "done", "Continue", show=False)]

    DEFAULT_CSS = """
    CelebrateScreen #celebrated { height: auto; max-height: 12; }
    """

    def __init__(self, milestones: list[Milestone]) -> None:
        super().__init__()
        self.milestones = milestones

    def compose(self) -> ComposeResult:
        partners = self.book.partners()
        a, b = partners["a"].name, partners["b"].name
        with Vertical(id="dialog"):
            yield Static(self.say("milestones.celebrate_heading", a=a, b=b), classes="quiet")
            with VerticalScroll(id="celebrated"):
                for milestone in self.milestones:
                    yield Static(plain(milestone.title), classes="lead")
                    day = milestone.on.isoformat()
                    yield Static(self.say("milestones.celebrate_on", date=day), classes="quiet")
            yield Static(self.say("milestones.celebrate_words"), classes="waits")
            yield Button("Continue", id="continue", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#continue").focus()

    @on(Button.Pressed, "#continue")
    def action_done(self) -> None:
        """Kept as celebrated before it closes, so none shows again (if that cannot be saved,
        a full disk, they show once more another time: nothing else is lost)."""
        with contextlib.suppress(OSError):
            for milestone in self.milestones:
                celebrated(self.book, milestone)
        self.dismiss()


def celebrate_next(app: App[None], book: Workbook) -> None:
    """Notice any new milestones, then celebrate every one not celebrated yet, together."""
    if any(isinstance(screen, CelebrateScreen) for screen in app.screen_stack):
        return
    try:
        award(book)
    except OSError:
        return  # not saved (a full disk): noticed the next time Home appears
    waiting = to_celebrate(book)
    if waiting:
        app.push_screen(CelebrateScreen(waiting))
