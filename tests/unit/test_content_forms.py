"""`content check` and exercises that are only forms: an error in shipped content (the app
does not load), a warning in a couple's own file; what makes one a form (one partner acting,
fewer than four steps, nothing done together) and what is enough to make it more.

The cases start from ``FORM`` (three steps for one role) and, for a problem and a warning
together, from ``private_talk.GOOD``.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

import workbook.content as content_module
from tests.unit.content_cli import check, write
from tests.unit.private_talk import SOURCE, add, mutate
from workbook.content import Library, load_library, read_exercise, shipped_exercise_files
from workbook.content_format import Exercise
from workbook.content_privacy import form_problems, has_loop, partners_acting
from workbook.errors import ContentError

#: Three steps for one role, straight through: only a form on every count.
FORM = """\
id = "only-a-form"
title = "Only a form"
part = 3
minutes = 5
ready = "A pen."
purpose = "Fill in three answers."
closing = "Done."

[[roles]]
id = "writer"
title = "the writer"
meanwhile = "wait."

[[roles]]
id = "reader"
title = "the reader"
meanwhile = "wait."

[[steps]]
id = "name"
actor = "writer"
kind = "text"
prompt = "{writer}, your name?"
next = "age"
on_pass = "age"

[[steps]]
id = "age"
actor = "writer"
kind = "scale"
scale = [0, 120]
prompt = "{writer}, your age?"
next = "done"
on_pass = "pause"

