"""The export for a therapist: what leaves the workbook, as one pydantic document.

``build_export`` gathers it; ``export_markdown.export_text`` writes it as Markdown or JSON;
``ExportDocument.model_json_schema()`` is the JSON's schema (``workbook export-schema``). By
default it is a summary: each partner's moment first, the dates, exercises done, agreements
with their history and whether they are in force, reviews, the number of time-outs and the
trends of shared check-in ratings.
Transcripts, when asked for, hold only what ``my_answers.exported`` lets leave: never more
than both partners may see, a private or ``opt_in`` answer only once its author opted in, and
never one its author hid (``my_answers.turns_for_both``).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any, Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict

from workbook.agreement_life import as_it_stood
from workbook.agreement_sessions import for_agreement
from workbook.check_ins import Trend, as_shared, measure_names, series, trend
from workbook.clock import local_day
from workbook.content import Library
from workbook.models import (
    Agreement,
    AgreementStatus,
    HistoryEntry,
    HistoryWhat,
    OptIn,
    Partner,
    PartnerId,
    SessionIndexEntry,
    SessionStatus,
)
from workbook.my_answers import (
    asked,
    exported,
    hidden_by_turn,
    opt_ins_by_turn,
    said,
    turns_for_both,
)
from workbook.privacy import visit_of
from workbook.store import Store

ExportFormat = Literal["markdown", "json"]
FORMATS: tuple[ExportFormat, ...] = ("markdown", "json")


class ExportPart(BaseModel):
    """Base for the parts of an export: strict, so the schema says exactly what is there."""

    model_config = ConfigDict(extra="forbid")


class MomentOut(ExportPart):
    """One partner's moment for a therapist; ``text`` is None if they have not noted one."""

    partner: str
    text: str | None
    noted_on: date | None


class ExerciseDone(ExportPart):
    exercise: str
    """The exercise's title."""
    on: date


class HistoryOut(ExportPart):
    what: HistoryWhat
    on: date
    by: list[str]
    """Partners' names."""
    text: str | None = None
    note: str | None = None
    ratings: dict[str, str] = {}
    """A review's ratings by partner name: ``keeping``, ``struggling`` or ``change``."""
    notes: dict[str, str] = {}
    review_on: date | None = None


class AgreementOut(ExportPart):
    title: str
    text: str
    category: str
    status: AgreementStatus
    in_force: bool
    """Only an ``active`` agreement is in force."""
    made_on: date
    review_on: date | None
    ends_on: date | None
    history: list[HistoryOut]


class ReviewOut(ExportPart):
    """A review of an agreement (a ``reviewed`` entry of its history) within the dates."""

    agreement: str
    """The agreement's title."""
    review: HistoryOut


class RatingOut(ExportPart):
    on: date
    value: int


class TrendOut(ExportPart):
    """One partner's shared ratings of one measure, in order, and which way they went.
    A rating not shared is simply not here."""

    partner: str
    measure: str
    """The measure's name, as the check-in calls it."""
    ratings: list[RatingOut]
    trend: Trend


class LineOut(ExportPart):
    """One answer in a transcript."""

    author: str | None
    """Who said it; None for what belongs to both (a list's shared yeses)."""
    prompt: str
    words: str
    at: AwareDatetime


class TranscriptOut(ExportPart):
    exercise: str
    started_on: date
    status: SessionStatus
    lines: list[LineOut]


class ExportDocument(ExportPart):
    """A summary for a therapist, as ``workbook export --format json`` writes it."""

    notice: str
    """It is not encrypted and holds private words."""
    kind: Literal["trust-workbook-export"] = "trust-workbook-export"
    version: Literal[2] = 2
    """2: check-in trends added."""
    written_at: AwareDatetime
    partners: list[str]
    since: date
    until: date
    moments: list[MomentOut]
    exercises_done: list[ExerciseDone]
    agreements: list[AgreementOut]
    reviews: list[ReviewOut]
    time_outs: int
    check_ins: int
    """Check-ins both finished in these dates."""
    trends: list[TrendOut]
    """Shared check-in ratings, each partner and measure."""
    transcripts: list[TranscriptOut] | None = None
    """Present only when transcripts were asked for."""


def names_of(library: Library, names: list[str]) -> str:
    """One name, or two as "A and B" (the words from ``texts.toml``)."""
    if len(names) == 2:
        return library.say("export.names", a=names[0], b=names[1])
    return "".join(names)


