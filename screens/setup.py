"""First run: the two partners' names."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Footer, Header, Input, Label, Static

from screens.base import UsesBook
from screens.home import HomeScreen
from workbook.book import NameError_


class SetupScreen(UsesBook, Screen[None]):
    HELP = "setup"

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="setup"):
            yield Static(self.say("setup.intro"), classes="lead")
            yield Static(self.say("setup.ask_names"))
            yield Label(self.say("setup.name_a"))
            yield Input(id="name-a", max_length=40)
            yield Label(self.say("setup.name_b"))
            yield Input(id="name-b", max_length=40)
            yield Static("", id="message", classes="message -empty")
            yield Button("Begin", id="begin", variant="primary")
            yield Static(self.say("app.not_therapy"), classes="quiet")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one("#name-a").focus()

    @on(Input.Submitted, "#name-a")
    def _next_name(self) -> None:
        self.query_one("#name-b", Input).focus()

    @on(Input.Submitted, "#name-b")
    @on(Button.Pressed, "#begin")
    def _begin(self) -> None:
        try:
            self.book.set_partners(
                self.query_one("#name-a", Input).value, self.query_one("#name-b", Input).value
            )
        except NameError_ as problem:
            message = self.query_one("#message", Static)
            message.update(self.say(str(problem)))
            message.remove_class("-empty")
            return
        self.app.switch_screen(HomeScreen())
