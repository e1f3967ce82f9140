"""The export for a therapist: the summary by default, transcripts only when asked for and then
only what may leave (shared answers; a private or ``opt_in`` answer once its author opted it
in; never a menu's items, a never-shown answer or a question kept for later), the dates
filtering it, and JSON that validates against ``workbook export-schema``.

The command line's own part (files 0600, stdout, refusals) is in ``test_export_cli.py``; the
Markdown's safety against hostile text is in ``test_export_markdown.py``."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta

import jsonschema
import pytest

from tests.local_zone import local_zone
from tests.unit.own_words import (
    ALEX_APPRECIATES,
    ALEX_HOPE,
    ALEX_SECRET,
    ANSWER,
    MENU_ALEX,
    MENU_SAM,
    PASS,
    QUESTION,
    SAM_APPRECIATES,
    SAM_HOPE,
    SAM_SECRET,
    appreciations,
    play,
    questions,
    secrets,
    turn_at,
)
from workbook.book import Workbook
from workbook.clock import ManualClock
from workbook.content import Library
from workbook.export import ExportDocument
from workbook.models import Acceptance, Agreement, HistoryEntry, OptIn, Sitting, TimeOut

SHARED_WORDS = ("Warm inside", "Seen at last", "Our first calm talk")
DAY = 86400


@pytest.fixture(autouse=True)
def _utc() -> Iterator[None]:
    with local_zone("UTC"):
        yield


@pytest.fixture
def book(lib: Library, clock: ManualClock) -> Workbook:
    made = Workbook.in_memory(lib, clock)
    made.set_partners("Alex", "Sam")
    return made


def document(book: Workbook, **options: object) -> ExportDocument:
    """The JSON export, read back through the model (so it must validate)."""
    return ExportDocument.model_validate_json(book.export("json", **options))  # type: ignore[arg-type]


def spoken(doc: ExportDocument) -> list[str]:
    """Every transcript line's words, in order."""
    return [line.words for t in doc.transcripts or [] for line in t.lines]


# -- the summary ------------------------------------------------------------------------------


def test_the_default_markdown_is_the_summary_with_no_transcript(
    book: Workbook, library: Library
) -> None:
    appreciations(book)
    text = book.export("markdown")
    say = library.say
    headings = [line for line in text.splitlines() if line.startswith("## ")]
    assert headings == [
        f"## {say(key)}"
        for key in (
            "export.moments",
            "export.dates",
            "export.exercises",
            "export.agreements",
            "export.reviews",
            "export.time_outs",
            "export_check_ins.heading",
        )
    ]
    assert "Appreciations and milestones" in text
    for words in (*SHARED_WORDS, ALEX_APPRECIATES, SAM_APPRECIATES):
        assert words not in text
    assert document(book).transcripts is None


def test_the_export_says_at_its_top_that_it_is_not_encrypted(book: Workbook) -> None:
    for fmt in ("markdown", "json"):
        top = book.export(fmt).splitlines()[:3]  # type: ignore[arg-type]
        assert any("not encrypted" in line and "private words" in line for line in top), fmt


def test_each_partners_moment_comes_first_by_name(book: Workbook) -> None:
    plainly = book.export("markdown")
    assert book.library.say("export.no_moments") in plainly
    book.note_moment("b", "The quiet week after the party.")
    text = book.export("markdown")
    moments = text.index("## One moment we want help with")
    assert moments < text.index("## Dates")
    assert text.index("### Alex") < text.index("Alex has not noted one yet.")
    assert text.index("### Sam") < text.index("> The quiet week after the party.")
    assert book.library.say("export.no_moments") not in text
    assert [(m.partner, m.text) for m in document(book).moments] == [
        ("Alex", None),
        ("Sam", "The quiet week after the party."),
    ]


def agreement(status: str, history: list[HistoryEntry], title: str) -> Agreement:
    made = datetime(2026, 1, 1, 10, tzinfo=UTC)
    return Agreement(
        id=title,
        title=title,
        text=f"{title}, in full.",
        category="transparency",
        origin="s1",
        exercise_id="boundary-drafting",
        acceptances=[Acceptance(partner=p, at=made) for p in ("a", "b")],
        status=status,  # type: ignore[arg-type]
        review_on=date(2026, 3, 1),
        history=history,
        created_at=made,
    )


