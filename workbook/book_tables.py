"""The tables of ``workbook.json`` (partners, agreements, milestones, check-ins, sittings and
the rest): one reader and one writer per kind of record, as a part of ``Store``; and the
helpers every file's records are read and written through.
"""

from __future__ import annotations

import contextlib
from typing import Any

from pydantic import ValidationError
from tinydb import TinyDB

from workbook.errors import BadFile
from workbook.layout import WORKBOOK_FILE
from workbook.models import (
    Agreement,
    CheckIn,
    Hidden,
    Kept,
    Milestone,
    Moment,
    OptIn,
    OwnResource,
    Partner,
    PartnerId,
    Record,
    Rest,
    Sitting,
)
from workbook.storage import CachedBatchMiddleware


def batch(db: TinyDB) -> contextlib.AbstractContextManager[None]:
    middleware = db.storage
    assert isinstance(middleware, CachedBatchMiddleware)
    return middleware.batch()


def load(model: type[Record], doc: Any, where: str) -> Any:
    try:
        return model.model_validate(dict(doc))
    except ValidationError as error:
        first = error.errors()[0]
        field = ".".join(str(p) for p in first["loc"]) or "(the record)"
        raise BadFile(where, "foreign", f"{field}: {first['msg']}") from error


def dump(record: Record) -> dict[str, Any]:
    return record.model_dump(mode="json")


BookRecord = Agreement | Milestone | CheckIn | Sitting | Rest | OwnResource | Kept | OptIn | Hidden
"""A record of ``workbook.json`` kept by its id."""


class BookTables:
    """The records of ``workbook.json`` by kind; ``Store`` gives the file (``_book``) and
    where it is (``_where``)."""

    @property
    def _book(self) -> TinyDB:
        raise NotImplementedError

    def _where(self, name: str) -> str:
        raise NotImplementedError

    def _records(self, model: type[Record], table: str) -> list[Any]:
        """Every record of ``table`` in ``workbook.json``, checked against ``model``."""
        where = self._where(WORKBOOK_FILE)
        return [load(model, d, where) for d in self._book.table(table).all()]

    def partners(self) -> list[Partner]:
        return sorted(self._records(Partner, "partners"), key=lambda p: p.id)

    def save_partners(self, partners: list[Partner]) -> None:
        table = self._book.table("partners")
        with batch(self._book):
            table.truncate()
            table.insert_multiple(dump(p) for p in partners)

    def agreements(self) -> list[Agreement]:
        return self._records(Agreement, "agreements")

    def _put(
        self,
        table_name: str,
        record: Agreement
        | Milestone
        | CheckIn
        | Sitting
        | Rest
        | OwnResource
        | Kept
        | OptIn
        | Hidden,
    ) -> None:
        """Insert ``record`` into a table of ``workbook.json``, replacing one with its id."""
        table = self._book.table(table_name)
        with batch(self._book):
            table.remove(lambda d: d.get("id") == record.id)
            table.insert(dump(record))

    def save_agreement(self, agreement: Agreement) -> None:
        self._put("agreements", agreement)

    def milestones(self) -> list[Milestone]:
        return self._records(Milestone, "milestones")

    def save_milestone(self, milestone: Milestone) -> None:
        self._put("milestones", milestone)

    def check_ins(self) -> list[CheckIn]:
        """Every check-in both finished, oldest first."""
        return sorted(self._records(CheckIn, "check_ins"), key=lambda c: c.at)

    def save_check_in(self, check_in: CheckIn) -> None:
        self._put("check_ins", check_in)

    def save_sitting(self, sitting: Sitting) -> None:
        self._put("sittings", sitting)

    def sittings(self) -> list[Sitting]:
        return self._records(Sitting, "sittings")

    def rests(self) -> list[Rest]:
        return self._records(Rest, "rests")

    def save_rest(self, rest: Rest) -> None:
        self._put("rests", rest)

    def kept(self) -> list[Kept]:
        """Questions kept for later, the longest kept first."""
        kept = self._records(Kept, "kept")
        return sorted(kept, key=lambda k: k.kept_at)

    def save_kept(self, kept: Kept) -> None:
        self._put("kept", kept)

    def remove_kept(self, kept_id: str) -> None:
        self._book.table("kept").remove(lambda d: d.get("id") == kept_id)

    def own_resources(self) -> list[OwnResource]:
        return self._records(OwnResource, "resources")

    def save_own_resource(self, resource: OwnResource) -> None:
        self._put("resources", resource)

    def remove_own_resource(self, resource_id: str) -> None:
        self._book.table("resources").remove(lambda d: d.get("id") == resource_id)

    def moments(self) -> list[Moment]:
        """Each partner's moment for a therapist (one at most each), by partner."""
        return sorted(self._records(Moment, "moments"), key=lambda m: m.partner)

    def save_moment(self, moment: Moment) -> None:
        """Keep ``moment`` in place of the one its partner noted before."""
        table = self._book.table("moments")
        with batch(self._book):
            table.remove(lambda d: d.get("partner") == moment.partner)
            table.insert(dump(moment))

    def remove_moment(self, partner: PartnerId) -> None:
        self._book.table("moments").remove(lambda d: d.get("partner") == partner)

    def opt_ins(self) -> list[OptIn]:
        """Each author's yes to an answer of theirs going into an export, by turn id."""
        return self._records(OptIn, "opt_ins")

    def save_opt_in(self, opt_in: OptIn) -> None:
        self._put("opt_ins", opt_in)

    def remove_opt_in(self, turn_id: str) -> None:
        self._book.table("opt_ins").remove(lambda d: d.get("id") == turn_id)

    def hidden(self) -> list[Hidden]:
        """The answers their authors keep out of summaries and exports, by turn id."""
        return self._records(Hidden, "hidden")

    def save_hidden(self, hidden: Hidden) -> None:
        self._put("hidden", hidden)

    def remove_hidden(self, turn_id: str) -> None:
        self._book.table("hidden").remove(lambda d: d.get("id") == turn_id)

    # -- sessions ------------------------------------------------------------------------
