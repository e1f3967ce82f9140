"""`workbook content check` and `workbook content schema`, through the command line.

Acceptance: ``content check`` refuses an unknown ``next``, an unreachable step, a step with no
way to an end, a step without ``on_pass`` and a misspelt field (suggesting the right one),
naming file, exercise and step; exit code 1.

Every case starts from one small valid exercise (two roles, four steps, one choice) and makes a
single mutation to it.
"""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from workbook.cli import main
from workbook.content import shipped_exercise_files

EXERCISE_ID = "tiny-talk"

VALID = """\
id = "tiny-talk"
title = "Tiny talk"
part = 2
minutes = 5
ready = "A few quiet minutes."
purpose = "A short exercise for {speaker} and {listener}."
closing = "Thank you both."

[[roles]]
id = "speaker"
title = "the speaker"
meanwhile = "wait a moment."

[[roles]]
id = "listener"
title = "the listener"
meanwhile = "listen closely."

[[steps]]
id = "share"
actor = "speaker"
kind = "text"
prompt = "{speaker}, share one thing on your mind."
next = "mirror"
on_pass = "end"

[[steps]]
id = "mirror"
actor = "listener"
kind = "text"
prompt = "{listener}, say back what you heard."
next = "check"
on_pass = "share"

[[steps]]
id = "check"
actor = "speaker"
kind = "choice"
prompt = "{speaker}, did {listener} get it?"
on_pass = "thanks"

  [[steps.choices]]
  id = "yes"
  label = "Yes"
  next = "thanks"

  [[steps.choices]]
  id = "not_yet"
  label = "Not yet"
  next = "mirror"

[[steps]]
id = "thanks"
actor = "each"
kind = "text"
prompt = "{actor}, thank {other} for one thing."
next = "end"
on_pass = "set_aside"
"""

#: A step nothing leads to (appended to the valid exercise).
ORPHAN = """
[[steps]]
id = "orphan"
actor = "listener"
kind = "text"
prompt = "{listener}, nobody ever gets here."
next = "end"
on_pass = "end"
"""

#: A step that only ever comes back to itself ("pause" returns to the same step).
STUCK = """
[[steps]]
id = "stuck"
actor = "listener"
kind = "text"
prompt = "{listener}, round and round."
next = "stuck"
on_pass = "pause"
"""


def shipped_count() -> int:
    """How many exercises ship with the app (more are added over time)."""
    return len(shipped_exercise_files())


def mutate(old: str, new: str, text: str = VALID) -> str:
    """``text`` with the one place ``old`` stands replaced by ``new``."""
    assert text.count(old) == 1, f"{old!r} must occur exactly once"
    return text.replace(old, new)


