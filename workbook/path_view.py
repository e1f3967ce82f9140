"""The Path on Home: the ten parts of recovery, their exercises, and which the couple has done."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date

from workbook.content import Library
from workbook.content_format import Exercise
from workbook.models import SessionIndexEntry


@dataclass(frozen=True)
class PathExercise:
    id: str
    title: str
    minutes: int
    done: int
    """How many times the couple has finished it."""
    line: str
    """How Home lists it: title, minutes, and whether it is done (or when it is offered again)."""
    resting_until: date | None = None
    """A sensitive exercise that did not open today is not offered again until this day."""
    kept: int = 0
    """How many questions it keeps for later."""


@dataclass(frozen=True)
class PathPart:
    number: int
    title: str
    summary: str
    exercises: list[PathExercise]


def describe_path(
    library: Library,
    index: list[SessionIndexEntry],
    rests: dict[str, date],
    kept: Counter[str] | None = None,
) -> list[PathPart]:
    """Every part in order with its listed exercises; ``rests`` holds the sensitive ones that did
    not open lately, with the day each is offered again; ``kept`` counts the questions each
    exercise keeps for later."""
    done = finished(index)
    kept = kept or Counter()
    return [
        PathPart(
            number=part.number,
            title=part.title,
            summary=part.summary,
            exercises=[
                _exercise(library, ex, done, rests.get(ex.id), kept[ex.id])
                for ex in library.exercises.values()
                if ex.part == part.number and ex.listed
            ],
        )
        for part in sorted(library.path.parts, key=lambda p: p.number)
    ]


def finished(index: list[SessionIndexEntry]) -> Counter[str]:
    """How many times the couple has finished each exercise."""
    return Counter(e.exercise_id for e in index if e.status == "completed")


def waiting_for(library: Library, exercise: Exercise, done: Counter[str]) -> tuple[str, ...]:
    """The titles of ``exercise``'s prerequisites the couple has not finished yet."""
    return tuple(library.exercises[p].title for p in exercise.prerequisites if not done[p])


def _exercise(
    library: Library,
    exercise: Exercise,
    done: Counter[str],
    resting_until: date | None,
    kept: int,
) -> PathExercise:
    line = _line(library, exercise, done)
    if kept:
        line = library.say("home.path_kept", title=line, count=str(kept))
    waits = waiting_for(library, exercise, done)
    if waits:
        line = library.say("home.path_waits", title=line, exercises=", ".join(waits))
    elif resting_until is not None:
        line = library.say("consent.resting", title=line, date=resting_until.isoformat())
    return PathExercise(
        exercise.id,
        exercise.title,
        exercise.minutes,
        done[exercise.id],
        line,
        resting_until,
        kept,
    )


def _line(library: Library, exercise: Exercise, done: Counter[str]) -> str:
    times = done[exercise.id]
    key = {0: "home.path_exercise", 1: "home.path_exercise_done"}.get(
        times, "home.path_exercise_done_times"
    )
    return library.say(key, title=exercise.title, minutes=str(exercise.minutes), times=str(times))
