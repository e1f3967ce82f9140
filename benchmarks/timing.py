"""What every benchmark shares: sides run interleaved, run by run, summed up as medians and
tails, and printed as ratios against a bare baseline with the target beside them.

Why this way: the machines are shared and noisy (../shared/PERF.md), so an absolute time from
one run means little; a ratio of two sides measured alternately in the same run does. The
order of the sides flips every run, so a drift in the machine's load falls on both alike.
"""

from __future__ import annotations

import argparse
import math
import statistics
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

#: One measurement of one side: seconds (or any unit, as long as both sides share it).
Measure = Callable[[], float]


def timed(action: Callable[[], object]) -> float:
    """Seconds ``action`` took, by the highest-resolution clock there is."""
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def interleave(sides: Mapping[str, Measure], runs: int) -> dict[str, list[float]]:
    """Each side measured once per run, alternately, the order reversed every other run
    (A B, B A, ...); every side's measurements in run order, so ``per_run_ratios`` pairs
    them."""
    names = list(sides)
    samples: dict[str, list[float]] = {name: [] for name in names}
    for run in range(runs):
        for name in names if run % 2 == 0 else reversed(names):
            samples[name].append(sides[name]())
    return samples


def percentile(values: Sequence[float], pct: float) -> float:
    """The nearest-rank percentile (``pct`` in 0..100): a value that was really measured."""
    if not values:
        raise ValueError("no values")
    ordered = sorted(values)
    rank = max(1, math.ceil(pct / 100 * len(ordered)))
    return ordered[rank - 1]


@dataclass(frozen=True)
class Stats:
    """How one side did: median and tails, in the unit measured."""

    n: int
    median: float
    p95: float
    p99: float

    @classmethod
    def of(cls, values: Sequence[float]) -> Stats:
        return cls(
            len(values),
            statistics.median(values),
            percentile(values, 95),
            percentile(values, 99),
        )


def per_run_ratios(ours: Sequence[float], bare: Sequence[float]) -> list[float]:
    """``ours[i] / bare[i]`` for each run: measured side by side, so the machine's load that
    moment cancels out."""
    if len(ours) != len(bare):
        raise ValueError("both sides need the same number of runs")
    return [o / b for o, b in zip(ours, bare, strict=True)]


def median_ratio(ours: Sequence[float], bare: Sequence[float]) -> float:
    """The median of the per-run ratios (what the targets are stated in)."""
    return statistics.median(per_run_ratios(ours, bare))


def ms(seconds: float) -> str:
    """Seconds as milliseconds for a report line."""
    return f"{seconds * 1000:.2f} ms"


def ratio_line(label: str, ratio: float, target: float | None = None) -> str:
    """``label: 1.23x`` and, with a ``target``, whether the ratio is within it."""
    line = f"{label}: {ratio:.2f}x"
    if target is not None:
        verdict = "met" if ratio <= target else "MISSED"
        line += f" (target <= {target:g}x: {verdict})"
    return line


def print_ratio(label: str, ratio: float, target: float | None = None) -> bool:
    """Print ``ratio_line``; True when there is no target or it is met."""
    print(ratio_line(label, ratio, target), flush=True)
    return target is None or ratio <= target


def int_list(text: str) -> list[int]:
    """``"100,1000,20000"`` (underscores allowed) as ``[100, 1000, 20000]``, for ``--sizes``."""
    try:
        values = [int(part.strip().replace("_", "")) for part in text.split(",") if part.strip()]
    except ValueError as error:
        raise argparse.ArgumentTypeError(f"not a list of whole numbers: {text!r}") from error
    if not values or any(v <= 0 for v in values):
        raise argparse.ArgumentTypeError(f"need positive whole numbers: {text!r}")
    return values


def parser(description: str | None, runs: int) -> argparse.ArgumentParser:
    """An argument parser with the ``--runs`` every benchmark takes (so a smoke test can run
    it tiny)."""
    made = argparse.ArgumentParser(description=description)
    made.add_argument("--runs", type=int, default=runs, help=f"interleaved runs (default {runs})")
    return made
