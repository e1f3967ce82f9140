"""Acceptance 2: every shipped helpline says where it is, where it was confirmed and when;
an entry without a proper source never loads. And the couple's own list refuses a nameless
entry."""

from __future__ import annotations

import copy
import tomllib
from datetime import date
from importlib import resources
from typing import Any

import pytest
from pydantic import ValidationError

from workbook.book import NameError_, Workbook
from workbook.care_format import Resources
from workbook.content import Library

#: The countries the workbook promises helplines for.
REQUIRED_COUNTRIES = {
    "United States",
    "Canada",
    "United Kingdom",
    "Ireland",
    "Australia",
    "New Zealand",
}


@pytest.fixture(scope="module")
def shipped() -> dict[str, Any]:
    """``content/resources.toml`` as data, to validate modified copies of it."""
    text = resources.files("content").joinpath("resources.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)


def test_every_shipped_helpline_has_a_country_a_web_source_and_a_checked_date(
    library: Library,
) -> None:
    helplines = library.resources.helplines
    assert helplines
    for helpline in helplines:
        assert helpline.country.strip(), helpline.name
        assert helpline.source.scheme in {"http", "https"}, helpline.name
        assert helpline.source.host, helpline.name
        assert isinstance(helpline.checked, date), helpline.name


def test_the_promised_countries_are_covered(library: Library) -> None:
    countries = {helpline.country for helpline in library.resources.helplines}
    assert REQUIRED_COUNTRIES <= countries


def test_helplines_are_listed_by_country_in_order(library: Library) -> None:
    countries = [helpline.country for helpline in library.resources.helplines]
    assert countries == sorted(countries)


def test_the_emergency_guidance_says_to_call_the_local_emergency_number(
    library: Library,
) -> None:
    assert "local emergency number" in library.resources.emergency


def test_the_shipped_data_validates_as_it_is(shipped: dict[str, Any]) -> None:
    Resources.model_validate(shipped)  # the copies below fail only for what they change


@pytest.mark.parametrize(
    "source", [None, "", "not a link", "ftp://example.org/help", "www.example.org/help"]
)
def test_a_helpline_without_a_proper_source_is_refused(
    shipped: dict[str, Any], source: str | None
) -> None:
    changed = copy.deepcopy(shipped)
    if source is None:
        del changed["helplines"][0]["source"]
    else:
        changed["helplines"][0]["source"] = source
    with pytest.raises(ValidationError) as refused:
        Resources.model_validate(changed)
    assert refused.value.errors()[0]["loc"] == ("helplines", 0, "source")


@pytest.mark.parametrize("field", ["country", "checked"])
def test_a_helpline_without_a_country_or_checked_date_is_refused(
    shipped: dict[str, Any], field: str
) -> None:
    changed = copy.deepcopy(shipped)
    del changed["helplines"][-1][field]
    with pytest.raises(ValidationError):
        Resources.model_validate(changed)


def test_an_own_resource_needs_a_name(book: Workbook) -> None:
    with pytest.raises(NameError_) as refused:
        book.add_own_resource("  \x07 ", "0800 000 000", "a note")
    assert str(refused.value) == "resources.need_name"
    assert book.own_resources() == []


def test_an_own_resource_is_kept_cleaned_and_can_be_removed(book: Workbook) -> None:
    added = book.add_own_resource("  Dr Kay\x1b ", " 0800 000 000 ", "Tuesdays")
    [kept] = book.own_resources()
    assert (kept.name, kept.contact, kept.note) == ("Dr Kay", "0800 000 000", "Tuesdays")
    book.remove_own_resource(added.id)
    assert book.own_resources() == []
