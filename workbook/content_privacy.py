"""Checks that an exercise cannot leak a private answer, and that it is more than a form.

A private step is answered by each partner alone; its words reach the other partner only as
its ``reveal`` allows (see ``privacy``). Content could still leak them around that: by showing
or prefilling them before the reveal, by building an agreement or a milestone from them, by
waiting on a private date, or by branching on a private choice (where the exercise goes next
tells the other partner what was chosen). ``check_privacy`` refuses each of these.

Placeholders need no rule here: ``{role_id}``, ``{actor}`` and ``{other}`` only ever stand for
partners' names, and nothing a partner wrote is ever put into a sentence (``wording.fill``), so
a placeholder cannot carry a private answer.

``form_problems`` is the "only a form" check: an exercise for two needs two partners acting,
some length, and something done together. For shipped content it is an error; for a couple's
own file only a warning (``content`` decides which).
"""

from __future__ import annotations

from typing import Any

from workbook.content_check import answer_references, exits, where
from workbook.content_format import BOTH, EACH, PAUSE, Exercise, Step

#: Fields that put an earlier answer on screen (or in the answer box) at this step.
_SHOWING = frozenset({"show", "prefill", "offer"})
#: Fields that copy an answer into something both keep (or act on).
_KEEPING = ("agreement.", "milestone.", "wait_until", "keep_on_pass")
#: Fewer steps than this (swap junctions aside) is only a form.
MIN_STEPS = 4


def check_privacy(exercise: Exercise) -> list[str]:
    """Every way ``exercise`` could leak a private answer to the other partner."""
    steps = {s.id: s for s in exercise.steps}
    role_ids = {r.id for r in exercise.roles}
    out: list[str] = []
    for step in exercise.steps:
        out += _private_actor(exercise.id, step, role_ids)
        out += _reveal_kind(exercise.id, step)
        out += _private_choice(exercise.id, step)
        for field, ref in answer_references(step):
            source = steps.get(ref)
            if source is not None and source.private:
                out += _reference(exercise.id, step, field, source)
    return out


def check_menu_data(data: dict[str, Any]) -> list[str]:
    """``private = false`` written on a menu (the model makes every menu private, so only the
    file as written shows it)."""
    out: list[str] = []
    for raw in data.get("steps", []):
        if isinstance(raw, dict) and raw.get("kind") == "menu" and raw.get("private") is False:
            out.append(
                f"{where(data.get('id', '?'), raw.get('id', '?'), 'private')}: a menu is always "
                "private; leave 'private' out"
            )
    return out


def _private_actor(ex: str, step: Step, role_ids: set[str]) -> list[str]:
    if not step.private or step.actor == EACH:
        return []
    if step.reveal == "never" and step.actor in role_ids:
        return []
    return [
        f"{where(ex, step.id, 'actor')}: a private step must be for 'each' (each partner "
        "answers alone, in turn); only a step with reveal = 'never' may be for one role"
    ]


def _reveal_kind(ex: str, step: Step) -> list[str]:
    if step.kind == "menu" and step.reveal != "match":
        return [
            f"{where(ex, step.id, 'reveal')}: a menu only ever shows the items both marked yes "
            "or maybe; use 'match' (or leave 'reveal' out)"
        ]
    if step.kind != "menu" and step.reveal == "match":
        return [
            f"{where(ex, step.id, 'reveal')}: 'match' is only for menu steps; use 'together' "
            "or 'never'"
        ]
    return []


