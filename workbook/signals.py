"""Signals to seek help: when the couple's own sittings or check-ins show a pattern a counsellor
could help with, Home says so, kindly, and offers the exercise on finding professional help.

Pure: the caller passes the sittings, the session index, the check-ins as both partners may see
them (``check_ins.as_shared``), the thresholds (``[help_signals]`` in ``content/pacing.toml``)
and ``now``. Only finished sittings count, so the one under way never does. A signal stays
quiet once the couple has finished the professional-help exercise since the earliest sitting
(or check-in) that shows it: they have already looked at it, and it is not brought up again
until a pattern builds up afresh.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from fractions import Fraction
from typing import Literal

from workbook.care_format import HelpSignals
from workbook.check_ins import series
from workbook.models import MEASURES, PARTNER_IDS, CheckIn, SessionIndexEntry, Sitting

Signal = Literal["breaks", "stops", "check_ins"]
"""``breaks``: time-outs in most recent sittings; ``stops``: several sittings running ended
with "we need to stop"; ``check_ins``: the ratings shared at check-ins stayed level or dipped
over several weeks. Each names a sentence in the ``[signals]`` section of texts.toml."""

#: The exercise a signal leads to.
PROFESSIONAL_HELP = "professional-help"


def _breaks(finished: list[Sitting], rules: HelpSignals) -> list[Sitting]:
    """The recent sittings with a time-out, if there are enough of them to be a signal."""
    with_breaks = [s for s in finished[-rules.recent_sittings :] if s.time_outs]
    return with_breaks if len(with_breaks) >= rules.time_out_sittings else []


def _stops(finished: list[Sitting], rules: HelpSignals) -> list[Sitting]:
    """The latest sittings, if enough of them in a row ended with "we need to stop"."""
    running = finished[-rules.stops_running :]
    enough = len(running) == rules.stops_running
    return running if enough and all(s.ended_how == "stopped" for s in running) else []


def _began(sittings: list[Sitting]) -> datetime | None:
    """When the sittings showing a signal began (None: they show none)."""
    return min((s.started_at for s in sittings), default=None)


def _mean(values: Sequence[Fraction | int]) -> Fraction:
    return Fraction(sum(values)) / len(values)


def _level_or_dipping(check_ins: Sequence[CheckIn], rules: HelpSignals, now: datetime) -> bool:
    """Whether the shared ratings in ``check_ins`` (the latest ones, oldest first) stayed
    level or dipped: each partner's measure is compared with itself, its later half against
    its earlier half, so a rating not shared is only left out, never read as low. Ratings
    that stay high are doing well, not stuck."""
    if len(check_ins) < rules.check_ins:
        return False
    if now - check_ins[-1].at > timedelta(days=rules.within_days):
        return False  # a pattern long past
    if (check_ins[-1].on - check_ins[0].on).days < rules.check_in_weeks * 7:
        return False
    half = len(check_ins) // 2
    earlier, later = check_ins[:half], check_ins[-half:]
    changes, levels = [], []
    for partner in PARTNER_IDS:
        for measure in MEASURES:
            before = [p.value for p in series(earlier, partner, measure)]
            after = [p.value for p in series(later, partner, measure)]
            if before and after:
                changes.append(_mean(after) - _mean(before))
                levels.append(_mean(after))
    if not changes:
        return False
    return _mean(changes) <= 0 and _mean(levels) < rules.check_in_well_at


def _shares_a_rating(check_in: CheckIn) -> bool:
    return any(getattr(e, m) is not None for e in check_in.entries.values() for m in MEASURES)


def _check_ins(check_ins: Sequence[CheckIn], rules: HelpSignals, now: datetime) -> datetime | None:
    """When the latest check-ins holding a shared rating began, if their ratings stayed level
    or dipped (None: they show no signal)."""
    rated = sorted(filter(_shares_a_rating, check_ins), key=lambda c: c.at)[-rules.check_ins :]
    return rated[0].at if _level_or_dipping(rated, rules, now) else None


def help_signals(
    sittings: list[Sitting],
    index: list[SessionIndexEntry],
    rules: HelpSignals,
    now: datetime,
    check_ins: Sequence[CheckIn] = (),
) -> list[Signal]:
    """The signals that hold now, in order; empty when all is well. ``check_ins`` as both
    partners may see them: a part its author hid reads as not shared."""
    since = now - timedelta(days=rules.within_days)
    finished = sorted(
        (s for s in sittings if s.ended_at is not None and s.ended_at >= since),
        key=lambda s: s.ended_at or since,
    )
    began: dict[Signal, datetime | None] = {
        "breaks": _began(_breaks(finished, rules)),
        "stops": _began(_stops(finished, rules)),
        "check_ins": _check_ins(check_ins, rules, now),
    }
    helped = [
        e.updated_at
        for e in index
        if e.exercise_id == PROFESSIONAL_HELP and e.status == "completed"
    ]
    return [
        signal
        for signal, start in began.items()
        if start is not None and not any(at >= start for at in helped)
    ]
