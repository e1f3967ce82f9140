"""Finding agreements in a workbook of 200 (acceptance 4): by status, by area, by words in the
title, the wording or any earlier wording (case and accents aside), all at once, and none."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tests.unit.agreements_made import MADE_AT, agreement
from workbook.agreement_life import amended, reopened, retired
from workbook.agreement_view import STATUSES, Group, Wanted, folded
from workbook.book import Workbook
from workbook.models import Agreement, AgreementStatus

THINGS = ["phones", "evenings", "weekends", "messages", "visits", "money", "meals", "walks"]


def made(book: Workbook, number: int) -> Agreement:
    """The ``number``th fictional agreement: area, status and words follow from the number,
    so a test can say which ones it should find without asking the code under test."""
    categories = [c.id for c in book.library.path.categories]
    thing = THINGS[number % len(THINGS)]
    text = f"Agreement {number:03}: we talk about {thing} before deciding."
    if number == 7:
        text = "Un café ensemble le dimanche: Sunday coffee, just us."
    one = agreement(
        text,
        ident=f"ag-{number:03}",
        category=categories[number % len(categories)],
        made_at=MADE_AT + timedelta(hours=number),
    )
    later = MADE_AT + timedelta(days=30)
    if number == 11:  # its first wording named a lighthouse walk; the wording now does not
        first = agreement("A lighthouse walk each month.", ident=one.id, category=one.category)
        one = amended(first, one, source="s-amend")
    status: AgreementStatus = STATUSES[number % 3]
    if status == "to_revisit":
        one = reopened(one, "a", None, later)
    if status == "retired":
        one = retired(one, ["a", "b"], later)
    return one


@pytest.fixture
def two_hundred(book: Workbook) -> dict[str, Agreement]:
    """A workbook holding 200 agreements, saved through the store; the same by id."""
    every = [made(book, n) for n in range(200)]
    for one in every:
        book.store.save_agreement(one)
    assert len(book.store.agreements()) == 200
    return {a.id: a for a in every}


def found(groups: list[Group]) -> set[str]:
    return {listed.agreement.id for group in groups for listed in group.listed}


def test_nothing_asked_finds_all_200_grouped_in_the_order_of_the_areas(
    book: Workbook, two_hundred: dict[str, Agreement]
) -> None:
    groups = book.find_agreements(Wanted())
    assert found(groups) == set(two_hundred)
    order = [c.id for c in book.library.path.categories]
    assert [g.category for g in groups] == order
    assert [g.label for g in groups] == [c.label for c in book.library.path.categories]
    for group in groups:
        assert {listed.agreement.category for listed in group.listed} == {group.category}
        ranks = [STATUSES.index(listed.agreement.status) for listed in group.listed]
        assert ranks == sorted(ranks)  # in force first, retired last


def test_in_each_status_the_newest_comes_first(
    book: Workbook, two_hundred: dict[str, Agreement]
) -> None:
    for group in book.find_agreements(Wanted(status="active")):
        made_at = [listed.agreement.created_at for listed in group.listed]
        assert made_at == sorted(made_at, reverse=True)


@pytest.mark.parametrize("status", STATUSES)
def test_by_status(
    book: Workbook, two_hundred: dict[str, Agreement], status: AgreementStatus
) -> None:
    expected = {i for i, a in two_hundred.items() if a.status == status}
    assert 60 < len(expected) < 70
    assert found(book.find_agreements(Wanted(status=status))) == expected


def test_by_area(book: Workbook, two_hundred: dict[str, Agreement]) -> None:
    groups = book.find_agreements(Wanted(category="intimacy"))
    assert [g.category for g in groups] == ["intimacy"]
    assert found(groups) == {i for i, a in two_hundred.items() if a.category == "intimacy"}


@pytest.mark.parametrize("words", ["EVENINGS", "  evenings  ", "Evenings before"])
def test_by_words_whatever_the_case(
    book: Workbook, two_hundred: dict[str, Agreement], words: str
) -> None:
    expected = {i for i, a in two_hundred.items() if "evenings" in a.text}
    assert len(expected) == 25
    assert found(book.find_agreements(Wanted(words=words))) == expected


def test_by_words_whatever_the_accents(book: Workbook, two_hundred: dict[str, Agreement]) -> None:
    assert found(book.find_agreements(Wanted(words="cafe"))) == {"ag-007"}
    assert found(book.find_agreements(Wanted(words="CAFÉ dimanche"))) == {"ag-007"}


def test_by_words_in_an_earlier_wording(book: Workbook, two_hundred: dict[str, Agreement]) -> None:
    assert "lighthouse" not in two_hundred["ag-011"].text
    assert found(book.find_agreements(Wanted(words="Lighthouse"))) == {"ag-011"}


def test_by_words_in_the_title(book: Workbook) -> None:
    one = agreement("The wording says nothing of it.", ident="titled")
    book.store.save_agreement(one.model_copy(update={"title": "Saturday mornings"}))
    assert found(book.find_agreements(Wanted(words="saturday"))) == {"titled"}


def test_everything_at_once(book: Workbook, two_hundred: dict[str, Agreement]) -> None:
    wanted = Wanted(status="to_revisit", category="communication", words="phones")
    expected = {
        i
        for i, a in two_hundred.items()
        if a.status == "to_revisit" and a.category == "communication" and "phones" in a.text
    }
    assert expected
    assert found(book.find_agreements(wanted)) == expected


@pytest.mark.parametrize(
    "wanted",
    [
        Wanted(words="lighthouse keeper"),
        Wanted(words="nothing like this"),
        Wanted(status="retired", words="cafe"),  # the café one is to revisit
    ],
)
def test_none_found(book: Workbook, two_hundred: dict[str, Agreement], wanted: Wanted) -> None:
    assert book.find_agreements(wanted) == []


def test_folded_sets_case_accents_and_spacing_aside() -> None:
    assert folded("  Ça  VA\tÉlodie ") == "ca va elodie"
