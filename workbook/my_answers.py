"""My answers: each partner's own view of their words, and the one rule for which answers may
leave the workbook in an export.

Only the author sees their view (the screen reaches it through a hand-over naming them). An
answer may leave in an export only if both partners may already see it (``shared_with_both``,
from the privacy rules, which decide what the other partner may see) and its step's ``export``
allows it: ``shared`` always, ``opt_in`` only once its author opted it in here, ``never``
never. Passes and the "agree" of an agreement, a milestone or a confirmation are not answers.

Once the other partner has responded to an answer (until then it can be corrected or taken
back, ``take_back``), its author may hide it here: it stays in their own view, marked hidden,
and leaves the summary both see and every export. Both take a session's turns from
``turns_for_both`` and nowhere else, so that is the one place hiding is applied.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Literal

from workbook.answers import AGREEING_KINDS, answer_words, latest
from workbook.clock import local_day
from workbook.content import Library
from workbook.content_format import Exercise, Step
from workbook.models import Hidden, OptIn, Partner, PartnerId, Session, Turn
from workbook.privacy import shared_with_both
from workbook.store import Store
from workbook.summary import roles_in_round
from workbook.take_back import changeable
from workbook.turn_view import names_for
from workbook.wording import fill

Goes = Literal["shared", "opt_in", "never", "unseen"]
"""Where an answer may go: into transcripts as shared; into them once its author opts it in;
never (a menu, a step marked so); or nowhere, because the other partner has not seen it."""


class NotOptable(ValueError):
    """An opt-in that cannot be given: not the partner's own answer, or not one of the
    answers its author may choose to let into an export."""


class NotHideable(ValueError):
    """Not the partner's own answer, or not one they may hide: one still open to correction,
    or one that goes into no summary or export (unseen by the other, or a menu's shared list,
    which belongs to both)."""


@dataclass(frozen=True)
class MyAnswer:
    session_id: str
    turn_id: str
    prompt: str
    """The step's question as its author read it (names filled in)."""
    words: str
    goes: Goes
    opted_in: bool
    hidden: bool = False
    """Its author keeps it out of summaries and exports."""
    hideable: bool = False
    """Its author may hide it (or show it again)."""
    open_to_change: bool = False
    """Its author may still correct it or take it back, in the exercise."""


@dataclass(frozen=True)
class MySession:
    session_id: str
    exercise: str
    """The exercise's title."""
    started_at: datetime
    answers: list[MyAnswer]

    @property
    def started_on(self) -> date:
        return local_day(self.started_at)


def answers_of(exercise: Exercise, turns: list[Turn]) -> list[Turn]:
    """The turns that are answers, in order: not passes, not agreeing, at steps the exercise
    still has (a changed exercise of the couple's own may have dropped some)."""
    steps = exercise.step_ids()
    return [
        t
        for t in turns
        if not t.passed
        and t.step_id in steps
        and exercise.step(t.step_id).kind not in AGREEING_KINDS
    ]


def asked(
    exercise: Exercise, session: Session, partners: dict[PartnerId, Partner], turn: Turn
) -> str:
    """The question at ``turn``'s step as its author read it, with the roles of its round."""
    then = roles_in_round(session, turn.round)
    return fill(exercise.step(turn.step_id).prompt, names_for(then, partners, turn.partner))


def said(library: Library, exercise: Exercise, turns: list[Turn], turn: Turn) -> str:
    """An answer as words; a choice's label is the app's words, so it reads "chose ..."."""
    words = answer_words(exercise, turns, turn)
    if exercise.step(turn.step_id).kind == "choice":
        return library.say("summary.chose", choice=words)
    return words


def seen_by_both(exercise: Exercise, turns: list[Turn]) -> set[str]:
    """The ids of a session's answers both partners may see (the privacy rules decide)."""
    return {t.id for step in exercise.steps for t in shared_with_both(step, turns)}


def goes(step: Step, seen: set[str], turn: Turn) -> Goes:
    """Where the answer ``turn`` at ``step`` may go; ``seen``: ``seen_by_both`` of its
    session."""
    if step.export == "never":
        return "never"
    if turn.id not in seen:
        return "unseen"
    return "shared" if step.export == "shared" else "opt_in"


def by_author(turn: Turn, session_id: str, records: Mapping[str, OptIn | Hidden]) -> bool:
    """Whether ``records`` hold one for ``turn`` given by its own author (an opt-in, a hiding):
    a record naming anyone else, or another session, counts for nothing."""
    found = records.get(turn.id)
    return found is not None and (found.partner, found.session_id) == (turn.partner, session_id)


def hidden_by_turn(store: Store) -> dict[str, Hidden]:
    return {h.id: h for h in store.hidden()}


def turns_for_both(store: Store, exercise: Exercise, session_id: str) -> list[Turn]:
    """A session's turns for what both partners see afterwards (its summary) and for every
    export: each answer its author hid is marked ``hidden`` (so the privacy rules keep it from
    the other partner, and ``shared_with_both`` leaves it out), and so is a choice that quotes
    a hidden answer (an offered one), which would otherwise show its words."""
    hidden = hidden_by_turn(store)
    turns = store.turns(session_id)
    gone: set[str] = set()
    for index, turn in enumerate(turns):
        step = exercise.step(turn.step_id) if turn.step_id in exercise.step_ids() else None
        quoted = (
            latest(turns[:index], [turn.value], turn.round)
            if step is not None and isinstance(turn.value, str) and turn.value in step.offer
            else None
        )
        if by_author(turn, session_id, hidden) or (quoted is not None and quoted.id in gone):
            gone.add(turn.id)
    return [t.model_copy(update={"hidden": True}) if t.id in gone else t for t in turns]


