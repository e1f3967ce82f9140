"""The theme and the time a time-out offers first (``workbook.book_settings``): saved in the
meta, kept across opening again, anything else refused with a clear error; partners' colours
painted in the theme's own shades; and schema version 4, which added both to the meta."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.fixtures.schema import copy_fixture
from tests.unit.store_files import new_book, open_book
from workbook.book import Workbook
from workbook.book_settings import PAINTS, PALETTE
from workbook.clock import ManualClock
from workbook.layout import WORKBOOK_FILE
from workbook.models import THEME_NAMES


def test_the_theme_is_calm_until_one_is_chosen_then_kept(data_folder: Path) -> None:
    book = new_book(data_folder, ManualClock())
    assert book.theme() == "calm"
    book.set_theme("light")
    book.close()
    again = open_book(data_folder, ManualClock())
    assert again.theme() == "light"
    again.close()


@pytest.mark.parametrize(
    ("given", "said"),
    [
        ("high contrast", "did you mean 'high-contrast'?"),
        ("textual-dark", "choose calm, light, high-contrast"),
        ("", "'' is not a theme"),
    ],
)
def test_a_theme_there_is_not_is_refused_and_nothing_changes(
    book: Workbook, given: str, said: str
) -> None:
    book.set_theme("light")
    with pytest.raises(ValueError, match=said.replace("?", r"\?")):
        book.set_theme(given)
    assert book.theme() == "light"


def test_partners_are_painted_in_the_shades_of_the_theme_chosen(book: Workbook) -> None:
    book.set_colour("a", "orange")
    for theme in THEME_NAMES:
        book.set_theme(theme)
        assert book.paint("a") == PAINTS[theme]["orange"]
        assert book.paint("b") == PAINTS[theme]["magenta"]
        assert book.shade("green") == PAINTS[theme]["green"]


def test_every_theme_has_a_shade_of_every_colour_and_the_colours_stay_apart() -> None:
    assert set(PAINTS) == set(THEME_NAMES)
    for shades in PAINTS.values():
        assert list(shades) == list(PALETTE)
        assert len(set(shades.values())) == len(shades)


def test_the_break_offered_first_is_the_contents_first_until_one_is_chosen(
    data_folder: Path,
) -> None:
    book = new_book(data_folder, ManualClock())
    choices = book.library.pacing.break_choices_minutes
    assert book.break_minutes() == choices[0]
    book.set_break_minutes(choices[2])
    book.close()
    again = open_book(data_folder, ManualClock())
    assert again.break_minutes() == choices[2]
    again.close()


@pytest.mark.parametrize("minutes", [0, 25, 10_000])
def test_a_break_time_not_offered_is_refused_naming_those_that_are(
    book: Workbook, minutes: int
) -> None:
    book.set_break_minutes(60)
    with pytest.raises(ValueError) as refused:
        book.set_break_minutes(minutes)
    assert str(refused.value) == (
        f"{minutes} minutes is not a break time offered: choose 20, 30, 60, 120, 240"
    )
    assert book.break_minutes() == 60


def test_a_choice_the_content_no_longer_offers_falls_back_to_its_first(book: Workbook) -> None:
    """A counsellor may change ``break_choices_minutes``; the saved choice is then not offered."""
    meta = book.store.meta()
    assert meta is not None
    book.store.save_meta(meta.model_copy(update={"break_minutes": 45}))
    assert book.break_minutes() == book.library.pacing.break_choices_minutes[0]


def test_choosing_what_is_chosen_already_writes_nothing(data_folder: Path) -> None:
    book = new_book(data_folder, ManualClock())
    book.set_theme("light")
    book.set_break_minutes(30)
    written = (data_folder / WORKBOOK_FILE).stat().st_mtime_ns
    book.set_theme("light")
    book.set_break_minutes(30)
    book.set_discreet(False)
    assert (data_folder / WORKBOOK_FILE).stat().st_mtime_ns == written
    book.close()


def test_version_4_gives_an_older_workbook_the_calm_theme_and_no_break_chosen(
    tmp_path: Path,
) -> None:
    folder = copy_fixture(3, tmp_path / "data")
    book = Workbook.open(folder, ManualClock())
    try:
        assert (book.theme(), book.break_minutes()) == ("calm", 20)
    finally:
        book.close()
    meta = json.loads((folder / WORKBOOK_FILE).read_text())["meta"]
    assert [(m["schema_version"], m["theme"], m["break_minutes"]) for m in meta.values()] == [
        (4, "calm", None)
    ]


def test_version_4s_fixture_keeps_the_theme_and_break_its_couple_chose(tmp_path: Path) -> None:
    book = Workbook.open(copy_fixture(4, tmp_path / "data"), ManualClock())
    try:
        assert (book.theme(), book.break_minutes()) == ("high-contrast", 60)
    finally:
        book.close()
