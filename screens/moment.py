"""One partner's moment for a therapist: what it is for, and a box starting with their moment as
it stands. Typing is kept as it happens (at most a second after any change, like an answer's
draft), and before the screen closes, the app quits or a break begins; a failed save says so
and the words stay in the box."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Footer, Header, Static, TextArea

from screens.answer_box import AnswerBox
from screens.typing import TypingScreen
from workbook.drafts import DraftThrottle
from workbook.models import PartnerId


class MomentScreen(TypingScreen):
    """Done (ctrl+s) and Back (escape) both keep the words and go back to Home."""

    HELP = "moment"

    BINDINGS = [
        Binding("ctrl+s", "done", "Done", priority=True),
        Binding("escape", "back", "Back"),
    ]

    def __init__(self, partner: PartnerId) -> None:
        super().__init__()
        self.partner = partner
        self.throttle = DraftThrottle(lambda text: self.book.note_moment(partner, text))

    def compose(self) -> ComposeResult:
        actor = self.book.name(self.partner)
        noted = self.book.moments().get(self.partner)
        yield Header()
        with VerticalScroll(id="moment"):
            yield Static(self.say("moment.title", actor=actor), classes="lead")
            yield Static(self.say("moment.about"))
        yield Static("", id="message", classes="message -empty")
        box = AnswerBox(
            noted.text if noted else "", id="moment-text", soft_wrap=True, show_line_numbers=False
        )
        box.placeholder = self.book.library.say("moment.placeholder")
        yield box
        with Horizontal(classes="buttons"):
            yield Button("Done", id="done", variant="primary")
        # Its own keys fill 80 columns: ctrl+p still works, and help (F1) names it.
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        box = self.query_one("#moment-text", TextArea)
        box.focus()
        box.move_cursor(box.document.end)

    @on(TextArea.Changed, "#moment-text")
    def _typed(self, event: TextArea.Changed) -> None:
        self.typed(event.text_area.text)

    def _kept(self) -> bool:
        """Whether the words in the box are saved, saving them now if not (False, with a
        message above the box, if that failed). Read from the box, not the throttle: a save
        that failed must be tried again even if nothing was typed since."""
        self.throttle.cancel()
        text = self.query_one("#moment-text", TextArea).text
        noted = self.book.moments().get(self.partner)
        if text == (noted.text if noted else ""):
            return True
        try:
            self.book.note_moment(self.partner, text)
        except OSError as error:
            self.say_problem(error)
            return False
        return True

    def keep_words(self) -> None:
        """Save unsaved typing now (the app calls this before quitting or a break)."""
        self._kept()

    @on(Button.Pressed, "#done")
    def action_done(self) -> None:
        self.action_back()

    def action_back(self) -> None:
        """Back to Home once the words are safe; if they could not be saved, stay with them."""
        if not self._kept():
            return
        noted = self.partner in self.book.moments()
        key = "moment.kept" if noted else "moment.cleared"
        self.app.notify(self.book.library.say(key, actor=self.book.name(self.partner)))
        self.dismiss()
