"""``workbook encrypt | passphrase | decrypt`` and reading commands on an encrypted workbook:
passphrases by --passphrase-stdin, the recovery key said once, the lock refused while the app
runs, a wrong passphrase changing nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from tests.unit.store_files import snapshot
from tests.unit.test_cli import make_workbook
from workbook import vault
from workbook.book import Workbook
from workbook.cli import main

WORDING = "We tell each other by eight when plans change."


@pytest.fixture(autouse=True)
def cheap_scrypt(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(vault, "REAL_COST", vault.Cost(n=2**4, r=1, p=1))


def run(folder: Path, *args: str, given: str = "") -> Result:
    return CliRunner().invoke(main, [*args, "--data", str(folder), "--passphrase-stdin"], given)


@pytest.fixture
def folder(data_folder: Path) -> Path:
    make_workbook(data_folder, WORDING)
    return data_folder


def recovery_of(result: Result) -> str:
    line = next(x for x in result.stdout.splitlines() if x.startswith("Your recovery key: "))
    return line.removeprefix("Your recovery key: ")


def test_encrypt_then_read_with_the_passphrase(folder: Path) -> None:
    done = run(folder, "encrypt", given="steady lantern\n")
    assert done.exit_code == 0, done.output
    assert "shown only this once" in done.stdout
    assert WORDING.encode() not in (folder / "workbook.json").read_bytes()
    listed = run(folder, "agreements", "--json", given="steady lantern\n")
    assert [a["text"] for a in json.loads(listed.stdout)] == [WORDING]
    exported = run(folder, "export", given=recovery_of(done) + "\n")
    assert exported.exit_code == 0, exported.output
    assert WORDING in exported.stdout


def test_a_wrong_passphrase_is_said_and_changes_nothing(folder: Path) -> None:
    run(folder, "encrypt", given="steady lantern\n")
    before = snapshot(folder)
    for command in (["agreements"], ["decrypt"], ["passphrase"], ["export"]):
        refused = run(folder, *command, given="steady lanter\nnew one here\n")
        assert refused.exit_code == 1
        assert "did not open the workbook. Nothing was changed" in refused.stderr
    assert snapshot(folder) == before


def test_a_short_passphrase_is_refused_before_anything_is_written(folder: Path) -> None:
    before = snapshot(folder)
    refused = run(folder, "encrypt", given="short\n")
    assert refused.exit_code == 1
    assert "at least 8 characters" in refused.stderr
    assert snapshot(folder) == before


def test_passphrase_change_and_decrypt(folder: Path) -> None:
    first = run(folder, "encrypt", given="steady lantern\n")
    changed = run(folder, "passphrase", given="steady lantern\nmorning tide rising\n")
    assert changed.exit_code == 0, changed.output
    assert recovery_of(changed) != recovery_of(first)
    for old in ("steady lantern", recovery_of(first)):
        assert run(folder, "agreements", given=old + "\n").exit_code == 1
    plain = run(folder, "decrypt", given="morning tide rising\n")
    assert plain.exit_code == 0, plain.output
    assert not (folder / "key.json").exists()
    assert WORDING.encode() in (folder / "workbook.json").read_bytes()


def test_writing_commands_refuse_while_the_app_runs(folder: Path) -> None:
    book = Workbook.open(folder)
    try:
        before = snapshot(folder)
        for command in ("encrypt", "decrypt", "passphrase"):
            refused = run(folder, command, given="steady lantern\n")
            assert refused.exit_code == 1
            assert "already open" in refused.stderr
        assert snapshot(folder) == before
    finally:
        book.close()


def test_encrypt_twice_and_decrypt_plain_say_so(folder: Path) -> None:
    assert "not encrypted" in run(folder, "decrypt", given="x\n").stderr
    run(folder, "encrypt", given="steady lantern\n")
    assert "already encrypted" in run(folder, "encrypt", given="steady lantern\n").stderr


def test_the_app_asks_first_and_quitting_there_opens_nothing(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from screens.unlock import UnlockApp

    run(folder, "encrypt", given="steady lantern\n")
    before = snapshot(folder)
    monkeypatch.setattr(UnlockApp, "run", lambda self: None)
    quit_there = CliRunner().invoke(main, ["--data", str(folder)])
    assert quit_there.exit_code == 0
    assert snapshot(folder) == before
    Workbook.open(folder, codec=vault.unlock(folder, "steady lantern")).close()  # lock let go


def test_the_app_opens_on_what_the_passphrase_unlocked(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from screens.app import WorkbookApp
    from screens.unlock import UnlockApp

    run(folder, "encrypt", given="steady lantern\n")
    opened: list[str] = []
    monkeypatch.setattr(UnlockApp, "run", lambda self: vault.unlock(folder, "steady lantern"))
    monkeypatch.setattr(
        WorkbookApp, "run", lambda self: opened.extend(a.text for a in self.book.agreements())
    )
    assert CliRunner().invoke(main, ["--data", str(folder)]).exit_code == 0
    assert opened == [WORDING]
