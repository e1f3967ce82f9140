"""``workbook delete --all``: the confirmation names both partners (by passphrase when
encrypted, else "both of you") and says it cannot be undone; only the typed word deletes;
afterwards no data file is left and it says what it removed, by kind; refused while the app
runs; one session is not deleted here."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from tests.unit.store_files import snapshot
from tests.unit.test_cli import make_workbook
from workbook import vault
from workbook.aside import copy_aside, new_keeping
from workbook.book import Workbook
from workbook.cli import main
from workbook.layout import data_file_names

WORDING = "We tell each other by eight when plans change."
PASSPHRASE = "steady lantern"


@pytest.fixture(autouse=True)
def cheap_scrypt(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(vault, "REAL_COST", vault.Cost(n=2**4, r=1, p=1))


@pytest.fixture
def folder(data_folder: Path) -> Path:
    """A workbook with one agreement, a backup of it, a keeping, an export and an exercise of
    the couple's own."""
    make_workbook(data_folder, WORDING)
    book = Workbook.open(data_folder)
    try:
        assert book.back_up() is not None
        book.export("markdown", to=book.export_path("markdown"))
    finally:
        book.close()
    copy_aside(data_folder, data_file_names(data_folder), new_keeping(data_folder, "damaged"))
    (data_folder / "exercises").mkdir()
    (data_folder / "exercises" / "ours.toml").write_text("# ours\n")
    return data_folder


def delete_all(folder: Path, given: str, *more: str) -> Result:
    return CliRunner().invoke(main, ["delete", "--all", "--data", str(folder), *more], given)


def test_the_word_deletes_everything_and_it_says_what_went(folder: Path) -> None:
    done = delete_all(folder, "delete\n")
    assert done.exit_code == 0, done.output
    said = done.stdout
    assert "All the words of Alex and Sam" in said
    assert "This cannot be undone." in said
    removed = said.split(f"Deleted everything in {folder}:")[1]
    for line in (
        "2 data file(s)",
        "1 session(s)",
        "1 backup(s)",
        "1 copy(ies) kept aside",
        "1 exported summary file(s)",
        "1 exercise file(s) of your own",
    ):
        assert line in removed
    assert folder.is_dir() and list(folder.iterdir()) == []  # the folder stays, empty


def test_anything_but_the_word_keeps_everything(folder: Path) -> None:
    before = snapshot(folder)
    for given in ("\n", "yes\n", "Delete it\n", ""):
        kept = delete_all(folder, given)
        assert kept.exit_code == 1
        assert "Nothing was deleted." in kept.stderr
    after = snapshot(folder)
    assert {k: v for k, v in after.items() if k != "lock"} == {
        k: v for k, v in before.items() if k != "lock"
    }


def test_refused_while_the_app_runs(folder: Path) -> None:
    book = Workbook.open(folder)
    try:
        refused = delete_all(folder, "delete\n")
    finally:
        book.close()
    assert refused.exit_code == 1
    assert "already open" in refused.stderr
    assert (folder / "workbook.json").is_file()


def test_encrypted_it_names_them_with_the_passphrase_and_deletes_without(folder: Path) -> None:
    encrypted = CliRunner().invoke(
        main, ["encrypt", "--data", str(folder), "--passphrase-stdin"], f"{PASSPHRASE}\n"
    )
    assert encrypted.exit_code == 0, encrypted.output
    named = delete_all(folder, f"{PASSPHRASE}\nno\n", "--passphrase-stdin")
    assert "All the words of Alex and Sam" in named.stdout
    assert "the encryption key" in named.stdout
    assert named.exit_code == 1  # "no": nothing went
    forgotten = delete_all(folder, "not the passphrase\ndelete\n", "--passphrase-stdin")
    assert forgotten.exit_code == 0, forgotten.output
    assert "All the words of both of you" in forgotten.stdout
    assert list(folder.iterdir()) == []


def test_one_session_is_not_deleted_here(folder: Path) -> None:
    refused = CliRunner().invoke(main, ["delete", "--data", str(folder)], "delete\n")
    assert refused.exit_code == 1
    assert "each of you confirms by name" in refused.stderr
    assert (folder / "workbook.json").is_file()


def test_a_folder_that_is_not_a_workbook_is_left_alone(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine")
    refused = delete_all(tmp_path, "delete\n")
    assert refused.exit_code == 1
    assert (tmp_path / "notes.txt").read_text() == "mine"
