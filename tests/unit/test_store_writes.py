"""The data folder on disk, written: a turn save writes only the session file and the index,
however long the session; a failed save leaves the old file whole; hostile text is stored
exactly (and ``wording.visible`` shows its control characters).

Everything here goes through real files in ``tmp_path``. Disk errors are simulated by
monkeypatching ``os.replace`` (CI may run as root, which ignores file modes).
"""

from __future__ import annotations

import errno
import json
import os
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from tests.unit.store_files import (
    FIXTURE_START,
    SPEAKER_FIRST,
    _tinydb,
    files_under,
    leftovers,
    new_book,
    open_book,
    session_file,
    snapshot,
)
from tests.unit.views import shown_texts
from workbook import storage
from workbook.clock import ManualClock
from workbook.models import (
    Meta,
    Partner,
    PartnerId,
    Session,
    SessionIndexEntry,
    Turn,
)
from workbook.wording import visible

# -- a turn save writes two files, however long the session ------------------------------


def _turn(number: int, partner: PartnerId, step_id: str, value: Any, passed: bool = False) -> Turn:
    return Turn(
        id=f"{number:016x}",
        partner=partner,
        step_id=step_id,
        value=None if passed else value,
        passed=passed,
        at=FIXTURE_START + timedelta(seconds=number),
    )


