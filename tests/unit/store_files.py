"""Helpers for the tests of the data folder on disk (``test_store.py``,
``test_store_writes.py`` and ``test_store_repair.py``): opening a workbook on a folder, reading
back what is on disk, and writing TinyDB files directly.
"""

from __future__ import annotations

import json
import os
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from workbook.book import Workbook
from workbook.clock import ManualClock

SPEAKER_FIRST = {"speaker": "a", "listener": "b"}


def open_book(folder: Path, clock: ManualClock) -> Workbook:
    return Workbook.open(folder, clock=clock)


def new_book(folder: Path, clock: ManualClock) -> Workbook:
    book = open_book(folder, clock)
    book.set_partners("Alex", "Sam")
    return book


def snapshot(folder: Path) -> dict[str, tuple[bytes | None, int, int]]:
    """Every entry under ``folder`` (the folder itself included): bytes, mtime_ns and mode."""
    found: dict[str, tuple[bytes | None, int, int]] = {}
    for root, dirs, files in os.walk(folder):
        for name in [*dirs, *files, "."]:
            path = Path(root) / name
            stat = path.stat()
            content = path.read_bytes() if path.is_file() else None
            found[str(path.relative_to(folder))] = (content, stat.st_mtime_ns, stat.st_mode)
    return found


def files_under(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file())


def leftovers(folder: Path) -> list[Path]:
    return sorted(folder.rglob(".*.tmp"))


def session_file(folder: Path, session_id: str) -> Path:
    return folder / "sessions" / f"{session_id}.json"


#: When the sessions written directly as files (not through the app) start.
FIXTURE_START = datetime(2025, 6, 1, 8, 0, tzinfo=UTC)


def _tinydb(tables: dict[str, list[dict[str, Any]]]) -> bytes:
    """TinyDB's file for ``tables`` (table name to its documents), as the app writes it."""
    data = {
        name: {str(i): doc for i, doc in enumerate(docs, start=1)} for name, docs in tables.items()
    }
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()
