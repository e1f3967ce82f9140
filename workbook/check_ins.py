"""Check-ins: what a finished one keeps, and the ratings each partner shared over time.

A check-in runs as a session of the ``check-in`` exercise: each partner alone rates trust,
emotional safety and closeness (a ``ratings`` step), chooses what to share, and both answers
are revealed together. What a partner keeps unshared is never saved (the screen saves "" in
its place), so a rating kept unshared and one never given are the same "not shared" in every
file, screen, chart, export and signal: nothing can tell them apart.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Literal

from workbook.answers import NOTE
from workbook.content import Library
from workbook.content_format import Exercise
from workbook.models import (
    MEASURES,
    CheckIn,
    CheckInEntry,
    Hidden,
    Measure,
    PartnerId,
    Session,
    Turn,
)
from workbook.privacy import visit_of
from workbook.records import record_id

#: The exercise a check-in runs as.
CHECK_IN_EXERCISE = "check-in"


def measure_names(library: Library) -> dict[Measure, str]:
    """What the check-in calls each measure, in order ("Trust", "Emotional safety"...)."""
    exercise = library.exercises[CHECK_IN_EXERCISE]
    step = next(s for s in exercise.steps if s.kind == "ratings")
    labels = {c.id: c.label for c in step.choices}
    return {m: labels[m] for m in MEASURES}


def check_in_by_last_turn(
    exercise: Exercise, session: Session, turns: list[Turn]
) -> CheckIn | None:
    """The check-in the last turn finished: the second answer at a ``ratings`` step. If
    either passed, nothing is revealed (the rule of every private step: both answers or
    neither), so nothing is kept. Built from the turns alone, so ``Workbook.repair`` can make
    it again after a crash exactly as it was."""
    if not turns or exercise.step(turns[-1].step_id).kind != "ratings":
        return None
    visit = visit_of(turns, len(turns) - 1)
    if len(visit) < 2 or visit[-1] is not turns[-1] or any(t.passed for t in visit):
        return None
    at = visit[-1].at
    return CheckIn(
        id=record_id(session.id, visit[-1]),
        origin=session.id,
        on=at.date(),
        at=at,
        entries={t.partner: entry_of(t) for t in visit},
    )


def entry_of(turn: Turn) -> CheckInEntry:
    """One partner's part, as saved ("" is not shared)."""
    value = turn.value if isinstance(turn.value, dict) else {}
    ratings = {m: int(value[m]) if value.get(m, "").isdigit() else None for m in MEASURES}
    return CheckInEntry(**ratings, note=value.get(NOTE) or None, turn=turn.id)


def as_shared(check_in: CheckIn, hidden: Mapping[str, Hidden]) -> CheckIn:
    """``check_in`` as summaries, charts, exports and signals see it: a part its author hid
    afterwards reads as not shared at all."""
    entries = {
        partner: CheckInEntry(turn=entry.turn) if entry.turn in hidden else entry
        for partner, entry in check_in.entries.items()
    }
    return check_in.model_copy(update={"entries": entries})


@dataclass(frozen=True)
class Point:
    """One shared rating on one day."""

    on: date
    value: int


def series(check_ins: Iterable[CheckIn], partner: PartnerId, measure: Measure) -> list[Point]:
    """``partner``'s shared ratings of ``measure``, oldest first; "not shared" leaves a gap."""
    points = []
    for check_in in sorted(check_ins, key=lambda c: c.at):
        entry = check_in.entries.get(partner)
        value = getattr(entry, measure) if entry is not None else None
        if value is not None:
            points.append(Point(check_in.on, value))
    return points


Trend = Literal["rising", "steady", "falling", "too_few"]
#: How far (in points out of 10) the later half's average must move from the earlier half's
#: to count as rising or falling rather than steady.
TREND_STEP = 1.0


def trend(points: list[Point]) -> Trend:
    """Which way ``points`` went: the average of their later half against their earlier half
    (fewer than two points say nothing)."""
    if len(points) < 2:
        return "too_few"
    half = len(points) // 2
    earlier = [p.value for p in points[:half]]
    later = [p.value for p in points[len(points) - half :]]
    moved = sum(later) / len(later) - sum(earlier) / len(earlier)
    if moved >= TREND_STEP:
        return "rising"
    if moved <= -TREND_STEP:
        return "falling"
    return "steady"
