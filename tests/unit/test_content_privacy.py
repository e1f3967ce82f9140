"""`content check` refuses content that could leak a private answer, and every shipped
exercise passes every check.

Every leak case starts from one small valid exercise with private steps
(``private_talk.GOOD``) and makes a single mutation to it; the refusal must name the file, the
exercise, the step and the field. Exercises that are only forms are in ``test_content_forms.py``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.unit.content_cli import check, write
from tests.unit.private_talk import GOOD, SOURCE, add, mutate
from workbook.content import Library, load_library, read_exercise, shipped_exercise_files
from workbook.content_privacy import check_privacy, form_problems

EXERCISE_ID = "private-talk"


def problems_in(library: Library, text: str, *, own: bool = False) -> list[str]:
    _, problems, _ = read_exercise(text, SOURCE, library.path, own=own)
    return problems


def assert_refused(problems: list[str], step: str, field: str, *phrases: str) -> None:
    """One problem names the file, the exercise, the step, the field and every phrase."""
    named = f"{SOURCE}: exercise '{EXERCISE_ID}', step '{step}', field '{field}': "
    matching = [p for p in problems if p.startswith(named)]
    assert matching, problems
    assert any(all(phrase in p for phrase in phrases) for p in matching), problems


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


# -- what ships ----------------------------------------------------------------------------


def test_every_shipped_exercise_passes_every_check(library: Library) -> None:
    load_library()  # raises ContentError on any problem in shipped content
    for name, text in shipped_exercise_files():
        exercise, problems, warnings = read_exercise(text, name, library.path)
        assert problems == [] and warnings == [], problems
        assert exercise is not None
        assert check_privacy(exercise) == [], name
        assert form_problems(exercise) == [], name
