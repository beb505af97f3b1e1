#!/usr/bin/env python3
"""Measure classification alone: how long `classify` takes on 5,000 events.

    python benchmarks/classify.py [--events 5000] [--runs 5] [--json]

Two plans of `--events` events, each classified in this process after the lexicons are
built (the lexicons, and wordninja's word list for squashed names, are loaded once per
process and timed apart):

- generated: the events of `benchmarks/gen_plan.py`'s plan (names such as "Order
  Clicked 41": few distinct words, as in a real plan);
- distinct: as many different names, each the first half of one real name and the
  second half of another, from tests/data/classification/real-names.yaml (thousands
  of real names from hundreds of sources, so words recur far less than in any plan).

Every timed run starts from empty caches (a fresh lexicon: no word or name read
before), so the numbers are what a first `check` of the plan costs. CPU time of
this process, minimum and median over `--runs`. Target (issue 12): 5,000 events
under 0.2 s. Reports, never asserts: the machine is shared and noisy.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REAL_NAMES = ROOT / "tests" / "data" / "classification" / "real-names.yaml"
TARGET_S = 0.2


def generated_names(events: int) -> list[str]:
    """The event names of the benchmark plan, from the generator's JSON output."""
    gen = Path(__file__).resolve().parent / "gen_plan.py"
    text = subprocess.run(
        [sys.executable, str(gen), str(events), "--json"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return list(json.loads(text)["events"])


def distinct_names(events: int) -> list[str]:
    """`events` different names recombined from real ones: half of one, half of another."""
    from trackinglint.classification import tokenize
    from trackinglint.sources.yaml_loader import load_yaml

    data, _, _ = load_yaml(REAL_NAMES.read_text(encoding="utf-8"))
    words = [tokenize(item["name"]) for item in data["events"]]
    words = [w for w in words if len(w) >= 2]
    pick = random.Random(12)
    found: set[str] = set()
    while len(found) < events:
        first, second = pick.choice(words), pick.choice(words)
        found.add(" ".join((*first[: len(first) // 2], *second[len(second) // 2 :])).title())
    return sorted(found)


def time_classify(names: list[str], runs: int) -> list[float]:
    """CPU seconds of `classify` on a plan of these names, fresh lexicon each run."""
    from trackinglint.classification import classify, lexicon
    from trackinglint.model import Event, Origin, Plan
    from trackinglint.sources import Document

    document = Document(Path("plan.yaml"), "plan.yaml", "", {}, None)
    origin = Origin(document)
    times = []
    for _ in range(runs):
        lexicon._cached_lexicon.cache_clear()  # empty caches: a first run
        lexicon.load_lexicon()
        plan = Plan(documents=[document])
        plan.events = {name: Event(name, origin) for name in names}
        started = time.process_time()
        classify(plan)
        times.append(time.process_time() - started)
    return times


def load_once() -> dict[str, float]:
    """What the first classification of a process loads, each timed once."""
    from trackinglint.classification import compounds, lexicon

    started = time.process_time()
    lexicon.load_lexicon()
    lexicons = time.process_time() - started
    started = time.process_time()
    compounds._splitter()  # wordninja's word list: only names with squashed words load it
    splitter = time.process_time() - started
    return {"lexicons_s": round(lexicons, 3), "wordninja_s": round(splitter, 3)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT / "src"))
    loads = load_once()
    results = {}
    for label, names in (
        ("generated", generated_names(args.events)),
        ("distinct", distinct_names(args.events)),
    ):
        times = time_classify(names, args.runs)
        results[label] = {
            "events": len(names),
            "min_s": round(min(times), 3),
            "median_s": round(statistics.median(times), 3),
        }
    if args.json:
        print(json.dumps({"load": loads, "plans": results, "target_s": TARGET_S}, indent=2))
        return 0
    print(f"loaded once: lexicons {loads['lexicons_s']} s, wordninja {loads['wordninja_s']} s")
    for label, found in results.items():
        verdict = "within" if found["median_s"] < TARGET_S else "over"
        print(
            f"{label:9} {found['events']:>6} events: min {found['min_s']:.3f} s, "
            f"median {found['median_s']:.3f} s ({verdict} the {TARGET_S} s target)"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
