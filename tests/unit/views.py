"""Reading back what a turn view puts on screen, for the tests of the engine and the store."""

from __future__ import annotations

from workbook.turn_view import TurnView


def shown_texts(view: TurnView) -> list[str]:
    """Every earlier answer a view puts on screen, in order, whatever labels group them."""
    return [text for shown in view.shown for text in shown.texts]
