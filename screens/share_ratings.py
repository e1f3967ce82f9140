"""The private screen every partner sees at every check-in, after rating and before anything
is saved: "share these ratings, or keep any unshared?", with the way to the resources.

It comes whatever the ratings are, so nothing about a rating shows in the number or timing of
screens. What is kept unshared goes back to the exercise as "" (not shared) and is never saved:
in every file and on every screen it is the same "not shared" as a rating never given. Only
its author sees this screen; after a break it closes, and the exercise hands over again.
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from screens.answer_area import MarkList
from screens.base import HandsOverAgain, UsesBook
from screens.plain import plain
from workbook.answers import NOTE
from workbook.content import Library
from workbook.turn_view import TurnView

SHARE, KEEP = "shared", "kept"


class ShareList(MarkList):
    """Each rating given (and the note, if written) with its choice in words: shared, or kept
    unshared. Each starts shared; Enter, space or a click changes it."""

    def __init__(self, view: TurnView, answer: dict[str, str], library: Library) -> None:
        self.library = library
        self.answer = answer
        self.labels = {o.id: o.label for o in view.options if answer.get(o.id)}
        if answer.get(NOTE):
            self.labels[NOTE] = view.note_label
        super().__init__(list(self.labels), [SHARE, KEEP], {}, id="share")

    def line(self, item: str) -> Text:
        choice = self.library.say(f"check_in.{self.marks[item]}")
        if item == NOTE:
            return plain(
                self.library.say("check_in.note_line", label=self.labels[item], choice=choice)
            )
        return plain(
            self.library.say(
                "check_in.line", measure=self.labels[item], rating=self.answer[item], choice=choice
            )
        )

    def shared(self) -> dict[str, str]:
        """The answer with every part kept unshared emptied: "" is "not shared"."""
        return {k: v if self.marks.get(k, SHARE) == SHARE else "" for k, v in self.answer.items()}


class ShareRatingsScreen(UsesBook, HandsOverAgain, ModalScreen[dict[str, str] | None]):
    """Dismisses with the answer to save (what is kept unshared emptied), or None to go back
    to the ratings (Escape), or when a break closed it."""

    HELP = "share_ratings"

    BINDINGS = [
        Binding("escape", "back", "Back to my ratings"),
        Binding("ctrl+s", "save", "Save", priority=True),
    ]

    def __init__(self, view: TurnView, answer: dict[str, str], names: dict[str, str]) -> None:
        super().__init__()
        self.view = view
        self.answer = answer
        self.names = names

    def compose(self) -> ComposeResult:
        library = self.book.library
        with Vertical(id="dialog"):
            yield Static(self.say("check_in.share_title", **self.names), classes="lead")
            yield Static(self.say("check_in.share_about", **self.names))
            yield ShareList(self.view, self.answer, library)
            yield Static(self.say("check_in.resources", **self.names), classes="quiet")
            with Horizontal(classes="buttons"):
                yield Button("Save", id="save", variant="primary")
                yield Button("Where to turn", id="where")
                yield Button("Back to my ratings", id="back")

    def on_mount(self) -> None:
        share = self.query_one(ShareList)
        (share if share.option_count else self.query_one("#save", Button)).focus()

    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        self.dismiss(self.query_one(ShareList).shared())

    @on(Button.Pressed, "#where")
    def _where(self) -> None:
        self.app.run_action("resources")

    @on(Button.Pressed, "#back")
    def action_back(self) -> None:
        self.dismiss(None)

    def back_from_break(self) -> None:
        self.dismiss(None)
