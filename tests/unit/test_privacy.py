"""Privacy between partners, under random answers: a private answer reaches the other partner
only as its ``reveal`` allows, on screen, in the reveal and in the summary; a menu keeps only
the mutual items.

The property test drives random answers and passes through every exercise with a private step
(and a small one built in ``privacy_exercises.py`` with a ``never`` step, a private pick, a
menu, a loop and a swap), and checks after every move. Text answers are unique tokens, so a leak
shows up as a token somewhere it must not be. Fixed cases (menus, reveals, the summary) are in
``test_privacy_menus_and_reveals.py``.
"""

from __future__ import annotations

import itertools
from datetime import date

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from tests.unit.driving import (
    ENDED,
    OPEN,
    AfterMove,
    Played,
    RandomPlayer,
    new_book,
    play,
)
from tests.unit.privacy_exercises import SECRETS, TINY_MENU
from workbook.answers import answer_words
from workbook.book import Workbook
from workbook.content import Library, load_library
from workbook.content_check import check_exercise
from workbook.content_format import Exercise, Step
from workbook.engine import Move
from workbook.models import AnswerValue, PartnerId, Session, Turn, other
from workbook.privacy import shareable_answers, visit_of
from workbook.turn_view import TurnView
from workbook.wording import visible

#: 50 examples per exercise, each a whole session of up to 150 moves: every move is checked
#: against every turn so far, so a run costs the square of its length.
PROPERTY_SETTINGS = settings(
    derandomize=True,
    deadline=None,
    max_examples=50,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.large_base_example,
    ],
)
MAX_PRIVATE_MOVES = 150

PARTNERS: tuple[PartnerId, PartnerId] = ("a", "b")

# -- the exercises with a private step -----------------------------------------------------


def private_exercises() -> list[str]:
    shipped = load_library().exercises.values()
    found = [e.id for e in shipped if any(s.private for s in e.steps)]
    return sorted(found) + [SECRETS.id]


def test_the_exercises_built_here_are_valid_content() -> None:
    assert check_exercise(SECRETS) == []
    assert check_exercise(TINY_MENU) == []


# -- what each partner may see ---------------------------------------------------------------


def revealed(visit: list[Turn]) -> bool:
    """Both partners answered this visit and neither passed (worked out here)."""
    return (
        len(visit) == 2
        and visit[0].partner != visit[1].partner
        and not any(t.passed for t in visit)
    )


def may_see(step: Step, visit: list[Turn], turn: Turn, viewer: PartnerId) -> bool:
    if turn.partner == viewer or not step.private:
        return True
    return step.reveal != "never" and revealed(visit)


def view_strings(view: TurnView) -> list[str]:
    return [
        view.banner,
        view.meanwhile,
        view.prompt,
        view.hint,
        view.start_text,
        view.handover,
        view.privacy_note,
        view.due_note,
        *(text for shown in view.shown for text in shown.texts),
        *(option.label for option in view.options),
        *view.items,
    ]


class Tokens:
    """Unique words for every text answer and draft, and who wrote each."""

    def __init__(self) -> None:
        self._counter = itertools.count(1)
        self.drafts: dict[str, PartnerId] = {}

    def new(self) -> str:
        return f"tokQ{next(self._counter)}Z"


class PrivacyChecks:
    """The checks made after every move of a run."""

    def __init__(self, tokens: Tokens) -> None:
        self.tokens = tokens

    def __call__(self, book: Workbook, played: Played, move: Move | None) -> None:
        exercise, session_id = played.exercise, played.session_id
        opened = book.load(session_id)
        turns, session = opened.turns, opened.session
        hidden_from: dict[PartnerId, set[str]] = {"a": set(), "b": set()}
        shared_by_both: set[str] = set()
        for index, turn in enumerate(turns):
            step = exercise.step(turn.step_id)
            visit = played.visit_turns(turns, turn)
            if not step.private:
                continue
            # The core's idea of a visit is the one seen while playing.
            assert [t.id for t in visit_of(turns, index)] == [t.id for t in visit]
            if step.kind == "menu":
                check_menu_turn(played, session, step, visit, turn)
            if turn.passed:
                continue
            for viewer in PARTNERS:
                allowed = may_see(step, visit, turn, viewer)
                shared = [t.id for t in shareable_answers(step, turns, viewer)]
                assert (turn.id in shared) == allowed, (step.id, turn, viewer, visit)
                if not allowed and isinstance(turn.value, str):
                    hidden_from[viewer].add(turn.value)
            if may_see(step, visit, turn, other(turn.partner)):
                shared_by_both.add(turn.id)
        for token, author in self.tokens.drafts.items():
            hidden_from[other(author)].add(token)

        # On screen: the acting partner sees none of what is hidden from them.
        if session.status not in ENDED and session.actor is not None:
            view = book.view(opened)
            strings = "\n".join(view_strings(view))
            leaked = [
                w for w in hidden_from[session.actor] if w.startswith("tokQ") and w in strings
            ]
            assert leaked == [], (session.actor, leaked, view)

        # In the summary: what both may see of private steps, and nothing else of them.
        summary = "\n".join(line.text for line in book.summary(session_id).lines)
        for turn in turns:
            step = exercise.step(turn.step_id)
            if not step.private or turn.passed or not isinstance(turn.value, str):
                continue
            if turn.value.startswith("tokQ"):
                assert (turn.value in summary) == (turn.id in shared_by_both), turn
        assert not [t for t in self.tokens.drafts if t in summary]

        if move is not None:
            check_reveal(book, played, move)


