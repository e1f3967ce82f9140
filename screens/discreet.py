"""Discreet mode in the app: a neutral title and subtitle in the header and in the terminal's
own window title, and neutral footer labels where the usual ones would say what the app is for.
Home's words follow through ``Workbook.say`` (texts.toml, ``[discreet]``).

Textual never sets the terminal's window title; in discreet mode the app does, to the neutral
title, and puts the terminal's own title back when it closes or the mode is turned off (xterm's
title stack: a terminal without one ignores it)."""

from __future__ import annotations

from typing import Any

from workbook.book import Workbook

#: The app's actions whose footer label would draw a look at what the app is for, each with its
#: twin in discreet mode: the same key doing the same, under a neutral label
#: (``WorkbookApp.BINDINGS``). "Hide" says there is something to hide; "Break", "Stop",
#: "Support", "Help" and "Quit" are what any app could have, and stay.
NEUTRAL_TWINS = {"cover": "blank"}
#: Save the terminal's window title, then name it; and put the saved one back.
PUSH_TITLE, SET_TITLE, POP_TITLE = "\x1b[22;2t", "\x1b]2;{title}\x07", "\x1b[23;2t"


class Discreet:
    """Mixin for the app (before ``App`` in its bases). Textual calls its ``on_mount`` and
    ``on_unmount`` as well as the app's own."""

    book: Workbook
    discreet = False

    def show_discreetly(self) -> None:
        """At start, and whenever settings turn discreet mode on or off: the titles and the
        footer's labels follow it."""
        app: Any = self
        was, self.discreet = self.discreet, self.book.discreet()
        app.title = self.book.say("app.title")
        app.sub_title = self.book.say("app.subtitle")
        app.refresh_bindings()
        if self.discreet != was:  # before the app runs, ``on_mount`` does it
            self._terminal_title(self.discreet)

    def _terminal_title(self, neutral: bool) -> None:
        driver = getattr(self, "_driver", None)  # Textual has no public way to write one
        if driver is not None:
            title = SET_TITLE.format(title=self.book.say("app.title"))
            driver.write(PUSH_TITLE + title if neutral else POP_TITLE)

    def shown_discreetly(self, action: str) -> bool:
        """Whether the key for ``action`` shows (and acts) now: a twin only in its mode."""
        if action in NEUTRAL_TWINS:
            return not self.discreet
        if action in NEUTRAL_TWINS.values():
            return self.discreet
        return True

    def on_mount(self) -> None:
        if self.discreet:
            self._terminal_title(True)

    def on_unmount(self) -> None:
        if self.discreet:
            self._terminal_title(False)
