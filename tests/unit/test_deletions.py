"""Deleting an answer only its author has seen, and a whole session: afterwards its words are in
no file under the data folder, live or under ``backups/`` (generations and keepings), read as
bytes and, when encrypted, as every file unseals; the flow goes on for the other partner; what
the session made stays and every copy still passes ``workbook check``."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.unit.agreements_made import agreement
from tests.unit.privacy_exercises import SECRETS, TINY_MENU
from workbook import vault
from workbook.aside import copy_aside, new_keeping
from workbook.backup_list import generations
from workbook.book import Workbook
from workbook.book_deletes import NotDeletable
from workbook.check import check_folder
from workbook.clock import ManualClock
from workbook.content import Library
from workbook.layout import data_file_names, every_data_file
from workbook.models import Hidden, Milestone, OptIn
from workbook.storage import PLAIN, Codec, read_raw

SECRET = "the harbour lantern I never mentioned"
PASSPHRASE = "lantern over the quiet harbour"
ROLES = {"first": "a", "second": "b"}
MARKS_A = {"Sunrise walk": "yes", "Cook together": "no", "Slow dance": "maybe", "Read aloud": "no"}
MARKS_B = {"Sunrise walk": "yes", "Cook together": "no", "Slow dance": "yes", "Read aloud": "yes"}


@pytest.fixture
def book(lib: Library, data_folder: Path) -> Iterator[Workbook]:
    """A workbook on disk (Alex and Sam), with the exercises built for the privacy tests."""
    made = Workbook.open(data_folder, ManualClock(), library=lib)
    made.set_partners("Alex", "Sam")
    yield made
    made.close()


def held_everywhere(folder: Path, text: str, codec: Codec = PLAIN) -> list[str]:
    """Every file under ``folder`` whose bytes hold ``text``, and every data file (backups
    included) that unseals to something holding it."""
    needle = text.encode()
    found = [str(p) for p in folder.rglob("*") if p.is_file() and needle in p.read_bytes()]
    for path, name in every_data_file(folder):
        raw = read_raw(path)
        if raw is not None and needle in codec.unseal(path, name, raw):
            found.append(f"{path} (unsealed)")
    return found


def backed_up_and_kept_aside(book: Workbook, folder: Path) -> None:
    """A backup generation, and the data copied aside as a restore keeps what it replaces."""
    assert book.back_up() is not None
    copy_aside(folder, data_file_names(folder), new_keeping(folder, "moved-aside"))


def sound(folder: Path, codec: Codec = PLAIN) -> None:
    """The data folder and every backup generation pass ``workbook check``."""
    for where in [folder, *(g.path for g in generations(folder))]:
        assert [p for p in check_folder(where, codec) if p.serious] == [], where


# -- one's own answer ----------------------------------------------------------------------


def test_an_answer_the_other_has_not_seen_goes_from_every_file(
    book: Workbook, data_folder: Path
) -> None:
    session_id = book.start(SECRETS.id, ROLES).id
    book.submit(session_id, SECRET)  # Alex, in private; Sam has not answered yet
    backed_up_and_kept_aside(book, data_folder)
    assert held_everywhere(data_folder, SECRET)  # so the search below can find it
    [turn_id] = book.deletable_answers("a")

    left = book.delete_answer("a", session_id, turn_id)

    assert left == []
    assert held_everywhere(data_folder, SECRET) == []
    assert book.deletable_answers("a") == set()
    assert all(SECRET not in str(a.words) for s in book.my_answers("a") for a in s.answers)
    sound(data_folder)
    # Sam's turn goes on, and the reveal reads as it does after a pass.
    move = book.submit(session_id, "my own secret")
    assert move.revealed == "secret"
    reveal = book.reveal(session_id, "secret")
    assert reveal.lines == [] and reveal.note == book.library.say("reveal.passed")


def test_only_its_author_and_only_before_the_other_has_seen_it(book: Workbook) -> None:
    session_id = book.start(SECRETS.id, ROLES).id
    book.submit(session_id, SECRET)
    [alex] = book.deletable_answers("a")
    with pytest.raises(NotDeletable):
        book.delete_answer("b", session_id, alex)  # not Sam's to delete
    book.submit(session_id, "Sam's secret")  # revealed: now both have seen both
    assert book.deletable_answers("a") == book.deletable_answers("b") == set()
    with pytest.raises(NotDeletable):
        book.delete_answer("a", session_id, alex)
    book.submit(session_id, ["Long walks"])  # a private pick
    book.submit(session_id, ["More notes"])
    book.submit(session_id, "a hope for myself")  # reveal = never: only ever Alex's
    book.submit(session_id, "a hope of Sam's")
    hopes = {t.partner: t.id for t in book.store.turns(session_id) if t.step_id == "hope"}
    assert book.deletable_answers("a") == {hopes["a"]}
    assert book.deletable_answers("b") == {hopes["b"]}


def test_a_menus_marks_before_its_reveal_may_go_and_the_reveal_still_comes(
    book: Workbook,
) -> None:
    session_id = book.start(TINY_MENU.id, ROLES).id
    book.submit(session_id, MARKS_A)
    [marks] = book.deletable_answers("a")
    book.delete_answer("a", session_id, marks)
    move = book.submit(session_id, MARKS_B)
    assert move.revealed == "menu"
    assert book.reveal(session_id, "menu").lines == []  # no match, said as ever
    assert "Slow dance" not in str([t.value for t in book.store.turns(session_id)])


def test_the_authors_draft_goes_and_the_others_stays(book: Workbook) -> None:
    session_id = book.start(SECRETS.id, ROLES).id
    book.submit(session_id, SECRET)
    book.save_draft(session_id, book.view(book.load(session_id)), "Sam, half way")
    book.delete_answer("a", session_id, next(iter(book.deletable_answers("a"))))
    draft = book.store.draft(session_id)
    assert draft is not None and draft.text == "Sam, half way"


def test_records_naming_a_deleted_answer_go_with_it(book: Workbook, data_folder: Path) -> None:
    session_id = book.start(SECRETS.id, ROLES).id
    book.submit(session_id, SECRET)
    [turn_id] = book.deletable_answers("a")
    now = book.clock.now()
    book.store.save_opt_in(OptIn(id=turn_id, session_id=session_id, partner="a", at=now))
    book.store.save_hidden(Hidden(id=turn_id, session_id=session_id, partner="a", at=now))
    book.back_up()
    book.delete_answer("a", session_id, turn_id)
    assert book.store.opt_ins() == [] and book.store.hidden() == []
    books = [p for p in data_folder.rglob("workbook.json")]
    assert len(books) == 2 and not any(turn_id.encode() in p.read_bytes() for p in books)


# -- a whole session -----------------------------------------------------------------------


def asked_and_kept(book: Workbook) -> str:
    """A questions session whose question was kept for later ("not today")."""
    session = book.start("questions", {"asking": "a", "answering": "b"})
    for value in ("agree", "agree", "timeline", SECRET):
        book.submit(session.id, value)
    book.pass_turn(session.id)
    assert [k.text for k in book.store.kept()] == [SECRET]
    return session.id


def test_a_deleted_session_goes_from_every_file_and_what_it_made_stays(
    book: Workbook, data_folder: Path
) -> None:
    session_id = asked_and_kept(book)
    other = book.start(SECRETS.id, ROLES).id
    now = book.clock.now()
    made = agreement(text="We tell each other when plans change.").model_copy(
        update={"origin": session_id}
    )
    book.store.save_agreement(made)
    book.store.save_milestone(
        Milestone(
            id="m-1", title="Our first talk", on=now.date(), origin=session_id, created_at=now
        )
    )
    turn_id = book.store.turns(session_id)[0].id
    book.store.save_opt_in(OptIn(id=turn_id, session_id=session_id, partner="a", at=now))
    backed_up_and_kept_aside(book, data_folder)
    assert held_everywhere(data_folder, SECRET) and held_everywhere(data_folder, session_id)

    assert book.delete_session(session_id) == []

    assert held_everywhere(data_folder, SECRET) == []
    assert held_everywhere(data_folder, session_id) == []  # not even its id is left
    assert [e.id for e in book.every_session()] == [other]
    assert book.store.kept() == [] and book.store.opt_ins() == []
    [kept] = book.agreements()
    assert (kept.text, kept.origin) == (made.text, "")
    assert [m.origin for m in book.milestones()] == [None]
    for generation in generations(data_folder):
        assert not any(session_id in name for name in generation.files)
    sound(data_folder)


def test_a_deleted_session_stays_gone_when_the_workbook_opens_again(
    lib: Library, book: Workbook, data_folder: Path
) -> None:
    session_id = asked_and_kept(book)
    book.delete_session(session_id)
    book.close()
    again = Workbook.open(data_folder, ManualClock(), library=lib)
    try:
        assert again.every_session() == [] and again.store.kept() == []
    finally:
        again.close()


def test_a_session_deleted_in_memory_leaves_nothing(library: Library) -> None:
    book = Workbook.in_memory(library, ManualClock())
    book.set_partners("Alex", "Sam")
    session_id = asked_and_kept(book)
    assert book.delete_session(session_id) == []
    assert book.every_session() == [] and book.store.kept() == []


@pytest.mark.parametrize("what", ["answer", "session"])
def test_with_encryption_no_file_holds_or_unseals_to_what_was_deleted(
    lib: Library, data_folder: Path, what: str
) -> None:
    first = Workbook.open(data_folder, ManualClock(), library=lib)
    first.set_partners("Alex", "Sam")
    first.close()
    vault.encrypt(data_folder, PASSPHRASE, vault.Cost(n=2**4, r=1, p=1))
    codec = vault.unlock(data_folder, PASSPHRASE)
    book = Workbook.open(data_folder, ManualClock(), library=lib, codec=codec)
    try:
        session_id = book.start(SECRETS.id, ROLES).id
        book.submit(session_id, SECRET)
        backed_up_and_kept_aside(book, data_folder)
        assert held_everywhere(data_folder, SECRET, codec)
        if what == "answer":
            [turn_id] = book.deletable_answers("a")
            assert book.delete_answer("a", session_id, turn_id) == []
        else:
            assert book.delete_session(session_id) == []
    finally:
        book.close()
    assert held_everywhere(data_folder, SECRET, codec) == []
    sound(data_folder, codec)
