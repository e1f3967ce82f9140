"""My answers: one partner's own view of everything they wrote, reached only through a
hand-over naming them (and again after a break, as the keyboard may have changed hands).

Grouped by session, newest first, each answer with its question and the partner's words. For
an answer its author may choose to let into an export, a toggle saves the choice at once;
the others say where they go (shared, never, or nowhere as the other has not seen them). Once
the other partner has responded to one, its author may hide it from the summary and exports
(``hide_toggle``). What may be chosen, and what leaves, the core decides
(``workbook.my_answers``).
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Footer, Header, Static

from screens.base import HandsOverAgain, UsesBook
from screens.confirm_by_name import Ask, ConfirmByName
from screens.handover import HandOverScreen
from screens.hide_toggle import hiding
from screens.plain import plain
from workbook.book import Workbook
from workbook.models import PartnerId, other
from workbook.my_answers import MyAnswer


def names_of(book: Workbook, partner: PartnerId) -> dict[str, str]:
    """``partner`` as ``actor``, the other as ``other``: how this page's sentences name them."""
    return {"actor": book.name(partner), "other": book.name(other(partner))}


def hand_over_to(book: Workbook, partner: PartnerId) -> HandOverScreen:
    """The hand-over naming ``partner`` before their own answers show."""
    names = names_of(book, partner)
    say = book.library.say
    return HandOverScreen(
        say("my_answers.handover", **names), say("my_answers.handover_ready", **names)
    )


def open_my_answers(app: App[object], book: Workbook, partner: PartnerId) -> None:
    """From Home: the hand-over naming ``partner``, then their answers."""
    app.push_screen(
        hand_over_to(book, partner), lambda _: app.push_screen(MyAnswersScreen(partner))
    )


def toggle_label(opted_in: bool) -> str:
    return "In the export: yes" if opted_in else "In the export: no"


class MyAnswersScreen(UsesBook, HandsOverAgain, Screen[None]):
    """One partner's answers. Tab moves between the toggles; Enter flips one."""

    HELP = "my_answers"

    BINDINGS = [Binding("escape", "back", "Back")]

    def __init__(self, partner: PartnerId) -> None:
        super().__init__()
        self.partner = partner
        self.toggles: dict[str, tuple[str, str, bool]] = {}
        """Button id -> (session id, turn id, opted in now)."""
        self.deletions: dict[str, tuple[str, str]] = {}
        """Button id -> (session id, turn id) of an answer only its author has seen."""

    def compose(self) -> ComposeResult:
        book = self.book
        names = names_of(book, self.partner)
        found = book.my_answers(self.partner)
        deletable = book.deletable_answers(self.partner)
        yield Header()
        with VerticalScroll(id="my-answers"):
            yield Static(self.say("my_answers.title", **names), classes="lead")
            yield Static(self.say("my_answers.about"), classes="quiet")
            if not found:
                yield Static(self.say("my_answers.empty"), classes="quiet")
            for session in found:
                day = session.started_on.isoformat()
                yield Static(
                    self.say("my_answers.session", exercise=session.exercise, date=day),
                    classes="heading",
                )
                for answer in session.answers:
                    yield Static(plain(answer.prompt), classes="asked")
                    yield Static(plain(answer.words), classes="said")
                    if answer.goes != "opt_in":
                        yield Static(self.say(f"my_answers.{answer.goes}", **names), classes="goes")
                        if answer.turn_id in deletable:  # only ever one the other has not seen
                            yield self._delete_button(answer.session_id, answer.turn_id)
                    else:
                        yield self._opt_toggle(answer)
                    yield from hiding(self.partner, answer, self.say, names)
            yield Button("Back", id="back")
        yield Static("", id="message", classes="message -empty")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        first = next(iter(self.toggles), "back")
        self.query_one(f"#{first}").focus(scroll_visible=False)

    @on(Button.Pressed, ".opt")
    def _flip(self, event: Button.Pressed) -> None:
        """Opt the answer in or out, saved at once; a failed save says so and changes
        nothing on screen."""
        button_id = str(event.button.id)
        session_id, turn_id, opted_in = self.toggles[button_id]
        try:
            self.book.opt_in(self.partner, session_id, turn_id, not opted_in)
        except OSError as error:
            self._tell(self.say("my_answers.not_saved", reason=error.strerror or str(error)))
            return
        self.toggles[button_id] = (session_id, turn_id, not opted_in)
        event.button.label = toggle_label(not opted_in)
        self.notify(
            self.book.library.say("my_answers.out_now" if opted_in else "my_answers.in_now")
        )

    def _opt_toggle(self, answer: MyAnswer) -> Button:
        button_id = f"opt-{answer.turn_id}"
        self.toggles[button_id] = (answer.session_id, answer.turn_id, answer.opted_in)
        label = toggle_label(answer.opted_in)
        return Button(label, id=button_id, compact=True, classes="opt")

    def _delete_button(self, session_id: str, turn_id: str) -> Button:
        button_id = f"delete-{turn_id}"
        self.deletions[button_id] = (session_id, turn_id)
        return Button("Delete", id=button_id, compact=True, classes="delete")

    @on(Button.Pressed, ".delete")
    def _delete(self, event: Button.Pressed) -> None:
        """Ask its author by name first; it goes only on their yes."""
        session_id, turn_id = self.deletions[str(event.button.id)]
        say, names = self.book.library.say, names_of(self.book, self.partner)
        ask = Ask(say("delete.answer_ask", **names), say("delete.answer_what", **names))
        self.app.push_screen(
            ConfirmByName([ask]), lambda yes: self._deleted(session_id, turn_id, yes)
        )

    async def _deleted(self, session_id: str, turn_id: str, yes: bool | None) -> None:
        say = self.book.library.say
        if not yes:
            self.notify(say("delete.kept"))
            return
        try:
            left = self.book.delete_answer(self.partner, session_id, turn_id)
        except OSError as error:
            self._tell(plain(say("delete.not_done", reason=error.strerror or str(error))))
            return
        await self.recompose()
        self.on_mount()
        words = say("delete.answer_deleted")
        if left:
            words += " " + say("delete.left", paths=", ".join(str(p) for p in left))
        self.notify(words)

    def _tell(self, words: Text) -> None:
        message = self.query_one("#message", Static)
        message.update(words)
        message.remove_class("-empty")

    def back_from_break(self) -> None:
        """After a break the other partner may be at the keyboard: hand over again."""
        self.app.push_screen(hand_over_to(self.book, self.partner))

    @on(Button.Pressed, "#back")
    def action_back(self) -> None:
        self.dismiss()
