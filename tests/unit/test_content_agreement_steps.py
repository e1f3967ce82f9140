"""``content check`` on the steps that work with an agreement already made: a review is kept
only on a ``confirm`` step for both, from steps of the right kind that both partners see,
rated with the known ratings; ``prefill_agreement`` only where there is something to start
from. Each case changes one field of a shipped exercise."""

from __future__ import annotations

import pytest

from workbook.content import Library
from workbook.content_check import check_exercise
from workbook.content_format import Choice, Exercise


def changed(exercise: Exercise, step_id: str, **fields: object) -> Exercise:
    """``exercise`` with ``fields`` of one step changed (not validated again: the check must
    catch what the model alone lets through)."""
    steps = [s.model_copy(update=fields) if s.id == step_id else s for s in exercise.steps]
    return exercise.model_copy(update={"steps": steps})


@pytest.mark.parametrize("exercise_id", ["review", "boundary-drafting"])
def test_the_shipped_exercises_pass(library: Library, exercise_id: str) -> None:
    assert check_exercise(library.exercises[exercise_id]) == []


def test_a_review_is_kept_only_on_a_confirm_step_for_both(library: Library) -> None:
    review = library.exercises["review"]
    for change in ({"kind": "text"}, {"actor": "first"}):
        [problem] = check_exercise(changed(review, "record", **change))
        assert "step 'record', field 'review'" in problem
        assert "a review is kept on a confirm step for both" in problem


def test_each_part_of_a_review_comes_from_a_step_of_its_kind(library: Library) -> None:
    review = library.exercises["review"]
    record = review.step("record")
    wrong = record.review.model_copy(update={"notes": "next_review"})  # type: ignore[union-attr]
    [problem] = check_exercise(changed(review, "record", review=wrong))
    assert "field 'review.notes'" in problem
    assert "'next_review' must be a text step both partners get to see" in problem


def test_ratings_never_revealed_are_refused(library: Library) -> None:
    problems = check_exercise(changed(library.exercises["review"], "rate", reveal="never"))
    assert any("'rate' must be a choice step both partners get to see" in p for p in problems)


def test_ratings_use_the_known_ids(library: Library) -> None:
    review = library.exercises["review"]
    choices = [*review.step("rate").choices, Choice(id="fine", label="Fine")]
    [problem] = check_exercise(changed(review, "rate", choices=choices))
    assert "field 'review.ratings'" in problem
    assert "rated with the ids keeping, struggling, change; unknown: fine" in problem


def test_prefill_from_the_agreement_needs_words_or_an_area_to_start_from(
    library: Library,
) -> None:
    review = library.exercises["review"]
    [problem] = check_exercise(changed(review, "next_review", prefill_agreement=True))
    assert "step 'next_review', field 'prefill_agreement'" in problem
    assert "can start from the agreement" in problem


def test_what_a_review_keeps_must_say_it_goes_into_an_export(library: Library) -> None:
    """A review is kept in the agreement's history, which a summary for a therapist holds:
    its ratings and notes cannot be steps that promise to wait for their author's opt-in."""
    [problem] = check_exercise(changed(library.exercises["review"], "note", export="opt_in"))
    assert "field 'review.notes'" in problem
    assert "'note' needs export = 'shared'" in problem
