"""The command palette (ctrl+p): the workbook's own commands, each with a line from content
saying what it does, and none of Textual's (its themes, screenshots and keys panel are not
ours to offer, and would undo what settings chose).

Where a command is offered is where it is safe:

- ``EverywhereCommands`` (the app's ``COMMANDS``): a time-out, help, where to turn and stopping
  for today. Each runs the app's own action by name (``App.run_action``), so it is refused
  exactly when its key is (``WorkbookApp.check_action``) and keeps half-typed words as its key
  does: none of them lets anyone leave the other partner's turn without it being kept.
- ``HomeCommands`` (Home's ``COMMANDS``): starting an exercise and opening agreements,
  progress, export, a check-in and settings. These leave the screen they are called from, so
  they are offered only on Home, where no turn is under way; from an exercise they would jump
  out of one partner's turn without pausing it. An exercise starts through Home's own
  ``open_exercise`` (waiting, consent in private, roles), never around it.

Names and help lines reach the palette as plain text, never as markup (Textual parses a hit's
help as markup, and a counsellor's exercise title could hold brackets)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from importlib import import_module
from typing import Protocol, runtime_checkable

from textual.binding import Binding
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

from screens.base import UsesBook
from screens.help_topics import key_name
from screens.themes import THEME_LABELS
from workbook.check_ins import CHECK_IN_EXERCISE
from workbook.models import THEME_NAMES, ThemeName
from workbook.wording import visible


@dataclass(frozen=True)
class PaletteCommand:
    """One command as the palette lists it."""

    name: str
    """A short label, found by typing any part of it."""
    help: str
    """The line under it, from content (``content/texts/palette.toml``)."""
    run: Callable[[], object]
    """What choosing it does."""

    @property
    def help_line(self) -> str:
        """The help line as written, never read as markup. The palette reads a hit's help
        with ``Content.from_markup``, which returns a ``Content`` as it is; escaping a string
        instead doubled a backslash at its end."""
        return Content(visible(self.help))  # type: ignore[return-value]


@runtime_checkable
class ChangesTheme(Protocol):
    """The app, which saves a theme and applies it (``screens/themes.py``)."""

    def use_theme(self, name: ThemeName) -> None: ...


@runtime_checkable
class OpensExercises(Protocol):
    """The screen the Home commands are called from: Home, which starts an exercise its own
    way (``HomeScreen.open_exercise``)."""

    def open_exercise(self, exercise_id: str) -> None: ...


class OwnCommands(UsesBook, Provider):
    """Our commands, gathered once as the palette opens (``listed``), every one shown before
    anything is typed, and found by typing part of its name."""

    commands: tuple[PaletteCommand, ...] = ()

    async def startup(self) -> None:
        self.commands = tuple(self.listed())

    def listed(self) -> list[PaletteCommand]:
        raise NotImplementedError

    async def discover(self) -> Hits:
        for command in self.commands:
            name = visible(command.name)
            yield DiscoveryHit(Content(name), command.run, name, command.help_line)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for command in self.commands:
            name = visible(command.name)
            score, offsets = matcher.fuzzy_search.match(query, name)
            if not score:
                continue
            shown = Content(name)
            for offset in offsets:
                shown = shown.stylize(matcher.match_style, offset, offset + 1)
            yield Hit(score, shown, command.run, name, command.help_line)


#: The app's own actions offered from every screen: (label, action); each help line is
#: ``palette.<action>``.
EVERYWHERE = (
    ("Time-out", "time_out"),
    ("Help", "help"),
    ("Where to turn", "resources"),
    ("Stop for today", "stop"),
)


class EverywhereCommands(OwnCommands):
    """What the app's keys do from any screen, each line naming its key, and the three
    themes (changing the look leaves nothing and nobody's turn)."""

    def listed(self) -> list[PaletteCommand]:
        keys = {  # the app's own (a dialog's footer leaves them out, yet they work over it)
            binding.action: key_name(binding.key)  # as help (F1) writes it
            for binding in type(self.app).BINDINGS
            if isinstance(binding, Binding)
        }
        commands = []
        for name, action in EVERYWHERE:
            what = self.book.say(f"palette.{action}")
            if action in keys:
                what = self.book.say("palette.with_key", what=what, press=keys[action])
            commands.append(PaletteCommand(name, what, partial(self.app.run_action, action)))
        if isinstance(self.app, ChangesTheme):
            for theme in THEME_NAMES:
                label = f"Theme: {THEME_LABELS[theme]}"
                what = self.book.say(f"palette.theme_{theme}")
                commands.append(PaletteCommand(label, what, partial(self.app.use_theme, theme)))
        return commands


#: Home's places offered in the palette: (label, help line's key ``palette.<key>``, module,
#: screen class); each module is imported only when its screen is opened.
PLACES = (
    ("Agreements", "agreements", "screens.agreements", "AgreementsScreen"),
    ("Progress", "progress", "screens.progress", "ProgressScreen"),
    ("Write a summary", "export", "screens.export", "ExportScreen"),
    ("Settings", "settings", "screens.settings", "SettingsScreen"),
)


class HomeCommands(OwnCommands):
    """What Home's lists lead to, offered only on Home (see the module's docstring)."""

    def listed(self) -> list[PaletteCommand]:
        say, book = self.book.say, self.book
        minutes = str(book.exercise(CHECK_IN_EXERCISE).minutes)
        commands = [
            PaletteCommand(label, say(f"palette.{key}"), partial(self._open, module, screen))
            for label, key, module, screen in PLACES
        ]
        check_in = say("palette.check_in", minutes=minutes)
        commands.insert(2, PaletteCommand("Check-in", check_in, self._check_in))
        for part in book.path():
            for exercise in part.exercises:
                if exercise.resting_until is not None or exercise.id == CHECK_IN_EXERCISE:
                    continue  # one resting cannot be chosen on Home either
                key = "exercise_sensitive" if book.exercise(exercise.id).sensitive else "exercise"
                what = say(
                    f"palette.{key}",
                    number=str(part.number),
                    part=part.title,
                    minutes=str(exercise.minutes),
                )
                commands.append(
                    PaletteCommand(exercise.title, what, partial(self._start, exercise.id))
                )
        return commands

    def _on_home(self, run: Callable[[], object]) -> None:
        """Only while Home is on top: the cover or the idle lock may have come up since the
        command was chosen, and nothing opens over them."""
        if self.app.screen is self.screen:
            run()

    def _start(self, exercise_id: str) -> None:
        home = self.screen
        if isinstance(home, OpensExercises):
            self._on_home(partial(home.open_exercise, exercise_id))

    def _check_in(self) -> None:
        self._start(CHECK_IN_EXERCISE)

    def _open(self, module: str, screen: str) -> None:
        """Each screen is imported when it is opened, as Home does: start-up loads only Home."""
        self._on_home(lambda: self.app.push_screen(getattr(import_module(module), screen)()))
