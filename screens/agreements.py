"""The agreements: a list, and a detail view with who agreed when."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Footer, Header, OptionList, Static
from textual.widgets.option_list import Option

from screens.base import UsesBook
from screens.plain import plain
from workbook.models import Agreement


class AgreementsScreen(UsesBook, Screen[None]):
    """Every agreement, newest first; opens on ``selected`` if given."""

    BINDINGS = [Binding("escape", "back", "Back")]

    def __init__(self, selected: str | None = None) -> None:
        super().__init__()
        self.selected = selected

    def compose(self) -> ComposeResult:
        library = self.book.library
        found = self.book.agreements()
        yield Header()
        with VerticalScroll(id="agreements-list"):
            yield Static(plain(library.say("home.agreements")), classes="heading")
            if not found:
                yield Static(self.say("agreements.empty"), classes="quiet")
            options = [
                Option(plain(f"{a.title} · {library.category_label(a.category)}"), id=a.id)
                for a in found
            ]
            yield OptionList(*options, id="agreement-options")
            yield Button("Back", id="back")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        options = self.query_one("#agreement-options", OptionList)
        if options.option_count:
            options.highlighted = 0
        options.focus()
        if self.selected is not None:
            self._open(self.selected)
            self.selected = None

    @on(OptionList.OptionSelected, "#agreement-options")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self._open(str(event.option.id))

    def _open(self, agreement_id: str) -> None:
        for agreement in self.book.agreements():
            if agreement.id == agreement_id:
                self.app.push_screen(AgreementScreen(agreement))

    @on(Button.Pressed, "#back")
    def action_back(self) -> None:
        self.dismiss()


class AgreementScreen(UsesBook, Screen[None]):
    """One agreement in full."""

    BINDINGS = [Binding("escape", "back", "Back")]

    def __init__(self, agreement: Agreement) -> None:
        super().__init__()
        self.agreement = agreement

    def compose(self) -> ComposeResult:
        a = self.agreement
        library = self.book.library
        partners = self.book.partners()
        exercise = library.exercises.get(a.exercise_id)
        yield Header()
        with VerticalScroll(id="agreement"):
            yield Static(plain(a.title), classes="heading")
            yield Static(plain(a.text), classes="agreement")
            yield Static(
                self.say("agreements.category", category=library.category_label(a.category))
            )
            if a.review_on is not None:
                yield Static(self.say("agreements.review_on", date=a.review_on.isoformat()))
            for acceptance in a.acceptances:
                yield Static(
                    self.say(
                        "agreements.accepted_by",
                        name=partners[acceptance.partner].name,
                        date=acceptance.at.date().isoformat(),
                    )
                )
            yield Static(
                self.say(
                    "agreements.from_exercise",
                    exercise=exercise.title if exercise else a.exercise_id,
                    date=a.created_at.date().isoformat(),
                ),
                classes="quiet",
            )
            yield Button("Back", id="back", variant="primary")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one("#back").focus()

    @on(Button.Pressed, "#back")
    def action_back(self) -> None:
        self.dismiss()
