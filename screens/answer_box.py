"""The multi-line answer box: a TextArea that never writes a control character to the terminal.

A pasted escape sequence stays in the text exactly as typed (it is the partner's words), but
on screen each control character is drawn as its Unicode symbol, one for one, so columns line
up and the terminal is never told to clear itself or ring a bell.
"""

from __future__ import annotations

from rich.text import Text
from textual.widgets import TextArea

from workbook.wording import visible


class AnswerBox(TextArea):
    DEFAULT_CSS = """
    AnswerBox {
        height: 5;
    }
    """

    def get_line(self, line_index: int) -> Text:
        line = super().get_line(line_index)
        line.plain = visible(line.plain)
        return line
