"""Driving whole sessions through an in-memory workbook, move by move, for the property tests.

``play`` asks a ``Player`` what to do at each move (pause, pass or answer, and whether to let a
follow-up date go by), makes the move through ``Workbook`` exactly as the screens do, and checks
after it what every exercise must keep to: the acting partner follows the declared actors, the
turn is saved as answered, and a waiting step shows its date only while it is still ahead.

It also keeps its own record of *visits* (the turns given at one entry into a step), worked out
from the session before each move rather than asked of ``privacy.visit_of``, so the tests can
check the core's idea of a visit against it. ``RandomPlayer`` draws every decision from
Hypothesis, for answers of every kind.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Protocol

import pytest
from hypothesis import strategies as st

from workbook import engine
from workbook.answers import AGREE, MENU_MARKS, AnswerError, latest
from workbook.book import Workbook
from workbook.clock import ManualClock
from workbook.content import Library
from workbook.content_format import BOTH, EACH, END, Exercise, Step
from workbook.engine import Move
from workbook.models import AnswerValue, PartnerId, Session, Turn, other
from workbook.privacy import shareable_answers

#: A run that has not ended after this many moves is stopped (random answers can loop).
MAX_MOVES = 500
ENDED = ("completed", "set_aside")
#: Marks on a menu item that count as a shared "yes" (worked out here, not imported).
OPEN = ("yes", "maybe")
#: Seconds the clock moves before every move, so every turn has its own time.
TICK = 7


def new_book(library: Library, clock: ManualClock | None = None) -> Workbook:
    book = Workbook.in_memory(library, clock or ManualClock())
    book.set_partners("Alex", "Sam")
    return book


def bind_roles(exercise: Exercise, first: PartnerId) -> dict[str, PartnerId]:
    first_role, second_role = (r.id for r in exercise.roles)
    return {first_role: first, second_role: other(first)}


def today(book: Workbook) -> date:
    return book.clock.now().date()


def expected_order(exercise: Exercise, session: Session, step: Step) -> list[PartnerId]:
    """Who acts at ``step``, worked out here from the rules rather than asked of the engine."""
    if step.actor in (EACH, BOTH):
        first = session.roles[exercise.roles[0].id]
        return [first, other(first)]
    assert step.actor is not None
    return [session.roles[step.actor]]


def check_actor(exercise: Exercise, session: Session) -> Step:
    """The acting partner is the step's actor under the current roles."""
    step = exercise.step(session.step_id)
    assert step.kind != "swap"
    order = expected_order(exercise, session, step)
    assert engine.order(exercise, session, step) == order
    if step.actor in (EACH, BOTH):
        assert session.waiting, session
        assert session.waiting == order[len(order) - len(session.waiting) :]
        assert session.actor == session.waiting[0]
    else:
        assert session.actor == session.roles[step.actor]  # type: ignore[index]
        assert session.waiting == [session.actor]
    assert sorted(session.roles.values()) == ["a", "b"]
    return step


def mutual(step: Step, first: dict[str, str], second: dict[str, str]) -> list[str]:
    """The menu items both marked yes or maybe, in the menu's order."""
    return [i for i in step.items if first.get(i) in OPEN and second.get(i) in OPEN]


def expected_due(step: Step, turns: list[Turn]) -> date | None:
    """The date a step waits for: the latest answer at its ``wait_until`` step."""
    if step.wait_until is None:
        return None
    found = latest(turns, [step.wait_until])
    return date.fromisoformat(str(found.value)) if found is not None else None


def valid_choices(
    exercise: Exercise, step: Step, session: Session, turns: list[Turn], kept: bool = False
) -> list[str]:
    """Every id a choice step takes now: each offered step with an answer this round that the
    acting partner may see, then the fixed choices (one leading to a question kept for later
    only if something is ``kept``)."""
    assert session.actor is not None
    offers = [
        source
        for source in step.offer
        if any(
            t.round == session.round
            for t in shareable_answers(exercise.step(source), turns, session.actor)
        )
    ]
    fixed = [
        c.id
        for c in step.choices
        if kept or c.next not in exercise.step_ids() or not exercise.step(c.next).from_kept
    ]
    return offers + fixed


# -- the player ----------------------------------------------------------------------------


class Player(Protocol):
    """Decides each move of a run."""

    def wants_pause(self, step: Step) -> bool: ...

    def wants_pass(self, step: Step) -> bool: ...

    def answer(
        self, step: Step, session: Session, turns: list[Turn], today: date
    ) -> AnswerValue: ...

    def lets_date_pass(self, due_on: date) -> bool: ...


