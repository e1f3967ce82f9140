"""bench_startup runs, tiny, so it cannot rot: one interleaved run on a 50-turn workbook, and
every ratio line printed (whatever the figures: they are for the benchmark run by hand)."""

from __future__ import annotations

import pytest

from benchmarks import bench_startup


def test_bench_startup_prints_its_ratios(capsys: pytest.CaptureFixture[str]) -> None:
    bench_startup.main(["--runs", "1", "--turns", "50"])
    out = capsys.readouterr().out
    assert "Home listed its" in out
    assert "start-up to an interactive Home / bare app: " in out
    assert "whole process, exit included / bare app: " in out
    assert "peak RSS / bare app: " in out
