"""The closing summary: what was said, what was agreed, and a short closing for both."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Button, Footer, Header, Static

from screens.base import UsesBook
from screens.plain import plain


class SummaryScreen(UsesBook, Screen[None]):
    HELP = "summary"
    BINDINGS = [Binding("enter", "home", "Home"), Binding("escape", "home", "Home", show=False)]

    class AmendAsked(Message):
        """The couple chose to go on from a review into new wording for its agreement."""

        def __init__(self, agreement_id: str) -> None:
            super().__init__()
            self.agreement_id = agreement_id

    def __init__(self, session_id: str) -> None:
        super().__init__()
        self.session_id = session_id
        self.amend: str | None = None
        """The agreement a review leads on to new wording for, if one of them asked."""

    def compose(self) -> ComposeResult:
        summary = self.book.summary(self.session_id)
        self.amend = self.book.amend_after(self.session_id)
        yield Header()
        with VerticalScroll(id="summary"):
            yield Static(plain(summary.outcome), classes="lead")
            for agreement in summary.agreements:
                made = agreement.origin == self.session_id  # else it has new wording
                key = "summary.agreement_made" if made else "summary.agreement_amended"
                yield Static(self.say(key), classes="heading")
                yield Static(plain(agreement.text), classes="agreement")
                if agreement.review_on is not None:
                    yield Static(
                        self.say("summary.review_on", date=agreement.review_on.isoformat())
                    )
            for milestone in summary.milestones:
                yield Static(self.say("summary.milestone_made"), classes="heading")
                yield Static(plain(milestone.title), classes="agreement")
            yield Static(self.say("summary.heading"), classes="heading")
            if not summary.lines:
                yield Static(self.say("summary.nothing"), classes="quiet")
            for line in summary.lines:
                said = f"{line.author}: {line.text}" if line.author else line.text
                if line.author and "\n" in line.text:  # a check-in: the name above its lines
                    said = "\n".join(
                        [f"{line.author}:", *(f"  {t}" for t in line.text.split("\n"))]
                    )
                yield Static(plain(said), classes="shown quiet" if line.passed else "shown")
            yield Static(plain(summary.closing), classes="lead")
            if self.amend is not None:
                yield Static(self.say("review.leads_to_amend"), classes="lead")
                with Horizontal(classes="buttons"):
                    yield Button("Write new wording now", id="amend", variant="primary")
                    yield Button("Another day", id="home")
            else:
                yield Button("Back to Home", id="home", variant="primary")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        # Focus the text, not the button at its end, so it opens scrolled to the top.
        self.query_one("#summary").focus()

    @on(Button.Pressed, "#home")
    def action_home(self) -> None:
        self.dismiss()

    @on(Button.Pressed, "#amend")
    def _amend(self) -> None:
        assert self.amend is not None
        self.app.post_message(self.AmendAsked(self.amend))
        self.dismiss()