@dataclass
class Played:
    """One run: the session, the moves made, and the visits seen (by turn id)."""

    exercise: Exercise
    session_id: str = ""
    moves: int = 0
    visit: dict[str, int] = field(default_factory=dict)
    """Turn id -> the number of its visit."""
    members: dict[int, list[str]] = field(default_factory=dict)
    """Visit number -> its turn ids, in order."""
    given: dict[str, AnswerValue] = field(default_factory=dict)
    """Turn id -> the value as answered (before any reveal rewrote it)."""
    made: list[str] = field(default_factory=list)
    """Ids of the agreements and milestones the moves reported."""

    def visit_turns(self, turns: list[Turn], turn: Turn) -> list[Turn]:
        by_id = {t.id: t for t in turns}
        return [by_id[i] for i in self.members[self.visit[turn.id]]]


AfterMove = Callable[[Workbook, Played, Move | None], None]


def play(
    book: Workbook,
    exercise: Exercise,
    first: PartnerId,
    player: Player,
    after_move: AfterMove | None = None,
    max_moves: int = MAX_MOVES,
) -> Played:
    """Drive one session from its first step to an end or to ``max_moves`` moves.

    ``after_move(book, played, move)`` runs after every move that saved something (``move`` is
    None after a pause).
    """
    clock = book.clock
    assert isinstance(clock, ManualClock)
    for earlier in exercise.prerequisites:
        finish(book, book.exercise(earlier))
    session = book.start(exercise.id, bind_roles(exercise, first), consented=True)
    played = Played(exercise, session.id)
    visit_no = 0
    while played.moves < max_moves:
        opened = book.load(session.id)
        session = opened.session
        if session.status in ENDED:
            break
        if session.status == "paused":
            assert session.id in {e.id for e in book.open_sessions()}
            resumed = book.resume(session.id, consented=True)
            assert resumed.session.status == "in_progress"
            assert (resumed.session.step_id, resumed.session.actor, resumed.session.waiting) == (
                session.step_id,
                session.actor,
                session.waiting,
            )
            opened = resumed
            session = resumed.session
        step = check_actor(exercise, session)
        actor = session.actor
        assert actor is not None
        turns = opened.turns

        # A step waiting for a date: the engine does not block; the view says when it is due.
        assert session.due_on == expected_due(step, turns)
        if session.due_on is not None and player.lets_date_pass(session.due_on):
            ahead = (session.due_on - today(book)).days
            if ahead >= 0:
                clock.advance((ahead + 1) * 86400)
        clock.advance(TICK)
        view = book.view(opened)
        assert (view.step_id, view.actor, view.position) == (step.id, actor, len(turns))
        due = session.due_on
        assert view.due_on == (due if due is not None and due > today(book) else None)
        assert bool(view.due_note) == (view.due_on is not None)

        played.moves += 1
        if player.wants_pause(step):
            paused = book.pause(session.id)
            assert (paused.status, paused.step_id, paused.actor) == (
                "paused",
                step.id,
                actor,
            )
            if after_move is not None:
                after_move(book, played, None)
            continue

        starts_visit = len(session.waiting) == len(expected_order(exercise, session, step))
        earlier_in_visit = [] if starts_visit else played.members[visit_no]
        before = len(turns)
        if player.wants_pass(step):
            move = book.pass_turn(session.id)
            assert move.turn.passed and move.turn.value is None
        else:
            value = player.answer(step, session, turns, today(book))
            if step.kind == "text" and isinstance(value, str) and not value.strip():
                with pytest.raises(AnswerError):
                    book.submit(session.id, value)
                assert book.load(session.id) == opened
                continue
            move = book.submit(session.id, value)
            assert not move.turn.passed
            played.given[move.turn.id] = value
            expected = canonical(step, value)
            if step.kind == "menu" and not starts_visit:
                # The second partner's marks: only the mutual items are kept (none if the
                # first passed).
                marks = played.given.get(earlier_in_visit[0])
                assert isinstance(value, dict)
                expected = mutual(step, marks, value) if isinstance(marks, dict) else []
            assert move.turn.value == expected, (step.id, value, move.turn.value)
        if starts_visit:
            visit_no += 1
            played.members[visit_no] = []
        played.visit[move.turn.id] = visit_no
        played.members[visit_no].append(move.turn.id)

        after = book.load(session.id).turns
        assert len(after) == before + 1
        assert after[-1] == move.turn
        assert move.turn.partner == actor
        assert (move.turn.step_id, move.turn.round) == (step.id, session.round)
        assert move.session == book.load(session.id).session
        if move.agreement is not None:
            assert step.kind == "agreement"
            played.made.append(move.agreement.id)
        if move.milestone is not None:
            assert step.kind == "milestone"
            played.made.append(move.milestone.id)
        if after_move is not None:
            after_move(book, played, move)
    return played


