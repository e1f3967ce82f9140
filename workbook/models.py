"""The couple's records as pydantic models: what the store saves and validates on every load.

``extra="forbid"`` everywhere, so a foreign or damaged file fails loudly instead of being
half-read. ``SCHEMA_VERSION`` is written into every file the app creates.

The rule: any change to a stored model (a field added, even with a default, renamed, removed or
given another type or meaning; a table added) bumps ``SCHEMA_VERSION`` and comes with a
migration in ``workbook.migrations`` and the new version's fixture, made once with
``tests/fixtures/make_schema_fixture.py``. Couples' files of every older version are migrated
at open, and the fixtures prove it: ``tests/unit/test_schema_fixture.py`` fails on a change
made without the bump.
"""

from __future__ import annotations

import secrets
from datetime import date
from typing import Literal, get_args

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

SCHEMA_VERSION = 4

PartnerId = Literal["a", "b"]
PARTNER_IDS: tuple[PartnerId, PartnerId] = ("a", "b")

#: The app's looks (``screens/themes.py``), saved in the meta; ``calm`` until one is chosen.
ThemeName = Literal["calm", "light", "high-contrast"]
THEME_NAMES: tuple[ThemeName, ...] = get_args(ThemeName)

SessionStatus = Literal["in_progress", "paused", "completed", "set_aside"]
OPEN_STATUSES: frozenset[str] = frozenset({"in_progress", "paused"})

#: A text answer, a choice id, a date in ISO form, "agree" (confirm, agreement, milestone),
#: picked items or a menu's mutual items (a list), or a menu's marks before the reveal (a dict).
AnswerValue = str | int | list[str] | dict[str, str] | None


def new_id() -> str:
    """A random id: file names never reveal content."""
    return secrets.token_hex(8)


def other(partner: PartnerId) -> PartnerId:
    """The partner who is not ``partner``."""
    return "b" if partner == "a" else "a"


class Record(BaseModel):
    """Base for stored records: strict about unknown fields."""

    model_config = ConfigDict(extra="forbid")


class Partner(Record):
    id: PartnerId
    name: str = Field(min_length=1, max_length=40)
    colour: str = "cyan"


class Meta(Record):
    schema_version: int = SCHEMA_VERSION
    created_at: AwareDatetime
    safety_checked: bool = False
    """The first-run safety check was done: the one trace it leaves (never its answers)."""
    discreet: bool = False
    """Discreet mode: a neutral window title and neutral words on Home and in the footer.
    Since schema version 2."""
    theme: ThemeName = "calm"
    """How the app looks, chosen in settings. Since schema version 4."""
    break_minutes: int | None = None
    """The return time a time-out offers first, in minutes: one of ``break_choices_minutes``
    in ``content/pacing.toml``; None (or a choice the content no longer offers) means its
    first. Since schema version 4."""


class Turn(Record):
    """One answer (or one pass) given by one partner at one step."""

    id: str
    partner: PartnerId
    step_id: str
    round: int = 1
    value: AnswerValue = None
    passed: bool = False
    at: AwareDatetime
    opted_in: bool = False
    hidden: bool = False
    withdrawn: bool = False


class Draft(Record):
    """Text being typed, kept so a crash loses nothing. ``position`` ties it to one visit."""

    partner: PartnerId
    step_id: str
    position: int
    text: str
    saved_at: AwareDatetime


class Session(Record):
    """One run of an exercise: who holds which role, where it stands, and its status."""

    id: str
    exercise_id: str
    roles: dict[str, PartnerId]
    round: int = 1
    step_id: str
    actor: PartnerId | None
    waiting: list[PartnerId] = Field(default_factory=list)
    """Partners still to answer at an ``each`` or ``both`` step, in order (actor first)."""
    status: SessionStatus = "in_progress"
    due_on: date | None = None
    """Set while the current step waits for a date the couple chose (a follow-up)."""
    agreement_id: str | None = None
    """The agreement this session amends or reviews, if any."""
    started_at: AwareDatetime
    updated_at: AwareDatetime
    schema_version: int = SCHEMA_VERSION


class SessionIndexEntry(Record):
    """What Home needs of a session without opening its file."""

    id: str
    exercise_id: str
    status: SessionStatus
    step_id: str
    actor: PartnerId | None
    due_on: date | None = None
    agreement_id: str | None = None
    """The agreement the session amends or reviews, so Home can name it."""
    turns: int
    started_at: AwareDatetime
    updated_at: AwareDatetime

    @classmethod
    def of(cls, session: Session, turns: int) -> SessionIndexEntry:
        """The index entry that describes ``session`` with ``turns`` turns."""
        return cls(
            id=session.id,
            exercise_id=session.exercise_id,
            status=session.status,
            step_id=session.step_id,
            actor=session.actor,
            due_on=session.due_on,
            agreement_id=session.agreement_id,
            turns=turns,
            started_at=session.started_at,
            updated_at=session.updated_at,
        )


class Acceptance(Record):
    partner: PartnerId
    at: AwareDatetime


HistoryWhat = Literal["made", "amended", "reopened", "reviewed", "retired"]
Rating = Literal["keeping", "struggling", "change"]
"""How a review rates an agreement: keeping it well, struggling, it needs to change."""


