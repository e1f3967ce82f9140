"""Every kind of button and list works by mouse as well as by key (issue 11).

One test per kind, by clicks only (words are pasted, as a terminal sends a paste): Home's lists
and buttons, a dialog's buttons, the answer's buttons and a choice, the hand-over and reveal of
a private step, the consent buttons and a menu's marks, a check-in's ratings and what to share,
the time-out's choices (opened from the footer), radio buttons and a checkbox, a drop-down
filter, the safety check's answers, where to turn; and the mouse wheel scrolls every long view.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual import events
from textual.pilot import Pilot
from textual.widget import Widget
from textual.widgets import Checkbox, OptionList, RadioSet, Select, TextArea
from textual.widgets._footer import FooterKey

from screens.agreement_detail import AgreementScreen
from screens.agreements import AgreementsScreen
from screens.consent import ConsentScreen
from screens.exercise import ExerciseScreen
from screens.export import ExportScreen
from screens.handover import HandOverScreen
from screens.home import HomeScreen
from screens.progress import ProgressScreen
from screens.resources import ResourcesScreen
from screens.reveal import RevealScreen
from screens.roles import RolesScreen
from screens.setup import SetupScreen
from screens.share_ratings import ShareRatingsScreen
from screens.timeout import TimeOutScreen
from tests.app.pilot import make_app, paste, running, screen_words, settle
from tests.app.routes import NOW, ROUTES, opened
from workbook.clock import ManualClock

pytestmark = pytest.mark.usefixtures("in_utc")


def on_top(pilot: Pilot[None], target: Widget | str) -> Widget:
    return pilot.app.screen.query_one(target) if isinstance(target, str) else target


async def click(pilot: Pilot[None], target: Widget | str) -> None:
    """Click the middle of a widget of the screen on top (brought into view first, as the
    wheel would), then let the screen settle."""
    widget = on_top(pilot, target)
    pilot.app.screen.scroll_to_widget(widget, animate=False)
    await settle(pilot)
    width, height = widget.region.size
    await pilot.click(widget, offset=(width // 2, height // 2))
    await settle(pilot)


async def click_option(pilot: Pilot[None], target: str, option: str | int | None = None) -> None:
    """Click an option (by id or index; the first that can be chosen when None) of a list on
    the screen on top, the list scrolled to show it first, as the wheel would."""
    options = on_top(pilot, target)
    assert isinstance(options, OptionList)
    if isinstance(option, str):
        index = options.get_option_index(option)
    elif option is None:
        index = next(i for i, o in enumerate(options.options) if not o.disabled)
    else:
        index = option
    pilot.app.screen.scroll_to_widget(options, animate=False)
    line = options._index_to_line[index]  # the option's first line (Textual keeps no public map)
    options.scroll_to(y=line, animate=False, immediate=True)
    await settle(pilot)
    y = options.gutter.top + line - round(options.scroll_y)
    assert await pilot.click(options, offset=(options.gutter.left + 2, y))
    await settle(pilot)


async def click_key(pilot: Pilot[None], key: str) -> None:
    """Click the footer's label for ``key`` (the footer says what each key does)."""
    [label] = [k for k in pilot.app.screen.query(FooterKey) if k.key == key]
    await click(pilot, label)


async def wheel(
    pilot: Pilot[None], target: Widget | str, down: bool = True, turns: int = 1
) -> None:
    """Turn the mouse wheel over a widget of the screen on top."""
    event = events.MouseScrollDown if down else events.MouseScrollUp
    for _ in range(turns):
        await pilot._post_mouse_events([event], on_top(pilot, target), offset=(2, 1))
    await settle(pilot)


def on(pilot: Pilot[None], kind: type) -> None:
    assert isinstance(pilot.app.screen, kind), (
        f"{type(pilot.app.screen).__name__}: {screen_words(pilot)}"
    )


async def answer_by_click(pilot: Pilot[None], words: str) -> None:
    await paste(pilot, words)
    await click(pilot, "#submit-button")


