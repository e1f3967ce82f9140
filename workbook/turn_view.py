"""What the Exercise screen shows at one moment, computed in the core.

``shareable_answers`` is the one place that decides which of a partner's words the other may
see; screens show only what a ``TurnView`` holds. Every partner-written string in it has been
passed through ``visible`` already, and every sentence comes from content.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from workbook.answers import answer_words
from workbook.content import Library
from workbook.content_format import BOTH, EACH, Exercise, Show
from workbook.engine import closed_choices, role_of
from workbook.models import Agreement, Draft, Kept, Partner, PartnerId, Session, Turn, other
from workbook.privacy import latest_shareable, offered, shareable_answers
from workbook.wording import fill, visible

#: How far ahead the review date box starts.
REVIEW_SUGGESTION = timedelta(weeks=4)


@dataclass(frozen=True)
class Opened:
    """A session as loaded: its record, its turns and any unfinished draft."""

    session: Session
    turns: list[Turn]
    draft: Draft | None


@dataclass(frozen=True)
class Shown:
    """Earlier answers on screen under one label (each already made visible)."""

    label: str
    texts: list[str]


@dataclass(frozen=True)
class Option:
    id: str
    label: str


@dataclass(frozen=True)
class TurnView:
    exercise_title: str
    step_id: str
    kind: str
    actor: PartnerId
    banner: str
    meanwhile: str
    prompt: str
    hint: str
    shown: list[Shown]
    options: list[Option]
    start_text: str
    """What the answer box starts with: a restored draft, a prefill, or nothing (for a
    choice: the id of the option to start on, if any)."""
    draft_restored: bool
    progress: str
    position: int
    """Ties a draft to this exact visit of this step."""
    items: list[str]
    """For ``pick`` and ``menu``: the items to choose from or mark."""
    private: bool
    handover: str
    """For a private step: the sentence that asks the other partner to look away."""
    privacy_note: str
    """For a private step: one plain sentence on what private means here."""
    due_on: date | None
    """When the step waits for a date still ahead: that date."""
    due_note: str
    keeps: bool = False
    """Passing here keeps the question for later ("not today"), rather than letting it go."""
    marks: dict[str, str] = field(default_factory=dict)
    """For ``pick`` and ``menu``: the marks to start from (an answer being corrected)."""
    not_shared: str = ""
    """For ``ratings``: how a rating not shared reads (the options are the measures)."""
    note_label: str = ""
    """For ``ratings``: what the optional note is called."""


def names_for(
    session: Session, partners: dict[PartnerId, Partner], actor: PartnerId | None
) -> dict[str, str]:
    """Placeholder values: each role id, ``actor`` and ``other``, as partner names."""
    names = {role: partners[holder].name for role, holder in session.roles.items()}
    if actor is not None:
        names["actor"] = partners[actor].name
        names["other"] = partners[other(actor)].name
    return names


def pick(
    show: Show, exercise: Exercise, session: Session, turns: list[Turn], viewer: PartnerId
) -> list[Turn]:
    """The answers ``show`` asks for and ``viewer`` may see, in order."""
    allowed = {
        t.id
        for source in show.steps
        for t in shareable_answers(exercise.step(source), turns, viewer)
    }
    found = [
        t
        for t in turns
        if t.id in allowed
        and (show.rounds == "all" or t.round == session.round)
        and (show.whose != "actor" or t.partner == viewer)
        and (show.whose != "other" or t.partner != viewer)
    ]
    if show.which == "latest":
        return found[-1:]
    if show.which == "since":
        starts = [i for i, t in enumerate(found) if t.step_id == show.steps[0]]
        return found[starts[-1] :] if starts else found
    return found


def is_current(draft: Draft | None, session: Session, turns: list[Turn]) -> bool:
    """Whether ``draft`` was typed at this very visit of the session's step, by its actor."""
    return draft is not None and (draft.step_id, draft.partner, draft.position) == (
        session.step_id,
        session.actor,
        len(turns),
    )


