"""Backups: a generation copies what changed and hard-links the rest, with a manifest; nothing
changed makes none; the newest ten stay and keepings are never rotated away; every file and
folder is private; a crash leaves no generation that looks whole; and a menu's reveal erases
the partners' marks and drafts from every copy under ``backups/``, byte for byte."""

from __future__ import annotations

import errno
import hashlib
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.unit.privacy_exercises import TINY_MENU
from workbook import backups, vault
from workbook.aside import copy_aside, new_keeping
from workbook.backend import Backend
from workbook.backup_list import generations, keepings, newest, newest_good
from workbook.backups import Backups
from workbook.book import Workbook
from workbook.clock import ManualClock
from workbook.content import Library
from workbook.layout import BACKUPS_FOLDER, INDEX_FILE, WORKBOOK_FILE, data_file_names
from workbook.storage import SEALED_MARK, read_data
from workbook.store import Store

MARKS_A = {"Sunrise walk": "yes", "Cook together": "maybe", "Slow dance": "no", "Read aloud": "yes"}
MARKS_B = {"Sunrise walk": "maybe", "Cook together": "no", "Slow dance": "yes", "Read aloud": "yes"}
#: What must be gone from every byte under backups/ after the reveal: the items neither
#: shares, a "maybe" (no one's marks stay), and the words of drafts typed before it.
PRIVATE = (b"Cook together", b"Slow dance", b"maybe", b"thinking it over", b"half a thought")


@pytest.fixture
def book(lib: Library, data_folder: Path) -> Iterator[Workbook]:
    """A workbook on disk (Alex and Sam), with the exercises built for the privacy tests."""
    made = Workbook.open(data_folder, ManualClock(), library=lib)
    made.set_partners("Alex", "Sam")
    yield made
    made.close()


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def rename(book: Workbook, name: str) -> None:
    """A change to ``workbook.json`` alone."""
    book.set_partners(name, "Sam")


def start_menu(book: Workbook) -> str:
    return book.start(TINY_MENU.id, {"first": "a", "second": "b"}).id


def draft(book: Workbook, session_id: str, text: str) -> None:
    book.save_draft(session_id, book.view(book.load(session_id)), text)


def under_backups(folder: Path) -> list[Path]:
    return sorted((folder / BACKUPS_FOLDER).rglob("*"))


# -- what a generation holds ---------------------------------------------------------------


def test_the_first_backup_copies_every_file_with_its_hash_in_the_manifest(
    book: Workbook, data_folder: Path
) -> None:
    start_menu(book)
    made = book.back_up()
    assert made is not None
    names = data_file_names(data_folder)
    assert names[:2] == [WORKBOOK_FILE, INDEX_FILE] and len(names) == 3
    assert data_file_names(made.path) == names
    assert made.files == {name: sha(data_folder / name) for name in names}
    assert set(made.changed) == set(names)
    for name in names:
        assert (made.path / name).read_bytes() == (data_folder / name).read_bytes()
    assert newest(data_folder) == made
    # A generation reads like the data folder itself.
    store = Store(Backend(made.path, read_only=True))
    assert [p.name for p in store.partners()] == ["Alex", "Sam"]


def test_a_changed_file_is_copied_and_an_unchanged_one_linked(
    book: Workbook, data_folder: Path
) -> None:
    session_id = start_menu(book)
    first = book.back_up()
    rename(book, "Alexa")
    second = book.back_up()
    assert first is not None and second is not None
    assert second.name > first.name
    assert second.changed == (WORKBOOK_FILE,)
    assert set(second.files) == set(first.files)
    session = f"sessions/{session_id}.json"
    for name in (INDEX_FILE, session):
        assert (second.path / name).stat().st_ino == (first.path / name).stat().st_ino
        assert second.files[name] == first.files[name]
    assert (second.path / WORKBOOK_FILE).stat().st_ino != (first.path / WORKBOOK_FILE).stat().st_ino
    assert (
        second.files[WORKBOOK_FILE]
        == sha(data_folder / WORKBOOK_FILE)
        != first.files[WORKBOOK_FILE]
    )
    assert [g.name for g in generations(data_folder)] == [second.name, first.name]
    # Read back from disk, the manifest says the same.
    assert newest(data_folder) == second


