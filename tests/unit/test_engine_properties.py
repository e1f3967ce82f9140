"""The turn engine: random answers through every shipped exercise, and its rules one by one.

The property tests run over an in-memory workbook, so each example is a whole session from
the first step to an end (or to the bound on moves). ``tests/unit/driving.py`` makes the moves
and checks the actors; the checks here are about what gets stored.
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
from workbook.records import made_by, title_from
from workbook.turn_view import TurnView

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


def shown_texts(view: TurnView) -> list[str]:
    """Every earlier answer a view puts on screen, in order, whatever labels group them."""
    return [text for shown in view.shown for text in shown.texts]


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
    again, marked = made_by(exercise, session, opened.turns)
    assert {a.id: a for a in again} == {
        a.id: a for a in book.store.agreements() if a.origin == session.id
    }
    assert {m.id: m for m in marked} == {
        m.id: m for m in book.store.milestones() if m.origin == session.id
    }


# -- random answers ----------------------------------------------------------------------------


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
        if kind in ("confirm", "agreement", "milestone"):
            return AGREE
        raise AssertionError(f"no strategy for a {kind} step")


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


def test_agreeing_after_a_first_not_yet_saves_the_agreement(book: Workbook, boundary: str) -> None:
    reach_agree(book, boundary)
    book.pass_turn(boundary)  # a: "Not yet" -> paused at agree
    book.resume(boundary)
    book.submit(boundary, AGREE)
    move = book.submit(boundary, AGREE)
    assert book.load(boundary).session.status == "completed"
    assert move.agreement is not None
    [agreement] = book.agreements()
    assert agreement.text == "When I am late, I text."
    assert [a.partner for a in agreement.acceptances] == ["a", "b"]


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
    with pytest.raises(AnswerError):
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
    except (AnswerError, ValueError):
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
