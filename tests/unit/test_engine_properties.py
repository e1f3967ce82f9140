"""The turn engine: random answers through every shipped exercise, and its rules one by one.

The property tests run over an in-memory workbook, so each example is a whole session from
the first step to an end (or to the bound on moves).
"""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import date

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from workbook import engine
from workbook.book import Workbook
from workbook.clock import ManualClock
from workbook.content import Library
from workbook.content_format import BOTH, EACH, Exercise, Step
from workbook.models import (
    Agreement,
    Draft,
    PartnerId,
    Session,
    SessionIndexEntry,
    Turn,
    other,
)
from workbook.turn_view import TurnView

EXERCISES = ["active-listening", "boundary-drafting"]
#: A run that has not ended after this many moves is stopped (random answers can loop).
MAX_MOVES = 500
ENDED = ("completed", "set_aside")

#: 60 examples per exercise: each is a whole session of up to 500 moves.
PROPERTY_SETTINGS = settings(
    derandomize=True,
    deadline=None,
    max_examples=60,
    # Runs of up to 500 moves can overrun Hypothesis's data buffer; those examples are dropped.
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


# -- helpers -----------------------------------------------------------------------------


def new_book(library: Library, clock: ManualClock | None = None) -> Workbook:
    book = Workbook.in_memory(library, clock or ManualClock())
    book.set_partners("Alex", "Sam")
    return book


def shown_texts(view: TurnView) -> list[str]:
    """Every earlier answer a view puts on screen, in order, whatever labels group them."""
    return [text for shown in view.shown for text in shown.texts]


def bind_roles(exercise: Exercise, first: PartnerId) -> dict[str, PartnerId]:
    first_role, second_role = (r.id for r in exercise.roles)
    return {first_role: first, second_role: other(first)}


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
    [entry] = [e for e in book.store.index() if e.id == session_id]
    assert SessionIndexEntry.model_validate(entry.model_dump(mode="json")) == entry
    assert (entry.status, entry.step_id, entry.actor, entry.turns) == (
        session.status,
        session.step_id,
        session.actor,
        len(opened.turns),
    )


def check_agreements(book: Workbook, exercise: Exercise, session_id: str) -> None:
    """An agreement exists only if both partners' last turns agreed at the agreement step."""
    opened = book.load(session_id)
    agreements = [a for a in book.agreements() if a.origin == session_id]
    final = [s for s in exercise.steps if s.kind == "agreement"]
    last_two = opened.turns[-2:]
    both_agreed = (
        bool(final)
        and opened.session.status == "completed"
        and len(last_two) == 2
        and all(t.step_id == final[0].id and t.value == engine.AGREE for t in last_two)
        and all(not t.passed for t in last_two)
        and {t.partner for t in last_two} == {"a", "b"}
    )
    if not both_agreed:
        assert agreements == []
        return
    [agreement] = agreements
    assert [a.partner for a in agreement.acceptances] == [t.partner for t in last_two]
    spec = final[0].agreement
    assert spec is not None
    wording = engine.latest(opened.turns, spec.text)
    assert wording is not None and agreement.text == wording.value
    category = engine.latest(opened.turns, [spec.category])
    assert category is not None and agreement.category == category.value


def play(
    book: Workbook,
    exercise: Exercise,
    first: PartnerId,
    want_pass: Callable[[Step], bool],
    answer: Callable[[Step], object],
) -> tuple[str, int]:
    """Drive one session with the given deciders; return its id and the moves made.

    ``want_pass(step) -> bool`` and ``answer(step) -> value`` decide each move.
    """
    clock = book.clock
    assert isinstance(clock, ManualClock)
    session = book.start(exercise.id, bind_roles(exercise, first))
    moves = 0
    while moves < MAX_MOVES:
        opened = book.load(session.id)
        session = opened.session
        if session.status in ENDED:
            break
        if session.status == "paused":
            resumed = book.resume(session.id)
            assert resumed.session.status == "in_progress"
            assert (resumed.session.step_id, resumed.session.actor) == (
                session.step_id,
                session.actor,
            )
            opened = resumed
            session = resumed.session
        step = check_actor(exercise, session)
        actor = session.actor
        view = book.view(opened)
        assert (view.step_id, view.actor, view.position) == (step.id, actor, len(opened.turns))

        before = len(opened.turns)
        clock.advance(7)
        moves += 1
        if want_pass(step):
            move = book.pass_turn(session.id)
            assert move.turn.passed and move.turn.value is None
        else:
            value = answer(step)
            if isinstance(value, str) and step.kind == "text" and not value.strip():
                with pytest.raises(engine.AnswerError):
                    book.submit(session.id, value)
                assert book.load(session.id) == opened
                continue
            move = book.submit(session.id, value)
            assert not move.turn.passed
            assert move.turn.value == (value if step.kind != "date" else str(value))

        turns = book.load(session.id).turns
        assert len(turns) == before + 1
        assert turns[-1] == move.turn
        assert move.turn.partner == actor
        assert (move.turn.step_id, move.turn.round) == (step.id, session.round)
        assert move.session == book.load(session.id).session
        if move.agreement is not None:
            assert step.kind == "agreement"
            assert move.session.status == "completed"
        check_documents(book, session.id)
        check_agreements(book, exercise, session.id)
    return session.id, moves


def finish_checks(book: Workbook, exercise: Exercise, session_id: str, moves: int) -> None:
    session = book.load(session_id).session
    if moves >= MAX_MOVES and session.status not in ENDED:
        # Random answers can loop (mirror, "not yet", mirror ...): still open and valid.
        assert engine.is_open(session)
        check_actor(exercise, session)
    else:
        assert session.status in ENDED
        assert session.actor is None and session.waiting == []
        assert book.open_sessions() == []
    check_documents(book, session_id)
    check_agreements(book, exercise, session_id)


# -- properties --------------------------------------------------------------------------


def random_answer(data: st.DataObject, step: Step) -> object:
    if step.kind == "text":
        return data.draw(st.text(max_size=12), label=f"{step.id} text")
    if step.kind == "choice":
        return data.draw(st.sampled_from([c.id for c in step.choices]), label=step.id)
    if step.kind == "date":
        return data.draw(st.dates(), label=step.id).isoformat()
    if step.kind in ("agreement", "confirm"):
        return engine.AGREE
    raise AssertionError(f"no strategy for a {step.kind} step")


@pytest.mark.parametrize("exercise_id", EXERCISES)
@PROPERTY_SETTINGS
@given(data=st.data())
def test_random_answers_keep_the_rules(
    library: Library, exercise_id: str, data: st.DataObject
) -> None:
    exercise = library.exercises[exercise_id]
    book = new_book(library)
    first = data.draw(st.sampled_from(["a", "b"]), label="first role")
    session_id, moves = play(
        book,
        exercise,
        first,
        want_pass=lambda step: data.draw(st.booleans(), label=f"pass at {step.id}"),
        answer=lambda step: random_answer(data, step),
    )
    finish_checks(book, exercise, session_id, moves)
    session = book.load(session_id).session
    event(f"ended: {session.status}")
    event(f"rounds: {session.round}")
    event("agreement made" if book.agreements() else "no agreement")
    event(f"moves: {'<50' if moves < 50 else '<500' if moves < MAX_MOVES else 'bound'}")


#: The choice that moves a step towards its end.
PROGRESS = {
    "check": "yes",
    "more": "no",
    "summary_check": "yes",
    "empathy_check": "yes",
    "respond": "accept",
    "reply": "accept",
}


@pytest.mark.parametrize("exercise_id", EXERCISES)
@pytest.mark.parametrize("seed", range(40))
def test_a_mostly_agreeable_couple_always_reaches_an_end(
    library: Library, exercise_id: str, seed: int
) -> None:
    """Deterministic: passes are rare (1 in 20), and 4 in 5 choices are the one that moves on."""
    exercise = library.exercises[exercise_id]
    rng = random.Random(seed)
    book = new_book(library)

    def answer(step: Step) -> object:
        if step.kind == "text":
            return rng.choice(["I hear you.", "When I am tired, I need quiet.", "ok"])
        if step.kind == "choice":
            ids = [c.id for c in step.choices]
            if step.id in PROGRESS and rng.random() < 0.8:
                return PROGRESS[step.id]
            return rng.choice(ids)
        if step.kind == "date":
            return date(2026, 2, 1 + rng.randrange(28)).isoformat()
        return engine.AGREE

    session_id, moves = play(
        book,
        exercise,
        rng.choice(["a", "b"]),
        want_pass=lambda step: rng.random() < 0.05,
        answer=answer,
    )
    assert moves < MAX_MOVES
    assert book.load(session_id).session.status in ENDED
    finish_checks(book, exercise, session_id, moves)


# -- active listening --------------------------------------------------------------------

ROUND_ONE = [
    ("share", "a", "I feel rushed in the mornings."),
    ("mirror", "b", "Let me see if I got you: mornings feel rushed."),
    ("check", "a", "yes"),
    ("more", "a", "no"),
    ("summary", "b", "Mornings are rushed and you need more time."),
    ("summary_check", "a", "yes"),
    ("validate", "b", "You make sense to me because we both work early."),
    ("empathy", "b", "I imagine you might feel tense."),
]


@pytest.fixture
def listening(book: Workbook) -> str:
    return book.start("active-listening", {"speaker": "a", "listener": "b"}).id


def test_roles_swap_at_the_turnaround(book: Workbook, listening: str) -> None:
    for step_id, partner, value in ROUND_ONE:
        session = book.load(listening).session
        assert (session.step_id, session.actor, session.round) == (step_id, partner, 1)
        move = book.submit(listening, value)
        assert not move.swapped

    move = book.submit(listening, "yes")  # empathy_check -> turnaround
    assert move.swapped
    assert move.turn.partner == "a" and move.turn.step_id == "empathy_check"
    session = book.load(listening).session
    assert session.roles == {"speaker": "b", "listener": "a"}
    assert session.round == 2
    assert (session.step_id, session.actor, session.status) == ("share", "b", "in_progress")

    move = book.submit(listening, "I would like more time together.")
    assert move.turn.partner == "b" and move.turn.round == 2
    session = book.load(listening).session
    assert (session.step_id, session.actor) == ("mirror", "a")


def test_after_the_second_round_comes_the_closing_speaker_first(
    book: Workbook, listening: str
) -> None:
    book.pass_turn(listening)  # round 1: the speaker passes at share -> turnaround
    session = book.load(listening).session
    assert (session.round, session.roles["speaker"], session.step_id) == (2, "b", "share")

    move = book.pass_turn(listening)  # round 2: the speaker passes at share -> turnaround
    assert not move.swapped
    session = book.load(listening).session
    assert session.round == 2
    assert session.roles == {"speaker": "b", "listener": "a"}
    assert (session.step_id, session.actor, session.waiting) == ("closing", "b", ["b", "a"])

    book.submit(listening, "You listened without fixing.")
    session = book.load(listening).session
    assert (session.step_id, session.actor, session.waiting) == ("closing", "a", ["a"])
    book.submit(listening, "You waited for me to finish.")
    session = book.load(listening).session
    assert session.status == "completed"
    assert [(t.step_id, t.partner) for t in book.load(listening).turns[-2:]] == [
        ("closing", "b"),
        ("closing", "a"),
    ]


@pytest.mark.parametrize("passes", [(True, True), (True, False), (False, True)])
def test_the_closing_ends_whoever_passes(
    book: Workbook, listening: str, passes: tuple[bool, bool]
) -> None:
    book.pass_turn(listening)
    book.pass_turn(listening)
    for passing in passes:
        if passing:
            book.pass_turn(listening)
        else:
            book.submit(listening, "Thank you.")
    assert book.load(listening).session.status == "completed"
    assert book.agreements() == []


def test_not_yet_at_check_loops_back_through_missed(book: Workbook, listening: str) -> None:
    book.submit(listening, "I feel rushed.")
    book.submit(listening, "You feel tired.")
    book.submit(listening, "not_yet")
    session = book.load(listening).session
    assert (session.step_id, session.actor) == ("missed", "a")
    book.submit(listening, "Rushed, not tired.")
    session = book.load(listening).session
    assert (session.step_id, session.actor) == ("mirror", "b")
    view = book.view(book.load(listening))
    assert shown_texts(view) == ["I feel rushed.", "Rushed, not tired."]


# -- boundary drafting -------------------------------------------------------------------


@pytest.fixture
def boundary(book: Workbook) -> str:
    return book.start("boundary-drafting", {"proposer": "a", "responder": "b"}).id


def category_id(book: Workbook) -> str:
    return book.exercise("boundary-drafting").step("category").choices[0].id


def reach_agree(book: Workbook, session_id: str, wording: str = "When I am late, I text.") -> None:
    for value in (wording, "accept", category_id(book), "2026-03-01"):
        book.submit(session_id, value)
    session = book.load(session_id).session
    assert (session.step_id, session.actor, session.waiting) == ("agree", "a", ["a", "b"])


def test_not_yet_from_the_first_partner_pauses_at_agree(book: Workbook, boundary: str) -> None:
    reach_agree(book, boundary)
    move = book.pass_turn(boundary)
    assert move.agreement is None
    session = book.load(boundary).session
    assert (session.status, session.step_id, session.actor) == ("paused", "agree", "a")
    assert book.agreements() == []


def test_not_yet_from_the_second_partner_saves_nothing(book: Workbook, boundary: str) -> None:
    reach_agree(book, boundary)
    book.submit(boundary, "agree")
    session = book.load(boundary).session
    assert (session.step_id, session.actor) == ("agree", "b")
    move = book.pass_turn(boundary)
    assert move.agreement is None
    session = book.load(boundary).session
    assert (session.status, session.step_id, session.actor) == ("paused", "agree", "a")
    assert book.agreements() == []

    book.resume(boundary)
    book.submit(boundary, "agree")
    move = book.submit(boundary, "agree")
    assert move.agreement is not None
    [agreement] = book.agreements()
    assert agreement == move.agreement
    assert [a.partner for a in agreement.acceptances] == ["a", "b"]
    assert agreement.text == "When I am late, I text."
    assert agreement.category == category_id(book)
    assert agreement.review_on == date(2026, 3, 1)
    assert book.load(boundary).session.status == "completed"


def test_aside_ends_the_session_without_an_agreement(book: Workbook, boundary: str) -> None:
    book.submit(boundary, "When I am late, I text.")
    move = book.submit(boundary, "aside")
    assert move.agreement is None
    session = book.load(boundary).session
    assert (session.status, session.actor, session.waiting) == ("set_aside", None, [])
    assert book.agreements() == []
    assert book.open_sessions() == []
    with pytest.raises(engine.AnswerError):
        book.submit(boundary, "accept")


def test_talk_pauses_at_respond_with_the_responder_to_act(book: Workbook, boundary: str) -> None:
    book.submit(boundary, "When I am late, I text.")
    book.submit(boundary, "talk")
    session = book.load(boundary).session
    assert (session.status, session.step_id, session.actor) == ("paused", "respond", "b")
    assert [(e.status, e.step_id, e.actor) for e in book.open_sessions()] == [
        ("paused", "respond", "b")
    ]
    resumed = book.resume(boundary).session
    assert (resumed.status, resumed.step_id, resumed.actor) == ("in_progress", "respond", "b")


def test_a_suggested_change_starts_from_the_latest_wording(book: Workbook, boundary: str) -> None:
    book.submit(boundary, "When I am late, I text.")
    book.submit(boundary, "change")
    view = book.view(book.load(boundary))
    assert (view.step_id, view.actor) == ("counter", "b")
    assert view.start_text == "When I am late, I text."
    assert not view.draft_restored

    book.submit(boundary, "When I am late, I text before six.")
    view = book.view(book.load(boundary))
    assert (view.step_id, view.actor) == ("reply", "a")
    assert shown_texts(view) == ["When I am late, I text before six."]
    book.submit(boundary, "change")
    view = book.view(book.load(boundary))
    assert (view.step_id, view.actor) == ("counter_back", "a")
    assert view.start_text == "When I am late, I text before six."

    book.submit(boundary, "When either of us is late, we text before six.")
    view = book.view(book.load(boundary))
    assert (view.step_id, view.actor) == ("respond", "b")
    assert shown_texts(view) == ["When either of us is late, we text before six."]
    for value in ("accept", category_id(book), "2026-03-01", "agree", "agree"):
        book.submit(boundary, value)
    [agreement] = book.agreements()
    assert agreement.text == "When either of us is late, we text before six."


@pytest.mark.parametrize("ending", ["aside", "completed"])
def test_an_ended_session_cannot_be_paused_back_open(
    book: Workbook, boundary: str, ending: str
) -> None:
    if ending == "aside":
        book.submit(boundary, "When I am late, I text.")
        book.submit(boundary, "aside")
    else:
        reach_agree(book, boundary)
        book.submit(boundary, "agree")
        book.submit(boundary, "agree")
    ended = book.load(boundary).session
    assert ended.status in ENDED
    try:
        book.pause(boundary)
    except (engine.AnswerError, ValueError):
        pass
    assert book.load(boundary).session.status == ended.status
    assert book.open_sessions() == []


# -- drafts ------------------------------------------------------------------------------


def test_a_draft_comes_back_for_the_same_step_partner_and_visit(
    book: Workbook, listening: str
) -> None:
    book.save_draft(listening, book.view(book.load(listening)), "I feel")
    view = book.view(book.load(listening))
    assert view.draft_restored and view.start_text == "I feel"

    book.pause(listening)
    view = book.view(book.resume(listening))
    assert view.draft_restored and view.start_text == "I feel"


@pytest.mark.parametrize(
    "change",
    [
        {"partner": "b"},
        {"step_id": "mirror"},
        {"position": 1},
    ],
    ids=["other partner", "other step", "other visit"],
)
def test_a_draft_is_not_restored_elsewhere(
    book: Workbook, listening: str, change: dict[str, object]
) -> None:
    view = book.view(book.load(listening))
    draft = Draft(
        partner=view.actor,
        step_id=view.step_id,
        position=view.position,
        text="half a thought",
        saved_at=book.clock.now(),
    )
    book.store.save_draft(listening, draft.model_copy(update=change))
    view = book.view(book.load(listening))
    assert not view.draft_restored
    assert view.start_text == ""


def test_a_draft_does_not_outlive_its_turn(book: Workbook, boundary: str) -> None:
    book.submit(boundary, "When I am late, I text.")
    book.submit(boundary, "change")
    view = book.view(book.load(boundary))
    book.save_draft(boundary, view, "When I am late, I")
    restored = book.view(book.load(boundary))
    assert restored.draft_restored and restored.start_text == "When I am late, I"

    book.submit(boundary, "When I am late, I call.")
    opened = book.load(boundary)
    assert opened.draft is None
    book.submit(boundary, "change")
    view = book.view(book.load(boundary))
    assert (view.step_id, view.draft_restored) == ("counter_back", False)
    assert view.start_text == "When I am late, I call."
