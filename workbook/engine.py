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

from workbook.content_format import BOTH, EACH, END, PAUSE, SET_ASIDE, Exercise, Step
from workbook.models import (
    Acceptance,
    Agreement,
    AnswerValue,
    HistoryEntry,
    PartnerId,
    Session,
    Turn,
    other,
)

#: Two partners: every partner holds every role once after one swap.
ROUNDS = 2
AGREE = "agree"
MENU_MARKS = ("yes", "maybe", "no")


class AnswerError(ValueError):
    """An answer the current step cannot take; the message names what it expects."""


@dataclass(frozen=True)
class Move:
    """What one submit or pass produced: the new session, the turn to save, and what happened."""

    session: Session
    turn: Turn
    swapped: bool = False
    agreement: Agreement | None = None


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
    session, _ = _enter(exercise, session, exercise.steps[0].id)
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


def _enter(exercise: Exercise, session: Session, target: str) -> tuple[Session, bool]:
    """Move ``session`` to ``target`` (a step id or a flow word); report whether roles swapped."""
    if target == END:
        return session.model_copy(
            update={"status": "completed", "actor": None, "waiting": []}
        ), False
    if target == SET_ASIDE:
        return session.model_copy(
            update={"status": "set_aside", "actor": None, "waiting": []}
        ), False
    if target == PAUSE:
        return _enter(exercise, session.model_copy(update={"status": "paused"}), session.step_id)
    step = exercise.step(target)
    if step.kind == "swap":
        assert step.next is not None and step.then is not None
        if session.round < ROUNDS:
            swapped_roles = {role: other(holder) for role, holder in session.roles.items()}
            moved = session.model_copy(update={"roles": swapped_roles, "round": session.round + 1})
            return _enter(exercise, moved, step.next)[0], True
        return _enter(exercise, session, step.then)
    waiting = order(exercise, session, step)
    return session.model_copy(
        update={"step_id": step.id, "actor": waiting[0], "waiting": waiting}
    ), False


def current_step(exercise: Exercise, session: Session) -> Step:
    return exercise.step(session.step_id)


def is_open(session: Session) -> bool:
    return session.status in ("in_progress", "paused")


def check_answer(step: Step, value: AnswerValue) -> AnswerValue:
    """``value`` made canonical for ``step``, or ``AnswerError`` saying what is expected."""
    kind = step.kind
    if kind == "text":
        if not isinstance(value, str) or not value.strip():
            raise AnswerError("Write something first, or pass.")
        return value
    if kind == "choice":
        ids = [c.id for c in step.choices]
        if value not in ids:
            raise AnswerError(f"Choose one of: {', '.join(ids)}.")
        return value
    if kind == "date":
        try:
            return date.fromisoformat(str(value)).isoformat()
        except ValueError as error:
            raise AnswerError("Give a date as YYYY-MM-DD.") from error
    if kind == "scale":
        low, high = step.scale
        if not isinstance(value, int) or not low <= value <= high:
            raise AnswerError(f"Choose a number from {low} to {high}.")
        return value
    if kind == "menu":
        if (
            not isinstance(value, dict)
            or set(value) != set(step.items)
            or not set(value.values()) <= set(MENU_MARKS)
        ):
            raise AnswerError("Mark every item yes, maybe or no.")
        return value
    if kind in ("confirm", "agreement"):
        if value != AGREE:
            raise AnswerError("Confirm, or pass.")
        return AGREE
    raise AnswerError(f"Nothing can be answered at a {kind} step.")


def submit(
    exercise: Exercise,
    session: Session,
    turns: list[Turn],
    value: AnswerValue,
    turn_id: str,
    now: datetime,
) -> Move:
    """The current actor answers the current step."""
    step, actor = _acting(exercise, session)
    turn = Turn(
        id=turn_id,
        partner=actor,
        step_id=step.id,
        round=session.round,
        value=check_answer(step, value),
        at=now,
    )
    if len(session.waiting) > 1:
        return Move(session=_next_partner(session, now), turn=turn)
    target = step.next
    if step.kind == "choice":
        chosen = next(c for c in step.choices if c.id == turn.value)
        target = chosen.next or step.next
    assert target is not None
    agreement = None
    if step.kind == "agreement":
        agreement = build_agreement(exercise, session, [*turns, turn], step)
    moved, swapped = _enter(exercise, _touched(session, now), target)
    return Move(session=moved, turn=turn, swapped=swapped, agreement=agreement)


def pass_turn(
    exercise: Exercise, session: Session, turns: list[Turn], turn_id: str, now: datetime
) -> Move:
    """The current actor passes. At a ``both`` step one pass ends the step (nothing is agreed);
    at an ``each`` step the other partner still answers, and ``on_pass`` is followed only when
    every partner passed."""
    step, actor = _acting(exercise, session)
    turn = Turn(
        id=turn_id, partner=actor, step_id=step.id, round=session.round, passed=True, at=now
    )
    if step.actor == EACH and len(session.waiting) > 1:
        return Move(session=_next_partner(session, now), turn=turn)
    target = step.on_pass
    if step.actor == EACH:
        visit = _this_visit(session, [*turns, turn], step)
        if not all(t.passed for t in visit):
            target = step.next
    assert target is not None
    moved, swapped = _enter(exercise, _touched(session, now), target)
    return Move(session=moved, turn=turn, swapped=swapped)


def pause(session: Session, now: datetime) -> Session:
    """Stop here for now; the session resumes at the same step with the same partner."""
    if not is_open(session):
        raise AnswerError("This session has ended.")
    return session.model_copy(update={"status": "paused", "updated_at": now})


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


def _this_visit(session: Session, turns: list[Turn], step: Step) -> list[Turn]:
    """The turns given at ``step`` since the flow last arrived there."""
    visit: list[Turn] = []
    for turn in reversed(turns):
        if turn.step_id != step.id or turn.round != session.round or len(visit) == 2:
            break
        visit.append(turn)
    return list(reversed(visit))


def latest(turns: list[Turn], step_ids: list[str]) -> Turn | None:
    """The most recent answer (not a pass) at any of ``step_ids``."""
    for turn in reversed(turns):
        if turn.step_id in step_ids and not turn.passed:
            return turn
    return None


def build_agreement(
    exercise: Exercise, session: Session, turns: list[Turn], step: Step
) -> Agreement | None:
    """The agreement a completed ``agreement`` step makes, or None if not both agreed."""
    spec = step.agreement
    assert spec is not None
    visit = _this_visit(session, turns, step)
    if len(visit) < 2 or any(t.passed for t in visit):
        return None
    wording, category, review = (
        latest(turns, spec.text),
        latest(turns, [spec.category]),
        latest(turns, [spec.review_on]),
    )
    if wording is None or category is None:
        return None
    text = str(wording.value)
    accepted_at = visit[-1].at
    return Agreement(
        id=f"{session.id}-{step.id}",
        title=title_from(text),
        text=text,
        category=str(category.value),
        origin=session.id,
        exercise_id=exercise.id,
        acceptances=[Acceptance(partner=t.partner, at=t.at) for t in visit],
        review_on=date.fromisoformat(str(review.value)) if review is not None else None,
        history=[
            HistoryEntry(what="made", text=text, by=[t.partner for t in visit], at=accepted_at)
        ],
        created_at=accepted_at,
    )


def title_from(text: str, limit: int = 60) -> str:
    """A short title: the first line of the wording, cut at a word near ``limit``."""
    first = " ".join(text.strip().splitlines()[0].split()) if text.strip() else ""
    if len(first) <= limit:
        return first
    cut = first[:limit].rsplit(" ", 1)[0] or first[:limit]
    return cut + "…"
