"""Renaming a partner and changing their colour (checked as at set-up, kept across opening
again), past turns following the new name in every view and export the core builds, and
discreet mode: saved in the meta, and its neutral words in texts.toml, ``[discreet]``."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.local_zone import local_zone
from tests.unit.agreements_made import agreement
from tests.unit.own_words import ALEX_APPRECIATES, appreciations, turn_at
from tests.unit.store_files import new_book, open_book
from workbook.book import NameError_, Workbook
from workbook.book_settings import DISCREET, FIRST_COLOURS, PALETTE
from workbook.clock import ManualClock
from workbook.content import Library
from workbook.wording import placeholders

#: Words that would tell someone glancing at the screen what the app is for.
REVEALING = ("trust", "betray", "affair", "therap", "infidel", "cheat", "unfaithful", "counsel")


@pytest.fixture(autouse=True)
def _utc() -> Iterator[None]:
    with local_zone("UTC"):
        yield


# -- names -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "why"),
    [
        ("  \t ", "setup.need_both"),
        ("x" * 41, "setup.too_long"),
        ("sAM", "setup.need_different"),
        (" Sam\x1b ", "setup.need_different"),
    ],
)
def test_a_new_name_is_checked_as_at_set_up(book: Workbook, typed: str, why: str) -> None:
    with pytest.raises(NameError_) as refused:
        book.rename_partner("a", typed)
    assert str(refused.value) == why
    assert book.name("a") == "Alex"


def test_a_new_name_is_cleaned_and_kept_with_the_colour(data_folder: Path) -> None:
    book = new_book(data_folder, ManualClock())
    assert book.rename_partner("a", "  Robin\x07  Lee ") == "Robin Lee"
    book.close()
    again = open_book(data_folder, ManualClock())
    partners = again.partners()
    assert (partners["a"].name, partners["a"].colour) == ("Robin Lee", FIRST_COLOURS["a"])
    assert partners["b"].name == "Sam"
    again.close()


def test_past_turns_follow_the_new_name_in_every_view_and_export(book: Workbook) -> None:
    book.store.save_agreement(agreement())
    session_id = appreciations(book)
    book.opt_in("a", session_id, turn_at(book, session_id, "appreciate", "a").id, True)

    book.rename_partner("a", "Robin")

    summary = [line.author for line in book.summary(session_id).lines]
    reveal = [line.author for line in book.reveal(session_id, "appreciate").lines]
    assert "Robin" in summary and "Robin" in reveal
    reading = book.read_agreement(book.agreements()[0].id)
    sams_answers = [answer.prompt for answer in book.my_answers("b")[0].answers]
    markdown = book.export("markdown", transcripts=True)
    document = json.loads(book.export("json", transcripts=True))
    for seen in (summary, reveal, repr(reading), sams_answers, markdown, json.dumps(document)):
        assert "Robin" in str(seen) and "Alex" not in str(seen)
    assert document["partners"] == ["Robin", "Sam"]
    lines = [
        (line["author"], line["words"]) for t in document["transcripts"] for line in t["lines"]
    ]
    assert ("Robin", ALEX_APPRECIATES) in lines and ("Robin", "Warm inside") in lines


# -- colours -----------------------------------------------------------------------------------


def test_a_colour_is_kept_and_never_the_others(data_folder: Path) -> None:
    book = new_book(data_folder, ManualClock())
    assert book.free_colours("a") == [c for c in PALETTE if c != FIRST_COLOURS["b"]]
    with pytest.raises(NameError_) as refused:
        book.set_colour("a", FIRST_COLOURS["b"])
    assert str(refused.value) == "settings.colour_taken"
    with pytest.raises(ValueError):
        book.set_colour("a", "chartreuse")
    book.set_colour("a", "orange")
    book.close()
    again = open_book(data_folder, ManualClock())
    assert again.partners()["a"].colour == "orange"
    assert again.paint("a") == PALETTE["orange"]
    assert "orange" not in again.free_colours("b")
    again.close()


def test_a_colour_not_in_the_palette_is_painted_as_the_first_one(book: Workbook) -> None:
    partners = book.partners()
    book.store.save_partners(
        [partners["a"].model_copy(update={"colour": "bold red"}), partners["b"]]
    )
    assert book.paint("a") == PALETTE[FIRST_COLOURS["a"]]


# -- discreet mode -----------------------------------------------------------------------------


def test_discreet_mode_is_kept_and_moves_nothing(data_folder: Path) -> None:
    book = new_book(data_folder, ManualClock())
    assert not book.discreet()
    assert book.say("app.title") == book.library.say("app.title")
    before = sorted(p.relative_to(data_folder) for p in data_folder.rglob("*"))
    book.set_discreet(True)
    assert sorted(p.relative_to(data_folder) for p in data_folder.rglob("*")) == before
    book.close()
    again = open_book(data_folder, ManualClock())
    assert again.discreet()
    assert again.say("app.title") == again.library.say(f"{DISCREET}.app.title")
    assert again.say("home.greeting", a="Alex", b="Sam") == again.library.say(
        f"{DISCREET}.home.greeting"
    )
    assert again.say("home.path") == again.library.say("home.path")  # no neutral one: as it is
    again.set_discreet(False)
    assert again.say("app.title") == again.library.say("app.title")
    again.close()


def test_each_neutral_wording_stands_in_for_a_text_and_reveals_nothing(library: Library) -> None:
    neutral = library.texts.root[DISCREET]
    assert {"app.title", "app.subtitle", "home.greeting"} <= set(neutral)
    for key, words in neutral.items():
        section, _, name = key.partition(".")
        usual = library.texts.root[section][name]  # a KeyError names a text that is not there
        assert placeholders(words) <= placeholders(usual), key
        assert not any(word in words.casefold() for word in REVEALING), key