def write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def check(*args: str) -> Result:
    result = CliRunner().invoke(main, ["content", "check", *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result


def assert_refused(result: Result, file: Path, step: str | None, *phrases: str) -> None:
    """Exit 1, and the report names the file, the exercise, the step and every phrase."""
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    out = result.output
    assert file.name in out, out
    assert f"exercise '{EXERCISE_ID}'" in out, out
    if step is not None:
        assert f"step '{step}'" in out, out
    for phrase in phrases:
        assert phrase in out, out


# -- the valid exercise --------------------------------------------------------------------


def test_the_valid_exercise_passes(tmp_path: Path) -> None:
    path = write(tmp_path / "mine", "tiny.toml", VALID)
    result = check(str(path))
    assert result.exit_code == 0, result.output
    assert "1 exercise files are sound" in result.stdout
    assert result.stderr == ""


# -- the five refusals of the acceptance ---------------------------------------------------


def test_an_unknown_next_is_refused(tmp_path: Path) -> None:
    text = mutate('next = "check"', 'next = "nowhere"')
    path = write(tmp_path / "mine", "unknown_next.toml", text)
    assert_refused(check(str(path)), path, "mirror", "field 'next'", "there is no step 'nowhere'")


def test_an_unknown_choice_next_is_refused(tmp_path: Path) -> None:
    text = mutate('next = "thanks"', 'next = "nowhere"')
    path = write(tmp_path / "mine", "choice_next.toml", text)
    assert_refused(
        check(str(path)), path, "check", "field 'choices.yes.next'", "there is no step 'nowhere'"
    )


def test_an_unreachable_step_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path / "mine", "unreachable.toml", VALID + ORPHAN)
    result = check(str(path))
    assert_refused(result, path, "orphan", "cannot be reached")
    assert "1 problem(s) found" in result.output  # only the orphan is named


def test_a_step_with_no_way_to_an_end_is_refused(tmp_path: Path) -> None:
    # "Not yet" now leads to "stuck", which only ever comes back to itself.
    text = mutate('label = "Not yet"\n  next = "mirror"', 'label = "Not yet"\n  next = "stuck"')
    path = write(tmp_path / "mine", "no_end.toml", text + STUCK)
    result = check(str(path))
    assert_refused(result, path, "stuck", "no way from here ever reaches an end")
    assert "cannot be reached" not in result.output


def test_a_step_without_on_pass_is_refused(tmp_path: Path) -> None:
    text = mutate('on_pass = "share"\n', "")
    path = write(tmp_path / "mine", "no_on_pass.toml", text)
    assert_refused(check(str(path)), path, "mirror", "field 'on_pass'", "on_pass")


def test_a_misspelt_field_is_refused_with_the_right_name(tmp_path: Path) -> None:
    text = mutate('next = "check"', 'nxet = "check"')
    path = write(tmp_path / "mine", "misspelt.toml", text)
    assert_refused(
        check(str(path)), path, "mirror", "field 'nxet'", "unknown field", "did you mean 'next'"
    )


def test_a_misspelt_exercise_field_is_refused_with_the_right_name(tmp_path: Path) -> None:
    text = mutate("minutes = 5", "minuets = 5")
    path = write(tmp_path / "mine", "misspelt_top.toml", text)
    assert_refused(check(str(path)), path, None, "field 'minuets'", "did you mean 'minutes'")


def test_a_misspelt_choice_field_is_refused_with_the_right_name(tmp_path: Path) -> None:
    text = mutate('  label = "Yes"\n', '  lable = "Yes"\n')
    path = write(tmp_path / "mine", "misspelt_choice.toml", text)
    assert_refused(check(str(path)), path, "check", "lable", "did you mean 'label'")


# -- suggestions ---------------------------------------------------------------------------


def test_an_unknown_next_close_to_a_real_step_suggests_it(tmp_path: Path) -> None:
    text = mutate('next = "check"', 'next = "chekc"')
    path = write(tmp_path / "mine", "near.toml", text)
    assert_refused(
        check(str(path)),
        path,
        "mirror",
        "there is no step 'chekc'",
        "did you mean 'check'",
    )


def test_an_unknown_next_far_from_every_step_suggests_nothing(tmp_path: Path) -> None:
    text = mutate('next = "check"', 'next = "zzzzzzzz"')
    path = write(tmp_path / "mine", "far.toml", text)
    result = check(str(path))
    assert_refused(result, path, "mirror", "there is no step 'zzzzzzzz'")
    assert "did you mean" not in result.output


def test_a_misspelt_kind_suggests_text(tmp_path: Path) -> None:
    text = mutate('actor = "listener"\nkind = "text"', 'actor = "listener"\nkind = "txt"')
    path = write(tmp_path / "mine", "kind.toml", text)
    assert_refused(check(str(path)), path, "mirror", "field 'kind'", "did you mean 'text'")


def test_a_placeholder_typo_is_refused_with_a_suggestion(tmp_path: Path) -> None:
    text = mutate("{speaker}, share one thing", "{speakr}, share one thing")
    path = write(tmp_path / "mine", "placeholder.toml", text)
    assert_refused(
        check(str(path)),
        path,
        "share",
        "field 'prompt'",
        "unknown placeholder '{speakr}'",
        "did you mean 'speaker'",
    )


def test_a_meanwhile_naming_its_own_holder_is_refused(tmp_path: Path) -> None:
    """A role's meanwhile is read by the partner holding that role: naming them is a mix-up."""
    text = mutate('meanwhile = "listen closely."', 'meanwhile = "see what {listener} writes."')
    path = write(tmp_path / "mine", "meanwhile.toml", text)
    assert_refused(
        check(str(path)),
        path,
        None,
        "field 'roles.listener.meanwhile'",
        "cannot name them as '{listener}'",
        "did you mean '{speaker}'",
    )


def test_a_toml_syntax_error_reports_line_and_column(tmp_path: Path) -> None:
    text = mutate("minutes = 5", "minutes = = 5")
    path = write(tmp_path / "mine", "broken.toml", text)
    result = check(str(path))
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert path.name in result.output
    assert "not valid TOML" in result.output
    assert "line 4" in result.output, result.output
    assert "column" in result.output, result.output


def test_problems_go_to_stderr(tmp_path: Path) -> None:
    path = write(tmp_path / "mine", "misspelt.toml", mutate('next = "check"', 'nxet = "check"'))
    result = check(str(path))
    assert result.exit_code == 1
    assert "did you mean 'next'" in result.stderr
    assert result.stdout == ""


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


# -- schema --------------------------------------------------------------------------------


def test_schema_prints_json_schema_of_the_format() -> None:
    result = CliRunner().invoke(main, ["content", "schema"])
    assert result.exit_code == 0, result.output
    schema = json.loads(result.stdout)
    assert "steps" in schema["properties"]
    assert "roles" in schema["properties"]
    step = schema["$defs"]["Step"]
    assert "on_pass" in step["properties"]
    assert "next" in step["properties"]
