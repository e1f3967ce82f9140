"""Helpers for the Pilot tests of help: every word help holds, scrolled out of sight or not."""

from __future__ import annotations

import io

from rich.console import Console
from textual.pilot import Pilot
from textual.widgets import Static

from screens.help import HelpScreen


def help_words(pilot: Pilot[None]) -> str:
    """The words of the help on top, as one line: each part of its page (sentences and key
    tables) as a terminal as wide as help's would draw it, with wrapping taken out."""
    screen = pilot.app.screen
    assert isinstance(screen, HelpScreen), type(screen)
    drawn = io.StringIO()
    console = Console(file=drawn, width=screen.query_one("#help-text").size.width)
    console.print(screen.query_one("#help > .heading", Static).content)
    for part in screen.query("#help-text > Static").results(Static):
        console.print(part.content)
    return " ".join(drawn.getvalue().split())
