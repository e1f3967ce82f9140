"""The content format: exercises, the path and the app's sentences, as pydantic models.

A counsellor writes an exercise as one TOML file; these models are its schema
(``workbook content schema`` prints it). Checks that span several fields or files (the
flow graph, placeholders) live in ``content_check``.
"""

from __future__ import annotations

from typing import Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, model_validator

from workbook.models import Rating

#: Flow targets that are not step ids.
END = "end"
SET_ASIDE = "set_aside"
PAUSE = "pause"
FLOW_KEYWORDS = frozenset({END, SET_ASIDE, PAUSE})

StepKind = Literal[
    "text",
    "choice",
    "pick",
    "scale",
    "menu",
    "date",
    "confirm",
    "agreement",
    "milestone",
    "ratings",
    "swap",
]
EACH = "each"
BOTH = "both"


class Format(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Role(Format):
    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    title: str
    """How the role is named on screen, e.g. "the listener"."""
    meanwhile: str
    """What this partner does while the other one acts, e.g. "Listen; your turn comes next"."""


class Choice(Format):
    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    label: str
    next: str | None = None
    """Where this answer leads; defaults to the step's ``next``."""


class Show(Format):
    """Earlier answers of this round a step puts on screen.

    ``latest``: the most recent answer at any of ``steps``; ``all``: every one, in order;
    ``since``: the latest answer at the first of ``steps`` and every answer after it at the rest.
    """

    label: str
    steps: list[str] = Field(min_length=1)
    which: Literal["latest", "all", "since"] = "latest"
    whose: Literal["anyone", "actor", "other"] = "anyone"
    """Whose answers: anyone's, only the partner acting now, or only the other partner."""
    rounds: Literal["this", "all"] = "this"
    """This round only (the usual), or every round (to look back after roles swapped)."""


class AgreementSpec(Format):
    """Where an ``agreement`` step finds its parts among earlier answers."""

    text: list[str] = Field(min_length=1)
    category: str
    review_on: str | None = None


#: How a review rates an agreement (the choice ids of its ratings step).
RATINGS: tuple[str, ...] = get_args(Rating)
#: The rating that leads a review on into amending the agreement.
NEEDS_CHANGE = "change"


class ReviewSpec(Format):
    """Where a review (a ``confirm`` step for both, in a session reviewing an agreement) finds
    its parts among earlier answers: only answers both partners have seen are kept."""

    ratings: str
    notes: str | None = None
    review_on: str | None = None


class MilestoneSpec(Format):
    """Where a ``milestone`` step finds its title among earlier answers."""

    title: list[str] = Field(min_length=1)


class Step(Format):
    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    kind: StepKind
    actor: str | None = None
    """A role id, ``each`` (both in turn) or ``both`` (each must agree); none for ``swap``."""
    prompt: str = ""
    hint: str = ""
    next: str | None = None
    then: str | None = None
    """For ``swap``: where to go once every partner has held every role."""
    on_pass: str | None = None
    choices: list[Choice] = Field(default_factory=list)
    choices_from: Literal["categories"] | None = None
    offer: list[str] = Field(default_factory=list)
    """For ``choice``: offer this round's latest answer at each of these steps as a choice
    (before the fixed ``choices``); the answer saved is the chosen step's id."""
    show: list[Show] = Field(default_factory=list)
    prefill: list[str] = Field(default_factory=list)
    """Start the text box from the latest answer among these steps."""
    agreement: AgreementSpec | None = None
    milestone: MilestoneSpec | None = None
    review: ReviewSpec | None = None
    """For a ``confirm`` step for both: once both agree, the review is kept in the history of
    the agreement the session reviews."""
    prefill_agreement: bool = False
    """In a session amending an agreement: a ``text`` step starts from its wording, a
    ``choices_from = "categories"`` step from its area."""
    show_agreement: bool = False
    """In a session amending or reviewing an agreement: its wording as it stands is shown."""
    amend_prompt: str = ""
    """In a session amending an agreement: what the step asks instead of ``prompt``."""
    scale: tuple[int, int] = (0, 10)
    not_shared: str = ""
    """For ``ratings``: how a rating not shared reads, the same whether it was never given
    or kept unshared (its ``choices`` name the measures, one each of ``models.MEASURES``)."""
    note_label: str = ""
    """For ``ratings``: what the optional note is called where it is shown."""
    items: list[str] = Field(default_factory=list)
    """For ``menu``: the items each partner marks yes / maybe / no; for ``pick``: the items
    to choose any of."""
    within_weeks: int | None = Field(default=None, ge=1, le=52)
    """For ``date``: the date must fall between today and this many weeks from today."""
    wait_until: str | None = None
    """A ``date`` step's id: this step waits until the date answered there."""
    check: str | None = None
    """For ``text``: a set in ``content/wording.toml`` whose gentle checks run on the answer
    before it is saved."""
    keep_on_pass: list[str] = Field(default_factory=list)
    """When this step is passed ("not today"), this round's latest answer at any of these
    steps is kept for later and offered again at the exercise's ``from_kept`` step."""
    from_kept: bool = False
    """For ``text``: start from the answer kept for later the longest; submitting takes it
    out of the kept list, passing keeps it (to the back of the line). A choice leading here
    is offered only while something is kept."""
    private: bool = False
    reveal: Literal["together", "match", "never"] | None = None
    export: Literal["shared", "opt_in", "never"] | None = None

    @model_validator(mode="after")
    def _defaults(self) -> Step:
        if self.kind == "menu":
            self.private = True
            self.reveal = self.reveal or "match"
        if self.export is None:
            if self.kind == "menu":
                self.export = "never"
            else:
                self.export = "opt_in" if self.private else "shared"
        if self.private and self.reveal is None:
            self.reveal = "together"
        return self

    @property
    def shown_to_both(self) -> bool:
        """A private step whose answers both partners see once both have answered."""
        return self.private and self.reveal in ("together", "match")


class Exercise(Format):
    id: str = Field(pattern=r"^[a-z][a-z0-9_-]*$")
    title: str
    part: int = Field(ge=1, le=10)
    purpose: str
    minutes: int = Field(ge=1, le=240)
    ready: str
    """What to have ready before starting (time, a quiet place, something to write with)."""
    roles: list[Role] = Field(min_length=1)
    sensitive: bool = False
    prerequisites: list[str] = Field(default_factory=list)
    """Exercises the couple must have finished before this one is offered."""
    waits: str = ""
    """Why this one waits for its ``prerequisites`` (required when it has any)."""
    listed: bool = True
    """False for one the app starts itself (a review of an agreement): not on the path."""
    closing: str
    """A short closing for both, shown with the summary."""
    steps: list[Step] = Field(min_length=1)
    """The first step is where the exercise starts."""

    def step(self, step_id: str) -> Step:
        for step in self.steps:
            if step.id == step_id:
                return step
        raise KeyError(step_id)

    def step_ids(self) -> set[str]:
        return {step.id for step in self.steps}

    def role(self, role_id: str) -> Role:
        for role in self.roles:
            if role.id == role_id:
                return role
        raise KeyError(role_id)


class Part(Format):
    number: int = Field(ge=1, le=10)
    title: str
    summary: str


class Category(Format):
    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    label: str


class Path(Format):
    """``content/path.toml``: the ten parts of recovery and the agreement categories."""

    parts: list[Part] = Field(min_length=10, max_length=10)
    categories: list[Category] = Field(min_length=1)
