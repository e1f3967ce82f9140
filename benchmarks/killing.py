"""SIGKILL rounds against one real data folder, shared by ``tests/unit/test_kill.py`` (a few
hundred kills) and ``benchmarks/soak_kills.py`` (as many as you like).

A round forks a child that opens the folder as the app does and answers Appreciations turn
after turn, telling the parent each turn's id through a pipe only once ``submit`` has
returned: those turns were *acknowledged*, as a screen would have shown them saved. The parent
waits for a random number of them (often none, so kills land in the open and its repair too)
and a random part of the next step, kills the child, then reads the folder back: every data
file must load whole, the index must agree with the session files once the app's repair has
run, and no acknowledged turn may be missing. The folder is kept from round to round, so each
round also proves that the turns of every earlier round are still there.

A kill frees the process, not the machine: this proves saves are atomic and done before they
are acknowledged, not that they would survive a power cut (that is what the fsyncs are for).
"""

from __future__ import annotations

import os
import random
import select
import signal
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import NoReturn

from workbook.answers import AGREE, AGREEING_KINDS
from workbook.backend import Backend
from workbook.book import Workbook
from workbook.content import Library
from workbook.errors import DataFolderError
from workbook.layout import INDEX_FILE, SESSIONS_FOLDER, WORKBOOK_FILE, data_file_names
from workbook.store import Store

#: Free text at every step but the last (a milestone both agree to); finishes in 7 turns, so
#: session files stay small and new sessions keep being started.
EXERCISE = "appreciations"
ROLES = {"first": "a", "second": "b"}
#: A kill waits for up to this many acknowledged turns, then for a random part of how long the
#: next step should take: the open with its first turn (when it waited for none) or one turn.
#: Paced by the child, not by the clock, kills land anywhere in an open, its repair or a save
#: whether a durable write takes half a millisecond or twenty.
MOST_ACKS = 2
#: A child that says nothing for this long is stuck: it is killed, and that is a failure.
STUCK = 10.0
#: How a child that stopped on its own (never expected: only the kill ends it) says why.
ERROR_MARK = "!"


@dataclass(frozen=True)
class Plan:
    """When to kill: once ``acks`` turns are acknowledged, after ``part`` of the next step."""

    acks: int
    part: float


@dataclass
class Pace:
    """How long the last child took to open and save its first turn, and to save one turn
    after that: what a plan's ``part`` is a part of. Starts at a guess, learns each round."""

    first: float = 0.02
    turn: float = 0.01

    def next_step(self, acks: int) -> float:
        return self.turn if acks else self.first

    def learn(self, forked: float, times: list[float]) -> None:
        if times:
            self.first = times[0] - forked
        if len(times) > 1:
            self.turn = (times[-1] - times[0]) / (len(times) - 1)


@dataclass(frozen=True)
class Round:
    """One kill: the turns acknowledged before it, and any failure of the child."""

    acknowledged: tuple[str, ...]
    child_errors: tuple[str, ...]


@dataclass(frozen=True)
class Found:
    """The folder as read back after a kill."""

    files_checked: int
    failed: tuple[str, ...]
    """Data files that did not load, each with why: a torn or half-made write shows here."""
    disagreements: tuple[str, ...]
    """Where the repaired index and the session files differ, or the folder would not open."""
    turn_ids: frozenset[str]
    temp_files: int
    """Temp files a killed write left behind (``.<name>.<pid>.tmp``)."""


