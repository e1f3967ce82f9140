"""Acceptance 3 of issue 8: ``workbook backup --to FILE`` and ``workbook restore --from FILE``.
A round trip, plain and encrypted, gives back every file byte for byte and passes ``workbook
check``; an encrypted archive holds no word and no name; a folder that is not empty, a changed,
cut or crafted archive, an existing file and an open app are each refused, changing nothing."""

from __future__ import annotations

import hashlib
import io
import json
import os
import stat
import tarfile
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from tests.unit.own_words import ALEX_APPRECIATES, SAM_APPRECIATES, appreciations
from tests.unit.test_cli import make_workbook
from workbook import move, vault
from workbook.book import Workbook
from workbook.check_ins import CHECK_IN_EXERCISE
from workbook.cli import main
from workbook.content import Library
from workbook.models import SCHEMA_VERSION
from workbook.storage import PLAIN, Codec

WORDING = "We say where we are going before we leave."
UNFINISHED = "We put the phones away at dinner."
NOTE = "A gentle week with long walks."
NAMES = ("Marguerite", "Bartholomew")
OWN = 'id = "our-evening"\n'
PASSPHRASE = "steady lantern"
#: What a move carries and leaves: the lock and backups/ stay behind.
LEFT_BEHIND = ("lock", "backups")


