"""What `workbook content check` reads: without a path, the shipped content and the couple's
own files in the data folder (``--data`` chooses another); with a folder, every ``.toml`` in
it; every refusal names file, exercise and step.

Every case starts from one small valid exercise (``tiny_talk.VALID``) and makes a single
mutation to it.
"""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.unit.content_cli import check, write
from tests.unit.tiny_talk import EXERCISE_ID, ORPHAN, VALID, assert_refused, mutate
from workbook.cli import main
from workbook.content import shipped_exercise_files


def shipped_count() -> int:
    """How many exercises ship with the app (more are added over time)."""
    return len(shipped_exercise_files())


# -- what gets checked ---------------------------------------------------------------------


def test_without_path_the_shipped_content_passes() -> None:
    result = check()
    assert result.exit_code == 0, result.output
    assert "sound" in result.stdout


def test_without_path_a_good_own_exercise_is_counted(_isolated_data: Path) -> None:
    write(_isolated_data / "exercises", "tiny.toml", VALID)
    result = check()
    assert result.exit_code == 0, result.output
    # every shipped file and the one own file
    assert f"All {shipped_count() + 1} exercise files are sound" in result.stdout


def test_without_path_a_bad_file_in_the_data_folder_is_refused(_isolated_data: Path) -> None:
    path = write(
        _isolated_data / "exercises", "own.toml", mutate('next = "check"', 'nxet = "check"')
    )
    assert_refused(check(), path, "mirror", "did you mean 'next'")


def test_without_path_an_own_exercise_reusing_a_shipped_id_is_refused(
    _isolated_data: Path,
) -> None:
    shipped = (
        resources.files("content")
        .joinpath("exercises", "active_listening.toml")
        .read_text(encoding="utf-8")
    )
    path = write(_isolated_data / "exercises", "copy.toml", shipped)
    # The app leaves this file out: only the shipped exercises are listed.
    rows = json.loads(CliRunner().invoke(main, ["content", "list", "--json"]).stdout)
    assert len(rows) == shipped_count()
    # So the check must not call it sound.
    result = check()
    assert result.exit_code == 1, result.output
    assert path.name in result.output
    assert "'active-listening'" in result.output


def test_without_path_data_option_chooses_the_folder(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    path = write(elsewhere / "exercises", "own.toml", mutate('on_pass = "share"\n', ""))
    assert check().exit_code == 0  # WORKBOOK_DATA has no exercises
    assert_refused(check("--data", str(elsewhere)), path, "mirror", "field 'on_pass'")


def test_a_folder_path_checks_every_toml_inside(tmp_path: Path) -> None:
    folder = tmp_path / "mine"
    write(folder, "a_good.toml", VALID)
    other = mutate('id = "tiny-talk"', 'id = "tiny-talk-two"')
    write(folder, "b_good.toml", other)
    write(folder, "notes.txt", "not an exercise")
    result = check(str(folder))
    assert result.exit_code == 0, result.output
    assert "All 2 exercise files are sound" in result.stdout

    bad = write(folder, "c_bad.toml", mutate('next = "check"', 'next = "nowhere"'))
    result = check(str(folder))
    assert_refused(result, bad, "mirror", "there is no step 'nowhere'")
    assert "a_good.toml" not in result.output
    assert "b_good.toml" not in result.output


def test_a_folder_path_names_each_bad_file(tmp_path: Path) -> None:
    folder = tmp_path / "mine"
    one = write(folder, "one.toml", mutate('next = "check"', 'nxet = "check"'))
    two = write(
        folder,
        "two.toml",
        mutate('id = "tiny-talk"', 'id = "tiny-talk-two"', VALID + ORPHAN),
    )
    result = check(str(folder))
    assert result.exit_code == 1, result.output
    assert f"{one.name}: exercise 'tiny-talk', step 'mirror'" in result.output
    assert f"{two.name}: exercise 'tiny-talk-two', step 'orphan'" in result.output


def test_two_files_with_the_same_id_are_refused(tmp_path: Path) -> None:
    folder = tmp_path / "mine"
    write(folder, "first.toml", VALID)
    write(folder, "second.toml", VALID)
    result = check(str(folder))
    assert result.exit_code == 1, result.output
    assert "second.toml" in result.output
    assert f"'{EXERCISE_ID}'" in result.output


def test_a_missing_path_is_a_usage_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["content", "check", str(tmp_path / "absent.toml")])
    assert result.exit_code == 2
    assert "Traceback" not in result.output


@pytest.mark.parametrize(
    ("old", "new", "step", "phrase"),
    [
        ('next = "check"', 'next = "nowhere"', "mirror", "there is no step 'nowhere'"),
        ('on_pass = "share"\n', "", "mirror", "field 'on_pass'"),
        ('next = "check"', 'nxet = "check"', "mirror", "did you mean 'next'"),
        ('actor = "each"', 'actor = "eahc"', "thanks", "did you mean 'each'"),
    ],
)
def test_every_refusal_names_file_exercise_and_step(
    tmp_path: Path, old: str, new: str, step: str, phrase: str
) -> None:
    path = write(tmp_path / "mine", "case.toml", mutate(old, new))
    assert_refused(check(str(path)), path, step, phrase)
