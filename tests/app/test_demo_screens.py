"""The demo workbook fills every screen (acceptance 5 of issue 9): the app opened at 80x24 on
what ``write_demo`` wrote, and every screen reachable from Home visited by keys, each showing
the invented couple's own record: Home, the session left open (with its half-typed words), the
agreements and one in full with its history, each partner's own answers (through the hand-over
naming them), the summary for a therapist (written), settings, the list of sessions to delete
(nothing deleted), the progress chart, help and where to turn."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest
from textual.pilot import Pilot

from screens.agreement_detail import AgreementScreen
from screens.agreements import AgreementsScreen
from screens.delete_session import DeleteSessionScreen
from screens.exercise import ExerciseScreen
from screens.export import ExportScreen
from screens.handover import HandOverScreen
from screens.help import HelpScreen
from screens.home import HomeScreen
from screens.my_answers import MyAnswersScreen
from screens.resources import ResourcesScreen
from screens.settings import SettingsScreen
from tests.app.agreements_on_screen import press
from tests.app.own_words import LIBRARY
from tests.app.people_on_screen import every_word
from tests.app.pilot import choose, reopened, screen_text, screen_words
from tests.app.test_progress_screen import open_progress
from tests.app.test_take_back import tab_to
from workbook.clock import ManualClock
from workbook.demo import write_demo
from workbook.demo_story import Draft, OwnResource, story

pytestmark = pytest.mark.usefixtures("in_utc")
NOW = datetime(2026, 6, 15, 12, 0, tzinfo=UTC)
SAY = LIBRARY.say
NOOR, ELI = story().couple.a, story().couple.b
#: What the story leaves half typed, and the resource the couple added.
[DRAFT] = [d.draft for e in story().evenings for d in e.do if isinstance(d, Draft)]
[RESOURCE] = [d.resource for e in story().evenings for d in e.do if isinstance(d, OwnResource)]


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("demo") / "data"
    write_demo(folder, NOW, LIBRARY)
    return folder


@pytest.fixture
def demo(written: Path, data_folder: Path) -> Path:
    shutil.copytree(written, data_folder)
    return data_folder


async def from_own_words(pilot: Pilot[None], option_id: str) -> None:
    await tab_to(pilot, "own-words")
    await choose(pilot, option_id, "#own-words")


async def back_home(pilot: Pilot[None]) -> None:
    await press(pilot, "escape")
    assert isinstance(pilot.app.screen, HomeScreen), type(pilot.app.screen)


async def test_every_screen_from_home_shows_the_demo_couple(
    demo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(HomeScreen, "celebrates", True)  # it opens on Home, not on celebrations
    async with reopened(demo, ManualClock(NOW)) as (app, pilot):
        book = app.book
        titles = [a.title for a in book.agreements()]
        assert isinstance(app.screen, HomeScreen), type(app.screen)
        home = every_word(pilot)
        assert SAY("home.greeting", a=NOOR, b=ELI) in screen_words(pilot)
        for words in ("Active listening", *titles, "Our first Sunday walk"):
            assert words in home

        # The session left open: Noor's turn, Eli's words, Noor's words half typed.
        await tab_to(pilot, "sessions")
        await press(pilot, "home", "enter")
        assert isinstance(app.screen, ExerciseScreen)
        words = screen_words(pilot)
        assert f"{NOOR}'s turn" in words and "Since my brother moved away" in words
        assert app.screen.query_one("#answer").text == DRAFT  # type: ignore[attr-defined]
        await press(pilot, "ctrl+o")
        assert isinstance(app.screen, HomeScreen)

        # The agreement given new wording and reviewed, in full; then all of them.
        plans = next(a for a in book.agreements() if a.title.startswith("We tell each other"))
        await tab_to(pilot, "agreements")
        await choose(pilot, f"agreement:{plans.id}", "#agreements")
        assert isinstance(app.screen, AgreementScreen)
        words = every_word(pilot)
        assert plans.title in words and "Its history" in words and "First wording" in words
        await press(pilot, "escape")
        assert isinstance(app.screen, AgreementsScreen)
        listed = every_word(pilot)
        assert all(title in listed for title in titles)
        await back_home(pilot)

        # Each partner's own answers, through the hand-over naming them.
        mine = {"a": "Slowly, and steadily.", "b": "Since my brother moved away"}  # the newest
        for partner, name, other in (("a", NOOR, ELI), ("b", ELI, NOOR)):
            await from_own_words(pilot, f"my-answers:{partner}")
            assert isinstance(app.screen, HandOverScreen)
            handover = SAY("my_answers.handover", actor=name, other=other)
            assert handover in screen_words(pilot)
            await press(pilot, "enter")
            assert isinstance(app.screen, MyAnswersScreen)
            words = screen_words(pilot)
            assert SAY("my_answers.title", actor=name) in words and mine[partner] in words
            await back_home(pilot)

        # The summary for a therapist, written: the couple and their agreements in it.
        await from_own_words(pilot, "export")
        assert isinstance(app.screen, ExportScreen)
        assert SAY("export.title") in screen_words(pilot)
        await press(pilot, "ctrl+s")
        [summary] = (demo / "exports").iterdir()
        text = summary.read_text(encoding="utf-8")
        assert NOOR in text and ELI in text and all(title in text for title in titles)
        await back_home(pilot)

        await from_own_words(pilot, "settings")
        assert isinstance(app.screen, SettingsScreen)
        words = screen_words(pilot)
        assert f"{NOOR} · colour" in words and f"{ELI} · colour" in words
        await back_home(pilot)

        sessions = len(book.store.index())
        await from_own_words(pilot, "delete-session")
        assert isinstance(app.screen, DeleteSessionScreen)
        assert "Active listening · started" in screen_words(pilot)
        await back_home(pilot)
        assert len(book.store.index()) == sessions  # looked at, nothing deleted

        # Progress, from Home by keys: every check-in charted for both.
        await open_progress(pilot)
        rows = [line.split() for line in screen_text(pilot).splitlines()]
        charted = [row for row in rows if row[:1] in ([NOOR], [ELI]) and "latest" in row]
        assert {row[0] for row in charted} == {NOOR, ELI}
        assert all(len(row[1 : row.index("latest")]) == 13 for row in charted)  # every week
        await back_home(pilot)

        await press(pilot, "f1")
        assert isinstance(app.screen, HelpScreen)
        await back_home(pilot)
        await press(pilot, "ctrl+r")
        assert isinstance(app.screen, ResourcesScreen)
        assert RESOURCE in every_word(pilot)
        await back_home(pilot)
