"""An agreement's life after it is made: reopened, retired, amended, reviewed, due again.

Pure functions over ``Agreement`` records: each returns a new record and never touches the
store, so every decision here is unit-tested and the same merge can be made again after a
crash (``amended`` and ``reviewed`` ignore a ``source`` already in the history).
"""

from __future__ import annotations

from datetime import date, datetime

from workbook.clock import local_day
from workbook.models import PARTNER_IDS, Agreement, AgreementStatus, HistoryEntry, PartnerId
from workbook.records import title_from


class NotNow(ValueError):
    """A change the agreement's status does not allow (say, reopening a retired one)."""


def _with(agreement: Agreement, entry: HistoryEntry, **changes: object) -> Agreement:
    """``agreement`` with ``changes`` and ``entry`` added to the end of its history."""
    return agreement.model_copy(update={**changes, "history": [*agreement.history, entry]})


def _merged(agreement: Agreement, source: str) -> bool:
    """True if a change from ``source`` is already in the history (a repair ran twice)."""
    return any(h.source == source for h in agreement.history)


def reopened(agreement: Agreement, by: PartnerId, note: str | None, now: datetime) -> Agreement:
    """Either partner alone takes their consent back: the agreement is no longer in force
    and comes up for review. A blank note is no note. A retired agreement stays retired."""
    if agreement.status == "retired":
        raise NotNow(agreement.id)
    note = note.strip() if note and note.strip() else None
    entry = HistoryEntry(what="reopened", by=[by], at=now, note=note)
    return _with(agreement, entry, status="to_revisit")


def retired(agreement: Agreement, by: list[PartnerId], now: datetime) -> Agreement:
    """Both partners end an agreement together; it stays readable, marked retired."""
    if sorted(set(by)) != list(PARTNER_IDS):
        raise NotNow("both partners retire an agreement")
    if agreement.status == "retired":
        raise NotNow(agreement.id)
    entry = HistoryEntry(what="retired", by=list(by), at=now)
    return _with(agreement, entry, status="retired")


def amended(existing: Agreement, made: Agreement, source: str) -> Agreement:
    """The new wording both partners accepted in an amending session (``made``) replaces
    the old one, which stays in the history; the agreement is in force again. No new date
    keeps the old one. A retired agreement stays as it is: retiring ended it for both."""
    if _merged(existing, source) or existing.status == "retired":
        return existing
    at = max(a.at for a in made.acceptances)
    review_on = made.review_on or existing.review_on
    entry = HistoryEntry(
        what="amended",
        text=made.text,
        by=[a.partner for a in made.acceptances],
        at=at,
        review_on=review_on,
        source=source,
    )
    changes = {
        "text": made.text,
        "title": made.title,
        "category": made.category,
        "review_on": review_on,
        "acceptances": made.acceptances,
        "status": "active",
    }
    return _with(existing, entry, **changes)


def reviewed(
    existing: Agreement,
    ratings: dict[PartnerId, str],
    notes: dict[PartnerId, str],
    next_on: date | None,
    by: list[PartnerId],
    at: datetime,
    source: str,
) -> Agreement:
    """A review both partners did: their ratings and notes join the history and the next
    review date is set (no date keeps the old one). The status is left as it is: only new
    wording brings it back. A retired agreement stays as it is."""
    if _merged(existing, source) or existing.status == "retired":
        return existing
    next_on = next_on or existing.review_on
    entry = HistoryEntry(
        what="reviewed",
        by=list(by),
        at=at,
        ratings=dict(ratings),
        notes={p: n for p, n in notes.items() if n.strip()},
        review_on=next_on,
        source=source,
    )
    return _with(existing, entry, review_on=next_on)


def due_for_review(agreements: list[Agreement], today: date) -> list[Agreement]:
    """Agreements to look at now: every one reopened and not looked at since (it is not in
    force until both accept again), then any whose review date has come, the longest due
    first. Once a review set a new date, one to revisit waits for that date like any other."""
    due = [
        a
        for a in agreements
        if (a.status == "to_revisit" and a.history and a.history[-1].what == "reopened")
        or (a.status != "retired" and a.review_on is not None and a.review_on <= today)
    ]
    return sorted(
        due, key=lambda a: (a.status != "to_revisit", a.review_on or date.min, a.title.casefold())
    )


#: What each change in the history leaves the status at (a review leaves it as it was).
_STATUS_AFTER: dict[str, AgreementStatus] = {
    "made": "active",
    "amended": "active",
    "reopened": "to_revisit",
    "retired": "retired",
}


def as_it_stood(agreement: Agreement, until: date) -> Agreement | None:
    """``agreement`` as it stood at the end of ``until`` (a day where the couple is): its
    history up to then, the wording, status and review date that history left; None if it
    was not made yet."""
    history = [h for h in agreement.history if local_day(h.at) <= until]
    if not history or local_day(agreement.created_at) > until:
        return None
    if len(history) == len(agreement.history):
        return agreement
    wording = next(h for h in reversed(history) if h.text is not None)
    status = next(_STATUS_AFTER[h.what] for h in reversed(history) if h.what in _STATUS_AFTER)
    assert wording.text is not None
    return agreement.model_copy(
        update={
            "history": history,
            "title": title_from(wording.text),
            "text": wording.text,
            "status": status,
            "review_on": next((h.review_on for h in reversed(history) if h.review_on), None),
        }
    )
