"""bench_keys runs, tiny, so it cannot rot: twenty keys a side in one block, idle and while
drafts save, and every figure and ratio line printed (whatever the figures: they are for the
benchmark run by hand)."""

from __future__ import annotations

import pytest

from benchmarks import bench_keys


def test_bench_keys_prints_its_figures_and_ratios(capsys: pytest.CaptureFixture[str]) -> None:
    bench_keys.main(["--keys", "20", "--runs", "1", "--turns", "0"])
    out = capsys.readouterr().out
    for condition in ("idle (no saves)", "saving drafts"):
        for side in ("bare TextArea", "answer box"):
            assert f"{condition}, {side}: median " in out
            assert "(20 keys)" in out
        assert f"{condition}: answer box / bare, median (of per-block ratios): " in out
        assert f"{condition}: answer box / bare, p99: " in out
    assert "target <= 1.2x" in out and "target <= 1.5x" in out
