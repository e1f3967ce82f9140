"""Home: today's one suggestion, sessions to pick up (newest first), exercises to start, and
the agreements; each new milestone is celebrated here once.

A sensitive exercise opens, and is picked up again, only after both partners say yes in
private (``ConsentScreen``), each time.

The screens Home leads to are imported when they are opened, not with Home: start-up loads only
what the first screen shows (``benchmarks/bench_startup.py``)."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Footer, Header, Label, OptionList, Static
from textual.widgets.option_list import Option

from screens.base import UsesBook
from screens.celebrate import celebrate_next
from screens.commands import HomeCommands
from screens.plain import plain
from screens.today_notice import TodayNotice
from workbook.agreement_sessions import REVIEW_EXERCISE
from workbook.check_ins import CHECK_IN_EXERCISE
from workbook.content_format import Exercise
from workbook.models import PARTNER_IDS, PartnerId
from workbook.signals import PROFESSIONAL_HELP
from workbook.turn_view import step_position


class HomeScreen(UsesBook, Screen[None]):
    HELP = "home"
    COMMANDS = {HomeCommands}
    """The palette's commands that leave the screen: offered on Home only, where no turn is
    under way (``screens/commands.py``)."""
    shown_as: tuple[object, ...] = ()
    """The names and the mode Home's words were composed for (``_as_set``)."""
    celebrates: ClassVar[bool] = True
    """Notice new milestones and celebrate each once when Home appears. The Pilot tests of
    other screens turn it off (``tests/app/conftest.py``), so their journeys go on as before."""

    def compose(self) -> ComposeResult:
        partners = self.book.partners()
        self.shown_as = self._as_set()
        yield Header()
        with VerticalScroll(id="home"):
            yield Static(
                self.say("home.greeting", a=partners["a"].name, b=partners["b"].name),
                classes="lead",
            )
            yield Static("", id="break-ahead", classes="notice")
            with Vertical(id="help-signal", classes="notice"):
                yield Static("", id="help-signal-words")
                with Horizontal(classes="buttons"):
                    help_title = self.book.exercise(PROFESSIONAL_HELP).title
                    yield Button(help_title, id="help-signal-open", variant="primary")
                    yield Button("Not now", id="help-signal-later")
            yield TodayNotice(id="today")
            yield Label(self.say("home.open_sessions"), classes="heading")
            yield OptionList(id="sessions")
            yield Static(self.say("home.no_open_sessions"), id="no-sessions", classes="quiet")
            yield Label(self.say("home.path"), classes="heading")
            yield OptionList(id="exercises")
            yield Label(self.say("home.agreements"), classes="heading")
            yield OptionList(id="agreements")
            yield Static(self.say("home.no_agreements"), id="no-agreements", classes="quiet")
            yield Label(self.say("progress.home_heading"), classes="heading")
            yield OptionList(
                Option(plain(self.book.say("progress.home_line")), id="progress"),
                Option(plain(self.book.say("progress.home_check_in")), id="check-in"),
                id="progress-lines",
            )
            yield Label(self.say("moment.heading"), classes="heading")
            yield OptionList(id="moments")
            yield Label(self.say("my_answers.heading"), classes="heading")
            yield self._own_words()
            yield Label(self.say("home.milestones"), id="milestones-heading", classes="heading")
            yield OptionList(id="milestones")
        yield Footer(compact=True)

    async def on_screen_resume(self) -> None:
        """Also as Home first appears (Textual resumes a screen it pushes), so the lists are
        filled once at start, not twice."""
        if self.shown_as != self._as_set():  # settings renamed someone, or changed the mode
            await self.recompose()
        self.refresh_lists()
        self.call_after_refresh(self._celebrate)

    def _celebrate(self) -> None:
        """A new milestone, celebrated once, over Home (never over another screen)."""
        if self.celebrates and self.app.screen is self:
            celebrate_next(self.app, self.book)

    def _as_set(self) -> tuple[object, ...]:
        """What Home's own words depend on beyond its lists: the names and discreet mode."""
        return tuple(p.name for p in self.book.partners().values()), self.book.discreet()

    def refresh_lists(self) -> None:
        """Rebuild the three lists from the workbook as it is now."""
        book = self.book
        self._show_break_ahead()
        today = self.query_one(TodayNotice)
        today.show(quiet=self.book.break_ahead() is not None)
        self._show_help_signal()
        self._show_moments()
        sessions = self.query_one("#sessions", OptionList)
        sessions.clear_options()
        sessions.add_options(self._session_options())
        sessions.display = sessions.option_count > 0
        self.query_one("#no-sessions").display = sessions.option_count == 0
        exercises = self.query_one("#exercises", OptionList)
        exercises.clear_options()
        exercises.add_options(self._path_options())
        agreements = self.query_one("#agreements", OptionList)
        agreements.clear_options()
        for agreement in book.agreements():
            line = agreement.title  # one not in force says so
            if agreement.status != "active":
                line = book.library.say(f"home.agreement_{agreement.status}", title=line)
            agreements.add_option(Option(plain(line), id=f"agreement:{agreement.id}"))
        agreements.display = agreements.option_count > 0
        self.query_one("#no-agreements").display = agreements.option_count == 0
        milestones = self.query_one("#milestones", OptionList)
        milestones.clear_options()
        for milestone in book.milestones():
            line = self.book.library.say(
                "home.milestone_line", date=milestone.on.isoformat(), title=milestone.title
            )
            milestones.add_option(Option(plain(line), disabled=True))
        milestones.display = milestones.option_count > 0
        self.query_one("#milestones-heading").display = milestones.option_count > 0
        for options in (sessions, exercises, agreements):
            # So Enter opens the first one straight away (part headings cannot be chosen).
            options.highlighted = next(
                (i for i in range(options.option_count) if not options.options[i].disabled), None
            )
        exercises.scroll_home(animate=False)  # part 1's heading in view, not just its exercise
        first = sessions if sessions.highlighted is not None else exercises
        if today.display:  # so Enter starts today's suggestion
            self.query_one("#today-start").focus(scroll_visible=False)
        else:
            first.focus(scroll_visible=False)
        self.query_one("#home", VerticalScroll).scroll_home(animate=False)

    def _show_break_ahead(self) -> None:
        """A break agreed before the app was closed: its return time, until it comes."""
        ahead = self.book.break_ahead()
        notice = self.query_one("#break-ahead", Static)
        notice.display = ahead is not None
        if ahead is not None:
            notice.update(self.say("timeout.home", time=self.book.time_words(ahead.until)))

    def _session_options(self) -> list[Option]:
        library, today = self.book.library, self.book.clock.now().date()
        options = []
        for entry in self.book.open_sessions():
            exercise = library.exercises.get(entry.exercise_id)
            if exercise is None:
                continue
            names = {
                "exercise": self.book.session_title(entry),
                "actor": self.book.name(entry.actor),
            }
            if entry.due_on is not None and entry.due_on > today:
                line = library.say("home.session_due", date=entry.due_on.isoformat(), **names)
            else:
                key = "home.session_paused" if entry.status == "paused" else "home.session_line"
                step = str(step_position(exercise, entry.step_id)[0])
                line = library.say(key, step=step, **names)
            resting = self.book.resting_until(entry.exercise_id)
            if resting is not None:  # it did not open lately: not picked up before that day
                line = library.say("consent.resting", title=line, date=resting.isoformat())
            options.append(
                Option(plain(line), id=f"session:{entry.id}", disabled=resting is not None)
            )
        return options

    def _path_options(self) -> list[Option]:
        """The ten parts as headings, each followed by its exercises; one resting after it
        did not open is listed with its date but cannot be chosen."""
        library = self.book.library
        options = []
        for part in self.book.path():
            heading = library.say("home.part_line", number=str(part.number), title=part.title)
            options.append(Option(plain(heading, "bold"), disabled=True))
            for exercise in part.exercises:
                line, resting = plain("  " + exercise.line), exercise.resting_until is not None
                options.append(Option(line, id=f"exercise:{exercise.id}", disabled=resting))
        return options

    @on(OptionList.OptionSelected, "#sessions")
    def _resume(self, event: OptionList.OptionSelected) -> None:
        self.resume_session(str(event.option.id).removeprefix("session:"))

    def resume_session(self, session_id: str) -> None:
        """Pick a session up; a sensitive one only once both have said yes again, in private."""
        from screens.consent import ConsentScreen
        from screens.exercise import ExerciseScreen

        exercise = self.book.exercise(self.book.load(session_id).session.exercise_id)

        def open_it(consented: bool | None) -> None:
            if consented or not exercise.sensitive:
                self.book.resume(session_id, consented=bool(consented))
                self.app.push_screen(ExerciseScreen(session_id))

        if exercise.sensitive:
            self.app.push_screen(ConsentScreen(exercise, resuming=True), open_it)
        else:
            open_it(False)

    @on(OptionList.OptionSelected, "#exercises")
    def _choose(self, event: OptionList.OptionSelected) -> None:
        self.open_exercise(str(event.option.id).removeprefix("exercise:"))

    def open_exercise(self, exercise_id: str) -> None:
        """Start an exercise: a sensitive one asks each partner in private first, and one
        still waiting for others says why instead."""
        from screens.consent import ConsentScreen
        from screens.roles import RolesScreen
        from screens.waits import WaitsScreen

        exercise = self.book.exercise(exercise_id)
        waiting_for = self.book.waiting_for(exercise_id)
        if waiting_for:
            self.app.push_screen(WaitsScreen(exercise, waiting_for))
            return

        def choose_roles(consented: bool | None) -> None:
            if consented or not exercise.sensitive:
                self.app.push_screen(
                    RolesScreen(exercise),
                    lambda roles: self._begin(exercise, roles, bool(consented)),
                )

        if exercise.sensitive:
            self.app.push_screen(ConsentScreen(exercise, resuming=False), choose_roles)
        else:
            choose_roles(False)

    def _begin(
        self, exercise: Exercise, roles: dict[str, PartnerId] | None, consented: bool
    ) -> None:
        from screens.exercise import ExerciseScreen

        if roles is not None:
            session = self.book.start(exercise.id, roles, consented=consented)
            self.app.push_screen(ExerciseScreen(session.id))

    @on(OptionList.OptionSelected, "#agreements")
    def _agreements(self, event: OptionList.OptionSelected) -> None:
        from screens.agreements import AgreementsScreen

        self.app.push_screen(AgreementsScreen(str(event.option.id).removeprefix("agreement:")))

    # -- signals to seek help, and each partner's moment for a therapist -----------------

    help_set_aside = False
    """ "Not now" was chosen: no suggestion of help for the rest of this sitting."""

    def _show_help_signal(self) -> None:
        """One kind notice, however many signals hold: a sentence for each, one closing."""
        signals = [] if self.help_set_aside else self.book.help_signals()
        self.query_one("#help-signal").display = bool(signals)
        if signals:
            keys = [*(f"signals.{signal}" for signal in signals), "signals.closing"]
            words = " ".join(self.book.library.say(key) for key in keys)
            self.query_one("#help-signal-words", Static).update(plain(words))

    @on(Button.Pressed, "#help-signal-open")
    def _seek_help(self) -> None:
        self.open_exercise(PROFESSIONAL_HELP)

    @on(Button.Pressed, "#help-signal-later")
    def _not_now(self) -> None:
        self.help_set_aside = True
        self.refresh_lists()

    # -- today's one suggestion -----------------------------------------------------------

    @on(Button.Pressed, "#today-start")
    def _start_today(self) -> None:
        """Through the same ways in as the lists below: a review, a session picked up, or an
        exercise started (roles, and consent where it is asked)."""
        from screens.about_agreement import open_about_agreement

        suggestion = self.query_one(TodayNotice).suggestion
        if suggestion is None:
            return
        if suggestion.agreement_id is not None:
            open_about_agreement(self.app, self.book, REVIEW_EXERCISE, suggestion.agreement_id)
        elif suggestion.session_id is not None:
            self.resume_session(suggestion.session_id)
        elif suggestion.exercise_id is not None:
            self.open_exercise(suggestion.exercise_id)

    @on(Button.Pressed, "#today-later")
    def _today_later(self) -> None:
        self.query_one(TodayNotice).set_aside = True
        self.refresh_lists()

    def _show_moments(self) -> None:
        """Whether each partner has noted a moment, and when: never its words."""
        moments, library = self.book.moments(), self.book.library
        options = self.query_one("#moments", OptionList)
        options.clear_options()
        for pid, partner in self.book.partners().items():
            noted = moments.get(pid)
            if noted is None:
                line = library.say("moment.not_noted", actor=partner.name)
            else:
                day = noted.noted_at.astimezone().date().isoformat()
                line = library.say("moment.noted", actor=partner.name, date=day)
            options.add_option(Option(plain(line), id=f"moment:{pid}"))
        options.highlighted = 0

    @on(OptionList.OptionSelected, "#moments")
    def _open_moment(self, event: OptionList.OptionSelected) -> None:
        """A hand-over naming the partner whose moment it is, then their moment."""
        from screens.handover import HandOverScreen
        from screens.moment import MomentScreen

        partner = next(p for p in PARTNER_IDS if event.option.id == f"moment:{p}")
        library, actor = self.book.library, self.book.name(partner)
        self.app.push_screen(
            HandOverScreen(
                library.say("moment.handover", actor=actor),
                library.say("moment.handover_ready", actor=actor),
            ),
            lambda _: self.app.push_screen(MomentScreen(partner)),
        )

    @on(OptionList.OptionSelected, "#progress-lines")
    def _open_progress(self, event: OptionList.OptionSelected) -> None:
        """Progress (the chart, milestones, the history), or a check-in started now."""
        from screens.progress import ProgressScreen

        if event.option.id == "progress":
            self.app.push_screen(ProgressScreen())
        else:
            self.open_exercise(CHECK_IN_EXERCISE)

    # -- each partner's own answers, and the summary for a therapist ---------------------

    def _own_words(self) -> OptionList:
        """A line for each partner's own answers (behind a hand-over naming them), one to
        write a summary for a therapist, one to delete a session, and one for settings."""
        say = self.book.say
        options = [
            Option(plain(say("my_answers.line", actor=partner.name)), id=f"my-answers:{pid}")
            for pid, partner in self.book.partners().items()
        ]
        options.append(Option(plain(say("my_answers.export_line")), id="export"))
        options.append(Option(plain(say("delete.session_line")), id="delete-session"))
        options.append(Option(plain(say("settings.line")), id="settings"))
        own_words = OptionList(*options, id="own-words")
        own_words.highlighted = 0
        return own_words

    @on(OptionList.OptionSelected, "#own-words")
    def _open_own_words(self, event: OptionList.OptionSelected) -> None:
        from screens.delete_session import DeleteSessionScreen
        from screens.export import ExportScreen
        from screens.my_answers import open_my_answers
        from screens.settings import SettingsScreen

        if event.option.id == "export":
            self.app.push_screen(ExportScreen())
            return
        if event.option.id == "delete-session":
            self.app.push_screen(DeleteSessionScreen())
            return
        if event.option.id == "settings":
            self.app.push_screen(SettingsScreen())
            return
        partner = next(p for p in PARTNER_IDS if event.option.id == f"my-answers:{p}")
        open_my_answers(self.app, self.book, partner)
