"""The idle lock: with encryption on, after the minutes set in settings with no key pressed
and no click, the app keeps any typing and covers everything with the passphrase screen. The
right passphrase lifts it, through the hand-over of a private page (the keyboard may have
changed hands)."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from textual import events

from screens.unlock import PassphraseScreen
from workbook.book import Workbook

#: How often the app looks at how long nobody has used it.
IDLE_CHECK_SECONDS = 15


class IdleLock:
    """Mixin for the app (before ``App`` in its bases)."""

    book: Workbook
    _idle_minutes: int | None = None
    _last_input: datetime | None = None

    def start_idle_watch(self) -> None:
        self.idle_lock_changed()
        self._last_input = self.book.clock.now()
        self.set_interval(IDLE_CHECK_SECONDS, self.lock_if_idle)  # type: ignore[attr-defined]

    def idle_lock_changed(self) -> None:
        """Encryption was turned on or off, or the minutes changed, in settings."""
        self._idle_minutes = self.book.idle_lock_minutes()

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key | events.MouseDown | events.Paste):
            self._last_input = self.book.clock.now()
        await super().on_event(event)  # type: ignore[misc]

    def lock_if_idle(self) -> None:
        app: Any = self
        if self._idle_minutes is None or self._last_input is None:
            return
        if app.under_way(PassphraseScreen) or app.sealing:
            return
        if self.book.clock.now() - self._last_input >= timedelta(minutes=self._idle_minutes):
            self.lock_now()

    def lock_now(self) -> None:
        app: Any = self
        folder = self.book.store.folder
        assert folder is not None
        app.keep_words()
        screen = PassphraseScreen(folder, self.book.library, at_start=False)
        app.push_screen(screen, lambda _: self._unlocked())

    def _unlocked(self) -> None:
        self._last_input = self.book.clock.now()
        app: Any = self
        app.hand_over_again()
