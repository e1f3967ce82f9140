"""One clock for every "now" in the core, so tests can move time instead of waiting."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Protocol


def local_day(moment: datetime) -> date:
    """The day of ``moment`` where the couple is (the machine's own time zone)."""
    return moment.astimezone().date()


class Clock(Protocol):
    """Anything that can say what time it is (always timezone-aware, UTC)."""

    def now(self) -> datetime: ...


class SystemClock:
    """The real clock."""

    def now(self) -> datetime:
        return datetime.now(UTC)


class ManualClock:
    """A clock tests move by hand."""

    def __init__(self, start: datetime | None = None) -> None:
        self._now = start or datetime(2026, 1, 1, 9, 0, tzinfo=UTC)

    def now(self) -> datetime:
        return self._now

    def advance(self, seconds: float) -> None:
        self._now += timedelta(seconds=seconds)
