"""The data folder on disk: modes, the lock, what a save writes, repair, failures, hostile text.

Everything here goes through real files in ``tmp_path``. Disk errors are simulated by
monkeypatching ``os.replace`` (CI may run as root, which ignores file modes).
"""

from __future__ import annotations

import errno
import json
import os
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from workbook import storage
from workbook.book import Workbook
from workbook.clock import ManualClock
from workbook.errors import AlreadyOpenError, DataFolderError
from workbook.models import (
    Meta,
    Partner,
    PartnerId,
    Session,
    SessionIndexEntry,
    Turn,
)
from workbook.turn_view import TurnView
from workbook.wording import visible

SPEAKER_FIRST = {"speaker": "a", "listener": "b"}
BOUNDARY_ROLES = {"proposer": "a", "responder": "b"}


# -- helpers -----------------------------------------------------------------------------


def open_book(folder: Path, clock: ManualClock) -> Workbook:
    return Workbook.open(folder, clock=clock)


def new_book(folder: Path, clock: ManualClock) -> Workbook:
    book = open_book(folder, clock)
    book.set_partners("Alex", "Sam")
    return book


def snapshot(folder: Path) -> dict[str, tuple[bytes | None, int, int]]:
    """Every entry under ``folder`` (the folder itself included): bytes, mtime_ns and mode."""
    found: dict[str, tuple[bytes | None, int, int]] = {}
    for root, dirs, files in os.walk(folder):
        for name in [*dirs, *files, "."]:
            path = Path(root) / name
            stat = path.stat()
            content = path.read_bytes() if path.is_file() else None
            found[str(path.relative_to(folder))] = (content, stat.st_mtime_ns, stat.st_mode)
    return found


def files_under(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file())


def leftovers(folder: Path) -> list[Path]:
    return sorted(folder.rglob(".*.tmp"))


def session_file(folder: Path, session_id: str) -> Path:
    return folder / "sessions" / f"{session_id}.json"


def shown_texts(view: TurnView) -> list[str]:
    """Every earlier answer a view puts on screen, in order, whatever labels group them."""
    return [text for shown in view.shown for text in shown.texts]


@pytest.fixture
def umask() -> Iterator[None]:
    """Run with a permissive umask, so the modes checked are the app's own, not the umask's."""
    old = os.umask(0)
    try:
        yield
    finally:
        os.umask(old)


# -- modes -------------------------------------------------------------------------------


@pytest.mark.usefixtures("umask")
def test_created_files_are_0600_and_folders_0700(data_folder: Path, clock: ManualClock) -> None:
    book = new_book(data_folder, clock)
    try:
        session = book.start("active-listening", SPEAKER_FIRST)
        book.submit(session.id, "I feel rushed in the mornings.")
        opened = book.load(session.id)
        book.save_draft(session.id, book.view(opened), "Let me see if I got you")
        book.begin_sitting()

        names = {str(p.relative_to(data_folder)) for p in files_under(data_folder)}
        assert names == {
            "workbook.json",
            "index.json",
            "lock",
            f"sessions/{session.id}.json",
        }
        for path in data_folder.rglob("*"):
            mode = path.stat().st_mode & 0o777
            if path.is_dir():
                assert mode == 0o700, path
            else:
                assert mode == 0o600, path
        assert data_folder.stat().st_mode & 0o777 == 0o700
    finally:
        book.close()
    assert leftovers(data_folder) == []


# -- one writer --------------------------------------------------------------------------


def test_second_open_is_refused_and_changes_nothing(data_folder: Path, clock: ManualClock) -> None:
    first = new_book(data_folder, clock)
    session = first.start("active-listening", SPEAKER_FIRST)
    first.submit(session.id, "Something on my mind.")
    before = snapshot(data_folder)

    with pytest.raises(AlreadyOpenError):
        Workbook.open(data_folder, clock=clock)
    assert snapshot(data_folder) == before

    # The refused attempt did not take the first app's lock away from it.
    with pytest.raises(AlreadyOpenError):
        Workbook.open(data_folder, clock=clock)
    first.submit(session.id, "You have something on your mind.")
    first.close()

    again = open_book(data_folder, clock)
    try:
        assert len(again.load(session.id).turns) == 2
    finally:
        again.close()


# -- which folders are used --------------------------------------------------------------


