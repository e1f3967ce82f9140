"""What the Reveal screen shows when both partners have answered a private step."""

from __future__ import annotations

from dataclasses import dataclass

from workbook.answers import answer_words
from workbook.content import Library
from workbook.content_format import Exercise
from workbook.models import Partner, PartnerId, Turn
from workbook.privacy import shared_with_both, visit_of
from workbook.wording import visible


@dataclass(frozen=True)
class RevealLine:
    author: str
    """Who wrote it; empty for a menu's mutual items, which belong to both."""
    text: str


@dataclass(frozen=True)
class RevealView:
    heading: str
    lines: list[RevealLine]
    note: str
    """Said when there is nothing to show, in the same words whatever the reason."""


def describe_reveal(
    library: Library,
    exercise: Exercise,
    step_id: str,
    turns: list[Turn],
    partners: dict[PartnerId, Partner],
) -> RevealView:
    """The latest visit of private step ``step_id``, as far as both partners may see it."""
    step = exercise.step(step_id)
    last = max(i for i, t in enumerate(turns) if t.step_id == step_id)
    visit = {t.id for t in visit_of(turns, last)}
    shown = [t for t in shared_with_both(step, turns) if t.id in visit]
    if step.reveal == "match":
        items = shown[0].value if shown and isinstance(shown[0].value, list) else []
        return RevealView(
            heading=library.say("reveal.match_heading"),
            lines=[RevealLine("", visible(item)) for item in items],
            note="" if items else library.say("reveal.no_match"),
        )
    return RevealView(
        heading=library.say("reveal.heading" if shown else "reveal.both_had_a_turn"),
        lines=[
            RevealLine(partners[t.partner].name, visible(answer_words(exercise, turns, t)))
            for t in shown
        ],
        note="" if shown else library.say("reveal.passed"),
    )
