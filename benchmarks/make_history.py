"""A synthetic two-year workbook of a fictional couple, for the benchmarks: how the app does at
month 24 of a couple who use it often, not on day 1.

``python -m benchmarks.make_history DIR [--turns 20000 --sessions 600 --agreements 150
--check-ins 100 --seed 0]`` writes into an empty or new folder.

Written through the app's own calls, as ``workbook.demo`` writes the demo: a workbook on a
clock moved by hand over two years (the last evening yesterday), a sitting each evening,
sessions started and answered turn by turn with ``submit``, agreements
made in Boundary drafting, then amended, reviewed, reopened and retired through their own
calls, check-ins through the check-in exercise, the milestones the rules find awarded and
celebrated (so the app opens on Home). The turns go mostly to Active listening talks (a
session of normal length, its "is there more?" loop taking the turns left over), and the last
two talks are left open (one paused, one with words half typed), so Home has real sessions.
The words are made up from a few phrases; the numbers are what matters.

It is played on a workbook in memory, then each file is written once into the folder by the
store's own whole-file write (atomic, fsync'd): 20,000 turns each saved durably as the app
saves them took about 3 minutes here (two fsync'd files a turn); this way about 25 s.
``workbook check`` finds the result sound.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from workbook.book import Workbook
from workbook.check_ins import CHECK_IN_EXERCISE
from workbook.clock import ManualClock
from workbook.content_format import Exercise, Step
from workbook.layout import INDEX_FILE, WORKBOOK_FILE
from workbook.milestone_rules import award, celebrated, to_celebrate
from workbook.models import AnswerValue, PartnerId, other

DAYS = 730
"""Two years of evenings."""
THINKING = 90
"""Seconds the clock moves before every move."""
TALK = "active-listening"
DRAFTING = "boundary-drafting"
REVIEW = "review"
#: Turns of the shortest talk (no "is there more?"), of an agreement made, an amendment, a
#: review and a check-in, as their exercises go with the answers given here.
TALK_TURNS, AGREEMENT_TURNS, AMEND_TURNS, REVIEW_TURNS, CHECK_IN_TURNS = 20, 6, 6, 7, 2
#: Turns made in each of the two talks left open (the paused one, the one half typed).
OPEN_TURNS = 3
#: The defaults, so a smaller history keeps the same proportions (``proportional``).
DEFAULTS = {"turns": 20_000, "sessions": 600, "agreements": 150, "check_ins": 100}

OPENERS = (
    "When you are quiet at dinner",
    "Since the weekend",
    "When your phone lights up",
    "After we spoke on Sunday",
    "When I come home late",
    "Most mornings lately",
    "When your mother calls",
    "On the evenings you work late",
)
FEELINGS = (
    "I feel unsure of where we stand",
    "I notice I hold my breath",
    "I feel closer to you than I did",
    "I go back to last year in my head",
    "I feel tired, and a little hopeful",
    "I want to reach for you and I hesitate",
)
NEEDS = (
    "and I need to hear from you.",
    "and I would like us to slow down.",
    "and it helps when you tell me first.",
    "and I need a walk together, without talking about it.",
    "and I want to say thank you for listening.",
)
WORDINGS = (
    "We tell each other when plans change, as soon as either of us knows.",
    "Phones stay on the table at dinner, screen up.",
    "We walk together on Sunday mornings unless one of us is ill.",
    "Either of us can ask for a pause, and we come back within a day.",
    "We check in every week, even when it feels fine.",
)
CATEGORIES = ("communication", "transparency", "time_together", "space", "home")
RATINGS = ("keeping", "keeping", "struggling", "change")


def proportional(turns: int) -> dict[str, int]:
    """Sessions, agreements and check-ins in the defaults' proportions for ``turns`` turns
    (at least one of each, and enough sessions for them), for a history of another size."""
    scale = turns / DEFAULTS["turns"]
    agreements = max(1, round(DEFAULTS["agreements"] * scale))
    check_ins = max(1, round(DEFAULTS["check_ins"] * scale))
    least = agreements + check_ins + 3  # a talk, and the two left open
    sessions = max(least, round(DEFAULTS["sessions"] * scale))
    return {"turns": turns, "sessions": sessions, "agreements": agreements, "check_ins": check_ins}


@dataclass
class Plan:
    """What the two years hold: the sessions in order (``agreement``, ``amend``, ``review``,
    ``check-in``, ``talk``), how many turns each finished talk takes beyond the shortest, and
    after which session an agreement is reopened or retired (by their own calls)."""

    kinds: list[str]
    talk_extra: list[int]
    reopen_after: set[int]
    retire_after: set[int]


def plan(turns: int, sessions: int, agreements: int, check_ins: int, rng: random.Random) -> Plan:
    """Session kinds in a shuffled order (anything about an agreement after the first one is
    made), and the turns left over for talks, spread over them. ``ValueError`` if the numbers
    do not fit."""
    reviews, amends = agreements // 3, agreements // 5
    talks = sessions - 2 - agreements - check_ins - reviews - amends
    if talks < 1:  # a small history: agreements made, but no later sessions about them
        reviews = amends = 0
        talks = sessions - 2 - agreements - check_ins
    fixed = (
        agreements * AGREEMENT_TURNS
        + amends * AMEND_TURNS
        + reviews * REVIEW_TURNS
        + check_ins * CHECK_IN_TURNS
        + 2 * OPEN_TURNS
    )
    spare = turns - fixed - max(talks, 0) * TALK_TURNS
    if agreements < 1 or talks < 1 or spare < 0:
        raise ValueError(
            f"{turns} turns do not fit {sessions} sessions with {agreements} agreements and "
            f"{check_ins} check-ins (at least one agreement; two talks are left open, and a "
            f"finished talk takes at least {TALK_TURNS} turns)"
        )
    extra = [spare // talks + (1 if i < spare % talks else 0) for i in range(talks)]
    kinds = ["agreement"] * agreements + ["check-in"] * check_ins + ["talk"] * talks
    kinds += ["review"] * reviews + ["amend"] * amends
    rng.shuffle(kinds)
    first = kinds.index("agreement")
    early = kinds[:first]
    kinds = (
        [k for k in early if k not in ("review", "amend")]
        + ["agreement"]
        + [k for k in early if k in ("review", "amend")]
        + kinds[first + 1 :]
    )
    later = range(len(kinds) // 2, len(kinds))  # reopened and retired in the second year
    return Plan(
        kinds,
        extra,
        set(rng.sample(later, min(len(later), agreements // 7))),
        set(rng.sample(later, min(len(later), agreements // 10))),
    )


class Couple:
    """Alex and Sam's answers, made up step by step from a seeded random source."""

    def __init__(self, rng: random.Random, clock: ManualClock) -> None:
        self.rng = rng
        self.clock = clock
        self.extra = 0
        """Turns the talk being played still takes beyond the shortest."""

    def words(self) -> str:
        """A sentence or two of made-up words, of a length people type."""
        pick = self.rng.choice
        said = f"{pick(OPENERS)}, {pick(FEELINGS).lower()}, {pick(NEEDS)}"
        if self.rng.random() < 0.4:
            said += f" {pick(OPENERS)}, {pick(FEELINGS).lower()}."
        return said

    def choice(self, exercise_id: str, step: Step) -> str:
        """A talk loops on "is there more?" (4 turns) or "partly" (3 turns, as long as what is
        left is no multiple of 4) while it has turns
        to take; a review rates; anything else takes the first choice."""
        if exercise_id == TALK and step.id == "more":
            more = self.extra >= 4
            self.extra -= 4 if more else 0
            return "yes" if more else "no"
        if exercise_id == TALK and step.id == "check" and self.extra % 4 and self.extra >= 3:
            self.extra -= 3
            return "partly"
        if step.id == "category":
            return self.rng.choice(CATEGORIES)
        if exercise_id == REVIEW:
            return self.rng.choice(RATINGS)
        assert step.choices, step.id
        return step.choices[0].id

    def answer(self, exercise: Exercise, step_id: str) -> AnswerValue:
        """The answer at ``step_id``, by the kind of step."""
        step = exercise.step(step_id)
        match step.kind:
            case "text" if exercise.id == DRAFTING and step.id == "draft":
                return self.rng.choice(WORDINGS)
            case "text":
                return self.words()
            case "choice":
                return self.choice(exercise.id, step)
            case "date":
                return (
                    self.clock.now().date() + timedelta(days=self.rng.randint(14, 60))
                ).isoformat()
            case "agreement" | "confirm":
                return "agree"
            case "ratings":
                return self.ratings()
        raise ValueError(f"make_history cannot answer a {step.kind} step ({exercise.id})")

    def ratings(self) -> dict[str, str]:
        """A check-in: each measure 0..10, now and then not shared, rarely a note."""
        rated = {
            m: "" if self.rng.random() < 0.1 else str(self.rng.randint(3, 9))
            for m in ("trust", "safety", "closeness")
        }
        return rated | {"note": self.words() if self.rng.random() < 0.2 else ""}


