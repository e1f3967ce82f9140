"""My answers in the core: each partner sees every answer they wrote (and nothing of the
other's), newest session first, with the question they were asked; each says where it may go;
only its author can opt an answer in, and only one the other partner has already seen and
whose step lets its author choose. Opt-ins are kept in ``workbook.json``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.unit.own_words import (
    ALEX_APPRECIATES,
    ALEX_HOPE,
    ALEX_SECRET,
    SAM_APPRECIATES,
    SAM_HOPE,
    SAM_SECRET,
    appreciations,
    play,
    questions,
    secrets,
    turn_at,
)
from workbook.book import Workbook
from workbook.clock import ManualClock
from workbook.content import Library
from workbook.my_answers import MyAnswer, NotOptable


@pytest.fixture
def book(lib: Library, clock: ManualClock) -> Workbook:
    """An in-memory workbook with the privacy exercises (Secrets) as well as the shipped."""
    made = Workbook.in_memory(lib, clock)
    made.set_partners("Alex", "Sam")
    return made


def by_words(book: Workbook, partner: str) -> dict[str, MyAnswer]:
    return {a.words: a for s in book.my_answers(partner) for a in s.answers}  # type: ignore[arg-type]


def test_each_sees_only_their_own_words_grouped_newest_session_first(
    book: Workbook, clock: ManualClock
) -> None:
    first = appreciations(book)
    clock.advance(86400)
    second = secrets(book)
    clock.advance(86400)
    third = questions(book)
    alex = book.my_answers("a")
    assert [s.session_id for s in alex] == [third, second, first]
    assert [s.exercise for s in alex] == [
        "Questions about what happened",
        "Secrets",
        "Appreciations and milestones",
    ]
    assert [s.started_on.isoformat() for s in alex] == ["2026-01-03", "2026-01-02", "2026-01-01"]
    words = [a.words for s in alex for a in s.answers]
    for own in (ALEX_APPRECIATES, ALEX_SECRET, ALEX_HOPE, "In the spring, at the conference."):
        assert own in words
    for theirs in (SAM_APPRECIATES, SAM_SECRET, SAM_HOPE, "When did it start?"):
        assert theirs not in words
    appreciated = by_words(book, "a")[ALEX_APPRECIATES]
    assert appreciated.prompt == "Alex, name three things Sam did lately that you appreciated."
    assert by_words(book, "b")[SAM_APPRECIATES].prompt.startswith("Sam, name three things Alex")


def test_passes_and_agreeing_are_not_answers(book: Workbook) -> None:
    session_id = secrets(book)
    passed = [t for t in book.load(session_id).turns if t.passed]
    assert passed  # round two was passed throughout
    listed = {a.turn_id for s in book.my_answers("a") for a in s.answers}
    assert not listed & {t.id for t in passed}
    appreciations(book)
    assert "agree" not in by_words(book, "a")


def test_each_answer_says_where_it_may_go(book: Workbook) -> None:
    secrets(book)
    appreciations(book)
    alex = by_words(book, "a")
    assert alex[ALEX_SECRET].goes == "opt_in"  # private, revealed together
    assert alex["Long walks"].goes == "opt_in"  # a private pick
    assert alex[ALEX_HOPE].goes == "unseen"  # reveal = never: Sam never sees it
    assert alex["Sunrise walk"].goes == "never"  # a menu's mutual items
    assert alex["Warm inside"].goes == "shared"
    assert not any(a.opted_in for a in alex.values())


def test_a_private_answer_before_its_reveal_cannot_be_opted_in(book: Workbook) -> None:
    session = book.start("appreciations", {"first": "a", "second": "b"})
    play(book, session.id, [("a", ALEX_APPRECIATES)])
    [answer] = [a for s in book.my_answers("a") for a in s.answers]
    assert answer.goes == "unseen"
    with pytest.raises(NotOptable):
        book.opt_in("a", session.id, answer.turn_id, True)
    assert book.store.opt_ins() == []


def test_only_the_author_opts_in_and_can_take_it_back(book: Workbook) -> None:
    session_id = appreciations(book)
    alex_turn = turn_at(book, session_id, "appreciate", "a")
    with pytest.raises(NotOptable):
        book.opt_in("b", session_id, alex_turn.id, True)
    assert book.store.opt_ins() == []
    book.opt_in("a", session_id, alex_turn.id, True)
    assert by_words(book, "a")[ALEX_APPRECIATES].opted_in
    assert not by_words(book, "b")[SAM_APPRECIATES].opted_in
    [kept] = book.store.opt_ins()
    assert (kept.id, kept.session_id, kept.partner) == (alex_turn.id, session_id, "a")
    book.opt_in("a", session_id, alex_turn.id, False)
    assert book.store.opt_ins() == []
    assert not by_words(book, "a")[ALEX_APPRECIATES].opted_in


@pytest.mark.parametrize(
    ("step_id", "partner"),
    [("how_it_felt", "a"), ("milestone", "a")],  # shared (nothing to choose); agreeing
)
def test_answers_that_are_not_for_choosing_refuse_an_opt_in(
    book: Workbook, step_id: str, partner: str
) -> None:
    session_id = appreciations(book)
    turn = turn_at(book, session_id, step_id, partner)  # type: ignore[arg-type]
    with pytest.raises(NotOptable):
        book.opt_in(partner, session_id, turn.id, True)  # type: ignore[arg-type]


def test_a_menu_and_a_never_shown_answer_refuse_an_opt_in(book: Workbook) -> None:
    session_id = secrets(book)
    for step_id in ("menu", "hope"):
        turn = turn_at(book, session_id, step_id, "a")
        with pytest.raises(NotOptable):
            book.opt_in("a", session_id, turn.id, True)


def test_opt_ins_are_kept_in_workbook_json(data_folder: Path, library: Library) -> None:
    book = Workbook.open(data_folder, clock=ManualClock(), library=library)
    try:
        book.set_partners("Alex", "Sam")
        session_id = appreciations(book)
        turn = turn_at(book, session_id, "appreciate", "b")
        book.opt_in("b", session_id, turn.id, True)
    finally:
        book.close()
    saved = json.loads((data_folder / "workbook.json").read_text())
    assert [d["id"] for d in saved["opt_ins"].values()] == [turn.id]
    again = Workbook.open_read_only(data_folder, library)
    assert by_words(again, "b")[SAM_APPRECIATES].opted_in