def may_hide(exercise: Exercise, seen: set[str], still_open: Turn | None, turn: Turn) -> bool:
    """Whether its author may hide ``turn``: both partners have seen it (so it would go into
    the summary, and maybe an export), it is not a menu's shared list, and it may no longer
    be corrected or taken back (``still_open``: the session's turn that may)."""
    step = exercise.step(turn.step_id)
    return turn.id in seen and step.reveal != "match" and turn != still_open


def exported(
    exercise: Exercise, session_id: str, turns: list[Turn], opt_ins: Mapping[str, OptIn]
) -> list[Turn]:
    """The answers of a session that may leave in an export, in order."""
    allowed, seen = [], seen_by_both(exercise, turns)
    for turn in answers_of(exercise, turns):
        where = goes(exercise.step(turn.step_id), seen, turn)
        if where == "shared" or (where == "opt_in" and by_author(turn, session_id, opt_ins)):
            allowed.append(turn)
    return allowed


def opt_ins_by_turn(store: Store) -> dict[str, OptIn]:
    return {o.id: o for o in store.opt_ins()}


def collect_answers(store: Store, library: Library, partner: PartnerId) -> list[MySession]:
    """Every answer ``partner`` wrote, grouped by session, newest session first: for their
    eyes only."""
    partners = {p.id: p for p in store.partners()}
    opt_ins, hidden = opt_ins_by_turn(store), hidden_by_turn(store)
    found = []
    for entry in store.index():
        exercise = library.exercises.get(entry.exercise_id)
        if exercise is None:
            continue
        session, turns = store.session(entry.id), store.turns(entry.id)
        seen = seen_by_both(exercise, turns)
        still_open = changeable(exercise, session, turns)
        answers = [
            MyAnswer(
                session_id=session.id,
                turn_id=turn.id,
                prompt=asked(exercise, session, partners, turn),
                words=said(library, exercise, turns, turn),
                goes=goes(exercise.step(turn.step_id), seen, turn),
                opted_in=by_author(turn, session.id, opt_ins),
                hidden=by_author(turn, session.id, hidden),
                hideable=may_hide(exercise, seen, still_open, turn),
                open_to_change=turn == still_open,
            )
            for turn in answers_of(exercise, turns)
            if turn.partner == partner
        ]
        if answers:
            found.append(MySession(session.id, exercise.title, session.started_at, answers))
    return sorted(found, key=lambda s: s.started_at, reverse=True)


@dataclass(frozen=True)
class Own:
    """One of a partner's own answers, with its session as it stands."""

    exercise: Exercise
    session: Session
    turns: list[Turn]
    turn: Turn

    @property
    def seen(self) -> set[str]:
        return seen_by_both(self.exercise, self.turns)


def own_answer(
    store: Store, library: Library, partner: PartnerId, session_id: str, turn_id: str
) -> Own | None:
    """``partner``'s answer ``turn_id`` in the session, or None if it is not theirs (or its
    exercise is gone)."""
    session = store.session(session_id)
    exercise = library.exercises.get(session.exercise_id)
    if exercise is None:
        return None
    turns = store.turns(session_id)
    mine = (t for t in answers_of(exercise, turns) if t.partner == partner)
    turn = next((t for t in mine if t.id == turn_id), None)
    return Own(exercise, session, turns, turn) if turn is not None else None


def set_opt_in(
    store: Store,
    library: Library,
    partner: PartnerId,
    session_id: str,
    turn_id: str,
    yes: bool,
    now: datetime,
) -> None:
    """Let ``partner``'s own answer into an export (``yes``), or take it out again.
    ``NotOptable`` if it is not theirs or not an answer its author may choose for."""
    own = own_answer(store, library, partner, session_id, turn_id)
    if own is None or goes(own.exercise.step(own.turn.step_id), own.seen, own.turn) != "opt_in":
        raise NotOptable(turn_id)
    if yes:
        store.save_opt_in(OptIn(id=turn_id, session_id=session_id, partner=partner, at=now))
    else:
        store.remove_opt_in(turn_id)


def set_hidden(
    store: Store,
    library: Library,
    partner: PartnerId,
    session_id: str,
    turn_id: str,
    yes: bool,
    now: datetime,
) -> None:
    """Hide ``partner``'s own answer from summaries and exports (``yes``), or show it again.
    ``NotHideable`` if it is not theirs or not one they may hide."""
    own = own_answer(store, library, partner, session_id, turn_id)
    if own is None or not may_hide(
        own.exercise, own.seen, changeable(own.exercise, own.session, own.turns), own.turn
    ):
        raise NotHideable(turn_id)
    if yes:
        store.save_hidden(Hidden(id=turn_id, session_id=session_id, partner=partner, at=now))
    else:
        store.remove_hidden(turn_id)
