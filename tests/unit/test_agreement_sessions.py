"""Sessions that change an agreement, through ``Workbook`` as the screens call it: amending runs
as boundary drafting prefilled with the wording as it stands, and the wording changes only when
both accept (a counter-proposal, a one-sided "agree", a decline); a review keeps both ratings,
the notes and the next date, and leads on to new wording when one of them says it needs to
change; reviews fall due by the clock; what a crash lost is merged again, once."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest

from tests.unit.agreements_made import MADE_AT, agreement
from workbook.agreement_sessions import AMEND_EXERCISE, REVIEW_EXERCISE
from workbook.answers import AGREE
from workbook.book import NotStartable, Workbook
from workbook.clock import ManualClock
from workbook.content import Library
from workbook.models import Agreement, PartnerId

OLD = "We text when we will be late."
NEW = "We text when we will be more than an hour late."
COUNTER = "We text when we will be more than an hour late, or call if we can."
AMEND_ROLES: dict[str, PartnerId] = {"proposer": "a", "responder": "b"}
REVIEW_ROLES: dict[str, PartnerId] = {"first": "a", "second": "b"}


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(MADE_AT + timedelta(days=30))


@pytest.fixture
def made(book: Workbook) -> Agreement:
    """One agreement in force, in "communication", to review on 2026-03-01."""
    one = agreement(OLD, review_on=date(2026, 3, 1), category="communication")
    book.store.save_agreement(one)
    return one


def submit_all(book: Workbook, clock: ManualClock, session_id: str, *values: str) -> None:
    for value in values:
        clock.advance(30)
        book.submit(session_id, value)


def amend_to_agreeing(book: Workbook, clock: ManualClock, made: Agreement) -> str:
    """New wording proposed by Alex, a change suggested by Sam and accepted by Alex, its area
    kept and a date set: the session waits at the step where both agree."""
    session = book.start(AMEND_EXERCISE, AMEND_ROLES, agreement_id=made.id)
    submit_all(book, clock, session.id, NEW, "change", COUNTER, "accept")
    view = book.view(book.load(session.id))
    assert view.step_id == "category" and view.start_text == "communication"
    submit_all(book, clock, session.id, "communication", "2026-05-01")
    assert book.load(session.id).session.step_id == "agree"
    return session.id


def test_the_draft_starts_from_the_wording_as_it_stands(book: Workbook, made: Agreement) -> None:
    session = book.start(AMEND_EXERCISE, AMEND_ROLES, agreement_id=made.id)
    view = book.view(book.load(session.id))
    assert view.start_text == OLD
    assert view.prompt.startswith("Alex, here is your agreement as it stands.")
    title = made.title.rstrip(".")  # quoted, so its full stop goes
    assert book.session_title(book.open_sessions()[0]) == f"Boundary drafting: “{title}”"


def test_the_responder_sees_the_wording_as_it_stands_above_the_new(
    book: Workbook, clock: ManualClock, made: Agreement, library: Library
) -> None:
    session = book.start(AMEND_EXERCISE, AMEND_ROLES, agreement_id=made.id)
    submit_all(book, clock, session.id, NEW)
    shown = book.view(book.load(session.id)).shown
    assert [(s.label, s.texts) for s in shown][:2] == [
        (library.say("amend.as_it_stands"), [OLD]),
        ("The wording", [NEW]),
    ]


def test_amended_with_one_counter_proposal_keeps_the_old_wording(
    book: Workbook, clock: ManualClock, made: Agreement
) -> None:
    session_id = amend_to_agreeing(book, clock, made)
    submit_all(book, clock, session_id, AGREE, AGREE)
    [saved] = book.agreements()
    assert (saved.id, saved.text, saved.status) == (made.id, COUNTER, "active")
    assert saved.review_on == date(2026, 5, 1)
    assert [(h.what, h.text) for h in saved.history] == [("made", OLD), ("amended", COUNTER)]
    assert saved.history[-1].by == ["a", "b"]
    assert saved.history[-1].at == clock.now()
    assert book.summary(session_id).agreements == [saved]


def test_one_partner_agreeing_alone_changes_nothing(
    book: Workbook, clock: ManualClock, made: Agreement
) -> None:
    session_id = amend_to_agreeing(book, clock, made)
    submit_all(book, clock, session_id, AGREE)
    book.pass_turn(session_id)  # Sam: "Not yet"
    assert book.load(session_id).session.status == "paused"
    assert book.agreements() == [made]


def test_a_decline_leaves_the_agreement_as_it_was(
    book: Workbook, clock: ManualClock, made: Agreement
) -> None:
    session = book.start(AMEND_EXERCISE, AMEND_ROLES, agreement_id=made.id)
    submit_all(book, clock, session.id, NEW, "aside")
    assert book.load(session.id).session.status == "set_aside"
    assert book.agreements() == [made]


def test_new_wording_brings_an_agreement_to_revisit_back_into_force(
    book: Workbook, clock: ManualClock, made: Agreement
) -> None:
    book.reopen(made.id, "b", None)
    session_id = amend_to_agreeing(book, clock, made)
    submit_all(book, clock, session_id, AGREE, AGREE)
    saved = book.agreement(made.id)
    assert saved.status == "active"
    assert [h.what for h in saved.history] == ["made", "reopened", "amended"]


@pytest.mark.parametrize("exercise_id", [AMEND_EXERCISE, REVIEW_EXERCISE])
def test_a_retired_agreement_is_neither_amended_nor_reviewed(
    book: Workbook, made: Agreement, exercise_id: str
) -> None:
    book.retire(made.id)
    roles = AMEND_ROLES if exercise_id == AMEND_EXERCISE else REVIEW_ROLES
    with pytest.raises(NotStartable):
        book.start(exercise_id, roles, agreement_id=made.id)
    assert book.open_sessions() == []


# -- reviews ------------------------------------------------------------------------------


def review(
    book: Workbook, clock: ManualClock, made: Agreement, a: str, b: str, alex_notes: bool = True
) -> str:
    """A whole review: Alex rates ``a``, Sam ``b``; a note from each (or from Sam only); the
    next review on 2026-04-15."""
    session = book.start(REVIEW_EXERCISE, REVIEW_ROLES, agreement_id=made.id)
    submit_all(book, clock, session.id, a, b)
    if alex_notes:
        submit_all(book, clock, session.id, "Mostly fine.")
    else:
        clock.advance(30)
        book.pass_turn(session.id)
    submit_all(book, clock, session.id, "Evenings are hard.", "2026-04-15", AGREE, AGREE)
    assert book.load(session.id).session.status == "completed"
    return session.id


def test_a_review_keeps_both_ratings_a_note_and_the_next_date(
    book: Workbook, clock: ManualClock, made: Agreement
) -> None:
    session_id = review(book, clock, made, "keeping", "struggling")
    saved = book.agreement(made.id)
    entry = saved.history[-1]
    assert entry.what == "reviewed" and entry.by == ["a", "b"]
    assert entry.ratings == {"a": "keeping", "b": "struggling"}
    assert entry.notes == {"a": "Mostly fine.", "b": "Evenings are hard."}
    assert entry.review_on == saved.review_on == date(2026, 4, 15)
    assert (saved.text, saved.status) == (OLD, "active")
    assert book.amend_after(session_id) is None


def test_notes_are_kept_together_or_not_at_all(
    book: Workbook, clock: ManualClock, made: Agreement
) -> None:
    """Like every private answer revealed together: one partner going on without a note keeps
    the other's note unseen, so it is not kept either."""
    review(book, clock, made, "keeping", "keeping", alex_notes=False)
    entry = book.agreement(made.id).history[-1]
    assert entry.ratings == {"a": "keeping", "b": "keeping"} and entry.notes == {}