def test_nothing_changed_makes_no_generation(book: Workbook, data_folder: Path) -> None:
    assert book.back_up() is not None
    assert book.back_up() is None
    assert len(generations(data_folder)) == 1


def test_a_copy_that_cannot_be_linked_is_copied(
    book: Workbook, data_folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    start_menu(book)
    first = book.back_up()
    rename(book, "Alexa")
    monkeypatch.setattr(backups.os, "link", _refuse)
    second = book.back_up()
    assert first is not None and second is not None
    for name in second.files:
        assert (second.path / name).stat().st_ino != (first.path / name).stat().st_ino
        assert (second.path / name).read_bytes() == (data_folder / name).read_bytes()


def _refuse(*_: object, **__: object) -> None:
    raise OSError(errno.EXDEV, "Invalid cross-device link")


def test_a_copy_sealed_since_its_hash_was_taken_is_not_linked(
    book: Workbook, data_folder: Path
) -> None:
    """Say the copy in the newest generation was sealed since by ``vault`` (which leaves the
    manifest as it was): its size no longer fits, so the next backup copies the live file."""
    first = book.back_up()
    assert first is not None
    copy = first.path / WORKBOOK_FILE
    copy.write_bytes(SEALED_MARK + copy.read_bytes())
    rename(book, "Alexa")
    rename(book, "Alex")
    assert sha(data_folder / WORKBOOK_FILE) == first.files[WORKBOOK_FILE]  # as it was then
    second = book.back_up()
    assert second is not None and second.changed == ()
    assert (second.path / WORKBOOK_FILE).read_bytes() == (data_folder / WORKBOOK_FILE).read_bytes()
    assert (second.path / WORKBOOK_FILE).stat().st_ino != copy.stat().st_ino


# -- rotation, keepings, modes --------------------------------------------------------------


def test_eleven_changes_keep_the_newest_ten_and_every_keeping(
    book: Workbook, data_folder: Path
) -> None:
    damaged = new_keeping(data_folder, "damaged")
    copy_aside(data_folder, [WORKBOOK_FILE], damaged)
    before = new_keeping(data_folder, "before-v2")
    copy_aside(data_folder, [WORKBOOK_FILE], before)
    made = []
    for number in range(11):
        rename(book, f"Alex {number}")
        generation = book.back_up()
        assert generation is not None
        made.append(generation.name)
    assert len(set(made)) == 11
    assert [g.name for g in generations(data_folder)] == made[:0:-1]
    assert not (data_folder / BACKUPS_FOLDER / made[0]).exists()
    assert keepings(data_folder) == sorted([damaged, before], reverse=True)
    assert (damaged / WORKBOOK_FILE).is_file() and (before / WORKBOOK_FILE).is_file()


def test_every_file_under_backups_is_private(book: Workbook, data_folder: Path) -> None:
    start_menu(book)
    book.back_up()
    rename(book, "Alexa")
    book.back_up()
    found = [data_folder / BACKUPS_FOLDER, *under_backups(data_folder)]
    assert len(found) > 8
    for path in found:
        mode = stat.S_IMODE(path.lstat().st_mode)
        assert mode == (0o700 if path.is_dir() else 0o600), path


def test_the_clock_going_back_still_makes_the_newest_sort_last(
    book: Workbook, data_folder: Path
) -> None:
    clock = book.clock
    assert isinstance(clock, ManualClock)
    first = book.back_up()
    clock.advance(-30 * 3600)
    rename(book, "Alexa")
    second = book.back_up()
    assert first is not None and second is not None
    assert newest(data_folder) == second and second.name > first.name


# -- a crash part way ------------------------------------------------------------------------


def test_a_failure_part_way_leaves_no_generation_and_nothing_half_made(
    book: Workbook, data_folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    start_menu(book)
    monkeypatch.setattr(backups, "write_atomically", _disk_full_at_the_manifest)
    with pytest.raises(OSError, match="No space"):
        book.back_up()
    assert generations(data_folder) == []
    assert [p.name for p in (data_folder / BACKUPS_FOLDER).iterdir()] == []


def _disk_full_at_the_manifest(path: Path, payload: bytes) -> None:
    if path.name == backups.MANIFEST_FILE:
        raise OSError(errno.ENOSPC, "No space left on device")
    from workbook.storage import write_atomically

    write_atomically(path, payload)


def test_a_backup_killed_part_way_is_cleared_by_the_next(
    book: Workbook, data_folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Killed, the process could not clear up: what it left is hidden, never taken for a
    generation, and the next backup removes it."""
    start_menu(book)
    monkeypatch.setattr(backups, "write_atomically", _disk_full_at_the_manifest)
    monkeypatch.setattr(Backups, "_drop", lambda self, path: None)  # died before clearing up
    with pytest.raises(OSError):
        book.back_up()
    monkeypatch.undo()
    left = [p.name for p in (data_folder / BACKUPS_FOLDER).iterdir()]
    assert len(left) == 1 and left[0].startswith(backups.MAKING)
    assert generations(data_folder) == [] and keepings(data_folder) == []
    assert newest(data_folder) is None
    made = book.back_up()
    assert made is not None
    assert [p.name for p in (data_folder / BACKUPS_FOLDER).iterdir()] == [made.name]


def test_newest_good_skips_what_the_check_refuses(book: Workbook, data_folder: Path) -> None:
    first = book.back_up()
    rename(book, "Alexa")
    second = book.back_up()
    assert first is not None and second is not None
    assert newest_good(data_folder, lambda path: True) == second
    assert newest_good(data_folder, lambda path: path != second.path) == first
    assert newest_good(data_folder, lambda path: False) is None


def test_a_workbook_in_memory_or_read_only_has_no_backups(
    library: Library, data_folder: Path
) -> None:
    assert Workbook.in_memory(library).back_up() is None
    Workbook.open(data_folder, library=library).close()
    assert Workbook.open_read_only(data_folder, library).back_up() is None
    assert not (data_folder / BACKUPS_FOLDER).exists()


# -- a menu's marks go from the backups too ---------------------------------------------------


def test_a_menu_reveal_erases_marks_and_drafts_from_every_backup(
    book: Workbook, data_folder: Path
) -> None:
    session_id = start_menu(book)
    draft(book, session_id, "thinking it over")
    book.back_up()  # the first partner's draft
    book.submit(session_id, MARKS_A)
    draft(book, session_id, "half a thought")
    book.back_up()  # the first partner's marks, the second's draft
    rename(book, "Alexa")
    book.back_up()  # the same session file, hard-linked
    aside = new_keeping(data_folder, "moved-aside")  # as a restore keeps the data it replaces
    copy_aside(data_folder, data_file_names(data_folder), aside)
    held = b"".join(p.read_bytes() for p in under_backups(data_folder) if p.is_file())
    assert all(private in held for private in PRIVATE)  # so the search below can find them

    book.submit(session_id, MARKS_B)  # the reveal

    for path in under_backups(data_folder):
        if path.is_file():
            raw = path.read_bytes()
            for private in PRIVATE:
                assert private not in raw, (path, private)
    session = f"sessions/{session_id}.json"
    for generation in generations(data_folder):
        assert generation.files[session] == sha(generation.path / session)
        store = Store(Backend(generation.path, read_only=True))
        assert store.draft(session_id) is None
        values = [t.value for t in store.turns(session_id)]
        assert values in ([], [["Sunrise walk", "Read aloud"]])
    # The purged copies are read as whole generations: the next backup links nothing stale.
    made = book.back_up()
    assert made is not None and session in made.changed


def test_a_reveal_after_a_pass_still_erases_the_drafts_from_backups(
    book: Workbook, data_folder: Path
) -> None:
    session_id = start_menu(book)
    book.pass_turn(session_id)  # the first partner passes: there are no marks to rewrite
    draft(book, session_id, "half a thought")
    book.back_up()
    move = book.submit(session_id, MARKS_B)
    assert move.revealed == "menu" and move.rewritten == ()
    for path in under_backups(data_folder):
        if path.is_file():
            assert b"half a thought" not in path.read_bytes()


def test_a_copy_that_cannot_be_rewritten_is_deleted(
    book: Workbook, data_folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    session_id = start_menu(book)
    book.submit(session_id, MARKS_A)
    made = book.back_up()
    assert made is not None
    monkeypatch.setattr(backups, "write_data", _no_space)
    book.submit(session_id, MARKS_B)  # the answer is saved; the copy with marks is gone
    session = f"sessions/{session_id}.json"
    assert not (made.path / session).exists()
    assert session not in newest(data_folder).files  # type: ignore[union-attr]
    assert [t.partner for t in book.store.turns(session_id)] == ["a", "b"]


def _no_space(*_: object) -> None:
    raise OSError(errno.ENOSPC, "No space left on device")


def test_other_steps_leave_the_backups_alone(book: Workbook, data_folder: Path) -> None:
    session_id = start_menu(book)
    book.submit(session_id, MARKS_A)
    made = book.back_up()
    assert made is not None
    before = {p: p.read_bytes() for p in under_backups(data_folder) if p.is_file()}
    book.pause(session_id)
    rename(book, "Alexa")
    assert {p: p.read_bytes() for p in under_backups(data_folder) if p.is_file()} == before


def test_a_copy_that_holds_no_marks_is_left_as_it_is(book: Workbook, data_folder: Path) -> None:
    session_id = start_menu(book)
    made = book.back_up()  # before anyone marked anything
    assert made is not None
    copy = made.path / f"sessions/{session_id}.json"
    before = (copy.read_bytes(), copy.stat().st_ino)
    book.submit(session_id, MARKS_A)
    book.submit(session_id, MARKS_B)
    assert (copy.read_bytes(), copy.stat().st_ino) == before


def test_an_encrypted_workbook_purges_its_backups_and_they_stay_sealed(
    lib: Library, data_folder: Path
) -> None:
    plain = Workbook.open(data_folder, ManualClock(), library=lib)
    plain.set_partners("Alex", "Sam")
    plain.close()
    vault.encrypt(data_folder, "lantern over the quiet harbour", vault.Cost(n=2**4, r=1, p=1))
    codec = vault.unlock(data_folder, "lantern over the quiet harbour")
    book = Workbook.open(data_folder, ManualClock(), library=lib, codec=codec)
    try:
        session_id = start_menu(book)
        book.submit(session_id, MARKS_A)
        made = book.back_up()
        assert made is not None
        book.submit(session_id, MARKS_B)
    finally:
        book.close()
    name = f"sessions/{session_id}.json"
    for path in under_backups(data_folder):
        if path.is_file() and path.name != backups.MANIFEST_FILE:
            assert path.read_bytes().startswith(SEALED_MARK), path
    data = read_data(made.path / name, name, codec)
    assert data is not None
    assert [t["value"] for t in data["turns"].values()] == [["Sunrise walk", "Read aloud"]]
    assert newest(data_folder).files[name] == sha(made.path / name)  # type: ignore[union-attr]


def test_encryption_turned_on_in_the_app_seals_what_the_purge_writes(
    book: Workbook, data_folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(vault, "REAL_COST", vault.Cost(n=2**4, r=1, p=1))
    session_id = start_menu(book)
    book.submit(session_id, MARKS_A)
    made = book.back_up()
    assert made is not None
    book.encrypt("lantern over the quiet harbour")
    book.submit(session_id, MARKS_B)  # the purge rewrites the copies: sealed, as the data
    for path in under_backups(data_folder):
        if path.is_file() and path.name != backups.MANIFEST_FILE:
            assert path.read_bytes().startswith(SEALED_MARK), path
    name = f"sessions/{session_id}.json"
    data = read_data(made.path / name, name, book.store.codec)  # rewritten, not deleted
    assert data is not None
    assert [t["value"] for t in data["turns"].values()] == [["Sunrise walk", "Read aloud"]]
