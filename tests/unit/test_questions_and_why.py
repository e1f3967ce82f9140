"""Questions about what happened (a "not today" keeps the question and offers it again, in
this session or a later one) and "Why did it happen?" (it waits for the apology and active
listening, then opens only with consent), through ``Workbook`` as the screens call it."""

from __future__ import annotations

import pytest

from tests.unit.driving import finish, new_book
from workbook.answers import AGREE, AnswerError
from workbook.book import NotStartable, Workbook
from workbook.clock import ManualClock
from workbook.content import Library
from workbook.content_check import check_exercise, unknown_prerequisites
from workbook.content_privacy import check_privacy
from workbook.wording import visible

ROLES = {"asking": "a", "answering": "b"}
QUESTION = "When did it start? [bold]really[/bold] \u202eright-to-left 💔"


def asked(book: Workbook, question: str = QUESTION, area: str = "timeline") -> str:
    """A questions session at the answer step, with ``question`` asked from ``area``."""
    session = book.start("questions", ROLES)  # type: ignore[arg-type]
    book.submit(session.id, AGREE)
    book.submit(session.id, AGREE)
    book.submit(session.id, area)
    book.submit(session.id, question)
    assert book.load(session.id).session.step_id == "answer"
    return session.id


def kept_texts(book: Workbook) -> list[str]:
    return [k.text for k in book.store.kept()]


def step_of(book: Workbook, session_id: str) -> str:
    return book.load(session_id).session.step_id


def test_not_today_keeps_the_question_and_the_asker_chooses_again(book: Workbook) -> None:
    session_id = asked(book)
    assert book.view(book.load(session_id)).keeps  # the pass button reads "Not today"
    book.pass_turn(session_id)
    assert kept_texts(book) == [QUESTION]
    assert step_of(book, session_id) == "area"
    view = book.view(book.load(session_id))
    assert "kept" in [o.id for o in view.options]


def test_the_summary_says_a_not_today_question_is_kept_not_passed(book: Workbook) -> None:
    session_id = asked(book)
    book.pass_turn(session_id)
    for value in ("done", "Thank you.", "Thank you too."):
        book.submit(session_id, value)
    lines = book.summary(session_id).lines
    kept = next(line for line in lines if line.passed)
    assert kept.author == book.name("b")
    assert kept.text == book.library.say("summary.kept_line")
    assert "not today" in kept.text and "passed" not in kept.text


def test_the_kept_question_is_offered_again_in_a_later_session(library: Library) -> None:
    clock = ManualClock()
    book = new_book(library, clock)
    book.pass_turn(asked(book))
    clock.advance(3 * 24 * 3600)
    later = book.start("questions", ROLES)  # type: ignore[arg-type]
    for value in (AGREE, AGREE, "kept"):
        book.submit(later.id, value)
    view = book.view(book.load(later.id))
    assert view.step_id == "ask_kept"
    assert view.start_text == QUESTION
    assert book.path()[0].exercises[1].kept == 1
    assert "questions kept for later: 1" in book.path()[0].exercises[1].line
    book.submit(later.id, view.start_text + " And why then?")
    assert kept_texts(book) == []  # asked now: no longer kept
    shown = book.view(book.load(later.id)).shown
    assert [s.texts for s in shown] == [[visible(QUESTION + " And why then?")]]


def test_a_question_passed_over_again_goes_to_the_back_of_the_line(book: Workbook) -> None:
    first = asked(book, "First?")
    book.pass_turn(first)
    book.submit(first, "now")
    book.submit(first, "Second?")
    book.pass_turn(first)
    assert kept_texts(book) == ["First?", "Second?"]
    book.submit(first, "kept")
    assert book.view(book.load(first)).start_text == "First?"
    book.pass_turn(first)  # "not today" from the asker, too
    assert step_of(book, first) == "area"
    assert kept_texts(book) == ["Second?", "First?"]


def test_nothing_kept_means_no_kept_choice_and_it_is_refused(book: Workbook) -> None:
    session = book.start("questions", ROLES)  # type: ignore[arg-type]
    book.submit(session.id, AGREE)
    book.submit(session.id, AGREE)
    assert "kept" not in [o.id for o in book.view(book.load(session.id)).options]
    with pytest.raises(AnswerError):
        book.submit(session.id, "kept")
    assert step_of(book, session.id) == "area"


def test_passing_without_a_question_keeps_nothing(book: Workbook) -> None:
    session = book.start("questions", ROLES)  # type: ignore[arg-type]
    book.submit(session.id, AGREE)
    book.submit(session.id, AGREE)
    book.submit(session.id, "own")
    book.pass_turn(session.id)  # the asker lets this one go before writing it
    assert kept_texts(book) == []


def test_a_kept_question_is_offered_only_to_the_partner_who_asked_it(book: Workbook) -> None:
    book.pass_turn(asked(book))  # Alex asked, Sam said not today
    sam_asks = book.start("questions", {"asking": "b", "answering": "a"})
    book.submit(sam_asks.id, AGREE)
    book.submit(sam_asks.id, AGREE)
    assert "kept" not in [o.id for o in book.view(book.load(sam_asks.id)).options]
    with pytest.raises(AnswerError):
        book.submit(sam_asks.id, "kept")
    alex_asks = book.start("questions", ROLES)  # type: ignore[arg-type]
    book.submit(alex_asks.id, AGREE)
    book.submit(alex_asks.id, AGREE)
    assert "kept" in [o.id for o in book.view(book.load(alex_asks.id)).options]