@pytest.mark.parametrize(("a", "b"), [("change", "keeping"), ("keeping", "change")])
def test_needs_to_change_from_either_leads_on_to_new_wording(
    book: Workbook, clock: ManualClock, made: Agreement, a: str, b: str
) -> None:
    session_id = review(book, clock, made, a, b)
    assert book.amend_after(session_id) == made.id
    assert book.agreement(made.id).text == OLD  # the review itself changes no wording


def test_a_review_of_an_agreement_to_revisit_leads_on_to_new_wording(
    book: Workbook, clock: ManualClock, made: Agreement
) -> None:
    book.reopen(made.id, "a", None)
    session_id = review(book, clock, made, "keeping", "keeping")
    assert book.agreement(made.id).status == "to_revisit"
    assert book.amend_after(session_id) == made.id


def test_the_ratings_stay_private_until_both_have_rated(
    book: Workbook, clock: ManualClock, made: Agreement
) -> None:
    session = book.start(REVIEW_EXERCISE, REVIEW_ROLES, agreement_id=made.id)
    submit_all(book, clock, session.id, "change")
    view = book.view(book.load(session.id))
    assert view.actor == "b" and view.private
    assert all("change" not in " ".join(s.texts).casefold() for s in view.shown)


def test_reviews_fall_due_by_the_clock_and_those_to_revisit_come_first(
    book: Workbook, clock: ManualClock, made: Agreement
) -> None:
    later = agreement("A walk on Sundays.", ident="ag-2", review_on=date(2026, 3, 10))
    book.store.save_agreement(later)
    assert book.due_reviews() == []
    clock.advance((MADE_AT.replace(month=3) - clock.now()).total_seconds())  # 2026-03-01
    assert [a.id for a in book.due_reviews()] == [made.id]
    book.reopen(later.id, "b", None)
    assert [a.id for a in book.due_reviews()] == [later.id, made.id]
    review(book, clock, made, "keeping", "keeping")
    assert [a.id for a in book.due_reviews()] == [later.id]


