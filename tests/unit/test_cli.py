"""The ``workbook`` command line: version, help, content list, --data, agreements, the lock.

Commands that never open the app run in-process through ``CliRunner``; the ones that meet a
lock held by another Workbook run as a real subprocess too, so the lock is a real ``flock``
between two processes.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tomllib
from importlib import resources
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from workbook import __version__
from workbook.book import Workbook
from workbook.cli import main
from workbook.content import Library, load_library, shipped_exercise_files

#: The ids of every exercise in ``content/exercises/`` (more are added over time).
SHIPPED = {tomllib.loads(text)["id"] for _, text in shipped_exercise_files()}
SUMMARY_KEYS = {"id", "title", "part", "steps", "minutes", "sensitive"}


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def make_workbook(folder: Path, wording: str) -> None:
    """A workbook at ``folder`` holding one agreement, made by a full boundary-drafting run."""
    book = Workbook.open(folder)
    try:
        book.set_partners("Alex", "Sam")
        session = book.start("boundary-drafting", {"proposer": "a", "responder": "b"})
        book.submit(session.id, wording)  # draft
        book.submit(session.id, "accept")  # respond
        book.submit(session.id, book.library.path.categories[0].id)  # category
        book.submit(session.id, "2030-01-01")  # review
        book.submit(session.id, "agree")  # agree: Alex
        move = book.submit(session.id, "agree")  # agree: Sam
        assert move.agreement is not None
        assert move.session.status == "completed"
        assert [a.text for a in book.agreements()] == [wording]
    finally:
        book.close()


def listed(result: Result) -> list[str]:
    """The agreement texts an ``agreements --json`` run printed."""
    assert result.exit_code == 0, result.output
    return [a["text"] for a in json.loads(result.stdout)]


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` (relative path -> bytes)."""
    return {
        str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def run_process(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "workbook", *args],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=20,
        cwd=cwd,
        check=False,
    )


# -- version and help ----------------------------------------------------------------------


def test_version_prints_the_version() -> None:
    result = run("--version")
    assert result.exit_code == 0, result.output
    assert __version__ in result.stdout
    assert "workbook" in result.stdout


def test_help_lists_the_commands() -> None:
    result = run("--help")
    assert result.exit_code == 0, result.output
    for word in ("--data", "--version", "agreements", "content"):
        assert word in result.stdout


@pytest.mark.parametrize("command", [["content"], ["agreements"], ["content", "check"]])
def test_subcommand_help_works(command: list[str]) -> None:
    result = run(*command, "--help")
    assert result.exit_code == 0, result.output
    assert "Usage" in result.stdout


def test_help_does_not_open_the_app_or_touch_the_data_folder(_isolated_data: Path) -> None:
    assert run("--help").exit_code == 0
    assert not _isolated_data.exists()


# -- content list --------------------------------------------------------------------------


