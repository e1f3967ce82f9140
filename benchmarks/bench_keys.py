"""Key-to-frame time of typing into the Exercise screen's answer box, against a bare TextArea.

Run by hand (``make bench``); ratios, not absolute times, because shared machines are noisy.
Each key is posted to the app as the terminal driver would post it, and timed to the first
screen update the app then writes (``App._display`` with the frame's terminal output rendered,
which headless Textual would otherwise skip). Pilot's ``press`` + ``pause`` is not used: it
sleeps ~80 ms of its own for any widget.

Both sides type the same keys from the same starting text, at 80x24, in blocks that alternate
which side goes first, each block a fresh app (ours on a two-year workbook of ``--turns``
turns from ``make_history``, a fresh session of Active listening open). Two conditions:

- idle: the answer box with its draft saves switched off for the measurement;
- saving: as in real use, half-typed words saved durably (fsync'd, atomic) at most once a
  second by the screen's throttle, into a real data folder on disk.
"""

from __future__ import annotations

import asyncio
import random
import statistics
import tempfile
import time
from collections.abc import Awaitable, Callable, Iterator
from pathlib import Path

from textual import events
from textual._compositor import CompositorUpdate
from textual.app import App, ComposeResult
from textual.screen import Screen
from textual.widgets import TextArea

from benchmarks import timing
from screens.app import WorkbookApp
from screens.exercise import ExerciseScreen
from workbook.book import Workbook
from workbook.drafts import DraftThrottle

SIZE = (80, 24)
#: Targets, with saves running: answer box / bare TextArea.
MEDIAN_TARGET = 1.2
P99_TARGET = 1.5
#: Keys typed untimed at the start of each block (a fresh app's first paths through the code).
WARM_UP = 5
#: What both sides hold before the first key (a few lines already written).
START_TEXT = "When you came home late\nI felt left out, and\n"
#: What is typed, over and over: letters, spaces and now and then a new line.
TYPED = "i felt alone when you did not call and i was afraid to say so\n"


def keys(count: int) -> Iterator[events.Key]:
    """``count`` key events, as the driver makes them from what a person types."""
    for n in range(count):
        char = TYPED[n % len(TYPED)]
        key = {" ": "space", "\n": "enter"}.get(char, char)
        yield events.Key(key, "\r" if char == "\n" else char)


class FrameTimer:
    """Mixin for an App: notes when each screen update is written. The update's terminal
    output is rendered here, since a headless app skips it and a real terminal never would."""

    frame: asyncio.Event
    frame_at: float = 0.0

    def _display(self, screen: Screen[object], renderable: object) -> None:
        app: App[None] = self  # type: ignore[assignment]
        if renderable is not None and not app._batch_count:
            if isinstance(renderable, CompositorUpdate):
                renderable.render_segments(app.console)
            self.frame_at = time.perf_counter()
            self.frame.set()
        super()._display(screen, renderable)  # type: ignore[misc]


class BareApp(FrameTimer, App[None]):
    """A bare Textual TextArea holding the same text, the answer box's size (80x5), so the
    ratio is what the workbook's screen adds, not a bigger box to paint."""

    CSS = "TextArea { height: 5; }"

    def __init__(self) -> None:
        super().__init__()
        self.frame = asyncio.Event()

    def compose(self) -> ComposeResult:
        yield TextArea(START_TEXT, soft_wrap=True, show_line_numbers=False)

    def on_mount(self) -> None:
        area = self.query_one(TextArea)
        area.cursor_blink = False  # a blink is a frame no key asked for
        area.move_cursor(area.document.end)
        area.focus()


class TimedWorkbookApp(FrameTimer, WorkbookApp):
    def __init__(self, book: Workbook) -> None:
        super().__init__(book)
        self.frame = asyncio.Event()


async def type_keys(app: FrameTimer, count: int, gaps: list[float]) -> list[float]:
    """Post ``count`` keys one by one; each timed from posting to the next frame written,
    then a pause of the next gap (a person's pace between keys, same on both sides)."""
    pump: App[None] = app  # type: ignore[assignment]
    times = []
    for n, key in enumerate(keys(WARM_UP + count)):
        app.frame.clear()
        sent = time.perf_counter()
        pump.post_message(key)
        await app.frame.wait()
        if n >= WARM_UP:
            times.append(app.frame_at - sent)
        await asyncio.sleep(gaps[max(0, n - WARM_UP)])
    return times


async def settle(app: App[None]) -> None:
    """Let screens push, compose and paint (not timed)."""
    for _ in range(3):
        await app._animator.wait_until_complete()
        await asyncio.sleep(0.03)


async def bare_block(count: int, gaps: list[float]) -> list[float]:
    app = BareApp()
    async with app.run_test(size=SIZE):
        await settle(app)
        return await type_keys(app, count, gaps)