def test_a_folder_that_is_not_a_workbook_is_refused(tmp_path: Path, clock: ManualClock) -> None:
    folder = tmp_path / "projects"
    folder.mkdir()
    (folder / "notes.txt").write_text("my own notes\n")
    os.chmod(folder, 0o755)
    before = snapshot(folder)

    with pytest.raises(DataFolderError) as raised:
        Workbook.open(folder, clock=clock)

    assert str(folder) in str(raised.value)
    assert folder.stat().st_mode & 0o777 == 0o755
    assert sorted(p.name for p in folder.iterdir()) == ["notes.txt"]
    assert snapshot(folder) == before


def test_a_file_in_place_of_the_folder_is_refused(tmp_path: Path, clock: ManualClock) -> None:
    target = tmp_path / "data"
    target.write_text("not a folder")
    with pytest.raises(DataFolderError) as raised:
        Workbook.open(target, clock=clock)
    assert str(target) in str(raised.value)
    assert target.read_text() == "not a folder"


def test_an_existing_empty_folder_is_used_without_changing_its_mode(
    tmp_path: Path, clock: ManualClock
) -> None:
    folder = tmp_path / "chosen"
    folder.mkdir()
    os.chmod(folder, 0o755)

    book = new_book(folder, clock)
    try:
        book.start("active-listening", SPEAKER_FIRST)
    finally:
        book.close()

    assert folder.stat().st_mode & 0o777 == 0o755
    assert (folder / "workbook.json").is_file()
    assert (folder / "workbook.json").stat().st_mode & 0o777 == 0o600


def test_a_first_open_that_failed_on_a_full_disk_can_be_retried(
    data_folder: Path, clock: ManualClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full(src: Any, dst: Any, **kwargs: Any) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(dst))

    with monkeypatch.context() as patch:
        patch.setattr(os, "replace", full)
        with pytest.raises(OSError):
            Workbook.open(data_folder, clock=clock)
    assert leftovers(data_folder) == []

    book = new_book(data_folder, clock)
    book.close()


def test_a_lost_empty_sessions_folder_is_made_again(data_folder: Path, clock: ManualClock) -> None:
    new_book(data_folder, clock).close()
    (data_folder / "sessions").rmdir()

    book = open_book(data_folder, clock)
    try:
        session = book.start("active-listening", SPEAKER_FIRST)
        assert book.load(session.id).session.step_id == "share"
    finally:
        book.close()
    assert (data_folder / "sessions").stat().st_mode & 0o777 == 0o700


# -- a turn save writes two files, however long the session ------------------------------

FIXTURE_START = datetime(2025, 6, 1, 8, 0, tzinfo=UTC)


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


def _tinydb(tables: dict[str, list[dict[str, Any]]]) -> bytes:
    data = {
        name: {str(i): doc for i, doc in enumerate(docs, start=1)} for name, docs in tables.items()
    }
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()


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


# -- repair at open ----------------------------------------------------------------------


def _stale_index(session_id: str) -> bytes:
    stale = SessionIndexEntry(
        id=session_id,
        exercise_id="active-listening",
        status="in_progress",
        step_id="share",
        actor="a",
        turns=0,
        started_at=FIXTURE_START,
        updated_at=FIXTURE_START,
    )
    ghost = stale.model_copy(update={"id": "0123456789abcdef"})
    return _tinydb({"sessions": [stale.model_dump(mode="json"), ghost.model_dump(mode="json")]})


@pytest.mark.parametrize("kind", ["empty file", "empty object", "no table", "stale entries"])
def test_the_index_is_rebuilt_from_the_session_files(
    data_folder: Path, clock: ManualClock, kind: str
) -> None:
    book = new_book(data_folder, clock)
    session = book.start("active-listening", SPEAKER_FIRST)
    clock.advance(5)
    book.submit(session.id, "I miss our walks.")
    clock.advance(5)
    book.submit(session.id, "You miss our walks.")
    saved = book.load(session.id).session
    book.close()

    index = data_folder / "index.json"
    index.write_bytes(
        {
            "empty file": b"",
            "empty object": b"{}",
            "no table": b'{"sessions":{}}',
            "stale entries": _stale_index(session.id),
        }[kind]
    )

    reopened = open_book(data_folder, clock)
    try:
        entries = reopened.open_sessions()
        assert [(e.id, e.exercise_id, e.status, e.step_id, e.actor, e.turns) for e in entries] == [
            (session.id, "active-listening", "in_progress", "check", "a", 2)
        ]
        assert entries[0].updated_at == saved.updated_at
        assert entries[0].started_at == saved.started_at
    finally:
        reopened.close()