def test_content_list_json_summarises_every_shipped_exercise() -> None:
    result = run("content", "list", "--json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert {row["id"] for row in rows} == SHIPPED
    assert len(rows) == len(SHIPPED)
    for row in rows:
        assert set(row) == SUMMARY_KEYS
        assert isinstance(row["title"], str) and row["title"]
        assert isinstance(row["part"], int) and 1 <= row["part"] <= 10
        assert isinstance(row["steps"], int) and row["steps"] > 0
        assert isinstance(row["minutes"], int) and row["minutes"] > 0


def test_the_shipped_path_has_twelve_exercises_covering_all_ten_parts(library: Library) -> None:
    rows = json.loads(run("content", "list", "--json").stdout)
    assert len(rows) >= 12
    assert {row["part"] for row in rows} == set(range(1, 11))
    sensitive = {row["id"] for row in rows if row["sensitive"]}
    assert sensitive == {e.id for e in library.exercises.values() if e.sensitive}
    assert {"transparency", "intimacy-menu"} <= sensitive


def test_content_list_json_counts_steps(library: Library) -> None:
    rows = json.loads(run("content", "list", "--json").stdout)
    for row in rows:
        exercise = library.exercises[row["id"]]
        assert row["steps"] == len(exercise.steps)
        assert row["minutes"] == exercise.minutes
        assert row["title"] == exercise.title
        assert row["part"] == exercise.part


def test_content_list_plain_names_each_exercise() -> None:
    result = run("content", "list")
    assert result.exit_code == 0, result.output
    for exercise_id in SHIPPED:
        assert exercise_id in result.stdout


def test_content_list_includes_an_own_exercise_from_the_data_folder(_isolated_data: Path) -> None:
    shipped = (
        resources.files("content")
        .joinpath("exercises", "active_listening.toml")
        .read_text(encoding="utf-8")
    )
    assert shipped.count('id = "active-listening"') == 1
    own = shipped.replace('id = "active-listening"', 'id = "our-listening"')
    (_isolated_data / "exercises").mkdir(parents=True)
    (_isolated_data / "exercises" / "ours.toml").write_text(own, encoding="utf-8")
    rows = json.loads(run("content", "list", "--json").stdout)
    assert {row["id"] for row in rows} == SHIPPED | {"our-listening"}


# -- where the data folder is --------------------------------------------------------------


def test_data_option_before_the_subcommand(tmp_path: Path) -> None:
    folder = tmp_path / "given"
    make_workbook(folder, "When I am late, I text you first.")
    assert listed(run("--data", str(folder), "agreements", "--json")) == [
        "When I am late, I text you first."
    ]


def test_data_option_after_the_subcommand(tmp_path: Path) -> None:
    folder = tmp_path / "given"
    make_workbook(folder, "When I am late, I text you first.")
    assert listed(run("agreements", "--data", str(folder), "--json")) == [
        "When I am late, I text you first."
    ]


def test_workbook_data_is_used_when_data_option_is_absent(_isolated_data: Path) -> None:
    make_workbook(_isolated_data, "We keep Sunday evenings for us.")
    assert listed(run("agreements", "--json")) == ["We keep Sunday evenings for us."]


def test_data_option_wins_over_workbook_data(tmp_path: Path, _isolated_data: Path) -> None:
    make_workbook(_isolated_data, "From the environment.")
    given = tmp_path / "given"
    make_workbook(given, "From the option.")
    assert listed(run("--data", str(given), "agreements", "--json")) == ["From the option."]
    assert listed(run("agreements", "--data", str(given), "--json")) == ["From the option."]
    assert listed(run("agreements", "--json")) == ["From the environment."]


def test_data_option_after_the_subcommand_wins_over_one_before(tmp_path: Path) -> None:
    first, second = tmp_path / "first", tmp_path / "second"
    make_workbook(first, "First folder.")
    make_workbook(second, "Second folder.")
    result = run("--data", str(first), "agreements", "--data", str(second), "--json")
    assert listed(result) == ["Second folder."]


def test_agreements_plain_names_the_agreement_and_both_partners(_isolated_data: Path) -> None:
    make_workbook(_isolated_data, "When I am late, I text you first.")
    result = run("agreements")
    assert result.exit_code == 0, result.output
    assert "When I am late, I text you first." in result.stdout
    assert "Alex & Sam" in result.stdout


# -- agreements without a workbook ---------------------------------------------------------


def test_agreements_json_without_a_workbook_prints_an_empty_list(tmp_path: Path) -> None:
    folder = tmp_path / "nothing-here"
    result = run("--data", str(folder), "agreements", "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == []
    assert not folder.exists()  # a read-only command creates nothing


def test_agreements_json_on_an_empty_existing_folder_prints_an_empty_list(tmp_path: Path) -> None:
    folder = tmp_path / "empty"
    folder.mkdir()
    result = run("--data", str(folder), "agreements", "--json")
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == "[]"
    assert list(folder.iterdir()) == []


def test_agreements_plain_without_a_workbook_fails_with_a_plain_message(tmp_path: Path) -> None:
    folder = tmp_path / "nothing-here"
    result = run("--data", str(folder), "agreements")
    assert result.exit_code == 1
    assert isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output
    assert "no workbook" in result.stderr
    assert str(folder) in result.stderr
    assert not folder.exists()


def test_agreements_plain_without_a_workbook_in_a_real_process(tmp_path: Path) -> None:
    folder = tmp_path / "nothing-here"
    done = run_process("--data", str(folder), "agreements", cwd=tmp_path)
    assert done.returncode == 1, done.stderr
    assert "no workbook" in done.stderr
    assert "Traceback" not in done.stderr + done.stdout


# -- alongside a running app ---------------------------------------------------------------


def test_agreements_json_runs_while_another_workbook_holds_the_lock(tmp_path: Path) -> None:
    folder = tmp_path / "ours"
    make_workbook(folder, "We say goodnight, even after a hard day.")
    holder = Workbook.open(folder)
    try:
        before = snapshot(folder)
        in_process = run("--data", str(folder), "agreements", "--json")
        assert listed(in_process) == ["We say goodnight, even after a hard day."]
        done = run_process("--data", str(folder), "agreements", "--json", cwd=tmp_path)
        assert done.returncode == 0, done.stderr
        assert [a["text"] for a in json.loads(done.stdout)] == [
            "We say goodnight, even after a hard day."
        ]
        assert snapshot(folder) == before
    finally:
        holder.close()


def test_opening_the_app_while_another_workbook_holds_the_lock_is_refused(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "ours"
    make_workbook(folder, "We say goodnight, even after a hard day.")
    holder = Workbook.open(folder)
    try:
        before = snapshot(folder)
        done = run_process("--data", str(folder), cwd=tmp_path)
        assert done.returncode == 1, done.stderr
        assert "already open" in done.stderr
        assert "Traceback" not in done.stderr + done.stdout
        assert snapshot(folder) == before
    finally:
        holder.close()


def test_opening_the_app_on_a_folder_of_other_files_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "projects"
    folder.mkdir()
    (folder / "notes.txt").write_text("someone else's file", encoding="utf-8")
    before = snapshot(folder)
    done = run_process("--data", str(folder), cwd=tmp_path)
    assert done.returncode == 1, done.stderr
    assert "already holds other files" in done.stderr
    assert "Traceback" not in done.stderr + done.stdout
    assert snapshot(folder) == before
    assert sorted(p.name for p in folder.iterdir()) == ["notes.txt"]


# -- known bugs ----------------------------------------------------------------------------


def write_latin1_exercise(data: Path) -> None:
    """An own exercise saved as Latin-1 (an editor's default on some machines)."""
    (data / "exercises").mkdir(parents=True, exist_ok=True)
    (data / "exercises" / "cafe.toml").write_bytes('id = "café"\n'.encode("latin-1"))


def test_an_undecodable_own_exercise_does_not_break_content_list(_isolated_data: Path) -> None:
    write_latin1_exercise(_isolated_data)
    result = run("content", "list", "--json")
    assert result.exit_code == 0, result.output
    assert {row["id"] for row in json.loads(result.stdout)} == SHIPPED


def test_an_undecodable_own_exercise_does_not_break_agreements(_isolated_data: Path) -> None:
    make_workbook(_isolated_data, "We keep Sunday evenings for us.")
    write_latin1_exercise(_isolated_data)
    assert listed(run("agreements", "--json")) == ["We keep Sunday evenings for us."]


def test_an_undecodable_own_exercise_does_not_crash_opening_the_app(tmp_path: Path) -> None:
    folder = tmp_path / "ours"
    make_workbook(folder, "We keep Sunday evenings for us.")
    write_latin1_exercise(folder)
    # Hold the lock, so a fixed app stops at "already open" instead of starting Textual.
    holder = Workbook.open(folder, library=load_library())
    try:
        done = run_process("--data", str(folder), cwd=tmp_path)
        assert "Traceback" not in done.stderr + done.stdout, done.stderr
        assert done.returncode == 1
        assert "already open" in done.stderr
    finally:
        holder.close()


def test_agreements_on_a_damaged_workbook_fails_without_a_traceback(_isolated_data: Path) -> None:
    make_workbook(_isolated_data, "We keep Sunday evenings for us.")
    book_file = _isolated_data / "workbook.json"
    book_file.write_bytes(book_file.read_bytes()[:60])  # cut short, as by a full disk
    result = run("agreements")
    assert result.exit_code == 1, result.output
    assert isinstance(result.exception, SystemExit), repr(result.exception)
    assert result.stderr.strip()
