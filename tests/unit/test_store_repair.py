"""The data folder on disk, repaired: an index that is empty, lost or stale is rebuilt from
the session files, a lost agreement is made again from its session, a failed index write is
repaired at the next open, and a damaged or foreign session file is reported by name and left
alone.

Each test damages files in ``tmp_path`` directly (or makes ``os.replace`` fail, monkeypatched:
CI may run as root, which ignores file modes), then opens the folder again.
"""

from __future__ import annotations

import errno
import json
import os
from pathlib import Path
from typing import Any

import pytest

from tests.unit.store_files import (
    FIXTURE_START,
    SPEAKER_FIRST,
    _tinydb,
    leftovers,
    new_book,
    open_book,
    session_file,
)
from workbook.book import Workbook
from workbook.clock import ManualClock
from workbook.errors import DataFolderError
from workbook.models import SessionIndexEntry

BOUNDARY_ROLES = {"proposer": "a", "responder": "b"}


# -- repair at open ----------------------------------------------------------------------


def _stale_index(session_id: str) -> bytes:
    stale = SessionIndexEntry(
        id=session_id,
        exercise_id="active-listening",
        status="in_progress",
        step_id="share",
        actor="a",
        turns=0,
        started_at=FIXTURE_START,
        updated_at=FIXTURE_START,
    )
    ghost = stale.model_copy(update={"id": "0123456789abcdef"})
    return _tinydb({"sessions": [stale.model_dump(mode="json"), ghost.model_dump(mode="json")]})


@pytest.mark.parametrize("kind", ["empty file", "empty object", "no table", "stale entries"])
def test_the_index_is_rebuilt_from_the_session_files(
    data_folder: Path, clock: ManualClock, kind: str
) -> None:
    book = new_book(data_folder, clock)
    session = book.start("active-listening", SPEAKER_FIRST)
    clock.advance(5)
    book.submit(session.id, "I miss our walks.")
    clock.advance(5)
    book.submit(session.id, "You miss our walks.")
    saved = book.load(session.id).session
    book.close()

    index = data_folder / "index.json"
    index.write_bytes(
        {
            "empty file": b"",
            "empty object": b"{}",
            "no table": b'{"sessions":{}}',
            "stale entries": _stale_index(session.id),
        }[kind]
    )

    reopened = open_book(data_folder, clock)
    try:
        entries = reopened.open_sessions()
        assert [(e.id, e.exercise_id, e.status, e.step_id, e.actor, e.turns) for e in entries] == [
            (session.id, "active-listening", "in_progress", "check", "a", 2)
        ]
        assert entries[0].updated_at == saved.updated_at
        assert entries[0].started_at == saved.started_at
    finally:
        reopened.close()


def complete_boundary(book: Workbook, clock: ManualClock, wording: str) -> str:
    session = book.start("boundary-drafting", BOUNDARY_ROLES)
    category = book.exercise("boundary-drafting").step("category").choices[0].id
    for value in (wording, "accept", category, "2026-03-01", "agree", "agree"):
        clock.advance(30)
        book.submit(session.id, value)
    assert book.load(session.id).session.status == "completed"
    return session.id


def test_a_lost_agreement_is_made_again_from_its_session(
    data_folder: Path, clock: ManualClock
) -> None:
    book = new_book(data_folder, clock)
    session_id = complete_boundary(book, clock, "When I am late, I text you before six.")
    [agreement] = book.agreements()
    book.close()

    workbook_file = data_folder / "workbook.json"
    data = json.loads(workbook_file.read_bytes())
    assert data["agreements"]
    del data["agreements"]
    workbook_file.write_text(json.dumps(data))

    reopened = open_book(data_folder, clock)
    try:
        assert reopened.agreements() == [agreement]
        assert reopened.agreements()[0].id == agreement.id
        assert reopened.agreements()[0].origin == session_id
        assert set(reopened.partners()) == {"a", "b"}
    finally:
        reopened.close()


# -- a failed index write ----------------------------------------------------------------


def test_a_failed_index_write_is_repaired_from_the_session_file(
    data_folder: Path, clock: ManualClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The session file is written first and wins: a crash or full disk between the two
    writes leaves an index that the next open repairs."""
    book = new_book(data_folder, clock)
    session = book.start("active-listening", SPEAKER_FIRST)
    original_replace = os.replace

    def index_fails(src: Any, dst: Any, **kwargs: Any) -> None:
        if Path(dst).name == "index.json":
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(dst))
        original_replace(src, dst, **kwargs)

    with monkeypatch.context() as patch:
        patch.setattr(os, "replace", index_fails)
        with pytest.raises(OSError):
            book.submit(session.id, "I need quiet evenings.")
    assert leftovers(data_folder) == []
    book.close()

    reopened = open_book(data_folder, clock)
    try:
        assert [(e.step_id, e.actor, e.turns) for e in reopened.open_sessions()] == [
            ("mirror", "b", 1)
        ]
    finally:
        reopened.close()


# -- damaged and foreign session files ---------------------------------------------------


def _wrong_fields(original: bytes) -> bytes:
    data = json.loads(original)
    data["session"]["1"] = {"name": "not a session", "colour": "blue"}
    return json.dumps(data).encode()


def _foreign_turn(original: bytes) -> bytes:
    data = json.loads(original)
    data["turns"]["1"]["mood"] = "tired"
    return json.dumps(data).encode()


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda raw: raw[: len(raw) // 2], id="truncated"),
        pytest.param(lambda raw: b"\xff\xfe not utf-8", id="not utf-8"),
        pytest.param(lambda raw: b"[1, 2, 3]", id="a JSON list"),
        pytest.param(lambda raw: b'{"session": [1], "turns": []}', id="tables as lists"),
        pytest.param(_wrong_fields, id="a foreign session record"),
        pytest.param(_foreign_turn, id="a turn with an unknown field"),
    ],
)
def test_a_damaged_session_file_is_reported_by_name_and_left_alone(
    data_folder: Path, clock: ManualClock, damage: Any
) -> None:
    book = new_book(data_folder, clock)
    session = book.start("active-listening", SPEAKER_FIRST)
    book.submit(session.id, "Something I want to say.")
    book.close()

    path = session_file(data_folder, session.id)
    damaged = damage(path.read_bytes())
    path.write_bytes(damaged)

    with pytest.raises(DataFolderError) as raised:
        reopened = open_book(data_folder, clock)
        try:
            reopened.load(session.id)
        finally:
            reopened.close()

    assert f"{session.id}.json" in str(raised.value)
    assert path.read_bytes() == damaged
    assert leftovers(data_folder) == []
