"""A screen with a box whose words are saved as they are typed (an answer's draft, a moment
for a therapist): the core's throttle says when, this screen runs the timer, and a failed save
is said above the box while the words stay in it."""

from __future__ import annotations

from rich.text import Text
from textual.screen import Screen
from textual.widgets import Static

from screens.base import UsesBook
from workbook.drafts import DraftThrottle


class TypingScreen(UsesBook, Screen[None]):
    """Subclasses set ``throttle`` and call ``typed`` on every change to the box; the screen
    has a ``#message`` Static above the box."""

    throttle: DraftThrottle

    def typed(self, text: str) -> None:
        delay = self.throttle.changed(text)
        if delay is not None:
            # Textual's timer cannot take a zero delay; a twentieth of a second is immediate enough.
            self.set_timer(max(delay, 0.05), self.flush_typing)

    def flush_typing(self) -> None:
        try:
            self.throttle.flush()
        except OSError as error:
            self.say_problem(error)

    def say_problem(self, error: OSError) -> None:
        self.tell(self.say("exercise.save_failed", reason=error.strerror or str(error)))

    def tell(self, words: Text) -> None:
        """Show a problem above the box; the typed words stay where they are."""
        message = self.query_one("#message", Static)
        message.update(words)
        message.remove_class("-empty")
