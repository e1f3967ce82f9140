"""The data folder on disk, opened: the modes of what is made, the lock (one writer at a time),
and which folders are used or refused.

Everything here goes through real files in ``tmp_path``. Disk errors are simulated by
monkeypatching ``os.replace`` (CI may run as root, which ignores file modes). What a save
writes is in ``test_store_writes.py``; repair at open and damaged files in
``test_store_repair.py``.
"""

from __future__ import annotations

import errno
import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.unit.store_files import (
    SPEAKER_FIRST,
    files_under,
    leftovers,
    new_book,
    open_book,
    session_file,
    snapshot,
)
from workbook.book import Workbook
from workbook.clock import ManualClock
from workbook.errors import AlreadyOpenError, BadFile, DataFolderError

# -- helpers -----------------------------------------------------------------------------


@pytest.fixture
def umask() -> Iterator[None]:
    """Run with a permissive umask, so the modes checked are the app's own, not the umask's."""
    old = os.umask(0)
    try:
        yield
    finally:
        os.umask(old)


# -- modes -------------------------------------------------------------------------------


@pytest.mark.usefixtures("umask")
def test_created_files_are_0600_and_folders_0700(data_folder: Path, clock: ManualClock) -> None:
    book = new_book(data_folder, clock)
    try:
        session = book.start("active-listening", SPEAKER_FIRST)
        book.submit(session.id, "I feel rushed in the mornings.")
        opened = book.load(session.id)
        book.save_draft(session.id, book.view(opened), "Let me see if I got you")
        book.sitting.begin()

        names = {str(p.relative_to(data_folder)) for p in files_under(data_folder)}
        assert names == {
            "workbook.json",
            "index.json",
            "lock",
            f"sessions/{session.id}.json",
        }
        for path in data_folder.rglob("*"):
            mode = path.stat().st_mode & 0o777
            if path.is_dir():
                assert mode == 0o700, path
            else:
                assert mode == 0o600, path
        assert data_folder.stat().st_mode & 0o777 == 0o700
    finally:
        book.close()
    assert leftovers(data_folder) == []


# -- one writer --------------------------------------------------------------------------


def test_second_open_is_refused_and_changes_nothing(data_folder: Path, clock: ManualClock) -> None:
    first = new_book(data_folder, clock)
    session = first.start("active-listening", SPEAKER_FIRST)
    first.submit(session.id, "Something on my mind.")
    before = snapshot(data_folder)

    with pytest.raises(AlreadyOpenError):
        Workbook.open(data_folder, clock=clock)
    assert snapshot(data_folder) == before

    # The refused attempt did not take the first app's lock away from it.
    with pytest.raises(AlreadyOpenError):
        Workbook.open(data_folder, clock=clock)
    first.submit(session.id, "You have something on your mind.")
    first.close()

    again = open_book(data_folder, clock)
    try:
        assert len(again.load(session.id).turns) == 2
    finally:
        again.close()


# -- which folders are used --------------------------------------------------------------


def test_a_folder_that_is_not_a_workbook_is_refused(tmp_path: Path, clock: ManualClock) -> None:
    folder = tmp_path / "projects"
    folder.mkdir()
    (folder / "notes.txt").write_text("my own notes\n")
    os.chmod(folder, 0o755)
    before = snapshot(folder)

    with pytest.raises(DataFolderError) as raised:
        Workbook.open(folder, clock=clock)

    assert str(folder) in str(raised.value)
    assert folder.stat().st_mode & 0o777 == 0o755
    assert sorted(p.name for p in folder.iterdir()) == ["notes.txt"]
    assert snapshot(folder) == before


def test_a_file_in_place_of_the_folder_is_refused(tmp_path: Path, clock: ManualClock) -> None:
    target = tmp_path / "data"
    target.write_text("not a folder")
    with pytest.raises(DataFolderError) as raised:
        Workbook.open(target, clock=clock)
    assert str(target) in str(raised.value)
    assert target.read_text() == "not a folder"


