"""The private safety check on screen: whatever anyone answers, every screen either partner
sees comes in the same number, in the same order, with the same words, and the data folder
keeps nothing but that the first-run check was done."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import OptionList

from screens.home import HomeScreen
from screens.resources import ResourcesScreen
from screens.safety import SafetyCheckScreen
from screens.setup import SetupScreen
from tests.app.pilot import (
    SIZE,
    folder_bytes,
    make_app,
    reopened,
    running,
    screen_words,
    settle,
)
from tests.app.time_out import call_break, ready
from workbook.book import Workbook
from workbook.clock import ManualClock
from workbook.content import load_library
from workbook.safety import check_pages

LIBRARY = load_library()
QUESTIONS = len(LIBRARY.safety.questions)
ANSWERS = [answer.label for answer in LIBRARY.safety.answers]
ANSWER_IDS = [answer.id for answer in LIBRARY.safety.answers]
NO, YES, UNSURE, RATHER_NOT = (ANSWER_IDS.index(i) for i in ("no", "yes", "unsure", "rather_not"))

Folder = dict[str, bytes]


def each(answer: int) -> list[int]:
    """One person giving ``answer`` to every question (as indexes into the shipped answers)."""
    return [answer] * QUESTIONS


def one_yes(question: int) -> list[int]:
    return [YES if q == question else NO for q in range(QUESTIONS)]


#: The answers chosen at the question pages, in order: the first person's, then the second's.
NO_CONCERNS = each(NO) + each(NO)
CONCERNS = {
    **{f"first says yes to question {q + 1}": one_yes(q) + each(NO) for q in range(QUESTIONS)},
    "second says yes to every question": each(NO) + each(YES),
    "first is not sure, second would rather not say": each(UNSURE) + each(RATHER_NOT),
}


@dataclass
class Walk:
    """What a run of the check showed and left: the screen on arrival at every page, and
    the data folder's bytes at that moment."""

    screens: list[str] = field(default_factory=list)
    folders: list[Folder] = field(default_factory=list)


async def walk(pilot: Pilot[None], choices: list[int], folder: Path) -> Walk:
    """Go through the check on screen, choosing ``choices`` at the question pages with the
    arrow keys and Enter (Enter alone elsewhere), up to the first screen after the check."""
    await settle(pilot)
    seen = Walk()
    left = list(choices)
    while isinstance(pilot.app.screen, SafetyCheckScreen):
        assert pilot.app.screen.styles.background.a == 1, "nothing behind it shows"
        seen.screens.append(screen_words(pilot))
        seen.folders.append(folder_bytes(folder))
        for answers in pilot.app.screen.query("#safety-answers").results(OptionList):
            choice = left.pop(0)
            await pilot.press(*["down"] * choice)
            # The answer meant is the one taken: the runs really differ in what is answered.
            assert (
                str(answers.get_option_at_index(answers.highlighted or 0).prompt)
                == (ANSWERS[choice])
            )
        await pilot.press("enter")
        await settle(pilot)
    assert left == [], "every planned answer was given"
    return seen


async def first_run(folder: Path, choices: list[int]) -> tuple[Walk, Folder]:
    """A first-run check on a new ``folder``: what it showed, and the folder once set-up
    shows."""
    app = make_app(folder, ManualClock())
    try:
        async with app.run_test(size=SIZE) as pilot:
            seen = await walk(pilot, choices, folder)
            assert isinstance(app.screen, SetupScreen)
            return seen, folder_bytes(folder)
    finally:
        app.book.close()


@pytest.fixture(autouse=True)
def _same_ids(monkeypatch: pytest.MonkeyPatch) -> None:
    """The sitting's random id is the same in every run, so runs' folders compare by bytes."""
    monkeypatch.setattr("workbook.sittings.new_id", lambda: "0123456789abcdef")


# -- acceptance 1: the first-run check -----------------------------------------------------


