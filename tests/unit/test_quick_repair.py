"""The quick repair the app opens with (``Workbook.open(quick_repair=True)``): what a crash
leaves behind is repaired at open from the files' times alone, and the full look the app takes
after its first screen (``disagreements``) finds whatever the times do not tell.

A crash between the session file and the index is made by putting the index's bytes and time
back as they were before a save."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.unit.store_files import SPEAKER_FIRST, new_book, open_book, session_file
from workbook.book import Workbook
from workbook.clock import ManualClock
from workbook.errors import BadFile


def _talk(folder: Path, clock: ManualClock) -> str:
    """A workbook with two talks under way; the first one's id."""
    book = new_book(folder, clock)
    first = book.start("active-listening", SPEAKER_FIRST).id
    book.submit(first, "what happened")
    book.start("active-listening", SPEAKER_FIRST)
    book.close()
    return first


def _crash_before_the_index(folder: Path, clock: ManualClock, session_id: str) -> None:
    """A save of ``session_id`` that reached its file but not the index."""
    index = folder / "index.json"
    before, times = index.read_bytes(), index.stat()
    book = open_book(folder, clock)
    book.submit(session_id, "what I heard")
    book.close()
    index.write_bytes(before)
    os.utime(index, ns=(times.st_atime_ns, times.st_mtime_ns))


def _step(book: Workbook, session_id: str) -> str:
    return next(e.step_id for e in book.open_sessions() if e.id == session_id)


def written_after(folder: Path, ns: int) -> None:
    """``index.json`` and ``workbook.json`` as if last written at ``ns``."""
    for name in ("index.json", "workbook.json"):
        os.utime(folder / name, ns=(ns, ns))


def test_a_crash_before_the_index_is_repaired_at_a_quick_open(
    data_folder: Path, clock: ManualClock
) -> None:
    first = _talk(data_folder, clock)
    _crash_before_the_index(data_folder, clock, first)
    book = Workbook.open(data_folder, clock=clock, quick_repair=True)
    try:
        assert book.repaired_quickly
        assert _step(book, first) == book.store.session(first).step_id
        assert book.disagreements() == 0
    finally:
        book.close()


def test_a_quick_open_reads_no_session_file_the_times_clear(
    data_folder: Path, clock: ManualClock
) -> None:
    _talk(data_folder, clock)
    book = Workbook.open(data_folder, clock=clock)
    since = max(p.stat().st_mtime_ns for p in (data_folder / "sessions").iterdir())
    book.close()  # the sitting is written last: every session file is older than it
    written_after(data_folder, since + 10**9)
    book = Workbook.open(data_folder, clock=clock, quick_repair=True)
    try:
        assert book.store.suspects() == set()
    finally:
        book.close()


def test_the_full_look_finds_what_the_times_hide(data_folder: Path, clock: ManualClock) -> None:
    first = _talk(data_folder, clock)
    _crash_before_the_index(data_folder, clock, first)
    later = (data_folder / "sessions").stat().st_mtime_ns + 10**12  # a clock set back, say
    written_after(data_folder, later)
    book = Workbook.open(data_folder, clock=clock, quick_repair=True)
    try:
        assert _step(book, first) == "mirror"  # as before that save: unseen by the quick repair
        assert book.disagreements() == 1
        book.repair()
        assert _step(book, first) == book.store.session(first).step_id
        assert book.disagreements() == 0
    finally:
        book.close()


def test_a_damaged_session_file_is_named_by_the_full_look(
    data_folder: Path, clock: ManualClock
) -> None:
    first = _talk(data_folder, clock)
    path = session_file(data_folder, first)
    raw, times = path.read_bytes(), path.stat()
    path.write_bytes(raw[: len(raw) // 2])
    os.utime(path, ns=(times.st_atime_ns, times.st_mtime_ns - 10**9))  # as before the index
    book = Workbook.open(data_folder, clock=clock, quick_repair=True)
    try:
        with pytest.raises(BadFile) as found:
            book.disagreements()
        assert found.value.kind == "truncated"
        assert path.read_bytes() == raw[: len(raw) // 2]  # left as it was
    finally:
        book.close()
