"""Bad files said plainly: for each way a data file can be bad (cut off, not JSON, another
shape, a newer version, unreadable, a symlink), ``workbook`` stops before the app opens and
``workbook check`` reports it; both name the file and what is wrong, exit 1, change and move
nothing, and offer the newest good backup with the exact command when there is one.

Permission errors are simulated (CI may run as root, which ignores modes). Backups are made by
the backups module, at a given time, so their names are known.
"""

from __future__ import annotations

import errno
import json
import os
import shutil
import sys
import types
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from tests.unit.store_files import SPEAKER_FIRST, new_book
from workbook.backups import Backups
from workbook.cli import main
from workbook.clock import ManualClock
from workbook.models import SCHEMA_VERSION

AT = datetime(2026, 1, 1, 9, 0, tzinfo=UTC)
STAMP = "20260101-090000"


@dataclass(frozen=True)
class Made:
    """A sound workbook on disk: an agreement made in one session, another under way."""

    folder: Path
    made_in: str
    """The boundary-drafting session that made the agreement."""
    under_way: str
    """The active-listening session with one answer."""


def build(folder: Path) -> Made:
    book = new_book(folder, ManualClock())
    try:
        drafting = book.start("boundary-drafting", {"proposer": "a", "responder": "b"})
        for answer in (
            "We ask before we make plans for the other.",
            "accept",
            book.library.path.categories[0].id,
            "2030-01-01",
            "agree",
            "agree",
        ):
            book.submit(drafting.id, answer)
        listening = book.start("active-listening", SPEAKER_FIRST)
        book.submit(listening.id, "Something I want to say.")
    finally:
        book.close()
    return Made(folder, drafting.id, listening.id)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Made:
    return build(tmp_path_factory.mktemp("built") / "data")


def copy_of(built: Made, folder: Path) -> Made:
    """A fresh copy of the sound workbook at ``folder`` (modes kept)."""
    shutil.copytree(built.folder, folder)
    return Made(folder, built.made_in, built.under_way)


@pytest.fixture
def made(built: Made, data_folder: Path) -> Made:
    """A fresh copy of the sound workbook at ``$WORKBOOK_DATA``."""
    return copy_of(built, data_folder)


def session_name(session_id: str) -> str:
    return f"sessions/{session_id}.json"


def back_up(folder: Path, at: datetime = AT) -> Path:
    """A backup generation of ``folder`` as it is now, made at ``at`` (its name)."""
    made = Backups(folder).back_up(at)
    assert made is not None and made.name == at.strftime("%Y%m%d-%H%M%S")
    return made.path


def entries(folder: Path) -> dict[str, tuple[str, bytes | str | None]]:
    """Everything under ``folder`` without following links: file bytes, link targets."""
    found: dict[str, tuple[str, bytes | str | None]] = {}
    for root, dirs, files in os.walk(folder):
        for name in [*dirs, *files]:
            path = Path(root) / name
            key = str(path.relative_to(folder))
            if path.is_symlink():
                found[key] = ("link", os.readlink(path))
            elif path.is_dir():
                found[key] = ("folder", None)
            else:
                found[key] = ("file", path.read_bytes())
    return found


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


@pytest.fixture(autouse=True)
def _no_app(monkeypatch: pytest.MonkeyPatch) -> None:
    """Should ``workbook`` get as far as the app, the test fails there, without Textual."""

    class NotToOpen:
        def __init__(self, *args: Any) -> None:
            raise AssertionError("the app was opened on a bad file")

    fake = types.ModuleType("screens.app")
    fake.WorkbookApp = NotToOpen  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "screens.app", fake)


# -- the ways a file can be bad --------------------------------------------------------------


