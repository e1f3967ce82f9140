"""Today on Home: one suggestion of what to do next, from the couple's own state, so opening
the workbook is never a blank page and never a list of tasks.

In order: an agreement whose review is due (or that was reopened), or a follow-up whose date
has come; a check-in if there has been none for a while (``check_in_every_days`` in
``content/pacing.toml``); a session to pick up; then a part of the path not visited yet. It
never suggests a sensitive exercise (they open only when both say yes in private, and the
"why did it happen" talk is one), nor finding professional help (Home offers that only when a
signal holds), nor one resting after it did not open or waiting for another to be done first.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal

from workbook.agreement_sessions import quoted
from workbook.book import Workbook
from workbook.check_ins import CHECK_IN_EXERCISE
from workbook.clock import local_day
from workbook.models import SessionIndexEntry
from workbook.signals import PROFESSIONAL_HELP

SuggestionKind = Literal["review", "follow_up", "check_in", "resume", "visit"]
#: Never suggested, sensitive or not: "why did it happen", and professional help.
NEVER = frozenset({"why", PROFESSIONAL_HELP})


@dataclass(frozen=True)
class Suggestion:
    """The one thing Home suggests, in words, and what its one key starts: a review of
    ``agreement_id``, the open session ``session_id``, or a new session of ``exercise_id``."""

    kind: SuggestionKind
    words: str
    exercise_id: str | None = None
    session_id: str | None = None
    agreement_id: str | None = None


def suggest(book: Workbook) -> Suggestion | None:
    """Today's one suggestion, or None when there is nothing to suggest."""
    today = local_day(book.clock.now())
    waiting = _to_pick_up(book, today)
    return (
        _review(book)
        or _follow_up(book, waiting)
        or _check_in(book, today, waiting)
        or _resume(book, waiting)
        or _visit(book)
    )


def may_suggest(book: Workbook, exercise_id: str) -> bool:
    """Whether Today may ever name ``exercise_id`` now: known, not sensitive, not one of
    ``NEVER``, not resting after it did not open."""
    exercise = book.library.exercises.get(exercise_id)
    return (
        exercise is not None
        and not exercise.sensitive
        and exercise_id not in NEVER
        and book.resting_until(exercise_id) is None
    )


def _to_pick_up(book: Workbook, today: date) -> list[SessionIndexEntry]:
    """Open sessions Today may offer, newest first: not one waiting for a date still ahead."""
    return [
        e
        for e in book.open_sessions()
        if may_suggest(book, e.exercise_id) and (e.due_on is None or e.due_on <= today)
    ]


def _review(book: Workbook) -> Suggestion | None:
    due = book.due_reviews()
    if not due:
        return None
    key = "review.due_one" if len(due) == 1 else "review.due_many"
    words = book.say(key, title=quoted(due[0]), count=str(len(due)))
    return Suggestion("review", words, agreement_id=due[0].id)


def _follow_up(book: Workbook, waiting: list[SessionIndexEntry]) -> Suggestion | None:
    entry = next((e for e in waiting if e.due_on is not None), None)
    if entry is None:
        return None
    words = book.say("today.follow_up", exercise=book.session_title(entry))
    return Suggestion("follow_up", words, session_id=entry.id)


def check_in_due(book: Workbook, today: date) -> bool:
    """Whether there has been no check-in for ``check_in_every_days`` (before the first one,
    counted from the workbook's first day)."""
    check_ins, meta = book.store.check_ins(), book.store.meta()
    since = check_ins[-1].at if check_ins else meta.created_at if meta else None
    every = book.library.pacing.check_in_every_days
    return since is not None and (today - local_day(since)).days >= every


def _check_in(book: Workbook, today: date, waiting: list[SessionIndexEntry]) -> Suggestion | None:
    """A check-in, if one is due: the one already under way, if there is one."""
    if not may_suggest(book, CHECK_IN_EXERCISE) or not check_in_due(book, today):
        return None
    key = "today.check_in" if book.store.check_ins() else "today.check_in_first"
    open_one = next((e for e in waiting if e.exercise_id == CHECK_IN_EXERCISE), None)
    if open_one is not None:
        return Suggestion("check_in", book.say(key), session_id=open_one.id)
    return Suggestion("check_in", book.say(key), exercise_id=CHECK_IN_EXERCISE)


def _resume(book: Workbook, waiting: list[SessionIndexEntry]) -> Suggestion | None:
    if not waiting:
        return None
    entry = waiting[0]
    words = book.say(
        "today.resume", exercise=book.session_title(entry), actor=book.name(entry.actor)
    )
    return Suggestion("resume", words, session_id=entry.id)


def _visit(book: Workbook) -> Suggestion | None:
    """The first exercise that may open in the first part of the path with nothing started
    in it yet (check-ins aside: they have their own suggestion)."""
    library = book.library
    started = {
        library.exercises[e.exercise_id].part
        for e in book.store.index()
        if e.exercise_id in library.exercises
        and library.exercises[e.exercise_id].listed
        and e.exercise_id != CHECK_IN_EXERCISE
    }
    for part in book.path():
        if part.number in started:
            continue
        for exercise in part.exercises:
            if (
                exercise.id != CHECK_IN_EXERCISE
                and may_suggest(book, exercise.id)
                and not book.waiting_for(exercise.id)
            ):
                words = book.say(
                    "today.visit",
                    exercise=exercise.title,
                    number=str(part.number),
                    part=part.title,
                    minutes=str(exercise.minutes),
                )
                return Suggestion("visit", words, exercise_id=exercise.id)
    return None