class History:
    """The plan played evening by evening on one workbook kept open."""

    def __init__(self, book: Workbook, clock: ManualClock, rng: random.Random) -> None:
        self.book = book
        self.clock = clock
        self.rng = rng
        self.couple = Couple(rng, clock)
        self.made: list[str] = []
        """Ids of the agreements made so far, oldest first."""

    def play(self, session_id: str, moves: int | None = None) -> None:
        """Answer the session turn by turn until it ends (or ``moves`` answers were given)."""
        while moves is None or moves > 0:
            session = self.book.load(session_id).session
            if session.status != "in_progress":
                return
            self.clock.advance(THINKING)
            exercise = self.book.exercise(session.exercise_id)
            self.book.submit(session_id, self.couple.answer(exercise, session.step_id))
            moves = None if moves is None else moves - 1

    def roles(self, exercise_id: str) -> dict[str, PartnerId]:
        first: PartnerId = self.rng.choice(("a", "b"))
        ids = [r.id for r in self.book.exercise(exercise_id).roles]
        return {ids[0]: first, ids[1]: other(first)}

    def session(self, kind: str, extra: int = 0) -> str:
        """Start and play one session of ``kind``; its id."""
        about = None
        if kind in ("amend", "review"):
            about = self.rng.choice(self.standing())
        exercise_id = {
            "agreement": DRAFTING,
            "amend": DRAFTING,
            "review": REVIEW,
            "check-in": CHECK_IN_EXERCISE,
            "talk": TALK,
        }[kind]
        session = self.book.start(exercise_id, self.roles(exercise_id), agreement_id=about)
        self.couple.extra = extra
        self.play(session.id)
        if kind == "agreement":
            self.made.append(self.book.agreements()[0].id)
        return session.id

    def standing(self) -> list[str]:
        """Agreements not retired, the ones a review, an amendment or a change may be about."""
        retired = {a.id for a in self.book.agreements() if a.status == "retired"}
        return [a for a in self.made if a not in retired]

    def change(self, reopen: bool, retire: bool) -> None:
        """Reopen one agreement (one partner, alone) and retire another (both), never the
        last one standing."""
        standing = self.standing()
        if reopen and standing:
            self.book.reopen(self.rng.choice(standing), self.rng.choice(("a", "b")), None)
        if retire and len(standing) > 1:
            self.book.retire(self.rng.choice(standing))


