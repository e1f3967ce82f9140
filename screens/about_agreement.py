"""Sessions about one agreement: new wording for it (amending runs as boundary drafting) and a
review of it. One way in, from the agreement's own screen, from Home when a review is due, and
from a review's summary when one of them said it needs to change."""

from __future__ import annotations

from textual.app import App

from screens.exercise import ExerciseScreen
from screens.roles import Roles, RolesScreen
from workbook.book import Workbook
from workbook.errors import NotStartable


def open_about_agreement(
    app: App[None], book: Workbook, exercise_id: str, agreement_id: str
) -> None:
    """Pick up the open session of ``exercise_id`` about the agreement if there is one (so
    two drafts of new wording never run side by side); else the couple chooses who takes which
    part, and it starts."""
    waiting = book.session_about(agreement_id, exercise_id)
    if waiting is not None:
        book.resume(waiting.id)
        app.push_screen(ExerciseScreen(waiting.id))
        return

    def begin(roles: Roles | None) -> None:
        if roles is None:
            return
        try:
            session = book.start(exercise_id, roles, agreement_id=agreement_id)
        except NotStartable:  # retired meanwhile: nothing about it can start now
            app.notify(book.library.say("agreement.cannot_change"))
            return
        app.push_screen(ExerciseScreen(session.id))

    app.push_screen(RolesScreen(book.exercise_for(exercise_id, agreement_id)), begin)