def canonical(step: Step, value: AnswerValue) -> AnswerValue:
    """How an accepted answer is stored, worked out here."""
    if step.kind == "pick":
        assert isinstance(value, list)
        return [item for item in step.items if item in value]
    if step.kind == "date":
        return date.fromisoformat(str(value)).isoformat()
    if step.kind == "ratings":  # every measure there, and the note, each without spaces around
        assert isinstance(value, dict)
        kept = {c.id: str(value.get(c.id, "")).strip() for c in step.choices}
        return {**kept, "note": str(value.get("note", "")).strip()}
    return value


# -- what reaches an end ---------------------------------------------------------------------


def finish(book: Workbook, exercise: Exercise) -> None:
    """A session of ``exercise`` saved as completed, so an exercise waiting for it opens."""
    started = book.start(exercise.id, bind_roles(exercise, "a"), consented=True)
    book.store.save_session(started.model_copy(update={"status": "completed"}))


def distances(exercise: Exercise) -> dict[str, float]:
    """Answers needed from each step to ``end``, following answers only (no passes, no
    pauses, no setting aside)."""
    far = float("inf")
    dist: dict[str, float] = {s.id: far for s in exercise.steps}
    dist[END] = 0

    def targets(step: Step) -> list[str]:
        found = [c.next or step.next for c in step.choices]
        found += [t for t in (step.next, step.then) if t is not None]
        return [t for t in found if t is not None]

    changed = True
    while changed:
        changed = False
        for step in exercise.steps:
            best = min((dist.get(t, far) for t in targets(step)), default=far) + 1
            if best < dist[step.id]:
                dist[step.id] = best
                changed = True
    return dist


def progress_choice(exercise: Exercise, step: Step, ids: list[str]) -> str:
    """The choice (among ``ids``) whose target is nearest to the end; the first on a tie."""
    dist = distances(exercise)
    by_id = {c.id: c for c in step.choices}

    def target(choice_id: str) -> str | None:
        chosen = by_id.get(choice_id)
        return (chosen.next if chosen else None) or step.next

    return min(ids, key=lambda i: dist.get(target(i) or "", float("inf")))


def within(step: Step, today: date, days: int) -> date:
    """``days`` ahead of today, kept inside the step's ``within_weeks``."""
    if step.within_weeks is not None:
        days = min(days, step.within_weeks * 7)
    return today + timedelta(days=days)


class RandomPlayer:
    """Every decision drawn by Hypothesis: passes, pauses, answers of every kind."""

    def __init__(self, data: st.DataObject, exercise: Exercise) -> None:
        self.data = data
        self.exercise = exercise

    def wants_pause(self, step: Step) -> bool:
        return self.data.draw(st.integers(0, 15), label="pause?") == 15

    def wants_pass(self, step: Step) -> bool:
        return self.data.draw(st.integers(0, 3), label=f"pass at {step.id}?") == 3

    def lets_date_pass(self, due_on: date) -> bool:
        return self.data.draw(st.booleans(), label=f"let {due_on} pass?")

    def answer(self, step: Step, session: Session, turns: list[Turn], today: date) -> AnswerValue:
        draw, label = self.data.draw, step.id
        kind = step.kind
        if kind == "text":
            return draw(
                st.text(max_size=12) | st.sampled_from(["I hear you.", "ok", " "]), label=label
            )
        if kind == "choice":
            return draw(
                st.sampled_from(valid_choices(self.exercise, step, session, turns)), label=label
            )
        if kind == "pick":
            return draw(st.lists(st.sampled_from(step.items), min_size=1, unique=True), label)
        if kind == "menu":
            marks = st.fixed_dictionaries(
                {item: st.sampled_from(MENU_MARKS) for item in step.items}
            )
            return draw(marks, label=label)
        if kind == "scale":
            low, high = step.scale
            return draw(st.integers(low, high), label=label)
        if kind == "date":
            if step.within_weeks is not None:
                days = draw(st.integers(0, step.within_weeks * 7), label=label)
                return (today + timedelta(days=days)).isoformat()
            return draw(st.dates(date(2000, 1, 1), date(2100, 12, 31)), label=label).isoformat()
        if kind == "ratings":
            rating = st.sampled_from(["", *(str(n) for n in range(11))])
            marks = st.fixed_dictionaries(
                {c.id: rating for c in step.choices}, optional={"note": st.text(max_size=12)}
            )
            return draw(marks, label=label)
        if kind in ("confirm", "agreement", "milestone"):
            return AGREE
        raise AssertionError(f"no strategy for a {kind} step")
