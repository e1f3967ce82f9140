"""The three themes (``screens/themes.py``): only they are offered, the saved one is on before
the first paint, a change is saved and shows at once, every text colour the stylesheets use
and every partner's shade reads on each theme's grounds, and in high contrast the exercise's
banner names whose turn it is in words (with a snapshot at 80x24)."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.color import Color
from textual.pilot import Pilot
from textual.widgets import Static, TextArea

from screens.progress import ProgressScreen
from screens.progress_chart import ProgressChart
from screens.themes import THEMES
from tests.app.pilot import (
    SIZE,
    make_app,
    reopened,
    running,
    screen_words,
    set_up_already,
    settle,
    start_exercise,
    type_text,
)
from workbook.book import Workbook
from workbook.book_settings import PAINTS
from workbook.clock import ManualClock
from workbook.models import THEME_NAMES

#: The theme's colours the stylesheets put text in (``$text``, ``$accent``...).
TEXT_COLOURS = ("text", "text-muted", "text-disabled", "accent", "warning", "success", "error")
#: What the screens are painted on: the screen, dialogs, and the app's own background.
GROUNDS = ("background", "surface", "panel")
#: WCAG's ratio for ordinary text (AA), and for high contrast the enhanced one (AAA).
LEAST = {"calm": 4.5, "light": 4.5, "high-contrast": 7.0}


def contrast(first: Color, second: Color) -> float:
    """The WCAG contrast ratio of two colours."""

    def luminance(colour: Color) -> float:
        def linear(part: int) -> float:
            v = part / 255
            return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

        return 0.2126 * linear(colour.r) + 0.7152 * linear(colour.g) + 0.0722 * linear(colour.b)

    light, dark = sorted((luminance(first), luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def painted(value: str, ground: Color) -> Color:
    """A theme variable's colour as it shows on ``ground`` ("auto 87%" is Textual's text
    colour for that ground; a colour with alpha is blended onto it)."""
    if value.startswith("auto"):
        return ground + ground.get_contrast_text(float(value.split()[1].rstrip("%")) / 100)
    return ground + Color.parse(value)


def test_the_themes_are_the_workbooks_own_three() -> None:
    assert tuple(THEMES) == THEME_NAMES
    assert all(theme.name == name for name, theme in THEMES.items())


@pytest.mark.parametrize("name", THEME_NAMES)
def test_every_text_colour_and_partners_shade_reads_on_the_theme(name: str) -> None:
    theme = THEMES[name]
    variables = {**theme.to_color_system().generate(), **theme.variables}
    for ground_name in GROUNDS:
        ground = Color.parse(variables[ground_name])
        shades = {f"partner {c}": hex for c, hex in PAINTS[name].items()}
        for what, value in {**{v: variables[v] for v in TEXT_COLOURS}, **shades}.items():
            ratio = contrast(painted(value, ground), ground)
            assert ratio >= LEAST[name], (what, ground_name, round(ratio, 2))


async def test_the_saved_theme_is_on_before_the_first_paint_and_only_ours_are_offered(
    data_folder: Path,
) -> None:
    set_up_already(data_folder)
    book = Workbook.open(data_folder)
    book.set_theme("light")
    book.close()
    app = make_app(data_folder)
    try:
        assert app.theme == "light"  # set as the app is made, before it runs
        assert set(app.available_themes) == set(THEME_NAMES)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            assert app.screen.styles.background == Color.parse(THEMES["light"].surface or "")
    finally:
        app.book.close()


@pytest.mark.parametrize("name", THEME_NAMES)
async def test_each_theme_applies_at_once_and_is_saved(data_folder: Path, name: str) -> None:
    async with running(data_folder) as (app, pilot):
        app.use_theme(name)
        await settle(pilot)
        assert app.theme == name
        assert app.book.theme() == name
        assert app.screen.styles.background == Color.parse(THEMES[name].surface or "")
    async with reopened(data_folder) as (app, _):
        assert app.theme == name


async def test_a_theme_there_is_not_is_refused_and_the_look_stays(data_folder: Path) -> None:
    async with running(data_folder) as (app, _):
        with pytest.raises(ValueError):
            app.use_theme("textual-dark")  # type: ignore[arg-type]
        assert (app.theme, app.book.theme()) == ("calm", "calm")


# -- high contrast on the exercise screen ------------------------------------------------------


async def test_in_high_contrast_the_banner_names_whose_turn_it_is(data_folder: Path) -> None:
    async with running(data_folder, "active-listening") as (app, pilot):
        app.use_theme("high-contrast")
        await settle(pilot)
        banner = app.screen.query_one("#banner", Static)
        assert str(banner.content).startswith("Alex's turn.")  # in words, not colour alone
        assert "Sam, meanwhile" in str(app.screen.query_one("#meanwhile", Static).content)
        assert "Alex's turn." in screen_words(pilot)
        shade = PAINTS["high-contrast"]["cyan"]
        assert banner.content.style == f"bold {shade}"  # type: ignore[union-attr]


async def test_a_theme_chosen_mid_turn_repaints_the_banner_and_keeps_the_typing(
    data_folder: Path,
) -> None:
    """The command palette can change the theme on the exercise screen."""
    async with running(data_folder, "active-listening") as (app, pilot):
        await type_text(pilot, "I feel")
        app.use_theme("light")
        await settle(pilot)
        banner = app.screen.query_one("#banner", Static)
        assert banner.content.style == f"bold {PAINTS['light']['cyan']}"  # type: ignore[union-attr]
        assert app.screen.query_one(TextArea).text == "I feel"


async def test_a_theme_chosen_on_the_progress_screen_repaints_the_chart(data_folder: Path) -> None:
    async with running(data_folder) as (app, pilot):
        app.push_screen(ProgressScreen())
        await settle(pilot)
        app.use_theme("light")
        await settle(pilot)
        chart = app.screen.query_one(ProgressChart)
        assert chart.paints == {"a": PAINTS["light"]["cyan"], "b": PAINTS["light"]["magenta"]}


def test_high_contrast_exercise(snap_compare, data_folder: Path) -> None:  # type: ignore[no-untyped-def]
    """The exercise screen at 80x24 in high contrast: the banner, the prompt and the keys."""
    set_up_already(data_folder, ManualClock())
    book = Workbook.open(data_folder)
    book.set_theme("high-contrast")
    book.close()

    async def first_turn(pilot: Pilot[None]) -> None:
        await start_exercise(pilot, "active-listening")

    app = make_app(data_folder, ManualClock())
    try:
        assert snap_compare(app, terminal_size=SIZE, run_before=first_turn)
    finally:
        app.book.close()