async def test_every_screen_is_the_same_whatever_was_answered(tmp_path: Path) -> None:
    calm, calm_after = await first_run(tmp_path / "calm", NO_CONCERNS)
    assert len(calm.screens) == len(check_pages(LIBRARY, "first_run", None))
    for name, choices in CONCERNS.items():
        seen, after = await first_run(tmp_path / name, choices)
        pages, calm_pages = len(seen.screens), len(calm.screens)
        assert pages == calm_pages, f"{name}: a different number of pages"
        for page, (screen, calm_screen) in enumerate(zip(seen.screens, calm.screens, strict=True)):
            assert screen == calm_screen, f"{name}: page {page + 1} differs"
        assert seen.folders == calm.folders, name
        assert after == calm_after, f"{name}: the folder differs after the check"


async def test_the_check_leaves_only_that_it_was_done(data_folder: Path) -> None:
    seen, after = await first_run(data_folder, CONCERNS["second says yes to every question"])
    opened = seen.folders[0]
    assert all(folder == opened for folder in seen.folders), "nothing is written during it"
    assert after.keys() == opened.keys()
    changed = [name for name in after if after[name] != opened[name]]
    assert changed == ["workbook.json"]
    before_json, after_json = (json.loads(f["workbook.json"]) for f in (opened, after))
    [meta_before] = before_json.pop("meta").values()
    [meta_after] = after_json.pop("meta").values()
    assert (meta_before.pop("safety_checked"), meta_after.pop("safety_checked")) == (False, True)
    assert (meta_before, before_json) == (meta_after, after_json)


async def test_every_page_offers_the_quick_way_to_leave(data_folder: Path) -> None:
    seen, _ = await first_run(data_folder, NO_CONCERNS)
    hint = " ".join(LIBRARY.say("safety.leave_hint").split())
    assert all(hint in screen and "Leave now" in screen for screen in seen.screens)


async def test_each_person_hands_over_then_sees_the_resources_and_both_see_one_ending(
    data_folder: Path,
) -> None:
    seen, _ = await first_run(data_folder, NO_CONCERNS)
    handovers = [i for i, s in enumerate(seen.screens) if "Please hand the keyboard" in s]
    assert len(handovers) == 2
    assert "the first person" in seen.screens[handovers[0]]
    assert "the second person" in seen.screens[handovers[1]]
    for handover in handovers:
        resources = seen.screens[handover + QUESTIONS + 1]
        emergency = " ".join(LIBRARY.resources.emergency.split())
        for words in (LIBRARY.say("safety.resources_lead"), emergency):
            assert " ".join(words.split()) in resources
        for heading in ("resources.own", "resources.helplines"):
            assert LIBRARY.say(heading) in resources
        assert " ".join(LIBRARY.say("safety.professional_alone").split()) in resources
    assert " ".join(LIBRARY.say("safety.done").split()) in seen.screens[-1]


async def test_leave_now_closes_the_app_and_keeps_nothing(data_folder: Path) -> None:
    app = make_app(data_folder, ManualClock())
    try:
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            await pilot.press("enter", "enter")  # the intro, the hand-over: a question shows
            await settle(pilot)
            assert app.screen.query("#safety-answers")
            await pilot.click("#leave-now")
            await settle(pilot)
            assert app.return_code == 0
    finally:
        app.book.close()
    book = Workbook.open(data_folder)
    assert book.safety_check_needed()
    book.close()


# -- the couple's check, from help or on opening, and the solo check -------------------------


async def test_the_couple_check_from_help_names_them_and_leaves_no_trace(
    data_folder: Path,
) -> None:
    async with running(data_folder, clock=ManualClock()) as (app, pilot):
        before = folder_bytes(data_folder)
        runs = []
        for choices in (NO_CONCERNS, each(YES) + each(RATHER_NOT)):
            await pilot.press("f1")
            await settle(pilot)
            await pilot.click("#safety-check")
            runs.append(await walk(pilot, choices, data_folder))
            assert isinstance(app.screen, HomeScreen), "back where they were"
            assert folder_bytes(data_folder) == before
        calm, worried = runs
        assert worried.screens == calm.screens
        assert len(calm.screens) == len(check_pages(LIBRARY, "couple", ("Alex", "Sam")))
        handovers = [s for s in calm.screens if "Please hand the keyboard" in s]
        assert ["to Alex." in s for s in handovers] == [True, False]
        assert ["to Sam." in s for s in handovers] == [False, True]