# -- after a crash ------------------------------------------------------------------------


@pytest.mark.parametrize("what", ["amend", "review"])
def test_a_change_lost_in_a_crash_is_made_again_once(
    data_folder: Path, library: Library, clock: ManualClock, what: str
) -> None:
    """The session file is written first: if ``workbook.json`` kept the old agreement, opening
    merges the change again from the session's last turn, and opening twice merges it once."""
    book = Workbook.open(data_folder, clock, library)
    book.set_partners("Alex", "Sam")
    made = agreement(OLD, review_on=date(2026, 3, 1), category="communication")
    book.store.save_agreement(made)
    if what == "amend":
        submit_all(book, clock, amend_to_agreeing(book, clock, made), AGREE, AGREE)
    else:
        review(book, clock, made, "keeping", "change")
    changed = book.agreement(made.id)
    book.close()

    workbook_file = data_folder / "workbook.json"
    data = json.loads(workbook_file.read_bytes())
    data["agreements"] = {"1": made.model_dump(mode="json")}
    workbook_file.write_text(json.dumps(data))

    for _ in range(2):
        again = Workbook.open(data_folder, clock, library)
        try:
            assert again.agreements() == [changed]
        finally:
            again.close()


# -- in the summary for a therapist --------------------------------------------------------


def test_the_export_names_the_agreement_each_session_was_about(
    book: Workbook, clock: ManualClock, made: Agreement
) -> None:
    review(book, clock, made, "keeping", "change")
    submit_all(book, clock, amend_to_agreeing(book, clock, made), AGREE, AGREE)
    document = json.loads(book.export("json", transcripts=True))
    named = f"“{book.agreement(made.id).title}”"  # by its title now: the same agreement
    titles = [f"Looking at an agreement again: {named}", f"Boundary drafting: {named}"]
    assert [done["exercise"] for done in document["exercises_done"]] == titles
    assert [t["exercise"] for t in document["transcripts"]] == titles


