"""Smoke tests of the benchmarks' history maker, turn-save benchmark and timing helpers, run
tiny so they cannot rot (the real runs are by hand: ``make bench``)."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from click.testing import CliRunner

from benchmarks import bench_save, make_history
from benchmarks.timing import Stats, interleave, median_ratio, percentile, ratio_line
from workbook.book import Workbook
from workbook.cli import main as workbook_cli


def test_a_tiny_history_is_sound_and_holds_what_was_asked(tmp_path: Path) -> None:
    folder = tmp_path / "history"
    assert (
        make_history.main(
            [
                str(folder),
                "--turns",
                "80",
                "--sessions",
                "8",
                "--agreements",
                "2",
                "--check-ins",
                "2",
            ]
        )
        == 0
    )
    checked = CliRunner().invoke(workbook_cli, ["--data", str(folder), "check"])
    assert checked.exit_code == 0, checked.output
    assert "Turns: 80. Agreements: 2. Check-ins: 2." in checked.output
    book = Workbook.open(folder)
    try:
        assert len(book.store.index()) == 8
        assert {e.status for e in book.open_sessions()} == {"paused", "in_progress"}
        assert book.store.meta().safety_checked  # type: ignore[union-attr]
    finally:
        book.close()


def test_too_few_turns_for_the_sessions_is_said_plainly(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="do not fit"):
        make_history.write_history(tmp_path / "h", turns=30, sessions=8, agreements=2, check_ins=2)


@pytest.mark.parametrize("turns", [100, 1000, 20_000])
def test_proportional_histories_fit(turns: int) -> None:
    sizes = make_history.proportional(turns)
    laid = make_history.plan(**sizes, rng=random.Random(0))
    assert len(laid.kinds) + 2 == sizes["sessions"]


def test_bench_save_prints_every_ratio(capsys: pytest.CaptureFixture[str]) -> None:
    assert bench_save.main(["--runs", "1", "--sizes", "60,120"]) == 0
    out = capsys.readouterr().out
    assert "save / floor at 60 turns:" in out
    assert "save / floor at 120 turns:" in out
    assert "save at 120 / at 60 turns:" in out


def test_sides_take_turns_first_run_by_run() -> None:
    order: list[str] = []
    sides = {"a": lambda: order.append("a") or 1.0, "b": lambda: order.append("b") or 2.0}
    samples = interleave(sides, 3)
    assert order == ["a", "b", "b", "a", "a", "b"]
    assert median_ratio(samples["b"], samples["a"]) == 2.0


def test_percentiles_are_values_measured() -> None:
    values = [float(v) for v in range(1, 101)]
    assert percentile(values, 95) == 95.0 and percentile(values, 99) == 99.0
    assert Stats.of(values).median == 50.5
    assert ratio_line("x", 1.6, 1.5) == "x: 1.60x (target <= 1.5x: MISSED)"
