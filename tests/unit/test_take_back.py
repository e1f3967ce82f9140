"""Correcting and taking back the latest answer: who may (its author), until when (the other
partner's next turn, answer or pass), what is refused and why (a texts key), the session after
taking back, and the old words gone from the session file and from every backup copy."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.unit.own_words import ALEX_APPRECIATES, PASS, SAM_APPRECIATES, appreciations, play
from workbook import take_back
from workbook.answers import AnswerError
from workbook.book import Workbook
from workbook.clock import ManualClock
from workbook.content import Library
from workbook.models import PartnerId, Turn
from workbook.take_back import NotChangeable

APPRECIATIONS: dict[str, PartnerId] = {"first": "a", "second": "b"}
OLD_WORDS = "You never once asked how I was."


def refused(key: str) -> pytest.RaisesContext[NotChangeable]:
    return pytest.raises(NotChangeable, match=f"^take_back.{key}$")


def started(book: Workbook, first: str = OLD_WORDS) -> tuple[str, Turn]:
    """Appreciations with Alex's private answer given: Sam's turn at the same step."""
    session_id = book.start("appreciations", APPRECIATIONS).id
    move = book.submit(session_id, first)
    return session_id, move.turn


def test_the_author_corrects_in_place_before_the_other_responds(book: Workbook) -> None:
    session_id, turn = started(book)
    before = book.load(session_id).session
    last = book.last_turn(session_id)
    assert last is not None
    assert (last.turn_id, last.author, last.private, last.words) == (turn.id, "a", True, OLD_WORDS)
    assert last.rewordable

    move = book.correct(session_id, "a", turn.id, ALEX_APPRECIATES)

    [saved] = book.load(session_id).turns
    assert (saved.id, saved.partner, saved.value) == (turn.id, "a", ALEX_APPRECIATES)
    assert move.turn == saved
    after = book.load(session_id).session
    assert (after.step_id, after.actor, after.waiting) == (before.step_id, "b", ["b"])


def test_the_correction_view_is_the_authors_step_starting_from_their_words(
    book: Workbook,
) -> None:
    session_id, _ = started(book)
    view = book.change_view(session_id)
    assert (view.step_id, view.actor, view.private) == ("appreciate", "a", True)
    assert view.start_text == OLD_WORDS
    assert "Alex" in view.prompt


def test_taking_back_returns_the_step_to_its_author_as_it_was(book: Workbook) -> None:
    session_id = book.start("appreciations", APPRECIATIONS).id
    before = book.load(session_id)
    turn = book.submit(session_id, OLD_WORDS).turn

    back = book.withdraw(session_id, "a", turn.id)

    assert back == before.session
    assert book.load(session_id).session == before.session
    assert book.load(session_id).turns == []
    assert book.last_turn(session_id) is None
    [entry] = book.open_sessions()
    assert (entry.actor, entry.turns) == ("a", 0)


def test_only_the_author_may_change_it(book: Workbook) -> None:
    session_id, turn = started(book)
    with refused("not_yours"):
        book.correct(session_id, "b", turn.id, "Sam's words over Alex's")
    with refused("not_yours"):
        book.withdraw(session_id, "b", turn.id)
    assert book.load(session_id).turns == [turn]


@pytest.mark.parametrize("response", [SAM_APPRECIATES, PASS])
def test_a_response_answered_or_passed_ends_the_chance_to_change(
    book: Workbook, response: object
) -> None:
    session_id, turn = started(book)
    play(book, session_id, [("b", response)])
    with refused("responded"):
        book.correct(session_id, "a", turn.id, "Too late now")
    with refused("responded"):
        book.withdraw(session_id, "a", turn.id)
    [*_, sams] = book.load(session_id).turns
    last = book.last_turn(session_id)
    assert last is not None and (last.turn_id, last.author) == (sams.id, "b")


def test_a_pass_may_be_taken_back_or_answered_instead(book: Workbook) -> None:
    session_id = book.start("appreciations", APPRECIATIONS).id
    passed = book.pass_turn(session_id).turn
    last = book.last_turn(session_id)
    assert last is not None
    assert last.words == book.library.say("take_back.was_pass")
    move = book.correct(session_id, "a", passed.id, ALEX_APPRECIATES)
    assert (move.turn.id, move.turn.passed, move.turn.value) == (passed.id, False, ALEX_APPRECIATES)


def test_only_the_latest_turn_may_change(book: Workbook) -> None:
    session_id = book.start("needs-requests", {"asker": "a", "giver": "b"}).id
    play(book, session_id, [("a", "We ate without talking"), ("a", "Lonely")])
    first, second = book.load(session_id).turns
    with refused("not_latest"):
        book.withdraw(session_id, "a", first.id)
    assert take_back.changeable(
        book.exercise("needs-requests"), book.load(session_id).session, [first, second]
    ) == (second)
    assert book.last_turn(session_id) is None  # Alex acts again: the box is theirs anyway


def test_a_turn_that_ended_the_session_or_made_a_milestone_stays(book: Workbook) -> None:
    session_id = appreciations(book)
    *_, agreed = book.load(session_id).turns
    with refused("ended"):
        book.withdraw(session_id, "b", agreed.id)
    assert book.last_turn(session_id) is None


def test_the_first_agree_may_be_taken_back_but_not_reworded(book: Workbook) -> None:
    session_id, _ = started(book)
    play(
        book,
        session_id,
        [("b", SAM_APPRECIATES), ("a", "Warm"), ("b", "Seen"), ("a", "Calm talk"), ("a", "agree")],
    )
    agree = book.load(session_id).turns[-1]
    last = book.last_turn(session_id)
    assert last is not None and not last.rewordable
    with refused("only_take_back"):
        book.correct(session_id, "a", agree.id, "agree")
    back = book.withdraw(session_id, "a", agree.id)
    assert (back.step_id, back.actor, back.waiting) == ("milestone", "a", ["a", "b"])
    assert book.milestones() == []


def test_a_menus_shared_list_and_a_question_kept_for_later_stay(
    lib: Library, clock: ManualClock
) -> None:
    book = Workbook.in_memory(lib, clock)
    book.set_partners("Alex", "Sam")
    session_id = book.start("tiny-menu", APPRECIATIONS).id
    marks = {"Sunrise walk": "yes", "Cook together": "no", "Slow dance": "no", "Read aloud": "no"}
    play(book, session_id, [("a", marks)])
    assert book.last_turn(session_id) is not None  # Alex's marks, before Sam's: still open
    play(book, session_id, [("b", marks)])
    with refused("made"):
        book.withdraw(session_id, "b", book.load(session_id).turns[-1].id)

    questions = book.start("questions", {"asking": "a", "answering": "b"}, consented=True).id
    play(book, questions, [("a", "agree"), ("b", "agree"), ("a", "timeline")])
    play(book, questions, [("a", "When did it start?"), ("b", PASS)])
    kept = book.load(questions).turns[-1]
    assert book.store.kept() != []
    with refused("made"):
        book.withdraw(questions, "b", kept.id)


@pytest.mark.parametrize("first", [PASS, {"Sunrise walk": "yes"}], ids=["passed", "marked"])
def test_at_a_private_step_a_pass_is_offered_for_a_change_like_an_answer(
    lib: Library, clock: ManualClock, first: object
) -> None:
    """Sam sees the offer either way, so it tells Sam nothing of what Alex did."""
    book = Workbook.in_memory(lib, clock)
    book.set_partners("Alex", "Sam")
    session_id = book.start("tiny-menu", APPRECIATIONS).id
    marks = {"Cook together": "no", "Slow dance": "no", "Read aloud": "no"}
    play(book, session_id, [("a", {**marks, **first} if isinstance(first, dict) else first)])
    last = book.last_turn(session_id)
    assert last is not None and last.author == "a" and last.private


def test_a_corrected_choice_follows_its_new_branch(book: Workbook) -> None:
    session_id = book.start("needs-requests", {"asker": "a", "giver": "b"}).id
    play(
        book,
        session_id,
        [("a", "Dinner in silence"), ("a", "Lonely"), ("a", "Closeness")]
        + [("a", "Text me when you leave work"), ("a", PASS), ("b", "request_1")],
    )
    give = book.load(session_id).turns[-1]
    assert book.load(session_id).session.step_id == "keep"
    move = book.correct(session_id, "b", give.id, "none_today")
    assert move.session.step_id != "keep"
    assert book.load(session_id).turns[-1].value == "none_today"


def test_a_correction_is_checked_as_any_answer(book: Workbook) -> None:
    session_id, turn = started(book)
    with pytest.raises(AnswerError):
        book.correct(session_id, "a", turn.id, "   ")
    assert book.load(session_id).turns == [turn]


# -- on disk: the old words go from the session file and from every backup copy -------------


@pytest.fixture
def on_disk(library: Library, data_folder: Path) -> Iterator[Workbook]:
    made = Workbook.open(data_folder, ManualClock(), library=library)
    made.set_partners("Alex", "Sam")
    yield made
    made.close()


def everywhere(folder: Path) -> bytes:
    """Every byte of every file under the data folder, backups included."""
    return b"".join(p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file())


def backed_up_with_draft(book: Workbook, folder: Path) -> tuple[str, Turn]:
    """Alex's answer given and backed up, with Sam's draft quoting it backed up too."""
    session_id, turn = started(book)
    book.save_draft(session_id, book.view(book.load(session_id)), f"Sam read: {OLD_WORDS}")
    assert book.back_up() is not None
    assert OLD_WORDS.encode() in everywhere(folder / "backups")
    return session_id, turn


def test_a_corrected_answers_old_words_are_in_no_file_backups_included(
    on_disk: Workbook, data_folder: Path
) -> None:
    session_id, turn = backed_up_with_draft(on_disk, data_folder)
    on_disk.correct(session_id, "a", turn.id, ALEX_APPRECIATES)
    assert OLD_WORDS.encode() not in everywhere(data_folder)
    assert (
        ALEX_APPRECIATES.encode() in (data_folder / "sessions" / f"{session_id}.json").read_bytes()
    )


def test_a_taken_back_answers_words_are_in_no_file_backups_included(
    on_disk: Workbook, data_folder: Path
) -> None:
    session_id, turn = backed_up_with_draft(on_disk, data_folder)
    on_disk.withdraw(session_id, "a", turn.id)
    assert OLD_WORDS.encode() not in everywhere(data_folder)
    assert turn.id.encode() not in everywhere(data_folder)
    assert on_disk.load(session_id).turns == []
