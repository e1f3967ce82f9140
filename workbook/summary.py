"""The closing summary of a session: what was said, by whom, and what was agreed."""

from __future__ import annotations

from dataclasses import dataclass

from workbook.answers import AGREEING_KINDS, answer_words
from workbook.content import Library
from workbook.content_format import Exercise
from workbook.engine import swap_roles
from workbook.models import Agreement, Milestone, Partner, PartnerId, Session, Turn
from workbook.privacy import shared_with_both, visit_of
from workbook.turn_view import names_for
from workbook.wording import fill, visible


@dataclass(frozen=True)
class SummaryLine:
    author: str
    """Who said it; empty for what belongs to both (a menu's mutual items)."""
    text: str
    passed: bool


@dataclass(frozen=True)
class Summary:
    outcome: str
    lines: list[SummaryLine]
    agreements: list[Agreement]
    milestones: list[Milestone]
    closing: str


def summarise(
    library: Library,
    exercise: Exercise,
    session: Session,
    turns: list[Turn],
    partners: dict[PartnerId, Partner],
    agreements: list[Agreement],
    milestones: list[Milestone],
) -> Summary:
    """What both partners may see of a finished (or set aside) session: revealed private
    answers are in it, unrevealed ones (and their passes) never. A pass at a shared step is
    listed with what was asked."""
    shared = {t.id for step in exercise.steps for t in shared_with_both(step, turns)}
    lines: list[SummaryLine] = []
    for turn in turns:
        step = exercise.step(turn.step_id)
        if step.kind in AGREEING_KINDS:
            continue
        author = partners[turn.partner].name
        if turn.passed and not step.private:  # a private pass is nobody's business
            as_then = roles_in_round(session, turn.round)
            asked = fill(step.prompt, names_for(as_then, partners, turn.partner))
            # "Not today" to a question keeps it: say so, not that the partner passed.
            key = "summary.kept_line" if step.keep_on_pass else "summary.passed_line"
            lines.append(SummaryLine(author, library.say(key, prompt=asked), True))
        elif turn.id in shared and step.reveal == "match":
            words = answer_words(exercise, turns, turn)
            if words and visit_of(turns, turns.index(turn))[0] is turn:  # both's items: once
                lines.append(SummaryLine("", visible(words), False))
        elif turn.id in shared:
            words = answer_words(exercise, turns, turn)
            if step.kind == "choice":  # a choice's label is the app's words, not the partner's
                words = library.say("summary.chose", choice=words)
            lines.append(SummaryLine(author, visible(words), False))
    key = "summary.set_aside" if session.status == "set_aside" else "summary.completed"
    return Summary(
        outcome=library.say(key, exercise=exercise.title),
        lines=lines,
        agreements=agreements,
        milestones=milestones,
        closing=exercise.closing,
    )


def roles_in_round(session: Session, round_: int) -> Session:
    """``session`` with its roles as they were in ``round_`` (each round swaps them)."""
    if (session.round - round_) % 2 == 0:
        return session
    return session.model_copy(update={"roles": swap_roles(session.roles)})
