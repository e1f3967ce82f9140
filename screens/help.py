"""Help, from any screen with F1: what the screen it was pressed on is for and what it asks
(an exercise: this step, whose turn it is, and how turns work), the keys that work there and
everywhere, that this is not therapy, and the way to the safety check and to where to turn.
It covers the whole screen, so a private answer being typed behind it never shows."""

from __future__ import annotations

from typing import Any

from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Button, Footer, Static

from screens.base import UsesBook
from screens.help_topics import (
    ExplainsNow,
    helped_screen,
    keys,
    moving_keys,
    screen_keys,
    topic_of,
)
from screens.plain import plain
from screens.safety import SafetyCheckScreen

#: Room between the key column and what each key does.
KEY_GAP = 2


class HelpScreen(UsesBook, ModalScreen[str | None]):
    """Returns "safety_check" or "resources" for the app to open, or None (Back, escape)."""

    BINDINGS = [Binding("escape", "back", "Back")]

    def __init__(self, stack: list[Screen[Any]]) -> None:
        super().__init__()
        self.under = helped_screen(stack)
        """The screen help is about (``stack``: the app's screens, the top one last)."""

    def compose(self) -> ComposeResult:
        under, topic = self.under, topic_of(self.under)
        here = screen_keys(under, self._does) + moving_keys(under, self.say)
        everywhere = keys(type(self.app).BINDINGS, self.app, self._does)
        width = max(len(key) for key, _ in here + everywhere)
        with Vertical(id="help"):
            yield Static(self._heading(topic), classes="heading")
            with VerticalScroll(id="help-text"):
                if topic:
                    yield Static(self.say(f"help_screens.{topic}"))
                if isinstance(under, ExplainsNow):
                    yield from under.help_now()
                yield Static(self.say("help.keys_here_heading"), classes="lead")
                yield Static(key_table(here, width), classes="keys")
                yield Static(self.say("help.keys_heading"), classes="lead")
                yield Static(key_table(everywhere, width), classes="keys")
                yield Static(self.say("help.about"), classes="notice")
                yield Static(self.say("help.not_therapy"), classes="quiet")
                yield Static(self.say("help.safety_check"), classes="notice")
                yield Static(self.say("help.resources"))
            with Horizontal(classes="buttons"):
                yield Button("Take the safety check", id="safety-check")
                yield Button("Where to turn", id="resources-button")
                yield Button("Back", id="back")
        yield Footer(compact=True)

    def _heading(self, topic: str | None) -> Text:
        """ "Help: " and the screen's title ("Help" alone over a screen with no topic)."""
        if topic is None:
            return self.say("help.heading")
        return self.say("help.heading_on", screen=self.book.say(f"help_titles.{topic}"))

    def _does(self, binding: Binding) -> Text:
        """A key's label, with a few more words where content has them for its action."""
        if binding.action not in self.book.library.texts.root["help_actions"]:
            return plain(binding.description)
        more = self.book.say(f"help_actions.{binding.action}")
        return self.say("help.does", label=binding.description, more=more)

    def on_mount(self) -> None:
        # A check is never started inside another (help opened during one).
        self.query_one("#safety-check").display = not self.app.under_way(SafetyCheckScreen)
        self.query_one("#help-text").focus()

    @on(Button.Pressed, "#safety-check")
    def _safety_check(self) -> None:
        self.dismiss("safety_check")

    @on(Button.Pressed, "#resources-button")
    def _resources(self) -> None:
        self.dismiss("resources")

    @on(Button.Pressed, "#back")
    def action_back(self) -> None:
        self.dismiss(None)


def key_table(pairs: list[tuple[str, Text]], width: int) -> Table:
    """Keys and what each does in two columns, the key column ``width`` wide in every table
    of the page so they line up; a long line wraps under its own column."""
    table = Table.grid(padding=(0, KEY_GAP))
    table.add_column(width=width, no_wrap=True)
    table.add_column()
    for key, does in pairs:
        table.add_row(Text(key, style="bold"), does)
    return table
