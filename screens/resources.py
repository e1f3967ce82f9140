"""Where to turn, from any screen with ctrl+r: emergency guidance, the helplines and the
couple's own list, which they can add to and prune here. It covers the whole screen, so a
private answer being typed behind it never shows."""

from __future__ import annotations

from annotated_types import MaxLen
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Input, Static

from screens.base import UsesBook
from screens.resource_list import ResourceList
from screens.safety import SafetyCheckScreen
from workbook.book import NameError_
from workbook.models import OwnResource


def longest(field: str) -> int:
    """The longest an own resource's ``field`` may be, as the stored record allows, so the
    form never takes more than can be saved."""
    return next(
        m.max_length for m in OwnResource.model_fields[field].metadata if isinstance(m, MaxLen)
    )


class ResourcesScreen(UsesBook, ModalScreen[str | None]):
    """Returns "solo_check" to have the app run the safety check for one person (and then
    come back here), or None (Back, escape)."""

    HELP = "resources"

    BINDINGS = [Binding("escape", "back", "Back")]

    def compose(self) -> ComposeResult:
        with Vertical(id="resources"):
            yield Static(self.say("resources.heading"), classes="heading")
            yield ResourceList(removable=True, id="resource-list")
            yield Static(self.say("resources.solo_check"), classes="quiet")
            with Horizontal(classes="buttons"):
                yield Button("Add one of our own", id="add-own")
                yield Button("Take the safety check on my own", id="solo-check")
                yield Button("Back", id="back")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        # A check is never started inside another (resources opened during one).
        self.query_one("#solo-check").display = not self.app.under_way(SafetyCheckScreen)
        self.query_one(ResourceList).focus()

    @on(Button.Pressed, "#add-own")
    def _add(self) -> None:
        self.app.push_screen(AddOwnResourceScreen(), self._after_add)

    async def _after_add(self, added: bool | None) -> None:
        if added:
            await self.query_one(ResourceList).recompose()
        self.query_one("#add-own").focus()

    @on(Button.Pressed, ".remove-own")
    async def _remove(self, event: Button.Pressed) -> None:
        self.book.remove_own_resource(str(event.button.name))
        listing = self.query_one(ResourceList)
        await listing.recompose()
        listing.focus()

    @on(Button.Pressed, "#solo-check")
    def _solo_check(self) -> None:
        self.dismiss("solo_check")

    @on(Button.Pressed, "#back")
    def action_back(self) -> None:
        self.dismiss(None)


class AddOwnResourceScreen(UsesBook, ModalScreen[bool]):
    """A small form for one of the couple's own places to turn; True once it is saved."""

    HELP = "add_resource"

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(self.say("resources.add_heading"), classes="lead")
            yield Static(self.say("resources.own_note"), classes="quiet")
            yield Input(
                placeholder=self.book.library.say("resources.add_name"),
                max_length=longest("name"),
                id="own-name",
            )
            yield Input(
                placeholder=self.book.library.say("resources.add_contact"),
                max_length=longest("contact"),
                id="own-contact",
            )
            yield Input(
                placeholder=self.book.library.say("resources.add_note"),
                max_length=longest("note"),
                id="own-note-input",
            )
            yield Static("", id="own-message", classes="message -empty")
            with Horizontal(classes="buttons"):
                yield Button("Add", id="save-own", variant="primary")
                yield Button("Cancel", id="cancel-own")

    def on_mount(self) -> None:
        self.query_one("#own-name").focus()

    @on(Input.Submitted, "#own-name")
    def _to_contact(self) -> None:
        self.query_one("#own-contact").focus()

    @on(Input.Submitted, "#own-contact")
    def _to_note(self) -> None:
        self.query_one("#own-note-input").focus()

    @on(Input.Submitted, "#own-note-input")
    @on(Button.Pressed, "#save-own")
    def _save(self) -> None:
        try:
            self.book.add_own_resource(
                self.query_one("#own-name", Input).value,
                self.query_one("#own-contact", Input).value,
                self.query_one("#own-note-input", Input).value,
            )
        except NameError_ as problem:
            message = self.query_one("#own-message", Static)
            message.update(self.say(str(problem)))
            message.remove_class("-empty")
            self.query_one("#own-name").focus()
            return
        self.dismiss(True)

    @on(Button.Pressed, "#cancel-own")
    def action_cancel(self) -> None:
        self.dismiss(False)
