"""Home: sessions to pick up (newest first), exercises to start, and the agreements."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Label, OptionList, Static
from textual.widgets.option_list import Option

from screens.agreements import AgreementsScreen
from screens.base import UsesBook
from screens.exercise import ExerciseScreen
from screens.plain import plain
from screens.roles import RolesScreen
from workbook.content_format import Exercise
from workbook.models import PartnerId
from workbook.turn_view import step_position


class HomeScreen(UsesBook, Screen[None]):
    def compose(self) -> ComposeResult:
        partners = self.book.partners()
        yield Header()
        with VerticalScroll(id="home"):
            yield Static(
                self.say("home.greeting", a=partners["a"].name, b=partners["b"].name),
                classes="lead",
            )
            yield Label(self.say("home.open_sessions"), classes="heading")
            yield OptionList(id="sessions")
            yield Static(self.say("home.no_open_sessions"), id="no-sessions", classes="quiet")
            yield Label(self.say("home.exercises"), classes="heading")
            yield OptionList(id="exercises")
            yield Label(self.say("home.agreements"), classes="heading")
            yield OptionList(id="agreements")
            yield Static(self.say("home.no_agreements"), id="no-agreements", classes="quiet")
        yield Footer()

    def on_mount(self) -> None:
        self.refresh_lists()

    def on_screen_resume(self) -> None:
        self.refresh_lists()

    def refresh_lists(self) -> None:
        """Rebuild the three lists from the workbook as it is now."""
        book = self.book
        sessions = self.query_one("#sessions", OptionList)
        sessions.clear_options()
        for entry in book.open_sessions():
            exercise = book.library.exercises.get(entry.exercise_id)
            if exercise is None:
                continue
            key = "home.session_paused" if entry.status == "paused" else "home.session_line"
            line = book.library.say(
                key,
                exercise=exercise.title,
                step=str(step_position(exercise, entry.step_id)[0]),
                actor=book.name(entry.actor),
            )
            sessions.add_option(Option(plain(line), id=f"session:{entry.id}"))
        sessions.display = sessions.option_count > 0
        self.query_one("#no-sessions").display = sessions.option_count == 0
        exercises = self.query_one("#exercises", OptionList)
        exercises.clear_options()
        for exercise in book.library.exercises.values():
            if exercise.sensitive:
                continue
            line = book.library.say(
                "home.exercise_line", title=exercise.title, minutes=str(exercise.minutes)
            )
            exercises.add_option(Option(plain(line), id=f"exercise:{exercise.id}"))
        agreements = self.query_one("#agreements", OptionList)
        agreements.clear_options()
        for agreement in book.agreements():
            agreements.add_option(Option(plain(agreement.title), id=f"agreement:{agreement.id}"))
        agreements.display = agreements.option_count > 0
        self.query_one("#no-agreements").display = agreements.option_count == 0
        for options in (sessions, exercises, agreements):
            if options.option_count:
                options.highlighted = 0  # so Enter opens the first one straight away
        first = sessions if sessions.option_count else exercises
        first.focus()

    @on(OptionList.OptionSelected, "#sessions")
    def _resume(self, event: OptionList.OptionSelected) -> None:
        session_id = str(event.option.id).removeprefix("session:")
        self.book.resume(session_id)
        self.app.push_screen(ExerciseScreen(session_id))

    @on(OptionList.OptionSelected, "#exercises")
    def _choose_roles(self, event: OptionList.OptionSelected) -> None:
        exercise = self.book.exercise(str(event.option.id).removeprefix("exercise:"))

        def begin(roles: dict[str, PartnerId] | None) -> None:
            if roles is not None:
                self._begin(exercise, roles)

        self.app.push_screen(RolesScreen(exercise), begin)

    def _begin(self, exercise: Exercise, roles: dict[str, PartnerId]) -> None:
        session = self.book.start(exercise.id, roles)
        self.app.push_screen(ExerciseScreen(session.id))

    @on(OptionList.OptionSelected, "#agreements")
    def _agreements(self, event: OptionList.OptionSelected) -> None:
        self.app.push_screen(AgreementsScreen(str(event.option.id).removeprefix("agreement:")))