async def test_the_solo_check_from_resources_leaves_no_trace(data_folder: Path) -> None:
    async with running(data_folder, clock=ManualClock()) as (app, pilot):
        before = folder_bytes(data_folder)
        await pilot.press("ctrl+r")
        runs = []
        for choices in (each(NO), each(YES)):
            await settle(pilot)
            await pilot.click("#solo-check")
            runs.append(await walk(pilot, choices, data_folder))
            assert isinstance(app.screen, ResourcesScreen), "back to where to turn"
            assert folder_bytes(data_folder) == before
        calm, worried = runs
        assert worried.screens == calm.screens
        assert not any("Please hand the keyboard" in s for s in calm.screens)
        assert " ".join(LIBRARY.say("safety.solo_done").split()) in calm.screens[-1]


def forget_the_check(folder: Path) -> None:
    """Make ``folder`` a workbook from before the check existed: no flag in its meta."""
    file = folder / "workbook.json"
    data = json.loads(file.read_text(encoding="utf-8"))
    for meta in data["meta"].values():
        del meta["safety_checked"]
    file.write_text(json.dumps(data), encoding="utf-8")


async def test_a_workbook_without_the_check_gets_the_couple_check_on_open(
    data_folder: Path,
) -> None:
    before_the_check(data_folder)
    async with reopened(data_folder) as (app, pilot):
        seen = await walk(pilot, each(YES) + each(NO), data_folder)
        assert isinstance(app.screen, HomeScreen)
    assert "to Alex." in seen.screens[1]
    assert " ".join(LIBRARY.say("safety.intro_again").split()) in seen.screens[0]
    async with reopened(data_folder) as (app, pilot):
        assert isinstance(app.screen, HomeScreen), "once done, it is not asked again"


def before_the_check(folder: Path) -> None:
    """Alex and Sam's workbook from before the check existed."""
    book = Workbook.open(folder)
    book.set_partners("Alex", "Sam")
    book.close()
    forget_the_check(folder)


async def test_a_break_in_the_check_comes_back_through_the_hand_over(data_folder: Path) -> None:
    """After a time-out the other partner may be at the keyboard: the check resumes at the
    hand-over of the person whose private pages were showing."""
    before_the_check(data_folder)
    clock = ManualClock()
    async with reopened(data_folder, clock) as (app, pilot):
        sams_second_question = 1 + (1 + QUESTIONS + 1) + 2
        for _ in range(sams_second_question):
            await pilot.press("enter")
            await settle(pilot)
        assert "Question 2 of" in screen_words(pilot)
        await call_break(pilot)
        clock.advance(20 * 60)
        await ready(pilot)
        assert isinstance(app.screen, SafetyCheckScreen)
        words = screen_words(pilot)
        assert "Please hand the keyboard to Sam." in words and "Question" not in words


# -- acceptance 6 (part): the hand-overs (the snapshots of the check: test_every_screen.py) ---


async def test_each_hand_over_in_the_check_empties_the_clipboard(data_folder: Path) -> None:
    """Nothing one person copied can be pasted by the other after the check's hand-over."""
    app = make_app(data_folder)
    try:
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            app.copy_to_clipboard("words someone copied")
            await pilot.press("enter")  # past the intro, to the first hand-over
            await settle(pilot)
            assert app.clipboard == ""
    finally:
        app.book.close()


async def test_closing_at_the_names_does_not_ask_for_the_check_again(data_folder: Path) -> None:
    """The first-run check was done, then the app closed at set-up: next time it opens on the
    names, not on the whole check again."""
    await first_run(data_folder, NO_CONCERNS)
    app = make_app(data_folder, ManualClock())
    try:
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            assert isinstance(app.screen, SetupScreen)
    finally:
        app.book.close()