def cut_in_half(raw: bytes) -> bytes:
    """``raw`` cut off near its middle, after a whole value, as a save cut short leaves it."""
    return raw[: raw.rindex(b'",', 0, len(raw) // 2) + 2]


def with_field(raw: bytes) -> bytes:
    data = json.loads(raw)
    data["session"]["1"]["mood"] = "tired"
    return json.dumps(data).encode()


def cut_mid_word(raw: bytes) -> bytes:
    """``raw`` cut off inside a string, as a save cut short can leave it too."""
    return raw[: raw.index(b'"', len(raw) // 2) + 3]


def partner_with_field(raw: bytes) -> bytes:
    """A partner record (read only by screens, never by the open's repair) that does not fit."""
    data = json.loads(raw)
    next(iter(data["partners"].values()))["mood"] = "tired"
    return json.dumps(data).encode()


def newer(raw: bytes) -> bytes:
    data = json.loads(raw)
    data["meta"]["1"]["schema_version"] = SCHEMA_VERSION + 1
    return json.dumps(data).encode()


@dataclass(frozen=True)
class Damage:
    file: Callable[[Made], str]
    """Which file, by its name inside the data folder."""
    change: Callable[[bytes], bytes]
    said: str
    """What both the app's refusal and the check say of it."""


def _workbook(made: Made) -> str:
    return "workbook.json"


def _under_way(made: Made) -> str:
    return session_name(made.under_way)


DAMAGES = {
    "workbook.json cut in half": Damage(_workbook, cut_in_half, "ends part way through"),
    "a session file cut in half": Damage(_under_way, cut_in_half, "ends part way through"),
    "workbook.json cut inside a word": Damage(_workbook, cut_mid_word, "ends part way through"),
    "a session file not JSON": Damage(
        _under_way, lambda raw: b"\xff\xfe not JSON at all", "the workbook's data"
    ),
    "workbook.json a JSON list": Damage(
        _workbook, lambda raw: b"[1, 2, 3]", "not in the shape the workbook keeps it"
    ),
    "a table of numbers": Damage(
        _workbook,
        lambda raw: b'{"partners": {"1": 5}}',
        "not in the shape the workbook keeps it",
    ),
    "a partner with a field too many": Damage(
        _workbook, partner_with_field, "not in the shape the workbook keeps it"
    ),
    "a session record with a field too many": Damage(
        _under_way, with_field, "not in the shape the workbook keeps it"
    ),
    "a newer schema version": Damage(_workbook, newer, "newer version of Trust Workbook"),
}


def damage(made: Made, how: str) -> Path:
    damage = DAMAGES[how]
    path = made.folder / damage.file(made)
    path.write_bytes(damage.change(path.read_bytes()))
    return path


def refuse_reading(monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    """``os.open`` of ``path`` fails as it would for a file the user may not read."""
    real_open = os.open

    def refusing(file: Any, flags: int, *args: Any, **kwargs: Any) -> int:
        if os.fspath(file) == str(path):
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))
        return real_open(file, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", refusing)


def link_elsewhere(made: Made, elsewhere: Path) -> Path:
    """The session under way's file replaced by a symlink to a whole copy of it elsewhere."""
    path = made.folder / session_name(made.under_way)
    shutil.copy2(path, elsewhere)
    path.unlink()
    path.symlink_to(elsewhere)
    return path


# -- both commands on each bad file ----------------------------------------------------------


def assert_said_and_left_alone(
    made: Made, path: Path, said: str, before: dict[str, Any], backup: bool
) -> None:
    """``workbook`` and ``workbook check`` each name ``path`` and what is wrong (``said``),
    exit 1, and leave every file as it was; a backup, if one was made, is offered."""
    for args, nothing_changed in (
        ([], "Nothing was changed or moved."),
        (["check"], "Nothing was changed."),
    ):
        result = run("--data", str(made.folder), *args)
        assert result.exit_code == 1, result.output
        assert str(path) in result.output
        assert said in result.output
        assert nothing_changed in result.output
        if backup:
            assert f"workbook restore {STAMP}" in result.output
        else:
            assert "restore" not in result.output
        if args:
            assert "1 problem(s) found" in result.output
        assert entries(made.folder) == before


@pytest.mark.parametrize("how", list(DAMAGES))
def test_a_damaged_file_is_named_and_a_good_backup_offered(made: Made, how: str) -> None:
    back_up(made.folder)
    path = damage(made, how)
    before = entries(made.folder)

    assert_said_and_left_alone(made, path, DAMAGES[how].said, before, backup=True)


def test_an_unreadable_file_is_named_and_a_good_backup_offered(
    made: Made, monkeypatch: pytest.MonkeyPatch
) -> None:
    back_up(made.folder)
    path = made.folder / session_name(made.under_way)
    before = entries(made.folder)
    refuse_reading(monkeypatch, path)

    said = os.strerror(errno.EACCES)
    assert_said_and_left_alone(made, path, said, before, backup=True)


def test_a_session_file_linked_elsewhere_is_refused(made: Made, tmp_path: Path) -> None:
    back_up(made.folder)
    path = link_elsewhere(made, tmp_path / "elsewhere.json")
    before = entries(made.folder)

    assert_said_and_left_alone(made, path, "a link to somewhere else", before, backup=True)


def test_without_a_backup_none_is_offered(made: Made) -> None:
    path = damage(made, "workbook.json cut in half")
    before = entries(made.folder)

    assert_said_and_left_alone(made, path, "ends part way through", before, backup=False)


def test_the_newest_good_backup_is_offered_not_a_newer_one_of_the_damage(made: Made) -> None:
    back_up(made.folder, AT)
    damage(made, "a session file not JSON")
    back_up(made.folder, AT + timedelta(hours=1))  # the damaged file was backed up too

    for args in ([], ["check"]):
        result = run("--data", str(made.folder), *args)
        assert result.exit_code == 1
        assert f"workbook restore {STAMP}" in result.output
        assert "20260101-100000" not in result.output


def test_a_folder_given_with_data_is_named_in_the_restore_command(made: Made) -> None:
    elsewhere = made.folder.with_name("elsewhere data")
    made.folder.rename(elsewhere)
    back_up(elsewhere)
    (elsewhere / "workbook.json").write_bytes(b"[1, 2, 3]")

    result = run("--data", str(elsewhere))

    assert result.exit_code == 1
    assert f"workbook --data '{elsewhere}' restore {STAMP}" in result.output


# -- the reading commands say it the same way ------------------------------------------------


@pytest.mark.parametrize("command", [["agreements"], ["agreements", "--json"], ["export"]])
def test_the_reading_commands_name_a_bad_file_and_offer_the_backup(
    made: Made, command: list[str]
) -> None:
    back_up(made.folder)
    path = damage(made, "workbook.json cut in half")
    before = entries(made.folder)

    result = run(*command, "--data", str(made.folder))

    assert result.exit_code == 1, result.output
    assert str(path) in result.output
    assert "ends part way through" in result.output
    assert "Nothing was changed or moved." in result.output
    assert f"workbook restore {STAMP}" in result.output
    assert entries(made.folder) == before


def test_export_names_a_bad_session_file_met_on_the_way(made: Made) -> None:
    path = damage(made, "a session record with a field too many")

    result = run("export", "--transcripts", "--data", str(made.folder))

    assert result.exit_code == 1, result.output
    assert str(path) in result.output
    assert "mood" in result.output
