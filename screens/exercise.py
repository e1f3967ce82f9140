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
from textual.containers import Vertical, VerticalScroll
from textual.screen import Screen
from textual.theme import Theme
from textual.widgets import Button, Footer, Input, OptionList, Static, TextArea

from screens.answer_area import answer_widgets, focus_answer, read_answer, step_words
from screens.base import HandsOverAgain
from screens.change_answer import Changed, change_offer, open_change
from screens.handover import HandOverScreen
from screens.help_topics import step_help
from screens.plain import plain
from screens.reveal import RevealScreen
from screens.share_ratings import ShareRatingsScreen
from screens.summary import SummaryScreen
from screens.typing import TypingScreen
from screens.wording_check import WordingCheckScreen
from workbook.answers import AGREEING_KINDS, AnswerError
from workbook.drafts import DraftThrottle
from workbook.engine import Move
from workbook.models import Session, other
from workbook.turn_view import TurnView


class ExerciseScreen(HandsOverAgain, TypingScreen):
    HELP = "exercise"
    BINDINGS = [
        Binding("ctrl+s", "submit", "Submit", priority=True, id="submit"),
        Binding("ctrl+s", "agree", "Agree", priority=True, id="agree"),
        Binding("ctrl+n", "pass", "Pass", priority=True, id="pass"),
        Binding("ctrl+n", "not_yet", "Not yet", priority=True, id="not-yet"),
        Binding("ctrl+n", "not_today", "Not today", priority=True, id="not-today"),
        Binding("ctrl+o", "pause", "Pause", priority=True, id="pause"),
    ]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The keys say what the buttons say: "Agree" and "Not yet" on a step answered by
        agreeing, "Not today" where passing keeps the question for later."""
        agreeing = self.view.kind in AGREEING_KINDS
        shown = {
            "agree": agreeing,
            "not_yet": agreeing,
            "submit": not agreeing,
            "pass": not agreeing and not self.view.keeps,
            "not_today": self.view.keeps,
        }
        return shown.get(action, True)

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
        with Vertical(id="turn"):
            yield Static(self._banner(), id="banner")
            yield Static(plain(view.meanwhile), id="meanwhile")
            yield Static(plain(f"{view.exercise_title} · {view.progress}"), id="progress")
        with VerticalScroll(id="ask"):
            yield from step_words(view, self.say)
            last = self.book.last_turn(self.session_id)
            if last is not None:
                yield from change_offer(self.book, last)
        yield Static("", id="message", classes="message -empty")
        yield from answer_widgets(view, self.book.library)
        # Its own keys fill 80 columns: ctrl+p still works, and help (F1) names it.
        yield Footer(compact=True, show_command_palette=False)

    def help_now(self) -> ComposeResult:
        """For help (F1): this step as shown here, whose turn it is, and how turns work."""
        return step_help(self.view, self.say)

    def _banner(self) -> Text:
        """Whose turn it is, in words, in their colour as the theme chosen paints it."""
        return plain(self.view.banner, f"bold {self.book.paint(self.view.actor)}")

    def on_mount(self) -> None:
        self.app.theme_changed_signal.subscribe(self, self._repaint_banner)
        self._arrive(None)

    def _repaint_banner(self, _: Theme) -> None:
        """A new theme (from the command palette) paints the banner in its own shades."""
        self.query_one("#banner", Static).update(self._banner())

    def _arrive(self, move: Move | None) -> None:
        """Show what comes between turns, in order: the reveal of a private step just
        finished, the swap of roles, and the hand-over into a private step; then the answer."""
        between: list[Screen[None]] = []
        if move is not None and move.revealed is not None:
            between.append(RevealScreen(self.book.reveal(self.session_id, move.revealed)))
        if move is not None and move.swapped:
            words = self.book.swap_words(self.session_id)
            between.append(HandOverScreen(words, self.book.library.say("handover.ready")))
        if self.view.private:
            between.append(self._private_hand_over())
        if between:
            # Straight away, so the next turn never paints before what must come first.
            self._show_in_turn(between)
        else:
            self.call_after_refresh(self._show_in_turn, [])

    def _private_hand_over(self) -> HandOverScreen:
        """The hand-over into this private step, naming who should be looking."""
        ready = self.book.library.say(
            "handover.private_ready", actor=self.book.name(self.view.actor)
        )
        return HandOverScreen(self.view.handover, ready)

    def _show_in_turn(self, between: list[Screen[None]]) -> None:
        if between:
            self.app.push_screen(between[0], lambda _: self._show_in_turn(between[1:]))
            return
        self._focus_answer()
        if self.view.draft_restored:
            self.notify(self.book.library.say("exercise.draft_restored"))

    def _focus_answer(self) -> None:
        focus_answer(self, "#submit-button")

    # -- drafts --------------------------------------------------------------------------

    @on(TextArea.Changed, "#answer")
    def _typed(self, event: TextArea.Changed) -> None:
        self.typed(event.text_area.text)

    def keep_words(self) -> None:
        """Save unsaved typing now (before quitting or pausing)."""
        if self.throttle.unsaved:
            self.flush_typing()

    # -- actions -------------------------------------------------------------------------

    def action_agree(self) -> None:
        self.action_submit()

    def action_not_yet(self) -> None:
        self.action_pass()

    def action_not_today(self) -> None:
        self.action_pass()

    def action_submit(self) -> None:
        answer = read_answer(self, self.view.kind)
        if isinstance(answer, str) and self._wording_noticed(answer):
            return  # nothing is saved until the writer has answered the gentle check
        if self.view.kind == "ratings" and isinstance(answer, dict):
            self._choose_what_to_share(answer)
            return
        self._send(lambda: self.book.submit(self.session_id, answer))

    def _choose_what_to_share(self, answer: dict[str, str]) -> None:
        """A check-in: the same private screen for everyone, whatever they rated, then only
        what is shared is saved. Back: the ratings as they were."""
        self.keep_words()
        actor = self.view.actor
        names = {"actor": self.book.name(actor), "other": self.book.name(other(actor))}

        def chosen(shared: dict[str, str] | None) -> None:
            if shared is None:
                self._focus_answer()
            else:
                self._send(lambda: self.book.submit(self.session_id, shared))

        self.app.push_screen(ShareRatingsScreen(self.view, answer, names), chosen)

    #: The turn and the words its writer chose to keep after a gentle check: not checked again.
    _kept_words: tuple[TurnView, str] | None = None

    def _wording_noticed(self, text: str) -> bool:
        """Whether the step's gentle wording checks noticed something in ``text``; if so, ask
        (keeping the draft first) whether the writer would like to rephrase."""
        if self.view.kind != "text" or self._kept_words == (self.view, text):
            return False
        noticed = self.book.check_wording(self.session_id, text)
        if not noticed:
            return False
        self.keep_words()
        self.app.push_screen(WordingCheckScreen(noticed), lambda keep: self._checked(text, keep))
        return True

    def _checked(self, text: str, keep: bool | None) -> None:
        """Keep: save exactly ``text``. Rephrase: back to the box, every word where it was.
        None (a break closed the check): the screen's own way back after a break does it."""
        if keep:
            self._kept_words = (self.view, text)
            self._send(lambda: self.book.submit(self.session_id, text))
        elif keep is False:
            self._focus_answer()

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
        if self.view.keeps:
            self.keep_words()  # a question kept again is kept as last reworded
        self._send(lambda: self.book.pass_turn(self.session_id))

    def action_pause(self) -> None:
        self.stop_here()
        self.app.notify(self.book.library.say("exercise.paused"))
        self.dismiss()

    def stop_here(self) -> None:
        """Keep the words and pause the session where it stands (pausing, or stopping for
        today)."""
        self.keep_words()
        self.book.pause(self.session_id)

    def back_from_break(self) -> None:
        """Back from a time-out: the same step and words; a private step's hand-over again."""
        if self.view.private:
            self._show_in_turn([self._private_hand_over()])
        else:
            self._focus_answer()

    def _send(self, act: Callable[[], Move]) -> None:
        """Run a submit or pass; on success show what comes next, else keep the words."""
        try:
            move = act()
        except AnswerError as problem:
            self.tell(plain(str(problem)))
            return
        except OSError as error:
            self.say_problem(error)
            return
        self.throttle.cancel()
        self._after(move)

    def _after(self, move: Move) -> None:
        library = self.book.library
        if move.turn.passed and not self.view.private:  # a private pass is nobody's business
            key = "exercise.kept" if move.kept is not None else "exercise.passed"
            self.app.notify(library.say(key, actor=self.book.name(move.turn.partner)))
        self._carry_on(move.session, move)

    @on(Button.Pressed, "#change-last")
    def _change_last(self) -> None:
        """The floor passes back to the last answer's author for a moment; the words typed
        here are kept first (a correction starts this turn afresh, from the new answer)."""
        last = self.book.last_turn(self.session_id)
        if last is not None:
            self.keep_words()
            open_change(self.app, self.book, self.session_id, last, self._changed)

    def _changed(self, changed: Changed) -> None:
        """After a correction the session goes on from the new answer; after taking back,
        from the author's turn again; if the answer was kept as it was, the floor comes back
        here (through this step's hand-over, if it is private)."""
        if isinstance(changed, Move):
            self._carry_on(changed.session, changed)
        elif changed is not None:
            self._carry_on(changed, None)
        else:
            self.back_from_break()

    def _carry_on(self, session: Session, move: Move | None) -> None:
        """Show what comes after a change to the session: the summary once it has ended,
        Home while it waits, else the next turn (after any reveal, swap or hand-over)."""
        library = self.book.library
        status = session.status
        if status in ("completed", "set_aside"):
            self.app.switch_screen(SummaryScreen(self.session_id))
            return
        if status == "paused":
            due = session.due_on
            words = library.say("exercise.see_you", date=due.isoformat()) if due else ""
            self.app.notify(words or library.say("exercise.paused"))
            self.dismiss()
            return
        self.view = self._current_view()
        self.throttle = self._new_throttle()
        self.refresh(recompose=True)
        self.refresh_bindings()
        self._arrive(move)
