"""Bringing an older workbook up to this version as it opens (``workbook.migrations``), on copies
of the fixtures of every version so far (``tests/fixtures/schema-*``).

There is no older version yet, so a throwaway next version (``NEXT``, with a migration given by
the test) walks every fixture through the whole path: the old files kept byte for byte, every
file rewritten and stamped, a crash midway and the next open, the app opening the result. The
test of the real older fixtures runs each one there is (none at version 1: pytest lists it as
skipped for an empty parameter set, never passed unseen).
"""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tests.fixtures.schema import (
    assert_read_as_stored,
    copy_fixture,
    fixture_versions,
    read_through_the_app,
)
from tests.unit.store_files import snapshot
from workbook import migrations, models
from workbook.aside import copy_aside
from workbook.book import Workbook
from workbook.clock import ManualClock
from workbook.errors import BadFile
from workbook.layout import BACKUPS_FOLDER, INDEX_FILE, WORKBOOK_FILE, data_file_names
from workbook.migrations import MIGRATIONS, Migration, migrate
from workbook.models import SCHEMA_VERSION
from workbook.sealing import KEY_BYTES, KEY_ID_BYTES, Sealed
from workbook.storage import (
    FILE_MODE,
    FOLDER_MODE,
    PLAIN,
    SEALED_MARK,
    Codec,
    Data,
    read_data,
    write_data,
)

VERSIONS = fixture_versions()
assert VERSIONS, "no tests/fixtures/schema-* folder: every test below would run for none"
OLDER = [version for version in VERSIONS if version < SCHEMA_VERSION]
NEXT = SCHEMA_VERSION + 1
NOW = datetime(2026, 6, 1, 9, 0, tzinfo=UTC)


def answer_not_value(files: dict[str, Data]) -> dict[str, Data]:
    """The throwaway next version: every turn's ``value`` is called ``answer``, workbook.json
    has a new ``notes`` table, and ``index.json`` is gone. Run on its own output it fails (no
    ``value``), so a second run must start from the kept files."""

    def renamed(turn: dict[str, object]) -> dict[str, object]:
        kept = {field: v for field, v in turn.items() if field != "value"}
        return {**kept, "answer": turn["value"]}

    migrated = {
        name: {**data, "turns": {i: renamed(t) for i, t in data["turns"].items()}}
        if "turns" in data
        else data
        for name, data in files.items()
        if name != INDEX_FILE
    }
    notes = {"1": {"text": "Added by the throwaway next version."}}
    migrated[WORKBOOK_FILE] = {**migrated[WORKBOOK_FILE], "notes": notes}
    return migrated


def unchanged(files: dict[str, Data]) -> dict[str, Data]:
    """A throwaway next version whose files this app still reads (only the version changes)."""
    return files


@pytest.fixture
def next_version(monkeypatch: pytest.MonkeyPatch) -> Callable[[Migration], None]:
    """This app as if it were at ``NEXT``: every module's copy of ``SCHEMA_VERSION`` says so;
    the migration to it is the test's to give."""
    for name, module in list(sys.modules.items()):
        if name.split(".")[0] == "workbook" and getattr(module, "SCHEMA_VERSION", None):
            monkeypatch.setattr(module, "SCHEMA_VERSION", NEXT)
    return lambda migration: monkeypatch.setitem(MIGRATIONS, SCHEMA_VERSION, migration)


def sealed() -> Sealed:
    key_id = os.urandom(KEY_ID_BYTES)
    return Sealed({key_id: os.urandom(KEY_BYTES)}, key_id)


def fixture_kept(version: int, folder: Path, codec: Codec) -> Path:
    """A copy of the fixture of ``version`` at ``folder``, every data file kept by ``codec``."""
    copy_fixture(version, folder)
    for name in data_file_names(folder):
        write_data(folder / name, name, read_data(folder / name, name) or {}, codec)
    return folder


