"""Signals to seek help on Home: a workbook whose sittings show a pattern opens on one kind
notice near the top; its button leads to the professional-help exercise; "Not now" sets it
aside for this sitting, storing nothing; a healthy workbook shows no notice."""

from __future__ import annotations

from pathlib import Path

from screens.home import HomeScreen
from screens.roles import RolesScreen
from tests.app.pilot import folder_bytes, reopened, screen_words, settle
from tests.unit.test_signals import BREAK, CALM, RULES, STOP, sittings
from workbook.book import Workbook
from workbook.clock import ManualClock
from workbook.content import load_library
from workbook.signals import PROFESSIONAL_HELP

LIBRARY = load_library()
BREAKS = LIBRARY.say("signals.breaks")
STOPS = LIBRARY.say("signals.stops")
CLOSING = LIBRARY.say("signals.closing")


def workbook_with(folder: Path, clock: ManualClock, *kinds: str) -> None:
    """A workbook set up as Alex and Sam (safety check done) with these finished sittings."""
    book = Workbook.open(folder, clock=clock)
    book.set_partners("Alex", "Sam")
    book.safety_check_done()
    sittings(book, clock, *kinds)
    book.close()


def notice_shown(pilot) -> bool:  # type: ignore[no-untyped-def]
    return CLOSING in screen_words(pilot)


async def test_breaks_in_most_sittings_show_one_kind_notice_near_the_top(
    data_folder: Path,
) -> None:
    clock = ManualClock()
    workbook_with(data_folder, clock, *[BREAK] * RULES.time_out_sittings)
    async with reopened(data_folder, clock) as (app, pilot):
        words = screen_words(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert f"{BREAKS} {CLOSING}" in words
        assert STOPS not in words
        greeting = LIBRARY.say("home.greeting", a="Alex", b="Sam")
        sessions = LIBRARY.say("home.open_sessions")
        assert words.index(greeting) < words.index(BREAKS) < words.index(sessions)
        assert "Finding professional help" in words and "Not now" in words


async def test_both_signals_read_as_one_notice(data_folder: Path) -> None:
    clock = ManualClock()
    rough = max(RULES.time_out_sittings, RULES.stops_running)
    workbook_with(data_folder, clock, *["break+stop"] * rough)
    async with reopened(data_folder, clock) as (app, pilot):
        words = screen_words(pilot)
        assert f"{BREAKS} {STOPS} {CLOSING}" in words
        assert words.count(CLOSING) == 1
        assert len(app.screen.query("#help-signal-open")) == 1


async def test_the_notice_leads_to_the_professional_help_exercise(data_folder: Path) -> None:
    clock = ManualClock()
    workbook_with(data_folder, clock, *[STOP] * RULES.stops_running)
    async with reopened(data_folder, clock) as (app, pilot):
        assert STOPS in screen_words(pilot)
        await pilot.click("#help-signal-open")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, RolesScreen)
        assert screen.exercise.id == PROFESSIONAL_HELP
        assert LIBRARY.say("roles.ask") in screen_words(pilot)


async def test_not_now_sets_the_notice_aside_for_this_sitting_only(data_folder: Path) -> None:
    clock = ManualClock()
    workbook_with(data_folder, clock, *[BREAK] * RULES.time_out_sittings)
    async with reopened(data_folder, clock) as (app, pilot):
        assert notice_shown(pilot)
        before = folder_bytes(data_folder)
        await pilot.click("#help-signal-later")
        await settle(pilot)
        assert not notice_shown(pilot)
        assert folder_bytes(data_folder) == before  # nothing stored
        await pilot.press("f1")  # another screen over Home, and back: still set aside
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert not notice_shown(pilot)
    async with reopened(data_folder, clock) as (app, pilot):  # the next sitting
        assert notice_shown(pilot)


async def test_a_healthy_workbook_shows_no_notice(data_folder: Path) -> None:
    clock = ManualClock()
    healthy = [BREAK if n % 4 == 3 else STOP if n % 7 == 6 else CALM for n in range(30)]
    workbook_with(data_folder, clock, *healthy)
    async with reopened(data_folder, clock) as (app, pilot):
        words = screen_words(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert LIBRARY.say("home.open_sessions") in words
        assert CLOSING not in words and BREAKS not in words and STOPS not in words
        assert not app.screen.query_one("#help-signal").display
