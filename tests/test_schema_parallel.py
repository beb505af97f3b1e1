"""A large native plan is schema-checked in a forked child; findings are the same."""

from __future__ import annotations

import os
import threading

import pytest

from trackinglint import Engine, schema
from trackinglint.plugins import build_registry
from trackinglint.policy import Overrides

REGISTRY = build_registry(load_entry_points=False)


def _big_plan(broken_event: int) -> str:
    lines = ["trackinglint: 1", "events:"]
    for index in range(3000):
        kind = "motion" if index == broken_event else "feature_interaction"
        lines += [
            f"  Page {index} Viewed:",
            f"    kind: {kind}",
            "    description: " + "A page was shown to the user. " * 10,
        ]
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("threshold", [1, 10**9], ids=["forked", "in-process"])
def test_schema_findings_do_not_depend_on_forking(tmp_path, monkeypatch, threshold):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(schema, "_FORK_THRESHOLD", threshold)
    forks = []
    real_fork = os.fork
    monkeypatch.setattr(os, "fork", lambda: forks.append(1) or real_fork())
    path = tmp_path / "plan.yaml"
    path.write_text(_big_plan(broken_event=2500))
    result = Engine(REGISTRY, overrides=Overrides(select=("TL002",))).lint([path])
    [finding] = result.findings
    assert (finding.line, finding.column) == (2 + 3 * 2500 + 2, 11)
    assert finding.message.startswith('a string ("motion") is not allowed at events."Page 2500')
    single_threaded = threading.active_count() == 1
    assert len(forks) == (1 if threshold == 1 and single_threaded else 0)


def test_a_failing_child_falls_back_to_checking_here(monkeypatch):
    monkeypatch.setattr(schema, "_FORK_THRESHOLD", 1)
    monkeypatch.setattr(schema, "pickle", None)  # the child cannot send its result
    if threading.active_count() > 1:
        pytest.skip("forking is off in a multi-threaded process")
    collect = schema.start_validation({"trackinglint": 2}, size=10)
    [problem] = collect()
    assert problem.message == "expected 1 at trackinglint, got an integer (2)"


def test_a_document_broken_throughout_lists_the_first_violations_and_stops(monkeypatch):
    import trackinglint.schema as schema

    monkeypatch.setattr(schema, "MAX_PROBLEMS", 5)
    data = {
        "trackinglint": 1,
        "events": {f"E{i}": {"descripton": "typo"} for i in range(50)},
    }
    problems = schema.validate_native(data)
    assert len(problems) == 6
    assert problems[0].pointer == () and problems[0].message.startswith(
        "more than 5 schema violations: only the first ones are listed"
    )