@dataclass
class Tally:
    """Every round so far, summed: what the test asserts and the soak prints."""

    kills: int = 0
    before_any_ack: int = 0
    """Kills that came before the child acknowledged a turn: in the open, its repair, or the
    first save."""
    acknowledged: set[str] = field(default_factory=set)
    files_checked: int = 0
    failed: list[str] = field(default_factory=list)
    disagreements: list[str] = field(default_factory=list)
    lost: set[str] = field(default_factory=set)
    child_errors: list[str] = field(default_factory=list)
    temp_files: int = 0
    """As of the last round: they are never cleaned up, so this is the pile so far."""
    elapsed: float = 0.0

    def add(self, kill: Round, found: Found) -> None:
        self.kills += 1
        self.before_any_ack += not kill.acknowledged
        self.acknowledged.update(kill.acknowledged)
        self.child_errors += [f"kill {self.kills}: {e}" for e in kill.child_errors]
        self.files_checked += found.files_checked
        self.failed += [f"kill {self.kills}: {f}" for f in found.failed]
        self.disagreements += [f"kill {self.kills}: {d}" for d in found.disagreements]
        self.lost |= self.acknowledged - found.turn_ids
        self.temp_files = found.temp_files

    def report(self) -> str:
        """The counts, one per line (the seed is printed first, before any round runs)."""
        return "\n".join(
            [
                f"kills: {self.kills} ({self.before_any_ack} before any turn was acknowledged)",
                f"acknowledged turns: {len(self.acknowledged)}",
                f"files checked: {self.files_checked}",
                f"files that failed to load: {len(self.failed)}",
                f"acknowledged turns lost: {len(self.lost)}",
                f"index disagreements after repair: {len(self.disagreements)}",
                f"child errors: {len(self.child_errors)}",
                f"leftover temp files: {self.temp_files}",
                f"elapsed: {self.elapsed:.1f} s",
            ]
        )


def run_rounds(folder: Path, library: Library, seed: int, kills: int) -> Tally:
    """``kills`` rounds on ``folder``, each read back at once; plans drawn from ``seed`` so a
    failure can be replayed (as nearly as the disk's timing allows)."""
    rng = random.Random(seed)
    tally = Tally()
    pace = Pace()
    started = time.perf_counter()
    for _ in range(kills):
        plan = Plan(rng.randint(0, MOST_ACKS), rng.random())
        kill = kill_round(folder, library, plan, pace)
        tally.add(kill, read_back(folder, library))
    tally.elapsed = time.perf_counter() - started
    return tally


def kill_round(folder: Path, library: Library, plan: Plan, pace: Pace) -> Round:
    """Fork a child that answers turn after turn in ``folder``; SIGKILL it as ``plan`` says."""
    read_end, write_end = os.pipe()
    forked = time.monotonic()
    pid = os.fork()
    if pid == 0:
        os.close(read_end)
        _child(folder, library, write_end)
    os.close(write_end)
    heard = Heard(read_end)
    try:
        reached = heard.wait_for(plan.acks, forked + STUCK)
        if reached:
            pace.learn(forked, heard.ack_times)
            time.sleep(plan.part * pace.next_step(plan.acks))
    finally:
        os.kill(pid, signal.SIGKILL)
        _, status = os.waitpid(pid, 0)
    heard.wait_for_end()
    errors = list(heard.errors)
    if not (os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL):
        errors.append(f"the child ended on its own ({os.waitstatus_to_exitcode(status)})")
    elif not reached:
        errors.append(f"the child was stuck: {len(heard.acks)} turns in {STUCK:.0f} s")
    return Round(tuple(heard.acks), tuple(errors))


class Heard:
    """What the child has said through the pipe: the ids of acknowledged turns (with when
    each came) and any error. A line counts only once its newline is in."""

    def __init__(self, fd: int) -> None:
        self._fd = fd
        self._partial = b""
        self.acks: list[str] = []
        self.ack_times: list[float] = []
        self.errors: list[str] = []
        self._closed = False

    def wait_for(self, acks: int, deadline: float) -> bool:
        """Read until ``acks`` turns are acknowledged (then true), the child stops, or
        ``deadline``."""
        while len(self.acks) < acks:
            left = deadline - time.monotonic()
            if self._closed or left <= 0 or not select.select([self._fd], [], [], left)[0]:
                return False
            self._read()
        return True

    def wait_for_end(self) -> None:
        """Read what is left once the child is dead, then let go of the pipe."""
        while not self._closed:
            self._read()
        os.close(self._fd)

    def _read(self) -> None:
        chunk = os.read(self._fd, 65536)
        if not chunk:
            self._closed = True
            return
        *lines, self._partial = (self._partial + chunk).split(b"\n")
        now = time.monotonic()
        for line in (raw.decode() for raw in lines):
            if line.startswith(ERROR_MARK):
                self.errors.append(line[len(ERROR_MARK) :])
            else:
                self.acks.append(line)
                self.ack_times.append(now)


