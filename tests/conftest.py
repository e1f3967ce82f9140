"""Shared fixtures: every data path points into tmp_path; a manual clock; an in-memory book."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.local_zone import local_zone
from workbook.book import Workbook
from workbook.clock import ManualClock
from workbook.content import Library, load_library


@pytest.fixture(autouse=True)
def _isolated_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """No test may touch the real user data folder."""
    data = tmp_path / "data"
    monkeypatch.setenv("WORKBOOK_DATA", str(data))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    return data


@pytest.fixture(scope="session")
def library() -> Library:
    return load_library()


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock()


@pytest.fixture
def book(library: Library, clock: ManualClock) -> Workbook:
    """An in-memory workbook with Alex (a) and Sam (b) set up."""
    made = Workbook.in_memory(library, clock)
    made.set_partners("Alex", "Sam")
    return made


@pytest.fixture
def data_folder(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def in_utc() -> Iterator[None]:
    """Days as the couple reads them, in a fixed zone (use with ``usefixtures``)."""
    with local_zone("UTC"):
        yield
