"""Settings: encryption turned on in the app (the recovery key shown once, every file sealed),
the idle lock after the minutes set, lifted only by the passphrase, with typing kept."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot

from screens.app import WorkbookApp
from screens.settings import SettingsScreen
from tests.app.own_words import to_own_words
from tests.app.pilot import SIZE, choose, folder_bytes, make_app, paste, screen_words, settle
from tests.unit.store_files import SPEAKER_FIRST, new_book
from workbook import vault
from workbook.book import Workbook
from workbook.clock import ManualClock
from workbook.storage import SEALED_MARK

PASSPHRASE = "quiet garden gate"


@pytest.fixture(autouse=True)
def cheap_scrypt(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(vault, "REAL_COST", vault.Cost(n=2**4, r=1, p=1))


@pytest.fixture
def ready(data_folder: Path, clock: ManualClock) -> Path:
    book = new_book(data_folder, clock)
    book.safety_check_done()
    book.close()
    return data_folder


async def open_settings(pilot: Pilot[None]) -> None:
    """From Home, by keys: along to the list of your own words, then its settings line."""
    await to_own_words(pilot)
    await choose(pilot, "settings", "#own-words")
    assert isinstance(pilot.app.screen, SettingsScreen)


async def test_encryption_turned_on_in_settings(ready: Path, clock: ManualClock) -> None:
    app = make_app(ready, clock)
    try:
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            await open_settings(pilot)
            assert "is not encrypted" in screen_words(pilot)
            await pilot.press("enter")  # "Encrypt my workbook"
            await settle(pilot)
            await paste(pilot, PASSPHRASE)
            await pilot.press("tab")
            await paste(pilot, PASSPHRASE)
            await pilot.press("enter")
            await app.workers.wait_for_complete()
            await settle(pilot)
            words = screen_words(pilot)
            assert "Your recovery key:" in words
            assert "shown only this once" in words
            assert app.book.is_encrypted()
            app.book.set_partners("Alex", "Robin")  # saves go on, sealed
    finally:
        app.book.close()
    files = folder_bytes(ready)
    plain_by_design = ("key.json", "manifest.json")  # wrapped keys; hashes of sealed files
    sealed = [
        raw
        for name, raw in files.items()
        if name.endswith(".json") and not name.endswith(plain_by_design)
    ]
    assert sealed
    for raw in sealed:
        assert raw.startswith(SEALED_MARK)
        assert b"Robin" not in raw
    assert vault.unlock(ready, PASSPHRASE)


async def test_settings_refuse_passphrases_that_differ(ready: Path, clock: ManualClock) -> None:
    app = make_app(ready, clock)
    try:
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            await open_settings(pilot)
            await pilot.press("enter")
            await settle(pilot)
            before = folder_bytes(ready)
            await paste(pilot, PASSPHRASE)
            await pilot.press("tab")
            await paste(pilot, PASSPHRASE + "!")
            await pilot.press("enter")
            await settle(pilot)
            assert "were not the same. Nothing was changed" in screen_words(pilot)
            assert folder_bytes(ready) == before
            assert not app.book.is_encrypted()
    finally:
        app.book.close()


async def test_the_idle_lock_covers_everything_and_keeps_typing(
    ready: Path, clock: ManualClock
) -> None:
    vault.encrypt(ready, PASSPHRASE)
    vault.set_idle_lock(ready, 5)
    book = Workbook.open(ready, clock, codec=vault.unlock(ready, PASSPHRASE))
    session = book.start("active-listening", SPEAKER_FIRST)
    book.close()
    app = WorkbookApp(Workbook.open(ready, clock, codec=vault.unlock(ready, PASSPHRASE)))
    try:
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            await pilot.press("enter")  # pick the open session up
            await settle(pilot)
            await paste(pilot, "Words half typed")
            clock.advance(4 * 60)
            app.lock_if_idle()
            await settle(pilot)
            assert "This workbook is locked" not in screen_words(pilot)
            clock.advance(61)
            app.lock_if_idle()
            await settle(pilot)
            words = screen_words(pilot)
            assert "Locked while you were away" in words
            assert "Words half typed" not in words and "Alex" not in words
            await pilot.press("ctrl+t")  # no time-out, no other key acts under the lock
            await settle(pilot)
            assert "Locked while you were away" in screen_words(pilot)
            await pilot.press("tab")  # moving between the box and the buttons still works
            assert app.focused is not None and app.focused.id == "open"
            await pilot.press("shift+tab")
            await paste(pilot, "not the passphrase")
            await pilot.press("enter")
            await app.workers.wait_for_complete()
            await settle(pilot)
            assert "did not open the workbook" in screen_words(pilot)
            await paste(pilot, PASSPHRASE)
            await pilot.press("enter")
            await app.workers.wait_for_complete()
            await settle(pilot)
            assert "Locked while you were away" not in screen_words(pilot)
            draft = app.book.load(session.id).draft
            assert draft is not None and draft.text == "Words half typed"
    finally:
        app.book.close()
