"""Crash safety: the app SIGKILLed at random moments, 200 times over one data folder, never
leaves a file that does not load, an index the repair cannot square with the session files, or
an acknowledged turn missing (``benchmarks/killing.py`` says how a round goes).

Where each kill lands (after how many acknowledged turns, how far into the next step) comes
from a seed, printed and named in every failure: set ``KILL_SEED`` to replay a run.
``benchmarks/soak_kills.py`` runs the same rounds by the thousand.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from benchmarks.killing import run_rounds
from workbook.content import Library

KILLS = 200


def test_no_kill_tears_a_file_or_loses_an_acknowledged_turn(
    data_folder: Path, library: Library
) -> None:
    seed = int(os.environ.get("KILL_SEED") or secrets.randbelow(2**32))
    print(f"KILL_SEED={seed}")
    tally = run_rounds(data_folder, library, seed, KILLS)
    print(tally.report())
    replay = f"(replay: KILL_SEED={seed})"

    assert tally.kills == KILLS, replay
    assert not tally.failed, (
        f"{len(tally.failed)} of {tally.files_checked} file loads failed: "
        f"{tally.failed[:3]} {replay}"
    )
    assert not tally.lost, (
        f"{len(tally.lost)} of {len(tally.acknowledged)} acknowledged turns lost {replay}"
    )
    assert not tally.disagreements, (
        f"{len(tally.disagreements)} disagreements after repair: {tally.disagreements[:3]} {replay}"
    )
    assert not tally.child_errors, f"{tally.child_errors[:3]} {replay}"
    assert tally.acknowledged, f"no kill came after a save, so nothing was proved {replay}"
