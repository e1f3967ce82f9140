"""What opening changed is said once on screen: files updated to this version (and where the
earlier copy is kept), or a damaged session list rebuilt (and where the damaged one is)."""

from __future__ import annotations

from pathlib import Path

from screens.app import WorkbookApp
from tests.app.pilot import SIZE, folder_bytes, make_app, settle
from tests.unit.store_files import SPEAKER_FIRST, new_book
from workbook.clock import ManualClock


def toasts(app: WorkbookApp) -> str:
    """The notifications on screen (Pilot shows them only when asked), as one line."""
    return " ".join(" ".join(str(t.render()).split()) for t in app.screen.query("Toast"))


def ready(folder: Path, clock: ManualClock) -> str:
    book = new_book(folder, clock)
    book.safety_check_done()
    session = book.start("active-listening", SPEAKER_FIRST)
    book.close()
    return session.id


async def test_a_damaged_session_list_is_rebuilt_and_said(
    data_folder: Path, clock: ManualClock
) -> None:
    ready(data_folder, clock)
    (data_folder / "index.json").write_bytes(b'{"sessions": {"1": {"id": "')
    app = make_app(data_folder, clock)
    try:
        async with app.run_test(size=(120, 40), notifications=True) as pilot:
            await settle(pilot)
            words = toasts(app)
            assert "The list of your sessions was damaged" in words
            assert "Nothing you wrote is lost" in words
            assert len(app.book.open_sessions()) == 1
    finally:
        app.book.close()
    kept = {k: v for k, v in folder_bytes(data_folder).items() if k.startswith("backups/damaged-")}
    assert list(kept.values()) == [b'{"sessions": {"1": {"id": "']


async def test_an_update_to_this_version_is_said(data_folder: Path, clock: ManualClock) -> None:
    ready(data_folder, clock)
    app = make_app(data_folder, clock)
    app.book.migrated_from = data_folder / "backups" / "before-v2-20261204-120000"
    try:
        async with app.run_test(size=(120, 40), notifications=True) as pilot:
            await settle(pilot)
            words = toasts(app)
            assert "Your workbook was updated to work with this version" in words
            assert "before-v2-20261204-120000" in words
    finally:
        app.book.close()


async def test_an_ordinary_open_says_nothing_of_the_kind(
    data_folder: Path, clock: ManualClock
) -> None:
    ready(data_folder, clock)
    app = make_app(data_folder, clock)
    try:
        async with app.run_test(size=SIZE, notifications=True) as pilot:
            await settle(pilot)
            words = toasts(app)
            assert "was updated" not in words and "was damaged" not in words
    finally:
        app.book.close()
