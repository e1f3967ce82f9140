"""The draft throttle: the first change is saved at once, then at most once a second, and never
later than a second after the latest change, even while typing goes on; a failed save leaves
the words unsaved, to be tried again."""

from __future__ import annotations

import pytest

from workbook.drafts import INTERVAL, DraftThrottle


class FakeTime:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_continuous_typing_saves_at_least_every_second() -> None:
    clock = FakeTime()
    saved: list[tuple[float, str]] = []
    throttle = DraftThrottle(lambda text: saved.append((clock.now, text)), clock)
    due_at: float | None = None
    text = ""
    for _ in range(100):  # a key every 50 ms for five seconds
        text += "a"
        delay = throttle.changed(text)
        if delay is not None:
            assert delay <= INTERVAL
            due_at = clock.now + delay
        clock.now += 0.05
        if due_at is not None and clock.now >= due_at:
            throttle.flush()
            due_at = None
    if due_at is not None:
        clock.now = due_at
        throttle.flush()
    times = [t for t, _ in saved]
    assert saved[-1][1] == text  # the last word is saved
    assert all(b - a >= INTERVAL - 1e-9 for a, b in zip(times, times[1:], strict=False))
    assert all(b - a <= INTERVAL + 0.05 + 1e-9 for a, b in zip(times, times[1:], strict=False))
    assert len(saved) >= 4  # not one save at the end, as a debounce would do


def test_cancel_drops_unsaved_text() -> None:
    saved: list[str] = []
    throttle = DraftThrottle(saved.append, FakeTime())
    throttle.changed("typed")
    throttle.cancel()
    throttle.flush()
    assert saved == [] and not throttle.unsaved


def test_a_failed_draft_save_stays_unsaved() -> None:
    def full_disk(text: str) -> None:
        raise OSError(28, "No space left on device")

    throttle = DraftThrottle(full_disk, monotonic=lambda: 0.0)
    throttle.changed("words typed")
    with pytest.raises(OSError):
        throttle.flush()
    assert throttle.unsaved
