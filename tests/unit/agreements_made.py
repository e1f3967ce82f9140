"""Fictional agreements for tests, made as both partners would have made them, with fixed ids
and dates (so snapshots are stable)."""

from __future__ import annotations

from datetime import UTC, date, datetime

from workbook.models import Acceptance, Agreement, AgreementStatus, HistoryEntry

MADE_AT = datetime(2026, 1, 1, 9, 0, tzinfo=UTC)


def agreement(
    text: str = "We tell each other when plans change.",
    status: AgreementStatus = "active",
    review_on: date | None = None,
    ident: str = "ag-1",
    category: str = "contact",
    made_at: datetime = MADE_AT,
) -> Agreement:
    """An agreement both partners accepted at ``made_at`` in boundary drafting."""
    return Agreement(
        id=ident,
        title=text.splitlines()[0][:60],
        text=text,
        category=category,
        origin="s-1",
        exercise_id="boundary-drafting",
        acceptances=[Acceptance(partner="a", at=made_at), Acceptance(partner="b", at=made_at)],
        status=status,
        review_on=review_on,
        history=[
            HistoryEntry(what="made", text=text, by=["a", "b"], at=made_at, review_on=review_on)
        ],
        created_at=made_at,
    )
