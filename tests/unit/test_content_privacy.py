"""`content check` refuses content that could leak a private answer, and exercises that are only
forms (an error in shipped content, a warning in a couple's own file).

Every leak case starts from one small valid exercise with private steps (``GOOD``) and makes a
single mutation to it; the refusal must name the file, the exercise, the step and the field.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

import workbook.content as content_module
from workbook.cli import main
from workbook.content import (
    Library,
    load_library,
    read_exercise,
    shipped_exercise_files,
)
from workbook.content_format import Exercise
from workbook.content_privacy import check_privacy, form_problems, has_loop, partners_acting
from workbook.errors import ContentError

SOURCE = "case.toml"
EXERCISE_ID = "private-talk"

#: A sound exercise using every kind of private step: a ``together`` text, a ``never`` note for
#: one role, a private choice that does not branch (and shows each partner their own note), a
#: menu, then an agreement made only from shared answers.
GOOD = """\
id = "private-talk"
title = "Private talk"
part = 3
minutes = 15
ready = "A quiet place where each of you can write alone."
purpose = "Each of you writes alone first; then you see both answers together."
closing = "Thank you both."

[[roles]]
id = "first"
title = "the partner who goes first"
meanwhile = "wait a moment."

[[roles]]
id = "second"
title = "the partner who goes second"
meanwhile = "wait a moment."

[[steps]]
id = "hope"
actor = "each"
kind = "text"
private = true
prompt = "{actor}, in private: what do you hope for?"
next = "note"
on_pass = "note"

[[steps]]
id = "note"
actor = "first"
kind = "text"
private = true
reveal = "never"
prompt = "{first}, a note only you will ever see."
next = "feel"
on_pass = "feel"

[[steps]]
id = "feel"
actor = "each"
kind = "choice"
private = true
prompt = "{actor}, in private: how do you feel about it?"
next = "ideas"
on_pass = "ideas"

  [[steps.show]]
  label = "Your note"
  steps = ["note"]
  whose = "actor"

  [[steps.choices]]
  id = "calm"
  label = "Calm"

  [[steps.choices]]
  id = "unsure"
  label = "Unsure"

[[steps]]
id = "ideas"
actor = "each"
kind = "menu"
prompt = "{actor}, mark each idea yes, maybe or no."
items = ["A walk", "A meal"]
next = "reply"
on_pass = "reply"

[[steps]]
id = "reply"
actor = "second"
kind = "text"
prompt = "{second}, say what you heard in {first}'s hope."
next = "wording"
on_pass = "end"

  [[steps.show]]
  label = "Your hopes"
  steps = ["hope"]
  which = "all"

[[steps]]
id = "wording"
actor = "first"
kind = "text"
prompt = "{first}, write one thing you will both do."
next = "area"
on_pass = "end"

[[steps]]
id = "area"
actor = "first"
kind = "choice"
choices_from = "categories"
prompt = "{first}, which area is this about?"
next = "when"
on_pass = "end"

[[steps]]
id = "when"
actor = "first"
kind = "date"
prompt = "{first}, when will you look at it again?"
next = "agree"
on_pass = "end"

[[steps]]
id = "agree"
actor = "both"
kind = "agreement"
prompt = "{actor}, do you agree?"
next = "end"
on_pass = "end"

  [steps.agreement]
  text = ["wording"]
  category = "area"
  review_on = "when"
