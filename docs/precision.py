"""Findings per event on real plans, and every finding by rule, for judging by hand.

    .venv/bin/python docs/precision.py PLAN...          # one line per plan, then totals
    .venv/bin/python docs/precision.py --list PLAN...   # every finding, grouped by rule

Each PLAN (a file or a folder) is linted on its own with the default rules, as
`trackinglint check PLAN` would. See docs/precision.md for the verdicts.
"""

from __future__ import annotations

import sys
from collections import Counter, defaultdict

from trackinglint import Engine


def main(argv: list[str]) -> int:
    listing = "--list" in argv
    plans = [arg for arg in argv if arg != "--list"]
    engine = Engine()
    total_findings = total_events = 0
    codes: Counter[str] = Counter()
    by_rule: dict[str, list[str]] = defaultdict(list)
    for plan in plans:
        result = engine.lint([plan])
        events = sum(len(found.events) for found in result.plans)
        counts = Counter(finding.code for finding in result.findings)
        codes.update(counts)
        total_findings += len(result.findings)
        total_events += events
        for finding in result.findings:
            by_rule[finding.code].append(f"{finding.file}:{finding.line}: {finding.message}")
        if not listing:
            per_event = len(result.findings) / max(events, 1)
            print(f"{len(result.findings):5} findings {events:4} events {per_event:5.2f}/event  "
                  f"{plan}  {dict(counts.most_common())}")  # fmt: skip
    if listing:
        for code in sorted(by_rule):
            print(f"== {code} ({len(by_rule[code])})")
            print("\n".join(by_rule[code]))
        return 0
    per_event = total_findings / max(total_events, 1)
    print(f"TOTAL {total_findings} findings, {total_events} events, {per_event:.2f}/event  "
          f"{dict(codes.most_common())}")  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
