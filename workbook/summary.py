"""The closing summary of a session: what was said, by whom, and what was agreed."""

from __future__ import annotations

from dataclasses import dataclass

from workbook.content import Library
from workbook.content_format import Exercise
from workbook.models import Agreement, Partner, PartnerId, Session, Turn
from workbook.turn_view import answer_text, shareable_answers
from workbook.wording import visible


@dataclass(frozen=True)
class SummaryLine:
    author: str
    text: str
    passed: bool


@dataclass(frozen=True)
class Summary:
    outcome: str
    lines: list[SummaryLine]
    agreement: Agreement | None
    closing: str


def summarise(
    library: Library,
    exercise: Exercise,
    session: Session,
    turns: list[Turn],
    partners: dict[PartnerId, Partner],
    agreement: Agreement | None,
) -> Summary:
    """What both partners may see of a finished (or set aside) session."""
    lines: list[SummaryLine] = []
    for turn in turns:
        step = exercise.step(turn.step_id)
        if step.kind in ("agreement", "confirm"):
            continue
        author = partners[turn.partner].name
        if turn.passed:
            lines.append(SummaryLine(author, library.say("summary.passed_line"), True))
            continue
        if all(shareable_answers(step, [turn], viewer) for viewer in partners):
            lines.append(SummaryLine(author, visible(answer_text(exercise, turn)), False))
    key = "summary.set_aside" if session.status == "set_aside" else "summary.completed"
    return Summary(
        outcome=library.say(key, exercise=exercise.title),
        lines=lines,
        agreement=agreement,
        closing=exercise.closing,
    )
