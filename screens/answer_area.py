"""The part of the Exercise screen that asks and takes an answer, one shape per kind of step
(the correction of a last answer shows the same).

``step_words`` lays out what the step says; ``answer_widgets`` a fresh set of input widgets
for a ``TurnView`` (a fresh set per turn, so nothing of the previous partner's answer survives
in an undo history), with its buttons (``answer_input``: the input alone); ``read_answer``
reads the value back for the core to check.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Button, Input, OptionList, Static, TextArea
from textual.widgets.option_list import Option

from screens.answer_box import AnswerBox
from screens.plain import plain
from workbook.answers import AGREE, AGREEING_KINDS, NOTE
from workbook.content import Library
from workbook.models import RATING_MAX, AnswerValue
from workbook.turn_view import TurnView

#: The sentence that says how to mark a list, for each kind of step that has one.
HOW_TO_MARK = {
    "pick": "exercise.pick_help",
    "menu": "exercise.menu_help",
    "ratings": "check_in.how_to_rate",
}


class MarkList(OptionList):
    """Items that each carry a mark, shown in words or signs, never by colour alone; Enter,
    space or a click moves the highlighted item's mark one along ``cycle``. Each starts at its
    mark in ``start`` (an answer being corrected), else at the cycle's first."""

    BINDINGS = [Binding("space", "select", "Change mark", show=False)]

    def __init__(
        self, items: list[str], cycle: list[str], start: dict[str, str], **kwargs: str
    ) -> None:
        self.items = items
        self.cycle = cycle
        self.marks = {item: start.get(item, cycle[0]) for item in items}
        super().__init__(*(Option(self.line(i), id=str(n)) for n, i in enumerate(items)), **kwargs)

    def line(self, item: str) -> Text:
        raise NotImplementedError

    @on(OptionList.OptionSelected)
    def _moved_on(self, event: OptionList.OptionSelected) -> None:
        event.stop()  # marking an item is not answering the step
        self.move_mark(event.option_index, 1)

    def move_mark(self, index: int, by: int) -> None:
        """The mark of the item at ``index``, ``by`` places along the cycle (round it)."""
        item = self.items[index]
        self.marks[item] = self.cycle[(self.cycle.index(self.marks[item]) + by) % len(self.cycle)]
        self.replace_option_prompt_at_index(index, self.line(item))


class MenuMarks(MarkList):
    """A menu: every item is marked no, maybe or yes (in words), starting at no, so nothing
    is offered by default."""

    def __init__(
        self, items: list[str], library: Library, start: dict[str, str], **kwargs: str
    ) -> None:
        self.library = library
        super().__init__(items, ["no", "maybe", "yes"], start, **kwargs)

    def line(self, item: str) -> Text:
        mark = self.library.say(f"menu.{self.marks[item]}")
        return plain(self.library.say("exercise.menu_mark", mark=mark, item=item))


class PickList(MarkList):
    """Choose any number of items: a chosen one shows [x], the others [ ]."""

    def __init__(self, items: list[str], start: dict[str, str], **kwargs: str) -> None:
        super().__init__(items, [" ", "x"], start, **kwargs)

    def line(self, item: str) -> Text:
        return plain(f"[{self.marks[item]}] {item}")

    @property
    def chosen(self) -> list[str]:
        return [item for item in self.items if self.marks[item] == "x"]


class RatingList(MarkList):
    """A check-in's measures, each with its rating in words and as a bar, never by colour
    alone. Each starts "not shared"; Enter, space, a click or right moves it one up (after 10
    comes "not shared" again), left one down."""

    BINDINGS = [
        Binding("right", "move(1)", "Higher", show=False),
        Binding("left", "move(-1)", "Lower", show=False),
    ]

    def __init__(self, view: TurnView, **kwargs: str) -> None:
        self.labels = {o.id: o.label for o in view.options}
        self.not_shared = view.not_shared
        self.width = max(map(len, self.labels.values()), default=0)
        cycle = ["", *(str(n) for n in range(RATING_MAX + 1))]
        super().__init__(list(self.labels), cycle, view.marks, **kwargs)

    def line(self, item: str) -> Text:
        mark, label = self.marks[item], self.labels[item].ljust(self.width)
        if not mark:
            return plain(f"{label}   {self.not_shared}")
        bar = "■" * int(mark) + "·" * (RATING_MAX - int(mark))
        return plain(f"{label}  {mark:>2}  {bar}")

    def action_move(self, by: int) -> None:
        if self.highlighted is not None:
            self.move_mark(self.highlighted, by)


