"""Every file the workbook leaves is readable by its owner only (0600) and every folder is
0700: after whole sessions, backups, an export, encryption and a change of passphrase."""

from __future__ import annotations

from pathlib import Path

from tests.unit.own_words import appreciations
from tests.unit.test_cli import make_workbook
from workbook import vault
from workbook.book import Workbook

CHEAP = vault.Cost(n=2**4, r=1, p=1)


def modes(folder: Path) -> dict[str, int]:
    """The mode of everything under ``folder``, the folder itself included."""
    found = {".": folder.stat().st_mode & 0o777}
    for path in folder.rglob("*"):
        found[str(path.relative_to(folder))] = path.stat().st_mode & 0o777
    return found


def test_every_file_is_0600_and_every_folder_0700(data_folder: Path) -> None:
    make_workbook(data_folder, "We say goodnight even after a hard day.")
    book = Workbook.open(data_folder)
    appreciations(book)
    assert book.back_up() is not None
    book.export("markdown", transcripts=True, to=book.export_path("markdown"))
    book.export("json", to=book.export_path("json"))
    book.close()

    vault.encrypt(data_folder, "evening light", CHEAP)
    codec = vault.unlock(data_folder, "evening light")
    book = Workbook.open(data_folder, codec=codec)
    appreciations(book)
    assert book.back_up() is not None
    book.close()
    vault.change_passphrase(data_folder, codec, "morning light", CHEAP)

    found = modes(data_folder)
    kinds = {name.split("/")[0] for name in found}
    assert {"backups", "sessions", "exports", "key.json", "workbook.json"} <= kinds
    wrong = {
        name: oct(mode)
        for name, mode in found.items()
        if mode != (0o700 if (data_folder / name).is_dir() else 0o600)
    }
    assert wrong == {}