def check_menu_turn(
    played: Played, session: Session, step: Step, visit: list[Turn], turn: Turn
) -> None:
    """A menu's marks are kept only while the other partner has still to answer; after that
    both turns hold only the mutual items (none if either passed)."""
    if len(visit) == 1 and session.step_id == step.id and session.waiting == [other(turn.partner)]:
        if not turn.passed:
            assert turn.value == played.given[turn.id]
        return
    assert len(visit) == 2
    assert not isinstance(turn.value, dict), turn
    if turn.passed:
        assert turn.value is None
        return
    marks = [played.given.get(t.id) for t in visit]
    if all(isinstance(m, dict) for m in marks):
        first, second = marks
        assert isinstance(first, dict) and isinstance(second, dict)
        expected = [i for i in step.items if first[i] in OPEN and second[i] in OPEN]
    else:
        expected = []
    assert turn.value == expected


def check_reveal(book: Workbook, played: Played, move: Move) -> None:
    """After the second answer at a private step: what the reveal shows, and that it shows
    nothing when both passed."""
    exercise = played.exercise
    step = exercise.step(move.turn.step_id)
    turns = book.store.turns(played.session_id)
    visit = played.visit_turns(turns, move.turn)
    ends_visit = step.private and len(visit) == 2 and visit[-1].id == move.turn.id
    if not ends_visit or step.reveal == "never":
        assert move.revealed is None
        return
    if all(t.passed for t in visit):
        assert move.revealed is None
        return
    assert move.revealed == step.id
    view = book.reveal(played.session_id, step.id)
    if step.reveal == "match":
        items = visit[0].value if revealed(visit) else []
        assert isinstance(items, list)
        assert [(line.author, line.text) for line in view.lines] == [("", i) for i in items]
        assert view.note == ("" if items else book.library.say("reveal.no_match"))
        return
    if revealed(visit):
        assert [(line.author, line.text) for line in view.lines] == [
            (book.name(t.partner), visible(answer_words(exercise, turns, t))) for t in visit
        ]
        assert view.note == ""
    else:
        assert view.lines == []
        assert view.note == book.library.say("reveal.passed")


class PrivatePlayer(RandomPlayer):
    """Random passes and answers as for every exercise, but text answers are unique tokens, so
    any one of them found where it should not be is a leak."""

    def __init__(self, data: st.DataObject, exercise: Exercise, tokens: Tokens) -> None:
        super().__init__(data, exercise)
        self.tokens = tokens

    def answer(self, step: Step, session: Session, turns: list[Turn], today: date) -> AnswerValue:
        if step.kind == "text":
            return self.tokens.new()
        return super().answer(step, session, turns, today)


def leave_a_draft(tokens: Tokens) -> AfterMove:
    """After a pause: the acting partner leaves half-written words behind."""

    def after(book: Workbook, played: Played, move: Move | None) -> None:
        if move is None:
            opened = book.load(played.session_id)
            view = book.view(opened)
            token = tokens.new()
            tokens.drafts[token] = view.actor
            book.save_draft(played.session_id, view, token)

    return after


@pytest.mark.parametrize("exercise_id", private_exercises())
@PROPERTY_SETTINGS
@given(data=st.data())
def test_a_private_answer_reaches_the_other_only_when_revealed(
    lib: Library, exercise_id: str, data: st.DataObject
) -> None:
    exercise = lib.exercises[exercise_id]
    book = new_book(lib)
    tokens = Tokens()
    checks = PrivacyChecks(tokens)
    drafts = leave_a_draft(tokens)

    def after(book: Workbook, played: Played, move: Move | None) -> None:
        drafts(book, played, move)
        checks(book, played, move)

    first = data.draw(st.sampled_from(["a", "b"]), label="first role")
    played = play(
        book, exercise, first, PrivatePlayer(data, exercise, tokens), after, MAX_PRIVATE_MOVES
    )
    session = book.load(played.session_id).session
    event(f"ended: {session.status}")
    turns = book.store.turns(played.session_id)
    revealed_steps = {
        t.step_id
        for i, t in enumerate(turns)
        if exercise.step(t.step_id).private and revealed(visit_of(turns, i))
    }
    event(f"revealed: {sorted(revealed_steps)}")
