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
        """A content sentence, with names filled in, as plain text."""
        return plain(self.book.library.say(key, **names))
