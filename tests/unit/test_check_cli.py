"""``workbook check`` on a sound workbook and on files that disagree with each other, and
``workbook locate``. The bad files themselves are in ``test_bad_files.py``."""

from __future__ import annotations

import json
import os
import shutil
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from tests.fixtures.schema import FIXTURES, PREFIX
from tests.unit.test_bad_files import (
    STAMP,
    Made,
    back_up,
    build,
    copy_of,
    entries,
    run,
    session_name,
)
from workbook import vault
from workbook.book import Workbook
from workbook.check import check_folder, inspect, is_sound
from workbook.cli import main
from workbook.content import CONTENT_PACKAGE, EXERCISES_FOLDER
from workbook.migrations import MIGRATIONS
from workbook.models import SCHEMA_VERSION
from workbook.storage import Data


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Made:
    return build(tmp_path_factory.mktemp("built") / "data")


@pytest.fixture
def made(built: Made, data_folder: Path) -> Made:
    return copy_of(built, data_folder)


def check(made: Made) -> str:
    """What ``workbook check`` printed, having found something wrong and changed nothing."""
    before = entries(made.folder)
    result = run("check", "--data", str(made.folder))
    assert result.exit_code == 1, result.output
    assert entries(made.folder) == before
    return result.output


def rewrite(path: Path, change: Callable[[dict[str, Any]], None]) -> None:
    data = json.loads(path.read_bytes())
    change(data)
    path.write_text(json.dumps(data))


def test_a_sound_workbook_passes_with_its_counts(made: Made) -> None:
    result = run("check", "--data", str(made.folder))

    assert result.exit_code == 0, result.output
    assert "is sound" in result.output
    assert "Files: 4. Sessions: 2." in result.output
    assert "Agreements: 1." in result.output
    found = inspect(made.folder)
    assert (found.files, found.sessions, found.agreements) == (4, 2, 1)
    assert found.turns >= 7
    assert f"Turns: {found.turns}." in result.output


def test_check_runs_while_the_app_holds_the_workbook(made: Made) -> None:
    book = Workbook.open(made.folder)
    try:
        result = run("check", "--data", str(made.folder))
    finally:
        book.close()

    assert result.exit_code == 0, result.output


