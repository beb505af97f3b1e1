#!/usr/bin/env python3
"""Compare the diagnostics a real editor showed with `trackinglint check` of the same file.

    python scripts/editors/same_as_check.py PLAN EDITOR_JSON

EDITOR_JSON is what the editor script dumped: a list of objects with `code`,
`line` and `column` (1-based, as the CLI prints them) and `message`. Prints
the differences and exits 1 if there are any, 0 if the editor showed exactly
the findings the CLI reports; exits 2 if the editor showed none at all (the
server never attached, which must not pass as "equal" on a clean plan).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

Row = tuple[str, int, int, str]


def from_check(plan: Path) -> set[Row]:
    command = ["trackinglint", "check", "--output-format", "json"]  # as the editor runs it
    run = subprocess.run(
        [*command, plan.name], capture_output=True, text=True, cwd=plan.parent, check=False
    )
    if run.returncode not in (0, 1):
        sys.exit(f"trackinglint check failed ({run.returncode}): {run.stderr}")
    return {(f["code"], f["line"], f["column"], f["message"]) for f in json.loads(run.stdout)}


def from_editor(dump: Path) -> set[Row]:
    rows = json.loads(dump.read_text())
    return {(str(d["code"]), int(d["line"]), int(d["column"]), d["message"]) for d in rows}


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    plan, dump = Path(argv[0]).resolve(), Path(argv[1])
    cli, editor = from_check(plan), from_editor(dump)
    if not editor:
        print(f"{dump}: the editor showed no trackinglint diagnostics", file=sys.stderr)
        return 2
    for label, rows in (("only in check", cli - editor), ("only in the editor", editor - cli)):
        for code, line, column, message in sorted(rows):
            print(f"{label}: {plan.name}:{line}:{column}: {code} {message}")
    if cli != editor:
        return 1
    print(f"{plan.name}: the editor showed the {len(cli)} findings `trackinglint check` reports")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
