"""Answers: which ones a step accepts, and how a saved answer reads as words.

Pure functions shared by the engine (to check an answer before it is saved) and the views (to
show it). No I/O, no clock: the caller passes today's date.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date, timedelta

from workbook.content_format import Exercise, Step
from workbook.models import MEASURES, AnswerValue, Turn

AGREE = "agree"
MENU_MARKS = ("yes", "maybe", "no")
#: The key of a check-in answer's note, beside its measures.
NOTE = "note"
#: Kinds answered by saying yes together (or passing).
AGREEING_KINDS = frozenset({"confirm", "agreement", "milestone"})


class AnswerError(ValueError):
    """An answer the current step cannot take; the message names what it expects."""


def latest(turns: list[Turn], step_ids: list[str], round_: int | None = None) -> Turn | None:
    """The most recent answer (not a pass) at any of ``step_ids``, in ``round_`` if given."""
    for turn in reversed(turns):
        if turn.step_id in step_ids and not turn.passed and round_ in (None, turn.round):
            return turn
    return None


def check_answer(
    step: Step,
    value: AnswerValue,
    today: date,
    offers: list[str] | None = None,
    closed: Collection[str] = (),
) -> AnswerValue:
    """``value`` made canonical for ``step``, or ``AnswerError`` saying what is expected.

    ``offers``: the step ids an ``offer`` choice currently puts forward; ``closed``: the
    step's own choices not offered now.
    """
    kind = step.kind
    if kind == "text":
        if not isinstance(value, str) or not value.strip():
            raise AnswerError("Write something first, or pass.")
        return value
    if kind == "choice":
        ids = [*(offers or []), *(c.id for c in step.choices if c.id not in closed)]
        if value not in ids:
            raise AnswerError("Choose one of the answers shown.")
        return value
    if kind == "pick":
        if not isinstance(value, list) or not value or not set(value) <= set(step.items):
            raise AnswerError("Choose at least one, or pass.")
        return [item for item in step.items if item in value]
    if kind == "date":
        return _check_date(step, value, today)
    if kind == "scale":
        low, high = step.scale
        if not isinstance(value, int) or not low <= value <= high:
            raise AnswerError(f"Choose a number from {low} to {high}.")
        return value
    if kind == "menu":
        if (
            not isinstance(value, dict)
            or set(value) != set(step.items)
            or not set(value.values()) <= set(MENU_MARKS)
        ):
            raise AnswerError("Mark every item yes, maybe or no.")
        return value
    if kind == "ratings":
        return _check_ratings(step, value)
    if kind in AGREEING_KINDS:
        if value != AGREE:
            raise AnswerError("Agree, or choose Not yet.")
        return AGREE
    raise AnswerError(f"Nothing can be answered at a {kind} step.")


def _check_ratings(step: Step, value: AnswerValue) -> dict[str, str]:
    """Each measure's rating as a number in the step's scale, or "" for not shared; and the
    note ("" for none)."""
    low, high = step.scale
    allowed = {"", *(str(n) for n in range(low, high + 1))}
    if not isinstance(value, dict) or not set(value) <= {*MEASURES, NOTE}:
        raise AnswerError("Rate each one, or leave it not shared.")
    ratings = {m: str(value.get(m, "")).strip() for m in MEASURES}
    if not set(ratings.values()) <= allowed:
        raise AnswerError(f"Choose a number from {low} to {high}, or not shared.")
    return {**ratings, NOTE: str(value.get(NOTE, "")).strip()}


def _check_date(step: Step, value: AnswerValue, today: date) -> str:
    try:
        chosen = date.fromisoformat(str(value).strip())
    except ValueError as error:
        raise AnswerError("Give a date as YYYY-MM-DD, for example 2026-12-24.") from error
    if step.within_weeks is not None:
        last = today + timedelta(weeks=step.within_weeks)
        if not today <= chosen <= last:
            raise AnswerError(
                f"Choose a date from today ({today.isoformat()}) to {last.isoformat()}."
            )
    return chosen.isoformat()


def answer_words(exercise: Exercise, turns: list[Turn], turn: Turn) -> str:
    """A saved answer as words: a choice shows its label (an offered answer, its words), a
    list its items, a menu's marks item by item."""
    step = exercise.step(turn.step_id)
    value = turn.value
    if step.kind == "choice":
        if isinstance(value, str) and value in step.offer:
            earlier = turns[: turns.index(turn)] if turn in turns else turns
            found = latest(earlier, [value], turn.round)
            return str(found.value) if found is not None else ""
        for choice in step.choices:
            if choice.id == value:
                return choice.label
    if step.kind == "ratings" and isinstance(value, dict):
        return ratings_words(step, value)
    if isinstance(value, list):
        return ", ".join(value)
    if isinstance(value, dict):
        return "\n".join(f"{item}: {mark}" for item, mark in value.items())
    return "" if value is None else str(value)


def ratings_words(step: Step, value: dict[str, str]) -> str:
    """A check-in answer: each measure's rating or the step's "not shared", then the note."""
    lines = [f"{c.label}: {value.get(c.id) or step.not_shared}" for c in step.choices]
    if value.get(NOTE):
        lines.append(f"{step.note_label}: {value[NOTE]}")
    return "\n".join(lines)