def test_a_folder_that_is_not_a_workbook_is_said_plainly(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()

    for folder in (empty, tmp_path / "not there"):
        result = run("check", "--data", str(folder))
        assert result.exit_code == 1
        assert f"There is no workbook at {folder}" in result.output


# -- the files against each other ------------------------------------------------------------


def test_an_index_entry_without_its_session_file_is_reported(made: Made) -> None:
    (made.folder / session_name(made.under_way)).unlink()

    said = check(made)

    assert str(made.folder / "index.json") in said
    assert f"lists a session ({made.under_way}) whose file is not in the sessions folder" in said
    assert "restore" not in said  # the app puts it right itself


def test_a_session_file_missing_from_the_index_is_reported(made: Made) -> None:
    def drop(data: dict[str, Any]) -> None:
        data["sessions"] = {k: v for k, v in data["sessions"].items() if v["id"] != made.under_way}

    rewrite(made.folder / "index.json", drop)

    said = check(made)

    assert str(made.folder / session_name(made.under_way)) in said
    assert "is missing from the list of sessions" in said


def test_an_index_that_disagrees_with_its_session_is_reported(made: Made) -> None:
    def miscount(data: dict[str, Any]) -> None:
        for entry in data["sessions"].values():
            if entry["id"] == made.under_way:
                entry["turns"] += 1
                entry["status"] = "paused"

    rewrite(made.folder / "index.json", miscount)

    said = check(made)

    assert str(made.folder / session_name(made.under_way)) in said
    assert "disagree about its status, turns" in said


def test_a_loose_file_and_folder_are_reported_with_the_fix(made: Made) -> None:
    os.chmod(made.folder / "workbook.json", 0o644)
    os.chmod(made.folder / "sessions", 0o755)

    said = check(made)

    assert f"{made.folder / 'workbook.json'} can be read by others" in said
    assert "its permissions are 644" in said
    assert f"chmod 600 {made.folder / 'workbook.json'}" in said
    assert f"chmod 700 {made.folder / 'sessions'}" in said
    assert "2 problem(s) found" in said


def test_the_couples_own_exercises_keep_their_own_modes(made: Made) -> None:
    own = made.folder / EXERCISES_FOLDER
    own.mkdir(mode=0o755)
    (own / "ours.toml").write_text("")
    os.chmod(own / "ours.toml", 0o644)

    assert check_folder(made.folder) == []


def test_an_unknown_partner_and_a_lost_origin_are_reported(made: Made) -> None:
    def one_partner(data: dict[str, Any]) -> None:
        data["partners"] = {k: v for k, v in data["partners"].items() if v["id"] == "a"}

    rewrite(made.folder / "workbook.json", one_partner)
    (made.folder / session_name(made.made_in)).unlink()

    said = check(made)

    assert f"{made.folder / session_name(made.under_way)} names a partner (b)" in said
    assert f"holds an agreement made in a session ({made.made_in})" in said


def test_a_symlink_in_the_backups_is_reported(made: Made, tmp_path: Path) -> None:
    generation = back_up(made.folder)
    shutil.copytree(generation, tmp_path / "outside")
    link = made.folder / "backups" / "20260102-090000"
    link.symlink_to(tmp_path / "outside")

    said = check(made)

    assert f"{link} is a link to somewhere else" in said


def test_a_problem_found_offers_the_newest_good_backup(made: Made) -> None:
    back_up(made.folder)
    (made.folder / session_name(made.under_way)).write_bytes(b"")

    said = check(made)

    assert "ends part way through" in said
    assert f"workbook restore {STAMP}" in said


def test_a_backup_generation_is_checked_like_the_data_folder(made: Made) -> None:
    generation = back_up(made.folder)
    assert is_sound(generation)

    (generation / session_name(made.under_way)).write_bytes(b"{")
    assert not is_sound(generation)
    assert [p.kind for p in check_folder(generation)] == ["truncated"]


def test_an_encrypted_workbook_is_checked_with_its_passphrase(made: Made) -> None:
    back_up(made.folder)
    vault.encrypt(made.folder, "steady lantern", vault.Cost(n=2**4, r=1, p=1))
    given = ["check", "--data", str(made.folder), "--passphrase-stdin"]

    sound = CliRunner().invoke(main, given, "steady lantern\n")
    assert sound.exit_code == 0, sound.output
    assert "Agreements: 1." in sound.output

    plain = made.folder / session_name(made.under_way)
    plain.write_text('{"session": {}}')
    before = entries(made.folder)
    found = CliRunner().invoke(main, given, "steady lantern\n")
    assert found.exit_code == 1, found.output
    assert f"{plain} is not sealed like the rest of this workbook" in found.output
    assert f"workbook restore {STAMP}" in found.output  # the backup, sealed too, opens
    assert entries(made.folder) == before


def test_the_fixture_of_this_schema_version_is_sound() -> None:
    """Every table, step kind and session status the app writes passes the check (the
    fixture's modes are as git checked it out, so only they may differ)."""
    fixture = FIXTURES / f"{PREFIX}{SCHEMA_VERSION}"

    assert [p for p in check_folder(fixture) if p.serious] == []
    assert is_sound(fixture)


def as_next_version(monkeypatch: pytest.MonkeyPatch) -> int:
    """This app as if it were one version on: every module's ``SCHEMA_VERSION`` says so."""
    for name, module in list(sys.modules.items()):
        if name.split(".")[0] == "workbook" and getattr(module, "SCHEMA_VERSION", None):
            monkeypatch.setattr(module, "SCHEMA_VERSION", SCHEMA_VERSION + 1)
    return SCHEMA_VERSION


def test_a_workbook_an_older_app_wrote_is_checked_as_it_will_be_migrated(
    made: Made, monkeypatch: pytest.MonkeyPatch
) -> None:
    older = as_next_version(monkeypatch)

    assert [(p.kind, p.detail) for p in check_folder(made.folder)] == [
        ("foreign", f"schema_version {older}")  # no way up from it: the app refuses it too
    ]

    def a_field_too_many(files: dict[str, Data]) -> dict[str, Data]:
        for partner in files["workbook.json"]["partners"].values():
            partner["mood"] = "tired"
        return files

    monkeypatch.setitem(MIGRATIONS, older, a_field_too_many)
    found = check_folder(made.folder)
    assert [(p.path, p.kind) for p in found] == [(made.folder / "workbook.json", "foreign")]
    assert "mood" in found[0].detail  # what is checked is what the migration gives

    def no_index(files: dict[str, Data]) -> dict[str, Data]:
        return {name: data for name, data in files.items() if name != "index.json"}

    monkeypatch.setitem(MIGRATIONS, older, no_index)
    (made.folder / "index.json").write_text("{}")  # migrated away, so never held against
    assert check_folder(made.folder) == []


# -- locate ----------------------------------------------------------------------------------


def test_locate_names_every_folder(made: Made) -> None:
    from importlib import resources

    result = run("locate", "--data", str(made.folder))

    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert len(lines) == 4
    shipped = resources.files(CONTENT_PACKAGE).joinpath(EXERCISES_FOLDER)
    for line, path in zip(
        lines,
        [made.folder, made.folder / "backups", shipped, made.folder / EXERCISES_FOLDER],
        strict=True,
    ):
        assert line.endswith(str(path)) or f"{path} (" in line
    assert lines[0] == f"Your workbook: {made.folder}"


def test_locate_says_when_the_folder_is_not_there_yet(tmp_path: Path) -> None:
    folder = tmp_path / "to be made"

    result = run("locate", "--data", str(folder))

    assert result.exit_code == 0, result.output
    assert f"{folder} (not there yet" in result.output
    assert not folder.exists()
