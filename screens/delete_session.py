"""Delete a session (from Home): every session, open or ended, newest change first. Choosing
one asks each partner by name, in turn (``ConfirmByName``); only if both say yes is it
deleted, backups included (``Workbook.delete_session``, which says what stays)."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Footer, Header, OptionList, Static
from textual.widgets.option_list import Option

from screens.base import UsesBook
from screens.confirm_by_name import Ask, ConfirmByName
from screens.plain import plain
from workbook.clock import local_day
from workbook.models import SessionIndexEntry


class DeleteSessionScreen(UsesBook, Screen[None]):
    HELP = "delete_session"
    BINDINGS = [Binding("escape", "back", "Back")]
    DEFAULT_CSS = """
    #delete-sessions { padding: 0 2; }
    #delete-sessions #back { margin: 1 0; }
    """

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="delete-sessions"):
            yield Static(self.say("delete.sessions_heading"), classes="lead")
            yield Static(self.say("delete.sessions_about"), classes="quiet")
            yield OptionList(id="sessions-to-delete")
            yield Static(self.say("delete.sessions_empty"), id="none-to-delete", classes="quiet")
            yield Button("Back", id="back")
        yield Static("", id="message", classes="message -empty")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self._list()

    def _list(self) -> None:
        options = self.query_one("#sessions-to-delete", OptionList)
        options.clear_options()
        for entry in self.book.every_session():
            options.add_option(Option(plain(self._line(entry)), id=entry.id))
        options.display = options.option_count > 0
        self.query_one("#none-to-delete").display = options.option_count == 0
        options.highlighted = 0 if options.option_count else None
        (options if options.option_count else self.query_one("#back")).focus()

    def _named(self, entry: SessionIndexEntry) -> dict[str, str]:
        """The session as the couple knows it: its title and the day it started."""
        known = entry.exercise_id in self.book.library.exercises
        title = self.book.session_title(entry) if known else entry.exercise_id
        return {"exercise": title, "date": local_day(entry.started_at).isoformat()}

    def _line(self, entry: SessionIndexEntry) -> str:
        status = self.book.library.say(f"delete.status_{entry.status}")
        return self.book.library.say("delete.session_row", status=status, **self._named(entry))

    @on(OptionList.OptionSelected, "#sessions-to-delete")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        """Alex, then Sam: each asked by name whether it may go."""
        session_id = str(event.option.id)
        entry = next(e for e in self.book.every_session() if e.id == session_id)
        say = self.book.library.say
        what = say("delete.session_what", **self._named(entry))
        asks = [
            Ask(say("delete.session_ask", actor=partner.name), what)
            for partner in self.book.partners().values()
        ]
        self.app.push_screen(ConfirmByName(asks), lambda yes: self._answered(session_id, yes))

    def _answered(self, session_id: str, yes: bool | None) -> None:
        say = self.book.library.say
        if not yes:
            self._tell(say("delete.kept"))
            return
        try:
            left = self.book.delete_session(session_id)
        except OSError as error:
            self._tell(say("delete.not_done", reason=error.strerror or str(error)))
            return
        words = say("delete.session_deleted")
        if left:
            words += " " + say("delete.left", paths=", ".join(str(p) for p in left))
        self._tell(words)
        self._list()

    def _tell(self, words: str) -> None:
        message = self.query_one("#message", Static)
        message.update(plain(words))
        message.remove_class("-empty")

    @on(Button.Pressed, "#back")
    def action_back(self) -> None:
        self.dismiss()
