"""One agreement in full: its wording, whether it is in force, and its whole history; from
here the couple proposes new wording or reviews it, either partner alone reopens it, and both
together retire it.

More actions join the row under the agreement through ``AgreementScreen.actions``."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Button, Footer, Header, Input, Static

from screens.about_agreement import open_about_agreement
from screens.base import UsesBook
from screens.plain import plain
from workbook.agreement_sessions import AMEND_EXERCISE, REVIEW_EXERCISE
from workbook.agreement_view import Reading
from workbook.models import PARTNER_IDS, PartnerId


class AgreementScreen(UsesBook, Screen[None]):
    """One agreement: read again from the workbook each time it comes into view."""

    HELP = "agreement"

    BINDINGS = [Binding("escape", "back", "Back")]

    def __init__(self, agreement_id: str) -> None:
        super().__init__()
        self.agreement_id = agreement_id
        self.told: str | None = None
        """The texts key of what the last change did (or that nothing changed)."""
        self.shown_before = False

    def compose(self) -> ComposeResult:
        reading = self.book.read_agreement(self.agreement_id)
        yield Header()
        with VerticalScroll(id="agreement"):
            if self.told is not None:
                yield Static(self.say(self.told), id="told")
            yield Static(plain(reading.title), classes="heading")
            yield Static(plain(reading.standing), id="standing", classes=reading.status)
            yield Static(plain(reading.text), classes="agreement")
            yield Static(plain(reading.facts), classes="quiet")
            yield Static(plain(reading.category))
            for accepted in reading.accepted:
                yield Static(plain(accepted))
            yield Static(self.say("agreement.history"), classes="heading")
            for change in reading.history:
                yield Static(plain(change.heading), classes="change")
                if change.wording is not None:
                    yield Static(plain(change.wording), classes="agreement")
                for line in change.lines:
                    yield Static(plain(line), classes="change-line")
        with Horizontal(id="agreement-actions", classes="buttons"):
            yield from self.actions(reading)
            yield Button("Back", id="back")
        yield Footer(compact=True)

    def actions(self, reading: Reading) -> Iterator[Button]:
        """The buttons for what the couple can do with this agreement now (Back comes after
        them). Each button's handler below opens its own screen."""
        if reading.status != "retired":
            yield Button("New wording", id="amend")
            yield Button("Review", id="review")
        if reading.status == "active":
            yield Button("Reopen", id="reopen")
        if reading.status != "retired":
            yield Button("Retire", id="retire")

    def on_mount(self) -> None:
        self.query_one("#agreement-actions").query(Button).first().focus()

    async def on_screen_resume(self) -> None:
        """Back in view: the agreement may have changed meanwhile. (The first time it comes
        into view it was just composed: nothing to do, and keys already pressed stay put.)"""
        if not self.shown_before:
            self.shown_before = True
            return
        await self.recompose()
        self.on_mount()

    def _told(self, key: str | None) -> None:
        """Say what the dialog just did, at the top, once the agreement shows again."""
        self.told = key

    @on(Button.Pressed, "#amend")
    def _amend(self) -> None:
        open_about_agreement(self.app, self.book, AMEND_EXERCISE, self.agreement_id)

    @on(Button.Pressed, "#review")
    def _review(self) -> None:
        open_about_agreement(self.app, self.book, REVIEW_EXERCISE, self.agreement_id)

    @on(Button.Pressed, "#reopen")
    def _reopen(self) -> None:
        self.app.push_screen(
            ReopenScreen(self.agreement_id),
            lambda done: self._told("agreement.reopened" if done else None),
        )

    @on(Button.Pressed, "#retire")
    def _retire(self) -> None:
        self.app.push_screen(
            RetireScreen(self.agreement_id),
            lambda done: self._told("agreement.retired" if done else "agreement.kept"),
        )

    @on(Button.Pressed, "#back")
    def action_back(self) -> None:
        self.dismiss()


class ChangeDialog(UsesBook, ModalScreen[bool]):
    """A small dialog that changes one agreement; True once the change is saved. A save
    that fails says so and leaves the dialog (and anything typed) as it was."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, agreement_id: str) -> None:
        super().__init__()
        self.agreement_id = agreement_id

    def message_area(self) -> Static:
        return Static("", id="change-message", classes="message -empty")

    def saved(self, change: Callable[[], object]) -> None:
        """Run ``change`` (a call to the workbook); dismiss True if it was saved."""
        try:
            change()
        except OSError as error:
            message = self.query_one("#change-message", Static)
            message.update(self.say("agreement.not_saved", reason=error.strerror or str(error)))
            message.remove_class("-empty")
            return
        self.dismiss(True)

    def on_mount(self) -> None:
        self.query(Button).first().focus()

    @on(Button.Pressed, ".cancel")
    def action_cancel(self) -> None:
        self.dismiss(False)


class ReopenScreen(ChangeDialog):
    """Either partner alone: who they are (by name), an optional note, then reopen."""

    HELP = "reopen_agreement"

    def __init__(self, agreement_id: str) -> None:
        super().__init__(agreement_id)
        self.partner: PartnerId | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            if self.partner is None:
                yield Static(self.say("agreement.reopen_who"), classes="lead")
                with Horizontal(classes="buttons"):
                    for pid in PARTNER_IDS:
                        yield Button(plain(self.book.name(pid)), id=f"reopen-as-{pid}")
                    yield Button("Cancel", classes="cancel")
                return
            name = self.book.name(self.partner)
            yield Static(self.say("agreement.reopen_confirm", name=name), classes="lead")
            yield Input(placeholder=self.book.library.say("agreement.reopen_note"), id="note")
            yield self.message_area()
            with Horizontal(classes="buttons"):
                yield Button("Reopen it", id="reopen-confirm", variant="warning")
                yield Button("Cancel", classes="cancel")

    @on(Button.Pressed, "#reopen-as-a, #reopen-as-b")
    async def _who(self, event: Button.Pressed) -> None:
        self.partner = "a" if event.button.id == "reopen-as-a" else "b"
        await self.recompose()
        self.query_one("#note").focus()

    @on(Input.Submitted, "#note")
    def _to_confirm(self) -> None:
        self.query_one("#reopen-confirm").focus()

    @on(Button.Pressed, "#reopen-confirm")
    def _confirm(self) -> None:
        note, partner = self.query_one("#note", Input).value, self.partner
        assert partner is not None
        self.saved(lambda: self.book.reopen(self.agreement_id, partner, note))


class RetireScreen(ChangeDialog):
    """Both partners say yes, each by name, one after the other; a no from either leaves
    the agreement as it was."""

    HELP = "retire_agreement"

    def __init__(self, agreement_id: str) -> None:
        super().__init__(agreement_id)
        self.first_said_yes = False

    def compose(self) -> ComposeResult:
        first, second = (self.book.name(p) for p in PARTNER_IDS)
        if self.first_said_yes:
            words = self.say("agreement.retire_second", first=first, name=second)
        else:
            words = self.say("agreement.retire_first", name=first)
        with Vertical(id="dialog"):
            yield Static(words, classes="lead")
            yield self.message_area()
            with Horizontal(classes="buttons"):
                yield Button("Yes, retire it", id="retire-yes", variant="warning")
                yield Button("No, keep it", classes="cancel")

    @on(Button.Pressed, "#retire-yes")
    async def _yes(self) -> None:
        if self.first_said_yes:
            self.saved(lambda: self.book.retire(self.agreement_id))
            return
        self.first_said_yes = True
        await self.recompose()
        self.on_mount()
