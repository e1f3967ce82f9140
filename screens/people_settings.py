"""Settings' rows for the two of you: each partner's name and colour, each with a "Change"
button, and discreet mode. A change is saved at once and said in words; Home, the exercise
banner and the exports follow it, past turns included (a turn keeps who, never a name)."""

from __future__ import annotations

from typing import Literal

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.theme import Theme
from textual.widgets import Button, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from screens.base import UsesBook
from screens.plain import plain
from workbook.book import NameError_
from workbook.book_settings import MAX_NAME
from workbook.models import PARTNER_IDS, PartnerId, other

Change = Literal["name", "colour"]


class PeopleSettings(UsesBook, Vertical):
    """Shown in settings, after encryption. A name or a colour is changed in place of the
    rows, then the rows come back with the focus on the button that was pressed."""

    def __init__(self) -> None:
        super().__init__(id="people")
        self.changing: tuple[Change, PartnerId] | None = None

    def on_mount(self) -> None:
        self.app.theme_changed_signal.subscribe(self, self._repaint)

    async def _repaint(self, _: Theme) -> None:
        """Names and colours are painted in the theme's own shades: shown again in the new
        ones (not while a new name is being typed, which would be lost)."""
        if self.changing is None or self.changing[0] == "colour":
            await self.recompose()

    def compose(self) -> ComposeResult:
        yield Label(self.say("settings.you_heading"), classes="heading")
        yield Static("", id="people-message", classes="message -empty")
        if self.changing is None:
            yield from self._rows()
        elif self.changing[0] == "name":
            yield from self._rename(self.changing[1])
        else:
            yield from self._colours(self.changing[1])

    def _rows(self) -> ComposeResult:
        for pid, partner in self.book.partners().items():
            with Horizontal(classes="partner-row"):
                names = {"actor": partner.name, "colour": partner.colour}
                line = self.book.say("settings.partner_line", **names)
                yield Static(plain(line, f"bold {self.book.paint(pid)}"), classes="who")
                yield Button("Change name", id=f"name-{pid}", classes="change")
                yield Button("Change colour", id=f"colour-{pid}", classes="change")
        on_now = self.book.discreet()
        key = "settings.discreet_on" if on_now else "settings.discreet_off"
        yield Static(self.say(key), classes="lead")
        with Horizontal(classes="buttons"):
            label = "Turn discreet mode off" if on_now else "Turn discreet mode on"
            yield Button(label, id="discreet")

    def _rename(self, partner: PartnerId) -> ComposeResult:
        name = self.book.name(partner)
        yield Static(self.say("settings.rename_ask", actor=name))
        yield Input(name, id="new-name", max_length=MAX_NAME)
        with Horizontal(classes="buttons"):
            yield Button("Save name", id="save-name", variant="primary")
            yield Button("Back", id="people-back")

    def _colours(self, partner: PartnerId) -> ComposeResult:
        partners = self.book.partners()
        mine, theirs = partners[partner], partners[other(partner)]
        yield Static(
            self.say(
                "settings.colour_ask", actor=mine.name, other=theirs.name, colour=theirs.colour
            )
        )
        colours = self.book.free_colours(partner)
        options = OptionList(
            *(
                Option(
                    plain(self._colour_label(c, c == mine.colour), f"bold {self.book.shade(c)}"),
                    id=c,
                )
                for c in colours
            ),
            id="colours",
        )
        options.highlighted = colours.index(mine.colour) if mine.colour in colours else 0
        yield options
        with Horizontal(classes="buttons"):
            yield Button("Back", id="people-back")

    def _colour_label(self, colour: str, now: bool) -> str:
        return self.book.say("settings.colour_option_now", colour=colour) if now else colour

    async def _show(self, changing: tuple[Change, PartnerId] | None, focus: str) -> None:
        """Rows or a change, scrolled to the top of the screen: at 80x24 it then all shows."""
        self.changing = changing
        await self.recompose()
        self.query_one(focus).focus(scroll_visible=False)
        self.scroll_visible(top=True, animate=False)

    def _tell(self, words: str) -> None:
        message = self.query_one("#people-message", Static)
        message.update(plain(words))
        message.remove_class("-empty")

    # -- what the buttons do -------------------------------------------------------------

    @on(Button.Pressed, ".change")
    async def _change(self, event: Button.Pressed) -> None:
        event.stop()
        what, _, pid = str(event.button.id).partition("-")
        partner = next(p for p in PARTNER_IDS if p == pid)
        if what == "name":
            await self._show(("name", partner), "#new-name")
        else:
            await self._show(("colour", partner), "#colours")

    @on(Button.Pressed, "#people-back")
    async def _back(self, event: Button.Pressed) -> None:
        event.stop()
        await self._back_to_rows()

    async def _back_to_rows(self) -> None:
        """The rows again, the focus on the button that opened the change."""
        assert self.changing is not None
        what, partner = self.changing
        await self._show(None, f"#{what}-{partner}")

    @on(Button.Pressed, "#save-name")
    @on(Input.Submitted, "#new-name")
    async def _rename_now(self, event: Button.Pressed | Input.Submitted) -> None:
        event.stop()
        assert self.changing is not None
        partner = self.changing[1]
        old = self.book.name(partner)
        try:
            new = self.book.rename_partner(partner, self.query_one("#new-name", Input).value)
        except NameError_ as problem:
            self._tell(self.book.say(str(problem)))
            return
        await self._back_to_rows()
        self._tell(self.book.say("settings.renamed", old=old, new=new))

    @on(OptionList.OptionSelected, "#colours")
    async def _colour_now(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        assert self.changing is not None
        partner, colour = self.changing[1], str(event.option.id)
        self.book.set_colour(partner, colour)
        await self._back_to_rows()
        actor = self.book.name(partner)
        self._tell(self.book.say("settings.colour_set", actor=actor, colour=colour))

    @on(Button.Pressed, "#discreet")
    async def _discreet(self, event: Button.Pressed) -> None:
        event.stop()
        self.book.set_discreet(not self.book.discreet())
        self.app.show_discreetly()
        await self._show(None, "#discreet")
        now = "on" if self.book.discreet() else "off"
        self._tell(self.book.say(f"settings.discreet_turned_{now}"))
