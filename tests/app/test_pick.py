"""A pick step (After a hard moment's feelings): marks shown in signs, not colour alone."""

from __future__ import annotations

from pathlib import Path

from tests.app.pilot import answer, running, screen_text, settle


async def test_feelings_are_picked_with_keys_and_shown_as_marks(data_folder: Path) -> None:
    async with running(data_folder, "aftermath") as (app, pilot):
        for _ in range(2):  # both say they are calm enough
            await pilot.press("ctrl+s")
            await settle(pilot)
        await answer(pilot, "Friday")
        [entry] = app.book.open_sessions()
        assert app.book.load(entry.id).session.step_id == "feelings"
        assert "[ ] hurt" in screen_text(pilot) and "[x] hurt" not in screen_text(pilot)

        await pilot.press("space", "down", "down", "enter")
        await settle(pilot)
        shown = screen_text(pilot)
        assert "[x] hurt" in shown and "[ ] lonely" in shown and "[x] scared" in shown
        assert app.book.load(entry.id).session.step_id == "feelings"  # marking is not answering

        await pilot.press("space")  # and a mark can be taken back
        await settle(pilot)
        assert "[ ] scared" in screen_text(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        turns = app.book.load(entry.id).turns
        assert (turns[-1].step_id, turns[-1].value) == ("feelings", ["hurt"])


async def test_picking_nothing_asks_for_a_choice_and_keeps_the_step(data_folder: Path) -> None:
    async with running(data_folder, "aftermath") as (app, pilot):
        for _ in range(2):
            await pilot.press("ctrl+s")
            await settle(pilot)
        await answer(pilot, "Friday")
        await pilot.press("ctrl+s")
        await settle(pilot)
        [entry] = app.book.open_sessions()
        assert app.book.load(entry.id).session.step_id == "feelings"
        assert "Choose at least one, or pass." in screen_text(pilot)
