"""Run by hand: ``.venv/bin/python benchmarks/soak_kills.py [--kills 1000] [--seed N]``.

The kill rounds of ``tests/unit/test_kill.py`` by the thousand, on one fresh data folder in a
temp folder: a rarer way for a kill to tear a file or lose an acknowledged turn has more
chances to show. Prints the counts and exits 1 if anything was torn, lost or left disagreeing.
"""

from __future__ import annotations

import argparse
import secrets
import tempfile
from pathlib import Path

from killing import run_rounds

from workbook.content import load_library


def main() -> int:
    parser = argparse.ArgumentParser(description="SIGKILL the workbook, again and again.")
    parser.add_argument("--kills", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=None, help="replay an earlier run's plans")
    args = parser.parse_args()
    seed = args.seed if args.seed is not None else secrets.randbelow(2**32)
    print(f"seed: {seed}", flush=True)
    library = load_library()
    with tempfile.TemporaryDirectory() as temp:
        tally = run_rounds(Path(temp) / "data", library, seed, args.kills)
    print(tally.report())
    problems = [*tally.failed, *sorted(tally.lost), *tally.disagreements, *tally.child_errors]
    for problem in problems[:10]:
        print(f"  {problem}")
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
