"""Pilot tests of other screens run without milestone celebrations (``HomeScreen.celebrates``):
a celebration over Home would stop their journeys part way. The tests of celebrations turn it
back on (``tests/app/test_today_and_celebrations.py``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from screens.home import HomeScreen


@pytest.fixture(autouse=True)
def _no_celebrations(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(HomeScreen, "celebrates", False)


@pytest.fixture(scope="session")
def demo_written(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo couple's workbook as of ``routes.NOW``, written once for every route that
    starts from it (each copies it: ``routes.opened``)."""
    from tests.app.routes import write_demo_at_now  # every screen, only where routes are used

    return write_demo_at_now(tmp_path_factory.mktemp("demo") / "data")