def step_position(exercise: Exercise, step_id: str) -> tuple[int, int]:
    """(number, total) of a step among those the couple sees (swap junctions are not shown)."""
    seen = [s.id for s in exercise.steps if s.kind != "swap"]
    return seen.index(step_id) + 1, len(seen)


def has_rounds(exercise: Exercise) -> bool:
    return any(s.kind == "swap" for s in exercise.steps)


def describe(
    library: Library,
    exercise: Exercise,
    session: Session,
    turns: list[Turn],
    draft: Draft | None,
    partners: dict[PartnerId, Partner],
    today: date,
    kept: Kept | None = None,
    agreement: Agreement | None = None,
) -> TurnView:
    """What the acting partner sees now; ``kept``: the question the exercise has kept for
    later the longest, if any (a ``from_kept`` step starts from it); ``agreement``: the one
    the session amends or reviews, if any (steps may show it, start from it, ask otherwise)."""
    assert session.actor is not None
    step = exercise.step(session.step_id)
    actor = session.actor
    names = names_for(session, partners, actor)
    role_id = role_of(session, actor)
    waiting_role = role_of(session, other(actor))
    if step.actor in (EACH, BOTH):
        banner = library.say("banner.together_turn", **names)
        meanwhile = library.say("banner.together_meanwhile", **names)
    else:
        role_title = exercise.role(role_id).title if role_id else ""
        banner = library.say("banner.turn", role=role_title, **names)
        waiting = fill(exercise.role(waiting_role).meanwhile, names) if waiting_role else ""
        meanwhile = library.say("banner.meanwhile", meanwhile=waiting, **names)
    shown = []
    if step.show_agreement and agreement is not None:
        shown.append(Shown(library.say("amend.as_it_stands"), [visible(agreement.text)]))
    for show in step.show:
        texts = [
            visible(answer_words(exercise, turns, t))
            for t in pick(show, exercise, session, turns, actor)
        ]
        if texts:
            shown.append(Shown(fill(show.label, names), texts))
    position = len(turns)
    start_text, restored = "", False
    if is_current(draft, session, turns):
        assert draft is not None
        start_text, restored = draft.text, True
    elif step.from_kept and kept is not None:
        start_text = kept.text
    elif step.prefill_agreement and agreement is not None:
        start_text = agreement.text if step.kind == "text" else agreement.category
    elif step.prefill:
        found = latest_shareable(exercise, turns, step.prefill, actor)
        start_text = answer_words(exercise, turns, found) if found else ""
    elif step.kind == "date":
        start_text = (today + REVIEW_SUGGESTION).isoformat()
    due_on = session.due_on if session.due_on and session.due_on > today else None
    number, total = step_position(exercise, step.id)
    progress = library.say(
        "banner.progress_rounds" if has_rounds(exercise) else "banner.progress",
        step=str(number),
        steps=str(total),
        round=str(session.round),
        minutes=str(exercise.minutes),
    )
    return TurnView(
        exercise_title=exercise.title,
        step_id=step.id,
        kind=step.kind,
        actor=actor,
        banner=banner,
        meanwhile=meanwhile,
        prompt=fill(step.amend_prompt if agreement and step.amend_prompt else step.prompt, names),
        hint=fill(step.hint, names),
        shown=shown,
        options=[
            *(
                Option(t.step_id, visible(answer_words(exercise, turns, t)))
                for t in offered(exercise, step, session.round, turns, actor)
            ),
            *(
                Option(c.id, fill(c.label, names))
                for c in step.choices
                if c.id not in closed_choices(exercise, step, kept)
            ),
        ],
        start_text=start_text,
        draft_restored=restored,
        progress=progress,
        position=position,
        items=list(step.items),
        private=step.private,
        handover=library.say("handover.private", **names) if step.private else "",
        privacy_note=library.say(f"privacy.{step.reveal}", **names) if step.private else "",
        due_on=due_on,
        due_note=library.say("exercise.due", date=due_on.isoformat()) if due_on else "",
        keeps=bool(step.keep_on_pass) or step.from_kept,
        not_shared=step.not_shared,
        note_label=step.note_label,
    )