class HistoryEntry(Record):
    """One change in an agreement's life: its wording, a review, a status change."""

    what: HistoryWhat
    text: str | None = None
    """The wording made or amended to (every old wording stays in the history)."""
    by: list[PartnerId] = Field(default_factory=list)
    at: AwareDatetime
    note: str | None = None
    """A reopening's optional note."""
    ratings: dict[PartnerId, Rating] = Field(default_factory=dict)
    """A review: each partner's rating (``keeping``, ``struggling``, ``change``)."""
    notes: dict[PartnerId, str] = Field(default_factory=dict)
    """A review: each partner's note, if they added one."""
    review_on: date | None = None
    """The next review date set by this change."""
    source: str | None = None
    """The session (and turn) that made this change, so a crash can be repaired once."""


AgreementStatus = Literal["active", "to_revisit", "retired"]


class Agreement(Record):
    id: str
    title: str
    text: str
    category: str
    origin: str
    """The session id it came from."""
    exercise_id: str
    acceptances: list[Acceptance]
    status: AgreementStatus = "active"
    """Only ``active`` is in force; ``to_revisit`` is not, until both accept it again."""
    review_on: date | None = None
    ends_on: date | None = None
    history: list[HistoryEntry] = Field(default_factory=list)
    created_at: AwareDatetime


class Milestone(Record):
    """Something the couple has come through or done together, worth remembering."""

    id: str
    title: str
    on: date
    how: Literal["by_hand", "rule"] = "by_hand"
    celebrated: bool = True
    origin: str | None = None
    """The session it was marked in, if any."""
    by: list[PartnerId] = Field(default_factory=list)
    created_at: AwareDatetime


Measure = Literal["trust", "safety", "closeness"]
"""What a check-in rates: trust, emotional safety, closeness."""
MEASURES: tuple[Measure, ...] = ("trust", "safety", "closeness")
#: Every check-in rating is from 0 to this.
RATING_MAX = 10


class CheckInEntry(Record):
    """One partner's part of a check-in, as they chose to share it. A rating is 0-10, or
    None: "not shared", whether it was never given or kept unshared (nothing says which,
    and the value kept unshared is written nowhere). Since schema version 3."""

    trust: int | None = Field(default=None, ge=0, le=RATING_MAX)
    safety: int | None = Field(default=None, ge=0, le=RATING_MAX)
    closeness: int | None = Field(default=None, ge=0, le=RATING_MAX)
    note: str | None = None
    """The note, if its author shared it with the other partner."""
    turn: str
    """The turn it came from: the note leaves by export only if its author opted that in."""


class CheckIn(Record):
    """A check-in both partners finished: each one's shared ratings and note.
    Since schema version 3."""

    id: str
    origin: str
    """The session it ran as."""
    on: date
    at: AwareDatetime
    entries: dict[PartnerId, CheckInEntry]


class TimeOut(Record):
    """A break either partner called, with the return time they agreed."""

    called_at: AwareDatetime
    until: AwareDatetime
    back_at: AwareDatetime | None = None
    """When they came back; None while the break lasts (or if the app closed during it)."""


EndedHow = Literal["closed", "stopped", "time_out"]
"""How a sitting ended: the app closed, "we need to stop", or closed during a break."""


class Sitting(Record):
    """One stretch of use, from opening the app to closing it, with its time-outs."""

    id: str
    started_at: AwareDatetime
    ended_at: AwareDatetime | None = None
    ended_how: EndedHow | None = None
    time_outs: list[TimeOut] = Field(default_factory=list)


class Rest(Record):
    """A sensitive exercise that did not open: it is not offered again until ``until``.
    Nothing here says who declined."""

    id: str
    """The exercise id."""
    until: date


class OptIn(Record):
    """An author's yes to a private or ``opt_in`` answer of theirs going into an export."""

    id: str
    """The turn id."""
    session_id: str
    partner: PartnerId
    at: AwareDatetime


class Hidden(Record):
    """An author's own answer, kept out of summaries and exports after the other partner
    responded to it (until then it can be corrected or withdrawn instead). It stays in the
    author's own view, marked hidden. Since schema version 2."""

    id: str
    """The turn id."""
    session_id: str
    partner: PartnerId
    at: AwareDatetime


class Kept(Record):
    """A question someone said "not today" to: kept, and offered again another time."""

    id: str
    """The id of the turn that asked it."""
    exercise_id: str
    asked_by: PartnerId
    """Only the partner who asked it is offered it again."""
    text: str = Field(min_length=1)
    kept_at: AwareDatetime
    """When it was kept, or last passed over again: the longest kept is offered first."""
    origin: str
    """The session of the turn that asked it."""


class OwnResource(Record):
    """A place to turn to that the couple added themselves (both of them can see it)."""

    id: str
    name: str = Field(min_length=1, max_length=200)
    contact: str = Field(max_length=500)
    note: str = Field(default="", max_length=2000)
    added_at: AwareDatetime


class Moment(Record):
    """One moment a partner would like a therapist's help with: one each, kept as written,
    for the summary for a therapist to put first."""

    partner: PartnerId
    text: str = Field(min_length=1)
    noted_at: AwareDatetime
    """When it was last changed."""
