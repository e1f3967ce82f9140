"""Checks on an exercise that one field alone cannot make: its flow as a graph, its references
to earlier answers, its placeholders. Every problem names the exercise, the step and the field,
and suggests the nearest valid value, because counsellors write these files by hand.

The privacy rules (nothing may leak a private answer) and the "only a form" check live in
``content_privacy``; ``content.read_exercise`` runs both.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from functools import partial

from workbook.content_format import (
    BOTH,
    EACH,
    FLOW_KEYWORDS,
    PAUSE,
    RATINGS,
    Exercise,
    Step,
)
from workbook.models import MEASURES, RATING_MAX
from workbook.wording import placeholders

#: Placeholders any sentence may use besides the exercise's role ids.
GENERAL_NAMES = frozenset({"actor", "other"})
#: Kinds whose single ``next`` is required (choices may carry their own).
_NEEDS_NEXT = frozenset(
    {"text", "scale", "menu", "date", "confirm", "agreement", "ratings", "swap"}
)


def nearest(value: str, options: Iterable[str]) -> str:
    """A "did you mean ...?" suffix, or nothing when no option is close."""
    match = difflib.get_close_matches(value, list(options), n=1, cutoff=0.5)
    return f"; did you mean '{match[0]}'?" if match else ""


def where(exercise_id: str, step_id: str | None = None, field: str | None = None) -> str:
    parts = [f"exercise '{exercise_id}'"]
    if step_id is not None:
        parts.append(f"step '{step_id}'")
    if field is not None:
        parts.append(f"field '{field}'")
    return ", ".join(parts)


def exits(step: Step) -> list[tuple[str, str]]:
    """Every (field, target) by which the flow can leave ``step``."""
    out: list[tuple[str, str]] = []
    if step.next is not None:
        out.append(("next", step.next))
    if step.then is not None:
        out.append(("then", step.then))
    if step.on_pass is not None:
        out.append(("on_pass", step.on_pass))
    for choice in step.choices:
        if choice.next is not None:
            out.append((f"choices.{choice.id}.next", choice.next))
    return out


def answer_references(step: Step) -> list[tuple[str, str]]:
    """Every (field, step id) whose earlier answers this step uses."""
    refs = [("show", s) for show in step.show for s in show.steps]
    refs += [("prefill", s) for s in step.prefill]
    if step.agreement is not None:
        spec = step.agreement
        refs += [("agreement.text", s) for s in spec.text]
        refs.append(("agreement.category", spec.category))
        if spec.review_on is not None:
            refs.append(("agreement.review_on", spec.review_on))
    if step.milestone is not None:
        refs += [("milestone.title", s) for s in step.milestone.title]
    if step.review is not None:
        parts = step.review.model_dump(exclude_none=True).items()
        refs += [(f"review.{field}", s) for field, s in parts]
    refs += [("offer", s) for s in step.offer]
    if step.wait_until is not None:
        refs.append(("wait_until", step.wait_until))
    refs += [("keep_on_pass", s) for s in step.keep_on_pass]
    return refs


def check_exercise(exercise: Exercise) -> list[str]:
    """Every problem in ``exercise`` beyond what the format itself validates."""
    problems: list[str] = []
    ex = exercise.id
    step_ids = [s.id for s in exercise.steps]
    role_ids = [r.id for r in exercise.roles]
    known = set(step_ids)
    if len(known) != len(step_ids):
        dupes = sorted({s for s in step_ids if step_ids.count(s) > 1})
        problems.append(f"{where(ex)}: step ids must be unique; repeated: {', '.join(dupes)}")
    if len(set(role_ids)) != len(role_ids):
        problems.append(f"{where(ex)}: role ids must be unique")
    for step in exercise.steps:
        problems += _check_step(exercise, step, known, role_ids)
    problems += _check_names(exercise, role_ids)
    problems += _check_kept(exercise)
    problems += _check_agreement_steps(exercise)
    if exercise.prerequisites and not exercise.waits.strip():
        problems.append(
            f"{where(ex, None, 'waits')}: an exercise with prerequisites says why it waits"
        )
    if not problems:
        problems += _check_graph(exercise)
    return problems


def _check_step(exercise: Exercise, step: Step, known: set[str], role_ids: list[str]) -> list[str]:
    ex, sid = exercise.id, step.id
    out: list[str] = []
    if sid in FLOW_KEYWORDS:
        out.append(f"{where(ex, sid, 'id')}: '{sid}' is a flow word and cannot name a step")
    if step.kind == "swap":
        if step.actor is not None:
            out.append(f"{where(ex, sid, 'actor')}: a swap step has no actor")
        if step.then is None:
            out.append(
                f"{where(ex, sid, 'then')}: a swap step needs 'then' for after the last round"
            )
    else:
        actors = [*role_ids, EACH, BOTH]
        if step.actor is None:
            out.append(f"{where(ex, sid, 'actor')}: missing; use one of {', '.join(actors)}")
        elif step.actor not in actors:
            out.append(
                f"{where(ex, sid, 'actor')}: unknown actor '{step.actor}'"
                f"{nearest(step.actor, actors)}"
            )
        if step.on_pass is None:
            out.append(
                f"{where(ex, sid, 'on_pass')}: every step needs 'on_pass' (where to go when "
                "someone passes): a step id, 'end', 'set_aside' or 'pause'"
            )
        if not step.prompt.strip():
            out.append(f"{where(ex, sid, 'prompt')}: a step needs a prompt")
    if step.kind in _NEEDS_NEXT and step.next is None:
        out.append(f"{where(ex, sid, 'next')}: a {step.kind} step needs 'next'")
    if step.kind == "choice":
        if not step.choices and step.choices_from is None:
            out.append(f"{where(ex, sid, 'choices')}: a choice step needs choices")
        if step.next is None and any(c.next is None for c in step.choices):
            out.append(f"{where(ex, sid, 'next')}: give 'next' or a 'next' on every choice")
        if step.choices_from is not None and step.next is None:
            out.append(f"{where(ex, sid, 'next')}: 'choices_from' needs the step's 'next'")
    if step.kind == "agreement":
        if step.agreement is None:
            out.append(f"{where(ex, sid, 'agreement')}: an agreement step needs 'agreement'")
        if step.actor != BOTH:
            out.append(f"{where(ex, sid, 'actor')}: an agreement needs both, so actor = 'both'")
    if step.kind == "menu" and not step.items:
        out.append(f"{where(ex, sid, 'items')}: a menu step needs items")
    if step.kind == "ratings":
        out += _check_ratings(ex, step)
    if step.reveal is not None and not step.private:
        out.append(f"{where(ex, sid, 'reveal')}: only a private step can be revealed")
    for field, target in exits(step):
        if target not in known and target not in FLOW_KEYWORDS:
            out.append(
                f"{where(ex, sid, field)}: there is no step '{target}'"
                f"{nearest(target, [*known, *FLOW_KEYWORDS])}"
            )
    for field, ref in answer_references(step):
        if ref not in known:
            out.append(f"{where(ex, sid, field)}: there is no step '{ref}'{nearest(ref, known)}")
    return out


def _check_ratings(ex: str, step: Step) -> list[str]:
    """A check-in's ratings: each partner alone, revealed together, one choice per measure
    (its label), and words for "not shared" and for the note."""
    out: list[str] = []
    if step.actor != EACH or not step.private or step.reveal != "together":
        out.append(
            f"{where(ex, step.id, 'actor')}: a ratings step is for each partner alone: "
            "actor = 'each', private = true, revealed together"
        )
    if [c.id for c in step.choices] != list(MEASURES):
        out.append(
            f"{where(ex, step.id, 'choices')}: a ratings step names the measures "
            f"{', '.join(MEASURES)}, in that order, as its choices"
        )
    if step.scale != (0, RATING_MAX):
        out.append(f"{where(ex, step.id, 'scale')}: a check-in rates from 0 to {RATING_MAX}")
    for field in ("not_shared", "note_label"):
        if not getattr(step, field).strip():
            out.append(f"{where(ex, step.id, field)}: a ratings step needs '{field}'")
    return out


def unknown_prerequisites(exercises: dict[str, Exercise]) -> dict[str, str]:
    """Exercise id -> the problem, for each exercise waiting for one that does not exist."""
    return {
        exercise.id: f"{where(exercise.id, None, 'prerequisites')}: there is no exercise "
        f"'{missing}'{nearest(missing, exercises)}"
        for exercise in exercises.values()
        for missing in exercise.prerequisites
        if missing not in exercises
    }


def _check_kept(exercise: Exercise) -> list[str]:
    """``from_kept`` is a text step, and only where something can be kept for later."""
    keeps = any(step.keep_on_pass for step in exercise.steps)
    out: list[str] = []
    for step in exercise.steps:
        if step.from_kept and step.kind != "text":
            out.append(f"{where(exercise.id, step.id, 'from_kept')}: only a text step can")
        elif step.from_kept and not keeps:
            out.append(
                f"{where(exercise.id, step.id, 'from_kept')}: nothing is ever kept in this "
                "exercise; give a step 'keep_on_pass'"
            )
    return out


#: The kind of step each part of a ``review`` must name.
_REVIEW_KINDS = {"ratings": "choice", "notes": "text", "review_on": "date"}


def _check_agreement_steps(exercise: Exercise) -> list[str]:
    """``prefill_agreement`` only where the agreement has something to start from (a text's
    wording, a category choice's area); a ``review`` only on a ``confirm`` step for both, made
    from steps of the right kinds that both partners get to see and that say they go into an
    export (``shared``), rated with ``RATINGS``."""
    steps = {s.id: s for s in exercise.steps}
    out: list[str] = []
    for step in exercise.steps:
        at = partial(where, exercise.id, step.id)
        if step.prefill_agreement and not (
            step.kind == "text" or step.choices_from == "categories"
        ):
            out.append(
                f"{at('prefill_agreement')}: only a text step (from its wording) or a "
                "choices_from = 'categories' step (from its area) can start from the agreement"
            )
        if step.review is None:
            continue
        if step.kind != "confirm" or step.actor != BOTH:
            out.append(f"{at('review')}: a review is kept on a confirm step for both")
        for field, ref in step.review.model_dump(exclude_none=True).items():
            source = steps.get(ref)
            if source is None:
                continue  # reported with the other references
            if source.kind != _REVIEW_KINDS[field] or source.reveal == "never":
                out.append(
                    f"{at(f'review.{field}')}: '{ref}' must be a {_REVIEW_KINDS[field]} step "
                    "both partners get to see"
                )
            elif source.export != "shared":
                out.append(
                    f"{at(f'review.{field}')}: '{ref}' needs export = 'shared': a review is "
                    "kept in the agreement's history, which goes into a summary for a therapist"
                )
            unknown = [c.id for c in source.choices if c.id not in RATINGS]
            if field == "ratings" and (unknown or not source.choices):
                out.append(
                    f"{at('review.ratings')}: the choices of '{ref}' are rated with the ids "
                    f"{', '.join(RATINGS)}; unknown: {', '.join(unknown) or '(no choices)'}"
                )
    return out


def _check_names(exercise: Exercise, role_ids: list[str]) -> list[str]:
    allowed = GENERAL_NAMES | set(role_ids)
    out: list[str] = []
    texts: list[tuple[str | None, str, str]] = [(None, "purpose", exercise.purpose)]
    texts.append((None, "closing", exercise.closing))
    texts += [(None, f"roles.{r.id}.meanwhile", r.meanwhile) for r in exercise.roles]
    for step in exercise.steps:
        texts += [(step.id, "prompt", step.prompt), (step.id, "hint", step.hint)]
        texts.append((step.id, "amend_prompt", step.amend_prompt))
        texts += [(step.id, f"choices.{c.id}.label", c.label) for c in step.choices]
        texts += [(step.id, "show.label", s.label) for s in step.show]
    for role in exercise.roles:
        if role.id in placeholders(role.meanwhile):
            others = [r for r in role_ids if r != role.id]
            out.append(
                f"{where(exercise.id, None, f'roles.{role.id}.meanwhile')}: this is read by the "
                f"partner holding '{role.id}' while the other acts, so it cannot name them as "
                f"'{{{role.id}}}'" + (f"; did you mean '{{{others[0]}}}'?" if others else "")
            )
    for step_id, field, text in texts:
        for name in sorted(placeholders(text) - allowed):
            out.append(
                f"{where(exercise.id, step_id, field)}: unknown placeholder '{{{name}}}'"
                f"{nearest(name, allowed)}"
            )
    return out


def check_wording(exercise: Exercise, sets: Iterable[str]) -> list[str]:
    """``check`` names one of the wording ``sets`` (in ``wording.toml``), and only on a text
    step: the checks read typed words."""
    known = list(sets)
    out: list[str] = []
    for step in exercise.steps:
        if step.check is None:
            continue
        if step.kind != "text":
            out.append(
                f"{where(exercise.id, step.id, 'check')}: only a text step's words can be "
                f"checked, and this is a {step.kind} step"
            )
        elif step.check not in known:
            out.append(
                f"{where(exercise.id, step.id, 'check')}: there is no set '{step.check}' in "
                f"wording.toml{nearest(step.check, known)}"
            )
    return out


def _targets(step: Step) -> set[str]:
    """Where the flow can go from ``step``; ``pause`` comes back to the step itself."""
    return {step.id if target == PAUSE else target for _, target in exits(step)}


def _check_graph(exercise: Exercise) -> list[str]:
    steps = {s.id: s for s in exercise.steps}
    first = exercise.steps[0].id
    reached = {first}
    frontier = [first]
    while frontier:
        for target in _targets(steps[frontier.pop()]):
            if target in steps and target not in reached:
                reached.add(target)
                frontier.append(target)
    out = [
        f"{where(exercise.id, sid)}: cannot be reached from the first step '{first}'"
        for sid in steps
        if sid not in reached
    ]
    can_end = {sid for sid, s in steps.items() if _targets(s) & (FLOW_KEYWORDS - {PAUSE})}
    grew = True
    while grew:
        grew = False
        for sid, step in steps.items():
            if sid not in can_end and _targets(step) & can_end:
                can_end.add(sid)
                grew = True
    out += [
        f"{where(exercise.id, sid)}: no way from here ever reaches an end"
        for sid in steps
        if sid not in can_end
    ]
    for sid, step in steps.items():
        if step.kind == "swap" and any(
            steps[t].kind == "swap" for t in _targets(step) & set(steps)
        ):
            out.append(f"{where(exercise.id, sid)}: a swap step cannot lead straight to another")
    return out
