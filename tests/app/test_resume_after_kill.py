"""A crash costs nothing: an app killed with SIGKILL mid-answer reopens at the same step, with
the same partner, the half-typed words restored, and no stale lock."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from screens.exercise import ExerciseScreen
from tests.app.pilot import SIZE, choose, make_app, screen_text
from workbook.book import Workbook

REPO = Path(__file__).resolve().parents[2]
HALF = "I feel like I am still wai"

CHILD = """
import asyncio, sys
from pathlib import Path
from tests.app.pilot import SIZE, choose, make_app, type_text

async def main():
    app = make_app(Path(sys.argv[1]))
    async with app.run_test(size=SIZE) as pilot:
        await choose(pilot, "session:" + sys.argv[2], "#sessions")
        await type_text(pilot, sys.argv[3])
        await asyncio.sleep(3600)

asyncio.run(main())
"""


def _draft_text(session_file: Path) -> str | None:
    try:
        data = json.loads(session_file.read_bytes())
    except (OSError, ValueError):
        return None
    drafts = list(data.get("draft", {}).values())
    return drafts[0]["text"] if drafts else None


def _type_half_an_answer_then_kill(folder: Path, session_id: str, session_file: Path) -> None:
    """Run the app in a child that types; SIGKILL it as soon as the draft is on disk."""
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(folder), session_id, HALF],
        cwd=REPO,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 60
        while _draft_text(session_file) != HALF:
            assert child.poll() is None, child.stderr.read().decode() if child.stderr else ""
            assert time.monotonic() < deadline, "the draft never reached the disk"
            time.sleep(0.02)
    finally:
        os.kill(child.pid, signal.SIGKILL)
        child.wait()
    assert child.returncode == -signal.SIGKILL


async def test_killed_mid_answer_resumes_with_words_restored(data_folder: Path) -> None:
    book = Workbook.open(data_folder)
    book.set_partners("Alex", "Sam")
    book.safety_check_done()
    session = book.start("active-listening", {"speaker": "a", "listener": "b"})
    book.submit(session.id, "I feel alone")  # now Sam mirrors
    book.close()
    session_file = data_folder / "sessions" / f"{session.id}.json"

    _type_half_an_answer_then_kill(data_folder, session.id, session_file)

    app = make_app(data_folder)  # takes the lock: none is left stale
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "Sam's turn" in screen_text(pilot)  # Home names whose turn it is
        await choose(pilot, f"session:{session.id}", "#sessions")
        screen = app.screen
        assert isinstance(screen, ExerciseScreen)
        assert screen.view.step_id == "mirror"
        assert "Sam's turn. You are the listener." in screen_text(pilot)
        assert screen.query_one("#answer").text == HALF
    app.book.close()