@pytest.fixture(autouse=True)
def cheap_scrypt(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(vault, "REAL_COST", vault.Cost(n=2**4, r=1, p=1))


def run(*args: str | Path, given: str = "") -> Result:
    return CliRunner().invoke(main, [str(arg) for arg in args], given)


def sealed(*args: str | Path) -> Result:
    """``args`` run with the passphrase given on standard input."""
    return run(*args, "--passphrase-stdin", given=f"{PASSPHRASE}\n")


@pytest.fixture
def source(tmp_path: Path, library: Library) -> Path:
    """A workbook with an agreement, a finished Appreciations, a check-in, an unfinished
    session, a backup and one of the couple's own exercises."""
    folder = tmp_path / "old-computer"
    make_workbook(folder, WORDING)
    book = Workbook.open(folder, library=library)
    try:
        book.set_partners(*NAMES)
        appreciations(book)
        checked_in = book.start(CHECK_IN_EXERCISE, {"first": "a", "second": "b"})
        book.submit(checked_in.id, {"trust": "6", "safety": "", "closeness": "7", "note": NOTE})
        book.submit(checked_in.id, {"trust": "5", "safety": "4", "closeness": "", "note": ""})
        unfinished = book.start("boundary-drafting", {"proposer": "b", "responder": "a"})
        book.submit(unfinished.id, UNFINISHED)
        assert book.back_up() is not None
    finally:
        book.close()
    (folder / "exercises").mkdir()
    (folder / "exercises" / "our-evening.toml").write_text(OWN)
    return folder


def moved_files(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` a move carries, by its path inside the folder."""
    return {
        str(p.relative_to(folder)): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.relative_to(folder).parts[0] not in LEFT_BEHIND
    }


def contents(folder: Path, library: Library, codec: Codec = PLAIN) -> tuple[Any, ...]:
    """The agreements, check-ins, partners, sessions and every session's turns, as the app
    reads them."""
    book = Workbook.open_read_only(folder, library, codec)
    try:
        sessions = {e.id: book.load(e.id) for e in book.store.index()}
        return (
            [a.model_dump() for a in book.agreements()],
            [c.model_dump() for c in book.store.check_ins()],
            {p: partner.name for p, partner in book.partners().items()},
            {
                i: (o.session.model_dump(), [t.model_dump() for t in o.turns])
                for i, o in sessions.items()
            },
        )
    finally:
        book.close()


def private(path: Path) -> bool:
    """0700 for folders and 0600 for files, everywhere under (and at) ``path``."""
    entries = [path, *path.rglob("*")]
    return all(
        stat.S_IMODE(os.lstat(p).st_mode) == (0o700 if p.is_dir() else 0o600) for p in entries
    )


def back_up(folder: Path, archive: Path, *extra: str) -> Result:
    return run("--data", folder, "backup", "--to", archive, *extra)


def restore(archive: Path, folder: Path) -> Result:
    return run("--data", folder, "restore", "--from", archive)


@pytest.mark.parametrize("target_there", [False, True], ids=["missing", "empty"])
def test_a_round_trip_gives_back_every_file(
    source: Path, tmp_path: Path, library: Library, target_there: bool
) -> None:
    archive, target = tmp_path / "move.tar", tmp_path / "new-computer" / "workbook"
    if target_there:
        target.mkdir(parents=True, mode=0o755)
    written = back_up(source, archive)
    assert written.exit_code == 0, written.output
    assert "7 file(s), 4 session(s)" in written.stdout
    assert "This archive is not encrypted: keep it somewhere safe" in written.stdout
    assert stat.S_IMODE(archive.stat().st_mode) == 0o600
    assert WORDING.encode() in archive.read_bytes()  # plain: what the encrypted test rules out
    restored = restore(archive, target)
    assert restored.exit_code == 0, restored.output
    assert f"into {target}" in restored.stdout and "4 session(s)" in restored.stdout
    checked = run("--data", target, "check")
    assert checked.exit_code == 0, checked.output
    assert "Sessions: 4" in checked.stdout and "Agreements: 1" in checked.stdout
    assert "Check-ins: 1" in checked.stdout
    assert moved_files(target) == moved_files(source)
    assert "exercises/our-evening.toml" in moved_files(target)
    assert sorted(p.name for p in target.iterdir()) == [
        "exercises",
        "index.json",
        "sessions",
        "workbook.json",
    ]
    assert contents(target, library) == contents(source, library)
    assert private(target.parent / "workbook")
    assert [p.name for p in target.parent.iterdir()] == ["workbook"]  # no scratch left


def test_an_encrypted_workbook_moves_sealed(source: Path, tmp_path: Path, library: Library) -> None:
    assert sealed("--data", source, "encrypt").exit_code == 0
    archive, target = tmp_path / "move.tar", tmp_path / "new-computer"
    written = back_up(source, archive)
    assert written.exit_code == 0, written.output
    assert "This archive is encrypted" in written.stdout
    assert "Your own exercises (1 file(s))" in written.stdout
    raw = archive.read_bytes()
    for secret in (WORDING, UNFINISHED, NOTE, ALEX_APPRECIATES, SAM_APPRECIATES, *NAMES):
        assert secret.encode() not in raw
    restored = restore(archive, target)
    assert restored.exit_code == 0, restored.output
    assert "open it with the same passphrase" in restored.stdout
    assert moved_files(target) == moved_files(source)
    assert (target / "key.json").is_file()
    checked = sealed("--data", target, "check")
    assert checked.exit_code == 0, checked.output
    listed = sealed("--data", target, "agreements", "--json")
    assert [a["text"] for a in json.loads(listed.stdout)] == [WORDING]
    assert "Check-ins: 1" in checked.stdout
    codec = vault.unlock(target, PASSPHRASE)
    assert contents(target, library, codec) == contents(source, library, codec)
    assert private(target)


def test_the_same_workbook_makes_the_same_archive(source: Path, tmp_path: Path) -> None:
    first, second = tmp_path / "one.tar", tmp_path / "two.tar"
    assert back_up(source, first).exit_code == back_up(source, second).exit_code == 0
    assert first.read_bytes() == second.read_bytes()
    with tarfile.open(first) as tar:
        members = tar.getmembers()
    names = [m.name for m in members]
    assert names[:3] == ["manifest.json", "workbook.json", "index.json"]
    assert names[3:7] == sorted(f"sessions/{p.name}" for p in (source / "sessions").iterdir())
    assert names[7:] == ["exercises/our-evening.toml"]
    assert all(m.isreg() and m.mode == 0o600 and m.mtime == 0 and m.uid == 0 for m in members)


def test_backup_is_refused_while_the_app_runs(source: Path, tmp_path: Path) -> None:
    book = Workbook.open(source)
    try:
        refused = back_up(source, tmp_path / "move.tar")
    finally:
        book.close()
    assert refused.exit_code == 1
    assert "already open in another window" in refused.stderr
    assert not (tmp_path / "move.tar").exists()


def test_an_existing_file_is_kept_unless_forced(source: Path, tmp_path: Path) -> None:
    archive = tmp_path / "move.tar"
    archive.write_bytes(b"last year's archive")
    refused = back_up(source, archive)
    assert refused.exit_code == 1
    assert "already exists, so nothing was written" in refused.stderr
    assert archive.read_bytes() == b"last year's archive"
    assert back_up(source, archive, "--force").exit_code == 0
    assert archive.read_bytes().startswith(b"manifest.json")
    assert stat.S_IMODE(archive.stat().st_mode) == 0o600


def test_an_archive_inside_the_workbook_is_refused(source: Path) -> None:
    refused = back_up(source, source / "move.tar")
    assert refused.exit_code == 1
    assert "inside the workbook's own folder" in refused.stderr
    assert not (source / "move.tar").exists()


def test_an_encryption_change_cut_short_is_refused(source: Path, tmp_path: Path) -> None:
    assert sealed("--data", source, "encrypt").exit_code == 0
    key = json.loads((source / "key.json").read_text())
    (source / "key.json").write_text(json.dumps(key | {"state": "sealing"}))
    refused = back_up(source, tmp_path / "move.tar")
    assert refused.exit_code == 1
    assert "A change to encryption was cut short" in refused.stderr
    assert not (tmp_path / "move.tar").exists()


@pytest.fixture
def archive(source: Path, tmp_path: Path) -> Path:
    made = tmp_path / "move.tar"
    assert back_up(source, made).exit_code == 0
    return made


def refused_leaving_nothing(archive: Path, said: str) -> None:
    """Restoring ``archive`` fails saying ``said``, and writes nothing beside the archive."""
    before = sorted(archive.parent.iterdir())
    result = restore(archive, archive.parent / "new-computer")
    assert result.exit_code == 1
    assert said in result.stderr, result.stderr
    assert sorted(archive.parent.iterdir()) == before


def test_a_folder_holding_anything_is_refused(archive: Path, tmp_path: Path) -> None:
    target = tmp_path / "new-computer"
    target.mkdir()
    (target / "notes.txt").write_text("ours")
    refused = restore(archive, target)
    assert refused.exit_code == 1
    assert "already holds files, so nothing was restored there" in refused.stderr
    assert [p.name for p in target.iterdir()] == ["notes.txt"]


def test_a_changed_archive_is_refused(archive: Path) -> None:
    raw = bytearray(archive.read_bytes())
    with tarfile.open(archive) as tar:
        session = next(m for m in tar.getmembers() if m.name.startswith("sessions/"))
    raw[session.offset_data + 5] ^= 1
    archive.write_bytes(bytes(raw))
    refused_leaving_nothing(archive, f"“{session.name}” inside it has changed")


def test_a_cut_archive_is_refused(archive: Path) -> None:
    with tarfile.open(archive) as tar:
        last = tar.getmembers()[-1]
    archive.write_bytes(archive.read_bytes()[: last.offset_data + last.size // 2])
    refused_leaving_nothing(archive, "is cut short: it was probably copied only in part")


def test_another_kind_of_file_is_refused(tmp_path: Path) -> None:
    archive = tmp_path / "notes.txt"
    archive.write_text("not an archive at all\n" * 100)
    refused_leaving_nothing(archive, "is not an archive made by workbook backup --to")


def manifest_of(files: dict[str, bytes], **changes: object) -> bytes:
    fields = {
        "format": move.FORMAT,
        "version": move.FORMAT_VERSION,
        "app_version": "0.1.0",
        "schema_version": SCHEMA_VERSION,
        "encrypted": False,
        "files": [
            {"name": n, "size": len(b), "sha256": hashlib.sha256(b).hexdigest()}
            for n, b in files.items()
        ],
    }
    return json.dumps(fields | changes).encode()


def member(
    name: str, payload: bytes = b"", kind: bytes = tarfile.REGTYPE
) -> tuple[tarfile.TarInfo, bytes]:
    info = tarfile.TarInfo(name)
    info.size, info.type, info.linkname = len(payload), kind, "/etc/passwd"
    return info, payload


BOOK = b'{"meta": {}}'
CRAFTED = {
    "escaping": (
        [member("workbook.json", BOOK), member("../evil.json", b"{}")],
        {"workbook.json": BOOK},
        "“../evil.json”, a name a workbook archive never has",
    ),
    "absolute, listed": (
        [member("workbook.json", BOOK), member("/tmp/evil.json", b"{}")],
        {"workbook.json": BOOK, "/tmp/evil.json": b"{}"},
        "“/tmp/evil.json”, a name a workbook archive never has",
    ),
    "a link": (
        [member("workbook.json", BOOK), member("sessions/a.json", kind=tarfile.SYMTYPE)],
        {"workbook.json": BOOK},
        "“sessions/a.json”, which is a link or a folder",
    ),
    "twice": (
        [member("workbook.json", BOOK), member("workbook.json", BOOK)],
        {"workbook.json": BOOK},
        "“workbook.json” more than once",
    ),
    "no manifest first": ([member("workbook.json", BOOK)], None, "is not an archive made by"),
}


@pytest.mark.parametrize("case", CRAFTED, ids=list(CRAFTED))
def test_a_crafted_archive_is_refused(tmp_path: Path, case: str) -> None:
    members, listed, said = CRAFTED[case]
    archive = tmp_path / "crafted.tar"
    with tarfile.open(archive, "w") as tar:
        manifest = [] if listed is None else [member("manifest.json", manifest_of(listed))]
        for info, payload in [*manifest, *members]:
            tar.addfile(info, io.BytesIO(payload))
    refused_leaving_nothing(archive, said)


def test_an_archive_from_a_newer_version_says_so(tmp_path: Path) -> None:
    archive = tmp_path / "newer.tar"
    files = {"workbook.json": BOOK}
    newer = manifest_of(files, schema_version=SCHEMA_VERSION + 1, app_version="9.0.0")
    archive.write_bytes(move.tar_bytes({"manifest.json": newer, **files}))
    refused_leaving_nothing(archive, "made by a newer version of the app (9.0.0)")


def test_a_failed_restore_leaves_nothing_and_the_next_sweeps_up(
    archive: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "new-computer"

    def full_disk(*args: object) -> None:
        raise OSError(28, "No space left on device")

    with monkeypatch.context() as patched:
        patched.setattr(move.os, "rename", full_disk)
        failed = restore(archive, target)
    assert failed.exit_code == 1
    assert "could not be restored (No space left on device)" in failed.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["move.tar", "old-computer"]
    left = tmp_path / f".new-computer{move.RESTORING}died"  # as a restore killed midway leaves
    left.mkdir()
    (left / "workbook.json").write_bytes(BOOK)
    assert restore(archive, target).exit_code == 0
    assert not left.exists()


@pytest.mark.parametrize(
    ("args", "said"),
    [([], "Say what to restore"), (["20260101-090000", "--from", "x.tar"], "not both")],
)
def test_restore_wants_one_name_or_one_file(data_folder: Path, args: list[str], said: str) -> None:
    result = run("--data", data_folder, "restore", *args)
    assert result.exit_code == 1
    assert said in result.stderr
