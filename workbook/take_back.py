"""Changing one's mind about the latest turn: correcting it in place, or taking it back.

Only a session's latest turn may change, only by its author, only while the session is open,
and only until the other partner has *responded* to it: submitted or passed a turn after it
in the session. A pass counts as much as an answer (at a private step, the offer to change
must not tell the other partner which it was). Never a turn that made something both share:
an agreement, a milestone or a review both agreed to, a menu's shared list (its reveal erased
each partner's marks), or a question kept for later or asked again. Refusals are
``NotChangeable`` with the texts key that says why.

The session as it was before the turn is found by replaying the saved turns through the engine
from ``engine.start``, rather than kept: the session file holds one session record (a copy per
turn would change what is stored), and undoing one move by hand would restate the engine's
rules (rounds and swaps, the order at ``each`` and ``both`` steps, pauses for a date) in
reverse. The engine is pure, so the same turns give the same states. The replay is checked
turn by turn: each turn must be given at the step, round and by the partner the replay has
acting, and it must end where the saved session stands; if the exercise has changed since,
nothing is changed (``take_back.changed``).
"""

from __future__ import annotations

from datetime import datetime

from workbook import engine
from workbook.answers import AGREEING_KINDS
from workbook.content_format import BOTH, EACH, Exercise, Step
from workbook.errors import WorkbookError
from workbook.models import AnswerValue, Kept, PartnerId, Session, Turn
from workbook.privacy import visit_of
from workbook.summary import roles_in_round

#: Kinds of step whose answer can only be taken back, never reworded: agreeing has no words,
#: and a check-in is rated again only together with the choice of what to share.
ONLY_TAKEN_BACK = AGREEING_KINDS | {"ratings"}


class NotChangeable(WorkbookError):
    """A turn that may not be corrected or taken back now; ``key`` names the sentence in
    the texts (``take_back.*``) that says why, plainly."""

    def __init__(self, key: str) -> None:
        self.key = key
        super().__init__(key)


def responded(turns: list[Turn], index: int) -> bool:
    """Whether the other partner has responded to ``turns[index]``: submitted or passed a
    turn after it in the session."""
    author = turns[index].partner
    return any(t.partner != author for t in turns[index + 1 :])


def _completes_visit(step: Step, turns: list[Turn]) -> bool:
    """Whether the last turn ends its visit of ``step``: the last to act there, or a "Not
    yet" at a ``both`` step."""
    visit = visit_of(turns, len(turns) - 1)
    return (
        step.actor not in (EACH, BOTH)
        or len(visit) == 2
        or (step.actor == BOTH and visit[0].passed)
    )


def made_something(step: Step, turns: list[Turn]) -> bool:
    """Whether the last turn, at ``step``, made something both share (see the module)."""
    last = turns[-1]
    visit = visit_of(turns, len(turns) - 1)
    agreed = step.kind in AGREEING_KINDS and len(visit) == 2 and not any(t.passed for t in visit)
    shared_list = step.private and step.reveal == "match" and _completes_visit(step, turns)
    kept = step.from_kept or (last.passed and bool(step.keep_on_pass))
    return agreed or shared_list or kept


def refusal(
    exercise: Exercise, session: Session, turns: list[Turn], partner: PartnerId, turn_id: str
) -> str | None:
    """Why ``partner`` may not change the turn ``turn_id`` now (a texts key), or None if
    they may. Cheap: it reads the turns, it does not replay them."""
    index = next((i for i, t in enumerate(turns) if t.id == turn_id), None)
    if index is None or turns[index].partner != partner:
        return "take_back.not_yours"
    if responded(turns, index):
        return "take_back.responded"
    if index != len(turns) - 1:
        return "take_back.not_latest"
    if not engine.is_open(session):
        return "take_back.ended"
    if turns[index].step_id not in exercise.step_ids():
        return "take_back.changed"
    if made_something(exercise.step(turns[index].step_id), turns):
        return "take_back.made"
    return None


def changeable(exercise: Exercise, session: Session, turns: list[Turn]) -> Turn | None:
    """The session's latest turn, if its author may still correct it or take it back."""
    if not turns:
        return None
    last = turns[-1]
    return last if refusal(exercise, session, turns, last.partner, last.id) is None else None


def _where(session: Session) -> tuple[object, ...]:
    """Where a session stands and who acts: what a replay must reproduce (a pause or a resume
    between turns changes only the status and the time)."""
    return (
        session.step_id,
        session.actor,
        session.waiting,
        session.round,
        session.roles,
        session.due_on,
    )


def before_last(exercise: Exercise, session: Session, turns: list[Turn]) -> Session:
    """The session exactly as the engine left it before its last turn, replayed from
    ``engine.start`` (see the module); ``NotChangeable`` if the exercise has changed since."""
    state = engine.start(exercise, roles_in_round(session, 1).roles, session.id, session.started_at)
    state = state.model_copy(update={"agreement_id": session.agreement_id})
    before = state
    for index, turn in enumerate(turns):
        if (turn.step_id, turn.partner, turn.round) != (state.step_id, state.actor, state.round):
            raise NotChangeable("take_back.changed")
        before, state = state, engine.advance(exercise, state, turns[:index], turn).session
    if _where(state) != _where(session):
        raise NotChangeable("take_back.changed")
    return before


def before_change(
    exercise: Exercise, session: Session, turns: list[Turn], partner: PartnerId, turn_id: str
) -> Session:
    """The session as it was before the turn ``turn_id``, with its author acting at its step,
    if ``partner`` may change it now; else ``NotChangeable``."""
    key = refusal(exercise, session, turns, partner, turn_id)
    if key is not None:
        raise NotChangeable(key)
    return before_last(exercise, session, turns)


def withdraw(
    exercise: Exercise, session: Session, turns: list[Turn], partner: PartnerId, turn_id: str
) -> tuple[Session, list[Turn]]:
    """``partner`` takes back their latest turn: the session and turns exactly as they were
    before it, with its author to act at that step again."""
    return before_change(exercise, session, turns, partner, turn_id), turns[:-1]


def correct(
    exercise: Exercise,
    session: Session,
    turns: list[Turn],
    partner: PartnerId,
    turn_id: str,
    value: AnswerValue,
    now: datetime,
    kept: Kept | None = None,
) -> engine.Move:
    """``partner`` corrects their latest turn (an answer, or a pass now answered): the turn
    keeps its id and place and takes ``value``, checked as any answer (``AnswerError``), and
    the session moves on from it as it would have (a choice may lead elsewhere). A step
    answered by agreeing has nothing to reword: it can only be taken back."""
    before = before_change(exercise, session, turns, partner, turn_id)
    if exercise.step(before.step_id).kind in ONLY_TAKEN_BACK:
        raise NotChangeable("take_back.only_take_back")
    earlier = turns[:-1]
    fresh = engine.answer_turn(exercise, before, earlier, value, turn_id, now, kept)
    return engine.advance(exercise, before, earlier, fresh, kept)
