"""The Path on Home: the ten parts of recovery, their exercises, and which the couple has done."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from workbook.content import Library
from workbook.models import SessionIndexEntry


@dataclass(frozen=True)
class PathExercise:
    id: str
    title: str
    minutes: int
    done: int
    """How many times the couple has finished it."""


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
                PathExercise(ex.id, ex.title, ex.minutes, done[ex.id])
                for ex in library.exercises.values()
                if ex.part == part.number and not ex.sensitive
            ],
        )
        for part in sorted(library.path.parts, key=lambda p: p.number)
    ]
