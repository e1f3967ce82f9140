"""What a finished ``agreement`` or ``milestone`` step makes: an Agreement or a Milestone.

Built from the session's turns alone, so the same records can be made again after a crash
(``Workbook.repair``) exactly as they were made the first time.
"""

from __future__ import annotations

from datetime import date

from workbook.answers import answer_words, latest
from workbook.content_format import Exercise
from workbook.models import Acceptance, Agreement, HistoryEntry, Milestone, Session, Turn
from workbook.privacy import visit_of


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
    return Agreement(
        id=f"{session.id}-{visit[-1].id}",
        title=title_from(text),
        text=text,
        category=str(category.value),
        origin=session.id,
        exercise_id=exercise.id,
        acceptances=[Acceptance(partner=t.partner, at=t.at) for t in visit],
        review_on=date.fromisoformat(str(review.value)) if review is not None else None,
        history=[
            HistoryEntry(what="made", text=text, by=[t.partner for t in visit], at=accepted_at)
        ],
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
        id=f"{session.id}-{visit[-1].id}",
        title=title_from(answer_words(exercise, turns, named)),
        on=at.date(),
        origin=session.id,
        by=[t.partner for t in visit],
        created_at=at,
    )


def made_by(
    exercise: Exercise, session: Session, turns: list[Turn]
) -> tuple[list[Agreement], list[Milestone]]:
    """Every agreement and milestone this session's turns made (to repair after a crash)."""
    agreements: list[Agreement] = []
    milestones: list[Milestone] = []
    for end in range(1, len(turns) + 1):
        kind = exercise.step(turns[end - 1].step_id).kind
        if kind == "agreement" and (agreement := build_agreement(exercise, session, turns[:end])):
            agreements.append(agreement)
        if kind == "milestone" and (milestone := build_milestone(exercise, session, turns[:end])):
            milestones.append(milestone)
    return agreements, milestones


def title_from(text: str, limit: int = 60) -> str:
    """A short title: the first line of the wording, cut at a word near ``limit``."""
    first = " ".join(text.strip().splitlines()[0].split()) if text.strip() else ""
    if len(first) <= limit:
        return first
    cut = first[:limit].rsplit(" ", 1)[0] or first[:limit]
    return cut + "…"