def build_export(
    store: Store,
    library: Library,
    now: datetime,
    since: date | None = None,
    until: date | None = None,
    transcripts: bool = False,
) -> ExportDocument:
    """The export of everything from ``since`` (default: the workbook's first day) to
    ``until`` (default: today). ``ValueError`` if ``since`` is after ``until``."""
    meta = store.meta()
    since = since or (local_day(meta.created_at) if meta else local_day(now))
    until = until or local_day(now)
    if since > until:
        raise ValueError("since is after until")
    partners = {p.id: p for p in store.partners()}
    names = [p.name for p in partners.values()]

    def within(moment: datetime) -> bool:
        return since <= local_day(moment) <= until

    moments = {m.partner: m for m in store.moments()}
    stood = (as_it_stood(a, until) for a in store.agreements())  # nothing after ``until``
    agreements = sorted((a for a in stood if a is not None), key=lambda a: a.created_at)
    titled = _titles(store, library)
    done = [
        ExerciseDone(exercise=titled(e), on=local_day(e.updated_at))
        for e in sorted(store.index(), key=lambda e: e.updated_at)
        if e.status == "completed" and within(e.updated_at)
    ]
    return ExportDocument(
        notice=library.say("export.notice", names=names_of(library, names)),
        written_at=now,
        partners=names,
        since=since,
        until=until,
        moments=[
            MomentOut(
                partner=partner.name,
                text=moments[pid].text if pid in moments else None,
                noted_on=local_day(moments[pid].noted_at) if pid in moments else None,
            )
            for pid, partner in partners.items()
        ],
        exercises_done=done,
        agreements=[_agreement(library, a, partners) for a in agreements],
        reviews=[
            ReviewOut(agreement=a.title, review=_history(h, partners))
            for a in agreements
            for h in a.history
            if h.what == "reviewed" and within(h.at)
        ],
        time_outs=sum(1 for s in store.sittings() for t in s.time_outs if within(t.called_at)),
        **_check_ins(store, library, partners, within),
        transcripts=_transcripts(store, library, partners, within) if transcripts else None,
    )


def _check_ins(
    store: Store,
    library: Library,
    partners: dict[PartnerId, Partner],
    within: Callable[[datetime], bool],
) -> dict[str, Any]:
    """How many check-ins in the dates, and each partner's shared ratings of each measure
    (a part its author hid reads as not shared)."""
    hidden = hidden_by_turn(store)
    found = [as_shared(c, hidden) for c in store.check_ins() if within(c.at)]
    trends = []
    for pid, partner in partners.items():
        for measure, label in measure_names(library).items():
            points = series(found, pid, measure)
            ratings = [RatingOut(on=p.on, value=p.value) for p in points]
            trends.append(
                TrendOut(partner=partner.name, measure=label, ratings=ratings, trend=trend(points))
            )
    return {"check_ins": len(found), "trends": trends}


def _titles(store: Store, library: Library) -> Callable[[SessionIndexEntry], str]:
    """How a session is named: its exercise's title, naming the agreement a session gave new
    wording to or reviewed (an exercise no longer shipped goes by its id)."""
    about = {a.id: a for a in store.agreements()}

    def titled(entry: SessionIndexEntry) -> str:
        exercise = library.exercises.get(entry.exercise_id)
        if exercise is None:
            return entry.exercise_id
        agreement = about.get(entry.agreement_id) if entry.agreement_id else None
        return for_agreement(library, exercise, agreement).title

    return titled


def _history(entry: HistoryEntry, partners: dict[PartnerId, Partner]) -> HistoryOut:
    return HistoryOut(
        what=entry.what,
        on=local_day(entry.at),
        by=[partners[p].name for p in entry.by],
        text=entry.text,
        note=entry.note,
        ratings={partners[p].name: r for p, r in entry.ratings.items()},
        notes={partners[p].name: n for p, n in entry.notes.items()},
        review_on=entry.review_on,
    )


def _agreement(
    library: Library, agreement: Agreement, partners: dict[PartnerId, Partner]
) -> AgreementOut:
    return AgreementOut(
        title=agreement.title,
        text=agreement.text,
        category=library.category_label(agreement.category),
        status=agreement.status,
        in_force=agreement.status == "active",
        made_on=local_day(agreement.created_at),
        review_on=agreement.review_on,
        ends_on=agreement.ends_on,
        history=[_history(h, partners) for h in agreement.history],
    )


def _transcripts(
    store: Store,
    library: Library,
    partners: dict[PartnerId, Partner],
    within: Callable[[datetime], bool],
) -> list[TranscriptOut]:
    """Each session changed within the dates, oldest first, with what may leave of it; a
    session with nothing that may leave is left out."""
    opt_ins: dict[str, OptIn] = opt_ins_by_turn(store)
    titled = _titles(store, library)
    found = []
    for entry in sorted(store.index(), key=lambda e: e.started_at):
        exercise = library.exercises.get(entry.exercise_id)
        if exercise is None or not within(entry.updated_at):
            continue
        session, turns = store.session(entry.id), turns_for_both(store, exercise, entry.id)
        lines = []
        for turn in exported(exercise, session.id, turns, opt_ins):
            both = exercise.step(turn.step_id).reveal == "match"
            if both and visit_of(turns, turns.index(turn))[0] is not turn:
                continue  # a list's shared yeses belong to both: once
            lines.append(
                LineOut(
                    author=None if both else partners[turn.partner].name,
                    prompt=asked(exercise, session, partners, turn),
                    words=said(library, exercise, turns, turn),
                    at=turn.at,
                )
            )
        if lines:
            found.append(
                TranscriptOut(
                    exercise=titled(entry),
                    started_on=local_day(session.started_at),
                    status=session.status,
                    lines=lines,
                )
            )
    return found
