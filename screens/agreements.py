"""The agreements: every one by area, with its status, review or end date and where it came
from; a filter by status and area and a search by words. Choosing one opens it in full."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Button, Footer, Header, Input, OptionList, Select, Static
from textual.widgets.option_list import Option

from screens.agreement_detail import AgreementScreen
from screens.base import UsesBook
from screens.plain import plain, quiet
from workbook.agreement_view import STATUSES, Listed, Wanted

ANY = ""
"""The filter value that lets every status (or every area) through."""


class AgreementsScreen(UsesBook, Screen[None]):
    """Every agreement by area; opens on ``selected`` (an agreement id) if given."""

    HELP = "agreements"

    BINDINGS = [
        Binding("escape", "back", "Back"),
        Binding("ctrl+f", "search", "Search"),
    ]

    def __init__(self, selected: str | None = None) -> None:
        super().__init__()
        self.selected = selected
        self.listed: dict[str, Listed] = {}
        """The agreements in the list now, by id."""
        self.loud: str | None = None
        """The agreement whose facts are drawn in the highlight's colours (the highlighted one)."""

    def compose(self) -> ComposeResult:
        library = self.book.library
        say = library.say
        statuses = [(plain(say("agreement.any_status")), ANY)]
        statuses += [(plain(say(f"agreement.status_{s}")), s) for s in STATUSES]
        areas = [(plain(say("agreement.any_category")), ANY)]
        areas += [(plain(c.label), c.id) for c in library.path.categories]
        yield Header()
        with Vertical(id="agreements-list"):
            yield Static(self.say("agreement.heading"), classes="heading")
            with Horizontal(id="agreement-filters"):
                yield Select(
                    statuses, value=ANY, allow_blank=False, compact=True, id="status-filter"
                )
                yield Select(areas, value=ANY, allow_blank=False, compact=True, id="area-filter")
                yield Input(
                    placeholder=say("agreement.search"), compact=True, id="agreement-search"
                )
            yield OptionList(id="agreement-options")
            yield Static("", id="agreement-none", classes="quiet")
            with Horizontal(classes="buttons"):
                yield Button("Back", id="back")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.show_list()
        self.query_one("#agreement-options").focus()
        if self.selected is not None:
            self.app.push_screen(AgreementScreen(self.selected))
            self.selected = None

    def on_screen_resume(self) -> None:
        """Back from one agreement: its status may have changed."""
        self.show_list()

    def wanted(self) -> Wanted:
        """What the filter and the search ask for now."""
        status = self.query_one("#status-filter", Select).value
        area = self.query_one("#area-filter", Select).value
        return Wanted(
            status=next((s for s in STATUSES if s == status), None),
            category=area if isinstance(area, str) and area != ANY else None,
            words=self.query_one("#agreement-search", Input).value,
        )

    @on(Select.Changed)
    @on(Input.Changed, "#agreement-search")
    def show_list(self) -> None:
        """The agreements wanted, under the label of their area; a line when none are."""
        groups = self.book.find_agreements(self.wanted())
        options = self.query_one("#agreement-options", OptionList)
        options.clear_options()
        self.listed = {listed.agreement.id: listed for group in groups for listed in group.listed}
        self.loud = next(iter(self.listed), None)  # the first agreement starts highlighted
        for group in groups:
            options.add_option(Option(plain(group.label, "bold"), disabled=True))
            ids = [listed.agreement.id for listed in group.listed]
            options.add_options(Option(self._prompt(i), id=i) for i in ids)
        options.highlighted = next((i for i, o in enumerate(options.options) if o.id), None)
        none = self.query_one("#agreement-none", Static)
        none.display = not groups
        none.update(
            self.say("agreement.none_found" if self.book.agreements() else "agreement.empty")
        )

    def _prompt(self, agreement_id: str) -> Content:
        """Two lines: the title, then its status, dates and origin, quiet unless highlighted."""
        listed = self.listed[agreement_id]
        title = Content.from_rich_text(plain(listed.agreement.title))
        loud = agreement_id == self.loud
        facts = Content.from_rich_text(plain(listed.facts)) if loud else quiet(listed.facts)
        return title + "\n  " + facts

    @on(OptionList.OptionHighlighted, "#agreement-options")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        """The highlighted agreement's facts take the highlight's own colours: the muted
        colour does not read on it (on high contrast's yellow, hardly at all)."""
        was, self.loud = self.loud, event.option.id
        for agreement_id in {was, self.loud} & set(self.listed):
            event.option_list.replace_option_prompt(agreement_id, self._prompt(agreement_id))

    @on(OptionList.OptionSelected, "#agreement-options")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.app.push_screen(AgreementScreen(str(event.option.id)))

    def action_search(self) -> None:
        self.query_one("#agreement-search").focus()

    @on(Input.Submitted, "#agreement-search")
    def _to_list(self) -> None:
        self.query_one("#agreement-options").focus()

    @on(Button.Pressed, "#back")
    def action_back(self) -> None:
        self.dismiss()