def complete_boundary(book: Workbook, clock: ManualClock, wording: str) -> str:
    session = book.start("boundary-drafting", BOUNDARY_ROLES)
    category = book.exercise("boundary-drafting").step("category").choices[0].id
    for value in (wording, "accept", category, "2026-03-01", "agree", "agree"):
        clock.advance(30)
        book.submit(session.id, value)
    assert book.load(session.id).session.status == "completed"
    return session.id


def test_a_lost_agreement_is_made_again_from_its_session(
    data_folder: Path, clock: ManualClock
) -> None:
    book = new_book(data_folder, clock)
    session_id = complete_boundary(book, clock, "When I am late, I text you before six.")
    [agreement] = book.agreements()
    book.close()

    workbook_file = data_folder / "workbook.json"
    data = json.loads(workbook_file.read_bytes())
    assert data["agreements"]
    del data["agreements"]
    workbook_file.write_text(json.dumps(data))

    reopened = open_book(data_folder, clock)
    try:
        assert reopened.agreements() == [agreement]
        assert reopened.agreements()[0].id == agreement.id
        assert reopened.agreements()[0].origin == session_id
        assert set(reopened.partners()) == {"a", "b"}
    finally:
        reopened.close()


# -- disk errors -------------------------------------------------------------------------


@pytest.mark.parametrize("code", [errno.ENOSPC, errno.EROFS])
def test_a_failed_save_leaves_the_old_file_whole(
    data_folder: Path, clock: ManualClock, monkeypatch: pytest.MonkeyPatch, code: int
) -> None:
    book = new_book(data_folder, clock)
    try:
        session = book.start("active-listening", SPEAKER_FIRST)
        book.submit(session.id, "I feel alone on Sundays.")
        path = session_file(data_folder, session.id)
        session_bytes = path.read_bytes()
        index_bytes = (data_folder / "index.json").read_bytes()

        def failing_replace(src: Any, dst: Any, **kwargs: Any) -> None:
            raise OSError(code, os.strerror(code), str(dst))

        with monkeypatch.context() as patch:
            patch.setattr(os, "replace", failing_replace)
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


def test_a_failed_index_write_is_repaired_from_the_session_file(
    data_folder: Path, clock: ManualClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The session file is written first and wins: a crash or full disk between the two
    writes leaves an index that the next open repairs."""
    book = new_book(data_folder, clock)
    session = book.start("active-listening", SPEAKER_FIRST)
    original_replace = os.replace

    def index_fails(src: Any, dst: Any, **kwargs: Any) -> None:
        if Path(dst).name == "index.json":
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(dst))
        original_replace(src, dst, **kwargs)

    with monkeypatch.context() as patch:
        patch.setattr(os, "replace", index_fails)
        with pytest.raises(OSError):
            book.submit(session.id, "I need quiet evenings.")
    assert leftovers(data_folder) == []
    book.close()

    reopened = open_book(data_folder, clock)
    try:
        assert [(e.step_id, e.actor, e.turns) for e in reopened.open_sessions()] == [
            ("mirror", "b", 1)
        ]
    finally:
        reopened.close()


# -- damaged and foreign session files ---------------------------------------------------


def _wrong_fields(original: bytes) -> bytes:
    data = json.loads(original)
    data["session"]["1"] = {"name": "not a session", "colour": "blue"}
    return json.dumps(data).encode()


def _foreign_turn(original: bytes) -> bytes:
    data = json.loads(original)
    data["turns"]["1"]["mood"] = "tired"
    return json.dumps(data).encode()


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda raw: raw[: len(raw) // 2], id="truncated"),
        pytest.param(lambda raw: b"\xff\xfe not utf-8", id="not utf-8"),
        pytest.param(lambda raw: b"[1, 2, 3]", id="a JSON list"),
        pytest.param(lambda raw: b'{"session": [1], "turns": []}', id="tables as lists"),
        pytest.param(_wrong_fields, id="a foreign session record"),
        pytest.param(_foreign_turn, id="a turn with an unknown field"),
    ],
)
def test_a_damaged_session_file_is_reported_by_name_and_left_alone(
    data_folder: Path, clock: ManualClock, damage: Any
) -> None:
    book = new_book(data_folder, clock)
    session = book.start("active-listening", SPEAKER_FIRST)
    book.submit(session.id, "Something I want to say.")
    book.close()

    path = session_file(data_folder, session.id)
    damaged = damage(path.read_bytes())
    path.write_bytes(damaged)

    with pytest.raises(DataFolderError) as raised:
        reopened = open_book(data_folder, clock)
        try:
            reopened.load(session.id)
        finally:
            reopened.close()

    assert f"{session.id}.json" in str(raised.value)
    assert path.read_bytes() == damaged
    assert leftovers(data_folder) == []


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