[[steps]]
id = "done"
actor = "writer"
kind = "confirm"
prompt = "{writer}, all done?"
next = "end"
on_pass = "end"
"""

#: A fourth step, for the other role (appended to ``FORM``).
FOURTH = """
[[steps]]
id = "read"
actor = "reader"
kind = "text"
prompt = "{reader}, read it back."
next = "end"
on_pass = "end"
"""


#: How the last step of ``FORM`` (and of ``FOURTH``) ends.
LAST = 'next = "end"\non_pass = "end"\n'

SWAP_BACK = """
[[steps]]
id = "turn"
kind = "swap"
next = "name"
then = "end"
"""


def straight_four() -> str:
    """``FORM`` and ``FOURTH``: two partners, four steps straight through."""
    return mutate(LAST, LAST.replace('"end"', '"read"', 1), FORM) + FOURTH


def parse(text: str) -> Exercise:
    return Exercise.model_validate(tomllib.loads(text))


# -- only a form ---------------------------------------------------------------------------


def test_a_form_is_an_error_in_shipped_style_content(library: Library) -> None:
    exercise, problems, warnings = read_exercise(FORM, SOURCE, library.path)
    assert exercise is None
    assert warnings == []
    assert len(problems) == 1, problems
    message = problems[0]
    assert message.startswith(f"{SOURCE}: exercise 'only-a-form': this is only a form")
    assert "fewer than two partners act" in message
    assert "3 step(s), fewer than 4" in message
    assert "no loop, no reveal, no step for both" in message


def test_a_form_among_the_shipped_files_stops_the_app_loading(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    shipped = shipped_exercise_files()
    monkeypatch.setattr(
        content_module,
        "shipped_exercise_files",
        lambda: [*shipped, ("exercises/only_a_form.toml", FORM)],
    )
    with pytest.raises(ContentError) as raised:
        load_library()
    assert raised.value.problems == [
        p for p in raised.value.problems if p.startswith("exercises/only_a_form.toml")
    ]
    assert "this is only a form" in str(raised.value)


def test_a_form_is_only_a_warning_in_an_own_file(library: Library) -> None:
    exercise, problems, warnings = read_exercise(FORM, SOURCE, library.path, own=True)
    assert exercise is not None
    assert problems == []
    assert len(warnings) == 1 and "this is only a form" in warnings[0]


def test_an_own_form_in_the_data_folder_loads_with_a_warning(_isolated_data: Path) -> None:
    write(_isolated_data / "exercises", "form.toml", FORM)
    library = load_library(_isolated_data)
    assert "only-a-form" in library.exercises
    assert library.problems == []
    assert len(library.warnings) == 1
    assert "form.toml: exercise 'only-a-form': this is only a form" in library.warnings[0]


def test_content_check_warns_about_an_own_form_and_passes(_isolated_data: Path) -> None:
    path = write(_isolated_data / "exercises", "form.toml", FORM)
    result = check()
    assert result.exit_code == 0, result.output
    assert "warning:" in result.stderr
    assert f"{path.name}: exercise 'only-a-form': this is only a form" in result.stderr
    assert "sound" in result.stdout


def test_content_check_warns_about_a_form_given_as_a_path(tmp_path: Path) -> None:
    path = write(tmp_path / "mine", "form.toml", FORM)
    result = check(str(path))
    assert result.exit_code == 0, result.output
    assert "warning:" in result.output
    assert "this is only a form" in result.output


def test_content_check_with_a_problem_and_a_warning_fails(tmp_path: Path) -> None:
    folder = tmp_path / "mine"
    write(folder, "form.toml", FORM)
    write(folder, "leak.toml", add("wording", 'prefill = ["note"]'))
    result = check(str(folder))
    assert result.exit_code == 1, result.output
    assert "warning:" in result.stderr
    assert "leak.toml: exercise 'private-talk', step 'wording', field 'prefill'" in result.stderr


def test_one_role_acting_is_a_form() -> None:
    # Four steps and a loop ("done" can go back to "name"), but only the writer ever acts.
    text = mutate('actor = "reader"', 'actor = "writer"', straight_four())
    text = mutate('next = "read"\non_pass = "end"', 'next = "read"\non_pass = "name"', text)
    exercise = parse(text)
    assert partners_acting(exercise) == 1
    assert has_loop(exercise)
    (message,) = form_problems(exercise)
    assert "fewer than two partners act" in message
    assert "step(s)" not in message and "no loop" not in message


def test_three_steps_are_a_form_even_done_together() -> None:
    text = FORM.replace('actor = "writer"', 'actor = "each"')
    exercise = parse(text)
    assert partners_acting(exercise) == 2
    (message,) = form_problems(exercise)
    assert "3 step(s), fewer than 4 (swaps do not count)" in message
    assert "partners act" not in message and "no loop" not in message


def test_two_partners_and_four_steps_straight_through_are_a_form() -> None:
    exercise = parse(straight_four())
    assert partners_acting(exercise) == 2
    assert not has_loop(exercise)  # "pause" coming back to a step is no loop
    (message,) = form_problems(exercise)
    assert "no loop, no reveal, no step for both ('each' or 'both') and no agreement" in message
    assert "partners act" not in message and "step(s)" not in message


@pytest.mark.parametrize(
    ("old", "new"),
    [
        # a loop: "done" can go back to "name"
        ('on_pass = "end"\n\n[[steps]]\nid = "read"', 'on_pass = "name"\n\n[[steps]]\nid = "read"'),
        # a step for both
        ('id = "read"\nactor = "reader"', 'id = "read"\nactor = "each"'),
        # a reveal
        ('id = "read"\nactor = "reader"', 'id = "read"\nactor = "each"\nprivate = true'),
    ],
)
def test_one_thing_done_together_is_enough(old: str, new: str) -> None:
    exercise = parse(mutate(old, new, straight_four()))
    assert form_problems(exercise) == []


def test_a_swap_going_back_is_a_loop() -> None:
    text = mutate(LAST, LAST.replace('"end"', '"turn"', 1), straight_four())
    exercise = parse(text + SWAP_BACK)
    assert has_loop(exercise)
    assert form_problems(exercise) == []


def test_a_swap_is_not_counted_as_a_step() -> None:
    text = mutate(LAST, LAST.replace('"end"', '"turn"', 1), FORM)
    (message,) = form_problems(parse(text + SWAP_BACK))
    assert "3 step(s)" in message
