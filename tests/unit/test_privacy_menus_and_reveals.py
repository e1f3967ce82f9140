"""Privacy between partners, case by case: a menu keeps only the mutual items (on disk too),
a pass at a menu erases the other's marks and reads the same as an "all no", a ``together``
reveal shows both answers or, after a pass, nothing, and the summary holds revealed answers
only; a ``never`` answer is only ever its author's.

These play fixed moves through the exercises built in ``privacy_exercises.py``; the property
test over random answers is in ``test_privacy.py``.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.unit.driving import new_book
from tests.unit.privacy_exercises import SECRETS, TINY_MENU
from workbook.book import Workbook
from workbook.clock import ManualClock
from workbook.content import Library
from workbook.privacy import shareable_answers
from workbook.reveal import RevealLine, RevealView


@pytest.fixture
def book(lib: Library, clock: ManualClock) -> Workbook:
    """An in-memory workbook (with the exercises built for these tests), Alex (a) and Sam (b)."""
    return new_book(lib, clock)


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
