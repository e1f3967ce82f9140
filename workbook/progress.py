"""Progress: the chart of each partner's shared check-in ratings, and the couple's history as
a timeline, for the Progress screen.

Both read only ``workbook.json`` and ``index.json`` (never a session file), so the screen
opens at once however long the history. Nothing private is in either: a rating is on the
chart only as its author shared it (a part they hid afterwards reads as not shared, like any
other), and the timeline names only what both partners have seen (titles, never answers).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from workbook.check_ins import CHECK_IN_EXERCISE, as_shared
from workbook.clock import local_day
from workbook.content import Library
from workbook.models import (
    MEASURES,
    PARTNER_IDS,
    CheckIn,
    Measure,
    PartnerId,
    SessionIndexEntry,
)
from workbook.my_answers import hidden_by_turn
from workbook.store import Store


@dataclass(frozen=True)
class Line:
    """One partner's ratings of one measure: a value per check-in, oldest first; None is
    "not shared" (a gap on the chart, never a zero)."""

    partner: PartnerId
    name: str
    values: tuple[int | None, ...]

    @property
    def latest(self) -> int | None:
        """The most recent rating they shared, if any."""
        return next((v for v in reversed(self.values) if v is not None), None)


@dataclass(frozen=True)
class MeasureLines:
    """One measure (trust, emotional safety, closeness) under its label, a line per partner."""

    measure: Measure
    label: str
    lines: tuple[Line, ...]


@dataclass(frozen=True)
class ChartData:
    """What the chart plots: a column per check-in, oldest first, dated."""

    dates: tuple[date, ...]
    measures: tuple[MeasureLines, ...]
    top: int
    """The top of the rating scale (the bottom is 0)."""


def chart_data(store: Store, library: Library) -> ChartData:
    """Every check-in as both partners may see it, as the chart plots it."""
    hidden = hidden_by_turn(store)
    check_ins = sorted((as_shared(c, hidden) for c in store.check_ins()), key=lambda c: c.at)
    names = {p.id: p.name for p in store.partners()}
    labels, top = _scale(library)
    return ChartData(
        dates=tuple(c.on for c in check_ins),
        measures=tuple(
            MeasureLines(
                measure=measure,
                label=labels.get(measure, measure),
                lines=tuple(
                    Line(partner, names.get(partner, partner), _values(check_ins, partner, measure))
                    for partner in PARTNER_IDS
                ),
            )
            for measure in MEASURES
        ),
        top=top,
    )


def _scale(library: Library) -> tuple[dict[str, str], int]:
    """The measures' labels and the top of the scale, as the check-in asks them."""
    exercise = library.exercises.get(CHECK_IN_EXERCISE)
    steps = [s for s in exercise.steps if s.kind == "ratings"] if exercise else []
    if not steps:
        return {}, 10
    return {c.id: c.label for c in steps[0].choices}, steps[0].scale[1]


def _values(
    check_ins: list[CheckIn], partner: PartnerId, measure: Measure
) -> tuple[int | None, ...]:
    found = []
    for check_in in check_ins:
        entry = check_in.entries.get(partner)
        found.append(getattr(entry, measure) if entry is not None else None)
    return tuple(found)


# -- the timeline ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Event:
    """One thing in the couple's history, in the app's words (titles are shared words)."""

    on: date
    at: datetime
    words: str


def timeline(store: Store, library: Library) -> list[Event]:
    """The couple's history, newest first: exercises finished, agreements made, reworded,
    reopened, reviewed and retired, check-ins, milestones and time-outs."""
    say = library.say
    events = [*_exercises(store, library), *_agreements(store, library)]
    events += [Event(c.on, c.at, say("progress.event_check_in")) for c in store.check_ins()]
    events += [
        Event(m.on, m.created_at, say("progress.event_milestone", title=m.title))
        for m in store.milestones()
    ]
    events += [
        Event(local_day(t.called_at), t.called_at, say("progress.event_time_out"))
        for sitting in store.sittings()
        for t in sitting.time_outs
    ]
    return sorted(events, key=lambda e: (e.on, e.at), reverse=True)


def finished_exercises(store: Store, library: Library) -> list[SessionIndexEntry]:
    """Exercises the couple finished on the path, oldest first: not check-ins (a check-in
    counts as one, and has milestones of its own), nor sessions that reworded or reviewed an
    agreement or any other the app starts itself (unlisted); one no longer shipped still counts."""
    done = []
    for entry in store.index():
        exercise = library.exercises.get(entry.exercise_id)
        if (
            entry.status == "completed"
            and entry.agreement_id is None
            and entry.exercise_id != CHECK_IN_EXERCISE
            and (exercise is None or exercise.listed)
        ):
            done.append(entry)
    return sorted(done, key=lambda e: e.updated_at)


def _exercises(store: Store, library: Library) -> list[Event]:
    """Exercises finished (what reworded or reviewed an agreement shows as the change it made
    in the agreement's history)."""
    events = []
    for entry in finished_exercises(store, library):
        exercise = library.exercises.get(entry.exercise_id)
        title = exercise.title if exercise is not None else entry.exercise_id
        at = entry.updated_at
        events.append(Event(local_day(at), at, library.say("progress.event_exercise", title=title)))
    return events


def _agreements(store: Store, library: Library) -> list[Event]:
    """Each change in each agreement's history (one written by hand without its history
    still shows when it was made)."""
    events = []
    for agreement in store.agreements():
        changes = [(c.what, c.at) for c in agreement.history]
        if not any(what == "made" for what, _ in changes):
            changes.insert(0, ("made", agreement.created_at))
        events += [
            Event(local_day(at), at, library.say(f"progress.event_{what}", title=agreement.title))
            for what, at in changes
        ]
    return events
