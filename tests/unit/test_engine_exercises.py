"""The turn engine, exercise by exercise: Active listening's rounds and closing, Boundary
drafting's way to an agreement (and its "not yet", "aside", "talk" and suggested changes), and
drafts coming back only for the same step, partner and visit.

Each test plays a few fixed moves through an in-memory workbook (the ``book`` fixture); the
random runs through every exercise are in ``test_engine_properties.py``.
"""

from __future__ import annotations

from datetime import date

import pytest

from tests.unit.driving import ENDED
from tests.unit.views import shown_texts
from workbook.answers import AGREE, AnswerError
from workbook.book import Workbook
from workbook.models import Draft

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
