#!/usr/bin/env python3
"""What a careful reader makes of real event names by the name alone, beside the classifier.

    python scripts/names_only_reference.py

A reference for issue 12's bars, not a component. tests/data/classification/
names-only-reading.yaml holds real names labelled by readers who had the definitions
but saw only the name: no product, no source. This script scores that reading and the
classifier's against the settled labels of real-names.yaml (whose labellers could read
each name's source), on the same names, with a 95% interval for the share of
completions found. If a reader cannot find a share of completions from names alone,
no reading of names can be held to it.

Two parts, scored apart: the held-out fifth, which the classifier was never tuned on
(both readings unseen), and a sample of the other names, on which it was tuned (its
scores there are above its unseen ones; the reader's are unseen by construction).
"""

from __future__ import annotations

import math
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data" / "classification"
sys.path.insert(0, str(ROOT / "src"))

COMPLETION = "job_completion"


def wilson(found: int, total: int, z: float = 1.96) -> tuple[float, float]:
    """The 95% score interval of a share: honest for shares near 0 or 1 and small counts."""
    share = found / total
    centre = (share + z * z / (2 * total)) / (1 + z * z / total)
    half = z * math.sqrt(share * (1 - share) / total + z * z / (4 * total * total))
    return centre - half / (1 + z * z / total), centre + half / (1 + z * z / total)


def scores(said: dict[Any, tuple[bool, bool]], settled: dict[Any, dict[str, Any]]) -> str:
    """Events right, completions found (with its interval), friction found, false alarms."""
    total = len(said)
    right = sum(said[key][0] == (settled[key]["label"] == COMPLETION) for key in said)
    wanted = [key for key in said if settled[key]["label"] == COMPLETION]
    found = sum(said[key][0] for key in wanted)
    called = sum(completion for completion, _ in said.values())
    struggles = [key for key in said if settled[key].get("friction")]
    caught = sum(said[key][1] for key in struggles)
    alarms = sum(said[key][1] and not settled[key].get("friction") for key in said)
    low, high = wilson(found, len(wanted))
    return (
        f"events right {right / total:.1%}; completions found {found}/{len(wanted)} "
        f"({found / len(wanted):.1%}, 95% interval {low:.1%}-{high:.1%}), "
        f"{found} of {called} called completions were; friction found {caught}/"
        f"{len(struggles)} ({caught / len(struggles):.1%}); "
        f"{alarms * 100 / total:.2f} false alarms per 100 names"
    )


def main() -> int:
    from trackinglint.classification import classify
    from trackinglint.model import Event, Origin, Plan
    from trackinglint.sources import Document
    from trackinglint.sources.yaml_loader import load_yaml

    def entries(file: str) -> list[dict[str, Any]]:
        return list(load_yaml((DATA / file).read_text(encoding="utf-8"))[0]["events"])

    settled = {(item["name"], item["source"]): item for item in entries("real-names.yaml")}
    reading = {(item["name"], item["source"]): item for item in entries("names-only-reading.yaml")}
    document = Document(Path("names.yaml"), "names.yaml", "", {}, None)
    plan = Plan(documents=[document])
    plan.events = {name: Event(name, Origin(document)) for name, _ in reading}
    verdicts = classify(plan).events
    for part, held_out in (("held-out fifth", True), ("tuning names, a sample", False)):
        keys = [key for key in reading if bool(settled[key].get("holdout")) == held_out]
        reader = {
            key: (reading[key]["label"] == COMPLETION, bool(reading[key].get("friction")))
            for key in keys
        }
        classifier = {
            key: (verdicts[key[0]].kind == COMPLETION, verdicts[key[0]].friction) for key in keys
        }
        print(f"{part}: {len(keys)} real names, against the settled labels")
        print(f"  reader, name alone: {scores(reader, settled)}")
        print(f"  classifier:         {scores(classifier, settled)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
