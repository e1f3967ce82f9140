"""Check-ins in the core: what a finished one keeps, what "not shared" means, and the series
the progress chart draws."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from tests.unit.own_words import PASS, Move, play
from workbook.answers import AnswerError
from workbook.book import Workbook
from workbook.check_ins import CHECK_IN_EXERCISE, Point, as_shared, series, trend
from workbook.clock import ManualClock
from workbook.export import ExportDocument
from workbook.models import Hidden
from workbook.take_back import NotChangeable

START = datetime(2026, 5, 4, 19, 0, tzinfo=UTC)


def rated(trust: str = "", safety: str = "", closeness: str = "", note: str = "") -> dict:
    return {"trust": trust, "safety": safety, "closeness": closeness, "note": note}


def checked_in(book: Workbook, alex: object, sam: object) -> str:
    session = book.start(CHECK_IN_EXERCISE, {"first": "a", "second": "b"})
    moves: list[Move] = [("a", alex), ("b", sam)]
    play(book, session.id, moves)
    return session.id


@pytest.fixture
def book() -> Workbook:
    made = Workbook.in_memory(clock=ManualClock(START))
    made.set_partners("Alex", "Sam")
    return made


def test_a_finished_check_in_keeps_what_each_shared(book: Workbook) -> None:
    session_id = checked_in(book, rated("7", "", "5", "A calm week"), rated("6", "4", ""))
    assert book.load(session_id).session.status == "completed"
    [check_in] = book.store.check_ins()
    alex, sam = check_in.entries["a"], check_in.entries["b"]
    assert (alex.trust, alex.safety, alex.closeness, alex.note) == (7, None, 5, "A calm week")
    assert (sam.trust, sam.safety, sam.closeness, sam.note) == (6, 4, None, None)
    assert check_in.origin == session_id and check_in.on == START.date()


@pytest.mark.parametrize("passes", [(PASS, rated("3")), (rated("3"), PASS), (PASS, PASS)])
def test_a_pass_reveals_nothing_so_nothing_is_kept(
    book: Workbook, passes: tuple[object, object]
) -> None:
    session_id = checked_in(book, *passes)
    assert book.load(session_id).session.status == "completed"
    assert book.store.check_ins() == []


@pytest.mark.parametrize(
    "value",
    [rated("11"), rated("-1"), rated("seven"), {"trust": "5", "mood": "3"}, "5", ["5"]],
)
def test_a_rating_outside_the_scale_is_refused(book: Workbook, value: object) -> None:
    session = book.start(CHECK_IN_EXERCISE, {"first": "a", "second": "b"})
    with pytest.raises(AnswerError):
        book.submit(session.id, value)  # type: ignore[arg-type]


def test_nothing_before_both_answered(book: Workbook) -> None:
    session = book.start(CHECK_IN_EXERCISE, {"first": "a", "second": "b"})
    book.submit(session.id, rated("2", "1", "3"))
    assert book.store.check_ins() == []


def test_a_lost_check_in_is_made_again_by_repair(book: Workbook) -> None:
    checked_in(book, rated("7", "6", "5"), rated("4", "", "8"))
    [made] = book.store.check_ins()
    book.store._book.table("check_ins").truncate()  # lost to a crash after the session file
    book.repair()
    assert book.store.check_ins() == [made]


def test_the_series_holds_shared_ratings_oldest_first_with_gaps(book: Workbook) -> None:
    clock = book.clock
    assert isinstance(clock, ManualClock)
    for trust in ("3", "", "6"):
        checked_in(book, rated(trust, "5"), rated("2"))
        clock.advance(7 * 86400)
    points = series(book.store.check_ins(), "a", "trust")
    assert [(p.on.isoformat(), p.value) for p in points] == [
        ("2026-05-04", 3),
        ("2026-05-18", 6),
    ]
    assert [p.value for p in series(book.store.check_ins(), "b", "safety")] == []


def test_a_hidden_part_reads_as_not_shared(book: Workbook) -> None:
    checked_in(book, rated("2", "1", "3", "Hard week"), rated("6"))
    [check_in] = book.store.check_ins()
    turn = check_in.entries["a"].turn
    hidden = {turn: Hidden(id=turn, session_id=check_in.origin, partner="a", at=START)}
    shown = as_shared(check_in, hidden)
    assert shown.entries["a"].trust is None and shown.entries["a"].note is None
    assert shown.entries["b"].trust == 6


def test_trend_compares_the_later_half_with_the_earlier(book: Workbook) -> None:
    def points(*values: int) -> list[Point]:
        return [Point(START.date(), v) for v in values]

    assert trend(points(5)) == "too_few"
    assert trend(points(3, 4, 5, 6)) == "rising"
    assert trend(points(6, 6, 5, 6)) == "steady"
    assert trend(points(7, 6, 5, 4)) == "falling"


def test_the_export_holds_the_shared_ratings_and_their_trend_never_a_note(
    book: Workbook,
) -> None:
    clock = book.clock
    assert isinstance(clock, ManualClock)
    for trust, note in (("4", "first quiet note"), ("", ""), ("5", ""), ("7", "")):
        checked_in(book, rated(trust, "6", note=note), rated("5"))
        clock.advance(7 * 86400)
    doc = ExportDocument.model_validate_json(book.export("json"))
    assert doc.check_ins == 4
    alex_trust = next(t for t in doc.trends if (t.partner, t.measure) == ("Alex", "Trust"))
    assert [(r.on.isoformat(), r.value) for r in alex_trust.ratings] == [
        ("2026-05-04", 4),
        ("2026-05-18", 5),
        ("2026-05-25", 7),
    ]
    assert alex_trust.trend == "rising"
    text = book.export("markdown")
    assert "Trust: 4 on 2026-05-04, 5 on 2026-05-18, 7 on 2026-05-25 · rising" in text
    assert "Closeness: none shared" in text
    assert "first quiet note" not in text + book.export("json")


def test_a_hidden_part_leaves_the_export(book: Workbook) -> None:
    checked_in(book, rated("2", "1", "3"), rated("6"))
    [check_in] = book.store.check_ins()
    hidden = Hidden(
        id=check_in.entries["a"].turn, session_id=check_in.origin, partner="a", at=START
    )
    book.store.save_hidden(hidden)
    doc = ExportDocument.model_validate_json(book.export("json"))
    assert all(t.ratings == [] for t in doc.trends if t.partner == "Alex")
    assert any(t.ratings for t in doc.trends if t.partner == "Sam")


def test_ratings_can_be_taken_back_and_given_again_never_reworded(book: Workbook) -> None:
    session = book.start(CHECK_IN_EXERCISE, {"first": "a", "second": "b"})
    book.submit(session.id, rated("2", "1", "3"))
    last = book.last_turn(session.id)
    assert last is not None and not last.rewordable
    with pytest.raises(NotChangeable):
        book.correct(session.id, "a", last.turn_id, rated("9", "9", "9"))
    after = book.withdraw(session.id, "a", last.turn_id)
    assert after.actor == "a" and book.store.turns(session.id) == []


def test_deleting_a_check_in_session_takes_its_ratings_and_note_from_every_file(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "workbook"
    book = Workbook.open(folder, clock=ManualClock(START))
    try:
        book.set_partners("Alex", "Sam")
        session_id = checked_in(book, rated("3", "2", "4", "marigold evening"), rated("6"))
        assert book.back_up() is not None
        assert any(b"marigold evening" in f.read_bytes() for f in folder.rglob("*.json"))
        book.delete_session(session_id)
        assert book.store.check_ins() == []
    finally:
        book.close()
    assert not any(b"marigold" in f.read_bytes() for f in folder.rglob("*") if f.is_file())


def test_a_note_leaves_in_transcripts_only_once_its_author_opts_it_in(book: Workbook) -> None:
    session_id = checked_in(book, rated("6", note="juniper morning"), rated("5"))
    assert "juniper morning" not in book.export("markdown", transcripts=True)
    [check_in] = book.store.check_ins()
    book.opt_in("a", session_id, check_in.entries["a"].turn, True)
    assert "juniper morning" in book.export("markdown", transcripts=True)
    assert "juniper morning" not in book.export("markdown")  # the summary: ratings only
