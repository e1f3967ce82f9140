"""Breaks and pace, as plain functions over the one clock: when a break may end, which of two
proposed return times stands, what the countdown and the breathing guide show, and when a
sitting has gone on long enough to suggest a rest."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta

from workbook.care_format import Pacing


class ReturnTimeError(ValueError):
    """A proposed return time the break rules refuse; ``key`` names the sentence in texts."""

    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def check_return(called_at: datetime, until: datetime, pacing: Pacing) -> datetime:
    """``until`` if it is a return time the rules allow: at least ``break_min_minutes`` and at
    most ``break_max_minutes`` after the break was called."""
    if until < called_at + timedelta(minutes=pacing.break_min_minutes):
        raise ReturnTimeError("timeout.too_soon")
    if until > called_at + timedelta(minutes=pacing.break_max_minutes):
        raise ReturnTimeError("timeout.too_late")
    return until


def return_choices(
    called_at: datetime, pacing: Pacing, later_than: datetime | None = None
) -> list[tuple[int, datetime]]:
    """The return times offered, as minutes after the call and as moments; once one is
    proposed, the other partner is offered only later ones."""
    offered = [(m, called_at + timedelta(minutes=m)) for m in pacing.break_choices_minutes]
    return [(m, at) for m, at in offered if later_than is None or at > later_than]


def agreed_return(proposed: datetime, counter: datetime | None) -> datetime:
    """The caller proposes, the other may propose another: the later of the two stands."""
    return proposed if counter is None else max(proposed, counter)


_CLOCK_TIME = re.compile(r"^\s*(\d{1,2})[:.h](\d{2})\s*$")


def typed_return(text: str, now: datetime) -> datetime:
    """A time of day typed as "18:30" (local time), as the next moment it comes round."""
    match = _CLOCK_TIME.match(text)
    if match is None or int(match[1]) > 23 or int(match[2]) > 59:
        raise ReturnTimeError("timeout.not_a_time")
    local = now.astimezone()
    at = local.replace(hour=int(match[1]), minute=int(match[2]), second=0, microsecond=0)
    if at <= local:
        at += timedelta(days=1)
    return at.astimezone(now.tzinfo)


def local_time(moment: datetime, now: datetime) -> tuple[str, bool]:
    """``moment`` as "HH:MM" on this computer's clock, and whether that is a later day."""
    local = moment.astimezone()
    return local.strftime("%H:%M"), local.date() > now.astimezone().date()


def how_long(minutes: int) -> tuple[str, dict[str, str]]:
    """How ``minutes`` is said: the end of the sentence's key (``minutes``, ``an_hour`` or
    ``hours``) and its names. One rule for the break screen and settings."""
    if minutes % 60:
        return "minutes", {"minutes": str(minutes)}
    if minutes == 60:
        return "an_hour", {}
    return "hours", {"hours": str(minutes // 60)}


def countdown(now: datetime, until: datetime) -> str:
    """Time left as "M:SS" or "H:MM:SS", never below zero."""
    seconds = max(0, int((until - now).total_seconds() + 0.999))
    hours, rest = divmod(seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    return f"{hours}:{minutes:02}:{seconds:02}" if hours else f"{minutes}:{seconds:02}"


@dataclass(frozen=True)
class Breath:
    breathing_in: bool
    fullness: float
    """How full the lungs are in the guide, from 0 (empty) to 1 (full)."""


def breath_at(elapsed: timedelta, pacing: Pacing) -> Breath:
    """Where the breathing guide is ``elapsed`` after it started: in slowly, out more slowly."""
    cycle = pacing.breathe_in_seconds + pacing.breathe_out_seconds
    into = elapsed.total_seconds() % cycle
    if into < pacing.breathe_in_seconds:
        return Breath(True, into / pacing.breathe_in_seconds)
    return Breath(False, 1 - (into - pacing.breathe_in_seconds) / pacing.breathe_out_seconds)


def back_early(called_at: datetime, now: datetime, pacing: Pacing) -> bool:
    """Whether coming back now is sooner than the body usually needs to settle (allowed,
    after one gentle question)."""
    return now < called_at + timedelta(minutes=pacing.break_min_minutes)


def sitting_is_long(started_at: datetime, now: datetime, pacing: Pacing) -> bool:
    """Whether the sitting has lasted long enough to suggest a break or stopping."""
    return now - started_at >= timedelta(minutes=pacing.suggest_break_after_minutes)