def answer_widgets(view: TurnView, library: Library) -> ComposeResult:
    """The input for ``view``'s kind of step, with its Submit button and a pass button that
    every kind has: "Not yet" where both agree, "Not today" where the question is kept for
    later, "Not ready to answer this" everywhere else."""
    submit_label, pass_label = "Submit", "Not ready to answer this"
    if view.keeps:
        pass_label = "Not today: keep it for later"
    if view.kind == "choice":
        submit_label = ""  # choosing an option answers
    elif view.kind in AGREEING_KINDS:
        submit_label, pass_label = "Agree", "Not yet"
    yield from answer_input(view, library)
    with Horizontal(classes="buttons"):
        if submit_label:
            yield Button(submit_label, id="submit-button", variant="primary")
        yield Button(pass_label, id="pass-button")


def step_words(view: TurnView, say: Callable[[str], Text]) -> ComposeResult:
    """What the step says: when it is due, its prompt and hint, what private means here, the
    earlier answers it shows, and how to mark a list (``say``: the screen's sentences)."""
    if view.due_note:
        yield Static(plain(view.due_note), id="due", classes="notice")
    yield Static(plain(view.prompt, "bold"), id="prompt")
    if view.hint:
        yield Static(plain(view.hint, "italic"), id="hint")
    if view.privacy_note:
        yield Static(plain(view.privacy_note), id="privacy", classes="notice")
    for shown in view.shown:
        yield Static(plain(f"{shown.label}:"), classes="shown-label quiet")
        for text in shown.texts:
            yield Static(plain(text), classes="shown")
    if view.kind in HOW_TO_MARK:
        yield Static(say(HOW_TO_MARK[view.kind]), classes="quiet")


def answer_input(view: TurnView, library: Library) -> ComposeResult:
    """The input alone for ``view``'s kind of step (none where both agree), starting from its
    ``start_text`` or ``marks``."""
    if view.kind == "choice":
        choices = OptionList(*(Option(plain(o.label), id=o.id) for o in view.options), id="choices")
        ids = [o.id for o in view.options]  # a prefilled choice starts on its option
        choices.highlighted = ids.index(view.start_text) if view.start_text in ids else 0
        yield choices
    elif view.kind == "pick":
        yield PickList(view.items, view.marks, id="pick")
    elif view.kind == "menu":
        yield MenuMarks(view.items, library, view.marks, id="menu")
    elif view.kind == "ratings":
        yield RatingList(view, id="ratings")
        box = AnswerBox(view.start_text, id="answer", soft_wrap=True, show_line_numbers=False)
        box.placeholder = library.say("check_in.note_placeholder", label=view.note_label)
        yield box
    elif view.kind == "date":
        placeholder = library.say("exercise.date_placeholder")
        yield Input(view.start_text, placeholder=placeholder, id="date")
    elif view.kind not in AGREEING_KINDS:
        box = AnswerBox(view.start_text, id="answer", soft_wrap=True, show_line_numbers=False)
        box.placeholder = library.say("exercise.answer_placeholder")
        yield box


def read_answer(screen: Screen[object], kind: str) -> AnswerValue:
    """The answer as it stands in ``screen``'s input widgets."""
    if kind == "choice":
        choices = screen.query_one("#choices", OptionList)
        if choices.highlighted is None:
            return None
        return choices.get_option_at_index(choices.highlighted).id
    if kind == "pick":
        return screen.query_one("#pick", PickList).chosen
    if kind == "menu":
        return dict(screen.query_one("#menu", MenuMarks).marks)
    if kind == "ratings":
        note = screen.query_one("#answer", TextArea).text
        return {**screen.query_one("#ratings", RatingList).marks, NOTE: note}
    if kind in AGREEING_KINDS:
        return AGREE
    if kind == "date":
        return screen.query_one("#date", Input).value.strip()
    return screen.query_one("#answer", TextArea).text


def focus_answer(screen: Screen[object], then: str) -> None:
    """Put the focus in the step's answer (the cursor at the end of any text), else on
    ``then``: the one place an exercise and a correction decide where typing starts."""
    for selector in ("#ratings", "#answer", "#choices", "#pick", "#menu", "#date", then):
        found = screen.query(selector)
        if found:
            widget = found.first()
            widget.focus()
            if isinstance(widget, TextArea):
                widget.move_cursor(widget.document.end)
            return
