"""Every screen usable from 80x24 to 200x60 (issue 11): nothing important cut off.

Each route (``routes.py``) is walked once at 80x24, then the terminal is resized to 160x50 and
200x60. At every size every button and list on the screen must be whole on screen, or come
whole into view when scrolled to (as the focus or the mouse wheel would scroll it), with its
label drawn; a dialog must fit the screen, and on a wide terminal neither a dialog nor a line
of words may sprawl past a readable column. On an exercise the banner saying whose turn it is
must show whole. A long answer (thousands of characters, many lines) scrolls inside its box,
by keys and by the mouse wheel, with the buttons under it still there.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.containers import ScrollableContainer
from textual.geometry import Region
from textual.pilot import Pilot
from textual.widget import Widget
from textual.widgets import Button, Footer, Header, OptionList, Static, TextArea

from screens.exercise import ExerciseScreen
from screens.reveal import RevealScreen
from screens.roles import RolesScreen
from tests.app.pilot import choose, paste, running, screen_text, screen_words, settle
from tests.app.routes import ROUTES, opened, start
from tests.app.test_mouse import wheel

pytestmark = pytest.mark.usefixtures("in_utc")

#: The smallest terminal, a large laptop's and a large screen's.
SIZES = [(80, 24), (160, 50), (200, 60)]
#: The widest a dialog or a block of words may be on a wide terminal (cells).
COLUMN = 100


def shown(widget: Widget) -> bool:
    """Whether the widget is meant to be seen: neither it nor any container is hidden."""
    return all(
        node.display and node.visible
        for node in widget.ancestors_with_self
        if isinstance(node, Widget)
    )


def in_chrome(widget: Widget) -> bool:
    """Part of the header, the footer or a notification, which Textual lays out itself."""
    return any(
        isinstance(node, Header | Footer) or "Toast" in type(node).__name__
        for node in widget.ancestors_with_self
    )


def is_page(widget: Widget) -> bool:
    """A scrolling page or area, which shows part of itself by design."""
    return isinstance(widget, ScrollableContainer)


async def cut_off(pilot: Pilot[None]) -> list[str]:
    """What is cut off on the screen on top, in words (nothing when all is well). Anything
    that takes the focus (a button, a list, a box, a choice; not a scrolling page itself) and
    is not whole on screen is scrolled to first, as the focus or the wheel would."""
    screen, problems = pilot.app.screen, []
    lines = screen_text(pilot).splitlines()
    controls = [w for w in screen.query(Widget) if w.can_focus and not is_page(w)]
    for widget in controls:
        if not shown(widget) or in_chrome(widget):
            continue
        where = screen.find_widget(widget)
        if not where.clip.contains_region(where.region):
            screen.scroll_to_widget(widget, animate=False)
            await settle(pilot)
            lines = screen_text(pilot).splitlines()
            where = screen.find_widget(widget)
        name = f"{type(widget).__name__}#{widget.id}"
        if where.region.area == 0 or not where.clip.contains_region(where.region):
            problems.append(f"{name} is not whole on screen even scrolled to ({where.region})")
        elif isinstance(widget, Button) and not drawn(str(widget.label), lines, where.region):
            problems.append(f"{name}: its label {widget.label!r} is not drawn whole")
    return problems


def drawn(label: str, lines: list[str], region: Region) -> bool:
    """Whether ``label`` is drawn whole on one of the screen's ``lines`` within ``region``."""
    return any(label in lines[y][region.x : region.right] for y in range(region.y, region.bottom))


def sprawling(pilot: Pilot[None]) -> list[str]:
    """A dialog or a block of words wider than a readable column, or a dialog off screen."""
    screen, problems = pilot.app.screen, []
    for dialog in screen.query("#dialog"):
        if not screen.region.contains_region(dialog.region):
            problems.append(f"the dialog {dialog.region} overflows the screen {screen.region}")
        if dialog.region.width > COLUMN:
            problems.append(f"the dialog is {dialog.region.width} cells wide")
    for words in [*screen.query(Static), *screen.query(OptionList), *screen.query(TextArea)]:
        if shown(words) and not in_chrome(words) and words.region.width > COLUMN:
            problems.append(f"{type(words).__name__}#{words.id} is {words.region.width} cells wide")
    return problems