"""

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


def mutate(old: str, new: str, text: str = GOOD) -> str:
    """``text`` with the one place ``old`` stands replaced by ``new``."""
    assert text.count(old) == 1, f"{old!r} must occur exactly once"
    return text.replace(old, new)


def add(step_id: str, line: str, text: str = GOOD) -> str:
    """``text`` with ``line`` added among the keys of step ``step_id``."""
    return mutate(f'\nid = "{step_id}"\n', f'\nid = "{step_id}"\n{line}\n', text)


def problems_in(library: Library, text: str, *, own: bool = False) -> list[str]:
    _, problems, _ = read_exercise(text, SOURCE, library.path, own=own)
    return problems


def parse(text: str) -> Exercise:
    return Exercise.model_validate(tomllib.loads(text))


def assert_refused(problems: list[str], step: str, field: str, *phrases: str) -> None:
    """One problem names the file, the exercise, the step, the field and every phrase."""
    named = f"{SOURCE}: exercise '{EXERCISE_ID}', step '{step}', field '{field}': "
    matching = [p for p in problems if p.startswith(named)]
    assert matching, problems
    assert any(all(phrase in p for phrase in phrases) for p in matching), problems


def write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def check(*args: str) -> Result:
    result = CliRunner().invoke(main, ["content", "check", *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result


# -- the good private exercise -------------------------------------------------------------


def test_the_good_private_exercise_passes(library: Library) -> None:
    exercise, problems, warnings = read_exercise(GOOD, SOURCE, library.path)
    assert problems == []
    assert warnings == []
    assert exercise is not None
    assert check_privacy(exercise) == []


def test_the_good_private_exercise_passes_content_check(tmp_path: Path) -> None:
    path = write(tmp_path / "mine", "private.toml", GOOD)
    result = check(str(path))
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    assert "sound" in result.stdout


# -- a private step is for each ------------------------------------------------------------


def test_a_private_step_for_one_role_is_refused(library: Library) -> None:
    text = mutate(
        'id = "hope"\nactor = "each"',
        'id = "hope"\nactor = "first"',
    )
    assert_refused(problems_in(library, text), "hope", "actor", "must be for 'each'")


def test_a_private_step_for_both_is_refused(library: Library) -> None:
    text = mutate('id = "hope"\nactor = "each"', 'id = "hope"\nactor = "both"')
    assert_refused(problems_in(library, text), "hope", "actor", "must be for 'each'")


def test_a_menu_for_one_role_is_refused(library: Library) -> None:
    text = mutate('id = "ideas"\nactor = "each"', 'id = "ideas"\nactor = "second"')
    assert_refused(problems_in(library, text), "ideas", "actor", "must be for 'each'")


def test_a_never_step_for_both_is_refused(library: Library) -> None:
    text = mutate('id = "note"\nactor = "first"', 'id = "note"\nactor = "both"')
    assert_refused(problems_in(library, text), "note", "actor", "must be for 'each'")


# -- reveal "match" and menus --------------------------------------------------------------


def test_reveal_match_on_a_text_step_is_refused(library: Library) -> None:
    text = add("hope", 'reveal = "match"')
    assert_refused(problems_in(library, text), "hope", "reveal", "only for menu steps")


def test_a_menu_written_not_private_is_refused(library: Library) -> None:
    text = add("ideas", "private = false")
    assert_refused(problems_in(library, text), "ideas", "private", "a menu is always private")


def test_a_menu_revealed_together_is_refused(library: Library) -> None:
    text = add("ideas", 'reveal = "together"')
    assert_refused(problems_in(library, text), "ideas", "reveal", "use 'match'")


# -- a private step cannot show its own answers --------------------------------------------


def test_a_private_step_showing_itself_is_refused(library: Library) -> None:
    text = add("hope", 'show = [{ label = "So far", steps = ["hope"] }]')
    assert_refused(
        problems_in(library, text), "hope", "show", "cannot show its own answers", "reveal"
    )


def test_a_private_step_prefilled_from_itself_is_refused(library: Library) -> None:
    text = add("hope", 'prefill = ["hope"]')
    assert_refused(problems_in(library, text), "hope", "prefill", "cannot prefill its own")


def test_a_private_step_offering_itself_is_refused(library: Library) -> None:
    text = add("feel", 'offer = ["feel"]')
    assert_refused(problems_in(library, text), "feel", "offer", "cannot offer its own")


# -- a "never" step is shown only on a private each step ------------------------------------


def test_a_never_step_shown_on_a_shared_step_is_refused(library: Library) -> None:
    text = mutate('steps = ["hope"]\n  which = "all"', 'steps = ["note"]\n  which = "all"')
    assert_refused(problems_in(library, text), "reply", "show", "'note' is never shown")


def test_a_never_step_shown_on_a_private_step_for_one_role_is_refused(library: Library) -> None:
    # "note" itself is private and "never", but for one role: not a private each step.
    extra = mutate('id = "feel"\nactor = "each"', 'id = "feel"\nactor = "first"')
    extra = add("feel", 'reveal = "never"', extra)
    problems = problems_in(library, extra)
    assert_refused(problems, "feel", "show", "'note' is never shown")


def test_a_never_step_prefilled_on_a_shared_step_is_refused(library: Library) -> None:
    text = add("wording", 'prefill = ["note"]')
    assert_refused(problems_in(library, text), "wording", "prefill", "'note' (reveal = 'never')")


def test_a_never_step_prefilled_even_on_a_private_each_step_is_refused(library: Library) -> None:
    # A prefill takes the latest answer whoever wrote it, so it would hand over the other's note.
    text = add("hope", 'prefill = ["note"]')
    assert_refused(problems_in(library, text), "hope", "prefill", "whoever wrote it")


def test_a_never_step_offered_on_a_shared_choice_is_refused(library: Library) -> None:
    text = add("area", 'offer = ["note"]')
    assert_refused(problems_in(library, text), "area", "offer", "'note' (reveal = 'never')")


# -- nothing kept or acted on is made from a private answer ---------------------------------


@pytest.mark.parametrize(
    ("old", "new", "field"),
    [
        ('text = ["wording"]', 'text = ["hope"]', "agreement.text"),
        ('category = "area"', 'category = "feel"', "agreement.category"),
        ('review_on = "when"', 'review_on = "hope"', "agreement.review_on"),
    ],
)
def test_an_agreement_made_from_a_private_step_is_refused(
    library: Library, old: str, new: str, field: str
) -> None:
    text = mutate(old, new)
    assert_refused(problems_in(library, text), "agree", field, "cannot be made from private")


def test_a_milestone_titled_from_a_private_step_is_refused(library: Library) -> None:
    text = mutate(
        'kind = "agreement"',
        'kind = "milestone"',
        mutate(
            '[steps.agreement]\n  text = ["wording"]\n  category = "area"\n  review_on = "when"',
            '[steps.milestone]\n  title = ["wording", "hope"]',
        ),
    )
    assert_refused(problems_in(library, text), "agree", "milestone.title", "private step 'hope'")


def test_waiting_until_a_private_date_is_refused(library: Library) -> None:
    text = add("reply", 'wait_until = "hope"')
    assert_refused(problems_in(library, text), "reply", "wait_until", "cannot wait for private")


# -- a private choice does not branch ------------------------------------------------------


def test_a_private_choice_leading_to_different_places_is_refused(library: Library) -> None:
    text = mutate('label = "Unsure"', 'label = "Unsure"\n  next = "reply"')
    assert_refused(problems_in(library, text), "feel", "choices", "cannot lead to different places")


def test_a_private_choice_whose_choices_all_go_elsewhere_is_refused(library: Library) -> None:
    text = mutate('label = "Unsure"', 'label = "Unsure"\n  next = "reply"')
    text = mutate('label = "Calm"', 'label = "Calm"\n  next = "reply"', text)
    assert_refused(problems_in(library, text), "feel", "choices", "ideas, reply")


def test_a_private_choice_without_its_own_next_is_refused(library: Library) -> None:
    text = mutate('label = "Unsure"', 'label = "Unsure"\n  next = "ideas"')
    text = mutate('label = "Calm"', 'label = "Calm"\n  next = "ideas"', text)
    text = mutate('next = "ideas"\non_pass = "ideas"', 'on_pass = "ideas"', text)
    assert_refused(problems_in(library, text), "feel", "next", "a private choice needs")


def test_a_private_choice_with_one_place_passes(library: Library) -> None:
    text = mutate('label = "Unsure"', 'label = "Unsure"\n  next = "ideas"')
    assert problems_in(library, text) == []


def test_a_private_choice_offering_answers_is_refused(library: Library) -> None:
    text = add("feel", 'offer = ["wording"]')
    assert_refused(problems_in(library, text), "feel", "offer", "cannot offer earlier answers")


# -- placeholders --------------------------------------------------------------------------


def test_a_placeholder_can_only_name_a_partner_never_an_answer(library: Library) -> None:
    # Placeholders carry names only, so there is no privacy rule for them: a placeholder naming
    # a (private) step is simply unknown.
    text = mutate("what do you hope for?", "what do you hope for, {hope}?")
    assert_refused(problems_in(library, text), "hope", "prompt", "unknown placeholder '{hope}'")


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


# -- what ships ----------------------------------------------------------------------------


def test_every_shipped_exercise_passes_every_check(library: Library) -> None:
    load_library()  # raises ContentError on any problem in shipped content
    for name, text in shipped_exercise_files():
        exercise, problems, warnings = read_exercise(text, name, library.path)
        assert problems == [] and warnings == [], problems
        assert exercise is not None
        assert check_privacy(exercise) == [], name
        assert form_problems(exercise) == [], name
