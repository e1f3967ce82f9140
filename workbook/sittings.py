"""The sitting: one stretch of use, from opening the app to closing it or stopping, with the
time-outs called in it. Every change is saved at once, so a break survives a closed terminal
and Home can show the return time the couple agreed."""

from __future__ import annotations

from datetime import datetime

from workbook.clock import Clock
from workbook.models import EndedHow, Sitting, TimeOut, new_id
from workbook.store import Store


class SittingLog:
    """The current sitting of one open workbook."""

    def __init__(self, store: Store, clock: Clock) -> None:
        self._store = store
        self._clock = clock
        self._sitting: Sitting | None = None

    def begin(self) -> None:
        self._sitting = Sitting(id=new_id(), started_at=self._clock.now())
        self._store.save_sitting(self._sitting)

    @property
    def started_at(self) -> datetime | None:
        return self._sitting.started_at if self._sitting else None

    def _change(self, **update: object) -> None:
        assert self._sitting is not None, "no sitting has begun"
        self._sitting = self._sitting.model_copy(update=update)
        self._store.save_sitting(self._sitting)

    def call_time_out(self, until: datetime, called_at: datetime | None = None) -> TimeOut:
        """Record a break agreed to last until ``until`` (checked by ``pacing`` beforehand),
        called at ``called_at`` (the moment ctrl+t was pressed, before the couple agreed on a
        time) or now."""
        assert self._sitting is not None, "no sitting has begun"
        time_out = TimeOut(called_at=called_at or self._clock.now(), until=until)
        self._change(time_outs=[*self._sitting.time_outs, time_out])
        return time_out

    def current_break(self) -> TimeOut | None:
        """The break this sitting is on now, if any."""
        if self._sitting is None or not self._sitting.time_outs:
            return None
        last = self._sitting.time_outs[-1]
        return last if last.back_at is None else None

    def come_back(self) -> None:
        """End the current break: the couple is back."""
        assert self._sitting is not None, "no sitting has begun"
        now = self._clock.now()
        kept = [
            t if t.back_at else t.model_copy(update={"back_at": now})
            for t in self._sitting.time_outs
        ]
        self._change(time_outs=kept)

    def end(self, how: EndedHow) -> None:
        """End the sitting; closing during a break counts as ending on a time-out."""
        if self._sitting is None:
            return
        if how == "closed" and self.current_break() is not None:
            how = "time_out"
        self._change(ended_at=self._clock.now(), ended_how=how)
        self._sitting = None


def break_ahead(sittings: list[Sitting], now: datetime) -> TimeOut | None:
    """A break the couple agreed on that has not reached its return time (Home shows it)."""
    open_breaks = [t for s in sittings for t in s.time_outs if t.back_at is None and t.until > now]
    return max(open_breaks, key=lambda t: t.called_at, default=None)
