"""Settings: where the workbook is kept, and encryption at rest (turn it on, change the
passphrase, turn it off, the idle lock's minutes). Sealing runs off the UI thread; the
recovery key is shown once, with the plain word that it is the only way back."""

from __future__ import annotations

from typing import Literal

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Footer, Header, Input, Label, Static

from screens.base import UsesBook
from screens.delete_everything import DeleteEverything
from screens.look_settings import LookSettings
from screens.people_settings import PeopleSettings
from screens.plain import plain
from workbook.bad_file_words import bad_file_words
from workbook.errors import BadFile
from workbook.layout import BACKUPS_FOLDER

Mode = Literal["view", "turn_on", "change", "turn_off", "working", "recovery"]
IDLE_RANGE = range(1, 241)


class SettingsScreen(UsesBook, Screen[None]):
    HELP = "settings"
    BINDINGS = [Binding("escape", "back", "Back")]

    def __init__(self) -> None:
        super().__init__()
        self.mode: Mode = "view"
        self.recovery = ""

    def compose(self) -> ComposeResult:
        folder = self.book.store.folder
        yield Header()
        with VerticalScroll(id="settings"):
            yield Label(self.say("settings.heading"), classes="heading")
            yield Static(
                self.say("settings.where", folder=str(folder), backups=str(folder / BACKUPS_FOLDER))
                if folder
                else ""
            )
            yield Static("", id="settings-message", classes="message -empty")
            yield from getattr(self, f"_{self.mode}")()
            if self.mode == "view":
                yield PeopleSettings()
                yield LookSettings()
                yield DeleteEverything()
        yield Footer(compact=True)

    def on_mount(self) -> None:
        first = self.query(Input) or self.query(Button)
        if first:
            first.first().focus()

    # -- each mode -----------------------------------------------------------------------

    def _view(self) -> ComposeResult:
        minutes = self.book.idle_lock_minutes()
        if minutes is None:
            yield Static(self.say("settings.encrypted_off"), classes="lead")
            with Horizontal(classes="buttons"):
                yield Button("Encrypt my workbook", id="to-turn-on", variant="primary")
                yield Button("Back", id="back")
            return
        yield Static(self.say("settings.encrypted_on", minutes=str(minutes)), classes="lead")
        yield Static(self.say("settings.idle_label"))
        with Horizontal(id="idle-row"):
            yield Input(str(minutes), id="idle", type="integer", max_length=3)
            yield Button("Save minutes", id="save-idle")
        with Horizontal(classes="buttons"):
            yield Button("Change passphrase", id="to-change")
            yield Button("Turn encryption off", id="to-turn-off")
            yield Button("Back", id="back")

    def _turn_on(self) -> ComposeResult:
        from workbook.vault import MIN_PASSPHRASE

        yield Static(self.say("settings.turn_on_intro", count=str(MIN_PASSPHRASE)))
        yield from self._secrets("new", "repeat")
        yield from self._go("Encrypt now")

    def _change(self) -> ComposeResult:
        yield Static(self.say("settings.change_intro"))
        yield from self._secrets("current", "new", "repeat")
        yield from self._go("Change passphrase")

    def _turn_off(self) -> ComposeResult:
        yield Static(self.say("settings.turn_off_intro"))
        yield from self._secrets("current")
        yield from self._go("Turn encryption off")

    def _working(self) -> ComposeResult:
        yield Static(self.say("settings.working"), classes="lead")

    def _recovery(self) -> ComposeResult:
        yield Static(self.say("vault.recovery_key", code=self.recovery), classes="lead")
        yield Static(self.say("vault.recovery_word"))
        yield Static(self.say("vault.old_copies"), classes="quiet")
        yield Button("I have written it down", id="written", variant="primary")

    def _secrets(self, *names: str) -> ComposeResult:
        labels = {"current": "Your passphrase", "new": "New passphrase", "repeat": "Again"}
        for name in names:
            yield Label(labels[name])
            yield Input(password=True, id=f"secret-{name}")

    def _go(self, label: str) -> ComposeResult:
        with Horizontal(classes="buttons"):
            yield Button(label, id="go", variant="primary")
            yield Button("Back", id="cancel")

    async def _show(self, mode: Mode) -> None:
        self.mode = mode
        await self.recompose()
        self.on_mount()

    # -- what the buttons do -------------------------------------------------------------

    @on(Button.Pressed, "#to-turn-on")
    async def _to_turn_on(self) -> None:
        await self._show("turn_on")

    @on(Button.Pressed, "#to-change")
    async def _to_change(self) -> None:
        await self._show("change")

    @on(Button.Pressed, "#to-turn-off")
    async def _to_turn_off(self) -> None:
        await self._show("turn_off")

    @on(Button.Pressed, "#cancel")
    @on(Button.Pressed, "#written")
    async def _to_view(self) -> None:
        await self._show("view")

    @on(Button.Pressed, "#back")
    def action_back(self) -> None:
        if self.mode not in ("working", "recovery"):
            self.dismiss()

    @on(Button.Pressed, "#save-idle")
    @on(Input.Submitted, "#idle")
    def _save_idle(self) -> None:
        typed = self.query_one("#idle", Input).value
        if not typed.isdigit() or int(typed) not in IDLE_RANGE:
            self._tell(self.book.library.say("settings.idle_bad"))
            return
        self.book.set_idle_lock(int(typed))
        self.app.idle_lock_changed()
        self._tell(self.book.library.say("settings.idle_saved", minutes=typed))

    @on(Button.Pressed, "#go")
    @on(Input.Submitted, "Input")
    async def _go_pressed(self) -> None:
        if self.mode not in ("turn_on", "change", "turn_off"):
            return
        typed = {box.id.removeprefix("secret-"): box.value for box in self.query(Input) if box.id}
        problem = self._problem(typed)
        if problem:
            self._tell(problem)
            return
        mode = self.mode
        self.app.sealing = True
        await self._show("working")
        self._seal(mode, typed)

    def _problem(self, typed: dict[str, str]) -> str:
        """What is wrong with the passphrases typed, before anything is written."""
        from workbook.vault import MIN_PASSPHRASE

        say = self.book.library.say
        if "new" in typed:
            if len(typed["new"]) < MIN_PASSPHRASE:
                return say("vault.too_short", count=str(MIN_PASSPHRASE))
            if typed["new"] != typed["repeat"]:
                return say("vault.passphrases_differ")
        if "current" in typed and not typed["current"]:
            return say("vault.wrong")
        return ""

    @work(thread=True, exclusive=True)
    def _seal(self, mode: Mode, typed: dict[str, str]) -> None:
        """Seal, reseal or unseal every file, off the UI thread, with the app's keys waiting
        (``WorkbookApp.sealing``). The recovery key is kept the moment it exists, so even a
        change cut short (a full disk) shows it."""
        from workbook.vault import WrongPassphrase

        book, say = self.book, self.book.library.say
        self.recovery = ""

        def shown(recovery: str) -> None:
            self.recovery = recovery

        try:
            if mode == "turn_on":
                book.encrypt(typed["new"], shown)
            elif mode == "change":
                book.change_passphrase(typed["current"], typed["new"], shown)
            else:
                book.decrypt(typed["current"])
        except WrongPassphrase:
            self.app.call_from_thread(self._back_with, mode, say("vault.wrong"))
        except BadFile as bad:
            folder = book.store.folder
            assert folder is not None
            words = bad_file_words(book.library, bad, folder, book.store.codec)
            self.app.call_from_thread(self._back_with, mode, words)
        except OSError as error:
            words = say("vault.interrupted", reason=error.strerror or str(error))
            self.app.call_from_thread(self._cut_short, words)
        else:
            self.app.call_from_thread(self._sealed, mode)

    async def _back_with(self, mode: Mode, words: str) -> None:
        self.app.sealing = False
        await self._show(mode)
        self._tell(words)

    async def _cut_short(self, words: str) -> None:
        """Part way: the next unlock finishes it; a recovery key made already is shown."""
        self.app.sealing = False
        self.app.idle_lock_changed()
        await self._show("recovery" if self.recovery else "view")
        self._tell(words)

    async def _sealed(self, mode: Mode) -> None:
        self.app.sealing = False
        self.app.idle_lock_changed()
        if mode == "turn_off":
            await self._show("view")
            self._tell(self.book.library.say("settings.turned_off"))
        else:
            await self._show("recovery")

    def _tell(self, words: str) -> None:
        message = self.query_one("#settings-message", Static)
        message.update(plain(words))
        message.remove_class("-empty")
