"""`workbook content check` on one exercise file, and `workbook content schema`, through the
command line.

Acceptance: ``content check`` refuses an unknown ``next``, an unreachable step, a step with no
way to an end, a step without ``on_pass`` and a misspelt field (suggesting the right one),
naming file, exercise and step; exit code 1.

Every case starts from one small valid exercise (``tiny_talk.VALID``: two roles, four steps,
one choice) and makes a single mutation to it. Which files are checked (the data folder, a
folder given as a path) is in ``test_content_check_paths.py``.
"""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from tests.unit.content_cli import check, write
from tests.unit.tiny_talk import ORPHAN, VALID, assert_refused, mutate
from workbook.cli import main

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
