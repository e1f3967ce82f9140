"""The Textual app: opens on set-up or Home, keeps the sitting, and quits without losing words."""

from __future__ import annotations

from pathlib import Path
from typing import Protocol, runtime_checkable

from textual.app import App
from textual.binding import Binding

from screens.home import HomeScreen
from screens.setup import SetupScreen
from workbook.book import Workbook


@runtime_checkable
class KeepsWords(Protocol):
    """A screen holding unsaved typing, which it saves before the app closes."""

    def keep_words(self) -> None: ...


class WorkbookApp(App[None]):
    # Absolute, so a subclass defined elsewhere (a benchmark, a test) finds the stylesheet too.
    CSS_PATH = Path(__file__).with_name("app.tcss")
    BINDINGS = [Binding("ctrl+q", "quit", "Quit", priority=True, id="quit")]
    ENABLE_COMMAND_PALETTE = False

    def __init__(self, book: Workbook) -> None:
        super().__init__()
        self.book = book
        self.title = book.library.say("app.title")
        self.sub_title = book.library.say("app.subtitle")

    def on_mount(self) -> None:
        self.book.begin_sitting()
        if self.book.needs_setup():
            self.push_screen(SetupScreen())
        else:
            self.push_screen(HomeScreen())

    async def action_quit(self) -> None:
        """Save any half-typed answer first, then close."""
        if isinstance(self.screen, KeepsWords):
            self.screen.keep_words()
        self.exit()
