"""The agreements screen by keys: one partner alone reopens an agreement and it then shows as
not in force (part of acceptance 1); retiring takes both, and one backing out changes nothing;
the filter and the search narrow the list; a partner's words show literally; a failed save
says so and keeps the note. (The snapshots of the list and one agreement, acceptance 5, are
the "agreements" and "agreement" routes' in ``test_every_screen.py``.)"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from textual.widgets import Input, OptionList

from screens.agreement_detail import AgreementScreen
from screens.agreements import AgreementsScreen
from tests.app.agreements_on_screen import (
    LATE,
    at_agreement,
    focused_id,
    press,
    to_button,
)
from tests.app.pilot import screen_text, screen_words, settle
from tests.app.pilot import type_text as typed
from tests.unit.agreements_made import MADE_AT, agreement
from workbook.agreement_life import amended, reviewed
from workbook.clock import ManualClock
from workbook.content import load_library
from workbook.models import Agreement

SAY = load_library().say
HOSTILE = "[bold]Stop[/bold] [link=x]Zanzibar[/link] 🙂 \u202eשלום \x1b[31m"
WALK = agreement("A walk together on Sundays.", ident="ag-walk", category="time_together")
PHONES = agreement("Phones stay open to each other.", ident="ag-phones", category="transparency")


pytestmark = pytest.mark.usefixtures("in_utc")


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(MADE_AT + timedelta(days=40))


async def test_one_partner_alone_reopens_and_it_shows_as_not_in_force(
    data_folder: Path, clock: ManualClock
) -> None:
    async with at_agreement(data_folder, clock, LATE, WALK) as (app, pilot):
        assert SAY("agreement.standing_active") in screen_words(pilot)
        await to_button(pilot, "reopen")
        await press(pilot, "enter")
        assert SAY("agreement.reopen_who") in screen_words(pilot)
        await press(pilot, "tab", "enter")  # Sam, alone
        assert SAY("agreement.reopen_confirm", name="Sam") in screen_words(pilot)
        await typed(pilot, "Evenings are hard")
        await press(pilot, "enter", "enter")  # the note, then "Reopen it"
        assert isinstance(app.screen, AgreementScreen)
        words = screen_words(pilot)
        assert SAY("agreement.standing_to_revisit") in words
        await press(pilot, "shift+tab", "end")  # the history's end, in the scroll above
        assert "Reopened by Sam on 2026-02-10." in screen_words(pilot)
        assert "Note from Sam: Evenings are hard" in screen_words(pilot)
        assert "Reopen" not in {str(b.label) for b in app.screen.query("Button")}
        saved = app.book.agreement(LATE.id)
        assert saved.status == "to_revisit" and saved.text == LATE.text
        assert [(h.what, h.by) for h in saved.history][-1] == ("reopened", ["b"])
        await press(pilot, "escape")  # to the list: it says so there too
        assert isinstance(app.screen, AgreementsScreen)
        assert "To revisit · review on 2026-03-01" in screen_text(pilot)
        assert app.book.agreement(WALK.id).status == "active"
        await press(pilot, "escape")  # and on Home
        listed = app.screen.query_one("#agreements", OptionList).options
        lines = {str(option.id): str(option.prompt) for option in listed}
        assert lines[f"agreement:{LATE.id}"] == SAY("home.agreement_to_revisit", title=LATE.title)
        assert lines[f"agreement:{WALK.id}"] == WALK.title


async def test_backing_out_of_a_reopening_changes_nothing(
    data_folder: Path, clock: ManualClock
) -> None:
    async with at_agreement(data_folder, clock, LATE) as (app, pilot):
        await to_button(pilot, "reopen")
        await press(pilot, "enter", "enter")  # Reopen, as Alex
        await typed(pilot, "not sure")
        await press(pilot, "escape")
        assert app.book.agreement(LATE.id) == LATE
        assert SAY("agreement.standing_active") in screen_words(pilot)


async def test_retiring_takes_both_and_one_backing_out_changes_nothing(
    data_folder: Path, clock: ManualClock
) -> None:
    async with at_agreement(data_folder, clock, LATE) as (app, pilot):
        await to_button(pilot, "retire")
        await press(pilot, "enter")
        assert SAY("agreement.retire_first", name="Alex") in screen_words(pilot)
        await press(pilot, "enter")  # Alex: yes
        assert SAY("agreement.retire_second", first="Alex", name="Sam") in screen_words(pilot)
        assert app.book.agreement(LATE.id) == LATE
        await press(pilot, "tab", "enter")  # Sam: no, keep it
        assert app.book.agreement(LATE.id) == LATE
        assert SAY("agreement.kept") in screen_words(pilot)
        assert SAY("agreement.standing_active") in screen_words(pilot)

        await to_button(pilot, "retire")
        await press(pilot, "enter", "enter", "enter")  # Retire; Alex yes; Sam yes
        saved = app.book.agreement(LATE.id)
        assert saved.status == "retired" and saved.history[-1].by == ["a", "b"]
        words = screen_words(pilot)
        assert SAY("agreement.standing_retired") in words
        assert LATE.text in words  # it stays readable
        assert {str(b.label) for b in app.screen.query("Button")} == {"Back"}


async def test_filter_and_search_by_keys(data_folder: Path, clock: ManualClock) -> None:
    revisit = agreement("Café on Fridays, just us.", ident="ag-cafe", status="to_revisit")
    agreements = (LATE, WALK, PHONES, revisit)
    async with at_agreement(data_folder, clock, *agreements, shown=WALK) as (app, pilot):
        await press(pilot, "escape")
        assert isinstance(app.screen, AgreementsScreen)
        shown = screen_text(pilot)
        assert all(a.text in shown for a in (LATE, WALK, PHONES, revisit))

        await press(pilot, "ctrl+f")
        assert focused_id(pilot) == "agreement-search"
        await typed(pilot, "SUNDAYS")
        await settle(pilot)
        shown = screen_text(pilot)
        assert WALK.text in shown and LATE.text not in shown and PHONES.text not in shown
        await press(pilot, "ctrl+u")
        await typed(pilot, "cafe")  # no accent, still found
        await settle(pilot)
        assert revisit.text in screen_text(pilot) and WALK.text not in screen_text(pilot)
        await press(pilot, "ctrl+u", "enter")  # back to the list
        assert focused_id(pilot) == "agreement-options"

        await press(pilot, "shift+tab", "shift+tab", "shift+tab")  # the status filter
        assert focused_id(pilot) == "status-filter"
        await press(pilot, "enter", "down", "down", "enter")  # "To revisit"
        shown = screen_text(pilot)
        assert revisit.text in shown and LATE.text not in shown and WALK.text not in shown

        await press(pilot, "enter", "up", "enter", "tab", "enter", "down", "enter")
        shown = screen_text(pilot)  # active, and the first area only
        assert LATE.text in shown and WALK.text not in shown and revisit.text not in shown
        assert SAY("agreement.none_found") not in screen_words(pilot)
        await press(pilot, "tab")
        await typed(pilot, "sundays")  # active, talking and listening, about Sundays: none
        await settle(pilot)
        assert SAY("agreement.none_found") in screen_words(pilot)
        assert LATE.text not in screen_text(pilot)


async def test_a_partners_words_show_as_written(data_folder: Path, clock: ManualClock) -> None:
    hostile = agreement(f"Wording {HOSTILE}", ident="ag-hostile", category="other")
    hostile = reviewed(
        hostile, {"a": "keeping"}, {"a": f"Note {HOSTILE}"}, None, ["a"], MADE_AT, "s-r"
    )
    async with at_agreement(data_folder, clock, hostile) as (_, pilot):
        words = screen_words(pilot)
        shown = "[bold]Stop[/bold] [link=x]Zanzibar[/link] 🙂 \u202eשלום ␛[31m"
        assert f"Wording {shown}" in words
        assert f"Note from Alex: Note {shown}" in words
        await press(pilot, "escape")  # the list shows its title (the start of it) as written
        assert "Wording [bold]Stop[/bold] [link=x]Zanzibar[/link] 🙂" in screen_words(pilot)


async def test_a_failed_save_says_so_and_keeps_the_note(
    data_folder: Path, clock: ManualClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    async with at_agreement(data_folder, clock, LATE) as (app, pilot):
        await to_button(pilot, "reopen")
        await press(pilot, "enter", "enter")  # Reopen, as Alex
        await typed(pilot, "Evenings")

        def full(_: Agreement) -> None:
            raise OSError(28, "No space left on device")

        monkeypatch.setattr(app.book.store, "save_agreement", full)
        await press(pilot, "enter", "enter")
        assert SAY("agreement.not_saved", reason="No space left on device") in screen_words(pilot)
        assert app.screen.query_one("#note", Input).value == "Evenings"
        monkeypatch.undo()
        assert app.book.agreement(LATE.id) == LATE
        await pilot.pause(0.3)  # a button takes a fifth of a second to be pressable again
        await press(pilot, "enter")  # tried again: saved
        assert app.book.agreement(LATE.id).history[-1].note == "Evenings"


def with_a_history() -> list[Agreement]:
    """Four agreements, one amended, reopened and reviewed, for the snapshots."""
    made = agreement("We text when late.", ident="ag-history", category="communication")
    newer = agreement("We text when we will be more than an hour late.", ident="new")
    newer = newer.model_copy(update={"category": "communication", "review_on": date(2026, 3, 1)})
    history = amended(made, newer, "s-2")
    history = reviewed(
        history,
        {"a": "keeping", "b": "struggling"},
        {"b": "Late evenings are still hard."},
        date(2026, 4, 1),
        ["a", "b"],
        MADE_AT + timedelta(days=30),
        "s-3",
    )
    revisit = agreement("Café on Fridays, just us.", ident="ag-cafe", status="to_revisit")
    return [history, WALK, PHONES.model_copy(update={"status": "retired"}), revisit]
