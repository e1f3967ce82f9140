"""Opened as ``workbook`` opens it (the quick repair), the app reads every session file afresh
in a worker thread after its first screen: what it finds is repaired and shown on Home, then
the backup follows; a damaged file is named, as opening would have, and not backed up."""

from __future__ import annotations

import contextlib
import os
from collections.abc import AsyncIterator
from pathlib import Path

from screens.app import WorkbookApp
from screens.home import HomeScreen
from tests.app.pilot import SIZE, settle
from tests.unit.store_files import SPEAKER_FIRST, new_book, session_file
from workbook.backup_list import newest
from workbook.book import Workbook
from workbook.clock import ManualClock


def _hidden_crash(folder: Path, clock: ManualClock) -> str:
    """A talk whose last save reached its file but not the index, with times that hide it
    (the index and workbook.json look newer); its id."""
    book = new_book(folder, clock)
    book.safety_check_done()  # so it opens on Home
    talk = book.start("active-listening", SPEAKER_FIRST).id
    index = folder / "index.json"
    before = index.read_bytes()
    book.submit(talk, "what happened")
    book.close()
    index.write_bytes(before)
    later = session_file(folder, talk).stat().st_mtime_ns + 10**12
    for name in ("index.json", "workbook.json"):
        os.utime(folder / name, ns=(later, later))
    return talk


@contextlib.asynccontextmanager
async def opened_as_the_app_opens(folder: Path, clock: ManualClock) -> AsyncIterator[WorkbookApp]:
    """The app on ``folder`` opened as ``workbook`` opens it (the quick repair), once its
    first screen is up and the full look after it has run."""
    app = WorkbookApp(Workbook.open(folder, clock=clock, quick_repair=True))
    try:
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            await app.workers.wait_for_complete()
            await settle(pilot)
            yield app
    finally:
        app.book.close()


async def test_the_full_look_repairs_what_the_quick_one_missed(
    data_folder: Path, clock: ManualClock
) -> None:
    talk = _hidden_crash(data_folder, clock)
    async with opened_as_the_app_opens(data_folder, clock) as app:
        assert isinstance(app.screen, HomeScreen)
        entry = next(e for e in app.book.open_sessions() if e.id == talk)
        assert entry.step_id == app.book.store.session(talk).step_id == "mirror"
        await app.workers.wait_for_complete()  # the backup, started after the repair
        assert newest(data_folder) is not None
        assert app.book.disagreements() == 0


async def test_a_damaged_session_file_is_named_and_not_backed_up(
    data_folder: Path, clock: ManualClock
) -> None:
    talk = _hidden_crash(data_folder, clock)
    path = session_file(data_folder, talk)
    times = path.stat()
    path.write_bytes(path.read_bytes()[:40])
    os.utime(path, ns=(times.st_atime_ns, times.st_mtime_ns))
    async with opened_as_the_app_opens(data_folder, clock) as app:
        said = " ".join(str(n.message) for n in app._notifications)
        assert str(path) in said
        assert newest(data_folder) is None