def workbook_folder(root: Path, turns: int) -> Path:
    """A real data folder with partners set and the safety check done: a two-year history of
    ``turns`` turns (``make_history``), or a fresh workbook for none."""
    folder = root / "data"
    if turns:
        from benchmarks.make_history import proportional, write_history

        write_history(folder, **proportional(turns))
        return folder
    book = Workbook.open(folder)
    try:
        book.set_partners("Alex", "Sam")
        book.safety_check_done()
    finally:
        book.close()
    return folder


async def workbook_block(folder: Path, count: int, gaps: list[float], saving: bool) -> list[float]:
    """A fresh session of Active listening at its first (text) step, its answer box holding
    the same text as the bare side's; with ``saving`` off, draft saves go nowhere."""
    book = Workbook.open(folder)
    try:
        session = book.start("active-listening", {"speaker": "a", "listener": "b"})
        app = TimedWorkbookApp(book)
        async with app.run_test(size=SIZE):
            await settle(app)
            screen = ExerciseScreen(session.id)
            app.push_screen(screen)
            await settle(app)
            box = screen.query_one("#answer", TextArea)
            box.load_text(START_TEXT)
            box.cursor_blink = False
            box.move_cursor(box.document.end)
            if not saving:
                screen.throttle = DraftThrottle(lambda text: None)
            await settle(app)
            return await type_keys(app, count, gaps)
    finally:
        book.close()


def pauses(block: int, count: int, mean: float) -> list[float]:
    """The pauses between keys in block number ``block``, the same on both sides: from 0.72
    to 1.28 times ``mean`` (18 to 32 ms by default), always longer than a 60 Hz frame, so a
    key never waits on Textual's refresh timer for a frame painted just before it (a person
    types slower still; faster keys would make the medians flip between the timer's two
    modes run by run)."""
    rng = random.Random(block)
    return [mean * rng.uniform(0.72, 1.28) for _ in range(count)]


Block = Callable[[list[float]], Awaitable[list[float]]]


class Side:
    """One side's blocks: each key's time kept (seconds), each block's median returned."""

    def __init__(self, block: Block, count: int, mean_pause: float) -> None:
        self.block = block
        self.count = count
        self.mean_pause = mean_pause
        self.times: list[float] = []

    def __call__(self) -> float:
        gaps = pauses(len(self.times) // self.count, self.count, self.mean_pause)
        times = asyncio.run(self.block(gaps))
        self.times.extend(times)
        return statistics.median(times)


def compare(folder: Path, saving: bool, count: int, runs: int, mean_pause: float) -> None:
    """Both sides block by block, interleaved; print each side's median, p95 and p99 over
    every key, and the ratios (the targets apply while saving)."""
    bare = Side(lambda gaps: bare_block(count, gaps), count, mean_pause)
    ours = Side(lambda gaps: workbook_block(folder, count, gaps, saving), count, mean_pause)
    medians = timing.interleave({"bare": bare, "ours": ours}, runs)
    label = "saving drafts" if saving else "idle (no saves)"
    for name, side in (("bare TextArea", bare), ("answer box", ours)):
        stats = timing.Stats.of(side.times)
        print(
            f"{label}, {name}: median {timing.ms(stats.median)}, p95 {timing.ms(stats.p95)}, "
            f"p99 {timing.ms(stats.p99)} ({stats.n} keys)",
            flush=True,
        )
    ours_stats, bare_stats = timing.Stats.of(ours.times), timing.Stats.of(bare.times)
    median_ratio = timing.median_ratio(medians["ours"], medians["bare"])
    timing.print_ratio(
        f"{label}: answer box / bare, median (of per-block ratios)",
        median_ratio,
        MEDIAN_TARGET if saving else None,
    )
    timing.print_ratio(
        f"{label}: answer box / bare, p99",
        ours_stats.p99 / bare_stats.p99,
        P99_TARGET if saving else None,
    )


def main(argv: list[str] | None = None) -> None:
    parser = timing.parser(__doc__.splitlines()[0] if __doc__ else None, runs=20)
    parser.add_argument("--keys", type=int, default=2000, help="keys a side in each condition")
    parser.add_argument(
        "--turns", type=int, default=20_000, help="turns in the workbook's history (0: fresh)"
    )
    parser.add_argument("--gap-ms", type=float, default=25.0, help="mean pause between keys")
    args = parser.parse_args(argv)
    per_block = max(1, args.keys // args.runs)
    print(
        f"key-to-frame: {per_block * args.runs} keys a side in each condition, {args.runs} "
        f"blocks, ~{args.gap_ms:g} ms between keys, 80x24, a workbook of {args.turns} turns "
        "(a shared machine: read the ratios)",
        flush=True,
    )
    with tempfile.TemporaryDirectory() as tmp:
        folder = workbook_folder(Path(tmp), args.turns)
        for saving in (False, True):
            compare(folder, saving, per_block, args.runs, args.gap_ms / 1000)


if __name__ == "__main__":
    main()