def tree(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` by its path inside it, with its bytes."""
    return {
        str(path.relative_to(folder)): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def data_bytes(folder: Path) -> dict[str, bytes]:
    return {name: (folder / name).read_bytes() for name in data_file_names(folder)}


def tables(folder: Path, name: str, codec: Codec = PLAIN) -> Data:
    return read_data(folder / name, name, codec) or {}


def stamped_version(folder: Path, version: int) -> None:
    """Say ``version`` in ``folder``'s workbook.json, as an app of that version would."""
    book = tables(folder, WORKBOOK_FILE)
    book["meta"] = {i: {**meta, "schema_version": version} for i, meta in book["meta"].items()}
    write_data(folder / WORKBOOK_FILE, WORKBOOK_FILE, book)


def test_every_version_before_this_one_has_its_migration() -> None:
    assert sorted(MIGRATIONS) == list(range(1, SCHEMA_VERSION))


def test_opening_a_workbook_of_this_version_changes_nothing(tmp_path: Path) -> None:
    folder = copy_fixture(SCHEMA_VERSION, tmp_path / "data")
    before = data_bytes(folder)
    book = Workbook.open(folder, ManualClock(NOW))
    book.close()
    assert book.migrated_from is None
    assert data_bytes(folder) == before
    assert not (folder / BACKUPS_FOLDER).exists()


@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize("seal", [False, True], ids=["plain", "sealed"])
def test_the_next_version_keeps_the_old_files_and_rewrites_every_one(
    tmp_path: Path, next_version: Callable[[Migration], None], version: int, seal: bool
) -> None:
    next_version(answer_not_value)
    codec = sealed() if seal else PLAIN
    folder = fixture_kept(version, tmp_path / "data", codec)
    before = data_bytes(folder)

    keeping = migrate(folder, codec, NOW)

    assert keeping is not None and keeping.parent == folder / BACKUPS_FOLDER
    assert keeping.name.startswith(f"before-v{NEXT}-")
    assert data_bytes(keeping) == before
    assert data_file_names(folder) == [n for n in before if n != INDEX_FILE]
    for name in data_file_names(folder):
        raw = (folder / name).read_bytes()
        assert raw != before[name] and raw.startswith(SEALED_MARK) == seal
        data = tables(folder, name, codec)
        records = [record for table in data.values() for record in table.values()]
        assert {r["schema_version"] for r in records if "schema_version" in r} == {NEXT}
        for turn in data.get("turns", {}).values():
            assert "answer" in turn and "value" not in turn
    assert tables(folder, WORKBOOK_FILE, codec)["notes"]
    for path in [folder, *folder.rglob("*")]:
        if path.relative_to(folder).parts[:1] != ("exercises",):
            mode = FOLDER_MODE if path.is_dir() else FILE_MODE
            assert stat.S_IMODE(path.stat().st_mode) == mode, path


@pytest.mark.parametrize("version", VERSIONS)
def test_a_crash_midway_then_the_next_open_gives_what_one_run_gives(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    next_version: Callable[[Migration], None],
    version: int,
) -> None:
    """The second file written fails (the first is in the new shape by then); workbook.json
    still says the old version, and migrating again starts from the same kept files."""
    next_version(answer_not_value)
    whole = copy_fixture(version, tmp_path / "whole")
    migrate(whole, PLAIN, NOW)
    folder = copy_fixture(version, tmp_path / "data")
    written: list[str] = []

    def power_cut(path: Path, name: str, data: Data, codec: Codec) -> None:
        written.append(name)
        if len(written) == 2:
            raise OSError("the power went")
        write_data(path, name, data, codec)

    monkeypatch.setattr(migrations, "write_data", power_cut)
    with pytest.raises(OSError):
        migrate(folder, PLAIN, NOW)
    monkeypatch.setattr(migrations, "write_data", write_data)
    first = tables(folder, written[0])
    assert all("answer" in turn for turn in first["turns"].values())
    assert tables(folder, WORKBOOK_FILE)["meta"]["1"]["schema_version"] == version

    migrate(folder, PLAIN, NOW)
    assert tree(folder) == tree(whole)


@pytest.mark.parametrize("version", VERSIONS)
def test_a_crash_while_copying_leaves_the_files_as_they_were(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    next_version: Callable[[Migration], None],
    version: int,
) -> None:
    """Only the first file was copied: the half keeping (no workbook.json) is not taken for a
    whole one, and migrating again copies afresh."""
    next_version(answer_not_value)
    whole = copy_fixture(version, tmp_path / "whole")
    migrate(whole, PLAIN, NOW)
    folder = copy_fixture(version, tmp_path / "data")
    before = data_bytes(folder)

    def power_cut(folder: Path, names: list[str], keeping: Path) -> None:
        copy_aside(folder, names[:1], keeping)
        raise OSError("the power went")

    monkeypatch.setattr(migrations, "copy_aside", power_cut)
    with pytest.raises(OSError):
        migrate(folder, PLAIN, NOW)
    monkeypatch.setattr(migrations, "copy_aside", copy_aside)
    assert data_bytes(folder) == before

    keeping = migrate(folder, PLAIN, NOW)
    assert keeping is not None and data_bytes(keeping) == before
    assert data_bytes(folder) == data_bytes(whole)


@pytest.mark.parametrize(("claimed", "kind"), [(SCHEMA_VERSION + 2, "newer"), (0, "foreign")])
def test_a_workbook_of_a_version_this_app_does_not_know_is_left_as_it_is(
    tmp_path: Path, claimed: int, kind: str
) -> None:
    """From a newer app (or claiming a version there never was): refused, and not a byte, a
    time or a mode changes."""
    folder = copy_fixture(SCHEMA_VERSION, tmp_path / "data")
    stamped_version(folder, claimed)
    before = snapshot(folder)
    with pytest.raises(BadFile) as refused:
        migrate(folder, PLAIN, NOW)
    assert (refused.value.path, refused.value.kind, refused.value.detail) == (
        str(folder / WORKBOOK_FILE),
        kind,
        str(claimed) if kind == "newer" else f"schema_version {claimed}",
    )
    assert snapshot(folder) == before
    with pytest.raises(BadFile, match=kind):
        Workbook.open(folder, ManualClock(NOW))
    assert not (folder / BACKUPS_FOLDER).exists()


def opened_migrated(folder: Path) -> Path:
    """Open ``folder`` with the app (which migrates it) and read every record: the keeping the
    app says it made, after checking every record reads as stored at this version."""
    book = Workbook.open(folder, ManualClock(NOW))
    try:
        read_through_the_app(book)
    finally:
        book.close()
    assert book.migrated_from is not None
    assert book.migrated_from.parent == folder / BACKUPS_FOLDER
    assert tables(folder, WORKBOOK_FILE)["meta"]["1"]["schema_version"] == models.SCHEMA_VERSION
    assert_read_as_stored(folder)
    again = Workbook.open(folder, ManualClock(NOW))
    again.close()
    assert again.migrated_from is None
    return book.migrated_from


@pytest.mark.parametrize("version", OLDER)
def test_every_older_fixture_opens_migrated_with_every_record_read(
    tmp_path: Path, version: int
) -> None:
    folder = copy_fixture(version, tmp_path / "data")
    before = data_bytes(folder)
    assert data_bytes(opened_migrated(folder)) == before


@pytest.mark.parametrize("version", VERSIONS)
def test_the_app_opens_every_fixture_at_the_next_version(
    tmp_path: Path, next_version: Callable[[Migration], None], version: int
) -> None:
    """The same, through a throwaway next version whose files this app still reads."""
    next_version(unchanged)
    folder = copy_fixture(version, tmp_path / "data")
    before = data_bytes(folder)
    assert data_bytes(opened_migrated(folder)) == before
