"""Helpers for the Pilot tests of the partners' names and colours and of discreet mode: a
rename in settings by keys, and every word a screen holds, scrolled out of sight or not."""

from __future__ import annotations

from textual.pilot import Pilot
from textual.widgets import OptionList

from tests.app.agreements_on_screen import press, to_button
from tests.app.pilot import screen_words


async def rename_by_keys(pilot: Pilot[None], partner: str, name: str) -> None:
    """In settings: along to the partner's "Change name", the new name over the old, Enter."""
    await to_button(pilot, f"name-{partner}")
    await press(pilot, "enter")
    await pilot.press(*name)  # the old name is selected: typing replaces it
    await press(pilot, "enter")


def every_word(pilot: Pilot[None]) -> str:
    """The screen's words, and every option of its lists (some are scrolled out of sight)."""
    lists = pilot.app.screen.query(OptionList)
    options = [str(option.prompt) for options in lists for option in options.options]
    return " ".join([screen_words(pilot), *options])
