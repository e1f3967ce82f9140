"""Run by hand (``make bench``): ratios, not absolute times, because shared machines are noisy.

1. Start-up: the workbook's Home against a bare Textual app (one Static), each a whole headless
   process that exits once its first screen has painted; interleaved run by run; the median
   of the per-run ratios is printed.
2. A turn save with 10 and with 10,000 earlier turns, against the floor of one durable write
   of a small file (temp file, fsync, rename, folder fsync).
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

RUNS = 9

BARE = """
from textual.app import App
from textual.widgets import Static
class Bare(App):
    def compose(self):
        yield Static("ready")
    def on_mount(self):
        self.call_after_refresh(self.exit)
Bare().run(headless=True, size=(80, 24))
"""

WORKBOOK = """
import sys
from pathlib import Path
from workbook.book import Workbook
from screens.app import WorkbookApp
class Timed(WorkbookApp):
    def on_mount(self):
        super().on_mount()
        self.call_after_refresh(lambda: self.call_after_refresh(self.exit))
book = Workbook.open(Path(sys.argv[1]))
try:
    Timed(book).run(headless=True, size=(80, 24))
finally:
    book.close()
"""


def _timed(code: str, *args: str) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code, *args], check=True, capture_output=True)
    return time.perf_counter() - start


def startup(folder: Path) -> None:
    from workbook.book import Workbook

    book = Workbook.open(folder)
    book.set_partners("Alex", "Sam")
    book.safety_check_done()  # so start-up is timed to Home
    book.close()
    ratios, bare_times = [], []
    for _ in range(RUNS):
        bare = _timed(BARE)
        ours = _timed(WORKBOOK, str(folder))
        bare_times.append(bare)
        ratios.append(ours / bare)
    print(
        f"start-up: workbook / bare Textual = {statistics.median(ratios):.2f}x "
        f"(bare median {statistics.median(bare_times) * 1000:.0f} ms, {RUNS} interleaved runs)"
    )


def turn_saves(folder: Path, earlier: int) -> float:
    """Median ms of one submit after ``earlier`` turns already in the session."""
    from workbook.book import Workbook
    from workbook.models import Turn

    book = Workbook.open(folder)
    book.set_partners("Alex", "Sam")
    session = book.start("active-listening", {"speaker": "a", "listener": "b"})
    turns = book.store._session_db(session.id).table("turns")
    now = book.clock.now()
    turns.insert_multiple(
        Turn(id=f"t{i}", partner="a", step_id="share", value="x" * 80, at=now).model_dump(
            mode="json"
        )
        for i in range(earlier)
    )
    times = []
    for i in range(21):
        before = time.perf_counter()
        book.submit(session.id, f"answer {i}")  # the timed save: a share
        times.append(time.perf_counter() - before)
        for value in ("mirror", "yes", "yes"):  # mirror, "got it", "more": back to sharing
            book.submit(session.id, value)
    book.close()
    return statistics.median(times) * 1000


def durable_floor(folder: Path) -> float:
    from workbook.storage import write_atomically

    times = []
    for _ in range(21):
        before = time.perf_counter()
        write_atomically(folder / "floor.json", b"x" * 400)
        times.append(time.perf_counter() - before)
    return statistics.median(times) * 1000


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        startup(root / "startup")
        floor = durable_floor(root)
        for earlier in (10, 10_000):
            ms = turn_saves(root / f"saves{earlier}", earlier)
            print(
                f"turn save after {earlier:>6} turns: {ms:7.2f} ms = {ms / floor:6.1f}x "
                f"one small durable write ({floor:.2f} ms)"
            )


if __name__ == "__main__":
    main()
