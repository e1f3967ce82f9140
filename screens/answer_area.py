"""The part of the Exercise screen that takes an answer, one shape per kind of step.

``answer_widgets`` lays out a fresh set of input widgets for a ``TurnView`` (a fresh set per
turn, so nothing of the previous partner's answer survives in an undo history);
``read_answer`` reads the value back for the core to check.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Button, Input, OptionList, SelectionList, TextArea
from textual.widgets.option_list import Option

from screens.answer_box import AnswerBox
from screens.plain import plain
from workbook.answers import AGREE, AGREEING_KINDS
from workbook.content import Library
from workbook.models import AnswerValue
from workbook.turn_view import TurnView

#: Each Enter on a menu item moves its mark one along: no -> maybe -> yes -> no.
NEXT_MARK = {"no": "maybe", "maybe": "yes", "yes": "no"}


class MenuMarks(OptionList):
    """A menu: every item carries a mark (yes, maybe or no, shown in words); Enter or a click
    moves the mark on. Every item starts at "no", so nothing is offered by default."""

    BINDINGS = [Binding("space", "select", "Change mark", show=False)]

    def __init__(self, items: list[str], library: Library, **kwargs: str) -> None:
        self.items = items
        self.library = library
        self.marks = {item: "no" for item in items}
        super().__init__(*(Option(self._line(i), id=str(n)) for n, i in enumerate(items)), **kwargs)

    def _line(self, item: str) -> object:
        mark = self.library.say(f"menu.{self.marks[item]}")
        return plain(self.library.say("exercise.menu_mark", mark=mark, item=item))

    @on(OptionList.OptionSelected)
    def _moved_on(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        index = event.option_index
        item = self.items[index]
        self.marks[item] = NEXT_MARK[self.marks[item]]
        self.replace_option_prompt_at_index(index, self._line(item))  # type: ignore[arg-type]


def answer_widgets(view: TurnView, library: Library) -> ComposeResult:
    """The input for ``view``'s kind of step, with its Submit and Pass buttons."""
    submit_label, pass_label = "Submit", "Pass"
    if view.kind == "choice":
        choices = OptionList(*(Option(plain(o.label), id=o.id) for o in view.options), id="choices")
        choices.highlighted = 0
        yield choices
        submit_label = ""
    elif view.kind == "pick":
        yield SelectionList[str](*((plain(i), i) for i in view.items), id="pick")
    elif view.kind == "menu":
        yield MenuMarks(view.items, library, id="menu")
    elif view.kind in AGREEING_KINDS:
        submit_label, pass_label = "Agree", "Not yet"
    elif view.kind == "date":
        placeholder = library.say("exercise.date_placeholder")
        yield Input(view.start_text, placeholder=placeholder, id="date")
    else:
        box = AnswerBox(view.start_text, id="answer", soft_wrap=True, show_line_numbers=False)
        box.placeholder = library.say("exercise.answer_placeholder")
        yield box
    with Horizontal(classes="buttons"):
        if submit_label:
            yield Button(submit_label, id="submit-button", variant="primary")
        yield Button(pass_label, id="pass-button")


def read_answer(screen: Screen[object], kind: str) -> AnswerValue:
    """The answer as it stands in ``screen``'s input widgets."""
    if kind == "choice":
        choices = screen.query_one("#choices", OptionList)
        if choices.highlighted is None:
            return None
        return choices.get_option_at_index(choices.highlighted).id
    if kind == "pick":
        return list(screen.query_one("#pick", SelectionList).selected)
    if kind == "menu":
        return dict(screen.query_one("#menu", MenuMarks).marks)
    if kind in AGREEING_KINDS:
        return AGREE
    if kind == "date":
        return screen.query_one("#date", Input).value.strip()
    return screen.query_one("#answer", TextArea).text
