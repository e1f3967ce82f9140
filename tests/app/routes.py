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


# -- steps, and routes made of them -----------------------------------------------------


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


def pressing(*pressed: str) -> Go:
    """A route of keys (the app's own: help, a break...)."""
    return lambda pilot: keys(pilot, *pressed)


def picking(selector: str, option_id: str | None = None, *then: str) -> Go:
    """A route that chooses an option of a list, then presses ``then`` (say, Enter past the
    hand-over that follows)."""

    async def go(pilot: Pilot[None]) -> None:
        await pick(pilot, selector, option_id)
        if then:
            await keys(pilot, *then)

    return go


def button(selector: str) -> Go:
    return lambda pilot: press_button(pilot, selector)


def in_turn(*steps: Go) -> Go:
    """A route of routes, one after the other."""

    async def go(pilot: Pilot[None]) -> None:
        for step in steps:
            await step(pilot)

    return go


async def at_home(pilot: Pilot[None]) -> None:
    """Where the app opens (Home, or the first run's safety check): nothing to do."""


async def start(pilot: Pilot[None], exercise_id: str) -> None:
    """From Home: the exercise from the path, Alex (or Noor) in the first role."""
    await pick(pilot, "#exercises", f"exercise:{exercise_id}")
    await pick(pilot, "#role-options", "0")


def starting(exercise_id: str, *words: str) -> Go:
    """A route into an exercise, each of ``words`` pasted at its turn and handed over."""

    async def go(pilot: Pilot[None]) -> None:
        await start(pilot, exercise_id)
        for said in words:
            await paste(pilot, said)
            await keys(pilot, "ctrl+s")

    return go


def in_private(*words: str) -> Go:
    """Each of ``words`` written in private: past its hand-over, pasted, handed over."""

    async def go(pilot: Pilot[None]) -> None:
        for said in words:
            await keys(pilot, "enter")
            await paste(pilot, said)
            await keys(pilot, "ctrl+s")

    return go


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


# -- what takes more than a list or a key ---------------------------------------------------


async def to_agreement(pilot: Pilot[None]) -> None:
    """The demo agreement with the longest history (new wording, reviews), in full."""
    book = pilot.app.book  # type: ignore[attr-defined]
    chosen = max(book.agreements(), key=lambda a: len(a.history))
    await pick(pilot, "#agreements", f"agreement:{chosen.id}")


async def to_celebration(pilot: Pilot[None]) -> None:
    """The demo's milestones, celebrated again (Home celebrates only new ones, once)."""
    book = pilot.app.book  # type: ignore[attr-defined]
    pilot.app.push_screen(CelebrateScreen(book.milestones()[:2]))
    await settle(pilot)


async def to_idle_lock(pilot: Pilot[None]) -> None:
    """The passphrase screen the idle lock puts over everything (as after the minutes set)."""
    pilot.app.lock_now()  # type: ignore[attr-defined]
    await settle(pilot)


def rating(moves: tuple[int, int, int]) -> Go:
    """Past the check-in's hand-over, each measure moved right ``moves`` times, ctrl+s."""

    async def go(pilot: Pilot[None]) -> None:
        await keys(pilot, "enter")
        for times in moves:
            await pilot.press(*["right"] * times, "down")
        await keys(pilot, "ctrl+s")

    return go


#: What Alex and Sam write in private in Appreciations, on the way to its reveal.
ALEX_WROTE = "You made tea. You listened. You stayed."
SAM_WROTE = "You asked about my day. You laughed. You waited."
#: Alex has shared in Active listening; on Sam's turn, Alex changes that answer.
CHANGE_ANSWER = in_turn(
    starting("active-listening", "The evenings feel long since the move."), button("#change-last")
)
#: Appreciations: Alex has written in private; Sam's hand-over.
PRIVATE_HAND_OVER = in_turn(starting("appreciations"), in_private(ALEX_WROTE))
#: A check-in, Alex's ratings given: what to share of them.
SHARE_RATINGS = in_turn(starting("check-in"), rating((7, 5, 0)))
TIME_OUT = pressing("ctrl+t")

