"""A partner's words are stored exactly and shown as plain text: markup stays literal, control
characters show as symbols, and long, emoji and right-to-left text come through whole."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from tests.app.pilot import SIZE, make_app, paste, running, screen_text, set_up, settle

HOSTILE = "[bold red]hi[/] \x1b[2J bell\x07 👩‍❤️‍👨 שלום עליכם مرحبا \u202eevil"
LONG = ("I have been carrying this for a long time. " * 500)[:20_000]


async def test_hostile_answer_stored_exactly_and_shown_plainly(data_folder: Path) -> None:
    async with running(data_folder, "active-listening") as (app, pilot):
        await paste(pilot, HOSTILE)
        assert "\x1b" not in screen_text(pilot)  # not even inside the answer box
        await pilot.press("ctrl+s")
        await settle(pilot)
        [session] = app.book.open_sessions()
        assert app.book.load(session.id).turns[0].value == HOSTILE

        shown = screen_text(pilot)  # Sam's mirror step shows Alex's words
        assert "[bold red]hi[/]" in shown
        assert "␛[2J" in shown and "␇" in shown
        assert "\x1b" not in shown and "\x07" not in shown
        assert "שלום עליכם" in shown and "مرحبا" in shown
        assert "👩" in shown

        await paste(pilot, LONG)  # 20,000 characters as one paste
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.book.load(session.id).turns[1].value == LONG


async def test_markup_in_names_shows_literally(data_folder: Path) -> None:
    app = make_app(data_folder)
    async with app.run_test(size=SIZE) as pilot:
        await set_up(pilot, "[b]Al[/b]", "Sam")
        assert "Welcome, [b]Al[/b] and Sam." in screen_text(pilot)
    app.book.close()


async def test_an_empty_answer_is_not_sent(data_folder: Path) -> None:
    async with running(data_folder, "active-listening") as (app, pilot):
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "Write something first, or pass." in screen_text(pilot)
        assert "Alex's turn" in screen_text(pilot)


def temp_files(folder: Path) -> list[Path]:
    """Half-written temp files left behind (there must be none)."""
    return list(folder.rglob("*.tmp"))


@pytest.mark.parametrize("code", [errno.ENOSPC, errno.EROFS])
async def test_a_failed_save_keeps_the_words(
    data_folder: Path, monkeypatch: pytest.MonkeyPatch, code: int
) -> None:
    async with running(data_folder, "active-listening") as (app, pilot):
        await paste(pilot, "Words I must not lose")

        def refuse(*_: object) -> None:
            raise OSError(code, os.strerror(code))

        monkeypatch.setattr("workbook.storage.os.replace", refuse)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "could not be saved" in screen_text(pilot)
        assert app.screen.query_one("#answer").text == "Words I must not lose"
        assert not temp_files(data_folder)

        monkeypatch.undo()
        await pilot.press("ctrl+s")
        await settle(pilot)
        [session] = app.book.open_sessions()
        assert app.book.load(session.id).turns[0].value == "Words I must not lose"
