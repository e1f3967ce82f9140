"""Snapshots of every screen (issue 11): each route of ``routes.py`` at 80x24, and the key
screens also at 160x50 and in the high-contrast theme (where, as in every theme, an exercise's
banner names whose turn it is in words). Adding a screen means adding its route; a test fails
if a screen in ``screens/`` has none.

The pictures are the same from run to run: the clock is fixed (``routes.NOW``, read in UTC),
the couples are the demo's and Alex and Sam, and each route's workbook is kept at one path
(``routes.fixed_folder``: settings and the export show where it is). Regenerate with
``pytest tests/app/test_every_screen.py --snapshot-update`` and look at what changed.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from _pytest.mark import ParameterSet
from textual.pilot import Pilot
from textual.widgets import Input, TextArea

from screens.exercise import ExerciseScreen
from tests.app.pilot import SIZE, screen_words, settle
from tests.app.routes import ROUTES, UNROUTED, every_screen_class, fixed_folder, opened

pytestmark = pytest.mark.usefixtures("in_utc")

#: The key screens are photographed at this size too.
LARGE = (160, 50)
HIGH_CONTRAST = "high-contrast"


def cases() -> Iterator[ParameterSet]:
    for name, route in ROUTES.items():
        yield pytest.param(name, SIZE, None, id=name)
        if route.key:
            yield pytest.param(name, LARGE, None, id=f"{name}-{LARGE[0]}x{LARGE[1]}")
            yield pytest.param(name, SIZE, HIGH_CONTRAST, id=f"{name}-{HIGH_CONTRAST}")


@pytest.mark.parametrize(("name", "size", "theme"), cases())
def test_every_screen(  # type: ignore[no-untyped-def]
    snap_compare, name: str, size: tuple[int, int], theme: str | None, demo_written: Path
) -> None:
    route = ROUTES[name]

    async def run_before(pilot: Pilot[None]) -> None:
        await settle(pilot)
        if theme is not None:
            pilot.app.use_theme(theme)  # type: ignore[attr-defined]
        await route.go(pilot)
        await settle(pilot)
        screen = pilot.app.screen
        assert isinstance(screen, route.screen), type(screen)
        if isinstance(screen, ExerciseScreen):  # in every theme, whose turn it is in words
            assert screen.view.banner in screen_words(pilot)
        for box in screen.query("TextArea, Input"):  # a blinking cursor differs run to run
            if isinstance(box, TextArea | Input):
                box.cursor_blink = False
        await settle(pilot)

    with fixed_folder(name) as folder:
        app = opened(route, folder, demo_written)
        try:
            assert snap_compare(app, terminal_size=size, run_before=run_before)
        finally:
            app.book.close()


def test_every_screen_has_a_route() -> None:
    """A screen added to ``screens/`` without a route (or a reason in ``UNROUTED``) fails."""
    screens = every_screen_class()
    routed = {route.screen.__name__ for route in ROUTES.values()}
    assert set(screens) - routed - set(UNROUTED) == set()
    assert set(UNROUTED) <= set(screens) - routed  # no reason left for a screen now routed
