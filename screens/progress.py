"""Progress: the chart of the ratings each partner shared at check-ins, the milestones, and
what the couple has done together, newest first. Only what both have seen is here (the core
decides: ``workbook.progress``). It reads; nothing on it changes anything.

The page scrolls (arrows, page keys, the mouse wheel); Back and Escape return."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from rich.table import Table
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.theme import Theme
from textual.widget import Widget
from textual.widgets import Button, Footer, Header, Static

from screens.base import UsesBook
from screens.plain import plain
from screens.progress_chart import ProgressChart
from workbook.models import PARTNER_IDS, PartnerId
from workbook.progress import chart_data, timeline


class Dated(Widget):
    """Lines of a date and words, the words wrapping under themselves, not under the date.
    The dates are quiet: a component style, so they are drawn in the muted colour of the
    theme in force, a new one included."""

    COMPONENT_CLASSES = {"dated--day"}

    DEFAULT_CSS = """
    Dated {
        height: auto;
    }
    Dated > .dated--day {
        color: $text-muted;
    }
    """

    def __init__(self, rows: Iterable[tuple[date, str]], id: str | None = None) -> None:
        super().__init__(id=id)
        self.rows = tuple(rows)

    def render(self) -> Table:
        table = Table.grid(padding=(0, 2))
        day_style = self.get_component_rich_style("dated--day", partial=True)
        table.add_column(no_wrap=True, style=day_style)
        table.add_column()
        for day, words in self.rows:
            table.add_row(day.isoformat(), plain(words))
        return table


class ProgressScreen(UsesBook, Screen[None]):
    """The couple's progress, opened from Home with no arguments."""

    HELP = "progress"

    BINDINGS = [Binding("escape", "back", "Back")]

    DEFAULT_CSS = """
    #progress {
        padding: 0 2;
    }
    #progress-chart-about, #progress .quiet {
        margin: 0 0 0 0;
    }
    """

    def compose(self) -> ComposeResult:
        book = self.book
        data = chart_data(book.store, book.library)
        milestones = sorted(book.milestones(), key=lambda m: (m.on, m.created_at), reverse=True)
        events = timeline(book.store, book.library)
        yield Header()
        with VerticalScroll(id="progress"):
            yield Static(self.say("progress.title"), classes="lead")
            yield Static(self.say("progress.about"), classes="quiet")
            yield Static(self.say("progress.chart"), classes="heading")
            if data.dates:
                legend = self.say("progress.legend", top=str(data.top))
                yield Static(legend, id="progress-chart-about", classes="quiet")
            yield ProgressChart(data, book.say, self._paints(), id="progress-chart")
            yield Static(self.say("progress.milestones"), classes="heading")
            if milestones:
                yield Dated(((m.on, m.title) for m in milestones), id="progress-milestones")
            else:
                yield Static(self.say("progress.no_milestones"), classes="quiet")
            yield Static(self.say("progress.timeline"), classes="heading")
            if events:
                yield Dated(((e.on, e.words) for e in events), id="progress-timeline")
            else:
                yield Static(self.say("progress.no_timeline"), classes="quiet")
        with Horizontal(classes="buttons"):
            yield Button("Back", id="back")
        yield Footer(compact=True)

    def _paints(self) -> dict[PartnerId, str]:
        """Each partner's colour as the theme chosen paints it."""
        return {p: self.book.paint(p) for p in PARTNER_IDS}

    def on_mount(self) -> None:
        self.query_one("#progress").focus()
        self.app.theme_changed_signal.subscribe(self, self._repaint)

    def _repaint(self, _: Theme) -> None:
        """A new theme (from the command palette) paints the chart in its own shades."""
        chart = self.query_one(ProgressChart)
        chart.paints = self._paints()
        chart.refresh()

    @on(Button.Pressed, "#back")
    def action_back(self) -> None:
        self.dismiss()
