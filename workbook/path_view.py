"""The Path on Home: the ten parts of recovery, their exercises, and which the couple has done."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

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
    """How Home lists it: title, minutes, and whether it is done."""


@dataclass(frozen=True)
class PathPart:
    number: int
    title: str
    summary: str
    exercises: list[PathExercise]


def describe_path(library: Library, index: list[SessionIndexEntry]) -> list[PathPart]:
    """Every part in order with the exercises a couple can start now. ``sensitive`` ones wait
    for the private consent step (a later issue) and are left out."""
    done = Counter(e.exercise_id for e in index if e.status == "completed")
    return [
        PathPart(
            number=part.number,
            title=part.title,
            summary=part.summary,
            exercises=[
                PathExercise(ex.id, ex.title, ex.minutes, done[ex.id], _line(library, ex, done))
                for ex in library.exercises.values()
                if ex.part == part.number and not ex.sensitive
            ],
        )
        for part in sorted(library.path.parts, key=lambda p: p.number)
    ]


def _line(library: Library, exercise: Exercise, done: Counter[str]) -> str:
    times = done[exercise.id]
    key = {0: "home.path_exercise", 1: "home.path_exercise_done"}.get(
        times, "home.path_exercise_done_times"
    )
    return library.say(key, title=exercise.title, minutes=str(exercise.minutes), times=str(times))
