"""Privacy between partners: the one place that decides what of one partner's words the other
may see.

A private step is answered by each partner alone. Its answers reach the other partner only when
its ``reveal`` allows: ``together`` once both have answered the same visit of the step, ``match``
(menus) only the items both marked yes or maybe, ``never`` not at all. Screens, summaries and
(later) exports all ask ``shareable_answers``; none decides this for itself.
"""

from __future__ import annotations

from workbook.content_format import Exercise, Step
from workbook.models import PartnerId, Turn

#: Marks on a menu item that count as a shared "yes".
OPEN_MARKS = frozenset({"yes", "maybe"})


def visit_of(turns: list[Turn], index: int) -> list[Turn]:
    """The turns given at the same visit of a step as ``turns[index]``.

    At an ``each`` or ``both`` step the two partners answer one straight after the other, so a
    visit is a pair of neighbouring turns by different partners at that step and round. A
    "Not yet" from the first partner at a ``both`` step ends its visit alone, and the next turn
    there (the same partner again) starts a new one.
    """
    step_id, round_ = turns[index].step_id, turns[index].round

    def same(i: int) -> bool:
        return turns[i].step_id == step_id and turns[i].round == round_

    start = index
    while start > 0 and same(start - 1):
        start -= 1
    while True:
        paired = (
            start + 1 < len(turns)
            and same(start + 1)
            and turns[start + 1].partner != turns[start].partner
        )
        end = start + 2 if paired else start + 1
        if index < end:
            return turns[start:end]
        start = end


def is_revealed(turns: list[Turn], index: int) -> bool:
    """Whether the private answer at ``turns[index]`` has been revealed: both partners
    answered that visit, and neither passed."""
    visit = visit_of(turns, index)
    return (
        len(visit) == 2
        and visit[0].partner != visit[1].partner
        and not any(t.passed for t in visit)
    )


def _may_see(step: Step, turns: list[Turn], index: int, viewer: PartnerId) -> bool:
    turn = turns[index]
    if turn.partner == viewer:
        return True
    if turn.hidden:
        return False
    if not step.private:
        return True
    if step.reveal == "never":
        return False
    return is_revealed(turns, index)


def shareable_answers(step: Step, turns: list[Turn], viewer: PartnerId) -> list[Turn]:
    """The answers at ``step`` (not passes, not withdrawn) that ``viewer`` may see, in order.

    ``turns`` must be the session's whole list: whether a private answer is revealed depends
    on the turns around it.
    """
    return [
        turn
        for index, turn in enumerate(turns)
        if turn.step_id == step.id
        and not turn.passed
        and not turn.withdrawn
        and _may_see(step, turns, index, viewer)
    ]


def shared_with_both(step: Step, turns: list[Turn]) -> list[Turn]:
    """The answers at ``step`` that both partners may see (for summaries and reveals)."""
    for_b = {t.id for t in shareable_answers(step, turns, "b")}
    return [t for t in shareable_answers(step, turns, "a") if t.id in for_b]


def latest_shareable(
    exercise: Exercise,
    turns: list[Turn],
    step_ids: list[str],
    viewer: PartnerId,
    round_: int | None = None,
) -> Turn | None:
    """The most recent answer at any of ``step_ids`` that ``viewer`` may see (in ``round_`` if
    given): what a ``prefill`` or an ``offer`` may put in front of them."""
    allowed = {
        t.id
        for step_id in step_ids
        for t in shareable_answers(exercise.step(step_id), turns, viewer)
    }
    for turn in reversed(turns):
        if turn.id in allowed and round_ in (None, turn.round):
            return turn
    return None


def offered(
    exercise: Exercise, step: Step, round_: int, turns: list[Turn], viewer: PartnerId
) -> list[Turn]:
    """The answers an ``offer`` choice puts before ``viewer``: this round's latest at each
    offered step."""
    found = (latest_shareable(exercise, turns, [s], viewer, round_) for s in step.offer)
    return [turn for turn in found if turn is not None]


def mutual_items(step: Step, first: dict[str, str], second: dict[str, str]) -> list[str]:
    """The menu items both partners marked yes or maybe, in the menu's own order. Nothing
    about the other items (not even how many there were) is kept."""
    return [
        item
        for item in step.items
        if first.get(item) in OPEN_MARKS and second.get(item) in OPEN_MARKS
    ]


def seen_only_by_author(step: Step, turns: list[Turn], index: int) -> bool:
    """Whether the answer at ``turns[index]`` (at ``step``) has been seen by no one but its
    author, so its author alone may delete it: a private step's answer that is never shown
    (``reveal = never``) or whose visit was not revealed (the other partner has not answered
    yet, or either passed; a menu's marks before its reveal). Anything at a step that is not
    private, or revealed together, the other partner has seen: it can be hidden, not deleted.
    """
    return step.private and (step.reveal == "never" or not is_revealed(turns, index))
