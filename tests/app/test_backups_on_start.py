"""The app backs up what changed in a worker thread once its first screen is up: start-up never
waits for it, and a backup that fails (a full disk) is said in a notice while the app goes on."""

from __future__ import annotations

import errno
import threading
from datetime import datetime
from pathlib import Path

import pytest

from screens.home import HomeScreen
from screens.safety import SafetyCheckScreen
from tests.app.pilot import reopened, settle
from workbook.backup_list import Generation, generations, newest
from workbook.backups import Backups
from workbook.book import Workbook

#: How long a test waits for the worker thread before giving up (it takes milliseconds).
WAIT = 10.0


@pytest.fixture
def set_up(data_folder: Path) -> Path:
    book = Workbook.open(data_folder)
    book.set_partners("Alex", "Sam")
    book.close()
    return data_folder


async def test_a_backup_is_made_after_the_first_screen_without_holding_it_up(
    set_up: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    started, release = threading.Event(), threading.Event()
    back_up = Backups.back_up

    def slow(self: Backups, now: datetime | None = None) -> Generation | None:
        started.set()
        release.wait(WAIT)  # as slow as the test likes: the app must not wait for it
        return back_up(self, now)

    monkeypatch.setattr(Backups, "back_up", slow)
    async with reopened(set_up) as (app, pilot):
        try:
            assert isinstance(app.screen, HomeScreen | SafetyCheckScreen)
            assert started.wait(WAIT)
            await settle(pilot)
            assert isinstance(app.screen, HomeScreen | SafetyCheckScreen)
            assert generations(set_up) == []  # still under way, and the screen is up
        finally:
            release.set()
        await app.workers.wait_for_complete()
        made = newest(set_up)
        assert made is not None
        assert "workbook.json" in made.files
        assert not app._notifications


async def test_a_failed_backup_is_said_and_the_app_goes_on(
    set_up: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full(self: Backups, now: datetime | None = None) -> Generation | None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(Backups, "back_up", full)
    async with reopened(set_up) as (app, pilot):
        for _ in range(200):
            if app._notifications:
                break
            await pilot.pause(WAIT / 200)
        told = [str(n.message) for n in app._notifications]
        assert len(told) == 1
        assert "backup could not be made" in told[0] and "No space left on device" in told[0]
        await settle(pilot)
        assert app.is_running
        assert isinstance(app.screen, HomeScreen | SafetyCheckScreen)
    assert generations(set_up) == []
