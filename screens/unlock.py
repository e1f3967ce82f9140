"""Asking for the passphrase of an encrypted workbook: at start (``UnlockApp``, before the
workbook can be read at all) and after the app locked itself while nobody used it
(``PassphraseScreen`` over everything). The check runs off the UI thread (scrypt takes a
moment); a wrong passphrase changes nothing and says so."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Button, Input, Static

from screens.plain import plain
from workbook.bad_file_words import bad_file_words
from workbook.content import Library
from workbook.errors import BadFile

if TYPE_CHECKING:  # the cryptography library loads only when a workbook is encrypted
    from workbook.sealing import Sealed  # noqa: F401  (named in the generics below)


class PassphraseScreen(Screen["Sealed"]):
    """A whole screen (nothing under it is drawn) that dismisses with the opened codec."""

    DEFAULT_CSS = """
    PassphraseScreen { align: center middle; }
    PassphraseScreen #unlock { width: 64; height: auto; border: round $primary; padding: 1 2; }
    PassphraseScreen #unlock-heading { text-style: bold; }
    PassphraseScreen Input { margin: 1 0; }
    PassphraseScreen #unlock-message { color: $warning; height: auto; }
    PassphraseScreen .buttons { height: auto; margin: 1 0 0 0; }
    PassphraseScreen ToastRack { display: none; }
    """

    def __init__(self, folder: Path, library: Library, at_start: bool = True) -> None:
        super().__init__()
        self.folder = folder
        self.library = library
        self.at_start = at_start
        """At start the screen also finishes a change cut short (the app holds the lock and
        nothing else runs yet); the idle lock only checks the passphrase."""
        self.heading = "vault.ask_heading" if at_start else "vault.locked_heading"

    def compose(self) -> ComposeResult:
        say = self.library.say
        with Vertical(id="unlock"):
            yield Static(plain(say(self.heading)), id="unlock-heading")
            yield Static(plain(say("vault.ask_prompt")))
            yield Input(password=True, id="passphrase")
            yield Static("", id="unlock-message")
            with Horizontal(classes="buttons"):
                yield Button("Open", id="open", variant="primary")
                yield Button("Quit", id="quit")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    @on(Input.Submitted)
    @on(Button.Pressed, "#open")
    def _open(self) -> None:
        secret = self.query_one(Input).value
        if not secret:
            return
        self._say(self.library.say("vault.opening"))
        self.query_one(Input).disabled = True
        self._try(secret)

    @on(Button.Pressed, "#quit")
    async def _quit(self) -> None:
        await self.app.action_quit()

    @work(thread=True, exclusive=True)
    def _try(self, secret: str) -> None:
        from workbook import vault

        try:
            codec = vault.unlock(self.folder, secret)
            if self.at_start:
                codec = vault.finish(self.folder, codec)  # a change cut short ends now
        except vault.WrongPassphrase:
            self.app.call_from_thread(self._again, self.library.say("vault.wrong"))
            return
        except BadFile as bad:
            self.app.call_from_thread(self._again, bad_file_words(self.library, bad, self.folder))
            return
        except OSError as error:
            said = self.library.say("vault.interrupted", reason=error.strerror or str(error))
            self.app.call_from_thread(self._again, said)
            return
        self.app.call_from_thread(self.dismiss, codec)

    def _again(self, words: str) -> None:
        box = self.query_one(Input)
        box.disabled = False
        box.value = ""
        box.focus()
        self._say(words)

    def _say(self, words: str) -> None:
        self.query_one("#unlock-message", Static).update(plain(words))


class UnlockApp(App["Sealed | None"]):
    """Before the workbook opens: returns the codec, or ``None`` if they chose to quit."""

    BINDINGS = [Binding("ctrl+q", "quit", "Quit", priority=True)]

    def __init__(self, folder: Path, library: Library) -> None:
        super().__init__()
        self.folder = folder
        self.library = library
        self.title = library.say("app.title")

    def on_mount(self) -> None:
        self.push_screen(PassphraseScreen(self.folder, self.library), self.exit)

    async def action_quit(self) -> None:
        self.exit(None)
