"""Encryption at rest: a round trip, a wrong passphrase changing nothing, no plaintext left in
any file, the recovery key, a change of passphrase locking out the old one (backups too), and
turning it off. Cheap scrypt everywhere except one test."""

from __future__ import annotations

import base64
import json
from pathlib import Path

import pytest

from tests.unit.store_files import SPEAKER_FIRST, files_under, new_book, snapshot
from workbook import vault
from workbook.aside import copy_aside, new_keeping
from workbook.book import Workbook
from workbook.clock import ManualClock
from workbook.errors import BadFile
from workbook.layout import data_file_names
from workbook.sealing import Sealed
from workbook.storage import SEALED_MARK, read_raw

CHEAP = vault.Cost(n=2**4, r=1, p=1)
ANSWER = "Our first walk by the canal, MARIGOLD"
PASSPHRASE = "lantern over the quiet harbour"


@pytest.fixture
def folder(data_folder: Path, clock: ManualClock) -> Path:
    """A workbook with one answer in it and one backup copy of it."""
    book = new_book(data_folder, clock)
    session = book.start("active-listening", SPEAKER_FIRST)
    book.submit(session.id, ANSWER)
    book.close()
    copy_aside(data_folder, data_file_names(data_folder), new_keeping(data_folder, "copy"))
    return data_folder


def answers(folder: Path, codec: Sealed | None = None) -> list[str]:
    book = Workbook.open(folder, codec=codec) if codec else Workbook.open(folder)
    try:
        return [t.value for s in book.store.index() for t in book.store.turns(s.id)]
    finally:
        book.close()


def data_files(folder: Path) -> list[Path]:
    return [p for p in files_under(folder) if p.suffix == ".json" and p.name != "key.json"]


def test_encrypted_data_reads_back_with_the_passphrase(folder: Path) -> None:
    vault.encrypt(folder, PASSPHRASE, CHEAP)
    assert answers(folder, vault.unlock(folder, PASSPHRASE)) == [ANSWER]


def test_no_file_holds_an_answer_a_name_or_the_unwrapped_key(folder: Path) -> None:
    vault.encrypt(folder, PASSPHRASE, CHEAP)
    codec = vault.unlock(folder, PASSPHRASE)
    [key] = codec.keys.values()
    secrets = [b"MARIGOLD", b"Alex", b"Sam", key, key.hex().encode(), base64.b64encode(key)]
    everything = files_under(folder)
    assert len(data_files(folder)) >= 6  # the data files and their copy under backups/
    for path in everything:
        raw = path.read_bytes()
        assert not [s for s in secrets if s in raw], path
    for path in data_files(folder):
        assert path.read_bytes().startswith(SEALED_MARK), path


def test_a_wrong_passphrase_changes_nothing(folder: Path) -> None:
    vault.encrypt(folder, PASSPHRASE, CHEAP)
    before = snapshot(folder)
    with pytest.raises(vault.WrongPassphrase):
        vault.unlock(folder, "lantern over the quiet harbor")
    assert snapshot(folder) == before


def test_the_recovery_key_opens_the_data_however_it_is_typed(folder: Path) -> None:
    recovery = vault.encrypt(folder, PASSPHRASE, CHEAP)
    typed = " ".join(recovery.lower().split("-"))
    assert answers(folder, vault.unlock(folder, typed)) == [ANSWER]


def test_without_a_key_a_sealed_file_is_refused_not_read(folder: Path) -> None:
    vault.encrypt(folder, PASSPHRASE, CHEAP)
    before = snapshot(folder)
    with pytest.raises(BadFile) as refused:
        Workbook.open(folder)
    assert refused.value.kind == "sealed"
    assert snapshot(folder) == before


def test_a_plain_file_in_an_encrypted_workbook_is_refused(folder: Path) -> None:
    vault.encrypt(folder, PASSPHRASE, CHEAP)
    codec = vault.unlock(folder, PASSPHRASE)
    index = folder / "index.json"
    index.write_bytes(codec.unseal(index, "index.json", index.read_bytes()))
    with pytest.raises(BadFile) as refused:
        Workbook.open_read_only(folder, codec=codec).store.index()
    assert refused.value.kind == "unsealed"


def test_after_a_change_the_old_passphrase_opens_neither_data_nor_backups(folder: Path) -> None:
    recovery = vault.encrypt(folder, PASSPHRASE, CHEAP)
    old = vault.unlock(folder, PASSPHRASE)
    new_recovery = vault.change_passphrase(folder, old, "a new song for the morning", CHEAP)
    for secret in (PASSPHRASE, recovery):
        with pytest.raises(vault.WrongPassphrase):
            vault.unlock(folder, secret)
    old_only = Sealed(old.keys, old.current)
    for path in data_files(folder):
        name = str(path.relative_to(folder))
        name = name if "backups" not in name else name.split("/", 2)[2]
        with pytest.raises(BadFile):
            old_only.unseal(path, name, path.read_bytes())
    assert json.loads((folder / "key.json").read_text())["state"] == "sealed"
    assert answers(folder, vault.unlock(folder, "a new song for the morning")) == [ANSWER]
    assert answers(folder, vault.unlock(folder, new_recovery)) == [ANSWER]


def test_decrypt_gives_back_plain_files(folder: Path) -> None:
    plain = {p: p.read_bytes() for p in data_files(folder)}
    vault.encrypt(folder, PASSPHRASE, CHEAP)
    vault.decrypt(folder, vault.unlock(folder, PASSPHRASE))
    assert not (folder / "key.json").exists()
    for path, raw in plain.items():
        assert json.loads(path.read_bytes()) == json.loads(raw), path
    assert answers(folder) == [ANSWER]


