"""``make bench``: every benchmark in turn, each printing its ratios (run by hand, never in
``make test``; the machine is shared and noisy, so only ratios taken side by side in one run
count, never absolute times from different runs).

1. ``bench_startup``: process start to an interactive Home on a two-year, 20,000-turn workbook,
   against a bare Textual app; start-up and peak RSS ratios.
2. ``bench_save``: one durable turn save with 100, 1,000 and 20,000 turns stored, against a
   bare durable write of one turn's size; and 20,000 against 100.
3. ``bench_keys``: key-to-frame into the answer box against a bare TextArea, idle and with
   the draft saves running.

Each takes ``--runs`` (and its own sizes) when run alone: ``python -m benchmarks.bench_save -h``.
"""

from __future__ import annotations

from benchmarks import bench_keys, bench_save, bench_startup


def main() -> None:
    for name, bench in (
        ("start-up", bench_startup.main),
        ("turn saves", bench_save.main),
        ("keys", bench_keys.main),
    ):
        print(f"\n== {name} ==", flush=True)
        bench([])


if __name__ == "__main__":
    main()
