"""Write a summary for a therapist from the app: how (Markdown or JSON), whether to add
transcripts, and where (the data folder's ``exports/``, dated, unless changed). It says where
it was written, or why it could not be. What goes in, the core decides (``workbook.export``)."""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Checkbox, Footer, Header, Input, RadioButton, RadioSet, Static

from screens.base import UsesBook
from screens.plain import plain
from workbook.export import FORMATS, ExportFormat


class ExportScreen(UsesBook, Screen[None]):
    HELP = "export"
    BINDINGS = [
        Binding("ctrl+s", "write", "Write it", priority=True),
        Binding("escape", "back", "Back"),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="export"):
            yield Static(self.say("export.title"), classes="lead")
            yield Static(self.say("export.about"))
            yield Static(self.say("export.format"), classes="heading")
            with RadioSet(id="format"):
                for fmt in FORMATS:
                    yield RadioButton(self.say(f"export.{fmt}"), value=fmt == "markdown", id=fmt)
            yield Checkbox(self.say("export.with_transcripts"), id="transcripts")
            yield Static(self.say("export.where"), classes="heading")
            yield Input(str(self.book.export_path("markdown")), id="path")
            yield Static("", id="message", classes="message -empty")
            with Horizontal(classes="buttons"):
                yield Button("Write it", id="write", variant="primary")
                yield Button("Back", id="back")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one("#format", RadioSet).focus()

    def _format(self) -> ExportFormat:
        pressed = self.query_one("#format", RadioSet).pressed_button
        return "json" if pressed is not None and pressed.id == "json" else "markdown"

    @on(RadioSet.Changed, "#format")
    def _new_format(self) -> None:
        """Keep the suggested file's ending in step with the format, unless it was changed."""
        path = self.query_one("#path", Input)
        if path.value in {str(self.book.export_path(fmt)) for fmt in FORMATS}:
            path.value = str(self.book.export_path(self._format()))

    @on(Button.Pressed, "#write")
    @on(Input.Submitted, "#path")
    def action_write(self) -> None:
        """Write it; say where, or why not (nothing else changes)."""
        where = self.query_one("#path", Input).value.strip()
        if not where:
            return
        path = Path(where).expanduser()
        transcripts = self.query_one("#transcripts", Checkbox).value
        say = self.book.library.say
        try:
            self.book.export(self._format(), transcripts, to=path)
        except OSError as error:
            words, done = say("export.not_written", reason=error.strerror or str(error)), False
        else:
            words, done = say("export.written_to", path=str(path)), True
        message = self.query_one("#message", Static)
        message.update(plain(words))
        message.remove_class("-empty")
        message.set_class(done, "-done")
        message.scroll_visible(animate=False)

    @on(Button.Pressed, "#back")
    def action_back(self) -> None:
        self.dismiss()
