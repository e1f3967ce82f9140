"""The turn engine: a pure state machine over (exercise, session, turns).

It decides who acts now, at which step, what answers are allowed, and the next state after a
submit, a pass or a pause. It does no I/O and reads no clock: callers pass ``now`` and ids, and
get back new immutable records to save. Screens never decide any of this.

Actors: a role id (the partner bound to that role), ``each`` (both answer, the partner bound
to the first role first) or ``both`` (each is named in turn and must agree; one "Not yet" is a
pass for the step, so nothing is saved unless both agree). A ``swap`` step is a junction: the
first time it is reached the roles swap and the flow goes to ``next`` for the second round;
after that it goes to ``then``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from workbook.answers import AnswerError, answer_words, check_answer, latest
from workbook.check_ins import check_in_by_last_turn
from workbook.content_format import BOTH, EACH, END, PAUSE, SET_ASIDE, Exercise, Step
from workbook.models import (
    Agreement,
    AnswerValue,
    CheckIn,
    Kept,
    Milestone,
    PartnerId,
    Session,
    SessionStatus,
    Turn,
    other,
)
from workbook.privacy import mutual_items, offered, visit_of
from workbook.records import made_by_last_turn

#: Two partners: every partner holds every role once after one swap.
ROUNDS = 2


@dataclass(frozen=True)
class Move:
    """What one submit or pass produced: the new session, the turn to save, and what happened.

    ``rewritten``: earlier turns to save again in place (a menu's marks, erased at its reveal);
    ``revealed``: the private step whose answers both partners may now see together;
    ``kept``: a question kept for later (new, or passed over again); ``unkept``: the id of
    one asked now, so no longer kept.
    """

    session: Session
    turn: Turn
    swapped: bool = False
    agreement: Agreement | None = None
    milestone: Milestone | None = None
    check_in: CheckIn | None = None
    rewritten: tuple[Turn, ...] = ()
    revealed: str | None = None
    kept: Kept | None = None
    unkept: str | None = None


def start(
    exercise: Exercise, roles: dict[str, PartnerId], session_id: str, now: datetime
) -> Session:
    """A new session at the exercise's first step, with ``roles`` bound to partners."""
    missing = {r.id for r in exercise.roles} - set(roles)
    if missing:
        raise ValueError(f"roles not bound: {', '.join(sorted(missing))}")
    session = Session(
        id=session_id,
        exercise_id=exercise.id,
        roles=dict(roles),
        step_id=exercise.steps[0].id,
        actor=None,
        started_at=now,
        updated_at=now,
    )
    session, _ = _enter(exercise, session, exercise.steps[0].id, [])
    return session


def order(exercise: Exercise, session: Session, step: Step) -> list[PartnerId]:
    """Who acts at ``step`` under the session's current roles, in turn order."""
    if step.actor in (EACH, BOTH):
        first = session.roles[exercise.roles[0].id]
        return [first, other(first)]
    assert step.actor is not None
    return [session.roles[step.actor]]


def role_of(session: Session, partner: PartnerId) -> str | None:
    for role, holder in session.roles.items():
        if holder == partner:
            return role
    return None


def _enter(
    exercise: Exercise, session: Session, target: str, turns: list[Turn]
) -> tuple[Session, bool]:
    """Move ``session`` to ``target`` (a step id or a flow word); report whether roles swapped."""
    if target in (END, SET_ASIDE):
        return _ended(session, "completed" if target == END else "set_aside"), False
    if target == PAUSE:
        paused = session.model_copy(update={"status": "paused"})
        return _enter(exercise, paused, session.step_id, turns)
    step = exercise.step(target)
    if step.kind == "swap":
        assert step.next is not None and step.then is not None
        if session.round < ROUNDS:
            handed = swap_roles(session.roles)
            moved = session.model_copy(update={"roles": handed, "round": session.round + 1})
            return _enter(exercise, moved, step.next, turns)[0], True
        return _enter(exercise, session, step.then, turns)
    waiting = order(exercise, session, step)
    return session.model_copy(
        update={
            "step_id": step.id,
            "actor": waiting[0],
            "waiting": waiting,
            "due_on": _due_on(step, turns),
        }
    ), False


def swap_roles(roles: dict[str, PartnerId]) -> dict[str, PartnerId]:
    """Every role handed to the other partner: what a ``swap`` step does between rounds."""
    return {role: other(holder) for role, holder in roles.items()}


def _move_on(
    exercise: Exercise, session: Session, target: str, turns: list[Turn], now: datetime
) -> tuple[Session, bool]:
    """Go to ``target`` after a turn. A step that waits for a date still ahead pauses the
    session there: Home says when it comes back."""
    moved, swapped = _enter(exercise, _touched(session, now), target, turns)
    if moved.status == "in_progress" and moved.due_on is not None and moved.due_on > now.date():
        moved = moved.model_copy(update={"status": "paused"})
    return moved, swapped


def _due_on(step: Step, turns: list[Turn]) -> date | None:
    """The date a ``wait_until`` step waits for, as answered earlier."""
    if step.wait_until is None:
        return None
    found = latest(turns, [step.wait_until])
    return date.fromisoformat(str(found.value)) if found is not None else None


def current_step(exercise: Exercise, session: Session) -> Step:
    return exercise.step(session.step_id)


def is_open(session: Session) -> bool:
    return session.status in ("in_progress", "paused")


def closed_choices(exercise: Exercise, step: Step, kept: Kept | None) -> set[str]:
    """The choices at ``step`` not offered now: those leading to a ``from_kept`` step while
    nothing is kept for later."""
    if kept is not None:
        return set()
    ids = exercise.step_ids()
    return {c.id for c in step.choices if c.next in ids and exercise.step(c.next).from_kept}


def submit(
    exercise: Exercise,
    session: Session,
    turns: list[Turn],
    value: AnswerValue,
    turn_id: str,
    now: datetime,
    kept: Kept | None = None,
) -> Move:
    """The current actor answers the current step. ``kept``: what this exercise has kept for
    later the longest, if anything (a ``from_kept`` step asks it; it opens the way there)."""
    turn = answer_turn(exercise, session, turns, value, turn_id, now, kept)
    return advance(exercise, session, turns, turn, kept)


def answer_turn(
    exercise: Exercise,
    session: Session,
    turns: list[Turn],
    value: AnswerValue,
    turn_id: str,
    now: datetime,
    kept: Kept | None = None,
) -> Turn:
    """The current actor's answer as a turn, checked against what the step takes now
    (``AnswerError`` if it does not)."""
    step, actor = _acting(exercise, session)
    offers = [t.step_id for t in offered(exercise, step, session.round, turns, actor)]
    closed = closed_choices(exercise, step, kept)
    return Turn(
        id=turn_id,
        partner=actor,
        step_id=step.id,
        round=session.round,
        value=check_answer(step, value, now.date(), offers, closed),
        at=now,
    )


def advance(
    exercise: Exercise, session: Session, turns: list[Turn], turn: Turn, kept: Kept | None = None
) -> Move:
    """The move ``turn`` (an answer or a pass, at the session's current step, given at
    ``turn.at``) makes from ``session``. Its answer is not checked again: ``submit`` checked
    it, and a turn given earlier may be replayed as saved (a menu's marks are gone after its
    reveal), so ``take_back`` can find the session as it stood before any turn."""
    if turn.passed:
        return _passed(exercise, session, turns, turn, kept)
    step, now = current_step(exercise, session), turn.at
    if len(session.waiting) > 1:
        return Move(session=_next_partner(session, now), turn=turn)
    if step.shown_to_both:
        return _leave_private(exercise, session, turns, turn, now)
    target = step.next
    if step.kind == "choice":
        chosen = next((c for c in step.choices if c.id == turn.value), None)
        target = (chosen.next if chosen else None) or step.next
    assert target is not None
    after = [*turns, turn]
    agreement, milestone = made_by_last_turn(exercise, session, after)
    moved, swapped = _move_on(exercise, session, target, after, now)
    return Move(
        session=moved,
        turn=turn,
        swapped=swapped,
        agreement=agreement,
        milestone=milestone,
        unkept=kept.id if step.from_kept and kept is not None else None,
    )


def _leave_private(
    exercise: Exercise, session: Session, turns: list[Turn], turn: Turn, now: datetime
) -> Move:
    """The second partner has answered (or passed) a private step: reveal what may be shown.

    A menu keeps only the items both marked yes or maybe, in both turns; each partner's own
    marks are gone from then on, whatever the other answered.
    """
    step = exercise.step(turn.step_id)
    after = [*turns, turn]
    visit = visit_of(after, len(after) - 1)
    rewritten: tuple[Turn, ...] = ()
    if step.reveal == "match":
        marks = [t.value for t in visit if not t.passed and isinstance(t.value, dict)]
        mutual = mutual_items(step, *marks) if len(marks) == 2 else []
        if not turn.passed:
            turn = turn.model_copy(update={"value": mutual})
        rewritten = tuple(
            t.model_copy(update={"value": mutual}) for t in visit[:-1] if not t.passed
        )
        after = [*turns[: len(turns) - len(rewritten)], *rewritten, turn]
    all_passed = all(t.passed for t in visit)
    target = step.on_pass if all_passed else step.next
    assert target is not None
    moved, swapped = _move_on(exercise, session, target, after, now)
    return Move(
        session=moved,
        turn=turn,
        swapped=swapped,
        check_in=check_in_by_last_turn(exercise, session, after),
        rewritten=rewritten,
        revealed=None if all_passed else step.id,
    )


def pass_turn(
    exercise: Exercise,
    session: Session,
    turns: list[Turn],
    turn_id: str,
    now: datetime,
    kept: Kept | None = None,
) -> Move:
    """The current actor passes. At a ``both`` step one pass ends the step (nothing is agreed);
    at an ``each`` step the other partner still answers, and ``on_pass`` is followed only when
    every partner passed. A pass at a ``keep_on_pass`` step keeps the question for later; at
    a ``from_kept`` step it sends ``kept`` to the back of the line."""
    step, actor = _acting(exercise, session)
    turn = Turn(
        id=turn_id, partner=actor, step_id=step.id, round=session.round, passed=True, at=now
    )
    return advance(exercise, session, turns, turn, kept)


def _passed(
    exercise: Exercise, session: Session, turns: list[Turn], turn: Turn, kept: Kept | None
) -> Move:
    """The move a pass makes (``pass_turn`` says where it leads)."""
    step, now = current_step(exercise, session), turn.at
    if step.actor == EACH and len(session.waiting) > 1:
        return Move(session=_next_partner(session, now), turn=turn)
    if step.shown_to_both:
        return _leave_private(exercise, session, turns, turn, now)
    target = step.on_pass
    after = [*turns, turn]
    if step.actor == EACH and not all(t.passed for t in visit_of(after, len(after) - 1)):
        target = step.next
    assert target is not None
    moved, swapped = _move_on(exercise, session, target, after, now)
    return Move(
        session=moved,
        turn=turn,
        swapped=swapped,
        kept=_kept_by_pass(exercise, session, turn, turns, kept),
    )


def _kept_by_pass(
    exercise: Exercise, session: Session, turn: Turn, turns: list[Turn], kept: Kept | None
) -> Kept | None:
    """What a pass keeps for later: the question it passed on (named by the pass turn), or
    the kept one it passed over again, now at the back of the line."""
    step = exercise.step(turn.step_id)
    if step.from_kept and kept is not None:
        return kept.model_copy(update={"kept_at": turn.at})
    question = latest(turns, step.keep_on_pass, turn.round) if step.keep_on_pass else None
    if question is None:
        return None
    return Kept(
        id=question.id,  # so keeping it again after a failed save replaces, not repeats, it
        exercise_id=exercise.id,
        asked_by=question.partner,
        text=answer_words(exercise, turns, question),
        kept_at=turn.at,
        origin=session.id,
    )


def pause(session: Session, now: datetime) -> Session:
    """Stop here for now; the session resumes at the same step with the same partner."""
    if not is_open(session):
        raise AnswerError("This session has ended.")
    return session.model_copy(update={"status": "paused", "updated_at": now})


def set_aside(session: Session, now: datetime) -> Session:
    """End the session with nothing agreed (say, its agreement was retired meanwhile)."""
    return _ended(session.model_copy(update={"updated_at": now}), "set_aside")


def _ended(session: Session, status: SessionStatus) -> Session:
    """``session`` over: nobody acts, nothing waits."""
    return session.model_copy(
        update={"status": status, "actor": None, "waiting": [], "due_on": None}
    )


def resume(session: Session, now: datetime) -> Session:
    return session.model_copy(update={"status": "in_progress", "updated_at": now})


def _acting(exercise: Exercise, session: Session) -> tuple[Step, PartnerId]:
    if not is_open(session) or session.actor is None:
        raise AnswerError("This session has ended.")
    return current_step(exercise, session), session.actor


def _touched(session: Session, now: datetime) -> Session:
    return session.model_copy(update={"updated_at": now, "status": "in_progress"})


def _next_partner(session: Session, now: datetime) -> Session:
    waiting = session.waiting[1:]
    return _touched(session, now).model_copy(update={"actor": waiting[0], "waiting": waiting})
