"""Run a long fuzzing campaign: `python scripts/fuzz.py [--examples N] [--seed S]`.

The same properties as the suite's short campaign (tests/test_fuzz_inputs.py,
tests/fuzzing.py): generated and mutated plans in every format never crash,
never take more than 10 s, and every finding points inside its file. A new seed
each run unless given; a failure prints the smallest input Hypothesis found:
keep it as a regression test in tests/test_hostile_input.py.
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=1000, help="inputs per test (2 tests)")
    parser.add_argument("--seed", type=int, default=random.randrange(2**32))
    parser.add_argument("--seconds", type=float, default=10.0, help="limit for one input")
    args = parser.parse_args()
    env = dict(
        os.environ,
        FUZZ_EXAMPLES=str(args.examples),
        FUZZ_SEED=str(args.seed),
        FUZZ_SECONDS=str(args.seconds),
    )
    print(f"fuzzing: {args.examples} inputs per test, seed {args.seed}", flush=True)
    command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
               "tests/test_fuzz_inputs.py", "--hypothesis-show-statistics"]  # fmt: skip
    return subprocess.call(command, cwd=REPO, env=env)


if __name__ == "__main__":
    raise SystemExit(main())