ROUTES: dict[str, Route] = {
    "home": Route(HomeScreen, at_home, key=True),
    "home-fresh": Route(HomeScreen, at_home, "fresh"),
    "safety-check": Route(SafetyCheckScreen, at_home, "first_run"),
    "safety-check-hand-over": Route(SafetyCheckScreen, on_page("handover"), "first_run"),
    "safety-check-question": Route(SafetyCheckScreen, on_page("question"), "first_run"),
    "safety-check-resources": Route(SafetyCheckScreen, on_page("resources"), "first_run"),
    "safety-check-end": Route(SafetyCheckScreen, on_page("done"), "first_run"),
    "setup": Route(SetupScreen, to_setup, "first_run"),
    # The demo's open session: Noor's turn, her words half typed.
    "exercise": Route(ExerciseScreen, picking("#sessions"), key=True),
    "exercise-first-turn": Route(ExerciseScreen, starting("active-listening"), "fresh"),
    "check-in": Route(ExerciseScreen, in_turn(starting("check-in"), pressing("enter")), "fresh"),
    "roles": Route(RolesScreen, picking("#exercises", "exercise:active-listening"), "fresh"),
    "waits": Route(WaitsScreen, picking("#exercises", "exercise:why"), "fresh"),
    "consent": Route(ConsentScreen, picking("#exercises", "exercise:intimacy-menu"), "fresh"),
    "hand-over": Route(HandOverScreen, PRIVATE_HAND_OVER, "fresh", key=True),
    "reveal": Route(
        RevealScreen,
        in_turn(PRIVATE_HAND_OVER, in_private(SAM_WROTE)),
        "fresh",
        key=True,
    ),
    "share-ratings": Route(ShareRatingsScreen, SHARE_RATINGS, "fresh"),
    # A whole check-in, everything given shared.
    "summary": Route(
        SummaryScreen,
        in_turn(SHARE_RATINGS, pressing("ctrl+s"), rating((6, 8, 4)), pressing("ctrl+s")),
        "fresh",
        key=True,
    ),
    # An apology that begins "I'm sorry if": the gentle check asks first.
    "wording-check": Route(
        WordingCheckScreen,
        starting("apology", "I'm sorry if you were hurt by what I did."),
        "fresh",
    ),
    "change-answer": Route(ChangeAnswerScreen, CHANGE_ANSWER, "fresh"),
    "take-back": Route(TakeBackDialog, in_turn(CHANGE_ANSWER, button("#take-back")), "fresh"),
    "agreements": Route(AgreementsScreen, in_turn(to_agreement, pressing("escape")), key=True),
    "agreement": Route(AgreementScreen, to_agreement),
    "reopen": Route(ReopenScreen, in_turn(to_agreement, button("#reopen"))),
    "retire": Route(RetireScreen, in_turn(to_agreement, button("#retire"))),
    "progress": Route(ProgressScreen, picking("#progress-lines", "progress"), key=True),
    # Noor's, past the hand-over naming her.
    "moment": Route(MomentScreen, picking("#moments", "moment:a", "enter")),
    "my-answers": Route(MyAnswersScreen, picking("#own-words", "my-answers:a", "enter")),
    "export": Route(ExportScreen, picking("#own-words", "export")),
    "delete-session": Route(DeleteSessionScreen, picking("#own-words", "delete-session")),
    "confirm-by-name": Route(
        ConfirmByName,
        in_turn(picking("#own-words", "delete-session"), picking("#sessions-to-delete")),
    ),
    "settings": Route(SettingsScreen, picking("#own-words", "settings"), key=True),
    "celebrate": Route(CelebrateScreen, to_celebration),
    "help": Route(HelpScreen, pressing("f1"), key=True),
    "resources": Route(ResourcesScreen, pressing("ctrl+r")),
    "add-own-resource": Route(
        AddOwnResourceScreen, in_turn(pressing("ctrl+r"), button("#add-own"))
    ),
    "stop": Route(StopScreen, pressing("ctrl+g")),
    "time-out": Route(TimeOutScreen, TIME_OUT, key=True),
    # Twenty minutes proposed, and the other partner content with it.
    "break": Route(
        TimeOutScreen,
        in_turn(TIME_OUT, picking("#return-choices", "20"), picking("#return-choices", SUITS)),
    ),
    "cover": Route(CoverScreen, pressing("ctrl+l")),
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
