"""Start-up, run by hand: process start to the interactive Home screen on a two-year workbook,
against a bare Textual app showing one line, interleaved run by run.

``python -m benchmarks.bench_startup [--runs 15] [--turns 20000 | --data DIR]``

Each side is a whole headless process (80x24), timed from just before it is spawned to the
moment it handles a key sent to it after its first screen was painted (both clocks are the
system's monotonic clock, so the child's moment and the parent's spawn compare). Ours is the
real command (``workbook --data DIR``), with the app subclassed only to
run headless and to send and handle that key; before it answers, it checks that the screen is
Home and that Home lists the workbook's open sessions, so what is timed is Home itself, not
the safety check, set-up or a celebration over it. Peak RSS of each child comes from
``os.wait4``. Backups start after the first screen, as in the app, and go on while the key is
handled.

Bytecode is cached (in a temporary ``PYTHONPYCACHEPREFIX``, after one untimed run of each
side), as an installed app's is: these machines set ``PYTHONDONTWRITEBYTECODE``, which would
otherwise time the compiling of every module of ours on every run.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from benchmarks.timing import median_ratio, parser, print_ratio

#: What the targets are (ratios of ours to the bare app).
STARTUP_TARGET, RSS_TARGET = 1.5, 1.5

#: The key each app is sent once its first screen is up; neither binds it.
KEY = "f12"

#: Both children say their own peak RSS as they exit. Not ``wait4``'s ``ru_maxrss``: Linux
#: carries the parent's high-water mark across fork and exec into it, so a child of a big
#: benchmark process would report the parent's size.
PEAK = """
import atexit

def _peak():
    with open("/proc/self/status") as status:
        kib = next((line.split()[1] for line in status if line.startswith("VmHWM:")), "")
    print("peak", kib, flush=True)

atexit.register(_peak)
"""

BARE = f"""
import time
from textual import events
from textual.app import App
from textual.widgets import Static

class Bare(App):
    def compose(self):
        yield Static("ready")

    def on_mount(self):
        self.call_after_refresh(lambda: self.post_message(events.Key({KEY!r}, None)))

    def on_key(self, event):
        if event.key == {KEY!r}:
            print("ready", time.perf_counter(), flush=True)
            self.exit()

Bare().run(headless=True, size=(80, 24))
"""

# Textual calls ``on_mount`` of every class in the app's MRO: the subclass adds its own only.
OURS = f"""
import sys
import time
from textual import events
import screens.app

class Timed(screens.app.WorkbookApp):
    def on_mount(self):
        self.call_after_refresh(lambda: self.post_message(events.Key({KEY!r}, None)))

    def on_key(self, event):
        if event.key != {KEY!r}:
            return
        now = time.perf_counter()
        from screens.home import HomeScreen
        if not isinstance(self.screen, HomeScreen):
            print("not-home", type(self.screen).__name__, flush=True)
            self.exit(return_code=1)
            return
        shown = self.screen.query_one("#sessions").option_count
        print("ready", now, "sessions", shown, flush=True)
        self.exit()

    def run(self, **_):
        return super().run(headless=True, size=(80, 24))

screens.app.WorkbookApp = Timed  # what `workbook` opens
from workbook.cli import main
main(["--data", sys.argv[1]])
"""


@dataclass(frozen=True)
class Run:
    """One child process: seconds to its interactive first screen and to its exit, peak RSS
    in KiB, and what it printed."""

    ready: float
    total: float
    rss_kib: int
    words: list[str]


def child_env(pycache: Path) -> dict[str, str]:
    """The environment of both sides: bytecode cached under ``pycache``."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(pycache)
    return env


def spawn(code: str, args: list[str], env: dict[str, str]) -> Run:
    """Run ``code`` in a fresh interpreter; raises if it fails or never says it is ready."""
    start = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, "-c", PEAK + code, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        env=env,
        cwd=Path(__file__).resolve().parent.parent,
    )
    assert child.stdout is not None
    said = child.stdout.read().decode()  # to the end: the child has exited, not yet reaped
    _, status, usage = os.wait4(child.pid, 0)  # reaped here (its peak, if it could not say)
    total = time.perf_counter() - start
    child.returncode = code_of = os.waitstatus_to_exitcode(status)
    line = next((ln.split() for ln in said.splitlines() if ln.startswith("ready ")), None)
    if code_of != 0 or line is None:
        raise RuntimeError(f"the child failed (exit {code_of}):\n{said}")
    peak = next((ln.split() for ln in said.splitlines() if ln.startswith("peak ")), None)
    rss = int(peak[1]) if peak is not None and len(peak) > 1 else usage.ru_maxrss
    return Run(float(line[1]) - start, total, rss, line)


