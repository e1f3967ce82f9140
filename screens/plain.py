"""Plain text for the screen: nothing a partner writes is ever parsed as markup."""

from __future__ import annotations

from rich.text import Text

from workbook.wording import visible


def plain(text: str, style: str = "") -> Text:
    """``text`` exactly as written (control characters shown as symbols), never as markup."""
    return Text(visible(text), style=style)
