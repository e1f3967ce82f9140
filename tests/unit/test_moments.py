"""Each partner's one moment for a therapist, kept in ``workbook.json`` for the export to put
first: kept as written, one each (noting again replaces it), removed by an empty text, and
still there after the workbook is opened again."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest
from pydantic import ValidationError

from tests.unit.store_files import new_book, open_book
from workbook.clock import ManualClock
from workbook.models import Moment

HOSTILE = "[bold]Stop[/bold] \x1b[2J\u202ewhen we 🙂\nsecond line  "


def test_a_moment_is_kept_as_written_and_survives_reopening(
    data_folder: Path, clock: ManualClock
) -> None:
    book = new_book(data_folder, clock)
    assert book.moments() == {}
    noted_at = clock.now()
    book.note_moment("a", HOSTILE)
    book.close()
    book = open_book(data_folder, clock)
    try:
        assert book.moments() == {"a": Moment(partner="a", text=HOSTILE, noted_at=noted_at)}
    finally:
        book.close()
    on_disk = json.loads((data_folder / "workbook.json").read_text())
    assert [m["text"] for m in on_disk["moments"].values()] == [HOSTILE]


def test_noting_again_replaces_and_each_partner_has_their_own(
    data_folder: Path, clock: ManualClock
) -> None:
    book = new_book(data_folder, clock)
    book.note_moment("a", "When the phone buzzed at dinner.")
    book.note_moment("b", "The morning after the anniversary.")
    clock.advance(timedelta(days=2).total_seconds())
    book.note_moment("a", "When the phone buzzed at dinner, and I froze.")
    book.close()
    book = open_book(data_folder, clock)
    try:
        moments = book.moments()
        assert sorted(moments) == ["a", "b"]
        assert moments["a"].text == "When the phone buzzed at dinner, and I froze."
        assert moments["a"].noted_at == clock.now()
        assert moments["b"].text == "The morning after the anniversary."
        assert len(book.store.moments()) == 2
    finally:
        book.close()


@pytest.mark.parametrize("empty", ["", "   ", "\n\t \n"])
def test_an_empty_text_removes_only_that_partners_moment(
    data_folder: Path, clock: ManualClock, empty: str
) -> None:
    book = new_book(data_folder, clock)
    book.note_moment("a", "Something to ask about.")
    book.note_moment("b", "Something else.")
    book.note_moment("a", empty)
    book.note_moment("a", empty)  # removing what is not there is fine
    book.close()
    book = open_book(data_folder, clock)
    try:
        assert list(book.moments()) == ["b"]
    finally:
        book.close()


def test_a_stored_moment_must_have_words() -> None:
    """A damaged file with an empty moment is refused, not half-read."""
    with pytest.raises(ValidationError):
        Moment.model_validate({"partner": "a", "text": "", "noted_at": "2026-01-01T09:00:00Z"})
    with pytest.raises(ValidationError):
        Moment.model_validate(
            {"partner": "c", "text": "x", "noted_at": "2026-01-01T09:00:00Z", "extra": 1}
        )
