"""Privacy between partners: a private answer reaches the other partner only as its ``reveal``
allows, on screen, in the reveal and in the summary; a menu keeps only the mutual items.

The property test drives random answers and passes through every exercise with a private step
(and a small one built here with a ``never`` step, a private pick, a menu, a loop and a swap),
and checks after every move. Text answers are unique tokens, so a leak shows up as a token
somewhere it must not be.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from tests.unit.driving import (
    ENDED,
    OPEN,
    AfterMove,
    Played,
    new_book,
    play,
    valid_choices,
    within,
)
from workbook.answers import AGREE, MENU_MARKS, answer_words
from workbook.book import Workbook
from workbook.clock import ManualClock
from workbook.content import Library, load_library
from workbook.content_check import check_exercise
from workbook.content_format import Exercise, Step
from workbook.engine import Move
from workbook.models import AnswerValue, PartnerId, Session, Turn, other
from workbook.privacy import shareable_answers, visit_of
from workbook.reveal import RevealLine, RevealView
from workbook.turn_view import TurnView

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

# -- exercises built here ------------------------------------------------------------------

ROLES = [
    {"id": "first", "title": "the partner who starts", "meanwhile": "wait"},
    {"id": "second", "title": "the partner who goes second", "meanwhile": "wait"},
]


def exercise_of(id_: str, steps: list[dict[str, object]]) -> Exercise:
    return Exercise.model_validate(
        {
            "id": id_,
            "title": id_.title(),
            "part": 3,
            "purpose": "A test.",
            "minutes": 5,
            "ready": "Nothing.",
            "closing": "Done.",
            "roles": ROLES,
            "steps": steps,
        }
    )


#: Every kind of private step, visited more than once and in two rounds.
SECRETS = exercise_of(
    "secrets",
    [
        {
            "id": "secret",
            "kind": "text",
            "actor": "each",
            "private": True,
            "prompt": "A secret.",
            "next": "wish",
            "on_pass": "wish",
            "show": [{"label": "Your hope", "steps": ["hope"], "whose": "actor", "rounds": "all"}],
        },
        {
            "id": "wish",
            "kind": "pick",
            "actor": "each",
            "private": True,
            "prompt": "Wishes.",
            "items": ["Quiet mornings", "Long walks", "More notes"],
            "next": "hope",
            "on_pass": "hope",
        },
        {
            "id": "hope",
            "kind": "text",
            "actor": "each",
            "private": True,
            "reveal": "never",
            "prompt": "A hope for yourself.",
            "next": "menu",
            "on_pass": "menu",
        },
        {
            "id": "menu",
            "kind": "menu",
            "actor": "each",
            "prompt": "Mark each.",
            "items": ["Sunrise walk", "Cook together", "Slow dance", "Read aloud"],
            "next": "again",
            "on_pass": "again",
        },
        {
            "id": "again",
            "kind": "choice",
            "actor": "first",
            "prompt": "Again?",
            "on_pass": "turn",
            "show": [
                {"label": "Secrets", "steps": ["secret"], "which": "all", "rounds": "all"},
                {"label": "Wishes", "steps": ["wish"], "which": "all", "rounds": "all"},
                {"label": "Both said yes", "steps": ["menu"], "which": "all", "rounds": "all"},
            ],
            "choices": [
                {"id": "swap", "label": "Swap", "next": "turn"},
                {"id": "more", "label": "Once more", "next": "secret"},
            ],
        },
        {"id": "turn", "kind": "swap", "prompt": "Swap.", "next": "secret", "then": "close"},
        {
            "id": "close",
            "kind": "text",
            "actor": "each",
            "prompt": "Last words.",
            "next": "end",
            "on_pass": "end",
            "show": [{"label": "Secrets", "steps": ["secret"], "which": "all", "rounds": "all"}],
        },
    ],
)

#: The smallest exercise with a menu: not sensitive, so it starts without consent.
TINY_MENU = exercise_of(
    "tiny-menu",
    [
        {
            "id": "menu",
            "kind": "menu",
            "actor": "each",
            "prompt": "Mark each.",
            "items": ["Sunrise walk", "Cook together", "Slow dance", "Read aloud"],
            "next": "talk",
            "on_pass": "talk",
        },
        {
            "id": "talk",
            "kind": "text",
            "actor": "first",
            "prompt": "Talk.",
            "next": "end",
            "on_pass": "end",
            "show": [{"label": "Both said yes", "steps": ["menu"]}],
        },
    ],
)

BUILT = {e.id: e for e in (SECRETS, TINY_MENU)}


@pytest.fixture(scope="module")
def lib(library: Library) -> Library:
    """The shipped library with the exercises built here added."""
    return replace(library, exercises={**library.exercises, **BUILT})


@pytest.fixture
def book(lib: Library, clock: ManualClock) -> Workbook:
    """An in-memory workbook (with the exercises built here) and Alex (a) and Sam (b)."""
    return new_book(lib, clock)


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
            (book.name(t.partner), answer_words(exercise, turns, t)) for t in visit
        ]
        assert view.note == ""
    else:
        assert view.lines == []
        assert view.note == book.library.say("reveal.passed")


class PrivatePlayer:
    """Random passes and answers, text answers as unique tokens; a pause sometimes leaves a
    draft behind."""

    def __init__(self, data: st.DataObject, exercise: Exercise, tokens: Tokens) -> None:
        self.data = data
        self.exercise = exercise
        self.tokens = tokens

    def wants_pause(self, step: Step) -> bool:
        return self.data.draw(st.integers(0, 15), label="pause?") == 15

    def wants_pass(self, step: Step) -> bool:
        return self.data.draw(st.integers(0, 3), label=f"pass at {step.id}?") == 3

    def lets_date_pass(self, due_on: date) -> bool:
        return self.data.draw(st.booleans(), label="let the date pass?")

    def answer(self, step: Step, session: Session, turns: list[Turn], today: date) -> AnswerValue:
        draw = self.data.draw
        if step.kind == "text":
            return self.tokens.new()
        if step.kind == "choice":
            return draw(
                st.sampled_from(valid_choices(self.exercise, step, session, turns)), label=step.id
            )
        if step.kind == "pick":
            return draw(st.lists(st.sampled_from(step.items), min_size=1, unique=True), step.id)
        if step.kind == "menu":
            mark = st.sampled_from(MENU_MARKS)
            return draw(st.fixed_dictionaries({i: mark for i in step.items}), label=step.id)
        if step.kind == "scale":
            return draw(st.integers(*step.scale), label=step.id)
        if step.kind == "date":
            return within(step, today, draw(st.integers(0, 60), label=step.id)).isoformat()
        return AGREE


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


# -- menus -------------------------------------------------------------------------------------

MARKS_A = {"Sunrise walk": "yes", "Cook together": "maybe", "Slow dance": "no", "Read aloud": "yes"}
MARKS_B = {"Sunrise walk": "maybe", "Cook together": "no", "Slow dance": "yes", "Read aloud": "yes"}
ALL_NO = dict.fromkeys(MARKS_B, "no")


@pytest.fixture
def folder_book(lib: Library, data_folder: Path) -> Iterator[Workbook]:
    """A workbook on disk (to read the session file as it is stored)."""
    book = Workbook.open(data_folder, ManualClock(), library=lib)
    book.set_partners("Alex", "Sam")
    yield book
    book.close()


def session_file(book: Workbook, session_id: str) -> str:
    assert book.store.folder is not None
    return (book.store.folder / "sessions" / f"{session_id}.json").read_text()


def start_menu(book: Workbook) -> str:
    return book.start(TINY_MENU.id, {"first": "a", "second": "b"}).id


def draft_now(book: Workbook, session_id: str, text: str) -> None:
    book.save_draft(session_id, book.view(book.load(session_id)), text)
    assert book.load(session_id).draft is not None


def test_a_menu_keeps_only_the_mutual_items(folder_book: Workbook) -> None:
    book = folder_book
    session_id = start_menu(book)
    draft_now(book, session_id, "thinking about it")
    first = book.submit(session_id, MARKS_A)
    assert first.turn.value == MARKS_A and first.revealed is None
    assert book.load(session_id).draft is None
    draft_now(book, session_id, "still thinking")

    move = book.submit(session_id, MARKS_B)
    assert move.revealed == "menu"
    assert [t.id for t in move.rewritten] == [first.turn.id]
    turns = book.store.turns(session_id)
    assert [(t.partner, t.value) for t in turns] == [
        ("a", ["Sunrise walk", "Read aloud"]),
        ("b", ["Sunrise walk", "Read aloud"]),
    ]
    assert book.load(session_id).draft is None
    stored = session_file(book, session_id)
    for gone in ("Cook together", "Slow dance", "maybe", "thinking"):
        assert gone not in stored
    assert book.view(book.load(session_id)).shown[0].texts == ["Sunrise walk, Read aloud"]


@pytest.mark.parametrize("who_passes", ["first", "second"])
def test_a_pass_at_a_menu_erases_the_other_marks(folder_book: Workbook, who_passes: str) -> None:
    book = folder_book
    session_id = start_menu(book)
    if who_passes == "first":
        book.pass_turn(session_id)
        move = book.submit(session_id, MARKS_B)
        assert move.turn.value == []
    else:
        book.submit(session_id, MARKS_A)
        move = book.pass_turn(session_id)
        assert [t.value for t in move.rewritten] == [[]]
    assert move.revealed == "menu"
    turns = book.store.turns(session_id)
    assert [t.value for t in turns if not t.passed] == [[]]
    assert [t.passed for t in turns] == [who_passes == "first", who_passes == "second"]
    stored = session_file(book, session_id)
    for gone in MARKS_A:
        assert gone not in stored
    assert book.reveal(session_id, "menu") == no_match(book)
    view = book.view(book.load(session_id))
    assert [text for shown in view.shown for text in shown.texts if text] == []


def no_match(book: Workbook) -> RevealView:
    return RevealView(
        heading=book.library.say("reveal.match_heading"),
        lines=[],
        note=book.library.say("reveal.no_match"),
    )


def test_the_menu_reveal_shows_the_mutual_items(book: Workbook) -> None:
    session_id = start_menu(book)
    book.submit(session_id, MARKS_A)
    book.submit(session_id, MARKS_B)
    view = book.reveal(session_id, "menu")
    assert view.lines == [RevealLine("", "Sunrise walk"), RevealLine("", "Read aloud")]
    assert view.note == ""


def menu_outcome(lib: Library, ending: str) -> tuple[RevealView, list[tuple[str, str]]]:
    """The reveal and the summary after the first partner marked the menu and the second
    marked all "no" or passed."""
    book = new_book(lib)
    session_id = start_menu(book)
    book.submit(session_id, MARKS_A)
    if ending == "all no":
        book.submit(session_id, ALL_NO)
    else:
        book.pass_turn(session_id)
    reveal = book.reveal(session_id, "menu")
    book.pass_turn(session_id)  # talk: nothing more to say
    assert book.load(session_id).session.status == "completed"
    lines = [(line.author, line.text) for line in book.summary(session_id).lines]
    return reveal, lines


def test_no_match_reads_the_same_whether_the_other_said_no_or_passed(lib: Library) -> None:
    said_no, summary_no = menu_outcome(lib, "all no")
    passed, summary_passed = menu_outcome(lib, "passed")
    assert said_no == passed == no_match(new_book(lib))
    assert summary_no == summary_passed
    assert not [text for _, text in summary_no if any(item in text for item in MARKS_A)]


# -- reveals and summaries of together steps ---------------------------------------------------


def start_secrets(book: Workbook) -> str:
    return book.start(SECRETS.id, {"first": "a", "second": "b"}).id


def test_a_together_reveal_shows_both_answers(book: Workbook, lib: Library) -> None:
    session_id = start_secrets(book)
    first = book.submit(session_id, "I keep a list of your kind words.")
    assert first.revealed is None
    # Before the second answer, the first one is the author's alone.
    turns = book.store.turns(session_id)
    assert shareable_answers(SECRETS.step("secret"), turns, "b") == []
    assert shareable_answers(SECRETS.step("secret"), turns, "a") == turns
    move = book.submit(session_id, "I was scared to ask.")
    assert move.revealed == "secret"
    view = book.reveal(session_id, "secret")
    assert view.heading == lib.say("reveal.heading")
    assert view.lines == [
        RevealLine("Alex", "I keep a list of your kind words."),
        RevealLine("Sam", "I was scared to ask."),
    ]
    assert view.note == ""


@pytest.mark.parametrize("who_passes", ["first", "second"])
def test_a_together_reveal_after_a_pass_shows_nothing(
    book: Workbook, lib: Library, who_passes: str
) -> None:
    session_id = start_secrets(book)
    if who_passes == "first":
        book.pass_turn(session_id)
        move = book.submit(session_id, "I was scared to ask.")
    else:
        book.submit(session_id, "I keep a list of your kind words.")
        move = book.pass_turn(session_id)
    assert move.revealed == "secret"
    view = book.reveal(session_id, "secret")
    assert view.lines == []
    assert view.note == lib.say("reveal.passed")
    turns = book.store.turns(session_id)
    for viewer in ("a", "b"):
        own = [t for t in turns if t.partner == viewer and not t.passed]
        assert shareable_answers(SECRETS.step("secret"), turns, viewer) == own


def test_the_summary_holds_revealed_answers_and_never_unrevealed_ones(
    book: Workbook, lib: Library
) -> None:
    session_id = start_secrets(book)
    book.submit(session_id, "Revealed from Alex.")  # secret
    book.submit(session_id, "Revealed from Sam.")
    book.submit(session_id, ["Long walks"])  # wish
    book.pass_turn(session_id)
    book.submit(session_id, "Never from Alex.")  # hope (never)
    book.submit(session_id, "Never from Sam.")
    book.submit(session_id, MARKS_A)  # menu
    book.submit(session_id, MARKS_B)
    book.submit(session_id, "swap")  # again -> round two
    assert book.load(session_id).session.round == 2
    book.pass_turn(session_id)  # secret, round two: Sam (now first) passes
    book.submit(session_id, "Unrevealed from Alex.")
    summary = book.summary(session_id)
    texts = [line.text for line in summary.lines]
    assert "Revealed from Alex." in texts and "Revealed from Sam." in texts
    assert ("Alex", "Revealed from Alex.") in [(x.author, x.text) for x in summary.lines]
    assert "Sunrise walk, Read aloud" in texts
    joined = "\n".join(texts)
    for hidden in ("Never from", "Unrevealed", "Long walks", "Cook together", "Slow dance"):
        assert hidden not in joined
    # Sam's pass at a private step is not announced either.
    assert [line for line in summary.lines if line.passed] == []


def test_a_never_answer_is_only_ever_its_authors(book: Workbook, lib: Library) -> None:
    session_id = start_secrets(book)
    for value in ("s1", "s2", ["Long walks"], ["More notes"], "Alex's hope", "Sam's hope"):
        book.submit(session_id, value)
    turns = book.store.turns(session_id)
    hope = SECRETS.step("hope")
    assert [t.value for t in shareable_answers(hope, turns, "a")] == ["Alex's hope"]
    assert [t.value for t in shareable_answers(hope, turns, "b")] == ["Sam's hope"]
    # Back at the secret step (once more), each sees only their own hope.
    book.submit(session_id, MARKS_A)
    book.submit(session_id, MARKS_B)
    book.submit(session_id, "more")
    view = book.view(book.load(session_id))
    assert (view.step_id, view.actor) == ("secret", "a")
    assert [t for s in view.shown for t in s.texts] == ["Alex's hope"]
    book.submit(session_id, "s3")
    view = book.view(book.load(session_id))
    assert view.actor == "b"
    assert [t for s in view.shown for t in s.texts] == ["Sam's hope"]
