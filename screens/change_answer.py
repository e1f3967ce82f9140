"""Changing the last answer, by its author, until the other partner responds to it.

The exercise screen of the partner who holds the floor offers it (``change_offer``): one
sentence and a button that names the author, so it is plain whose action it is. The floor then
passes back to the author for a moment, through a hand-over naming them if the step was
private (``open_change``); they see the step as they had it, starting from their answer, and
save a correction or take the answer back (asked once). What may change, and how the session
goes on, the core decides (``workbook.take_back``).
"""

from __future__ import annotations

from collections.abc import Callable

from textual import on
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Button, Footer, OptionList, Static

from screens.answer_area import answer_input, focus_answer, read_answer, step_words
from screens.base import HandsOverAgain, UsesBook
from screens.handover import HandOverScreen
from screens.plain import plain
from workbook.answers import AnswerError
from workbook.book import Workbook
from workbook.book_take_back import LastTurn
from workbook.engine import Move
from workbook.models import Session, other
from workbook.take_back import NotChangeable
from workbook.turn_view import TurnView

Changed = Move | Session | None
"""What the author did: the correction's move, the session after taking back, or nothing."""


def names_of(book: Workbook, last: LastTurn) -> dict[str, str]:
    """The answer's author, and the partner who has not responded yet."""
    return {"author": book.name(last.author), "other": book.name(other(last.author))}


def change_offer(book: Workbook, last: LastTurn) -> ComposeResult:
    """The offer on the exercise screen of the partner who holds the floor."""
    names = names_of(book, last)
    yield Static(plain(book.library.say("take_back.offer", **names)), classes="notice")
    label = f"{names['author']}: change my last answer"
    yield Button(label, id="change-last", compact=True)


def open_change(
    app: App[object],
    book: Workbook,
    session_id: str,
    last: LastTurn,
    done: Callable[[Changed], None],
) -> None:
    """The floor to ``last``'s author: a hand-over naming them if the step was private, then
    their answer. If it can no longer change (say, the exercise changed), a note says why."""
    names = names_of(book, last)
    try:
        view = book.change_view(session_id)
    except NotChangeable as refusal:
        app.notify(book.library.say(refusal.key, **names))
        return
    screen = ChangeAnswerScreen(session_id, last, view)
    if not last.private:
        app.push_screen(screen, done)
        return
    app.push_screen(hand_over_to_author(book, last), lambda _: app.push_screen(screen, done))


def hand_over_to_author(book: Workbook, last: LastTurn) -> HandOverScreen:
    names = names_of(book, last)
    say = book.library.say
    return HandOverScreen(
        say("take_back.handover", **names), say("take_back.handover_ready", **names)
    )


class ChangeAnswerScreen(UsesBook, HandsOverAgain, Screen[Changed]):
    """The author's last answer, to correct (ctrl+s, or choosing again) or take back."""

    HELP = "change_answer"

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", priority=True),
        Binding("escape", "keep", "Keep"),
    ]

    def __init__(self, session_id: str, last: LastTurn, view: TurnView) -> None:
        super().__init__()
        self.session_id = session_id
        self.last = last
        self.view = view
        self.names = names_of(self.book, last)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return action != "save" or self.last.rewordable

    def compose(self) -> ComposeResult:
        colour = self.book.partners()[self.last.author].colour
        title = self.book.library.say("take_back.title", **self.names)
        with Vertical(id="turn"):
            yield Static(plain(title, f"bold {colour}"), id="banner")
            yield Static(self.say("take_back.about", **self.names), id="meanwhile")
        with VerticalScroll(id="ask"):
            yield from step_words(self.view, self.say)
            yield Static(self.say("take_back.now"), classes="shown-label")
            yield Static(plain(self.last.words), classes="shown")
            key = "take_back.change_below" if self.last.rewordable else "take_back.only_back"
            if self.view.kind == "ratings":  # rated again only with the choice of what to share
                key = "check_in.only_back"
            yield Static(self.say(key), classes="notice")
        yield Static("", id="message", classes="message -empty")
        if self.last.rewordable:
            yield from answer_input(self.view, self.book.library)
        with Horizontal(classes="buttons"):
            if self.last.rewordable and self.view.kind != "choice":
                yield Button("Save the change", id="save", variant="primary")
            yield Button("Take it back", id="take-back")
            yield Button("Keep it as it is", id="keep")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        focus_answer(self, "#take-back")

    def tell(self, key: str, **more: str) -> None:
        message = self.query_one("#message", Static)
        message.update(self.say(key, **self.names, **more))
        message.remove_class("-empty")

    def _changing(self, change: Callable[[], Move | Session], done: str) -> None:
        """Run a correction or a taking back; on success say so and go back to the
        exercise, else say why here (the words stay in the box)."""
        try:
            result = change()
        except AnswerError as problem:
            message = self.query_one("#message", Static)
            message.update(plain(str(problem)))
            message.remove_class("-empty")
            return
        except NotChangeable as refusal:
            self.tell(refusal.key)
            return
        except OSError as error:
            self.tell("my_answers.not_saved", reason=error.strerror or str(error))
            return
        self.app.notify(self.book.library.say(done, **self.names))
        self.dismiss(result)

    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        value = read_answer(self, self.view.kind)
        last = self.last
        self._changing(
            lambda: self.book.correct(self.session_id, last.author, last.turn_id, value),
            "take_back.changed_now",
        )

    @on(OptionList.OptionSelected, "#choices")
    def _chosen(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#take-back")
    def _take_back(self) -> None:
        """Asked once; taken back on yes."""
        self.app.push_screen(TakeBackDialog(), self._confirmed)

    def _confirmed(self, yes: bool | None) -> None:
        if not yes:
            return
        last = self.last
        self._changing(
            lambda: self.book.withdraw(self.session_id, last.author, last.turn_id),
            "take_back.back_now",
        )

    @on(Button.Pressed, "#keep")
    def action_keep(self) -> None:
        self.dismiss(None)

    def back_from_break(self) -> None:
        """After a break the other partner may be at the keyboard: a private answer's
        hand-over comes again."""
        if self.last.private:
            self.app.push_screen(hand_over_to_author(self.book, self.last))


class TakeBackDialog(UsesBook, ModalScreen[bool]):
    """Take the answer back? Dismisses True to take it back, False to keep it."""

    HELP = "take_back"

    BINDINGS = [Binding("escape", "keep", "Keep it")]

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(self.say("take_back.confirm"), classes="lead")
            with Horizontal(classes="buttons"):
                yield Button("Take it back", id="yes", variant="primary")
                yield Button("Keep it", id="no")

    def on_mount(self) -> None:
        self.query_one("#no").focus()

    @on(Button.Pressed, "#yes")
    def _yes(self) -> None:
        self.dismiss(True)

    @on(Button.Pressed, "#no")
    def action_keep(self) -> None:
        self.dismiss(False)
