"""What every screen needs: the open workbook and its sentences, as plain text."""

from __future__ import annotations

from typing import Any

from rich.text import Text

from screens.plain import plain
from workbook.book import Workbook


class UsesBook:
    """Mixin for screens: ``self.book`` and ``self.say(key, **names)``."""

    app: Any

    @property
    def book(self) -> Workbook:
        return self.app.book  # type: ignore[no-any-return]

    def say(self, key: str, **names: str) -> Text:
        """A content sentence, with names filled in, as plain text (in discreet mode its
        neutral wording, where it has one)."""
        return plain(self.book.say(key, **names))


class HandsOverAgain:
    """Mixin for screens with private pages (an exercise, the safety check, consent).

    After a break or a safety check the other partner may be at the keyboard, so the screen
    goes through its hand-over again (``back_from_break``) before showing anything private:
    at once if it is on top, else the moment it comes back into view (say, when help or
    resources opened over it close)."""

    app: Any
    _hand_over_due = False

    def back_from_break(self) -> None:
        raise NotImplementedError

    def hand_over_again(self) -> None:
        if self.app.screen is self:
            self.back_from_break()
        else:
            self._hand_over_due = True

    def _on_screen_resume(self) -> None:
        if self._hand_over_due:
            self._hand_over_due = False
            self.back_from_break()
