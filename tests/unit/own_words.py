"""Whole sessions played through the core for the tests of My answers and the export
(``test_my_answers.py``, ``test_export.py``): Appreciations (a private step, revealed
together), Secrets (every kind of private step, a menu, two rounds) and the questions about
the affair (every step ``opt_in``). Each move checks whose turn it is, so a changed exercise
fails here, plainly, rather than deep inside a test."""

from __future__ import annotations

from workbook.book import Workbook
from workbook.models import AnswerValue, PartnerId, Turn

PASS = object()
"""A move that passes instead of answering."""

#: Private words that must never leave unless their author opts them in.
ALEX_APPRECIATES = "You made tea every morning."
SAM_APPRECIATES = "You sat with me in the garden."
ALEX_SECRET, SAM_SECRET = "Alex keeps a secret", "Sam keeps a secret"
ALEX_HOPE, SAM_HOPE = "Alex hopes alone", "Sam hopes alone"
QUESTION = "When did it start?"
ANSWER = "In the spring, at the conference."


def play(book: Workbook, session_id: str, moves: list[tuple[PartnerId, object]]) -> None:
    """Make ``moves`` in order: each (who should be acting, their answer or ``PASS``)."""
    for partner, value in moves:
        session = book.load(session_id).session
        assert session.actor == partner, (session.step_id, session.actor, partner)
        if value is PASS:
            book.pass_turn(session_id)
        else:
            book.submit(session_id, value)  # type: ignore[arg-type]


def appreciations(book: Workbook, alex: str = ALEX_APPRECIATES, sam: str = SAM_APPRECIATES) -> str:
    """A finished Appreciations: each writes in private (revealed together), each says how it
    felt (shared), Alex names a milestone both agree to."""
    session = book.start("appreciations", {"first": "a", "second": "b"})
    moves: list[tuple[PartnerId, AnswerValue | object]] = [
        ("a", alex),
        ("b", sam),
        ("a", "Warm inside"),
        ("b", "Seen at last"),
        ("a", "Our first calm talk"),
        ("a", "agree"),
        ("b", "agree"),
    ]
    play(book, session.id, moves)
    assert book.load(session.id).session.status == "completed"
    return session.id


MENU_ALEX = {
    "Sunrise walk": "yes",
    "Cook together": "no",
    "Slow dance": "maybe",
    "Read aloud": "no",
}
MENU_SAM = {"Sunrise walk": "yes", "Cook together": "yes", "Slow dance": "no", "Read aloud": "yes"}


def secrets(book: Workbook) -> str:
    """A finished Secrets (the ``lib`` exercises): round one with a revealed secret each, a
    pick, a hope never shown, a menu where only "Sunrise walk" is mutual; round two passed;
    last words each (shared)."""
    session = book.start("secrets", {"first": "a", "second": "b"})
    round_one: list[tuple[PartnerId, object]] = [
        ("a", ALEX_SECRET),
        ("b", SAM_SECRET),
        ("a", ["Long walks"]),
        ("b", ["Long walks", "More notes"]),
        ("a", ALEX_HOPE),
        ("b", SAM_HOPE),
        ("a", MENU_ALEX),
        ("b", MENU_SAM),
        ("a", "swap"),
    ]
    round_two: list[tuple[PartnerId, object]] = [
        (who, PASS) for _ in ("secret", "wish", "hope", "menu") for who in ("b", "a")
    ]
    play(
        book,
        session.id,
        [*round_one, *round_two, ("b", "swap"), ("b", "Sam's last"), ("a", "Alex's last")],
    )
    assert book.load(session.id).session.status == "completed"
    return session.id


def questions(book: Workbook, question: str = QUESTION, answer: str = ANSWER) -> str:
    """A finished "Questions about what happened": Sam asks one question in their own words,
    Alex answers, Sam has heard enough for today, last words each."""
    session = book.start("questions", {"asking": "b", "answering": "a"})
    moves: list[tuple[PartnerId, object]] = [
        ("b", "agree"),
        ("a", "agree"),
        ("b", "own"),
        ("b", question),
        ("a", answer),
        ("b", "enough"),
        ("b", "Thank you for answering"),
        ("a", "Thank you for asking me"),
    ]
    play(book, session.id, moves)
    assert book.load(session.id).session.status == "completed"
    return session.id


def turn_at(book: Workbook, session_id: str, step_id: str, partner: PartnerId) -> Turn:
    """The first answer ``partner`` gave at ``step_id`` in the session."""
    return next(
        t
        for t in book.load(session_id).turns
        if t.step_id == step_id and t.partner == partner and not t.passed
    )