def open_sessions(folder: Path) -> int:
    """How many sessions Home should list, after checking the workbook opens on Home: partners
    named, the first safety check done, no milestone waiting to be celebrated."""
    from workbook.book import Workbook
    from workbook.milestone_rules import to_celebrate

    book = Workbook.open_read_only(folder)
    if book.needs_setup() or book.safety_check_needed():
        raise SystemExit(f"{folder} would open on the safety check or set-up, not on Home")
    if to_celebrate(book):
        raise SystemExit(f"{folder} has milestones to celebrate, which would cover Home")
    return sum(1 for e in book.open_sessions() if e.exercise_id in book.library.exercises)


def make_workbook(folder: Path, turns: int) -> None:
    """A synthetic history of ``turns`` turns (the other numbers in proportion)."""
    from benchmarks.make_history import proportional, write_history

    started = time.perf_counter()
    write_history(folder, **proportional(turns))
    print(f"wrote a {turns}-turn workbook in {time.perf_counter() - started:.0f} s", flush=True)


def compare(folder: Path, runs: int) -> dict[str, list[Run]]:
    """Both sides, interleaved (order flipped every run), after one untimed run of each."""
    expected = open_sessions(folder)
    sides = {"bare": (BARE, []), "ours": (OURS, [str(folder)])}
    results: dict[str, list[Run]] = {name: [] for name in sides}
    with tempfile.TemporaryDirectory(prefix="bench-pyc-") as pycache:
        env = child_env(Path(pycache))
        for code, args in sides.values():
            spawn(code, args, env)  # fills the bytecode cache
        for run in range(runs):
            for name in sides if run % 2 == 0 else reversed(sides):
                code, args = sides[name]
                results[name].append(spawn(code, args, env))
    for run in results["ours"]:
        if run.words[2:] != ["sessions", str(expected)]:
            raise SystemExit(f"Home listed {run.words[3:]} sessions, not {expected}")
    print(f"Home listed its {expected} open sessions every run", flush=True)
    return results


def report(results: dict[str, list[Run]]) -> bool:
    """Medians of both sides and the ratios; True when both targets are met."""
    bare, ours = results["bare"], results["ours"]
    for name, side in results.items():
        ready = statistics.median(r.ready for r in side) * 1000
        total = statistics.median(r.total for r in side) * 1000
        rss = statistics.median(r.rss_kib for r in side) / 1024
        print(f"{name}: interactive {ready:.0f} ms, exited {total:.0f} ms, peak RSS {rss:.1f} MiB")
    met = print_ratio(
        "start-up to an interactive Home / bare app",
        median_ratio([r.ready for r in ours], [r.ready for r in bare]),
        STARTUP_TARGET,
    )
    print_ratio(
        "whole process, exit included / bare app",
        median_ratio([r.total for r in ours], [r.total for r in bare]),
    )
    rss_ratio = statistics.median(r.rss_kib for r in ours) / statistics.median(
        r.rss_kib for r in bare
    )
    return print_ratio("peak RSS / bare app", rss_ratio, RSS_TARGET) and met


def main(argv: list[str] | None = None) -> None:
    args_parser = parser(__doc__.splitlines()[0], runs=15)
    args_parser.add_argument("--turns", type=int, default=20_000, help="size of the workbook")
    args_parser.add_argument("--data", type=Path, help="an existing workbook (not generated)")
    args = args_parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="bench-startup-") as tmp:
        folder = Path(tmp) / "workbook"
        if args.data is None:
            make_workbook(folder, args.turns)
        else:  # a copy: every run begins a sitting and backs up, which would change it
            shutil.copytree(args.data, folder, ignore=shutil.ignore_patterns("lock"))
        what = args.data or f"a {args.turns}-turn workbook"
        print(f"start-up: {args.runs} interleaved runs on {what} (the machine may be shared)")
        report(compare(folder, args.runs))


if __name__ == "__main__":
    main()
