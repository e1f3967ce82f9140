"""Quiet words (an agreement's facts in the list, a passed answer in the summary, the progress
page's dates, the labels of earlier answers, a helpline's source) are drawn in the theme's own
muted colour, never Rich's "dim" (which blends toward the ground and lost contrast in high
contrast), and read on what they are drawn on: 4.5:1 in calm and light, 7:1 in high contrast,
on a list's highlight too, after the theme changes on the screen itself (as the command
palette can change it). The colours are read from the cells as drawn."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from rich.style import Style
from textual.color import Color
from textual.pilot import Pilot
from textual.widgets import OptionList

from screens.agreements import AgreementsScreen
from screens.exercise import ExerciseScreen
from screens.progress import ProgressScreen
from screens.progress_chart import draw
from screens.resources import ResourcesScreen
from screens.summary import SummaryScreen
from screens.themes import THEMES
from tests.app.agreements_on_screen import LATE, seeded
from tests.app.own_words import LIBRARY
from tests.app.pilot import answer, choose, reopened, running, settle
from tests.app.test_command_palette import open_palette
from tests.app.test_pass import EVERY_KIND
from tests.app.test_progress_screen import with_history
from tests.app.test_themes import LEAST, contrast
from tests.unit.agreements_made import agreement
from workbook.clock import ManualClock
from workbook.models import THEME_NAMES, ThemeName
from workbook.progress import ChartData, Line, MeasureLines

pytestmark = pytest.mark.usefixtures("in_utc")

PLANS = agreement(
    "We tell each other when plans change.",
    ident="ag-plans",
    category="communication",
    review_on=date(2026, 4, 1),
)


def drawn(pilot: Pilot[None], words: str) -> list[Style]:
    """The style of every letter of ``words`` wherever the screen shows them."""
    styles: list[Style] = []
    for strip in pilot.app.screen._compositor.render_strips():
        cells = [(letter, segment.style) for segment in strip for letter in segment.text]
        line = "".join(letter for letter, _ in cells)
        start = line.find(words)
        while start >= 0:
            styles += [s or Style() for c, s in cells[start : start + len(words)] if c != " "]
            start = line.find(words, start + 1)
    assert styles, f"{words!r} is not on screen"
    return styles


def muted(theme: ThemeName) -> Color:
    return Color.parse(THEMES[theme].variables["text-muted"])


def assert_reads(pilot: Pilot[None], words: str, theme: ThemeName) -> set[Color]:
    """``words`` are drawn in full colour (not "dim") at the theme's least contrast with their
    ground; returns the colours they are drawn in."""
    colours = set()
    for style in drawn(pilot, words):
        assert not style.dim, words
        assert style.color is not None and style.bgcolor is not None, words
        ink, ground = Color.from_rich_color(style.color), Color.from_rich_color(style.bgcolor)
        ratio = contrast(ink, ground)
        assert ratio >= LEAST[theme], (words, theme, ink.hex, ground.hex, round(ratio, 2))
        colours.add(ink)
    return colours


def assert_quiet(pilot: Pilot[None], words: str, theme: ThemeName) -> None:
    """``words`` read, in the theme's muted colour."""
    assert assert_reads(pilot, words, theme) == {muted(theme)}, (words, theme)


def assert_not_quiet(pilot: Pilot[None], words: str, theme: ThemeName) -> None:
    """``words`` read, not in the theme's muted colour (where it differs from the text's: in
    high contrast quiet text is as bright as the rest)."""
    colours = assert_reads(pilot, words, theme)
    if muted(theme) != Color.parse(THEMES[theme].foreground or ""):
        assert muted(theme) not in colours, (words, theme)


async def each_theme(pilot: Pilot[None]) -> AsyncIterator[ThemeName]:
    """Each theme in turn, put on over the screen as it is (calm, the default, last: a change
    back to it is a change too)."""
    for theme in reversed(THEME_NAMES):
        pilot.app.use_theme(theme)  # type: ignore[attr-defined]
        await settle(pilot)
        yield theme


