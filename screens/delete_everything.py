"""The last block of Settings: delete everything. Each partner is asked by name, in turn, with
whose words go (both), what goes by kind, and that it cannot be undone; only if both say yes is
everything under the data folder deleted (``Workbook.delete_everything``), and the app closes
with one plain sentence saying so."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Static

from screens.base import UsesBook
from screens.confirm_by_name import Ask, ConfirmByName
from screens.plain import plain


class DeleteEverything(UsesBook, Vertical):
    DEFAULT_CSS = "DeleteEverything { height: auto; margin: 1 0 0 0; }"

    def compose(self) -> ComposeResult:
        yield Static(self.say("delete.everything_about"))
        with Horizontal(classes="buttons"):
            yield Button("Delete everything", id="delete-everything", variant="error")

    @on(Button.Pressed, "#delete-everything")
    def _ask(self) -> None:
        book, say = self.book, self.book.library.say
        partners = book.partners()
        whose = say("delete.whose", a=partners["a"].name, b=partners["b"].name)
        meaning = "\n".join(
            [
                say("delete.everything_what", whose=whose, folder=str(book.store.folder)),
                *(f"  {line}" for line in book.everything().said(book.library)),
                say("delete.everything_after"),
            ]
        )
        asks = [Ask(say("delete.everything_ask", actor=p.name), meaning) for p in partners.values()]
        self.app.push_screen(ConfirmByName(asks), self._answered)

    def _answered(self, yes: bool | None) -> None:
        say = self.book.library.say
        if not yes:
            self.notify(say("delete.kept"))
            return
        folder = str(self.book.store.folder)
        try:
            self.book.delete_everything()
        except OSError as error:
            words = say("delete.cut_short", reason=error.strerror or str(error))
        else:
            words = say("delete.closing", folder=folder)
        self.app.exit(message=plain(words))