@pytest.mark.parametrize("name", list(ROUTES))
async def test_nothing_important_is_cut_off_at_any_size(
    name: str, demo_written: Path, tmp_path: Path
) -> None:
    route = ROUTES[name]
    app = opened(route, tmp_path / "data", demo_written)
    try:
        async with app.run_test(size=SIZES[0]) as pilot:
            await settle(pilot)
            await route.go(pilot)
            assert isinstance(app.screen, route.screen), type(app.screen)
            for size in SIZES:
                await pilot.resize_terminal(*size)
                await settle(pilot)
                problems = await cut_off(pilot)
                if size != SIZES[0]:
                    problems += sprawling(pilot)
                if isinstance(app.screen, ExerciseScreen):
                    banner = str(app.screen.view.banner)
                    if banner not in screen_words(pilot):
                        problems.append(f"the banner {banner!r} is not shown whole")
                assert not problems, f"{name} at {size[0]}x{size[1]}: {problems}"
    finally:
        app.book.close()


def long_answer(name: str) -> str:
    """Some 3,600 characters on 60 lines, each line naming its writer and its number."""
    return "\n".join(
        f"{name}, line {n}: something I noticed and wanted to say." for n in range(1, 61)
    )


async def last_line_shown(pilot: Pilot[None], name: str, scroller: Widget) -> None:
    """The long answer's last line shows once ``scroller`` is scrolled to its end by keys,
    and scrolling back up with the wheel moves it again; no button is cut off meanwhile."""
    scroller.focus()
    await pilot.press("ctrl+end" if isinstance(scroller, TextArea) else "end")
    await settle(pilot)
    assert f"{name}, line 60:" in screen_text(pilot)
    at_end = scroller.scroll_y
    await wheel(pilot, scroller, down=False, turns=3)
    assert scroller.scroll_y < at_end
    assert await cut_off(pilot) == []


@pytest.mark.parametrize("size", [SIZES[0], SIZES[-1]])
async def test_long_answers_scroll_and_the_buttons_stay(
    size: tuple[int, int], demo_written: Path, tmp_path: Path
) -> None:
    """Appreciations with two answers of 60 lines each: in the box as typed, side by side at
    the reveal, and shown above the next question, each scrolls to its last line."""
    app = opened(ROUTES["home-fresh"], tmp_path / "data", demo_written)
    try:
        async with app.run_test(size=size) as pilot:
            await settle(pilot)
            await start(pilot, "appreciations")
            for name in ("Alex", "Sam"):
                await pilot.press("enter")  # past the hand-over
                await paste(pilot, long_answer(name))
                await last_line_shown(pilot, name, app.screen.query_one("#answer"))
                await pilot.press("ctrl+s")
                await settle(pilot)
            assert isinstance(app.screen, RevealScreen)
            await last_line_shown(pilot, "Sam", app.screen.query_one("#revealed"))
            await pilot.press("enter")
            await settle(pilot)
            assert isinstance(app.screen, ExerciseScreen)  # how it felt, under Sam's words
            await last_line_shown(pilot, "Sam", app.screen.query_one("#ask"))
    finally:
        app.book.close()


async def test_a_long_roles_dialog_opens_at_its_top_at_80x24(data_folder: Path) -> None:
    """The choices are focused, yet the dialog opens showing the exercise's title and first
    words (the rest scrolls), not scrolled down to the list."""
    async with running(data_folder) as (app, pilot):
        await choose(pilot, "exercise:appreciations", "#exercises")
        await settle(pilot)
        assert isinstance(app.screen, RolesScreen)
        top = screen_words(pilot)
        assert "Appreciations and milestones When things have been hard" in top, top
        assert app.screen.query_one("#role-options").has_focus
