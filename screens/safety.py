"""The private safety check, one page at a time, in place.

It covers the whole screen so nothing behind it shows. The pages come from
``workbook.safety.check_pages`` before anyone answers; choosing an answer only moves on, and
the answer is not kept, not even in a variable: every page looks the same and comes in the
same order whatever was chosen. No timers, nothing that depends on an answer.
"""

from __future__ import annotations

from functools import cached_property

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, OptionList, Static

from screens.base import HandsOverAgain, UsesBook
from screens.handover import clear_clipboard
from screens.plain import plain
from screens.resource_list import ResourceList
from workbook.safety import CheckMode, Page, back_from_break, check_pages


class SafetyCheckScreen(UsesBook, HandsOverAgain, ModalScreen[None]):
    """Walks the check's pages and dismisses None after the last one (the app decides what
    follows: set-up on first run, back where they were otherwise)."""

    HELP = "safety_check"

    BINDINGS = [Binding("enter", "next", "Continue")]

    def __init__(self, mode: CheckMode) -> None:
        super().__init__()
        self.mode: CheckMode = mode
        self.index = 0
        """The page shown now."""

    @cached_property
    def pages(self) -> list[Page]:
        """Every page, decided once from the mode and the names, before anyone answers."""
        names = [partner.name for partner in self.book.partners().values()]
        pair = (names[0], names[1]) if self.mode == "couple" and len(names) == 2 else None
        return check_pages(self.book.library, self.mode, pair)

    @property
    def page(self) -> Page:
        return self.pages[self.index]

    def compose(self) -> ComposeResult:
        page = self.page
        with Vertical(id="dialog", classes=f"safety-{page.kind}"):
            if page.heading:
                yield Static(plain(page.heading), classes="heading")
            yield Static(plain(page.lead), classes="lead")
            if page.answers:
                yield OptionList(*(plain(a) for a in page.answers), id="safety-answers")
            for note in page.notes:
                yield Static(plain(note), classes="quiet")
            if page.kind == "resources":  # after its notes, so they are never scrolled away
                yield ResourceList(id="safety-resources")
            yield Static(self.say("safety.leave_hint"), classes="quiet", id="leave-hint")
            with Horizontal(classes="buttons"):
                if not page.answers:
                    yield Button("Continue", id="continue", variant="primary")
                yield Button("Leave now", id="leave-now")

    def on_mount(self) -> None:
        self._settle_focus()

    async def _show(self, index: int) -> None:
        self.index = index
        if self.page.kind == "handover":
            clear_clipboard(self.app)
        await self.recompose()
        self._settle_focus()

    def _settle_focus(self) -> None:
        """Focus what Enter should act on: the first answer ("No"), the list of where to
        turn (so the arrow keys scroll it), or Continue."""
        if self.page.answers:
            answers = self.query_one("#safety-answers", OptionList)
            answers.highlighted = 0
            answers.focus()
        elif self.page.kind == "resources":
            self.query_one("#safety-resources").focus()
        else:
            self.query_one("#continue").focus()

    @on(OptionList.OptionSelected, "#safety-answers")
    @on(Button.Pressed, "#continue")
    async def action_next(self) -> None:
        """On, whatever was chosen: the choice itself is dropped here, unread."""
        if self.index + 1 < len(self.pages):
            await self._show(self.index + 1)
        else:
            self.dismiss(None)

    @on(Button.Pressed, "#leave-now")
    async def _leave(self) -> None:
        await self.app.run_action("quit")

    def back_from_break(self) -> None:
        """After a time-out the other partner may be at the keyboard: a private page goes
        back through its person's hand-over."""
        self.call_later(self._show, back_from_break(self.pages, self.index))
