"""Settings' rows for how the workbook looks and paces a break: the theme (applied the moment
it is chosen, and saved) and the length of break a time-out offers first (saved). Each is a
list with the current choice marked, chosen by Enter or a click, and said in words after."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.theme import Theme
from textual.widgets import Label, OptionList, Static
from textual.widgets.option_list import Option

from screens.base import UsesBook
from screens.plain import plain
from screens.themes import THEME_LABELS
from workbook.models import THEME_NAMES
from workbook.pacing import how_long


class LookSettings(UsesBook, Vertical):
    """Shown in settings, after the two of you (names, colours, discreet mode)."""

    DEFAULT_CSS = """
    LookSettings {
        height: auto;
    }
    LookSettings OptionList {
        margin: 1 0 0 0;
    }
    """

    def __init__(self) -> None:
        super().__init__(id="look")
        self.labels: dict[str, dict[str, str]] = {}
        """Each list's options' labels by option id, without the mark of the one chosen."""

    def on_mount(self) -> None:
        self.app.theme_changed_signal.subscribe(self, self._theme_applied)

    def _theme_applied(self, theme: Theme) -> None:
        """A theme chosen here or from the command palette (over settings) is marked here."""
        if theme.name in self.labels["themes"]:
            words = self.book.say("look.theme_set", theme=self.labels["themes"][theme.name])
            self._chosen("themes", theme.name, words)

    def compose(self) -> ComposeResult:
        lengths = self.book.library.pacing.break_choices_minutes
        self.labels = {
            "themes": {name: THEME_LABELS[name] for name in THEME_NAMES},
            "break-minutes": {str(minutes): self._length(minutes) for minutes in lengths},
        }
        yield Label(self.say("look.heading"), classes="heading")
        yield Static(self.say("look.theme_about"))
        yield from self._choices("themes", self.book.theme())
        yield Static(self.say("look.break_about"))
        yield from self._choices("break-minutes", str(self.book.break_minutes()))

    def _choices(self, list_id: str, now: str) -> ComposeResult:
        """The list ``list_id``, the option chosen now marked and highlighted, and below it
        the place where a change is said."""
        keys = list(self.labels[list_id])
        options = OptionList(
            *(Option(self._label(list_id, k, now), id=k) for k in keys), id=list_id
        )
        options.highlighted = keys.index(now)
        yield options
        yield Static("", id=f"{list_id}-said", classes="message -empty")

    def _label(self, list_id: str, key: str, now: str) -> Text:
        label = self.labels[list_id][key]
        return plain(
            self.book.library.say("look.option_now", choice=label) if key == now else label
        )

    def _length(self, minutes: int) -> str:
        kind, names = how_long(minutes)
        return self.book.library.say(f"look.{kind}", **names)

    def _chosen(self, list_id: str, now: str, words: str) -> None:
        """The new choice marked in place (the list keeps its focus and the screen its
        scroll), and what changed said below it."""
        options = self.query_one(f"#{list_id}", OptionList)
        for key in self.labels[list_id]:
            options.replace_option_prompt(key, self._label(list_id, key, now))
        said = self.query_one(f"#{list_id}-said", Static)
        said.update(plain(words))
        said.remove_class("-empty")

    @on(OptionList.OptionSelected, "#themes")
    def _theme_chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        name = next(n for n in THEME_NAMES if n == event.option.id)
        self.app.use_theme(name)
        # Marked at once: choosing the theme already in force sends no signal to mark it.
        self._theme_applied(self.app.current_theme)

    @on(OptionList.OptionSelected, "#break-minutes")
    def _break_chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        minutes = int(str(event.option.id))
        self.book.set_break_minutes(minutes)
        words = self.book.say("look.break_set", choice=self._length(minutes))
        self._chosen("break-minutes", str(minutes), words)
