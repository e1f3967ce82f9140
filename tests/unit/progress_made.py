"""A couple's record made quickly for the tests of milestones, Today and the check-in signal:
sessions and check-ins written straight into the store at the clock's time (what playing them
through would leave in ``index.json`` and ``workbook.json``, without the turns)."""

from __future__ import annotations

from datetime import date

from workbook.book import Workbook
from workbook.models import CheckIn, CheckInEntry, SessionStatus, new_id
from workbook.models import Session as SessionRecord

DAY = 24 * 3600
WEEK = 7 * DAY


def session(
    book: Workbook,
    exercise_id: str,
    status: SessionStatus = "completed",
    due_on: date | None = None,
    agreement_id: str | None = None,
) -> str:
    """A session of ``exercise_id`` as it stands now: finished unless ``status`` says not."""
    exercise = book.exercise(exercise_id)
    now = book.clock.now()
    record = SessionRecord(
        id=new_id(),
        exercise_id=exercise_id,
        roles={exercise.roles[0].id: "a", exercise.roles[1].id: "b"},
        step_id=exercise.steps[-1].id,
        actor=None if status == "completed" else "a",
        status=status,
        due_on=due_on,
        agreement_id=agreement_id,
        started_at=now,
        updated_at=now,
    )
    book.store.save_session(record)
    return record.id


Ratings = dict[str, int | None]


def check_in(book: Workbook, a: Ratings | None = None, b: Ratings | None = None) -> CheckIn:
    """A finished check-in now: each partner's shared ratings (a measure left out, or None, is
    not shared)."""
    now = book.clock.now()
    entries = {
        partner: CheckInEntry(**(ratings or {}), turn=new_id())
        for partner, ratings in (("a", a), ("b", b))
    }
    made = CheckIn(id=new_id(), origin=new_id(), on=now.date(), at=now, entries=entries)  # type: ignore[arg-type]
    book.store.save_check_in(made)
    return made
