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


#: One move: who should be acting, and their answer (or ``PASS``).
Move = tuple[PartnerId, AnswerValue | object]


def play(book: Workbook, session_id: str, moves: list[Move]) -> None:
    """Make ``moves`` in order: each (who should be acting, their answer or ``PASS``)."""
    for partner, value in moves:
        session = book.load(session_id).session
        assert session.actor == partner, (session.step_id, session.actor, partner)
        if value is PASS:
            book.pass_turn(session_id)
        else:
            book.submit(session_id, value)  # type: ignore[arg-type]


def played_through(
    book: Workbook, exercise_id: str, roles: dict[str, PartnerId], moves: list[Move]
) -> str:
    """A session of ``exercise_id`` started with ``roles``, ``moves`` made, and finished."""
    session = book.start(exercise_id, roles)
    play(book, session.id, moves)
    assert book.load(session.id).session.status == "completed"
    return session.id


def appreciations(book: Workbook, alex: str = ALEX_APPRECIATES, sam: str = SAM_APPRECIATES) -> str:
    """A finished Appreciations: each writes in private (revealed together), each says how it
    felt (shared), Alex names a milestone both agree to."""
    moves: list[Move] = [
        ("a", alex),
        ("b", sam),
        ("a", "Warm inside"),
        ("b", "Seen at last"),
        ("a", "Our first calm talk"),
        ("a", "agree"),
        ("b", "agree"),
    ]
    return played_through(book, "appreciations", {"first": "a", "second": "b"}, moves)


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
    round_one: list[Move] = [
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
    round_two: list[Move] = [
        (who, PASS) for _ in ("secret", "wish", "hope", "menu") for who in ("b", "a")
    ]
    last: list[Move] = [("b", "swap"), ("b", "Sam's last"), ("a", "Alex's last")]
    roles: dict[str, PartnerId] = {"first": "a", "second": "b"}
    return played_through(book, "secrets", roles, [*round_one, *round_two, *last])


def questions(book: Workbook, question: str = QUESTION, answer: str = ANSWER) -> str:
    """A finished "Questions about what happened": Sam asks one question in their own words,
    Alex answers, Sam has heard enough for today, last words each."""
    moves: list[Move] = [
        ("b", "agree"),
        ("a", "agree"),
        ("b", "own"),
        ("b", question),
        ("a", answer),
        ("b", "enough"),
        ("b", "Thank you for answering"),
        ("a", "Thank you for asking me"),
    ]
    return played_through(book, "questions", {"asking": "b", "answering": "a"}, moves)


def turn_at(book: Workbook, session_id: str, step_id: str, partner: PartnerId) -> Turn:
    """The first answer ``partner`` gave at ``step_id`` in the session."""
    return next(
        t
        for t in book.load(session_id).turns
        if t.step_id == step_id and t.partner == partner and not t.passed
    )