def test_an_existing_empty_folder_is_used_without_changing_its_mode(
    tmp_path: Path, clock: ManualClock
) -> None:
    folder = tmp_path / "chosen"
    folder.mkdir()
    os.chmod(folder, 0o755)

    book = new_book(folder, clock)
    try:
        book.start("active-listening", SPEAKER_FIRST)
    finally:
        book.close()

    assert folder.stat().st_mode & 0o777 == 0o755
    assert (folder / "workbook.json").is_file()
    assert (folder / "workbook.json").stat().st_mode & 0o777 == 0o600


def test_a_first_open_that_failed_on_a_full_disk_can_be_retried(
    data_folder: Path, clock: ManualClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full(src: Any, dst: Any, **kwargs: Any) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(dst))

    with monkeypatch.context() as patch:
        patch.setattr(os, "replace", full)
        with pytest.raises(OSError):
            Workbook.open(data_folder, clock=clock)
    assert leftovers(data_folder) == []

    book = new_book(data_folder, clock)
    book.close()


def test_a_lost_empty_sessions_folder_is_made_again(data_folder: Path, clock: ManualClock) -> None:
    new_book(data_folder, clock).close()
    (data_folder / "sessions").rmdir()

    book = open_book(data_folder, clock)
    try:
        session = book.start("active-listening", SPEAKER_FIRST)
        assert book.load(session.id).session.step_id == "share"
    finally:
        book.close()
    assert (data_folder / "sessions").stat().st_mode & 0o777 == 0o700


def test_a_first_save_cut_short_leaves_a_folder_that_still_opens(
    data_folder: Path, clock: ManualClock
) -> None:
    """Killed while writing the very first ``workbook.json``: only the lock and a temp file
    are there. The next start uses the folder, and sweeps away temp files of dead writers."""
    data_folder.mkdir(mode=0o700)
    (data_folder / "lock").write_bytes(b"")
    (data_folder / ".workbook.json.4242.tmp").write_bytes(b'{"meta":{"1":{"schema')
    new_book(data_folder, clock).close()
    assert leftovers(data_folder) == []
    (data_folder / "sessions" / ".abc.json.4242.tmp").write_bytes(b"{")
    book = Workbook.open(data_folder, clock=clock)
    assert book.partners()["a"].name == "Alex"
    book.close()
    assert leftovers(data_folder) == []


@pytest.mark.parametrize(
    "where, damage",
    [
        ("workbook.json", lambda raw: b"{}"),
        ("workbook.json", lambda raw: b"[" * 100_000),
        ("workbook.json", lambda raw: b'{"meta": {"1": {"n": ' + b"9" * 5000 + b"}}}"),
        ("sessions", None),
        ("draft", None),
    ],
    ids=["no meta", "nested too deep", "a number too long", "sessions a file", "a bad draft"],
)
def test_odd_damage_is_named_at_the_door_and_left_alone(
    data_folder: Path, clock: ManualClock, where: str, damage: Any
) -> None:
    """Shapes TinyDB or Python would choke on, or that the app would otherwise fill in or
    pass over: each is a BadFile at open, and nothing is changed."""
    book = new_book(data_folder, clock)
    session = book.start("active-listening", SPEAKER_FIRST)
    book.save_draft(session.id, book.view(book.load(session.id)), "half a thought")
    book.close()
    if where == "sessions":
        sessions = data_folder / "sessions"
        for file in sessions.iterdir():
            file.unlink()
        sessions.rmdir()
        sessions.write_bytes(b"")
    elif where == "draft":
        path = session_file(data_folder, session.id)
        data = json.loads(path.read_bytes())
        next(iter(data["draft"].values()))["mood"] = "tired"
        path.write_text(json.dumps(data))
    else:
        path = data_folder / where
        path.write_bytes(damage(path.read_bytes()))
    before = snapshot(data_folder)
    with pytest.raises(BadFile):
        Workbook.open(data_folder, clock=clock)
    after = snapshot(data_folder)
    assert {k: v[0] for k, v in after.items()} == {k: v[0] for k, v in before.items()}
