"""Run by hand: ``.venv/bin/python -m benchmarks.bench_save [--runs 200] [--sizes
100,1000,20000]``.

One durable turn save, exactly the call the Exercise screen makes on ctrl+s (``book.submit``
at a text step of Active listening), with 100, 1,000 and 20,000 turns stored in the workbook
(a two-year history from ``make_history``, in sessions of normal length), against the floor
of any durable save: a file the size of one turn written, fsync'd, renamed over the old one
and its folder fsync'd. All sides run interleaved, run by run (shared machines are noisy);
each prints its median and p95, its median per-run ratio to the floor (target <= 3x), and the
largest size against the smallest (target <= 1.5x: saves stay flat as the history grows).
"""

from __future__ import annotations

import contextlib
import json
import os
import random
import sys
import tempfile
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from benchmarks.make_history import TALK, Couple, History, proportional, write_history
from benchmarks.timing import (
    Measure,
    Stats,
    int_list,
    interleave,
    median_ratio,
    ms,
    parser,
    print_ratio,
    timed,
)
from workbook.book import Workbook
from workbook.clock import ManualClock
from workbook.models import Turn

RUNS = 200
SIZES = "100,1000,20000"
WARM_UP = 5
#: Timed saves in one session before the next one starts, so it keeps a normal length.
SAVES_PER_SESSION = 12
SAVE_TARGET = 3.0
FLAT_TARGET = 1.5
FLOOR = "floor"


def turn_size(words: str) -> int:
    """Bytes of one turn as the session file holds it (the floor writes that many)."""
    turn = Turn(id="0" * 16, partner="a", step_id="share", value=words, at=datetime.now(UTC))
    return len(json.dumps(turn.model_dump(mode="json"), separators=(",", ":")).encode())


def bare_save(path: Path, payload: bytes) -> Callable[[], float]:
    """The floor: ``payload`` to a temp file, fsync, rename over ``path``, fsync the folder."""
    temp = path.with_name(f".{path.name}.tmp")

    def save() -> float:
        def write() -> None:
            fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            try:
                os.write(fd, payload)
                os.fsync(fd)
            finally:
                os.close(fd)
            os.replace(temp, path)
            folder = os.open(path.parent, os.O_RDONLY)
            try:
                os.fsync(folder)
            finally:
                os.close(folder)

        return timed(write)

    return save


class Saver:
    """One open workbook with a history of some size: each call times one ``submit`` at a
    text step of a talk, then (untimed) answers on to the next text step."""

    def __init__(self, folder: Path, seed: int) -> None:
        self.clock = ManualClock(datetime.now(UTC))
        self.book = Workbook.open(folder, self.clock)
        self.history = History(self.book, self.clock, random.Random(seed))
        self.history.couple.extra = 10**9  # "is there more?": yes, for as long as it runs
        self.session_id = ""
        self.saves = SAVES_PER_SESSION

    def _at_text_step(self) -> None:
        if self.saves >= SAVES_PER_SESSION:
            roles = self.history.roles(TALK)
            self.session_id = self.book.start(TALK, roles).id
            self.saves = 0
        while True:
            session = self.book.load(self.session_id).session
            if self.book.exercise(TALK).step(session.step_id).kind == "text":
                return
            self.history.play(self.session_id, 1)

    def __call__(self) -> float:
        self._at_text_step()
        words = self.history.couple.words()
        self.clock.advance(60)
        took = timed(lambda: self.book.submit(self.session_id, words))
        self.saves += 1
        return took

    def close(self) -> None:
        self.book.close()


def made(root: Path, size: int) -> Path:
    """A history of ``size`` turns in the defaults' proportions, under ``root``."""
    folder = root / f"history-{size}"
    print(f"writing a history of {size} turns ...", flush=True)
    seconds = timed(lambda: write_history(folder, **proportional(size)))
    print(f"  written in {seconds:.1f} s", flush=True)
    return folder


def report(samples: dict[str, list[float]], sizes: list[int], size_of: int) -> bool:
    """Print every side's median and p95 and the ratios; True if every target is met."""
    bare = samples[FLOOR]
    stats = Stats.of(bare)
    print(
        f"floor ({size_of} B write + fsync + rename + folder fsync): "
        f"median {ms(stats.median)}, p95 {ms(stats.p95)}"
    )
    met = True
    for size in sizes:
        ours = samples[str(size)]
        stats = Stats.of(ours)
        print(
            f"turn save with {size:>6} turns stored: median {ms(stats.median)}, p95 {ms(stats.p95)}"
        )
        met &= print_ratio(f"  save / floor at {size} turns", median_ratio(ours, bare), SAVE_TARGET)
    if len(sizes) > 1:
        big, small = max(sizes), min(sizes)
        flat = median_ratio(samples[str(big)], samples[str(small)])
        met &= print_ratio(f"save at {big} / at {small} turns", flat, FLAT_TARGET)
    return met


def main(argv: list[str] | None = None) -> int:
    args = parser("One durable turn save against the disk's own floor.", RUNS)
    args.add_argument(
        "--sizes", type=int_list, default=int_list(SIZES), help=f"turns stored (default {SIZES})"
    )
    options = args.parse_args(argv)
    sizes: list[int] = sorted(set(options.sizes))
    with tempfile.TemporaryDirectory() as temp, contextlib.ExitStack() as closing:
        root = Path(temp)
        savers: dict[str, Measure] = {}
        for size in sizes:
            saver = Saver(made(root, size), size)
            closing.callback(saver.close)
            savers[str(size)] = saver
        words = Couple(random.Random(0), ManualClock(datetime.now(UTC))).words()
        payload = b"x" * turn_size(words)
        sides = {FLOOR: bare_save(root / "floor.json", payload), **savers}
        interleave(sides, WARM_UP)
        samples = interleave(sides, options.runs)
    print(f"({options.runs} interleaved runs; the machine may be shared: compare the ratios)")
    report(samples, sizes, len(payload))
    return 0


if __name__ == "__main__":
    sys.exit(main())
