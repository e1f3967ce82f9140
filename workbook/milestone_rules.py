"""Milestones the workbook notices by itself, from the couple's own record, so small steps are
seen and celebrated once (Home shows each on a short screen for both).

Each rule's milestone has a fixed id, so it is made once however often the rules run, and is
dated the day the step happened, not the day it was noticed. The rules read only
``workbook.json`` and ``index.json``, never a session file, so they are cheap to run each
time Home appears. None looks inside a sensitive exercise, and none keeps a score or counts
days in a row: a few firsts and a few round numbers, each reached once.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date

from workbook.agreement_sessions import quoted
from workbook.book import Workbook
from workbook.clock import local_day
from workbook.content import Library
from workbook.models import Agreement, Milestone
from workbook.progress import finished_exercises
from workbook.store import Store

#: Every milestone a rule makes has an id starting so (by hand: a random id).
RULE = "rule-"
#: The check-ins, finished exercises and reviews a round-number milestone waits for.
CHECK_INS_ROUND, EXERCISES_ROUND, REVIEWS_KEPT = 4, 10, 3


@dataclass(frozen=True)
class Found:
    """A milestone a rule finds in the record: its fixed id, its title, the day it happened."""

    id: str
    title: str
    on: date


def _exercises(store: Store, library: Library) -> Iterator[Found]:
    """The first exercise finished in each part of the path (a sensitive one is not counted,
    so no milestone stands for one), and the tenth exercise finished."""
    done = [e for e in finished_exercises(store, library) if e.exercise_id in library.exercises]
    parts = {p.number: p.title for p in library.path.parts}
    firsts: dict[int, date] = {}
    for entry in done:
        exercise = library.exercises[entry.exercise_id]
        if not exercise.sensitive:
            firsts.setdefault(exercise.part, local_day(entry.updated_at))
    for number, on in sorted(firsts.items()):
        title = library.say("milestones.first_in_part", number=str(number), part=parts[number])
        yield Found(f"{RULE}first-in-part-{number}", title, on)
    if len(done) >= EXERCISES_ROUND:
        on = local_day(done[EXERCISES_ROUND - 1].updated_at)
        yield Found(f"{RULE}ten-exercises", library.say("milestones.ten_exercises"), on)


def _check_ins(store: Store, library: Library) -> Iterator[Found]:
    """The first check-in, and the fourth."""
    days = [local_day(c.at) for c in store.check_ins()]
    if days:
        yield Found(f"{RULE}first-check-in", library.say("milestones.first_check_in"), days[0])
    if len(days) >= CHECK_INS_ROUND:
        title = library.say("milestones.four_check_ins")
        yield Found(f"{RULE}four-check-ins", title, days[CHECK_INS_ROUND - 1])


def _kept_well(agreement: Agreement, library: Library) -> Found | None:
    """An agreement both partners said they were keeping well at three reviews (not
    necessarily in a row); its words are quoted only if it came from an exercise that is not
    sensitive."""
    kept = [
        h.at
        for h in agreement.history
        if h.what == "reviewed" and len(h.ratings) == 2 and set(h.ratings.values()) == {"keeping"}
    ]
    if len(kept) < REVIEWS_KEPT:
        return None
    exercise = library.exercises.get(agreement.exercise_id)
    if exercise is None or exercise.sensitive:
        title = library.say("milestones.kept_through_reviews_quiet")
    else:
        title = library.say("milestones.kept_through_reviews", title=quoted(agreement))
    return Found(f"{RULE}kept-{agreement.id}", title, local_day(kept[REVIEWS_KEPT - 1]))


def _agreements(store: Store, library: Library) -> Iterator[Found]:
    """The first agreement made, and each agreement kept well through three reviews."""
    agreements = sorted(store.agreements(), key=lambda a: a.created_at)
    if agreements:
        on = local_day(agreements[0].created_at)
        yield Found(f"{RULE}first-agreement", library.say("milestones.first_agreement"), on)
    for agreement in agreements:
        found = _kept_well(agreement, library)
        if found is not None:
            yield found


RULES: tuple[Callable[[Store, Library], Iterator[Found]], ...] = (
    _agreements,
    _exercises,
    _check_ins,
)


def found(store: Store, library: Library) -> list[Found]:
    """Every milestone the rules find in the record, in the order they happened."""
    return sorted((f for rule in RULES for f in rule(store, library)), key=lambda f: f.on)


def award(book: Workbook) -> list[Milestone]:
    """Save the milestones the rules find that were not made before, not yet celebrated, and
    return them."""
    made = {m.id for m in book.store.milestones()}
    now = book.clock.now()
    new = [
        Milestone(id=f.id, title=f.title, on=f.on, how="rule", celebrated=False, created_at=now)
        for f in found(book.store, book.library)
        if f.id not in made
    ]
    for milestone in new:
        book.store.save_milestone(milestone)
    return new


def to_celebrate(book: Workbook) -> list[Milestone]:
    """The milestones not celebrated yet, the earliest first."""
    waiting = [m for m in book.store.milestones() if not m.celebrated]
    return sorted(waiting, key=lambda m: (m.on, m.created_at, m.id))


def celebrated(book: Workbook, milestone: Milestone) -> None:
    """Keep that ``milestone`` was celebrated, so it is never shown again."""
    book.store.save_milestone(milestone.model_copy(update={"celebrated": True}))
