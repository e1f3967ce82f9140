"""The demo workbook (acceptance 5 of issue 9): ``workbook demo --write DIR`` writes three months
of an invented couple that ``workbook check`` finds sound, with everything a screen can show
(check-ins every week, agreements amended, reviewed and reopened, a milestone, an open session,
breaks); it writes only into an empty or new folder; ``workbook demo`` opens the app on a
temporary folder and deletes it when the app closes."""

from __future__ import annotations

import os
import stat
from datetime import UTC, datetime, timedelta
from itertools import pairwise
from pathlib import Path

import pytest
from click.testing import CliRunner

from workbook import cli
from workbook.book import Workbook
from workbook.content import load_library
from workbook.demo import write_demo
from workbook.demo_story import Story, story
from workbook.milestone_rules import RULE
from workbook.models import MEASURES

NOW = datetime(2026, 6, 15, 12, 0, tzinfo=UTC)
LIBRARY = load_library()


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("demo") / "data"
    write_demo(folder, NOW, LIBRARY)
    return folder


@pytest.fixture(scope="module")
def book(written: Path) -> Workbook:
    return Workbook.open_read_only(written, LIBRARY)


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli.main, list(args))
    return result.exit_code, result.output


def test_workbook_check_finds_the_demo_sound(written: Path) -> None:
    code, said = run("check", "--data", str(written))
    assert code == 0, said
    assert "is sound" in said


def test_the_couple_are_named_and_past_the_first_run(book: Workbook) -> None:
    couple = story().couple
    assert [p.name for p in book.partners().values()] == [couple.a, couple.b]
    assert not book.needs_setup() and not book.safety_check_needed()


def test_thirteen_weekly_check_ins_rising_unevenly_some_not_shared(book: Workbook) -> None:
    check_ins = book.store.check_ins()
    assert len(check_ins) == 13
    days = [c.on for c in check_ins]
    assert {(later - earlier).days for earlier, later in pairwise(days)} == {7}
    entries = [entry for c in check_ins for entry in c.entries.values()]
    assert any(getattr(e, m) is None for e in entries for m in MEASURES)  # some not shared
    assert any(e.note for e in entries)
    first, last = check_ins[0].entries["a"], check_ins[-1].entries["a"]
    assert first.trust is not None and last.trust is not None and first.trust < last.trust


def test_agreements_amended_reviewed_and_one_to_revisit(book: Workbook) -> None:
    agreements = book.agreements()
    histories = {a.title: [h.what for h in a.history] for a in agreements}
    assert len(agreements) >= 3
    assert any("amended" in h and h.count("reviewed") >= 3 for h in histories.values())
    assert [a.status for a in agreements].count("to_revisit") == 1
    today = NOW.date()
    soon = [a for a in agreements if a.review_on and today < a.review_on <= today + timedelta(7)]
    assert soon, "a review comes up in the next few days"
    assert book.due_reviews(), "the one to revisit is due now"


def test_a_milestone_an_open_session_breaks_and_a_stop(book: Workbook) -> None:
    milestones = book.store.milestones()
    assert {m.how for m in milestones} == {"by_hand", "rule"}  # the rules ran on the story
    assert any(m.id == f"{RULE}four-check-ins" for m in milestones)
    assert all(m.celebrated for m in milestones)  # the demo does not open on celebrations
    [open_session] = book.open_sessions()
    assert book.load(open_session.id).draft is not None  # words half typed, kept
    sittings = book.store.sittings()
    assert sum(len(s.time_outs) for s in sittings) >= 2
    assert "stopped" in {s.ended_how for s in sittings}
    assert book.moments().keys() == {"a", "b"}
    assert book.own_resources()


def test_the_three_months_end_yesterday_by_the_clock_it_is_written_on(book: Workbook) -> None:
    sittings = sorted(book.store.sittings(), key=lambda s: s.started_at)
    first, last = sittings[0].started_at, sittings[-1].started_at
    assert timedelta(days=85) <= last - first <= timedelta(days=92)
    assert NOW - timedelta(days=2) < last < NOW
    done = {e.exercise_id for e in book.store.index() if e.status == "completed"}
    parts = {LIBRARY.exercises[e].part for e in done}
    assert len(parts) >= 7


def test_it_writes_only_into_an_empty_or_new_folder(tmp_path: Path) -> None:
    busy = tmp_path / "busy"
    busy.mkdir()
    (busy / "notes.txt").write_text("mine")
    code, said = run("demo", "--write", str(busy))
    assert code == 1
    assert LIBRARY.say("demo.not_empty", folder=str(busy)) in said
    assert [p.name for p in busy.iterdir()] == ["notes.txt"]
    a_file = tmp_path / "a-file"
    a_file.write_text("mine")
    code, said = run("demo", "--write", str(a_file))
    assert code == 1 and LIBRARY.say("demo.not_a_folder", folder=str(a_file)) in said
    assert a_file.read_text() == "mine"


def test_write_says_where_and_how_to_open_it(tmp_path: Path) -> None:
    folder = tmp_path / "new" / "demo"
    code, said = run("demo", "--write", str(folder))
    assert code == 0, said
    assert f"workbook --data {folder}" in said
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert run("check", "--data", str(folder))[0] == 0


def test_demo_opens_the_app_on_a_temporary_folder_and_deletes_it_after(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    monkeypatch.setattr("tempfile.tempdir", None)
    opened: list[Path] = []

    def open_app(folder: Path) -> None:
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700
        assert Workbook.open_read_only(folder, LIBRARY).partners()["a"].name == story().couple.a
        opened.append(folder)

    monkeypatch.setattr(cli, "open_app", open_app)
    code, said = run("demo")
    assert code == 0, said
    couple = story().couple
    assert said.strip() == LIBRARY.say("demo.opening", a=couple.a, b=couple.b)
    [folder] = opened
    assert folder.parent == tmp_path and not folder.exists()


def test_the_temporary_folder_goes_even_when_the_app_fails(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    monkeypatch.setattr("tempfile.tempdir", None)

    def open_app(folder: Path) -> None:
        raise RuntimeError("the terminal went away")

    monkeypatch.setattr(cli, "open_app", open_app)
    code, _ = run("demo")
    assert code != 0
    assert os.listdir(tmp_path) == []


def test_the_story_is_checked_at_load() -> None:
    from workbook.demo_story import parsed
    from workbook.errors import ContentError

    data = story().model_dump(by_alias=True)
    data["evenings"].reverse()
    with pytest.raises(ContentError, match="first to the last"):
        parsed(data)
    assert isinstance(story(), Story)