def _private_choice(ex: str, step: Step) -> list[str]:
    """A private choice may not branch: where the exercise goes would tell the answer."""
    if not (step.private and step.kind == "choice"):
        return []
    out: list[str] = []
    if step.offer:
        out.append(
            f"{where(ex, step.id, 'offer')}: a private choice cannot offer earlier answers "
            "(they would be put before the other partner's eyes)"
        )
    targets = {c.next or step.next for c in step.choices} | {step.next}
    targets.discard(None)
    if len(targets) > 1:
        out.append(
            f"{where(ex, step.id, 'choices')}: a private choice cannot lead to different places "
            f"({', '.join(sorted(t for t in targets if t))}): where the exercise goes would tell "
            "the other partner what was chosen; give the step one 'next' and no 'next' on its "
            "choices"
        )
    elif step.next is None:
        out.append(
            f"{where(ex, step.id, 'next')}: a private choice needs the step's 'next' (and no "
            "'next' on its choices)"
        )
    return out


def _reference(ex: str, step: Step, field: str, source: Step) -> list[str]:
    """``step`` uses, through ``field``, the answers at private step ``source``."""
    at = where(ex, step.id, field)
    if field in _SHOWING:
        return _showing(at, step, field, source)
    if field.startswith(_KEEPING):
        what = {"wait_until": "wait for", "keep_on_pass": "keep for later"}.get(
            field, "be made from"
        )
        return [
            f"{at}: cannot {what} private step '{source.id}' (the other partner would see or "
            "act on a private answer)"
        ]
    return []


def _showing(at: str, step: Step, field: str, source: Step) -> list[str]:
    if source.id == step.id:
        return [
            f"{at}: a private step cannot {field} its own answers (the other partner would see "
            "them before the reveal)"
        ]
    if source.reveal != "never":
        return []
    if field != "show":
        return [
            f"{at}: cannot {field} private step '{source.id}' (reveal = 'never'): it takes the "
            "latest answer whoever wrote it; use a 'show' on a private 'each' step instead"
        ]
    if not (step.private and step.actor == EACH):
        return [
            f"{at}: private step '{source.id}' is never shown to the other partner; show it "
            "only on a private 'each' step, where each partner sees only their own"
        ]
    return []


# -- only a form ---------------------------------------------------------------------------


def form_problems(exercise: Exercise) -> list[str]:
    """Why ``exercise`` is only a form and not an exercise for two (nothing if it is not)."""
    reasons: list[str] = []
    if partners_acting(exercise) < 2:
        reasons.append("fewer than two partners act in it")
    count = sum(1 for s in exercise.steps if s.kind != "swap")
    brief = any(s.kind == "ratings" for s in exercise.steps)  # a check-in is short on purpose
    if count < MIN_STEPS and not brief:
        reasons.append(f"it has {count} step(s), fewer than {MIN_STEPS} (swaps do not count)")
    if not (
        has_loop(exercise)
        or any(s.shown_to_both for s in exercise.steps)
        or any(s.actor in (EACH, BOTH) for s in exercise.steps)
        or any(s.kind == "agreement" for s in exercise.steps)
    ):
        reasons.append(
            "it has no loop, no reveal, no step for both ('each' or 'both') and no agreement"
        )
    if not reasons:
        return []
    why = "; ".join(reasons)
    return [f"{where(exercise.id)}: this is only a form, not an exercise for two: {why}"]


def partners_acting(exercise: Exercise) -> int:
    """How many partners act: ``each`` and ``both`` count as both, a role id as one."""
    actors = {s.actor for s in exercise.steps if s.actor is not None}
    if actors & {EACH, BOTH}:
        return 2
    return len(actors & {r.id for r in exercise.roles})


def has_loop(exercise: Exercise) -> bool:
    """Whether the flow can come back to a step it has left (``pause`` does not count)."""
    graph = {s.id: _flow_targets(s) for s in exercise.steps}
    return any(step_id in _reachable(graph, graph[step_id]) for step_id in graph)


def _flow_targets(step: Step) -> set[str]:
    return {target for _, target in exits(step) if target != PAUSE}


def _reachable(graph: dict[str, set[str]], start: set[str]) -> set[str]:
    seen = {s for s in start if s in graph}
    frontier = list(seen)
    while frontier:
        for target in graph[frontier.pop()]:
            if target in graph and target not in seen:
                seen.add(target)
                frontier.append(target)
    return seen
