"""Pilot tests of other screens run without milestone celebrations (``HomeScreen.celebrates``):
a celebration over Home would stop their journeys part way. The tests of celebrations turn it
back on (``tests/app/test_today_and_celebrations.py``)."""

from __future__ import annotations

import pytest

from screens.home import HomeScreen


@pytest.fixture(autouse=True)
def _no_celebrations(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(HomeScreen, "celebrates", False)
