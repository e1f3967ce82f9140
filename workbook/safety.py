"""The private safety check as a fixed sequence of pages.

At one keyboard, anything that changes after an answer (a page's words, the number of pages,
how long it takes) tells the other partner what was said. So the whole sequence is decided
here, before anyone answers, from the mode and the names alone: answers never reach this
module, and nothing is stored anywhere. The screen only walks the pages in order.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from workbook.content import Library

CheckMode = Literal["first_run", "couple", "solo"]
"""``first_run``: before set-up, no names yet; ``couple``: both partners, named, from help or
on opening a workbook that has not had the check; ``solo``: one person, no hand-overs."""

PageKind = Literal["intro", "handover", "question", "resources", "done"]


@dataclass(frozen=True)
class Page:
    """One page of the check: what it says, and on a question the answers offered."""

    kind: PageKind
    lead: str
    """The main sentence: the question itself on a question page."""
    notes: tuple[str, ...] = ()
    """Quieter lines shown after the lead (on the resources page, before the list, so they
    never scroll away)."""
    heading: str = ""
    answers: tuple[str, ...] = ()
    """The answers offered on a question page, in order; the first ("No") is highlighted."""

    @property
    def private(self) -> bool:
        """Seen by one person alone: coming back to it from a break goes through the
        hand-over again."""
        return self.kind in ("question", "resources")


def check_pages(library: Library, mode: CheckMode, names: tuple[str, str] | None) -> list[Page]:
    """Every page of the check, in order. ``names`` are the partners' names (couple mode);
    without them the hand-overs say "the first person" / "the second person"."""
    say = library.say
    people = names or (say("safety.first_person"), say("safety.second_person"))
    if mode == "solo":
        intro = Page("intro", say("safety.solo_intro"), heading=say("safety.solo_heading"))
        ending = Page("done", say("safety.solo_done"))
        return [intro, *_private_pages(library), ending]
    intro_key = "safety.intro" if mode == "first_run" else "safety.intro_again"
    heading_key = "safety.heading" if mode == "first_run" else "safety.heading_again"
    pages = [Page("intro", say(intro_key), heading=say(heading_key))]
    for person in people:
        handover = Page(
            "handover",
            say("safety.handover", person=person),
            notes=(say("safety.handover_ready", person=person),),
        )
        pages += [handover, *_private_pages(library)]
    return [*pages, Page("done", say("safety.done"))]


def _private_pages(library: Library) -> list[Page]:
    """What one person sees alone: every question, then where to turn. The same for
    everyone, whatever they answer."""
    say = library.say
    questions = library.safety.questions
    answers = tuple(answer.label for answer in library.safety.answers)
    count = str(len(questions))
    pages = [
        Page(
            "question",
            question.text,
            notes=(say("safety.not_saved"),),
            heading=say("safety.question_count", number=str(number), count=count),
            answers=answers,
        )
        for number, question in enumerate(questions, start=1)
    ]
    resources = Page(
        "resources", say("safety.resources_lead"), notes=(say("safety.professional_alone"),)
    )
    return [*pages, resources]


def back_from_break(pages: list[Page], index: int) -> int:
    """Where the check resumes after a time-out: a private page goes back through its
    person's hand-over (the other partner may be at the keyboard now); any other page
    stays where it was."""
    if not pages[index].private:
        return index
    for earlier in range(index, -1, -1):
        if pages[earlier].kind == "handover":
            return earlier
    return index
