"""The Progress screen on a workbook with history: the chart names each partner and shows
their shared ratings (a gap for "not shared"), the milestones and the timeline; it scrolls by
keys, Back and Escape return. (Its snapshots at 80x24 and 160x50, acceptance 2, are the
"progress" route's in ``test_every_screen.py``.)"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from textual.pilot import Pilot

from screens.home import HomeScreen
from screens.progress import ProgressScreen
from screens.progress_chart import bar, draw
from tests.app.own_words import LIBRARY
from tests.app.pilot import choose, reopened, screen_text, screen_words, settle
from tests.unit.agreements_made import agreement
from tests.unit.test_check_ins import checked_in, rated
from workbook.book import Workbook
from workbook.clock import ManualClock
from workbook.models import Milestone
from workbook.progress import ChartData, Line, MeasureLines

pytestmark = pytest.mark.usefixtures("in_utc")

START = datetime(2026, 2, 2, 19, 0, tzinfo=UTC)
DAY = 86400.0
LARGE = (160, 50)
#: (Alex, Sam) each week: trust, emotional safety, closeness; "" is not shared.
WEEKS = [
    (("4", "3", "3"), ("3", "2", "4")),
    (("4", "", "4"), ("4", "3", "4")),
    (("5", "4", "4"), ("", "3", "5")),
    (("5", "5", "5"), ("5", "4", "5")),
    (
        (
            "6",
            "5",
            "",
        ),
        ("5", "5", "6"),
    ),
    (("6", "6", "6"), ("6", "", "6")),
    (("7", "6", "7"), ("6", "6", "7")),
    (("7", "7", "7"), ("7", "7", "8")),
]


def with_history(folder: Path) -> ManualClock:
    """Alex and Sam with eight weekly check-ins, an agreement made and reviewed, a time-out and
    two milestones (one by rule, one by hand); returns the clock, a day after the last."""
    clock = ManualClock(START)
    book = Workbook.open(folder, clock)
    try:
        book.set_partners("Alex", "Sam")
        book.safety_check_done()
        book.sitting.begin()
        book.store.save_agreement(agreement("We text when we will be late.", made_at=START))
        for week, (alex, sam) in enumerate(WEEKS):
            checked_in(book, rated(*alex), rated(*sam))
            if week == 2:
                book.sitting.call_time_out(clock.now() + timedelta(minutes=30))
            clock.advance(7 * DAY)
        milestones = [
            ("m-1", "Four check-ins together", date(2026, 2, 23), "rule"),
            ("m-2", "A whole evening out, just us", date(2026, 3, 14), "by_hand"),
        ]
        for ident, title, on, how in milestones:
            made = Milestone(id=ident, title=title, on=on, how=how, created_at=clock.now())
            book.store.save_milestone(made)
    finally:
        book.sitting.end("closed")
        book.close()
    return clock


async def open_progress(pilot: Pilot[None]) -> ProgressScreen:
    """From Home, by keys: Tab to the progress lines, Enter on the first."""
    await choose(pilot, "progress", "#progress-lines")
    screen = pilot.app.screen
    assert isinstance(screen, ProgressScreen)
    return screen


def chart_rows(text: str) -> dict[tuple[str, str], list[str]]:
    """The chart as painted: (measure label, name) -> the marks after the name."""
    rows: dict[tuple[str, str], list[str]] = {}
    measure = ""
    for line in text.splitlines():
        words = line.split()
        if line.strip() in ("Trust", "Emotional safety", "Closeness"):
            measure = line.strip()
        elif measure and words and words[0] in ("Alex", "Sam"):
            marks = words[1:]
            rows[(measure, words[0])] = marks[: marks.index("latest") + 2]  # not the scrollbar
    return rows


def expected(partner: int, measure: int) -> list[str]:
    """What the rows should show for ``WEEKS``: a bar and the number, "·" when not shared,
    then the latest shared rating."""
    values = [week[partner][measure] for week in WEEKS]
    marks = [bar(int(v), 10)[0] + v if v else "·" for v in values]
    return [*marks, "latest", next(v for v in reversed(values) if v)]


async def test_the_chart_shows_each_partners_shared_ratings_by_name(data_folder: Path) -> None:
    clock = with_history(data_folder)
    async with reopened(data_folder, clock) as (_, pilot):
        await open_progress(pilot)
        text = screen_text(pilot)
        rows = chart_rows(text)
        for m, measure in enumerate(("Trust", "Emotional safety", "Closeness")):
            for p, name in enumerate(("Alex", "Sam")):
                assert rows[(measure, name)] == expected(p, m), (measure, name)
        assert rows[("Trust", "Sam")] == (
            ["▂3", "▃4", "·", "▄5", "▄5", "▅6", "▅6", "▆7", "latest", "7"]  # week 3: a gap
        )
        assert "2026-02-02" in text and "2026-03-23" in text  # the first and the last dates
        await pilot.press("tab", "enter")  # to Back, by keys
        await settle(pilot)
        assert isinstance(pilot.app.screen, HomeScreen)


async def test_milestones_and_the_timeline_follow_and_escape_returns(data_folder: Path) -> None:
    clock = with_history(data_folder)
    async with reopened(data_folder, clock) as (app, pilot):
        await open_progress(pilot)
        assert app.focused is not None and app.focused.id == "progress"
        await pilot.press("end")  # the page scrolls by keys
        await settle(pilot)
        words = screen_words(pilot)
        for line in (
            "Milestones 2026-03-14 A whole evening out, just us 2026-02-23 Four check-ins",
            "2026-02-16 A time-out, to come back calmer",
            "2026-02-02 Agreement made: “We text when we will be late.”",
        ):
            assert line in words
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)


async def test_back_returns_and_no_check_ins_says_how_the_chart_starts(data_folder: Path) -> None:
    book = Workbook.open(data_folder)
    book.set_partners("Alex", "Sam")
    book.safety_check_done()
    book.close()
    async with reopened(data_folder) as (app, pilot):
        await open_progress(pilot)
        words = screen_words(pilot)
        say = app.book.library.say
        for key in ("progress.no_check_ins", "progress.no_milestones", "progress.no_timeline"):
            assert say(key) in words
        await pilot.click("#back")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)


def test_a_long_history_shows_its_latest_check_ins_and_says_so() -> None:
    """More check-ins than fit at 80 columns: a mark each for the latest that fit, dated to
    the last, and a sentence saying how many are shown."""
    count = 70
    dates = tuple(date(2025, 1, 6) + timedelta(days=7 * i) for i in range(count))
    values = tuple(None if i % 9 == 0 else i % 11 for i in range(count))
    lines = (Line("a", "Alex", values), Line("b", "Sam", values))
    data = ChartData(dates, (MeasureLines("trust", "Trust", lines),), top=10)
    say = LIBRARY.say
    text = draw(data, 74, say, {}).plain.splitlines()
    marks = text[1].split()[1]
    shown = len(marks)
    assert 40 <= shown < count and marks == "".join(
        "·" if v is None else bar(v, 10)[0] for v in values[-shown:]
    )
    assert text[3].split()[-1] == dates[-1].isoformat()
    assert text[4] == say("progress.showing", shown=str(shown), count=str(count))
    assert all(len(line) <= 74 for line in text[:4])


def test_taller_bars_keep_the_numbers_and_gaps_on_their_bottom_row() -> None:
    lines = (Line("a", "Alex", (10, None, 0)), Line("b", "Sam", (5, 5, 5)))
    data = ChartData(
        (date(2026, 1, 5), date(2026, 1, 12), date(2026, 1, 19)),
        (MeasureLines("trust", "Trust", lines),),
        top=10,
    )
    text = draw(data, 120, LIBRARY.say, {}, rows=3).plain.splitlines()
    alex = text[1:4]
    assert alex[0].split() == ["██"]  # a 10 fills all three rows
    assert alex[2].split() == ["Alex", "██10", "·", "▁▁0", "latest", "0"]
