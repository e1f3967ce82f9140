"""Keeping half-typed words: a throttle, not a debounce.

A debounce waits for typing to stop, so someone typing steadily for a minute would have
nothing saved. This throttle saves the first change at once, then at most once a second,
and always within a second of the latest change, even while typing goes on.
"""

from __future__ import annotations

import time
from collections.abc import Callable

INTERVAL = 1.0


class DraftThrottle:
    """Tell it each change; it says when to call ``flush`` (the screen owns the timer)."""

    def __init__(
        self, save: Callable[[str], None], monotonic: Callable[[], float] = time.monotonic
    ) -> None:
        self._save = save
        self._monotonic = monotonic
        self._pending: str | None = None
        self._scheduled = False
        self._last_save = float("-inf")

    def changed(self, text: str) -> float | None:
        """Note new text; return the delay before ``flush`` is due, or None if already due."""
        self._pending = text
        if self._scheduled:
            return None
        self._scheduled = True
        return max(0.0, self._last_save + INTERVAL - self._monotonic())

    def flush(self) -> None:
        """Save the latest text now, if any change is unsaved. If the save fails the text
        stays unsaved, so the next flush (before quitting, pausing, a break) tries again."""
        self._scheduled = False
        if self._pending is None:
            return
        self._save(self._pending)
        self._pending = None
        self._last_save = self._monotonic()

    def cancel(self) -> None:
        """Drop unsaved text (it was submitted, so the draft no longer matters)."""
        self._pending = None
        self._scheduled = False

    @property
    def unsaved(self) -> bool:
        return self._pending is not None
