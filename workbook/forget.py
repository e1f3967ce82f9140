"""What deleting one answer or one session changes in each file, written once as changes to a
file's raw tables, so the very same change is made to the live file and to every copy of it
under ``backups/`` (``Backups.rewrite``), and a restored backup cannot bring any of it back.

A deleted answer stays in its session as a pass: the same turn (id, partner, step, round,
time) with no value and no flags. Stored models are unchanged, every reader already knows a
pass, and to the other partner a private pass reads exactly as a pass does ("in the same words
whatever the reason", says the reveal; a summary leaves private passes out): nothing tells
them an answer was there, and their turn and the flow go on as before.

What a deleted session takes from ``workbook.json``: the records naming it (questions kept for
later, with their words; opt-ins; hidden answers). What it made stays, as the couple's own:
an agreement (its wording, history and reviews), a milestone; they no longer name it as their
origin, so ``workbook check`` finds nothing pointing at a session that is gone.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from workbook.models import Turn
from workbook.storage import Data

#: Tables of ``workbook.json`` whose records name one answer (by its turn id) or a session:
#: they go with it (a check-in holds its session's ratings and notes: it is that session's words).
NAMING = ("kept", "opt_ins", "hidden", "check_ins")
#: Tables whose records say which session made them, with the origin they keep once it is gone.
MADE_IN: dict[str, str | None] = {"agreements": "", "milestones": None}


def deleted(turn: Turn) -> Turn:
    """``turn`` with its words gone: a pass, as if nothing had been given."""
    return turn.model_copy(
        update={
            "value": None,
            "passed": True,
            "opted_in": False,
            "hidden": False,
            "withdrawn": False,
        }
    )


@dataclass(frozen=True)
class Forgetting:
    """The change to ``workbook.json`` when the answer ``turn_id`` of a session, or (without
    one) the whole session ``session_id``, is deleted."""

    session_id: str
    turn_id: str | None = None

    def names(self, doc: Mapping[str, Any]) -> bool:
        """Whether a record of a ``NAMING`` table points at what is deleted."""
        if self.turn_id is not None:
            return doc.get("id") == self.turn_id
        return self.session_id in (doc.get("origin"), doc.get("session_id"))

    def __call__(self, data: Data) -> None:
        for name in NAMING:
            _drop(data, name, self.names)
        if self.turn_id is None:
            for name, cleared in MADE_IN.items():
                for doc in data.get(name, {}).values():
                    if doc.get("origin") == self.session_id:
                        doc["origin"] = cleared


def unindexed(session_id: str) -> Callable[[Data], None]:
    """The change to ``index.json`` when the session ``session_id`` is deleted."""

    def change(data: Data) -> None:
        _drop(data, "sessions", lambda doc: doc.get("id") == session_id)

    return change


def _drop(data: Data, table: str, picked: Callable[[Mapping[str, Any]], bool]) -> None:
    records = data.get(table, {})
    for key in [key for key, doc in records.items() if picked(doc)]:
        del records[key]
