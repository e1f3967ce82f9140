"""The Textual app: opens on the safety check, set-up or Home, keeps the sitting, offers a
time-out, resources, help, stopping and a neutral cover from every screen, and quits without
losing words.

Only what the first screen needs is imported with the app; every other screen is imported when
it is first opened, so the couple's Home comes up sooner (``benchmarks/bench_startup.py``)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from textual.app import App
from textual.binding import Binding
from textual.screen import Screen
from textual.worker import Worker, WorkerState

from screens.base import HandsOverAgain
from screens.commands import EverywhereCommands
from screens.cover import CoverReason, CoverScreen
from screens.discreet import Discreet
from screens.home import HomeScreen
from screens.idle_lock import IdleLock
from screens.themes import Themed
from screens.unlock import PassphraseScreen
from workbook.agreement_sessions import AMEND_EXERCISE
from workbook.book import Workbook
from workbook.errors import BadFile
from workbook.pacing import sitting_is_long

if TYPE_CHECKING:
    from screens.summary import SummaryScreen

#: How often the app looks at the clock to see whether the sitting has gone on long.
PACE_CHECK_SECONDS = 30
#: The name of the worker thread that backs up what changed, once the first screen is up.
BACKUP_WORKER = "backup"
#: The name of the worker thread that reads every session file afresh after a quick repair.
FULL_CHECK_WORKER = "full-check"


@runtime_checkable
class KeepsWords(Protocol):
    """A screen holding unsaved typing, which it saves before the app closes or a break."""

    def keep_words(self) -> None: ...


@runtime_checkable
class StopsHere(Protocol):
    """A screen with a session open, which it pauses when the couple stops for today."""

    def stop_here(self) -> None: ...


class WorkbookApp(IdleLock, Discreet, Themed, App[None]):
    # Absolute, so a subclass defined elsewhere (a benchmark, a test) finds the stylesheet too.
    CSS_PATH = [
        Path(__file__).with_name(name) for name in ("app.tcss", "care.tcss", "keeping.tcss")
    ]
    BINDINGS = [
        Binding("ctrl+t", "time_out", "Break", priority=True, id="time-out"),
        Binding("ctrl+g", "stop", "Stop", priority=True, id="stop"),
        Binding("ctrl+r", "resources", "Support", priority=True, id="resources"),
        Binding("f1", "help", "Help", priority=True, id="help"),
        Binding("ctrl+q", "quit", "Quit", priority=True, id="quit"),
        Binding("ctrl+l", "cover", "Hide", priority=True, id="privacy"),
        Binding("ctrl+l", "blank", "Blank", priority=True, id="blank"),
        # Textual's own key; the footer shows it after the others (app.tcss), so show=False
        # keeps it from showing twice. Listed here, so the cover and sealing turn it off too.
        Binding("ctrl+p", "command_palette", "Commands", show=False, priority=True, id="commands"),
    ]
    COMMANDS = {EverywhereCommands}
    """Only ours (``screens/commands.py``), none of Textual's system commands; Home adds the
    commands that leave it."""

    def __init__(self, book: Workbook) -> None:
        super().__init__()
        self.book = book
        self.show_saved_theme()
        self.show_discreetly()
        self.pace_suggested = False
        self.sealing = False
        """Settings is sealing or unsealing every file: the app's keys wait."""

    def on_mount(self) -> None:
        from screens.safety import SafetyCheckScreen

        self.book.sitting.begin()
        self.set_interval(PACE_CHECK_SECONDS, self.check_pace)
        if self.book.needs_setup() and self.book.safety_check_needed():
            self.push_screen(SafetyCheckScreen("first_run"), self._after_first_check)
        elif self.book.needs_setup():  # the check was done, then the app closed at the names
            self._after_first_check(None)
        elif self.book.safety_check_needed():
            self.push_screen(HomeScreen())
            self.push_screen(SafetyCheckScreen("couple"), lambda _: self.book.safety_check_done())
        else:
            self.push_screen(HomeScreen())
        self.call_after_refresh(self.look_in_full)
        self.start_idle_watch()
        self.call_after_refresh(self._say_what_changed_at_open)

    def _say_what_changed_at_open(self) -> None:
        """Opening may have updated the files to this version, or rebuilt a damaged session
        list: each is said once, with where the earlier copy is kept."""
        say = self.book.library.say
        if self.book.migrated_from is not None:
            self.notify(say("migrations.updated", folder=str(self.book.migrated_from)), timeout=30)
        for kept in self.book.store.set_aside:
            self.notify(say("bad_file.index_rebuilt", file=str(kept)), timeout=30)

    def look_in_full(self) -> None:
        """Opening repaired only what a crash can have left (``Workbook.open(quick_repair=
        True)``): every session file is read afresh in a worker thread once the first screen is
        up, then anything found is repaired here, on the app's thread (``_after_full_look``);
        the backup follows, so a damaged file is never copied over a good backup."""
        if not self.book.repaired_quickly:
            self.start_backup()
            return
        self.run_worker(
            self.book.disagreements, name=FULL_CHECK_WORKER, thread=True, exit_on_error=False
        )

    def _after_full_look(self, worker: Worker[int]) -> None:
        if worker.state == WorkerState.SUCCESS:
            self.book.repaired_quickly = False
            if worker.result:
                self.book.repair()
                if isinstance(self.screen, HomeScreen):
                    self.screen.refresh_lists()
            self.start_backup()
        elif isinstance(worker.error, BadFile) and self.book.store.folder is not None:
            from workbook.bad_file_words import bad_file_words  # as opening would have said

            store = self.book.store
            said = bad_file_words(self.book.library, worker.error, store.folder, store.codec)
            self.notify(said, severity="error", timeout=600)
        elif worker.state == WorkerState.ERROR:
            self.start_backup()

    def start_backup(self) -> None:
        """Back up what changed in a worker thread once the first screen is up: start-up never
        waits for it, and a failure (a full disk) is said, never fatal."""
        self.run_worker(self.book.back_up, name=BACKUP_WORKER, thread=True, exit_on_error=False)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.name == FULL_CHECK_WORKER:
            self._after_full_look(event.worker)
            return
        if event.worker.name != BACKUP_WORKER or event.state != WorkerState.ERROR:
            return
        error = event.worker.error
        reason = (error.strerror if isinstance(error, OSError) else None) or str(error)
        said = self.book.library.say("backups.failed", reason=reason)
        self.notify(said, severity="warning", timeout=20)

    def _after_first_check(self, _: None) -> None:
        from screens.setup import SetupScreen

        self.book.safety_check_done()
        self.push_screen(SetupScreen())

    def under_way(self, kind: type[Screen[object]]) -> bool:
        """Whether a screen of ``kind`` is open anywhere in the stack (say, a break, with help
        opened on top of it): the same flow is never started inside itself."""
        return any(isinstance(screen, kind) for screen in self.screen_stack)

    # -- from every screen ---------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """While the cover (or the idle lock) is on top none of the app's keys act (they are
        priority bindings, so they would, over any screen): the first key only lifts the
        cover, and only the passphrase lifts the lock. Nor while every file is being sealed
        or unsealed (``sealing``): a break or quitting would save part way through. In
        discreet mode some keys show under neutral labels (``NEUTRAL_TWINS``)."""
        covered = isinstance(self.screen, CoverScreen | PassphraseScreen)
        if (covered or self.sealing) and action in {b.action for b in self.BINDINGS}:
            return False  # only the app's own keys: Tab still moves between the boxes
        return self.shown_discreetly(action)

    def action_cover(self) -> None:
        self.cover("privacy")

    action_blank = action_cover  # the same key in discreet mode

    def cover(self, reason: CoverReason) -> None:
        """At once, a neutral screen over everything (someone walked in), keeping any typing;
        when it lifts, a private page goes through its hand-over again, since the keyboard
        may have changed hands. Never a second cover over the first."""
        if self.under_way(CoverScreen):
            return
        self.keep_words()
        self.push_screen(CoverScreen(reason), lambda _: self.hand_over_again())

    def action_time_out(self) -> None:
        """A break, from anywhere, by either partner, typing or not."""
        from screens.timeout import TimeOutScreen

        if self.under_way(TimeOutScreen):
            return
        self.keep_words()
        self.push_screen(TimeOutScreen(), self._after_break)

    def _after_break(self, _: str | None) -> None:
        self.hand_over_again()

    def hand_over_again(self) -> None:
        """The keyboard may have changed hands (a break, a check for both): every screen
        with private pages goes through its hand-over before it shows one again."""
        for screen in self.screen_stack:
            if isinstance(screen, HandsOverAgain):
                screen.hand_over_again()

    def action_stop(self) -> None:
        """ "We need to stop": ask once, then a closing for both, keeping everything."""
        from screens.stop import StopScreen

        if self.under_way(StopScreen):
            return
        self.keep_words()
        self.push_screen(StopScreen(), self._after_stop)

    def stop_for_today(self) -> None:
        """Pause what is open, keeping every word, and end the sitting as stopped: done the
        moment they choose to stop, so closing the app on the closing screen loses nothing."""
        for screen in self.screen_stack:
            if isinstance(screen, StopsHere):
                screen.stop_here()
        self.book.sitting.end("stopped")

    def _after_stop(self, stopped: bool | None) -> None:
        if stopped:
            self.exit()

    def action_resources(self) -> None:
        from screens.resources import ResourcesScreen

        if self.under_way(ResourcesScreen):
            return
        self.push_screen(ResourcesScreen(), self._after_resources)

    def _after_resources(self, wanted: str | None) -> None:
        from screens.safety import SafetyCheckScreen

        if wanted == "solo_check" and not self.under_way(SafetyCheckScreen):
            self.push_screen(SafetyCheckScreen("solo"), lambda _: self.action_resources())

    def action_help(self) -> None:
        from screens.help import HelpScreen

        if self.under_way(HelpScreen):
            return
        self.push_screen(HelpScreen(self.screen_stack), self._after_help)

    def _after_help(self, wanted: str | None) -> None:
        from screens.safety import SafetyCheckScreen

        if wanted == "safety_check" and not self.under_way(SafetyCheckScreen):
            self.push_screen(SafetyCheckScreen("couple"), lambda _: self.hand_over_again())
        elif wanted == "resources":
            self.action_resources()

    def on_summary_screen_amend_asked(self, asked: SummaryScreen.AmendAsked) -> None:
        """From a review's summary into new wording for its agreement."""
        from screens.about_agreement import open_about_agreement

        open_about_agreement(self, self.book, AMEND_EXERCISE, asked.agreement_id)

    def check_pace(self) -> None:
        """Once a sitting has gone on long, suggest a break or stopping, gently, once."""
        started = self.book.sitting.started_at
        if self.pace_suggested or started is None:
            return
        pacing = self.book.library.pacing
        if sitting_is_long(started, self.book.clock.now(), pacing):
            self.pace_suggested = True
            minutes = str(pacing.suggest_break_after_minutes)
            self.notify(self.book.library.say("pace.long_sitting", minutes=minutes), timeout=60)

    def keep_words(self) -> None:
        for screen in self.screen_stack:
            if isinstance(screen, KeepsWords):
                screen.keep_words()

    async def action_quit(self) -> None:
        """Save any half-typed answer first, then close."""
        self.keep_words()
        self.exit()