async def test_home_lists_dialog_buttons_answers_and_a_choice(data_folder: Path) -> None:
    """Home's buttons and lists, the roles dialog's Back and its options, Submit, a choice."""
    async with running(data_folder, clock=ManualClock(NOW)) as (_, pilot):
        await click(pilot, "#today-later")  # "Not now": today's suggestion goes
        assert not pilot.app.screen.query_one("#today").display
        await click_option(pilot, "#exercises", "exercise:active-listening")
        on(pilot, RolesScreen)
        await click(pilot, "#back")
        on(pilot, HomeScreen)
        await click_option(pilot, "#exercises", "exercise:active-listening")
        await click_option(pilot, "#role-options", "1")  # Sam first
        on(pilot, ExerciseScreen)
        assert "Sam's turn" in screen_words(pilot)
        await answer_by_click(pilot, "The evenings feel long.")
        assert "Alex's turn" in screen_words(pilot)
        await answer_by_click(pilot, "Let me see if I got you: the evenings are long.")
        await click_option(pilot, "#choices", "partly")
        screen = pilot.app.screen
        assert isinstance(screen, ExerciseScreen)
        assert screen.book.store.turns(screen.session_id)[-1].value == "partly"


async def test_a_private_step_hand_over_and_reveal(data_folder: Path) -> None:
    async with running(data_folder, clock=ManualClock(NOW)) as (_, pilot):
        await click_option(pilot, "#exercises", "exercise:appreciations")
        await click_option(pilot, "#role-options", "0")
        for words in ("You made tea.", "You waited for me."):
            on(pilot, HandOverScreen)
            await click(pilot, "#continue")
            on(pilot, ExerciseScreen)
            await answer_by_click(pilot, words)
        on(pilot, RevealScreen)
        await click(pilot, "#continue")
        on(pilot, ExerciseScreen)


async def test_consent_buttons_and_a_menus_marks(data_folder: Path) -> None:
    async with running(data_folder, clock=ManualClock(NOW)) as (_, pilot):
        await click_option(pilot, "#exercises", "exercise:intimacy-menu")
        for button in ("#continue", "#yes", "#continue", "#yes", "#continue"):
            on(pilot, ConsentScreen)
            await click(pilot, button)
        await click_option(pilot, "#role-options", "0")
        await click(pilot, "#submit-button")  # Alex agrees to the ground rules
        await click(pilot, "#submit-button")  # and Sam
        await click(pilot, "#continue")  # Alex's private hand-over
        on(pilot, ExerciseScreen)
        menu = pilot.app.screen.query_one("#menu")
        first = menu.items[0]  # type: ignore[attr-defined]
        await click_option(pilot, "#menu", "0")
        await click_option(pilot, "#menu", "0")
        assert menu.marks[first] == "yes"  # type: ignore[attr-defined]  # no, maybe, yes


async def test_a_check_ins_ratings_and_what_to_share(data_folder: Path) -> None:
    async with running(data_folder, clock=ManualClock(NOW)) as (_, pilot):
        await click_option(pilot, "#progress-lines", "check-in")
        await click_option(pilot, "#role-options", "0")
        await click(pilot, "#continue")
        for _ in range(4):  # from not shared: 0, 1, 2, 3
            await click_option(pilot, "#ratings", "0")
        await click_option(pilot, "#ratings", "1")
        marks = pilot.app.screen.query_one("#ratings").marks  # type: ignore[attr-defined]
        assert (marks["trust"], marks["safety"], marks["closeness"]) == ("3", "0", "")
        await click(pilot, "#submit-button")
        on(pilot, ShareRatingsScreen)
        await click_option(pilot, "#share", "0")  # trust: kept unshared
        assert pilot.app.screen.query_one("#share").marks == {"trust": "kept", "safety": "shared"}  # type: ignore[attr-defined]
        await click(pilot, "#save")
        on(pilot, HandOverScreen)


async def test_a_time_out_from_the_footer_by_clicks(data_folder: Path) -> None:
    async with running(data_folder, clock=ManualClock(NOW)) as (app, pilot):
        await click_key(pilot, "ctrl+t")
        on(pilot, TimeOutScreen)
        await click_option(pilot, "#return-choices", "30")
        await click_option(pilot, "#return-choices", "60")  # the other asks for longer
        screen = app.screen
        assert isinstance(screen, TimeOutScreen) and screen.page == "break"
        assert "13:00" in screen_words(pilot)
        await click(pilot, "#ready")
        await click(pilot, "#back-now")  # back early: asked, and coming back anyway
        on(pilot, HomeScreen)


