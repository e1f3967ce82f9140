"""``workbook backups`` and ``workbook restore NAME``: the list, newest first, with what is kept
aside; a restore puts a generation back, keeps the data it replaces byte for byte and says
where both are; it is refused while the app holds the folder, and an unknown name is named."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from workbook.aside import copy_aside, new_keeping
from workbook.backup_list import generations, keepings
from workbook.book import Workbook
from workbook.cli import main
from workbook.clock import ManualClock
from workbook.content import Library
from workbook.layout import BACKUPS_FOLDER, INDEX_FILE, WORKBOOK_FILE, data_file_names

pytestmark = pytest.mark.usefixtures("in_utc")


def run(folder: Path, *args: str) -> Result:
    return CliRunner().invoke(main, [*args, "--data", str(folder)])


def data_bytes(folder: Path) -> dict[str, bytes]:
    return {name: (folder / name).read_bytes() for name in data_file_names(folder)}


def everything(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


@pytest.fixture
def two_backups(library: Library, data_folder: Path) -> tuple[str, str]:
    """A workbook backed up twice (names, then a session started an hour later), then changed
    again: Alex is now Alexa. Returns the two generations' names, oldest first."""
    clock = ManualClock()
    book = Workbook.open(data_folder, clock, library=library)
    try:
        book.set_partners("Alex", "Sam")
        first = book.back_up()
        clock.advance(3600)
        book.start("boundary-drafting", {"proposer": "a", "responder": "b"})
        second = book.back_up()
        book.set_partners("Alexa", "Sam")
    finally:
        book.close()
    assert first is not None and second is not None
    return first.name, second.name


def test_backups_lists_generations_newest_first_and_keepings_apart(
    data_folder: Path, two_backups: tuple[str, str]
) -> None:
    first, second = two_backups
    kept = new_keeping(data_folder, "damaged")
    copy_aside(data_folder, [INDEX_FILE], kept)
    result = run(data_folder, "backups")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert str(data_folder / BACKUPS_FOLDER) in lines[0]
    assert second in lines[1] and "made 2026-01-01 10:00:00" in lines[1]
    assert "3 file(s), 2 changed" in lines[1]
    assert first in lines[2] and "made 2026-01-01 09:00:00" in lines[2]
    assert "1 file(s), 1 changed" in lines[2]
    assert "Kept aside" in lines[3]
    assert kept.name in lines[4] and "1 file(s)" in lines[4]


def test_backups_says_when_there_are_none(data_folder: Path) -> None:
    result = run(data_folder, "backups")
    assert result.exit_code == 0
    assert "No backups yet" in result.stdout


def test_restore_puts_a_generation_back_and_keeps_the_data_it_replaces(
    data_folder: Path, two_backups: tuple[str, str]
) -> None:
    first, second = two_backups
    before = data_bytes(data_folder)
    source = data_folder / BACKUPS_FOLDER / first
    wanted = data_bytes(source)
    in_backups = everything(data_folder / BACKUPS_FOLDER)

    result = run(data_folder, "restore", first)

    assert result.exit_code == 0, result.output
    assert data_bytes(data_folder) == wanted  # the session started later is gone from the data
    (aside,) = [k for k in keepings(data_folder) if k.name.startswith("moved-aside-")]
    assert data_bytes(aside) == before
    assert str(aside) in result.stdout and "3 file(s)" in result.stdout
    assert str(source) in result.stdout and "2026-01-01 09:00:00" in result.stdout
    # Nothing under backups/ was changed or deleted: the keeping was only added.
    now_in_backups = everything(data_folder / BACKUPS_FOLDER)
    assert {k: v for k, v in now_in_backups.items() if not k.startswith(aside.name)} == in_backups
    assert [g.name for g in generations(data_folder)] == [second, first]
    for name in data_file_names(data_folder):
        assert stat.S_IMODE((data_folder / name).stat().st_mode) == 0o600
    # And the workbook opens on what was restored.
    book = Workbook.open(data_folder)
    try:
        assert book.name("a") == "Alex" and book.store.index() == []
    finally:
        book.close()


def test_restoring_the_kept_data_undoes_a_restore(
    data_folder: Path, two_backups: tuple[str, str]
) -> None:
    before = data_bytes(data_folder)
    assert run(data_folder, "restore", two_backups[0]).exit_code == 0
    (aside,) = keepings(data_folder)
    result = run(data_folder, "restore", aside.name)
    assert result.exit_code == 0, result.output
    assert data_bytes(data_folder) == before
    assert str(aside) in result.stdout


def test_restore_is_refused_while_the_app_holds_the_folder(
    data_folder: Path, two_backups: tuple[str, str]
) -> None:
    holder = Workbook.open(data_folder)
    try:
        before = everything(data_folder)
        result = run(data_folder, "restore", two_backups[0])
        assert result.exit_code == 1
        assert "already open" in result.stderr
        assert everything(data_folder) == before
    finally:
        holder.close()


def test_an_unknown_name_is_refused_naming_what_there_is(
    data_folder: Path, two_backups: tuple[str, str]
) -> None:
    before = everything(data_folder)
    result = run(data_folder, "restore", "20200101-000000")
    assert result.exit_code == 1
    assert "no backup called “20200101-000000”" in result.stderr
    assert f"{two_backups[1]}, {two_backups[0]}" in result.stderr
    assert "Traceback" not in result.output
    assert everything(data_folder) == before


def test_restore_without_any_backups_says_so(data_folder: Path) -> None:
    result = run(data_folder, "restore", "anything")
    assert result.exit_code == 1
    assert "no backups to restore yet" in result.stderr


def test_a_keeping_without_a_workbook_file_is_not_restored(
    data_folder: Path, two_backups: tuple[str, str]
) -> None:
    kept = new_keeping(data_folder, "damaged")
    copy_aside(data_folder, [INDEX_FILE], kept)
    before = everything(data_folder)
    result = run(data_folder, "restore", kept.name)
    assert result.exit_code == 1
    assert "does not hold a whole workbook" in result.stderr and str(kept) in result.stderr
    assert everything(data_folder) == before
    assert (data_folder / WORKBOOK_FILE).exists()
