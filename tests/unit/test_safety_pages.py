"""The safety check's pages are decided from the mode and the names alone, and each person's
private pages are the same for everyone, so nothing the other partner sees can depend on an
answer."""

from __future__ import annotations

import inspect

from workbook.content import Library
from workbook.safety import Page, back_from_break, check_pages


def kinds(pages: list[Page]) -> list[str]:
    return [page.kind for page in pages]


def private_kinds(library: Library) -> list[str]:
    return ["question"] * len(library.safety.questions) + ["resources"]


def test_first_run_is_intro_then_each_person_alone_then_one_ending(library: Library) -> None:
    pages = check_pages(library, "first_run", None)
    one_person = ["handover", *private_kinds(library)]
    assert kinds(pages) == ["intro", *one_person, *one_person, "done"]
    assert pages[0].lead == library.say("safety.intro")
    assert pages[0].heading == library.say("safety.heading")
    assert pages[-1].lead == library.say("safety.done")


def test_first_run_hands_over_to_the_first_then_the_second_person(library: Library) -> None:
    handovers = [p for p in check_pages(library, "first_run", None) if p.kind == "handover"]
    people = [library.say("safety.first_person"), library.say("safety.second_person")]
    assert [h.lead for h in handovers] == [library.say("safety.handover", person=p) for p in people]
    assert [h.notes for h in handovers] == [
        (library.say("safety.handover_ready", person=p),) for p in people
    ]


def test_couple_check_names_the_partners_in_the_hand_overs(library: Library) -> None:
    pages = check_pages(library, "couple", ("Alex", "Sam"))
    handovers = [p for p in pages if p.kind == "handover"]
    assert ["Alex" in h.lead for h in handovers] == [True, False]
    assert ["Sam" in h.lead for h in handovers] == [False, True]
    assert pages[0].lead == library.say("safety.intro_again")
    assert pages[0].heading == library.say("safety.heading_again")
    assert pages[-1].lead == library.say("safety.done")


def test_a_name_is_put_in_as_written(library: Library) -> None:
    """A name that looks like a placeholder or markup is not filled in again or parsed."""
    pages = check_pages(library, "couple", ("{person} [b]Jo[/b]", "Sam"))
    assert "{person} [b]Jo[/b]" in pages[1].lead


def test_both_people_see_the_same_private_pages(library: Library) -> None:
    """Whoever answers, and whatever the mode, the pages after a hand-over are the same."""
    first_run = check_pages(library, "first_run", None)
    couple = check_pages(library, "couple", ("Alex", "Sam"))
    solo = check_pages(library, "solo", None)
    size = len(private_kinds(library))
    alone = [
        first_run[2 : 2 + size],
        first_run[3 + size : 3 + 2 * size],
        couple[2 : 2 + size],
        solo[1 : 1 + size],
    ]
    assert kinds(alone[0]) == private_kinds(library)
    assert all(pages == alone[0] for pages in alone)


def test_every_question_offers_every_answer_in_order_no_first(library: Library) -> None:
    questions = [p for p in check_pages(library, "first_run", None) if p.kind == "question"]
    labels = tuple(answer.label for answer in library.safety.answers)
    assert labels[0] == "No"
    assert [q.lead for q in questions] == [q.text for q in library.safety.questions] * 2
    assert all(q.answers == labels for q in questions)
    count = str(len(library.safety.questions))
    assert questions[0].heading == library.say("safety.question_count", number="1", count=count)
    assert all(library.say("safety.not_saved") in q.notes for q in questions)


def test_the_resources_page_suggests_a_professional_alone(library: Library) -> None:
    [resources] = [p for p in check_pages(library, "solo", None) if p.kind == "resources"]
    assert resources.lead == library.say("safety.resources_lead")
    assert resources.notes == (library.say("safety.professional_alone"),)
    assert resources.answers == ()


def test_solo_has_no_hand_over_and_its_own_intro_and_ending(library: Library) -> None:
    pages = check_pages(library, "solo", None)
    assert kinds(pages) == ["intro", *private_kinds(library), "done"]
    assert pages[0].lead == library.say("safety.solo_intro")
    assert pages[-1].lead == library.say("safety.solo_done")


def test_the_sequence_takes_no_answer() -> None:
    """Answers cannot enter the sequence: it is made from the content, the mode and the names
    only."""
    assert list(inspect.signature(check_pages).parameters) == ["library", "mode", "names"]


def test_a_break_on_a_private_page_resumes_at_that_persons_hand_over(library: Library) -> None:
    pages = check_pages(library, "couple", ("Alex", "Sam"))
    second_handover = kinds(pages).index("handover", 2)
    for index, page in enumerate(pages):
        resumed = back_from_break(pages, index)
        if not page.private:
            assert resumed == index
        elif index > second_handover:
            assert resumed == second_handover
        else:
            assert resumed == 1
    assert pages[second_handover].lead == library.say("safety.handover", person="Sam")


def test_a_break_in_the_solo_check_resumes_on_the_same_page(library: Library) -> None:
    pages = check_pages(library, "solo", None)
    assert [back_from_break(pages, i) for i in range(len(pages))] == list(range(len(pages)))
