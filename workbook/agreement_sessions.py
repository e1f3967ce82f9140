"""Sessions that change an agreement: amending it (new wording, as a boundary-drafting session)
and reviewing it (each partner's rating and note, and the next date).

Such a session carries the agreement's id. What its last turn changes is worked out from the
session's turns alone, like any agreement made, and merged with ``agreement_life`` under a
``source`` naming that turn: so after a crash between the session file and ``workbook.json``
the change is made again, once.
"""

from __future__ import annotations

from workbook.agreement_life import amended, reviewed
from workbook.content import Library
from workbook.content_format import NEEDS_CHANGE, Exercise
from workbook.models import OPEN_STATUSES, Agreement, Session, SessionIndexEntry, Turn
from workbook.records import build_review

#: The exercise new wording for an agreement runs as.
AMEND_EXERCISE = "boundary-drafting"
#: The short exercise that reviews an agreement (not on the path: the app starts it).
REVIEW_EXERCISE = "review"


def quoted(agreement: Agreement) -> str:
    """The agreement's title as a sentence quotes it: its own full stop goes."""
    return agreement.title.rstrip(".")


def for_agreement(library: Library, exercise: Exercise, agreement: Agreement | None) -> Exercise:
    """``exercise`` as a session amending or reviewing ``agreement`` shows it: its title names
    the agreement, and amending says what amending means."""
    if agreement is None:
        return exercise
    changes = {
        "title": library.say(
            "amend.session_title", exercise=exercise.title, agreement=quoted(agreement)
        )
    }
    if exercise.id == AMEND_EXERCISE:
        changes["purpose"] = library.say("amend.purpose")
    return exercise.model_copy(update=changes)


def changed_agreement(
    exercise: Exercise,
    session: Session,
    turns: list[Turn],
    made: Agreement | None,
    existing: Agreement | None,
) -> Agreement | None:
    """What the session's last turn leaves to save: the agreement it ``made``; or, in a session
    amending or reviewing ``existing``, that agreement with the new wording both accepted, or
    with the review both agreed to keep. None when nothing was agreed."""
    if session.agreement_id is None:
        return made
    if existing is None:
        return None
    if made is not None:
        return amended(existing, made, source=made.id)
    review = build_review(exercise, session, turns)
    if review is None:
        return None
    assert review.source is not None
    return reviewed(
        existing,
        review.ratings,
        review.notes,
        review.review_on,
        review.by,
        review.at,
        review.source,
    )


def open_about(
    index: list[SessionIndexEntry], agreement_id: str, exercise_id: str | None = None
) -> list[SessionIndexEntry]:
    """The sessions still open (in progress or paused) about the agreement, of
    ``exercise_id`` if given."""
    return [
        entry
        for entry in index
        if entry.agreement_id == agreement_id
        and entry.status in OPEN_STATUSES
        and exercise_id in (None, entry.exercise_id)
    ]


def merged_sources(agreements: list[Agreement]) -> set[str]:
    """The ids of every session turn whose change is already in an agreement's history."""
    return {h.source for a in agreements for h in a.history if h.source is not None}


def _from_session(source: str | None, session_id: str) -> bool:
    """Whether ``source`` (``records.record_id``: session id, a dash, turn id) is of the
    session."""
    return source is not None and source.partition("-")[0] == session_id


def changed_in(agreement: Agreement, session_id: str) -> bool:
    """Whether the session made ``agreement`` or gave it new wording (for its summary)."""
    return agreement.origin == session_id or any(
        h.what == "amended" and _from_session(h.source, session_id) for h in agreement.history
    )


def leads_to_amend(agreement: Agreement, session_id: str) -> bool:
    """Whether the review kept by the session goes on into new wording: one of them said it
    needs to change, or it is to be revisited (only accepting wording again brings it back
    into force)."""
    review = next(
        (
            h
            for h in agreement.history
            if h.what == "reviewed" and _from_session(h.source, session_id)
        ),
        None,
    )
    if review is None:
        return False
    return NEEDS_CHANGE in review.ratings.values() or agreement.status == "to_revisit"