def test_agreements_say_what_is_not_in_force_with_their_history_and_reviews(
    book: Workbook, clock: ManualClock
) -> None:
    at = datetime(2026, 1, 5, 10, tzinfo=UTC)
    made = HistoryEntry(what="made", text="Phones stay on the table.", by=["a", "b"], at=at)
    reviewed = HistoryEntry(
        what="reviewed",
        by=["a", "b"],
        at=at + timedelta(days=5),
        ratings={"a": "keeping", "b": "struggling"},
        notes={"b": "Evenings are harder."},
        review_on=date(2026, 4, 1),
    )
    reopened = HistoryEntry(what="reopened", by=["b"], at=at + timedelta(days=6), note="Not now.")
    retired = HistoryEntry(what="retired", by=["a", "b"], at=at + timedelta(days=7))
    book.store.save_agreement(agreement("active", [made, reviewed], "Phones"))
    book.store.save_agreement(agreement("to_revisit", [made, reopened], "Evenings"))
    book.store.save_agreement(agreement("retired", [made, retired], "Weekends"))
    clock.advance(30 * DAY)
    text = book.export("markdown")
    say = book.library.say
    for title, status in (
        ("Phones", "active"),
        ("Evenings", "to_revisit"),
        ("Weekends", "retired"),
    ):
        section = text[text.index(f"### {title}") :]
        assert section.index(say(f"export.status_{status}")) < section.index("#### History")
    for words in (
        "2026-01-05 · made by Alex and Sam",
        "2026-01-10 · reviewed by Alex and Sam",
        "Alex: keeping it well.",
        "Sam: struggling.",
        "> Evenings are harder.",
        "Next review set for 2026-04-01.",
        "2026-01-11 · reopened by Sam",
        "> Not now.",
        "2026-01-12 · retired by Alex and Sam",
        "Area: Openness (phones, messages, whereabouts). Made on 2026-01-01.",
        "Next review on 2026-03-01.",
    ):
        assert words in text, words
    reviews = text[text.index("## Reviews") : text.index("## Time-outs")]
    assert "### Phones" in reviews and "Sam: struggling." in reviews
    doc = document(book)
    assert [(a.title, a.in_force) for a in doc.agreements] == [
        ("Phones", True),
        ("Evenings", False),
        ("Weekends", False),
    ]
    assert [r.agreement for r in doc.reviews] == ["Phones"]
    assert document(book, since=date(2026, 1, 11)).reviews == []


# -- the dates --------------------------------------------------------------------------------


def test_since_and_until_choose_the_exercises_transcripts_and_time_outs(
    book: Workbook, clock: ManualClock
) -> None:
    appreciations(book, alex="day one, Alex", sam="day one, Sam")  # 2026-01-01
    clock.advance(2 * DAY)
    questions(book)  # 2026-01-03
    for day in (1, 3, 3):
        called = datetime(2026, 1, day, 12, tzinfo=UTC)
        out = TimeOut(called_at=called, until=called + timedelta(minutes=20))
        book.store.save_sitting(Sitting(id=f"s{day}{id(out)}", started_at=called, time_outs=[out]))
    whole = document(book, transcripts=True)
    assert (whole.since, whole.until) == (date(2026, 1, 1), date(2026, 1, 3))
    assert [e.exercise for e in whole.exercises_done] == [
        "Appreciations and milestones",
        "Questions about what happened",
    ]
    assert whole.time_outs == 3
    later = document(book, transcripts=True, since=date(2026, 1, 2))
    assert [e.exercise for e in later.exercises_done] == ["Questions about what happened"]
    assert later.time_outs == 2
    assert "Warm inside" not in spoken(later)
    earlier = document(book, transcripts=True, until=date(2026, 1, 2))
    assert [e.on for e in earlier.exercises_done] == [date(2026, 1, 1)]
    assert earlier.time_outs == 1
    assert "Warm inside" in spoken(earlier)
    text = book.export("markdown", since=date(2026, 1, 2), until=date(2026, 1, 3))
    assert "From 2026-01-02 to 2026-01-03." in text
    assert "Appreciations and milestones" not in text
    with pytest.raises(ValueError):
        book.export("markdown", since=date(2026, 1, 3), until=date(2026, 1, 2))


# -- transcripts: only what may leave ---------------------------------------------------------