async def test_an_agreements_facts_read_in_every_theme_on_the_highlight_too(
    data_folder: Path,
) -> None:
    clock = ManualClock(LATE.created_at)
    seeded(data_folder, clock, LATE, PLANS)
    async with reopened(data_folder, clock) as (app, pilot):
        app.push_screen(AgreementsScreen())
        await settle(pilot)
        options = app.screen.query_one("#agreement-options", OptionList)
        facts = {"ag-late": "review on 2026-03-01", "ag-plans": "review on 2026-04-01"}
        async for theme in each_theme(pilot):
            await pilot.press("home")  # the first agreement, the list focused
            await settle(pilot)
            for _ in facts:
                assert options.highlighted is not None
                lit = str(options.get_option_at_index(options.highlighted).id)
                [other] = set(facts) - {lit}
                assert_quiet(pilot, facts[other], theme)
                # the highlighted one's in the highlight's own colours, not muted on it
                assert muted(theme) not in assert_reads(pilot, facts[lit], theme)
                await pilot.press("ctrl+f")  # the search: the highlight is blurred
                await settle(pilot)
                assert_reads(pilot, facts[lit], theme)
                assert_quiet(pilot, facts[other], theme)
                await pilot.press("enter", "down")  # back to the list, the next agreement
                await settle(pilot)


async def test_a_passed_answer_in_the_summary_reads_quietly_in_every_theme(
    data_folder: Path,
) -> None:
    own = data_folder / "exercises"
    own.mkdir(parents=True)
    (own / "every_kind.toml").write_text(EVERY_KIND, encoding="utf-8")
    async with running(data_folder, "every-kind") as (app, pilot):
        await pilot.press("ctrl+n")  # Alex passes the first step, and is asked the way
        await settle(pilot)
        await choose(pilot, "left")  # which ends it
        assert isinstance(app.screen, SummaryScreen)
        async for theme in each_theme(pilot):
            assert_quiet(pilot, "Alex: passed on", theme)
            assert_not_quiet(pilot, "Alex: chose", theme)


async def test_the_progress_pages_dates_read_quietly_in_every_theme(data_folder: Path) -> None:
    clock = with_history(data_folder)
    async with reopened(data_folder, clock) as (app, pilot):
        app.push_screen(ProgressScreen())
        await settle(pilot)
        async for theme in each_theme(pilot):
            await pilot.press("home")
            await settle(pilot)
            assert_quiet(pilot, "2026-03-23", theme)  # the chart's last date
            assert_not_quiet(pilot, "Trust", theme)  # the page itself is not quiet
            await pilot.press("end")
            await settle(pilot)
            assert_quiet(pilot, "2026-03-14", theme)  # a milestone's date
            assert_quiet(pilot, "2026-02-16", theme)  # in the timeline
            assert_not_quiet(pilot, "A whole evening out", theme)


def test_the_charts_dates_and_how_many_it_shows_are_drawn_in_the_quiet_style() -> None:
    """More check-ins than fit: the dates and the sentence saying how many are shown (the
    chart's last two lines) are in the style the widget gives for its theme, nothing else."""
    dates = tuple(date(2025, 1, 6) + timedelta(weeks=week) for week in range(60))
    trust = MeasureLines("trust", "Trust", (Line("a", "Alex", (5,) * len(dates)),))
    chart = draw(ChartData(dates, (trust,), top=10), 74, LIBRARY.say, {}, quiet="#123456")
    *_, axis, showing = chart.split("\n")
    assert showing.plain.startswith("Showing")
    for line in (axis, showing):
        assert [(s.start, s.end, s.style) for s in line.spans] == [(0, len(line), "#123456")]


async def test_the_label_of_an_earlier_answer_reads_quietly_in_every_theme(
    data_folder: Path,
) -> None:
    async with running(data_folder, "active-listening") as (app, pilot):
        await answer(pilot, "I feel alone")
        assert isinstance(app.screen, ExerciseScreen)
        [shown] = app.screen.view.shown
        async for theme in each_theme(pilot):
            assert_quiet(pilot, f"{shown.label}:", theme)


async def test_a_helplines_source_reads_quietly_in_every_theme(data_folder: Path) -> None:
    async with running(data_folder) as (app, pilot):
        app.push_screen(ResourcesScreen())
        await settle(pilot)
        await pilot.press("end")
        await settle(pilot)
        async for theme in each_theme(pilot):
            assert_quiet(pilot, "(checked ", theme)


@pytest.mark.parametrize("theme", THEME_NAMES)
async def test_the_palettes_help_lines_read_on_every_row(
    data_folder: Path, theme: ThemeName
) -> None:
    """Textual draws a command's help line dim; here it keeps its row's colour, on the
    highlighted row too."""
    async with running(data_folder) as (app, pilot):
        app.use_theme(theme)
        shown = await open_palette(pilot, "listen")
        assert_reads(pilot, shown["Active listening"][:30], theme)