@pytest.mark.parametrize("stop_after", [0, 1, 3])
def test_sealing_cut_short_is_finished_by_the_next_unlock(
    folder: Path, monkeypatch: pytest.MonkeyPatch, stop_after: int
) -> None:
    calls = {"n": 0}
    real = vault.write_atomically

    def fail_later(path: Path, payload: bytes) -> None:
        if path.name != "key.json":
            if calls["n"] == stop_after:
                raise OSError(28, "No space left on device")
            calls["n"] += 1
        real(path, payload)

    monkeypatch.setattr(vault, "write_atomically", fail_later)
    with pytest.raises(OSError):
        vault.encrypt(folder, PASSPHRASE, CHEAP)
    monkeypatch.undo()
    codec = vault.unlock(folder, PASSPHRASE)
    vault.finish(folder, codec)
    assert all(read_raw(p).startswith(SEALED_MARK) for p in data_files(folder))  # type: ignore[union-attr]
    assert answers(folder, vault.unlock(folder, PASSPHRASE)) == [ANSWER]


def test_real_scrypt_cost_round_trip(folder: Path) -> None:
    """The one test with the cost real passphrases get."""
    vault.encrypt(folder, PASSPHRASE, vault.REAL_COST)
    wraps = json.loads((folder / "key.json").read_text())["wraps"]
    assert {w["cost"]["n"] for w in wraps} == {2**17}
    assert answers(folder, vault.unlock(folder, PASSPHRASE)) == [ANSWER]


# -- changes cut short, and what could be left behind (from the review of issue 7) ---------


def test_turning_off_cut_short_then_finished_saves_plain(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    vault.encrypt(folder, PASSPHRASE, CHEAP)
    real = vault.write_atomically

    def full_after_one(path: Path, payload: bytes, calls: list[int] = []) -> None:  # noqa: B006
        if path.name != "key.json":
            if calls:
                raise OSError(28, "No space left on device")
            calls.append(1)
        real(path, payload)

    monkeypatch.setattr(vault, "write_atomically", full_after_one)
    with pytest.raises(OSError):
        vault.decrypt(folder, vault.unlock(folder, PASSPHRASE))
    monkeypatch.undo()
    codec = vault.finish(folder, vault.unlock(folder, PASSPHRASE))  # as the app's start does
    assert not (folder / "key.json").exists()
    book = Workbook.open(folder, codec=codec)  # type: ignore[arg-type]
    book.set_partners("Alex", "Robin")
    book.close()
    assert not (folder / "workbook.json").read_bytes().startswith(SEALED_MARK)
    assert answers(folder) == [ANSWER]


def test_a_file_that_cannot_be_read_stops_encryption_before_anything_is_written(
    folder: Path, tmp_path: Path
) -> None:
    session = next((folder / "sessions").glob("*.json"))
    (tmp_path / "elsewhere.json").write_bytes(session.read_bytes())
    session.unlink()
    session.symlink_to(tmp_path / "elsewhere.json")
    before = snapshot(folder)
    with pytest.raises(BadFile):
        vault.encrypt(folder, PASSPHRASE, CHEAP)
    assert snapshot(folder) == before
    assert not (folder / "key.json").exists()


def test_the_recovery_key_is_given_before_sealing_so_a_cut_short_one_has_it(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    given: list[str] = []
    real = vault.write_atomically

    def full(path: Path, payload: bytes) -> None:
        if path.name != "key.json":
            raise OSError(28, "No space left on device")
        real(path, payload)

    monkeypatch.setattr(vault, "write_atomically", full)
    with pytest.raises(OSError):
        vault.encrypt(folder, PASSPHRASE, CHEAP, shown=given.append)
    monkeypatch.undo()
    assert len(given) == 1
    vault.finish(folder, vault.unlock(folder, given[0]))
    assert answers(folder, vault.unlock(folder, PASSPHRASE)) == [ANSWER]


def test_sealing_leaves_no_plain_temp_scratch_or_manifest_behind(folder: Path) -> None:
    words = ANSWER.encode()
    (folder / ".workbook.json.999.tmp").write_bytes(words)
    scratch = folder / "backups" / ".making-999-1"
    scratch.mkdir(parents=True)
    (scratch / "workbook.json").write_bytes(words)
    [copy] = [p for p in (folder / "backups").iterdir() if not p.name.startswith(".")]
    (copy / ".index.json.999.tmp").write_bytes(words)
    (copy / "manifest.json").write_text('{"files": {"workbook.json": "abc"}}')
    vault.encrypt(folder, PASSPHRASE, CHEAP)
    left = [p for p in files_under(folder) if b"MARIGOLD" in p.read_bytes()]
    assert left == []
    assert not (copy / "manifest.json").exists()


@pytest.mark.parametrize(
    "damage",
    [
        lambda text: text[: len(text) // 2],
        lambda text: text.replace('"n": 16', '"n": 3'),
        lambda text: text.replace('"salt": "', '"salt": "!!'),
    ],
    ids=["cut short", "a cost scrypt refuses", "a salt that is not base64"],
)
def test_a_damaged_key_file_is_a_bad_file_not_a_crash(folder: Path, damage: object) -> None:
    vault.encrypt(folder, PASSPHRASE, CHEAP)
    key = folder / "key.json"
    key.write_text(damage(key.read_text()))  # type: ignore[operator]
    with pytest.raises(BadFile) as refused:
        vault.unlock(folder, PASSPHRASE)
    assert refused.value.path == str(key)
