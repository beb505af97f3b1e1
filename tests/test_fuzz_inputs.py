"""A short, fixed-seed fuzzing campaign: generated and mutated plans never crash, hang or
point outside their file (see tests/fuzzing.py; `python scripts/fuzz.py` runs a long one).

FUZZ_EXAMPLES and FUZZ_SEED (set by scripts/fuzz.py) make the campaign longer or new.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, seed, settings

from fuzzing import PLANS, check_one, generated, mutated

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "12"))
SEED = int(os.environ.get("FUZZ_SEED", "14"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=False,
    database=None,
    suppress_health_check=list(HealthCheck),
)


def _check(plan: tuple[str, str]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        check_one(Path(folder), *plan)


@seed(SEED)
@FUZZ
@given(plan=mutated())
def test_mutated_real_plans(plan: tuple[str, str]) -> None:
    _check(plan)


@seed(SEED)
@FUZZ
@given(plan=generated())
def test_generated_plans_in_every_format(plan: tuple[str, str]) -> None:
    _check(plan)


__all__ = ["PLANS"]
