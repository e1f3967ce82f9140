"""What a finished ``agreement`` or ``milestone`` step makes: an Agreement or a Milestone;
and what a review step keeps: a history entry for the agreement reviewed.

Built from the session's turns alone, so a record lost in a crash can be made again
(``Workbook.repair``) exactly as it was made the first time.
"""

from __future__ import annotations

from datetime import date

from workbook.answers import answer_words, latest
from workbook.content_format import Exercise
from workbook.models import (
    Acceptance,
    Agreement,
    HistoryEntry,
    Milestone,
    PartnerId,
    Session,
    Turn,
)
from workbook.privacy import shared_with_both, visit_of


def _agreed_visit(turns: list[Turn]) -> list[Turn] | None:
    """The visit the last turn completes, if both partners agreed in it."""
    visit = visit_of(turns, len(turns) - 1)
    if len(visit) < 2 or visit[-1] is not turns[-1] or any(t.passed for t in visit):
        return None
    return visit


def build_agreement(exercise: Exercise, session: Session, turns: list[Turn]) -> Agreement | None:
    """The agreement made by the last turn (at an ``agreement`` step), or None if not both
    agreed."""
    step = exercise.step(turns[-1].step_id)
    spec = step.agreement
    visit = _agreed_visit(turns)
    if spec is None or visit is None:
        return None
    wording, category = latest(turns, spec.text), latest(turns, [spec.category])
    review = latest(turns, [spec.review_on]) if spec.review_on else None
    if wording is None or category is None:
        return None
    text = answer_words(exercise, turns, wording)
    accepted_at = visit[-1].at
    review_on = date.fromisoformat(str(review.value)) if review is not None else None
    made = HistoryEntry(
        what="made", text=text, by=[t.partner for t in visit], at=accepted_at, review_on=review_on
    )
    return Agreement(
        id=record_id(session.id, visit[-1]),
        title=title_from(text),
        text=text,
        category=str(category.value),
        origin=session.id,
        exercise_id=exercise.id,
        acceptances=[Acceptance(partner=t.partner, at=t.at) for t in visit],
        review_on=review_on,
        history=[made],
        created_at=accepted_at,
    )


def build_milestone(exercise: Exercise, session: Session, turns: list[Turn]) -> Milestone | None:
    """The milestone marked by the last turn (at a ``milestone`` step), if both agreed."""
    step = exercise.step(turns[-1].step_id)
    visit = _agreed_visit(turns)
    if step.milestone is None or visit is None:
        return None
    named = latest(turns, step.milestone.title)
    if named is None:
        return None
    at = visit[-1].at
    return Milestone(
        id=record_id(session.id, visit[-1]),
        title=title_from(answer_words(exercise, turns, named)),
        on=at.date(),
        origin=session.id,
        by=[t.partner for t in visit],
        created_at=at,
    )


def build_review(exercise: Exercise, session: Session, turns: list[Turn]) -> HistoryEntry | None:
    """The review kept by the last turn (at a step with ``review``), if both agreed: each
    partner's rating and note as both have seen them (an answer kept private stays out), and
    the next review date."""
    spec = exercise.step(turns[-1].step_id).review
    visit = _agreed_visit(turns)
    if spec is None or visit is None:
        return None

    def each(step_id: str | None) -> dict[PartnerId, str]:
        found = shared_with_both(exercise.step(step_id), turns) if step_id else []
        return {t.partner: str(t.value) for t in found}  # the latest of each partner's

    review = latest(turns, [spec.review_on]) if spec.review_on else None
    return HistoryEntry(
        what="reviewed",
        by=[t.partner for t in visit],
        at=visit[-1].at,
        ratings=each(spec.ratings),
        notes=each(spec.notes),
        review_on=date.fromisoformat(str(review.value)) if review is not None else None,
        source=record_id(session.id, visit[-1]),
    )


def made_by_last_turn(
    exercise: Exercise, session: Session, turns: list[Turn]
) -> tuple[Agreement | None, Milestone | None]:
    """What the session's last turn made, if it completed an ``agreement`` or ``milestone``
    step that both agreed to. Each save writes the session file before ``workbook.json``, so
    this is the only record a crash can lose."""
    kind = exercise.step(turns[-1].step_id).kind
    return (
        build_agreement(exercise, session, turns) if kind == "agreement" else None,
        build_milestone(exercise, session, turns) if kind == "milestone" else None,
    )


def record_id(session_id: str, turn: Turn) -> str:
    """The id of what ``turn`` (the last agreement of a visit) made in a session."""
    return f"{session_id}-{turn.id}"


def title_from(text: str, limit: int = 60) -> str:
    """A short title: the first line of the wording, cut at a word near ``limit``."""
    first = " ".join(text.strip().splitlines()[0].split()) if text.strip() else ""
    if len(first) <= limit:
        return first
    cut = first[:limit].rsplit(" ", 1)[0] or first[:limit]
    return cut + "…"
