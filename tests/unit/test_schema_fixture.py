"""The data folder of this schema version as this app wrote it (``tests/fixtures/schema-<N>/``):
there is one for every version so far, it holds every kind of record, and this app reads every
record in it exactly as stored. A stored model changed without bumping ``SCHEMA_VERSION`` (and
adding its migration and the new version's fixture) fails here."""

from __future__ import annotations

from pathlib import Path
from typing import get_args

from tests.fixtures.schema import (
    TABLES,
    assert_read_as_stored,
    copy_fixture,
    file_kind,
    fixture_folder,
    fixture_versions,
    read_through_the_app,
    stored_records,
)
from workbook.book import Workbook
from workbook.clock import ManualClock
from workbook.content import load_library
from workbook.content_format import StepKind
from workbook.models import SCHEMA_VERSION, SessionStatus


def test_there_is_a_fixture_for_every_version_so_far() -> None:
    assert fixture_versions() == list(range(1, SCHEMA_VERSION + 1))


def test_the_fixture_holds_every_kind_of_record() -> None:
    """Every table has records; there are turns at every kind of step (a swap has none: a
    second round shows it), sessions of every status, a draft, a pass, and an agreement
    reviewed, amended and reopened."""
    folder = fixture_folder(SCHEMA_VERSION)
    records = list(stored_records(folder))
    assert {(file_kind(name), table) for name, table, _ in records} == {
        (kind, table) for kind, tables in TABLES.items() for table in tables
    }
    exercises = load_library(folder).exercises
    sessions = {Path(name).stem: doc for name, table, doc in records if table == "session"}
    kinds = {
        exercises[sessions[Path(name).stem]["exercise_id"]].step(doc["step_id"]).kind
        for name, table, doc in records
        if table == "turns"
    }
    assert kinds == set(get_args(StepKind)) - {"swap"}
    assert max(s["round"] for s in sessions.values()) == 2
    assert {s["status"] for s in sessions.values()} == set(get_args(SessionStatus))
    assert any(doc["passed"] for _, table, doc in records if table == "turns")
    history = {
        h["what"] for _, table, doc in records if table == "agreements" for h in doc["history"]
    }
    assert {"made", "reviewed", "amended", "reopened"} <= history


def test_this_app_reads_every_record_exactly_as_stored(tmp_path: Path) -> None:
    folder = copy_fixture(SCHEMA_VERSION, tmp_path / "data")
    book = Workbook.open(folder, ManualClock())
    try:
        read_through_the_app(book)
    finally:
        book.close()
    assert assert_read_as_stored(folder) > 100