def plausible_turns(count: int) -> list[Turn]:
    """``count`` turns of active listening's first round (speaker a, listener b) that leave
    the flow at "share" again: loops of share, mirror, check "yes", more "yes", with one
    detour through a passed mirror and "missed" when ``count`` is not a multiple of 4."""
    assert count % 2 == 0 and count >= 4
    short = [
        ("a", "share", "I feel unheard when plans change.", False),
        ("b", "mirror", "Let me see if I got you: plans changing hurts.", False),
        ("a", "check", "yes", False),
        ("a", "more", "yes", False),
    ]
    detour = [
        ("a", "share", "And I need a heads-up.", False),
        ("b", "mirror", None, True),
        ("a", "missed", "A heads-up, that is all.", False),
        ("b", "mirror", "You need a heads-up.", False),
        ("a", "check", "yes", False),
        ("a", "more", "yes", False),
    ]
    plan = detour if count % 4 else []
    plan += short * ((count - len(plan)) // 4)
    assert len(plan) == count
    return [
        _turn(i, partner, step, value, passed)  # type: ignore[arg-type]
        for i, (partner, step, value, passed) in enumerate(plan, start=1)
    ]


def write_workbook_fixture(folder: Path, session_id: str, turns: list[Turn]) -> Session:
    """A workbook with one active-listening session at "share", written as files directly."""
    (folder / "sessions").mkdir(parents=True, mode=0o700)
    last = turns[-1].at
    session = Session(
        id=session_id,
        exercise_id="active-listening",
        roles=dict(SPEAKER_FIRST),  # type: ignore[arg-type]
        step_id="share",
        actor="a",
        waiting=["a"],
        started_at=FIXTURE_START,
        updated_at=last,
    )
    entry = SessionIndexEntry.of(session, len(turns))
    meta = Meta(created_at=FIXTURE_START)
    partners = [Partner(id="a", name="Alex"), Partner(id="b", name="Sam", colour="magenta")]
    files = {
        "workbook.json": _tinydb(
            {
                "meta": [meta.model_dump(mode="json")],
                "partners": [p.model_dump(mode="json") for p in partners],
            }
        ),
        "index.json": _tinydb({"sessions": [entry.model_dump(mode="json")]}),
        f"sessions/{session_id}.json": _tinydb(
            {
                "session": [session.model_dump(mode="json")],
                "turns": [t.model_dump(mode="json") for t in turns],
                "draft": [],
            }
        ),
    }
    for name, payload in files.items():
        path = folder / name
        path.write_bytes(payload)
        os.chmod(path, 0o600)
    os.chmod(folder, 0o700)
    return session


@pytest.mark.parametrize("earlier", [10, 10_000])
def test_a_turn_save_writes_only_the_session_file_and_the_index(
    data_folder: Path, clock: ManualClock, monkeypatch: pytest.MonkeyPatch, earlier: int
) -> None:
    session_id = "5e55105e5e55105e"
    write_workbook_fixture(data_folder, session_id, plausible_turns(earlier))
    book = open_book(data_folder, clock)
    try:
        assert [(e.id, e.step_id, e.actor, e.turns) for e in book.open_sessions()] == [
            (session_id, "share", "a", earlier)
        ]
        before = snapshot(data_folder)

        written: list[Path] = []
        replaced: list[Path] = []
        original_write = storage.write_atomically
        original_replace = os.replace

        def recording_write(path: Path, payload: bytes) -> None:
            written.append(Path(path))
            original_write(path, payload)

        def recording_replace(src: Any, dst: Any, **kwargs: Any) -> None:
            replaced.append(Path(dst))
            original_replace(src, dst, **kwargs)

        with monkeypatch.context() as patch:
            patch.setattr(storage, "write_atomically", recording_write)
            patch.setattr(os, "replace", recording_replace)
            clock.advance(60)
            move = book.submit(session_id, "Something new on my mind.")

        expected = {session_file(data_folder, session_id), data_folder / "index.json"}
        assert set(written) == expected
        assert len(written) == 2
        assert set(replaced) == expected

        after = snapshot(data_folder)
        changed = {name for name in after if after[name] != before.get(name)}
        assert changed <= {".", "sessions", f"sessions/{session_id}.json", "index.json"}
        assert set(after) == set(before)
        assert leftovers(data_folder) == []

        turns = book.load(session_id).turns
        assert len(turns) == earlier + 1
        assert turns[-1] == move.turn
        assert (turns[-1].partner, turns[-1].step_id, turns[-1].value) == (
            "a",
            "share",
            "Something new on my mind.",
        )
    finally:
        book.close()

    reopened = open_book(data_folder, clock)
    try:
        opened = reopened.load(session_id)
        assert len(opened.turns) == earlier + 1
        assert (opened.session.step_id, opened.session.actor) == ("mirror", "b")
        assert [(e.step_id, e.actor, e.turns) for e in reopened.open_sessions()] == [
            ("mirror", "b", earlier + 1)
        ]
    finally:
        reopened.close()


# -- disk errors -------------------------------------------------------------------------


class _HalfWriter:
    """A file that takes half of what it is given, then finds the disk full (or read-only)."""

    def __init__(self, handle: Any, code: int) -> None:
        self._handle, self._code = handle, code

    def __enter__(self) -> _HalfWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        self._handle.close()

    def write(self, payload: bytes) -> None:
        self._handle.write(payload[: len(payload) // 2])
        self._handle.flush()
        raise OSError(self._code, os.strerror(self._code))


def _failing_at(at: str, code: int, patch: pytest.MonkeyPatch) -> None:
    """Make the next durable write fail ``at`` one of its steps, with ``code``."""

    def refuse(*_: Any, **__: Any) -> None:
        raise OSError(code, os.strerror(code))

    if at == "write":
        real_fdopen = os.fdopen
        patch.setattr(os, "fdopen", lambda fd, mode: _HalfWriter(real_fdopen(fd, mode), code))
    else:
        patch.setattr(os, at, refuse)  # "fsync" or "replace"


@pytest.mark.parametrize("at", ["write", "fsync", "replace"])
@pytest.mark.parametrize("code", [errno.ENOSPC, errno.EROFS])
def test_a_failed_save_leaves_the_old_file_whole(
    data_folder: Path, clock: ManualClock, monkeypatch: pytest.MonkeyPatch, code: int, at: str
) -> None:
    book = new_book(data_folder, clock)
    try:
        session = book.start("active-listening", SPEAKER_FIRST)
        book.submit(session.id, "I feel alone on Sundays.")
        path = session_file(data_folder, session.id)
        session_bytes = path.read_bytes()
        index_bytes = (data_folder / "index.json").read_bytes()

        with monkeypatch.context() as patch:
            _failing_at(at, code, patch)
            with pytest.raises(OSError) as raised:
                book.submit(session.id, "You feel alone on Sundays.")
        assert raised.value.errno == code
        assert path.read_bytes() == session_bytes
        assert (data_folder / "index.json").read_bytes() == index_bytes
        assert leftovers(data_folder) == []
        assert len(book.load(session.id).turns) == 1

        move = book.submit(session.id, "You feel alone on Sundays.")
        turns = book.load(session.id).turns
        assert [t.step_id for t in turns] == ["share", "mirror"]
        assert turns[-1] == move.turn
    finally:
        book.close()

    reopened = open_book(data_folder, clock)
    try:
        assert [t.value for t in reopened.load(session.id).turns] == [
            "I feel alone on Sundays.",
            "You feel alone on Sundays.",
        ]
    finally:
        reopened.close()


# -- hostile text ------------------------------------------------------------------------

HOSTILE = [
    pytest.param("[bold red]hi[/]", id="markup"),
    pytest.param("\x1b[2J", id="escape"),
    pytest.param("".join(chr(0x41 + i % 26) for i in range(19_999)) + "!", id="20000 chars"),
    pytest.param("👩‍❤️‍👨 and 👨‍👩‍👧‍👦", id="zwj emoji"),
    pytest.param("שלום עליכם", id="hebrew"),
    pytest.param("السلام عليكم", id="arabic"),
    pytest.param("left \u202eright override", id="rtl override"),
    pytest.param("before\x00after", id="nul"),
    pytest.param('{speaker} {other} {0} %s \\u0000 "quoted"\n\ttab', id="placeholders"),
]


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_is_stored_exactly(data_folder: Path, clock: ManualClock, text: str) -> None:
    book = new_book(data_folder, clock)
    answered = book.start("active-listening", SPEAKER_FIRST)
    book.submit(answered.id, text)
    drafted = book.start("active-listening", SPEAKER_FIRST)
    book.save_draft(drafted.id, book.view(book.load(drafted.id)), text)
    book.close()

    for path in files_under(data_folder / "sessions"):
        json.loads(path.read_bytes())  # still valid JSON

    reopened = open_book(data_folder, clock)
    try:
        [turn] = reopened.load(answered.id).turns
        assert turn.value == text
        assert type(turn.value) is str
        # The listener sees it shown, with control characters made visible.
        listener_view = reopened.view(reopened.load(answered.id))
        assert listener_view.actor == "b"
        assert shown_texts(listener_view) == [visible(text)]

        opened = reopened.load(drafted.id)
        assert opened.draft is not None
        assert opened.draft.text == text
        view = reopened.view(opened)
        assert view.draft_restored
        assert view.start_text == text
    finally:
        reopened.close()


def test_the_long_hostile_text_is_20000_characters() -> None:
    [long] = [p.values[0] for p in HOSTILE if p.id == "20000 chars"]
    assert len(long) == 20_000


# -- wording.visible ---------------------------------------------------------------------


def test_visible_shows_control_characters_as_symbols() -> None:
    assert visible("\x1b[2J") == "\u241b[2J" == "␛[2J"
    assert visible("one\ntwo\tthree") == "one\ntwo\tthree"
    assert visible("del\x7f") == "del␡"
    assert visible("bell\x07 nul\x00") == "bell␇ nul␀"
    assert visible("[bold red]hi[/]") == "[bold red]hi[/]"
    assert visible("👩‍❤️‍👨 שלום") == "👩‍❤️‍👨 שלום"
