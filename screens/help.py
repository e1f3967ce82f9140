"""Help, from any screen with F1: what the workbook is, that it is not therapy, the keys,
and the way to the safety check and to where to turn. It covers the whole screen, so a
private answer being typed behind it never shows."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Static

from screens.base import UsesBook
from screens.exercise import ExerciseScreen
from screens.safety import SafetyCheckScreen

#: The exercise keys help names (by binding id); the others there are the same keys
#: under another label on some steps.
EXERCISE_KEYS = ("submit", "pass", "pause")


def key_name(key: str) -> str:
    """A key as people write it: "ctrl+t", "F1"."""
    return key.upper() if key[:1] == "f" and key[1:].isdigit() else key


def keys(bindings: list[Binding], ids: tuple[str, ...] | None = None) -> list[tuple[str, str]]:
    """(key, what it does) for the bindings named by ``ids`` (all when None), read from the
    bindings themselves so help never lists a key that is not there."""
    return [
        (key_name(b.key), b.description)
        for b in bindings
        if isinstance(b, Binding) and (ids is None or b.id in ids)
    ]


class HelpScreen(UsesBook, ModalScreen[str | None]):
    """Returns "safety_check" or "resources" for the app to open, or None (Back, escape)."""

    BINDINGS = [Binding("escape", "back", "Back")]

    def compose(self) -> ComposeResult:
        with Vertical(id="help"):
            yield Static(self.say("help.heading"), classes="heading")
            with VerticalScroll(id="help-text"):
                yield Static(self.say("help.about"))
                yield Static(self.say("help.not_therapy"), classes="quiet")
                yield Static(self.say("help.keys_heading"), classes="lead")
                yield from self._key_lines(keys(type(self.app).BINDINGS))
                yield Static(self.say("help.exercise_keys_heading"), classes="lead")
                yield from self._key_lines(keys(ExerciseScreen.BINDINGS, EXERCISE_KEYS))
                yield Static(self.say("help.safety_check"), classes="notice")
                yield Static(self.say("help.resources"))
            with Horizontal(classes="buttons"):
                yield Button("Take the safety check", id="safety-check")
                yield Button("Where to turn", id="resources-button")
                yield Button("Back", id="back")
        yield Footer(compact=True)

    def _key_lines(self, pairs: list[tuple[str, str]]) -> ComposeResult:
        width = max(len(key) for key, _ in pairs)
        for key, action in pairs:
            line = self.say("help.key_line", keys=key.ljust(width), action=action)
            yield Static(line, classes="key")

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
