"""Every screen of the app, and how to reach it: one line each in ``ROUTES``.

A route names the workbook it starts from (``Start``), the screen it reaches and an async
function that gets there on a Pilot, mostly by the keys a couple would press. The snapshot
tests (``test_every_screen.py``) and the size tests (``test_sizes.py``) walk the table, so a
new screen needs one line here and is then photographed and measured at every size; a test
fails if a screen in ``screens/`` has no route (``UNROUTED`` says why the few without one have
none).

Everything is fixed so a picture is the same from run to run: the clock (``NOW``, read in UTC),
the demo couple's story, and the names of the fresh couple (Alex and Sam).
"""

from __future__ import annotations

import contextlib
import fcntl
import importlib
import inspect
import pkgutil
import shutil
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

from textual.pilot import Pilot
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import OptionList

import screens
from screens.agreement_detail import AgreementScreen, ReopenScreen, RetireScreen
from screens.agreements import AgreementsScreen
from screens.app import WorkbookApp
from screens.celebrate import CelebrateScreen
from screens.change_answer import ChangeAnswerScreen, TakeBackDialog
from screens.confirm_by_name import ConfirmByName
from screens.consent import ConsentScreen
from screens.cover import CoverScreen
from screens.delete_session import DeleteSessionScreen
from screens.exercise import ExerciseScreen
from screens.export import ExportScreen
from screens.handover import HandOverScreen
from screens.help import HelpScreen
from screens.home import HomeScreen
from screens.moment import MomentScreen
from screens.my_answers import MyAnswersScreen
from screens.progress import ProgressScreen
from screens.resources import AddOwnResourceScreen, ResourcesScreen
from screens.reveal import RevealScreen
from screens.roles import RolesScreen
from screens.safety import SafetyCheckScreen
from screens.settings import SettingsScreen
from screens.setup import SetupScreen
from screens.share_ratings import ShareRatingsScreen
from screens.stop import StopScreen
from screens.summary import SummaryScreen
from screens.timeout import SUITS, TimeOutScreen
from screens.unlock import PassphraseScreen
from screens.waits import WaitsScreen
from screens.wording_check import WordingCheckScreen
from tests.app.pilot import make_app, paste, set_up_already, settle
from tests.local_zone import local_zone
from workbook.clock import ManualClock
from workbook.demo import write_demo

#: The one "now" of every route: a Monday noon, the demo's last evening the day before.
NOW = datetime(2026, 6, 15, 12, 0, tzinfo=UTC)

Start = Literal["demo", "fresh", "first_run"]
"""The workbook a route starts from: the demo couple's three months (Noor and Eli), a couple
just set up (Alex and Sam, nothing done yet), or an empty folder (the very first run)."""

Go = Callable[[Pilot[None]], Awaitable[None]]


@dataclass(frozen=True)
class Route:
    screen: type[Screen[Any]]
    """The screen on top once ``go`` is done."""
    go: Go
    """From the first screen the app opens on, to ``screen``."""
    start: Start = "demo"
    key: bool = False
    """One of the key screens, also photographed at 160x50 and in high contrast."""


def write_demo_at_now(folder: Path) -> Path:
    """The demo couple's workbook as of ``NOW`` (days read in UTC, as the tests read them)."""
    with local_zone("UTC"):
        write_demo(folder, NOW)
    return folder


#: Where each route's workbook is kept while it is photographed: settings and the export show
#: the folder, so its path must be the same on every run.
FIXED_FOLDERS = Path("/tmp/trust-workbook-screens")


