"""The demo workbook: three months of a fictional couple (``content/demo.toml``), written into a
folder so a newcomer can see every screen full before starting their own.

It is written only through the app's own calls, as a couple would make them: the folder opened
each evening on a clock moved by hand (``Workbook.open``, a sitting, ``start``, ``submit``,
``pass_turn``, a break, a reopened agreement), so everything in it is what this app writes and
``workbook check`` finds it sound. The evenings are counted back from ``now``, so reviews and
suggestions look current whenever the demo is made.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from workbook.book import Workbook
from workbook.clock import ManualClock
from workbook.content import Library, load_library
from workbook.demo_story import (
    Doing,
    Draft,
    Evening,
    InDays,
    MomentNoted,
    OptIn,
    OwnResource,
    Pass,
    Reopen,
    Session,
    Story,
    TimeOut,
    story,
)
from workbook.errors import WorkbookError
from workbook.milestone_rules import award, celebrated, to_celebrate
from workbook.models import AnswerValue

#: Each evening at the workbook starts at this hour, where the couple is.
EVENING_HOUR = 19
#: Seconds the clock moves before every move: the time it takes to read and answer.
THINKING = 90


class DemoRefused(WorkbookError):
    """The demo is written only into an empty or missing folder; ``kind`` says why not."""

    def __init__(self, kind: str, folder: Path) -> None:
        super().__init__(f"{kind}: {folder}")
        self.kind = kind
        self.folder = folder


def write_demo(folder: Path, now: datetime | None = None, library: Library | None = None) -> Story:
    """Write the demo couple's three months into ``folder`` (empty or missing), the last
    evening the day before ``now`` (the real clock's, unless given); the story written."""
    folder = folder.expanduser().absolute()
    if folder.exists() and not folder.is_dir():
        raise DemoRefused("not_a_folder", folder)
    if folder.is_dir() and any(folder.iterdir()):
        raise DemoRefused("not_empty", folder)
    told = story()
    Evenings(folder, told, now or datetime.now(UTC), library or load_library()).play()
    return told


class Evenings:
    """The story played evening by evening on one hand-moved clock."""

    def __init__(self, folder: Path, told: Story, now: datetime, library: Library) -> None:
        self.folder = folder
        self.story = told
        self.library = library
        local = now.astimezone()
        self.today_at = local.replace(hour=EVENING_HOUR, minute=0, second=0, microsecond=0)
        first = told.evenings[0].days_ago
        self.clock = ManualClock(self._evening_start(first))
        self.named: dict[str, str] = {}
        """Session ids by the names the story gives them."""
        self.last: str | None = None
        """The session the story played last (for a draft or an opt-in)."""

    def _evening_start(self, days_ago: int) -> datetime:
        return (self.today_at - timedelta(days=days_ago)).astimezone(UTC)

    def play(self) -> None:
        """Each evening the folder opened, a sitting begun, the evening played, the folder
        closed; names and the safety check first, the milestones celebrated last."""
        evenings = self.story.evenings
        for evening in evenings:
            start = self._evening_start(evening.days_ago)
            self.clock.advance((start - self.clock.now()).total_seconds())
            book = Workbook.open(self.folder, self.clock, self.library)
            try:
                book.sitting.begin()
                if evening is evenings[0]:
                    book.set_partners(self.story.couple.a, self.story.couple.b)
                    book.safety_check_done()
                self.evening(book, evening)
                if evening is evenings[-1]:
                    self.all_celebrated(book)
            finally:
                book.close()

    def evening(self, book: Workbook, evening: Evening) -> None:
        for doing in evening.do:
            self.clock.advance(THINKING)
            self.do(book, doing)
        if evening.ends == "stopped":
            book.sitting.end("stopped")

    def do(self, book: Workbook, doing: Doing) -> None:
        """One thing the couple does (see the comment at the top of ``content/demo.toml``)."""
        match doing:
            case Session():
                self.session(book, doing)
            case TimeOut(time_out=minutes, come_back=come_back):
                book.sitting.call_time_out(self.clock.now() + timedelta(minutes=minutes))
                if come_back:
                    self.clock.advance(minutes * 60)
                    book.sitting.come_back()
            case Reopen(reopen=name, by=partner, note=note):
                book.reopen(self.agreement_id(book, name), partner, note or None)
            case MomentNoted(moment=words, by=partner):
                book.note_moment(partner, words)
            case OwnResource(resource=name, contact=contact, note=note):
                book.add_own_resource(name, contact, note)
            case OptIn(opt_in=step_id, by=partner):
                session_id = self._last()
                turn = next(
                    t
                    for t in book.load(session_id).turns
                    if t.step_id == step_id and t.partner == partner and not t.passed
                )
                book.opt_in(partner, session_id, turn.id, True)
            case Draft(draft=words):
                session_id = self._last()
                book.save_draft(session_id, book.view(book.load(session_id)), words)

    def _last(self) -> str:
        assert self.last is not None, "the story has played no session yet"
        return self.last

    def session(self, book: Workbook, told: Session) -> None:
        """A session started (or picked up again), then its moves made one by one; each move
        checks whose turn it is, so a changed exercise fails here, plainly."""
        if told.resume is not None:
            session_id = self.named[told.resume]
            book.resume(session_id)
        else:
            assert told.exercise is not None
            about = self.agreement_id(book, told.about) if told.about else None
            session_id = book.start(told.exercise, told.roles, agreement_id=about).id
        if told.name is not None:
            self.named[told.name] = session_id
        self.last = session_id
        for partner, answer in told.moves:
            self.clock.advance(THINKING)
            session = book.load(session_id).session
            if session.actor != partner:
                raise AssertionError(f"{session.exercise_id} at {session.step_id}: not {partner}")
            if isinstance(answer, Pass):
                book.pass_turn(session_id)
            else:
                book.submit(session_id, self.value(answer))

    def value(self, answer: str | list[str] | InDays | dict[str, str]) -> AnswerValue:
        if isinstance(answer, InDays):
            return (self.clock.now().date() + timedelta(days=answer.in_days)).isoformat()
        return answer

    def agreement_id(self, book: Workbook, name: str) -> str:
        """The agreement made by the session the story named ``name``."""
        origin = self.named[name]
        return next(a.id for a in book.agreements() if a.origin == origin)

    def all_celebrated(self, book: Workbook) -> None:
        """The milestones the rules find in the story made too, and every one already
        celebrated, so the demo does not open on celebrations."""
        award(book)
        for milestone in to_celebrate(book):
            celebrated(book, milestone)
