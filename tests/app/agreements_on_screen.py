"""Helpers for the Pilot tests of agreements (``test_agreements_screen.py`` and
``test_amend_and_review.py``): a workbook seeded with agreements, the way to one of them from
Home, and keys that wait for the screen to settle."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from datetime import date
from pathlib import Path

from textual.pilot import Pilot

from screens.agreement_detail import AgreementScreen
from screens.app import WorkbookApp
from tests.app.pilot import reopened, settle
from tests.unit.agreements_made import agreement
from workbook.book import Workbook
from workbook.clock import ManualClock
from workbook.models import Agreement

#: An agreement in force about being late, to review on 2026-03-01.
LATE = agreement(
    "We text when we will be more than an hour late.",
    ident="ag-late",
    category="communication",
    review_on=date(2026, 3, 1),
)


def seeded(folder: Path, clock: ManualClock, *agreements: Agreement) -> None:
    """A workbook set up as Alex and Sam (safety check done) holding ``agreements``."""
    book = Workbook.open(folder, clock)
    try:
        book.set_partners("Alex", "Sam")
        book.safety_check_done()
        for one in agreements:
            book.store.save_agreement(one)
    finally:
        book.close()


async def open_from_home(pilot: Pilot[None], agreement_id: str) -> AgreementScreen:
    """Tab along Home to its agreements and choose one: it opens in full, over the list."""
    for _ in range(12):
        if pilot.app.focused is not None and pilot.app.focused.id == "agreements":
            break
        await pilot.press("tab")
    await pilot.press("home", *["down"] * option_index(pilot, agreement_id), "enter")
    await settle(pilot)
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, AgreementScreen) and screen.agreement_id == agreement_id
    return screen


def option_index(pilot: Pilot[None], agreement_id: str) -> int:
    ids = [a.id for a in pilot.app.book.agreements()]  # type: ignore[attr-defined]
    return ids.index(agreement_id)


async def press(pilot: Pilot[None], *keys: str) -> None:
    await pilot.press(*keys)
    await settle(pilot)


def focused_id(pilot: Pilot[None]) -> str | None:
    return pilot.app.focused.id if pilot.app.focused is not None else None


async def to_button(pilot: Pilot[None], button_id: str) -> None:
    """Tab along the agreement's buttons to ``button_id``."""
    for _ in range(8):
        if focused_id(pilot) == button_id:
            return
        await pilot.press("tab")
    raise AssertionError(f"no button {button_id!r} to tab to")


@contextlib.asynccontextmanager
async def at_agreement(
    folder: Path, clock: ManualClock, *agreements: Agreement, shown: Agreement | None = None
) -> AsyncIterator[tuple[WorkbookApp, Pilot[None]]]:
    """The app on a workbook holding ``agreements``, with ``shown`` (else the first) open in
    full, reached from Home by keys."""
    seeded(folder, clock, *agreements)
    async with reopened(folder, clock) as (app, pilot):
        await open_from_home(pilot, (shown or agreements[0]).id)
        yield app, pilot
