"""The turn engine under random answers: every shipped exercise played through whole sessions,
by a random couple and by a mostly agreeable one, checking every stored record after every
move; and the rules that hold for every exercise (date ranges, consent to sensitive ones).

The property tests run over an in-memory workbook, so each example is a whole session from
the first step to an end (or to the bound on moves). ``tests/unit/driving.py`` makes the moves
and checks the actors; the checks here are about what gets stored. The rules of single
exercises, one by one, are in ``test_engine_exercises.py``.
"""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from tests.unit.driving import (
    ENDED,
    MAX_MOVES,
    Played,
    RandomPlayer,
    bind_roles,
    check_actor,
    new_book,
    play,
    progress_choice,
    valid_choices,
    within,
)
from workbook import engine
from workbook.answers import AGREE, MENU_MARKS, AnswerError, answer_words, check_answer, latest
from workbook.book import NotStartable, Workbook
from workbook.content import Library, load_library
from workbook.content_format import Exercise, Step
from workbook.engine import Move
from workbook.models import (
    Agreement,
    AnswerValue,
    Draft,
    Milestone,
    Session,
    SessionIndexEntry,
    Turn,
)
from workbook.records import made_by_last_turn, title_from

#: Every shipped exercise, sensitive ones included (started with consent given).
EXERCISES = sorted(load_library().exercises)

