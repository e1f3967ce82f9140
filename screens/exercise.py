"""The Exercise screen: whose turn it is, what is asked, earlier answers, and the answer box.

Everything shown comes from the core's ``TurnView``; this screen only lays it out and sends
the answer back. Each turn gets a fresh answer box, so undo cannot bring back the previous
partner's words. Typing is saved as a draft at most one second after any change.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Footer, Input, OptionList, Static, TextArea
from textual.widgets.option_list import Option

from screens.answer_box import AnswerBox
from screens.base import UsesBook
from screens.handover import HandOverScreen
from screens.plain import plain
from screens.summary import SummaryScreen
from workbook.answers import AGREE, AnswerError
from workbook.drafts import DraftThrottle
from workbook.engine import Move
from workbook.models import AnswerValue
from workbook.turn_view import TurnView


class ExerciseScreen(UsesBook, Screen[None]):
    BINDINGS = [
        Binding("ctrl+s", "submit", "Submit", priority=True, id="submit"),
        Binding("ctrl+n", "pass", "Pass", priority=True, id="pass"),
        Binding("ctrl+o", "pause", "Pause", priority=True, id="pause"),
    ]

    def __init__(self, session_id: str) -> None:
        super().__init__()
        self.session_id = session_id
        self.view: TurnView = self._current_view()
        self.throttle = self._new_throttle()

    def _current_view(self) -> TurnView:
        return self.book.view(self.book.load(self.session_id))

    def _new_throttle(self) -> DraftThrottle:
        view = self.view
        return DraftThrottle(lambda text: self.book.save_draft(self.session_id, view, text))

    # -- layout --------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        view = self.view
        colour = self.book.partners()[view.actor].colour
        with Vertical(id="turn"):
            yield Static(plain(view.banner, f"bold {colour}"), id="banner")
            yield Static(plain(view.meanwhile), id="meanwhile")
            yield Static(plain(f"{view.exercise_title} · {view.progress}"), id="progress")
        with VerticalScroll(id="ask"):
            yield Static(plain(view.prompt, "bold"), id="prompt")
            if view.hint:
                yield Static(plain(view.hint, "italic"), id="hint")
            for shown in view.shown:
                yield Static(plain(f"{shown.label}:", "dim"), classes="shown-label")
                for text in shown.texts:
                    yield Static(plain(text), classes="shown")
        yield Static("", id="message", classes="message -empty")
        yield from self._answer_area(view)
        yield Footer()

    def _answer_area(self, view: TurnView) -> ComposeResult:
        if view.kind == "choice":
            options = [Option(plain(o.label), id=o.id) for o in view.options]
            choices = OptionList(*options, id="choices")
            choices.highlighted = 0
            yield choices
            with Horizontal(classes="buttons"):
                yield Button("Pass", id="pass-button")
        elif view.kind in ("agreement", "confirm"):
            with Horizontal(classes="buttons"):
                yield Button("Agree", id="submit-button", variant="primary")
                yield Button("Not yet", id="pass-button")
        elif view.kind == "date":
            yield Input(
                view.start_text,
                placeholder=self.book.library.say("exercise.date_placeholder"),
                id="date",
            )
            with Horizontal(classes="buttons"):
                yield Button("Submit", id="submit-button", variant="primary")
                yield Button("Pass", id="pass-button")
        else:
            area = AnswerBox(view.start_text, id="answer", soft_wrap=True, show_line_numbers=False)
            area.placeholder = self.book.library.say("exercise.answer_placeholder")
            yield area
            with Horizontal(classes="buttons"):
                yield Button("Submit", id="submit-button", variant="primary")
                yield Button("Pass", id="pass-button")

    def on_mount(self) -> None:
        self._focus_answer()
        if self.view.draft_restored:
            self.notify(self.book.library.say("exercise.draft_restored"))

    def _focus_answer(self) -> None:
        for selector in ("#answer", "#choices", "#date", "#submit-button"):
            found = self.query(selector)
            if found:
                widget = found.first()
                widget.focus()
                if isinstance(widget, TextArea):
                    widget.move_cursor(widget.document.end)
                return

    # -- drafts --------------------------------------------------------------------------

    @on(TextArea.Changed, "#answer")
    def _typed(self, event: TextArea.Changed) -> None:
        delay = self.throttle.changed(event.text_area.text)
        if delay is not None:
            # Textual's timer cannot take a zero delay; a twentieth of a second is immediate enough.
            self.set_timer(max(delay, 0.05), self._flush_draft)

    def _flush_draft(self) -> None:
        try:
            self.throttle.flush()
        except OSError as error:
            self._say_problem(error)

    def keep_words(self) -> None:
        """Save unsaved typing now (before quitting or pausing)."""
        if self.throttle.unsaved:
            self._flush_draft()

    # -- actions -------------------------------------------------------------------------

    def _answer(self) -> AnswerValue:
        kind = self.view.kind
        if kind == "choice":
            choices = self.query_one("#choices", OptionList)
            if choices.highlighted is None:
                return None
            return choices.get_option_at_index(choices.highlighted).id
        if kind in ("agreement", "confirm"):
            return AGREE
        if kind == "date":
            return self.query_one("#date", Input).value.strip()
        return self.query_one("#answer", TextArea).text

    def action_submit(self) -> None:
        self._send(lambda: self.book.submit(self.session_id, self._answer()))

    @on(OptionList.OptionSelected, "#choices")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        choice = event.option.id
        self._send(lambda: self.book.submit(self.session_id, choice))

    @on(Input.Submitted, "#date")
    @on(Button.Pressed, "#submit-button")
    def _submit_pressed(self) -> None:
        self.action_submit()

    @on(Button.Pressed, "#pass-button")
    def action_pass(self) -> None:
        self._send(lambda: self.book.pass_turn(self.session_id))

    def action_pause(self) -> None:
        self.keep_words()
        self.book.pause(self.session_id)
        self.app.notify(self.book.library.say("exercise.paused"))
        self.dismiss()

    def _send(self, act: Callable[[], Move]) -> None:
        """Run a submit or pass; on success show what comes next, else keep the words."""
        try:
            move = act()
        except AnswerError as problem:
            self._tell(plain(str(problem)))
            return
        except OSError as error:
            self._say_problem(error)
            return
        self.throttle.cancel()
        self._after(move)

    def _say_problem(self, error: OSError) -> None:
        reason = error.strerror or str(error)
        self._tell(self.say("exercise.save_failed", reason=reason))

    def _tell(self, words: Text) -> None:
        """Show a problem above the answer box; the typed words stay where they are."""
        message = self.query_one("#message", Static)
        message.update(words)
        message.remove_class("-empty")

    def _after(self, move: Move) -> None:
        library = self.book.library
        if move.turn.passed:
            self.app.notify(library.say("exercise.passed", actor=self.book.name(move.turn.partner)))
        status = move.session.status
        if status in ("completed", "set_aside"):
            self.app.switch_screen(SummaryScreen(self.session_id))
            return
        if status == "paused":
            self.app.notify(library.say("exercise.paused"))
            self.dismiss()
            return
        if move.swapped:
            self.app.push_screen(HandOverScreen(self.book.swap_words(self.session_id)))
        self.view = self._current_view()
        self.throttle = self._new_throttle()
        self.refresh(recompose=True)
        self.call_after_refresh(self._focus_answer)