# -- what must not happen -----------------------------------------------------------------


def test_retiring_sets_aside_new_wording_under_way_and_nothing_changes_after(
    book: Workbook, clock: ManualClock, made: Agreement
) -> None:
    session_id = amend_to_agreeing(book, clock, made)
    retired = book.retire(made.id)
    assert book.open_sessions() == []
    assert book.load(session_id).session.status == "set_aside"
    assert book.agreement(made.id) == retired and retired.text == OLD


def test_a_second_draft_of_new_wording_cannot_start_beside_the_first(
    book: Workbook, clock: ManualClock, made: Agreement
) -> None:
    first = book.start(AMEND_EXERCISE, AMEND_ROLES, agreement_id=made.id)
    with pytest.raises(NotStartable):
        book.start(AMEND_EXERCISE, AMEND_ROLES, agreement_id=made.id)
    book.start(REVIEW_EXERCISE, REVIEW_ROLES, agreement_id=made.id)  # a review may, beside it
    submit_all(book, clock, first.id, NEW, "aside")  # once the first has ended, another may
    book.start(AMEND_EXERCISE, AMEND_ROLES, agreement_id=made.id)


def test_passing_on_the_next_date_keeps_the_one_it_had(
    book: Workbook, clock: ManualClock, made: Agreement
) -> None:
    session = book.start(REVIEW_EXERCISE, REVIEW_ROLES, agreement_id=made.id)
    submit_all(book, clock, session.id, "keeping", "keeping", "Fine.", "Fine too.")
    book.pass_turn(session.id)  # no date chosen
    submit_all(book, clock, session.id, AGREE, AGREE)
    saved = book.agreement(made.id)
    assert saved.history[-1].what == "reviewed" and saved.review_on == date(2026, 3, 1)

    amending = book.start(AMEND_EXERCISE, AMEND_ROLES, agreement_id=made.id)
    submit_all(book, clock, amending.id, NEW, "accept", "communication")
    book.pass_turn(amending.id)  # no date chosen here either
    submit_all(book, clock, amending.id, AGREE, AGREE)
    assert book.agreement(made.id).text == NEW
    assert book.agreement(made.id).review_on == date(2026, 3, 1)


@pytest.mark.usefixtures("in_utc")
def test_the_export_shows_an_agreement_as_it_stood_on_its_last_day(
    book: Workbook, clock: ManualClock, made: Agreement
) -> None:
    """New wording on 2026-01-31 and a reopening on 2026-02-02: a summary up to 2026-01-30
    shows the first wording in force; up to 2026-02-01, the new one; then, not in force."""
    submit_all(book, clock, amend_to_agreeing(book, clock, made), AGREE, AGREE)
    clock.advance(2 * 24 * 3600)
    book.reopen(made.id, "b", "Evenings are hard.")

    def exported(until: date) -> dict[str, object]:
        [one] = json.loads(book.export("json", since=date(2026, 1, 1), until=until))["agreements"]
        return one  # type: ignore[no-any-return]

    before = exported(date(2026, 1, 30))
    assert (before["text"], before["status"], before["in_force"]) == (OLD, "active", True)
    assert [h["what"] for h in before["history"]] == ["made"]  # type: ignore[index]
    assert before["review_on"] == "2026-03-01"
    middle = exported(date(2026, 2, 1))
    assert (middle["text"], middle["status"], middle["review_on"]) == (
        COUNTER,
        "active",
        "2026-05-01",
    )
    after = exported(date(2026, 2, 2))
    assert (after["text"], after["status"], after["in_force"]) == (COUNTER, "to_revisit", False)
    earlier = book.export("json", since=date(2025, 12, 1), until=date(2025, 12, 31))
    assert json.loads(earlier)["agreements"] == []
