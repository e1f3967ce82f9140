"""A check-in on screen, by keys only (acceptance 1 of issue 9): each partner rates alone,
behind a hand-over; nothing of a rating shows until both are in; every partner then goes
through the same private "share these ratings?" screen whatever they rated; and a low rating
kept unshared ends exactly like a rating never given: the same screens, the same check-in
record, the same export."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from textual.widgets import OptionList

from screens.exercise import ExerciseScreen
from screens.handover import HandOverScreen
from screens.share_ratings import ShareRatingsScreen
from screens.summary import SummaryScreen
from tests.app.pilot import running, screen_text, screen_words, settle, type_text
from workbook.check_ins import series
from workbook.clock import ManualClock
from workbook.export import build_export
from workbook.export_markdown import markdown

NOW = datetime(2026, 6, 1, 19, 0, tzinfo=UTC)

#: One partner's part: (trust, safety, closeness) as "" for not shared, the note, and the
#: measures to keep unshared on the share screen.
Part = tuple[tuple[str, str, str], str, tuple[str, ...]]


async def rate(pilot, part: Part, seen: list[str]) -> None:  # type: ignore[no-untyped-def]
    """Through the hand-over, the ratings, the note and the share screen, noting each screen
    on the way (its class) in ``seen``."""
    ratings, note, keep = part
    seen.append(type(pilot.app.screen).__name__)
    assert isinstance(pilot.app.screen, HandOverScreen)
    await pilot.press("enter")
    await settle(pilot)
    seen.append(type(pilot.app.screen).__name__)
    assert isinstance(pilot.app.screen, ExerciseScreen)
    for value in ratings:
        await pilot.press(*["right"] * (int(value) + 1 if value else 0), "down")
    await pilot.press("tab")
    await type_text(pilot, note)
    await pilot.press("ctrl+s")
    await settle(pilot)
    screen = pilot.app.screen
    seen.append(type(screen).__name__)
    assert isinstance(screen, ShareRatingsScreen)
    share = screen.query_one("#share", OptionList)
    for item in keep:
        await pilot.press("home", *["down"] * share.items.index(item), "enter")
    await pilot.press("ctrl+s")
    await settle(pilot)


async def check_in(folder: Path, alex: Part, sam: Part) -> dict[str, object]:
    """A whole check-in, Alex first; what each partner saw and what was kept."""
    seen: dict[str, list[str]] = {"a": [], "b": []}
    clock = ManualClock(NOW)
    async with running(folder, "check-in", clock=clock) as (app, pilot):
        await rate(pilot, alex, seen["a"])
        words_between = screen_words(pilot)
        assert isinstance(pilot.app.screen, HandOverScreen), words_between
        await rate(pilot, sam, seen["b"])
        assert isinstance(pilot.app.screen, SummaryScreen)
        reveal = screen_text(pilot)
        store = app.book.store
        [kept] = store.check_ins()
        export = build_export(store, app.book.library, clock.now(), transcripts=True)
        return {
            "seen": seen,
            "between": words_between,
            "reveal": reveal,
            "entries": {p: e.model_dump(exclude={"turn"}) for p, e in kept.entries.items()},
            "chart": [series([kept], p, m) for p in "ab" for m in ("trust", "safety", "closeness")],
            "export": markdown(export, app.book.library),
        }


async def test_a_low_rating_kept_unshared_ends_like_one_never_given(tmp_path: Path) -> None:
    sam: Part = (("7", "5", "6"), "Good week", ())
    low_kept = await check_in(tmp_path / "low", (("6", "1", "5"), "", ("safety",)), sam)
    routine = await check_in(tmp_path / "routine", (("6", "", "5"), "", ()), sam)
    assert low_kept == routine
    assert low_kept["seen"] == {
        p: ["HandOverScreen", "ExerciseScreen", "ShareRatingsScreen"] for p in "ab"
    }
    reveal = " ".join(str(low_kept["reveal"]).split())
    assert "Trust: 6" in reveal and "Trust: 7" in reveal and "Good week" in reveal
    assert "Emotional safety: not shared" in reveal
    assert "Emotional safety: 1" not in reveal


async def test_nothing_of_a_rating_shows_before_both_are_in(tmp_path: Path) -> None:
    result = await check_in(
        tmp_path, (("9", "8", "3"), "tangerine evening", ()), (("2", "4", "6"), "", ())
    )
    assert "tangerine" not in str(result["between"])
    assert "Trust: 9" not in str(result["between"])
    reveal = " ".join(str(result["reveal"]).split())
    assert "Trust: 9" in reveal and "Trust: 2" in reveal and "tangerine evening" in reveal