#: 40 examples per exercise: each is a whole session of up to 500 moves.
PROPERTY_SETTINGS = settings(
    derandomize=True,
    deadline=None,
    max_examples=40,
    # Runs of up to 500 moves can overrun Hypothesis's data buffer; those examples are dropped.
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


# -- what every stored record must be --------------------------------------------------------


def check_documents(book: Workbook, session_id: str) -> None:
    """Every stored record reads back as a valid model and survives a JSON round trip."""
    opened = book.load(session_id)
    session = opened.session
    assert Session.model_validate(session.model_dump(mode="json")) == session
    for turn in opened.turns:
        assert Turn.model_validate(turn.model_dump(mode="json")) == turn
    if opened.draft is not None:
        assert Draft.model_validate(opened.draft.model_dump(mode="json")) == opened.draft
    for agreement in book.agreements():
        assert Agreement.model_validate(agreement.model_dump(mode="json")) == agreement
    for milestone in book.milestones():
        assert Milestone.model_validate(milestone.model_dump(mode="json")) == milestone
    [entry] = [e for e in book.store.index() if e.id == session_id]
    assert SessionIndexEntry.model_validate(entry.model_dump(mode="json")) == entry
    assert (entry.status, entry.step_id, entry.actor, entry.due_on, entry.turns) == (
        session.status,
        session.step_id,
        session.actor,
        session.due_on,
        len(opened.turns),
    )


def agreed_visit(played: Played, turns: list[Turn], at: list[datetime]) -> tuple[list[Turn], int]:
    """The visit whose turns were given at the times ``at`` (one per partner), and the index
    of its last turn; it must be a whole visit in which both partners agreed."""
    index = {t.at: i for i, t in enumerate(turns)}
    positions = [index[when] for when in at]
    visit = played.visit_turns(turns, turns[positions[-1]])
    assert [turns[i] for i in positions] == visit, "not one whole visit"
    assert positions == list(range(positions[0], positions[0] + len(visit)))
    assert len(visit) == 2
    assert {t.partner for t in visit} == {"a", "b"}
    assert all(not t.passed and t.value == AGREE for t in visit)
    return visit, positions[-1]


def check_records(book: Workbook, played: Played) -> None:
    """Every agreement and milestone of the session was made at a visit of an agreement (or
    milestone) step where both partners agreed, from the answers given up to then."""
    exercise, session_id = played.exercise, played.session_id
    turns = book.store.turns(session_id)
    agreements = [a for a in book.store.agreements() if a.origin == session_id]
    milestones = [m for m in book.store.milestones() if m.origin == session_id]
    assert sorted(played.made) == sorted(r.id for r in [*agreements, *milestones])
    for agreement in agreements:
        visit, last = agreed_visit(played, turns, [a.at for a in agreement.acceptances])
        step = exercise.step(visit[-1].step_id)
        assert step.kind == "agreement" and step.agreement is not None
        assert [a.partner for a in agreement.acceptances] == [t.partner for t in visit]
        before = turns[: last + 1]
        wording = latest(before, step.agreement.text)
        assert wording is not None
        assert agreement.text == answer_words(exercise, before, wording)
        category = latest(before, [step.agreement.category])
        assert category is not None and agreement.category == category.value
        if step.agreement.review_on is not None:
            review = latest(before, [step.agreement.review_on])
            expected = date.fromisoformat(str(review.value)) if review else None
            assert agreement.review_on == expected
        assert (agreement.exercise_id, agreement.created_at) == (exercise.id, visit[-1].at)
    for milestone in milestones:
        index = {t.at: i for i, t in enumerate(turns)}
        last = index[milestone.created_at]
        visit = played.visit_turns(turns, turns[last])
        assert visit[-1] == turns[last]
        assert len(visit) == 2 and all(not t.passed and t.value == AGREE for t in visit)
        assert milestone.by == [t.partner for t in visit]
        step = exercise.step(visit[-1].step_id)
        assert step.kind == "milestone" and step.milestone is not None
        before = turns[: last + 1]
        named = latest(before, step.milestone.title)
        assert named is not None
        assert milestone.title == title_from(answer_words(exercise, before, named))
        assert milestone.on == visit[-1].at.date()


def check_move(book: Workbook, played: Played, move: Move | None) -> None:
    check_documents(book, played.session_id)
    check_records(book, played)
    if move is not None and move.agreement is not None:
        assert move.agreement in book.store.agreements()
    if move is not None and move.milestone is not None:
        assert move.milestone in book.store.milestones()


def made_again(
    exercise: Exercise, session: Session, turns: list[Turn]
) -> tuple[list[Agreement], list[Milestone]]:
    """Every record the turns made, rebuilt one last turn at a time, as repair would."""
    agreements: list[Agreement] = []
    milestones: list[Milestone] = []
    for end in range(1, len(turns) + 1):
        agreement, milestone = made_by_last_turn(exercise, session, turns[:end])
        agreements += [agreement] if agreement else []
        milestones += [milestone] if milestone else []
    return agreements, milestones


def finish_checks(book: Workbook, played: Played) -> None:
    exercise = played.exercise
    opened = book.load(played.session_id)
    session = opened.session
    if played.moves >= MAX_MOVES and session.status not in ENDED:
        # Random answers can loop (mirror, "not yet", mirror ...): still open and valid.
        assert engine.is_open(session)
        check_actor(exercise, session)
    else:
        assert session.status in ENDED
        assert session.actor is None and session.waiting == [] and session.due_on is None
        assert book.open_sessions() == []
    check_move(book, played, None)
    # After a crash, the records are made again from the turns alone: the same ones.
    again, marked = made_again(exercise, session, opened.turns)
    assert {a.id: a for a in again} == {
        a.id: a for a in book.store.agreements() if a.origin == session.id
    }
    assert {m.id: m for m in marked} == {
        m.id: m for m in book.store.milestones() if m.origin == session.id
    }


# -- random answers ----------------------------------------------------------------------------


@pytest.mark.parametrize("exercise_id", EXERCISES)
@PROPERTY_SETTINGS
@given(data=st.data())
def test_random_answers_keep_the_rules(
    library: Library, exercise_id: str, data: st.DataObject
) -> None:
    exercise = library.exercises[exercise_id]
    book = new_book(library)
    first = data.draw(st.sampled_from(["a", "b"]), label="first role")
    played = play(book, exercise, first, RandomPlayer(data, exercise), check_move)
    finish_checks(book, played)
    session = book.load(played.session_id).session
    event(f"ended: {session.status}")
    event(f"rounds: {session.round}")
    event(f"records made: {len(played.made)}")
    event(
        f"moves: {'<50' if played.moves < 50 else '<500' if played.moves < MAX_MOVES else 'bound'}"
    )


@pytest.mark.parametrize("exercise_id", EXERCISES)
def test_out_of_range_dates_are_refused(library: Library, exercise_id: str) -> None:
    """At every date step with ``within_weeks``: yesterday and one day too far are refused, and
    nothing is saved."""
    exercise = library.exercises[exercise_id]
    for step in exercise.steps:
        if step.kind != "date" or step.within_weeks is None:
            continue
        today = date(2026, 1, 1)
        last = today + timedelta(weeks=step.within_weeks)
        for wrong in (today - timedelta(days=1), last + timedelta(days=1)):
            with pytest.raises(AnswerError):
                check_answer(step, wrong.isoformat(), today)
        assert check_answer(step, last.isoformat(), today) == last.isoformat()
        assert check_answer(step, today.isoformat(), today) == today.isoformat()


def test_a_sensitive_exercise_needs_consent(library: Library) -> None:
    sensitive = [e.id for e in library.exercises.values() if e.sensitive]
    if not sensitive:
        pytest.skip("no shipped exercise is sensitive")
    book = new_book(library)
    exercise = library.exercises[sensitive[0]]
    roles = bind_roles(exercise, "a")
    with pytest.raises(NotStartable):
        book.start(exercise.id, roles)
    assert book.store.index() == []
    assert book.start(exercise.id, roles, consented=True).status == "in_progress"


# -- a mostly agreeable couple -----------------------------------------------------------------


class AgreeablePlayer:
    """Deterministic: passes are rare (1 in 20), and 4 in 5 choices are the one nearest the
    end (so loops such as "not yet, say it again" are left soon)."""

    def __init__(self, exercise_id: str, seed: int, library: Library) -> None:
        self.rng = random.Random(f"{exercise_id}-{seed}")
        self.exercise = library.exercises[exercise_id]

    def wants_pause(self, step: Step) -> bool:
        return self.rng.random() < 0.02

    def wants_pass(self, step: Step) -> bool:
        return self.rng.random() < 0.05

    def lets_date_pass(self, due_on: date) -> bool:
        return self.rng.random() < 0.5

    def answer(self, step: Step, session: Session, turns: list[Turn], today: date) -> AnswerValue:
        rng = self.rng
        if step.kind == "text":
            return rng.choice(["I hear you.", "When I am tired, I need quiet.", "ok"])
        if step.kind == "choice":
            ids = valid_choices(self.exercise, step, session, turns)
            if rng.random() < 0.8:
                return progress_choice(self.exercise, step, ids)
            return rng.choice(ids)
        if step.kind == "pick":
            return rng.sample(step.items, rng.randint(1, len(step.items)))
        if step.kind == "menu":
            return {item: rng.choice(MENU_MARKS) for item in step.items}
        if step.kind == "scale":
            return rng.randint(*step.scale)
        if step.kind == "date":
            return within(step, today, rng.randrange(1, 60)).isoformat()
        if step.kind == "ratings":
            return {c.id: rng.choice(["", *map(str, range(11))]) for c in step.choices}
        return AGREE


@pytest.mark.parametrize("exercise_id", EXERCISES)
@pytest.mark.parametrize("seed", range(10))
def test_a_mostly_agreeable_couple_always_reaches_an_end(
    library: Library, exercise_id: str, seed: int
) -> None:
    exercise = library.exercises[exercise_id]
    book = new_book(library)
    first = "a" if seed % 2 == 0 else "b"
    played = play(book, exercise, first, AgreeablePlayer(exercise_id, seed, library), check_move)
    assert played.moves < MAX_MOVES
    assert book.load(played.session_id).session.status in ENDED
    finish_checks(book, played)