def test_a_question_reworded_then_kept_again_is_kept_as_reworded(book: Workbook) -> None:
    session_id = asked(book, "First?")
    book.pass_turn(session_id)
    book.submit(session_id, "kept")
    view = book.view(book.load(session_id))
    book.save_draft(session_id, view, "First, and who else knew?")
    book.pass_turn(session_id)  # not today, after rewording it
    assert kept_texts(book) == ["First, and who else knew?"]


def test_trying_again_after_a_failed_save_keeps_the_question_once(
    book: Workbook, monkeypatch: pytest.MonkeyPatch
) -> None:
    session_id = asked(book)
    save_session = book.store.save_session

    def full_disk(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(book.store, "save_session", full_disk)
    with pytest.raises(OSError):
        book.pass_turn(session_id)
    monkeypatch.setattr(book.store, "save_session", save_session)
    book.pass_turn(session_id)  # "Not today" pressed again once the disk has room
    assert kept_texts(book) == [QUESTION]
    assert step_of(book, session_id) == "area"


def test_a_failed_session_save_still_keeps_the_question(
    book: Workbook, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The kept question is written before the session file: a crash between keeps it."""
    session_id = asked(book)

    def full_disk(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(book.store, "save_session", full_disk)
    with pytest.raises(OSError):
        book.pass_turn(session_id)
    assert kept_texts(book) == [QUESTION]


def test_every_question_step_is_exported_only_by_opt_in(library: Library) -> None:
    assert {s.export for s in library.exercises["questions"].steps} == {"opt_in"}


def test_the_note_before_the_first_question_is_about_truth_and_sexual_acts(
    library: Library,
) -> None:
    before = library.exercises["questions"].steps[0]
    assert before.id == "before" and before.actor == "both"
    assert "rather than details to hold on to" in before.hint
    assert "specific sexual acts" in before.hint


# -- "why did it happen" waits ---------------------------------------------------------------


def why_line(book: Workbook) -> str:
    return next(e.line for p in book.path() for e in p.exercises if e.id == "why")


def test_why_waits_for_the_apology_and_active_listening(book: Workbook) -> None:
    assert book.waiting_for("why") == ("A full apology", "Active listening")
    assert "opens after: A full apology, Active listening" in why_line(book)
    with pytest.raises(NotStartable):
        book.start("why", {"looking_back": "a", "listening": "b"}, consented=True)
    finish(book, book.exercise("apology"))
    assert book.waiting_for("why") == ("Active listening",)
    with pytest.raises(NotStartable):
        book.start("why", {"looking_back": "a", "listening": "b"}, consented=True)


def test_once_both_are_done_why_opens_only_with_both_partners_yes(book: Workbook) -> None:
    finish(book, book.exercise("apology"))
    finish(book, book.exercise("active-listening"))
    assert book.waiting_for("why") == ()
    assert "opens after" not in why_line(book)
    roles = {"looking_back": "a", "listening": "b"}
    with pytest.raises(NotStartable):
        book.start("why", roles)  # type: ignore[arg-type]
    assert book.consent("why", both_yes=False) is not None
    with pytest.raises(NotStartable):
        book.start("why", roles, consented=True)  # type: ignore[arg-type]


def test_why_is_sensitive_and_says_why_it_waits(library: Library) -> None:
    why = library.exercises["why"]
    assert why.sensitive and why.prerequisites == ["apology", "active-listening"]
    assert "blaming" in why.waits


# -- the format ---------------------------------------------------------------------------------


def test_from_kept_only_on_a_text_step_where_something_can_be_kept(library: Library) -> None:
    questions = library.exercises["questions"]
    on_choice = questions.model_copy(
        update={
            "steps": [
                s.model_copy(update={"from_kept": True}) if s.id == "area" else s
                for s in questions.steps
            ]
        }
    )
    assert any(
        "'area', field 'from_kept': only a text step" in p for p in check_exercise(on_choice)
    )
    never_kept = questions.model_copy(
        update={"steps": [s.model_copy(update={"keep_on_pass": []}) for s in questions.steps]}
    )
    assert any("nothing is ever kept" in p for p in check_exercise(never_kept))


def test_a_private_answer_cannot_be_kept_for_later(library: Library) -> None:
    questions = library.exercises["questions"]
    private_ask = questions.model_copy(
        update={
            "steps": [
                s.model_copy(update={"private": True, "actor": "each", "reveal": "together"})
                if s.id == "ask_own"
                else s
                for s in questions.steps
            ]
        }
    )
    assert any(
        "field 'keep_on_pass': cannot keep for later private step 'ask_own'" in p
        for p in check_privacy(private_ask)
    )


def test_prerequisites_name_real_exercises_and_say_why(library: Library) -> None:
    why = library.exercises["why"]
    silent = why.model_copy(update={"waits": " "})
    assert any("says why it waits" in p for p in check_exercise(silent))
    typo = why.model_copy(update={"prerequisites": ["apologie"]})
    problems = unknown_prerequisites({**library.exercises, "why": typo})
    assert problems == {
        "why": "exercise 'why', field 'prerequisites': there is no exercise 'apologie'; "
        "did you mean 'apology'?"
    }
