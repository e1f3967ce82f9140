"""An agreement's life: reopened alone, retired by both, amended and reviewed (once per
source), and which agreements are due for review, at the edges of their dates."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from tests.unit.agreements_made import MADE_AT, agreement
from workbook.agreement_life import NotNow, amended, due_for_review, reopened, retired, reviewed
from workbook.agreement_view import Wanted
from workbook.book import Workbook
from workbook.models import Acceptance, Agreement, PartnerId

LATER = MADE_AT + timedelta(days=3)


def test_one_partner_alone_reopens_with_a_note() -> None:
    before = agreement()
    after = reopened(before, "b", "  I need to talk about evenings.  ", LATER)
    assert after.status == "to_revisit"
    assert after.text == before.text
    last = after.history[-1]
    assert (last.what, last.by, last.at, last.note) == (
        "reopened",
        ["b"],
        LATER,
        "I need to talk about evenings.",
    )
    assert before.status == "active" and len(before.history) == 1  # the input is untouched


@pytest.mark.parametrize("note", [None, "", "   \n"])
def test_a_blank_note_is_no_note(note: str | None) -> None:
    assert reopened(agreement(), "a", note, LATER).history[-1].note is None


def test_a_retired_agreement_cannot_be_reopened() -> None:
    with pytest.raises(NotNow):
        reopened(agreement(status="retired"), "a", None, LATER)


def test_both_retire_and_it_stays_readable() -> None:
    after = retired(agreement(), ["a", "b"], LATER)
    assert after.status == "retired"
    assert after.text == agreement().text
    assert [h.what for h in after.history] == ["made", "retired"]
    assert after.history[-1].by == ["a", "b"]


@pytest.mark.parametrize("by", [["a"], ["b", "b"], []])
def test_retiring_needs_both(by: list[PartnerId]) -> None:
    with pytest.raises(NotNow):
        retired(agreement(), by, LATER)


def test_retired_twice_is_refused() -> None:
    with pytest.raises(NotNow):
        retired(agreement(status="retired"), ["a", "b"], LATER)


def new_wording(text: str, review_on: date | None) -> Agreement:
    """What an amending session made: new wording, accepted by both later."""
    made = agreement(text, review_on=review_on, ident="ag-new")
    return made.model_copy(
        update={
            "category": "time",
            "acceptances": [Acceptance(partner="b", at=LATER), Acceptance(partner="a", at=LATER)],
        }
    )


def test_amended_keeps_the_old_wording_in_the_history_and_is_in_force_again() -> None:
    old = reopened(agreement(), "a", None, LATER)
    made = new_wording("We text when we will be more than an hour late.", date(2026, 3, 1))
    after = amended(old, made, "s-2/t-9")
    assert (after.id, after.origin, after.created_at) == (old.id, old.origin, old.created_at)
    assert (after.text, after.title, after.category) == (made.text, made.title, "time")
    assert (after.status, after.review_on) == ("active", date(2026, 3, 1))
    assert after.acceptances == made.acceptances
    assert [h.what for h in after.history] == ["made", "reopened", "amended"]
    assert after.history[0].text == old.text
    last = after.history[-1]
    assert (last.text, last.by, last.at, last.source) == (made.text, ["b", "a"], LATER, "s-2/t-9")
    assert last.review_on == date(2026, 3, 1)


def test_amended_twice_from_one_source_is_merged_once() -> None:
    made = new_wording("We text when late.", None)
    once = amended(agreement(), made, "s-2/t-9")
    assert amended(once, made, "s-2/t-9") == once


def test_reviewed_records_both_ratings_and_the_next_date_but_not_the_status() -> None:
    before = reopened(agreement(review_on=date(2026, 2, 1)), "a", None, LATER)
    after = reviewed(
        before,
        {"a": "struggling", "b": "keeping"},
        {"a": "Evenings are hard.", "b": "  "},
        date(2026, 4, 1),
        ["a", "b"],
        LATER,
        "s-3",
    )
    assert (after.status, after.review_on) == ("to_revisit", date(2026, 4, 1))
    last = after.history[-1]
    assert last.what == "reviewed"
    assert last.ratings == {"a": "struggling", "b": "keeping"}
    assert last.notes == {"a": "Evenings are hard."}  # a blank note is no note
    assert (last.review_on, last.by, last.source) == (date(2026, 4, 1), ["a", "b"], "s-3")
    assert reviewed(after, {}, {}, None, [], LATER, "s-3") == after


def test_a_retired_agreement_takes_no_new_wording_and_no_review() -> None:
    """A session already under way when it was retired changes nothing when it ends."""
    gone = retired(agreement(review_on=date(2026, 3, 1)), ["a", "b"], LATER)
    assert amended(gone, new_wording("New words.", date(2026, 5, 1)), "s-2") == gone
    assert reviewed(gone, {"a": "change"}, {}, date(2026, 5, 1), ["a", "b"], LATER, "s-3") == gone


TODAY = date(2026, 2, 1)


def reopened_one(review_on: date | None, looked_at_since: bool = False) -> Agreement:
    """An agreement reopened by Sam (to revisit), and perhaps reviewed since, which set
    ``review_on``."""
    one = reopened(agreement(review_on=review_on), "b", None, LATER)
    if looked_at_since:
        one = reviewed(one, {"a": "keeping"}, {}, review_on, ["a", "b"], LATER, "s-r")
    return one


@pytest.mark.parametrize(
    ("one", "due"),
    [
        (agreement(review_on=TODAY - timedelta(days=1)), True),
        (agreement(review_on=TODAY), True),
        (agreement(review_on=TODAY + timedelta(days=1)), False),
        (agreement(review_on=None), False),
        (reopened_one(TODAY + timedelta(days=30)), True),  # reopened: due at once
        (reopened_one(None), True),
        (reopened_one(TODAY + timedelta(days=1), looked_at_since=True), False),
        (reopened_one(TODAY, looked_at_since=True), True),  # its new date has come
        (agreement(status="retired", review_on=TODAY - timedelta(days=1)), False),
    ],
)
def test_due_for_review_at_its_edges(one: Agreement, due: bool) -> None:
    assert due_for_review([one], TODAY) == ([one] if due else [])


def test_due_for_review_puts_those_reopened_first_then_the_longest_due() -> None:
    late = agreement("Late one", review_on=TODAY - timedelta(days=9), ident="1")
    today = agreement("Today one", review_on=TODAY, ident="2")
    revisit = reopened(agreement("Revisit", review_on=TODAY, ident="3"), "a", None, LATER)
    assert [a.id for a in due_for_review([today, revisit, late], TODAY)] == ["3", "1", "2"]


@pytest.mark.usefixtures("in_utc")
def test_how_it_reads_as_it_goes_from_made_to_retired(book: Workbook) -> None:
    """Status words, whether it is in force, its dates and origin, and each history entry
    with who and when, through the workbook (reopen and retire save through the store)."""
    made = agreement("We text when late.", review_on=date(2026, 3, 1), category="communication")
    book.store.save_agreement(made)
    reading = book.read_agreement(made.id)
    assert reading.standing == "In force: you both accepted this wording."
    assert reading.facts == "Active · review on 2026-03-01 · from Boundary drafting, 2026-01-01"
    assert reading.category == "Area: Talking and listening"
    assert reading.accepted == ["Alex agreed on 2026-01-01.", "Sam agreed on 2026-01-01."]

    book.reopen(made.id, "b", "Evenings are hard.")
    reading = book.read_agreement(made.id)
    assert reading.status_words == "To revisit"
    assert reading.standing.startswith("To revisit: not in force until you both accept it again.")
    reopening = reading.history[-1]
    assert reopening.heading == "Reopened by Sam on 2026-01-01."
    assert reopening.lines == ["Note from Sam: Evenings are hard."]

    ratings: dict[PartnerId, str] = {"a": "keeping", "b": "change"}
    again = reviewed(
        book.agreement(made.id),
        ratings,
        {"a": "Mostly fine."},
        date(2026, 4, 1),
        ["a", "b"],
        LATER,
        "s-r",
    )
    book.store.save_agreement(again)
    review = book.read_agreement(made.id).history[-1]
    assert review.heading == "Looked at together by Alex and Sam on 2026-01-04."
    assert review.lines == [
        "Alex: keeping it well.",
        "Note from Alex: Mostly fine.",
        "Sam: needs to change.",
        "Next review on 2026-04-01.",
    ]

    book.retire(made.id)
    reading = book.read_agreement(made.id)
    assert reading.text == "We text when late."  # it stays readable
    assert reading.facts == "Retired · retired on 2026-01-01 · from Boundary drafting, 2026-01-01"
    assert [c.heading.split(" by ")[0] for c in reading.history] == [
        "First wording, agreed",
        "Reopened",
        "Looked at together",
        "Retired",
    ]
    assert reading.history[0].wording == "We text when late."
    assert book.agreement(made.id).status == "retired"


@pytest.mark.usefixtures("in_utc")
def test_an_amended_wording_reads_with_the_old_one_kept(book: Workbook) -> None:
    old = agreement("We text when late.")
    new = new_wording("We text when more than an hour late.", None)
    book.store.save_agreement(amended(old, new, "s-2"))
    reading = book.read_agreement(old.id)
    assert [c.wording for c in reading.history] == [old.text, new.text]
    assert reading.history[-1].heading == "New wording, agreed by Alex and Sam on 2026-01-04:"
    assert reading.accepted == ["Sam agreed on 2026-01-04.", "Alex agreed on 2026-01-04."]


@pytest.mark.usefixtures("in_utc")
def test_an_end_date_reads_after_the_review_date(book: Workbook) -> None:
    one = agreement(review_on=date(2026, 2, 1)).model_copy(update={"ends_on": date(2026, 6, 30)})
    book.store.save_agreement(one)
    [group] = book.find_agreements(Wanted())
    assert group.listed[0].facts.startswith("Active · review on 2026-02-01 · ends on 2026-06-30")