@contextlib.contextmanager
def fixed_folder(name: str) -> Iterator[Path]:
    """The data folder for route ``name`` at one path, one test at a time (a lock: the same
    route at another size may run beside it), removed after."""
    FIXED_FOLDERS.mkdir(exist_ok=True)
    with open(FIXED_FOLDERS / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        folder = FIXED_FOLDERS / name
        shutil.rmtree(folder, ignore_errors=True)
        try:
            yield folder / "data"
        finally:
            shutil.rmtree(folder, ignore_errors=True)


def opened(route: Route, folder: Path, demo: Path) -> WorkbookApp:
    """The app (not yet running) on a workbook in ``folder`` as ``route`` starts from it;
    ``demo`` is a demo workbook written by ``write_demo_at_now``, copied for each route."""
    if route.start == "demo":
        shutil.copytree(demo, folder)
    elif route.start == "fresh":
        set_up_already(folder, ManualClock(NOW))
    return make_app(folder, ManualClock(NOW))


# -- small steps ---------------------------------------------------------------------------


async def keys(pilot: Pilot[None], *pressed: str) -> None:
    await pilot.press(*pressed)
    await settle(pilot)


async def pick(pilot: Pilot[None], selector: str, option_id: str | None = None) -> None:
    """Choose an option (by id; the first that can be chosen when None) in the list
    ``selector`` of the screen on top, with the focus and Enter as the keys would."""
    options = pilot.app.screen.query_one(selector, OptionList)
    options.focus()
    if option_id is None:
        options.highlighted = next(i for i, o in enumerate(options.options) if not o.disabled)
    else:
        options.highlighted = options.get_option_index(option_id)
    await keys(pilot, "enter")


async def press_button(pilot: Pilot[None], selector: str) -> None:
    """Focus a button of the screen on top and press Enter on it."""
    button: Widget = pilot.app.screen.query_one(selector)
    button.focus()
    await keys(pilot, "enter")


async def at_home(pilot: Pilot[None]) -> None:
    """Where the app opens (Home, or the first run's safety check): nothing to do."""


async def start(pilot: Pilot[None], exercise_id: str) -> None:
    """From Home: the exercise from the path, Alex (or Noor) in the first role."""
    await pick(pilot, "#exercises", f"exercise:{exercise_id}")
    await pick(pilot, "#role-options", "0")


async def write_in_private(pilot: Pilot[None], words: str) -> None:
    """Past a private hand-over, then the answer as one paste and ctrl+s."""
    await keys(pilot, "enter")
    await paste(pilot, words)
    await keys(pilot, "ctrl+s")


# -- the first run -------------------------------------------------------------------------


def on_page(kind: str) -> Go:
    """Through the first run's check, answering "No" throughout (Enter takes the first
    answer), to its first page of ``kind``."""

    async def go(pilot: Pilot[None]) -> None:
        screen = pilot.app.screen
        assert isinstance(screen, SafetyCheckScreen)
        for _ in range([page.kind for page in screen.pages].index(kind)):
            await keys(pilot, "enter")

    return go


async def to_setup(pilot: Pilot[None]) -> None:
    screen = pilot.app.screen
    assert isinstance(screen, SafetyCheckScreen)
    for _ in screen.pages:
        await keys(pilot, "enter")


# -- Home's lists --------------------------------------------------------------------------


async def to_open_session(pilot: Pilot[None]) -> None:
    """The demo's open session: Noor's turn, her words half typed."""
    await pick(pilot, "#sessions")


async def to_agreement(pilot: Pilot[None]) -> None:
    """The demo agreement with the longest history (new wording, reviews), in full."""
    book = pilot.app.book  # type: ignore[attr-defined]
    chosen = max(book.agreements(), key=lambda a: len(a.history))
    await pick(pilot, "#agreements", f"agreement:{chosen.id}")


async def to_agreements(pilot: Pilot[None]) -> None:
    await to_agreement(pilot)
    await keys(pilot, "escape")


async def to_reopen(pilot: Pilot[None]) -> None:
    await to_agreement(pilot)
    await press_button(pilot, "#reopen")


async def to_retire(pilot: Pilot[None]) -> None:
    await to_agreement(pilot)
    await press_button(pilot, "#retire")


async def to_roles(pilot: Pilot[None]) -> None:
    await pick(pilot, "#exercises", "exercise:active-listening")


async def to_waits(pilot: Pilot[None]) -> None:
    await pick(pilot, "#exercises", "exercise:why")


async def to_consent(pilot: Pilot[None]) -> None:
    await pick(pilot, "#exercises", "exercise:intimacy-menu")


async def to_progress(pilot: Pilot[None]) -> None:
    await pick(pilot, "#progress-lines", "progress")


async def to_moment(pilot: Pilot[None]) -> None:
    """Noor's moment for a therapist, past the hand-over naming her."""
    await pick(pilot, "#moments", "moment:a")
    await keys(pilot, "enter")


async def to_my_answers(pilot: Pilot[None]) -> None:
    """Noor's own answers, past the hand-over naming her."""
    await pick(pilot, "#own-words", "my-answers:a")
    await keys(pilot, "enter")


async def to_export(pilot: Pilot[None]) -> None:
    await pick(pilot, "#own-words", "export")


async def to_delete_session(pilot: Pilot[None]) -> None:
    await pick(pilot, "#own-words", "delete-session")


async def to_confirm_by_name(pilot: Pilot[None]) -> None:
    await to_delete_session(pilot)
    await pick(pilot, "#sessions-to-delete")


async def to_settings(pilot: Pilot[None]) -> None:
    await pick(pilot, "#own-words", "settings")


async def to_celebration(pilot: Pilot[None]) -> None:
    """The demo's milestones, celebrated again (Home celebrates only new ones, once)."""
    book = pilot.app.book  # type: ignore[attr-defined]
    pilot.app.push_screen(CelebrateScreen(book.milestones()[:2]))
    await settle(pilot)


# -- the app's own keys --------------------------------------------------------------------


async def to_help(pilot: Pilot[None]) -> None:
    await keys(pilot, "f1")


async def to_resources(pilot: Pilot[None]) -> None:
    await keys(pilot, "ctrl+r")


async def to_add_own_resource(pilot: Pilot[None]) -> None:
    await to_resources(pilot)
    await press_button(pilot, "#add-own")


async def to_stop(pilot: Pilot[None]) -> None:
    await keys(pilot, "ctrl+g")


async def to_time_out(pilot: Pilot[None]) -> None:
    await keys(pilot, "ctrl+t")


async def to_break(pilot: Pilot[None]) -> None:
    """Twenty minutes proposed, and the other partner content with it."""
    await to_time_out(pilot)
    await pick(pilot, "#return-choices", "20")
    await pick(pilot, "#return-choices", SUITS)


async def to_cover(pilot: Pilot[None]) -> None:
    await keys(pilot, "ctrl+l")


async def to_idle_lock(pilot: Pilot[None]) -> None:
    """The passphrase screen the idle lock puts over everything (as after the minutes set)."""
    pilot.app.lock_now()  # type: ignore[attr-defined]
    await settle(pilot)


# -- inside exercises ----------------------------------------------------------------------

ALEX_WROTE = "You made tea. You listened. You stayed."
SAM_WROTE = "You asked about my day. You laughed. You waited."


async def to_first_turn(pilot: Pilot[None]) -> None:
    await start(pilot, "active-listening")


async def to_private_hand_over(pilot: Pilot[None]) -> None:
    """Appreciations: Alex has written in private; Sam's hand-over."""
    await start(pilot, "appreciations")
    await write_in_private(pilot, ALEX_WROTE)


async def to_reveal(pilot: Pilot[None]) -> None:
    await to_private_hand_over(pilot)
    await write_in_private(pilot, SAM_WROTE)


async def to_change_answer(pilot: Pilot[None]) -> None:
    """Active listening: Alex has shared; on Sam's turn, Alex changes that answer."""
    await to_first_turn(pilot)
    await paste(pilot, "The evenings feel long since the move.")
    await keys(pilot, "ctrl+s")
    await press_button(pilot, "#change-last")


async def to_take_back(pilot: Pilot[None]) -> None:
    await to_change_answer(pilot)
    await press_button(pilot, "#take-back")


async def to_wording_check(pilot: Pilot[None]) -> None:
    """An apology that begins "I'm sorry if": the gentle check asks first."""
    await start(pilot, "apology")
    await paste(pilot, "I'm sorry if you were hurt by what I did.")
    await keys(pilot, "ctrl+s")


async def rate(pilot: Pilot[None], moves: tuple[int, int, int]) -> None:
    """Past the check-in's hand-over, each measure moved right ``moves`` times, ctrl+s."""
    await keys(pilot, "enter")
    for times in moves:
        await pilot.press(*["right"] * times, "down")
    await keys(pilot, "ctrl+s")


async def to_check_in(pilot: Pilot[None]) -> None:
    """A check-in's ratings, Alex's turn, past the hand-over."""
    await start(pilot, "check-in")
    await keys(pilot, "enter")


async def to_share_ratings(pilot: Pilot[None]) -> None:
    await start(pilot, "check-in")
    await rate(pilot, (7, 5, 0))


async def to_summary(pilot: Pilot[None]) -> None:
    """A whole check-in, everything given shared: its summary."""
    await to_share_ratings(pilot)
    await keys(pilot, "ctrl+s")
    await rate(pilot, (6, 8, 4))
    await keys(pilot, "ctrl+s")


ROUTES: dict[str, Route] = {
    "home": Route(HomeScreen, at_home, key=True),
    "home-fresh": Route(HomeScreen, at_home, "fresh"),
    "safety-check": Route(SafetyCheckScreen, at_home, "first_run"),
    "safety-check-hand-over": Route(SafetyCheckScreen, on_page("handover"), "first_run"),
    "safety-check-question": Route(SafetyCheckScreen, on_page("question"), "first_run"),
    "safety-check-resources": Route(SafetyCheckScreen, on_page("resources"), "first_run"),
    "safety-check-end": Route(SafetyCheckScreen, on_page("done"), "first_run"),
    "setup": Route(SetupScreen, to_setup, "first_run"),
    "exercise": Route(ExerciseScreen, to_open_session, key=True),
    "exercise-first-turn": Route(ExerciseScreen, to_first_turn, "fresh"),
    "check-in": Route(ExerciseScreen, to_check_in, "fresh"),
    "roles": Route(RolesScreen, to_roles, "fresh"),
    "waits": Route(WaitsScreen, to_waits, "fresh"),
    "consent": Route(ConsentScreen, to_consent, "fresh"),
    "hand-over": Route(HandOverScreen, to_private_hand_over, "fresh", key=True),
    "reveal": Route(RevealScreen, to_reveal, "fresh", key=True),
    "share-ratings": Route(ShareRatingsScreen, to_share_ratings, "fresh"),
    "summary": Route(SummaryScreen, to_summary, "fresh", key=True),
    "wording-check": Route(WordingCheckScreen, to_wording_check, "fresh"),
    "change-answer": Route(ChangeAnswerScreen, to_change_answer, "fresh"),
    "take-back": Route(TakeBackDialog, to_take_back, "fresh"),
    "agreements": Route(AgreementsScreen, to_agreements, key=True),
    "agreement": Route(AgreementScreen, to_agreement),
    "reopen": Route(ReopenScreen, to_reopen),
    "retire": Route(RetireScreen, to_retire),
    "progress": Route(ProgressScreen, to_progress, key=True),
    "moment": Route(MomentScreen, to_moment),
    "my-answers": Route(MyAnswersScreen, to_my_answers),
    "export": Route(ExportScreen, to_export),
    "delete-session": Route(DeleteSessionScreen, to_delete_session),
    "confirm-by-name": Route(ConfirmByName, to_confirm_by_name),
    "settings": Route(SettingsScreen, to_settings, key=True),
    "celebrate": Route(CelebrateScreen, to_celebration),
    "help": Route(HelpScreen, to_help, key=True),
    "resources": Route(ResourcesScreen, to_resources),
    "add-own-resource": Route(AddOwnResourceScreen, to_add_own_resource),
    "stop": Route(StopScreen, to_stop),
    "time-out": Route(TimeOutScreen, to_time_out, key=True),
    "break": Route(TimeOutScreen, to_break),
    "cover": Route(CoverScreen, to_cover),
    "idle-lock": Route(PassphraseScreen, to_idle_lock),
}

#: Screens in ``screens/`` with no route, and why.
UNROUTED: dict[str, str] = {
    "TypingScreen": "a base class: the exercise and the moment screens are routed",
    "ChangeDialog": "a base class: reopening and retiring are routed",
}


def every_screen_class() -> dict[str, type[Screen[Any]]]:
    """Every Screen subclass defined in a module of ``screens/``, by name."""
    found: dict[str, type[Screen[Any]]] = {}
    for module_info in pkgutil.iter_modules(screens.__path__):
        module = importlib.import_module(f"screens.{module_info.name}")
        for name, value in inspect.getmembers(module, inspect.isclass):
            if issubclass(value, Screen) and value.__module__ == module.__name__:
                found[name] = value
    return found