async def test_radio_buttons_a_checkbox_and_buttons_on_the_export(data_folder: Path) -> None:
    async with running(data_folder, clock=ManualClock(NOW)) as (app, pilot):
        await click_option(pilot, "#own-words", "export")
        on(pilot, ExportScreen)
        await click(pilot, "#json")
        await click(pilot, "#transcripts")
        screen = app.screen
        assert screen.query_one("#format", RadioSet).pressed_button.id == "json"  # type: ignore[union-attr]
        assert screen.query_one("#transcripts", Checkbox).value
        await click(pilot, "#write")
        [written] = (data_folder / "exports").iterdir()
        assert written.suffix == ".json"
        await click(pilot, "#back")
        on(pilot, HomeScreen)


async def test_a_drop_down_filter_and_an_agreement_by_clicks(
    demo_written: Path, tmp_path: Path
) -> None:
    app = opened(ROUTES["home"], tmp_path / "data", demo_written)
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            await click_option(pilot, "#agreements")
            on(pilot, AgreementScreen)
            await click(pilot, "#back")
            on(pilot, AgreementsScreen)
            await click(pilot, "#status-filter")
            await click_option(pilot, "#status-filter SelectOverlay", 1)  # after "any status"
            assert app.screen.query_one("#status-filter", Select).value == "active"
            await click(pilot, "#back")
            on(pilot, HomeScreen)
    finally:
        app.book.close()


async def test_the_safety_check_and_set_up_by_clicks(data_folder: Path) -> None:
    app = make_app(data_folder, ManualClock(NOW))
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            while not isinstance(app.screen, SetupScreen):
                if app.screen.query("#safety-answers"):
                    await click_option(pilot, "#safety-answers")
                else:
                    await click(pilot, "#continue")
            await click(pilot, "#name-a")
            await paste(pilot, "Alex")
            await click(pilot, "#name-b")
            await paste(pilot, "Sam")
            await click(pilot, "#begin")
            on(pilot, HomeScreen)
    finally:
        app.book.close()


async def test_where_to_turn_by_clicks(data_folder: Path) -> None:
    async with running(data_folder, clock=ManualClock(NOW)) as (app, pilot):
        await click_key(pilot, "ctrl+r")
        on(pilot, ResourcesScreen)
        await click(pilot, "#add-own")
        await click(pilot, "#own-name")
        await paste(pilot, "Riverside Counselling")
        await click(pilot, "#save-own")
        on(pilot, ResourcesScreen)
        assert [r.name for r in app.book.own_resources()] == ["Riverside Counselling"]
        await click(pilot, ".remove-own")
        assert app.book.own_resources() == []
        await click(pilot, "#back")
        on(pilot, HomeScreen)


async def test_the_wheel_scrolls_every_long_view(demo_written: Path, tmp_path: Path) -> None:
    """Home, the progress page and a long answer scroll under the wheel, down and back up."""
    app = opened(ROUTES["home"], tmp_path / "data", demo_written)
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            home = app.screen.query_one("#home")
            await wheel(pilot, home, turns=3)
            assert home.scroll_y > 0
            await wheel(pilot, home, down=False, turns=3)
            assert home.scroll_y == 0
            await click_option(pilot, "#progress-lines", "progress")
            on(pilot, ProgressScreen)
            page = app.screen.query_one("#progress")
            await wheel(pilot, page, turns=3)
            assert page.scroll_y > 0
            await click(pilot, "#back")
            await click_option(pilot, "#sessions")
            on(pilot, ExerciseScreen)
            session = app.screen.session_id  # type: ignore[attr-defined]
            box = app.screen.query_one("#answer", TextArea)
            await paste(pilot, "\n".join(f"Line {n} of a long answer." for n in range(1, 200)))
            at_end = box.scroll_y
            assert at_end > 0  # the cursor's end of the answer in view
            await wheel(pilot, box, down=False, turns=5)
            assert box.scroll_y < at_end
            await click(pilot, "#submit-button")
            on(pilot, ExerciseScreen)
            [*_, sent] = app.book.store.turns(session)
            assert str(sent.value).endswith("Line 199 of a long answer.")
    finally:
        app.book.close()
