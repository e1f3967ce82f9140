"""``workbook export`` and ``workbook export-schema`` on the command line: the file is written
0600 (even over a file that was readable by others), stdout gets the same text when no file is
named, the dates filter, the JSON validates against the printed schema, and it runs while the
app holds the workbook open."""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Iterator
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner, Result

from tests.local_zone import local_zone
from tests.unit.own_words import ALEX_APPRECIATES, appreciations, turn_at
from workbook.book import Workbook
from workbook.cli import main
from workbook.clock import ManualClock
from workbook.export import ExportDocument


@pytest.fixture(autouse=True)
def _utc() -> Iterator[None]:
    with local_zone("UTC"):
        yield


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


@pytest.fixture
def made(data_folder: Path) -> Path:
    """A workbook with a finished Appreciations on 2026-01-01, Alex's private words opted in."""
    book = Workbook.open(data_folder, clock=ManualClock())
    try:
        book.set_partners("Alex", "Sam")
        session_id = appreciations(book)
        book.opt_in("a", session_id, turn_at(book, session_id, "appreciate", "a").id, True)
    finally:
        book.close()
    return data_folder


def without_time(text: str) -> list[str]:
    """The export's lines but the moment it was written (the real clock's, in JSON)."""
    return [line for line in text.splitlines() if '"written_at"' not in line]


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_help_lists_both_commands() -> None:
    result = run("--help")
    assert "export " in result.stdout and "export-schema" in result.stdout


@pytest.mark.parametrize("fmt", ["markdown", "json"])
def test_a_file_is_written_0600_even_over_one_others_could_read(
    made: Path, tmp_path: Path, fmt: str
) -> None:
    target = tmp_path / f"for-the-therapist.{fmt}"
    target.write_text("old")
    os.chmod(target, 0o644)
    result = run("--data", str(made), "export", "--format", fmt, "-o", str(target))
    assert result.exit_code == 0, result.output
    assert mode(target) == 0o600
    assert str(target) in result.stderr and "not encrypted" in result.stderr
    printed = run("--data", str(made), "export", "--format", fmt)
    assert printed.exit_code == 0, printed.output
    assert without_time(target.read_text()) == without_time(printed.stdout)
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no temp left


def test_the_json_validates_against_the_schema_the_command_prints(made: Path) -> None:
    schema = run("export-schema")
    assert schema.exit_code == 0, schema.output
    assert json.loads(schema.stdout) == ExportDocument.model_json_schema()
    result = run("--data", str(made), "export", "--format", "json", "--transcripts")
    assert result.exit_code == 0, result.output
    jsonschema.validate(json.loads(result.stdout), json.loads(schema.stdout))
    document = ExportDocument.model_validate_json(result.stdout)
    assert [line.words for line in (document.transcripts or [])[0].lines][0] == ALEX_APPRECIATES


def test_transcripts_only_when_asked_for(made: Path) -> None:
    summary = run("--data", str(made), "export").stdout
    assert "## Transcripts" not in summary and ALEX_APPRECIATES not in summary
    full = run("--data", str(made), "--data", str(made), "export", "--transcripts").stdout
    assert "## Transcripts" in full and ALEX_APPRECIATES in full


def test_since_and_until_filter_and_a_backwards_range_is_refused(made: Path) -> None:
    later = run("--data", str(made), "export", "--since", "2026-01-02", "--until", "2026-02-01")
    assert later.exit_code == 0, later.output
    assert "From 2026-01-02 to 2026-02-01." in later.stdout
    assert "Appreciations and milestones" not in later.stdout
    same_day = run("--data", str(made), "export", "--until", "2026-01-01").stdout
    assert "Appreciations and milestones" in same_day
    backwards = run("--data", str(made), "export", "--since", "2026-02-01", "--until", "2026-01-01")
    assert backwards.exit_code == 1
    assert "The start date comes after the end date." in backwards.stderr
    assert run("--data", str(made), "export", "--since", "yesterday").exit_code == 2


def test_it_runs_while_the_app_holds_the_workbook(made: Path) -> None:
    book = Workbook.open(made)
    try:
        result = run("--data", str(made), "export")
    finally:
        book.close()
    assert result.exit_code == 0, result.output
    assert "Appreciations and milestones" in result.stdout


def test_no_workbook_and_a_missing_folder_are_said_plainly(tmp_path: Path, made: Path) -> None:
    empty = run("--data", str(tmp_path / "nothing"), "export")
    assert empty.exit_code == 1 and "no workbook" in empty.stderr
    nowhere = run("--data", str(made), "export", "-o", str(tmp_path / "missing" / "x.md"))
    assert nowhere.exit_code == 1 and "could not be written" in nowhere.stderr
