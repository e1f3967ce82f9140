"""How agreements read on screen, and finding them: status words, whether one is in force,
its dates and where it came from, its history, a filter and a search, groups by category.

Every sentence comes from the ``[agreement]`` texts; a partner's words (wording, notes, names)
are passed through as they are, for the screen to show as plain text.
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime

from workbook.clock import local_day
from workbook.content import Library
from workbook.models import PARTNER_IDS, Agreement, AgreementStatus, HistoryEntry, PartnerId

STATUSES: tuple[AgreementStatus, ...] = ("active", "to_revisit", "retired")
"""In the order a category lists them: in force first, retired last."""


@dataclass(frozen=True)
class Wanted:
    """What the couple is looking for: a status, a category, words (all optional)."""

    status: AgreementStatus | None = None
    category: str | None = None
    words: str = ""


def folded(text: str) -> str:
    """``text`` for comparing: case, accents and runs of space do not matter."""
    apart = unicodedata.normalize("NFKD", text.casefold())
    return " ".join("".join(c for c in apart if not unicodedata.combining(c)).split())


def matches(agreement: Agreement, wanted: Wanted) -> bool:
    """Whether ``agreement`` is one the couple is looking for. Words match the title, the
    wording or any earlier wording, each word anywhere, in any order."""
    if wanted.status is not None and agreement.status != wanted.status:
        return False
    if wanted.category is not None and agreement.category != wanted.category:
        return False
    wordings = [agreement.title, agreement.text, *(h.text for h in agreement.history if h.text)]
    haystack = folded("\n".join(wordings))
    return all(word in haystack for word in folded(wanted.words).split())


@dataclass(frozen=True)
class Listed:
    """One agreement in the list: the record, and its status, dates and origin in a line."""

    agreement: Agreement
    facts: str


@dataclass(frozen=True)
class Group:
    """The agreements of one category, under its label."""

    category: str
    label: str
    listed: list[Listed]


def grouped(reader: Reader, agreements: list[Agreement], wanted: Wanted) -> list[Group]:
    """The agreements wanted, by category in the order of ``path.toml`` (any category it no
    longer lists comes last); in each, those in force first, then the newest."""
    library = reader.library
    order = [c.id for c in library.path.categories]
    found: dict[str, list[Listed]] = defaultdict(list)
    for agreement in sorted(agreements, key=_in_group):
        if matches(agreement, wanted):
            found[agreement.category].append(Listed(agreement, reader.facts(agreement)))
    ids = sorted(found, key=lambda c: (order.index(c) if c in order else len(order), c))
    return [Group(c, library.category_label(c), found[c]) for c in ids]


def _in_group(agreement: Agreement) -> tuple[int, float]:
    return STATUSES.index(agreement.status), -agreement.created_at.timestamp()


@dataclass(frozen=True)
class Change:
    """One entry of the history: what happened (the app's words, with names and date), the
    wording it set (a partner's words), and any further lines (ratings, notes, next date)."""

    heading: str
    wording: str | None
    lines: list[str]


@dataclass(frozen=True)
class Reading:
    """One agreement as the couple reads it."""

    id: str
    title: str
    text: str
    status: AgreementStatus
    status_words: str
    standing: str
    """Whether it is in force, in a sentence (one to revisit says it is not, plainly)."""
    facts: str
    """Its status, review or end date and where it came from, in one line."""
    category: str
    accepted: list[str]
    history: list[Change]


class Reader:
    """Reads agreements with the library's sentences and the partners' names."""

    def __init__(self, library: Library, names: dict[PartnerId, str]) -> None:
        self.library = library
        self.names = names

    def say(self, key: str, **names: str) -> str:
        return self.library.say(f"agreement.{key}", **names)

    def who(self, by: list[PartnerId]) -> str:
        """One name, or both joined as the texts say."""
        named = [self.names[p] for p in PARTNER_IDS if p in by]
        return named[0] if len(named) == 1 else self.say("both", a=named[0], b=named[-1])

    def facts(self, agreement: Agreement) -> str:
        """Status, dates and origin on one line, for the list."""
        parts = [self.say(f"status_{agreement.status}")]
        retiring = _last(agreement, "retired")
        if agreement.status == "retired" and retiring is not None:
            parts.append(self.say("retired_on", date=_day(retiring.at)))
        else:
            if agreement.review_on is not None:
                parts.append(self.say("review_on", date=agreement.review_on.isoformat()))
            if agreement.ends_on is not None:
                parts.append(self.say("ends_on", date=agreement.ends_on.isoformat()))
        exercise = self.library.exercises.get(agreement.exercise_id)
        title = exercise.title if exercise is not None else agreement.exercise_id
        parts.append(self.say("origin", exercise=title, date=_day(agreement.created_at)))
        return self.say("separator").join(parts)

    def read(self, agreement: Agreement) -> Reading:
        """Everything the detail view shows of ``agreement``."""
        return Reading(
            id=agreement.id,
            title=agreement.title,
            text=agreement.text,
            status=agreement.status,
            status_words=self.say(f"status_{agreement.status}"),
            standing=self.say(f"standing_{agreement.status}"),
            facts=self.facts(agreement),
            category=self.say("category", category=self.library.category_label(agreement.category)),
            accepted=[
                self.say("accepted_by", name=self.names[a.partner], date=_day(a.at))
                for a in agreement.acceptances
            ],
            history=[self.change(entry) for entry in agreement.history],
        )

    def change(self, entry: HistoryEntry) -> Change:
        """One history entry in words."""
        heading = self.say(f"history_{entry.what}", names=self.who(entry.by), date=_day(entry.at))
        lines = []
        if entry.note:
            lines.append(self.say("note_from", name=self.who(entry.by), note=entry.note))
        for partner in PARTNER_IDS:
            if partner in entry.ratings:
                rating = self.say(f"rating_{entry.ratings[partner]}")
                lines.append(self.say("rated", name=self.names[partner], rating=rating))
            if entry.notes.get(partner):
                lines.append(
                    self.say("note_from", name=self.names[partner], note=entry.notes[partner])
                )
        if entry.review_on is not None:
            lines.append(self.say("next_review", date=entry.review_on.isoformat()))
        return Change(heading, entry.text, lines)


def _last(agreement: Agreement, what: str) -> HistoryEntry | None:
    return next((h for h in reversed(agreement.history) if h.what == what), None)


def _day(moment: datetime) -> str:
    return local_day(moment).isoformat()
