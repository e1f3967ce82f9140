"""Signals to seek help: when the couple's own sittings show a pattern a counsellor could help
with, Home says so, kindly, and offers the exercise on finding professional help.

Pure: the caller passes the sittings, the session index, the thresholds (``[help_signals]``
in ``content/pacing.toml``) and ``now``. Only finished sittings count, so the one under way
never does. A signal stays quiet once the couple has finished the professional-help exercise
since the earliest sitting that shows it: they have already looked at it, and it is not
brought up again until a pattern builds up afresh.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Literal

from workbook.care_format import HelpSignals
from workbook.models import SessionIndexEntry, Sitting

Signal = Literal["breaks", "stops"]
"""``breaks``: time-outs in most recent sittings; ``stops``: several sittings running ended
with "we need to stop". Each names a sentence in the ``[signals]`` section of texts.toml."""

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


#: Each signal, in the order Home names them, with the sittings that show it (none: it does
#: not hold).
_CHECKS: tuple[tuple[Signal, Callable[[list[Sitting], HelpSignals], list[Sitting]]], ...] = (
    ("breaks", _breaks),
    ("stops", _stops),
)


def help_signals(
    sittings: list[Sitting],
    index: list[SessionIndexEntry],
    rules: HelpSignals,
    now: datetime,
) -> list[Signal]:
    """The signals that hold now, in order; empty when all is well."""
    since = now - timedelta(days=rules.within_days)
    finished = sorted(
        (s for s in sittings if s.ended_at is not None and s.ended_at >= since),
        key=lambda s: s.ended_at or since,
    )
    helped = [
        e.updated_at
        for e in index
        if e.exercise_id == PROFESSIONAL_HELP and e.status == "completed"
    ]
    found: list[Signal] = []
    for signal, showing in _CHECKS:
        counted = showing(finished, rules)
        if counted and not any(at >= min(s.started_at for s in counted) for at in helped):
            found.append(signal)
    return found