def write_history(
    folder: Path,
    turns: int = 20_000,
    sessions: int = 600,
    agreements: int = 150,
    check_ins: int = 100,
    seed: int = 0,
) -> None:
    """Write two years of a fictional couple into ``folder`` (empty or missing): ``turns``
    turns in ``sessions`` sessions, ``agreements`` agreements made (a third reviewed, a fifth
    amended, some reopened or retired), ``check_ins`` check-ins; the last evening yesterday.
    Played in memory, then each file written once (see the module's docstring)."""
    folder = folder.expanduser().absolute()
    if folder.is_dir() and any(folder.iterdir()):
        raise ValueError(f"not empty: {folder}")
    played = play_history(turns, sessions, agreements, check_ins, seed)
    write_files(played, folder)


def play_history(turns: int, sessions: int, agreements: int, check_ins: int, seed: int) -> Workbook:
    """The two years played through the app's calls on a workbook in memory."""
    rng = random.Random(seed)
    laid = plan(turns, sessions, agreements, check_ins, rng)
    today = datetime.now(UTC).replace(hour=19, minute=0, second=0, microsecond=0)
    clock = ManualClock(today - timedelta(days=DAYS))
    book = Workbook.in_memory(clock=clock)
    book.set_partners("Alex", "Sam")
    book.safety_check_done()
    book.sitting.begin()
    history = History(book, clock, rng)
    talks = iter(laid.talk_extra)
    count = len(laid.kinds)
    for i, kind in enumerate(laid.kinds):
        evening = today - timedelta(days=DAYS - (i * (DAYS - 1)) // count)
        if evening > clock.now():  # the app closed last evening, opened again tonight
            book.sitting.end("closed")
            clock.advance((evening - clock.now()).total_seconds())
            book.sitting.begin()
        history.session(kind, next(talks) if kind == "talk" else 0)
        history.change(i in laid.reopen_after, i in laid.retire_after)
    left_open(history)
    award(book)
    for milestone in to_celebrate(book):
        celebrated(book, milestone)
    book.sitting.end("closed")
    return book


def write_files(played: Workbook, folder: Path) -> None:
    """Every file of ``played`` (in memory) written once into ``folder`` by the store's own
    whole-file write (``Store.rewrite``: atomic, fsync'd): the sessions, then the index, then
    ``workbook.json``, in the order the app itself saves them."""
    source = played.store._backend  # the one way to read a memory store's raw tables
    names = [*sorted(source.session_names()), INDEX_FILE, WORKBOOK_FILE]
    book = Workbook.open(folder, played.clock)
    try:
        for name in names:
            tables = source.db(name).storage.read() or {}
            book.store.rewrite(name, lambda data, tables=tables: data.update(tables))
    finally:
        book.close()


def left_open(history: History) -> None:
    """Two talks left open the last evening: one paused, one with words half typed."""
    book = history.book
    paused = book.start(TALK, history.roles(TALK))
    history.play(paused.id, OPEN_TURNS)
    book.pause(paused.id)
    typing = book.start(TALK, history.roles(TALK))
    history.play(typing.id, OPEN_TURNS)
    opened = book.load(typing.id)
    book.save_draft(typing.id, book.view(opened), history.couple.words()[:40])


def main(argv: list[str] | None = None) -> int:
    made = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    made.add_argument("folder", type=Path, help="an empty or new folder")
    made.add_argument("--turns", type=int, default=DEFAULTS["turns"])
    made.add_argument("--sessions", type=int, default=DEFAULTS["sessions"])
    made.add_argument("--agreements", type=int, default=DEFAULTS["agreements"])
    made.add_argument("--check-ins", type=int, default=DEFAULTS["check_ins"])
    made.add_argument("--seed", type=int, default=0)
    args = made.parse_args(argv)
    start = time.perf_counter()
    try:
        write_history(
            args.folder, args.turns, args.sessions, args.agreements, args.check_ins, args.seed
        )
    except ValueError as error:
        print(error, file=sys.stderr)
        return 2
    print(f"wrote {args.folder} in {time.perf_counter() - start:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
