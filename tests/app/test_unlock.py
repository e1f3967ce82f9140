"""The passphrase screen at start: a wrong passphrase says so and changes nothing; the right
one (or the recovery key) opens; quitting opens nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.app.pilot import SIZE, folder_bytes, paste, screen_words, settle
from tests.unit.store_files import new_book
from workbook import vault
from workbook.clock import ManualClock
from workbook.content import Library
from workbook.sealing import Sealed

CHEAP = vault.Cost(n=2**4, r=1, p=1)
PASSPHRASE = "harbour lights at dusk"


@pytest.fixture
def sealed(data_folder: Path, clock: ManualClock) -> str:
    new_book(data_folder, clock).close()
    return vault.encrypt(data_folder, PASSPHRASE, CHEAP)


async def attempt(folder: Path, library: Library, *secrets: str) -> tuple[object, str]:
    """Type each secret and press Enter; what the app returned and the last screen's words."""
    from screens.unlock import UnlockApp

    app = UnlockApp(folder, library)
    words = ""
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        for secret in secrets:
            await paste(pilot, secret)
            await pilot.press("enter")
            await app.workers.wait_for_complete()
            await settle(pilot)
            words = screen_words(pilot)
        if app.is_running:
            await pilot.press("ctrl+q")
    return app.return_value, words


async def test_a_wrong_passphrase_is_said_and_changes_nothing(
    data_folder: Path, library: Library, sealed: str
) -> None:
    before = folder_bytes(data_folder)
    returned, words = await attempt(data_folder, library, "harbour lights at dawn")
    assert returned is None
    assert "did not open the workbook. Nothing was changed" in words
    assert folder_bytes(data_folder) == before


async def test_the_passphrase_opens_after_a_wrong_one(
    data_folder: Path, library: Library, sealed: str
) -> None:
    returned, _ = await attempt(data_folder, library, "not it at all", PASSPHRASE)
    assert isinstance(returned, Sealed)


async def test_the_recovery_key_opens(data_folder: Path, library: Library, sealed: str) -> None:
    returned, _ = await attempt(data_folder, library, sealed)
    assert isinstance(returned, Sealed)


async def test_the_screen_asks_plainly_and_shows_nothing_typed(
    data_folder: Path, library: Library, sealed: str
) -> None:
    from screens.unlock import UnlockApp

    app = UnlockApp(data_folder, library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await paste(pilot, "secret words")
        await settle(pilot)
        words = screen_words(pilot)
        assert "This workbook is locked" in words
        assert "secret words" not in words
        await pilot.press("ctrl+q")
    assert app.return_value is None