def _child(folder: Path, library: Library, ack: int) -> NoReturn:
    """Answer until killed; never return into the parent's code (pytest's, in the test)."""
    try:
        _answer_forever(folder, library, ack)
    except BaseException as error:
        said = f"{ERROR_MARK}{type(error).__name__}: {error}".replace("\n", " ")
        os.write(ack, f"{said}\n".encode())
    finally:
        os._exit(1)


def _answer_forever(folder: Path, library: Library, ack: int) -> NoReturn:
    """Open as the app does, then save turns; each id goes to ``ack`` once ``submit`` returns.
    A write of one short line to a pipe is atomic, so the parent never reads half an id."""
    book = Workbook.open(folder, library=library)
    book.sitting.begin()
    if book.needs_setup():
        book.set_partners("Alex", "Sam")
    while True:
        session_id = _session_to_answer(book)
        view = book.view(book.load(session_id))
        value = AGREE if view.kind in AGREEING_KINDS else f"Thank you, {view.step_id}."
        move = book.submit(session_id, value)
        os.write(ack, f"{move.turn.id}\n".encode())


def _session_to_answer(book: Workbook) -> str:
    """The Appreciations session still open (an earlier round's, perhaps), else a new one."""
    still_open = [e.id for e in book.open_sessions() if e.exercise_id == EXERCISE]
    return still_open[0] if still_open else book.start(EXERCISE, ROLES).id


def read_back(folder: Path, library: Library) -> Found:
    """Read the folder as a kill left it, then open it as the app does (which repairs) and
    compare the index with the session files."""
    names = data_file_names(folder)
    failed, turn_ids = _load_each(folder, names)
    try:
        disagreements = _after_repair(folder, library)
    except DataFolderError as error:
        disagreements = [f"the folder would not open: {error}"]
    temp_files = len(list(folder.rglob(".*.tmp")))
    return Found(len(names), tuple(failed), tuple(disagreements), turn_ids, temp_files)


def _load_each(folder: Path, names: list[str]) -> tuple[list[str], frozenset[str]]:
    """Each data file that does not load as JSON and its records (with why), and the ids of
    every turn the session files hold."""
    if names and WORKBOOK_FILE not in names:
        return [f"{name}: no {WORKBOOK_FILE} beside it" for name in names], frozenset()
    store = Store(Backend(folder, read_only=True))
    failed: list[str] = []
    turn_ids: set[str] = set()
    try:
        for name in names:
            try:
                if name == WORKBOOK_FILE:
                    _load_workbook(store)
                elif name == INDEX_FILE:
                    store.index()
                else:
                    session_id = Path(name).stem
                    store.session(session_id)
                    store.draft(session_id)
                    turn_ids.update(t.id for t in store.turns(session_id))
            except DataFolderError as error:
                failed.append(f"{name}: {error}")
    finally:
        store.close()
    return failed, frozenset(turn_ids)


def _load_workbook(store: Store) -> None:
    """Every table of ``workbook.json`` through its model."""
    if store.meta() is None:
        raise DataFolderError("no meta record")
    store.partners()
    store.agreements()
    store.milestones()
    store.sittings()
    store.rests()
    store.kept()
    store.own_resources()
    store.moments()
    store.opt_ins()


def _after_repair(folder: Path, library: Library) -> list[str]:
    """Open (the app's repair runs), then what still disagrees: a second repair must change
    nothing, and each index entry must count the turns its session file holds."""
    book = Workbook.open(folder, library=library)
    try:
        store = book.store
        disagreements: list[str] = []
        if changed := store.repair_index():
            disagreements.append(f"a second repair changed {changed} index entries")
        indexed = {e.id: e.turns for e in store.index()}
        sessions = [n for n in data_file_names(folder) if n.startswith(f"{SESSIONS_FOLDER}/")]
        saved = {i: len(store.turns(i)) for i in (Path(n).stem for n in sessions)}
        disagreements += [
            f"{i}: the index counts {indexed.get(i)} turns, its file holds {saved.get(i)}"
            for i in sorted(indexed.keys() | saved.keys())
            if indexed.get(i) != saved.get(i)
        ]
        return disagreements
    finally:
        book.close()
