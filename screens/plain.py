"""Plain text for the screen: nothing a partner writes is ever parsed as markup."""

from __future__ import annotations

from rich.style import StyleType
from rich.text import Text
from textual.content import Content

from workbook.wording import visible


def plain(text: str, style: StyleType = "") -> Text:
    """``text`` exactly as written (control characters shown as symbols), never as markup."""
    return Text(visible(text), style=style)


def quiet(text: str) -> Content:
    """``text`` as ``plain`` gives it, in the theme's muted colour: secondary words. The colour
    is looked up as it is drawn, so it is the theme in force (Rich's "dim" instead blends the
    words toward the ground, which loses contrast, most of all in high contrast)."""
    return Content.styled(visible(text), "$text-muted")
