"""Snapshots of key screens at 80x24, so a layout change that cuts words off is seen."""

from __future__ import annotations

from pathlib import Path

from tests.app.pilot import SIZE, make_app, set_up, start_exercise


def test_home_snapshot(snap_compare, data_folder: Path) -> None:  # type: ignore[no-untyped-def]
    app = make_app(data_folder)
    try:
        assert snap_compare(app, terminal_size=SIZE, run_before=set_up)
    finally:
        app.book.close()


def test_exercise_snapshot(snap_compare, data_folder: Path) -> None:  # type: ignore[no-untyped-def]
    async def first_turn(pilot) -> None:  # type: ignore[no-untyped-def]
        await set_up(pilot)
        await start_exercise(pilot, "active-listening")

    app = make_app(data_folder)
    try:
        assert snap_compare(app, terminal_size=SIZE, run_before=first_turn)
    finally:
        app.book.close()