def test_transcripts_add_shared_answers_and_a_private_one_only_once_its_author_opts_in(
    book: Workbook,
) -> None:
    session_id = appreciations(book)
    before = book.export("markdown", transcripts=True)
    assert "## Transcripts" in before
    for words in SHARED_WORDS:
        assert words in before
    assert ALEX_APPRECIATES not in before and SAM_APPRECIATES not in before
    book.opt_in("a", session_id, turn_at(book, session_id, "appreciate", "a").id, True)
    after = book.export("markdown", transcripts=True)
    assert f"> {ALEX_APPRECIATES}" in after
    assert SAM_APPRECIATES not in after
    ids = {session_id, *(t.id for t in book.load(session_id).turns)}
    assert not any(i in after for i in ids)  # names and dates, no ids
    lines = [
        (line.author, line.words)
        for t in document(book, transcripts=True).transcripts or []
        for line in t.lines
    ]
    assert lines == [
        ("Alex", ALEX_APPRECIATES),
        ("Alex", "Warm inside"),
        ("Sam", "Seen at last"),
        ("Alex", "Our first calm talk"),
    ]


def test_an_opt_in_that_names_someone_else_counts_for_nothing(book: Workbook) -> None:
    session_id = appreciations(book)
    alex_turn = turn_at(book, session_id, "appreciate", "a")
    book.store.save_opt_in(
        OptIn(id=alex_turn.id, session_id=session_id, partner="b", at=alex_turn.at)
    )
    assert ALEX_APPRECIATES not in spoken(document(book, transcripts=True))


def test_menus_and_never_shown_answers_never_leave_even_with_a_forged_opt_in(
    book: Workbook,
) -> None:
    session_id = secrets(book)
    for step_id in ("menu", "hope"):
        turn = turn_at(book, session_id, step_id, "a")
        book.store.save_opt_in(OptIn(id=turn.id, session_id=session_id, partner="a", at=turn.at))
    for fmt in ("markdown", "json"):
        text = book.export(fmt, transcripts=True)  # type: ignore[arg-type]
        for item in {*MENU_ALEX, *MENU_SAM}:  # mutual or not: a menu is never exported
            assert item not in text, (fmt, item)
        for words in (ALEX_HOPE, SAM_HOPE, ALEX_SECRET, SAM_SECRET, "Long walks"):
            assert words not in text, (fmt, words)
        assert "Alex's last" in text and "Sam's last" in text


def test_the_questions_about_the_affair_never_leave_unless_each_is_opted_in(
    book: Workbook,
) -> None:
    session_id = questions(book)
    asked = book.start("questions", {"asking": "b", "answering": "a"}).id
    kept = "Who else knew?"
    play(book, asked, [("b", "agree"), ("a", "agree"), ("b", "own"), ("b", kept), ("a", PASS)])
    assert [k.text for k in book.store.kept()] == [kept]
    for fmt in ("markdown", "json"):
        text = book.export(fmt, transcripts=True)  # type: ignore[arg-type]
        for words in (QUESTION, ANSWER, kept, "Thank you for answering"):
            assert words not in text, (fmt, words)
    book.opt_in("a", session_id, turn_at(book, session_id, "answer", "a").id, True)
    said = spoken(document(book, transcripts=True))
    assert said == [ANSWER]
    assert QUESTION not in book.export("markdown", transcripts=True)


# -- the schema -------------------------------------------------------------------------------


def test_the_json_follows_the_schema_it_is_generated_from(book: Workbook) -> None:
    session_id = appreciations(book)
    book.opt_in("b", session_id, turn_at(book, session_id, "appreciate", "b").id, True)
    book.note_moment("a", "The car park.")
    raw = json.loads(book.export("json", transcripts=True))
    assert list(raw)[0] == "notice"
    schema = ExportDocument.model_json_schema()
    jsonschema.validate(raw, schema)
    with pytest.raises(jsonschema.ValidationError):  # the schema does hold the shape
        jsonschema.validate({**raw, "notice": 3}, schema)
    assert ExportDocument.model_validate(raw).model_dump(mode="json") == raw
    assert SAM_APPRECIATES in spoken(ExportDocument.model_validate(raw))
    assert "s1" not in json.dumps(raw) and session_id not in json.dumps(raw)
