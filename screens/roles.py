"""Before an exercise: the couple chooses who takes which part this time."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, OptionList, Static
from textual.widgets.option_list import Option

from screens.base import UsesBook
from screens.plain import plain
from workbook.content_format import Exercise
from workbook.models import PartnerId, other

Roles = dict[str, PartnerId]


class RolesScreen(UsesBook, ModalScreen[Roles | None]):
    """Returns the chosen roles, or None (escape, Back) to start nothing."""

    HELP = "roles"

    BINDINGS = [Binding("escape", "back", "Back")]

    def __init__(self, exercise: Exercise) -> None:
        super().__init__()
        self.exercise = exercise

    def _role_choices(self) -> list[Roles]:
        first_role = self.exercise.roles[0].id
        rest = [r.id for r in self.exercise.roles[1:]]
        made: list[Roles] = []
        for first in ("a", "b"):
            holder: PartnerId = first  # type: ignore[assignment]
            roles: Roles = {first_role: holder}
            for role in rest:
                roles[role] = other(holder)
            made.append(roles)
        return made

    def compose(self) -> ComposeResult:
        ex = self.exercise
        partners = self.book.partners()
        options = []
        for index, roles in enumerate(self._role_choices()):
            first, second = ex.roles[0], ex.roles[-1]
            line = self.book.library.say(
                "roles.option",
                first=partners[roles[first.id]].name,
                first_role=first.title,
                second=partners[roles[second.id]].name,
                second_role=second.title,
            )
            options.append(Option(plain(line), id=str(index)))
        with Vertical(id="dialog"):
            yield Static(plain(ex.title), classes="heading")
            yield Static(plain(ex.purpose))
            yield Static(self.say("roles.minutes", minutes=str(ex.minutes)), classes="quiet")
            yield Static(self.say("exercise.ready", ready=ex.ready), classes="quiet")
            yield Static(self.say("roles.ask"), classes="lead")
            yield OptionList(*options, id="role-options")
            yield Button("Back", id="back")

    def on_mount(self) -> None:
        options = self.query_one("#role-options", OptionList)
        options.highlighted = 0
        # At 80x24 a long purpose can push the choices past the bottom: the dialog still opens
        # at its top, so the exercise's title and first words show; it scrolls for the rest.
        options.focus(scroll_visible=False)
        dialog = self.query_one("#dialog")
        self.call_after_refresh(dialog.scroll_home, animate=False)

    @on(OptionList.OptionSelected, "#role-options")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self._role_choices()[int(str(event.option.id))])

    @on(Button.Pressed, "#back")
    def action_back(self) -> None:
        self.dismiss(None)
