"""What help (F1) says about the screen it is pressed on.

Each screen names its topic in a ``HELP`` class attribute: the key of its title and its few
sentences in ``content/texts/help.toml`` (``help_titles`` and ``help_screens``). The keys help
lists are read from the bindings themselves, so it never names a key that is not there: the
screen's own (those acting now, by its ``check_action``), those of the workbook's widgets on it,
and the usual ways of moving about for the kinds of widget it has. A screen that can say more
about this moment (the exercise: this step) does so through ``ExplainsNow``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, Protocol, runtime_checkable

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import ScrollableContainer
from textual.dom import DOMNode
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Button, Input, OptionList, Static, TextArea

from screens.plain import plain
from workbook.turn_view import TurnView

#: The workbook's own modules: their bindings are the ones help lists as a screen's keys
#: (Textual's defaults, such as Tab, come in words under ``MOVING``).
OWN_MODULES = "screens."

#: Keys as people write them, where Textual's name for a key reads oddly.
KEY_WORDS = {
    "up": "↑",
    "down": "↓",
    "left": "←",
    "right": "→",
    "pageup": "PgUp",
    "pagedown": "PgDn",
    "escape": "Esc",
}

Say = Callable[..., Text]
"""A screen's ``say``: a content sentence, with names filled in, as plain text."""
Describe = Callable[[Binding], Text]
"""What a key does, in words, from its binding."""


@runtime_checkable
class ExplainsNow(Protocol):
    """A screen whose help says what it asks at this very moment (the exercise: this step)."""

    def help_now(self) -> ComposeResult: ...


def topic_of(screen: Screen[Any]) -> str | None:
    """The screen's help topic (its ``HELP``), or None for a screen that names none (one of
    Textual's own, such as the command palette)."""
    topic = getattr(type(screen), "HELP", None)
    return topic if isinstance(topic, str) else None


def helped_screen(stack: list[Screen[Any]]) -> Screen[Any]:
    """The screen help is about: the top one naming a topic (under one of Textual's own, the
    one it was opened over), else the top one."""
    return next((screen for screen in reversed(stack) if topic_of(screen)), stack[-1])


def key_name(key: str) -> str:
    """A key as people write it: "ctrl+t", "F1", "Enter", "shift+Tab", "↑" (the first of a
    binding's keys, where it has several)."""
    *modifiers, last = key.split(",")[0].split("+")
    if last[:1] == "f" and last[1:].isdigit():
        last = last.upper()
    elif len(last) > 1:
        last = KEY_WORDS.get(last, last.capitalize())
    return "+".join([*modifiers, last])


def keys(bindings: list[Binding], node: DOMNode, describe: Describe) -> list[tuple[str, Text]]:
    """(key, what it does) for each of ``bindings`` that acts now on ``node`` (its
    ``check_action`` says True), read from the bindings themselves so help never lists a key
    that is not there."""
    return [
        (key_name(b.key), describe(b))
        for b in bindings
        if isinstance(b, Binding) and node.check_action(b.action, ()) is True
    ]


def own_bindings(node: DOMNode) -> list[Binding]:
    """The bindings the workbook's own classes give ``node``, nearest class first."""
    found: list[Binding] = []
    for cls in type(node).__mro__:
        if cls.__module__.startswith(OWN_MODULES):
            found += [b for b in vars(cls).get("BINDINGS", []) if b not in found]
    return found


def screen_keys(screen: Screen[Any], describe: Describe) -> list[tuple[str, Text]]:
    """The keys of ``screen`` and of the workbook's widgets on it (each key once)."""
    found = keys(own_bindings(screen), screen, describe)
    for widget in screen.query(Widget):
        mine = keys(own_bindings(widget), widget, describe)
        found += [pair for pair in mine if pair not in found]
    return found


@dataclass(frozen=True)
class Moving:
    """One usual way of moving about, shown where the screen has a widget of ``kind``."""

    kind: type[DOMNode]
    words: str
    """The content key of what it does."""
    actions: tuple[str, ...] = ()
    """The actions of ``kind``'s own bindings whose keys are shown."""
    key: str = ""
    """The key, for what no binding does (a new line in a box, a click)."""

    def keys(self) -> str:
        bound = {b.action: b.key for b in self.kind.BINDINGS if isinstance(b, Binding)}
        named = [bound[action] for action in self.actions] or [self.key]
        return ", ".join(key_name(key) for key in named)


MOVING = (
    Moving(Screen, "help_keys.tab", ("app.focus_next", "app.focus_previous")),
    Moving(Button, "help_keys.button", ("press",)),
    Moving(OptionList, "help_keys.list", ("cursor_up", "cursor_down")),
    Moving(TextArea, "help_keys.box", key="enter"),
    Moving(Input, "help_keys.input", ("submit",)),
    Moving(ScrollableContainer, "help_keys.scroll", ("page_up", "page_down")),
    Moving(Screen, "help_keys.mouse", key="mouse"),
)


def moving_keys(screen: Screen[Any], say: Say) -> list[tuple[str, Text]]:
    """The usual ways of moving about ``screen``, for the kinds of widget it has."""
    return [
        (way.keys(), say(way.words))
        for way in MOVING
        if isinstance(screen, way.kind) or screen.query(way.kind)
    ]


def step_help(view: TurnView, say: Say) -> Iterator[Static]:
    """For help over an exercise: this step as the screen shows it (whose turn it is, what
    the other does meanwhile, what it asks), then how turns work. Only what the exercise
    screen itself shows: never an answer."""
    yield Static(say("help.now_heading"), classes="lead")
    yield Static(say("help.step", exercise=view.exercise_title, progress=view.progress))
    yield Static(plain(view.banner, "bold"))
    yield Static(plain(view.meanwhile))
    yield Static(say("help.asks", prompt=view.prompt))
    yield Static(say("help.turns_heading"), classes="lead")
    yield Static(say("help.turns"))
