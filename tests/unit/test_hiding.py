"""Hiding one's own answer after the other partner responded: it stays in its author's own
view, marked hidden, and leaves the summary both see and every export (markdown and JSON,
with and without transcripts), together with any answer that quotes it; it can be shown again;
and only its author may hide it, only once it may no longer be corrected, and only if it
would go anywhere at all."""

from __future__ import annotations

import pytest

from tests.unit.own_words import ALEX_APPRECIATES, PASS, appreciations, play
from workbook.book import Workbook
from workbook.export import FORMATS
from workbook.models import PartnerId
from workbook.my_answers import MyAnswer, NotHideable

FELT = "Warm inside"


def mine(book: Workbook, partner: PartnerId, words: str) -> MyAnswer:
    found = [a for s in book.my_answers(partner) for a in s.answers if a.words == words]
    assert len(found) == 1, words
    return found[0]


def everything_leaving(book: Workbook, session_id: str) -> str:
    """The summary's lines and every export there is, as one text."""
    lines = " ".join(f"{line.author}: {line.text}" for line in book.summary(session_id).lines)
    exports = [book.export(fmt, transcripts) for fmt in FORMATS for transcripts in (False, True)]
    return " ".join([lines, *exports])


def test_a_hidden_answer_stays_in_its_authors_view_and_leaves_nowhere(book: Workbook) -> None:
    session_id = appreciations(book)
    felt = mine(book, "a", FELT)
    assert felt.hideable and not felt.hidden
    assert FELT in everything_leaving(book, session_id)

    book.hide("a", session_id, felt.turn_id, True)

    hidden = mine(book, "a", FELT)
    assert hidden.hidden and hidden.hideable
    assert FELT not in everything_leaving(book, session_id)
    assert "Seen at last" in everything_leaving(book, session_id)  # Sam's words still go
    [record] = book.store.hidden()
    assert (record.id, record.partner, record.session_id) == (felt.turn_id, "a", session_id)

    book.hide("a", session_id, felt.turn_id, False)
    assert not mine(book, "a", FELT).hidden
    assert FELT in everything_leaving(book, session_id)


def test_a_revealed_private_answer_opted_in_and_then_hidden_leaves_no_export(
    book: Workbook,
) -> None:
    session_id = appreciations(book)
    answer = mine(book, "a", ALEX_APPRECIATES)
    book.opt_in("a", session_id, answer.turn_id, True)
    assert ALEX_APPRECIATES in book.export("markdown", transcripts=True)
    book.hide("a", session_id, answer.turn_id, True)
    assert ALEX_APPRECIATES not in everything_leaving(book, session_id)
    assert mine(book, "a", ALEX_APPRECIATES).opted_in  # the choice is kept, for if shown again


def test_an_answer_quoting_a_hidden_one_leaves_with_it(book: Workbook) -> None:
    request = "Text me when you leave work"
    session_id = book.start("needs-requests", {"asker": "a", "giver": "b"}).id
    play(
        book,
        session_id,
        [("a", "Dinner in silence"), ("a", "Lonely"), ("a", "Closeness"), ("a", request)]
        + [("a", PASS), ("b", "request_1"), ("a", "gift")],
    )
    assert request in everything_leaving(book, session_id)
    book.hide("a", session_id, mine(book, "a", request).turn_id, True)
    assert request not in everything_leaving(book, session_id)


def test_only_its_author_hides_an_answer_and_only_once_it_is_settled(book: Workbook) -> None:
    session_id = book.start("appreciations", {"first": "a", "second": "b"}).id
    play(book, session_id, [("a", ALEX_APPRECIATES)])
    unseen = mine(book, "a", ALEX_APPRECIATES)
    assert not unseen.hideable  # Sam has not seen it: it goes nowhere yet
    with pytest.raises(NotHideable):
        book.hide("a", session_id, unseen.turn_id, True)

    play(book, session_id, [("b", "You sat with me"), ("a", FELT)])
    still_open = mine(book, "a", FELT)
    assert not still_open.hideable  # Sam has not responded: Alex can still change it
    with pytest.raises(NotHideable):
        book.hide("a", session_id, still_open.turn_id, True)
    with pytest.raises(NotHideable):
        book.hide("b", session_id, still_open.turn_id, True)

    play(book, session_id, [("b", "Seen")])
    assert mine(book, "a", FELT).hideable
    assert mine(book, "a", ALEX_APPRECIATES).hideable
    with pytest.raises(NotHideable):
        book.hide("b", session_id, mine(book, "a", FELT).turn_id, True)
    assert book.store.hidden() == []
