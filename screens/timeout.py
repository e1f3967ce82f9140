"""A time-out, from any screen, by either partner: the one who called it proposes a return
time, the other may propose a later one, then the break itself (the agreed time, a countdown,
a breathing guide). It covers the whole screen, so nothing of what was there shows during it.

Every "now" comes from ``self.book.clock``, so tests move a ManualClock and call ``tick()``."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, OptionList, Static
from textual.widgets.option_list import Option

from screens.base import UsesBook
from workbook import pacing
from workbook.pacing import ReturnTimeError, how_long

#: How often the countdown and the breathing guide are redrawn, in seconds.
TICK_SECONDS = 0.2
#: Cells in the breathing guide's bar.
PACER_WIDTH = 40
#: The option that keeps the time the caller proposed.
SUITS = "suits"

Page = Literal["caller", "other", "break"]


class TimeOutScreen(UsesBook, ModalScreen[str | None]):
    """Dismisses "back" when the couple comes back. "We need to stop" asks over the break
    (as ctrl+g does), so answering "Go back" there leaves the break as it was."""

    HELP = "time_out"

    def __init__(self) -> None:
        super().__init__()
        self.called_at: datetime = self.book.clock.now()
        self.page: Page = "caller"
        """The caller proposes, the other may propose a later time, then the break."""
        self.proposed: datetime | None = None
        self.until: datetime | None = None
        self.later_stood = False
        """Whether the other partner typed an earlier time, so the proposed one stands."""
        self.breath_from = self.called_at
        """When the breathing guide started (the break's start, once agreed)."""

    # -- layout --------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="timeout"):
            yield Static(self.say("timeout.heading"), classes="heading")
            if self.page == "break":
                yield from self._break_page()
            else:
                yield from self._asking_page()

    def _asking_page(self) -> ComposeResult:
        if self.proposed is None:
            yield Static(self.say("timeout.lead"))
            yield Static(self.say("timeout.ask_caller"), classes="lead")
            options = [self._choice(m, at) for m, at in self._choices()]
        else:
            time = self.book.time_words(self.proposed)
            yield Static(self.say("timeout.ask_other", time=time), classes="lead")
            suits = Option(self.say("timeout.suits_me"), id=SUITS)
            options = [suits, *(self._choice(m, at) for m, at in self._choices())]
        yield OptionList(*options, id="return-choices")
        yield Static(self.say("timeout.type_time"), classes="quiet")
        yield Input(placeholder="HH:MM", id="typed", max_length=5)
        yield Static("", id="message", classes="message -empty")

    def _break_page(self) -> ComposeResult:
        assert self.until is not None
        if self.later_stood:
            time = self.book.time_words(self.until)
            yield Static(self.say("timeout.later_stands", time=time), classes="notice")
        yield Static(self.say("timeout.agreed", time=self.book.time_words(self.until)), id="agreed")
        yield Static("", id="countdown")
        yield Static("", id="pacer")
        yield Static("", id="breath")
        yield Static(self.say("timeout.helps"), id="helps", classes="quiet")
        with Horizontal(classes="buttons", id="break-buttons"):
            yield Button("Ready to come back", id="ready", variant="primary")
            yield Button("We need to stop", id="stop")
        yield Static("", id="early", classes="lead")
        with Horizontal(classes="buttons", id="early-buttons"):
            yield Button("Come back now", id="back-now", variant="primary")
            yield Button("Stay on the break", id="stay")

    def _choices(self) -> list[tuple[int, datetime]]:
        return pacing.return_choices(self.called_at, self.book.library.pacing, self.proposed)

    def _choice(self, minutes: int, at: datetime) -> Option:
        kind, names = how_long(minutes)
        words = self.say(f"timeout.in_{kind}", time=self.book.time_words(at), **names)
        return Option(words, id=str(minutes))

    def on_mount(self) -> None:
        self._arrive()

    def _arrive(self) -> None:
        """Focus what the page asks for first."""
        if self.page == "break":
            self._show_early(False)
            self.tick()
            self.set_interval(TICK_SECONDS, self.tick)
            self.query_one("#ready").focus()
        else:
            choices = self.query_one("#return-choices", OptionList)
            choices.highlighted = self._first_offer(choices)
            choices.focus()

    def _first_offer(self, choices: OptionList) -> int:
        """Where the list starts: for the caller, on the break length chosen in settings (the
        content's first until one is); for the other partner, on "That suits me"."""
        if self.proposed is not None:
            return 0
        return choices.get_option_index(str(self.book.break_minutes()))

    async def _turn_to(self, page: Page) -> None:
        self.page = page
        await self.recompose()
        self._arrive()

    # -- choosing the return time ----------------------------------------------------------

    @on(OptionList.OptionSelected, "#return-choices")
    async def _chosen(self, event: OptionList.OptionSelected) -> None:
        chosen = str(event.option.id)
        if chosen == SUITS:
            await self._agree(None)
        else:
            minutes = int(chosen)
            await self._propose(next(at for m, at in self._choices() if m == minutes))

    @on(Input.Submitted, "#typed")
    async def _typed(self, event: Input.Submitted) -> None:
        try:
            at = pacing.typed_return(event.value, self.book.clock.now())
            pacing.check_return(self.called_at, at, self.book.library.pacing)
        except ReturnTimeError as refused:
            minutes = str(self.book.library.pacing.break_min_minutes)
            message = self.query_one("#message", Static)
            message.update(self.say(refused.key, minutes=minutes))
            message.remove_class("-empty")
            return
        await self._propose(at)

    async def _propose(self, at: datetime) -> None:
        if self.proposed is None:
            self.proposed = at
            await self._turn_to("other")
        else:
            await self._agree(at)

    async def _agree(self, counter: datetime | None) -> None:
        assert self.proposed is not None
        self.until = pacing.agreed_return(self.proposed, counter)
        self.later_stood = counter is not None and counter < self.proposed
        self.book.sitting.call_time_out(self.until, called_at=self.called_at)
        self.breath_from = self.book.clock.now()
        await self._turn_to("break")

    # -- the break -----------------------------------------------------------------------

    def tick(self) -> None:
        """Redraw the countdown and the breathing guide from the clock."""
        assert self.until is not None, "ticking before a break was agreed"
        now = self.book.clock.now()
        left = pacing.countdown(now, self.until)
        countdown = "timeout.over" if now >= self.until else "timeout.left"
        self.query_one("#countdown", Static).update(self.say(countdown, left=left))
        breath = pacing.breath_at(now - self.breath_from, self.book.library.pacing)
        full = round(breath.fullness * PACER_WIDTH)
        self.query_one("#pacer", Static).update("█" * full + "░" * (PACER_WIDTH - full))
        words = "timeout.breathe_in" if breath.breathing_in else "timeout.breathe_out"
        self.query_one("#breath", Static).update(self.say(words))

    def _show_early(self, asking: bool) -> None:
        self.query_one("#break-buttons").display = not asking
        self.query_one("#early").display = asking
        self.query_one("#early-buttons").display = asking

    @on(Button.Pressed, "#ready")
    def _ready(self) -> None:
        now, rules = self.book.clock.now(), self.book.library.pacing
        if not pacing.back_early(self.called_at, now, rules):
            self._come_back()
            return
        began, settle = self.book.time_words(self.called_at), str(rules.break_min_minutes)
        self.query_one("#early", Static).update(
            self.say("timeout.early", began=began, settle=settle)
        )
        self._show_early(True)
        self.query_one("#stay").focus()

    @on(Button.Pressed, "#stay")
    def _stay(self) -> None:
        self._show_early(False)
        self.query_one("#ready").focus()

    @on(Button.Pressed, "#back-now")
    def _come_back(self) -> None:
        self.book.sitting.come_back()
        self.app.notify(self.book.library.say("timeout.welcome_back"))
        self.dismiss("back")

    @on(Button.Pressed, "#stop")
    def _stop(self) -> None:
        """As ctrl+g: the stop question opens over the break, so "Go back" returns to it."""
        self.app.action_stop()
