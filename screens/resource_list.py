"""Where to turn, laid out read-only: the emergency guidance, the couple's own list and the
shipped helplines by country (each with its source and the date it was checked). Shared
by the resources screen and the private pages of the safety check, so both always show the
same thing."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Button, Static

from screens.base import UsesBook
from screens.plain import plain
from workbook.care_format import Helpline


def by_country(helplines: list[Helpline]) -> dict[str, list[Helpline]]:
    """Helplines grouped by country, countries in the order the content file lists them."""
    grouped: dict[str, list[Helpline]] = {}
    for helpline in helplines:
        grouped.setdefault(helpline.country, []).append(helpline)
    return grouped


class ResourceList(UsesBook, VerticalScroll):
    """The resources as one scrolling region (height 1fr by default; give it a height in your
    screen's CSS if it sits among other things). With ``removable`` each of the couple's own
    entries gets a "Remove" button whose ``name`` is the entry's id; the screen handles it."""

    DEFAULT_CSS = """
    ResourceList {
        height: 1fr;
        padding: 0 1 1 1;
    }
    ResourceList .country {
        margin: 1 0 0 0;
        text-style: bold;
        color: $accent;
    }
    ResourceList .entry {
        height: auto;
        margin: 1 0 0 2;
    }
    ResourceList .entry-name {
        text-style: bold;
    }
    ResourceList .entry Button {
        height: 1;
        min-width: 10;
        border: none;
        margin: 0;
    }
    """

    def __init__(self, *, removable: bool = False, id: str | None = None) -> None:
        super().__init__(id=id)
        self.removable = removable

    def compose(self) -> ComposeResult:
        resources = self.book.library.resources
        yield Static(plain(resources.emergency), classes="lead", id="emergency")
        # Their own list is short and the closest help they have, so it comes before the
        # long list of helplines.
        yield Static(self.say("resources.own"), classes="heading")
        yield Static(self.say("resources.own_note"), classes="quiet", id="own-note")
        yield from self._own()
        yield Static(self.say("resources.helplines"), classes="heading")
        grouped = by_country(resources.helplines)
        countries = ", ".join(grouped)
        yield Static(self.say("resources.countries", countries=countries), classes="quiet")
        for country, helplines in grouped.items():
            yield Static(plain(country), classes="country")
            for helpline in helplines:
                yield self._helpline(helpline)

    def _helpline(self, helpline: Helpline) -> Vertical:
        source = self.say(
            "resources.source", source=str(helpline.source), checked=helpline.checked.isoformat()
        )
        return Vertical(
            Static(plain(helpline.name), classes="entry-name"),
            Static(plain(helpline.contact)),
            Static(plain(helpline.helps_with)),
            Static(source, classes="quiet"),
            classes="entry",
        )

    def _own(self) -> ComposeResult:
        own = self.book.own_resources()
        if not own:
            yield Static(self.say("resources.own_empty"), classes="quiet", id="own-empty")
        for resource in own:
            # Typed by one of the couple: plain text only, whatever it contains.
            parts = [Static(plain(resource.name), classes="entry-name")]
            if resource.contact:
                parts.append(Static(plain(resource.contact)))
            if resource.note:
                parts.append(Static(plain(resource.note), classes="quiet"))
            if self.removable:
                parts.append(Button("Remove", name=resource.id, classes="remove-own"))
            yield Vertical(*parts, classes="entry own")
