"""Hiding one of one's own answers from the summary and exports, in My answers: a toggle that
saves at once (or, for the answer that may still be changed in the exercise, a line saying
so). Which answers may be hidden, and what leaves, the core decides (``workbook.my_answers``).
"""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.widgets import Button, Static

from screens.base import UsesBook
from workbook.models import PartnerId
from workbook.my_answers import MyAnswer


def hide_label(hidden: bool) -> str:
    return f"Hidden from the summary and exports: {'yes' if hidden else 'no'}"


def hiding(
    partner: PartnerId, answer: MyAnswer, say: Callable[..., Text], names: dict[str, str]
) -> ComposeResult:
    """Below one answer in its author's view: its hide toggle, or that it may still be
    corrected or taken back in the exercise (``say``: the screen's sentences)."""
    if answer.hideable:
        yield HideToggle(partner, answer)
    elif answer.open_to_change:
        yield Static(say("my_answers.still_open", **names), classes="goes")


class HideToggle(UsesBook, Button):
    """Enter (or a click) hides the answer, or shows it again; a failed save says so and
    changes nothing."""

    DEFAULT_CSS = """
    HideToggle {
        margin: 0 0 0 2;
        width: 42;  /* the same for "yes" and "no", so the label never wraps out of sight */
    }
    """

    def __init__(self, partner: PartnerId, answer: MyAnswer) -> None:
        label = hide_label(answer.hidden)
        super().__init__(label, id=f"hide-{answer.turn_id}", compact=True, classes="hide")
        self.partner = partner
        self.answer = answer
        self.hidden = answer.hidden

    @on(Button.Pressed)
    def _flip(self, event: Button.Pressed) -> None:
        event.stop()
        answer = self.answer
        try:
            self.book.hide(self.partner, answer.session_id, answer.turn_id, not self.hidden)
        except OSError as error:
            reason = error.strerror or str(error)
            self.notify(self.book.library.say("my_answers.not_saved", reason=reason))
            return
        self.hidden = not self.hidden
        self.label = hide_label(self.hidden)
        self.notify(
            self.book.library.say(
                "my_answers.hidden_now" if self.hidden else "my_answers.shown_now"
            )
        )
